package render

import (
	"bytes"
	"encoding/csv"
	"fmt"
	"io"
	"slices"
	"strings"
	"text/tabwriter"
	"unicode/utf8"

	"github.com/piano-plan/piano/data"
	"github.com/piano-plan/piano/eval"
	"github.com/piano-plan/piano/lang"
	"github.com/piano-plan/piano/lang/ast"
	"github.com/piano-plan/piano/lang/check"
	"github.com/piano-plan/piano/lang/format"
	"github.com/piano-plan/piano/lang/unit"
)

// EvalReport is a scored plan as data: the JSON and YAML output of piano
// eval (schema piano.eval/v1, schema/eval.json).
type EvalReport struct {
	Schema string    `json:"schema" yaml:"schema"`
	Plan   string    `json:"plan" yaml:"plan"`
	Year   int       `json:"year" yaml:"year"`
	Score  *Num      `json:"score" yaml:"score"`
	Band   *EvalBand `json:"band,omitempty" yaml:"band,omitempty"`
	// Limited is there when the plan's score line acted on its score.
	Limited *EvalLimit  `json:"limited,omitempty" yaml:"limited,omitempty"`
	Nodes   []*EvalNode `json:"nodes" yaml:"nodes"`
	// Schede and Differentiation are there when the plan has schede.
	Schede          []*EvalScheda        `json:"schede,omitempty" yaml:"schede,omitempty"`
	Differentiation *EvalDifferentiation `json:"differentiation,omitempty" yaml:"differentiation,omitempty"`
	Diagnostics     []JSONDiagnostic     `json:"diagnostics" yaml:"diagnostics"`
}

// EvalNode is one node of the scored tree. An indicator carries the
// fields of EvalIndicator too.
type EvalNode struct {
	Code           string     `json:"code" yaml:"code"`
	Kind           check.Kind `json:"kind" yaml:"kind"`
	Name           string     `json:"name" yaml:"name"`
	Weight         Num        `json:"weight" yaml:"weight"`
	Score          *Num       `json:"score" yaml:"score"`
	*EvalIndicator `yaml:",inline,omitempty"`
	Band           *EvalBand   `json:"band,omitempty" yaml:"band,omitempty"`
	Limited        *EvalLimit  `json:"limited,omitempty" yaml:"limited,omitempty"`
	LeftOut        []string    `json:"left_out,omitempty" yaml:"left_out,omitempty"`
	Children       []*EvalNode `json:"children,omitempty" yaml:"children,omitempty"`
}

// EvalLimit says that a node's score line acted on its score: by "cap"
// or "floor", on the weighted mean of its children, written at a place of
// the plan.
type EvalLimit struct {
	By   string `json:"by" yaml:"by"`
	Mean *Num   `json:"mean" yaml:"mean"`
	At   string `json:"at" yaml:"at"`
}

func newEvalLimit(r *eval.Result, n *eval.NodeResult) *EvalLimit {
	if n.Limited == "" {
		return nil
	}
	file, at := r.Plan.Locate(n.Node.Limits.Src.Rng)
	return &EvalLimit{By: n.Limited, Mean: figure(n.Mean), At: lang.Where(file, at)}
}

// EvalBand is the band that holds a node's score, in the table of its
// level; absent when the level has no table or the node no score.
type EvalBand struct {
	Table  string `json:"table" yaml:"table"`
	Code   string `json:"code" yaml:"code"`
	Label  string `json:"label,omitempty" yaml:"label,omitempty"`
	Payout *Num   `json:"payout,omitempty" yaml:"payout,omitempty"`
}

func newEvalBand(r *eval.Result, n *eval.NodeResult) *EvalBand {
	if n.Band == nil {
		return nil
	}
	b := &EvalBand{Table: r.Plan.BandsFor[check.Level(n.Node.Kind)].Name, Code: n.Band.Code, Label: n.Band.Label}
	if n.Band.Payout != nil {
		b.Payout = figure(n.Band.Payout)
	}
	return b
}

// EvalIndicator is what an indicator adds to its node: the value (null
// when value_status is not number), the date of a deadline done
// (value_date), the target, the achievement and the status.
type EvalIndicator struct {
	Value       *Num             `json:"value" yaml:"value"`
	ValueDate   *string          `json:"value_date,omitempty" yaml:"value_date,omitempty"`
	ValueStatus string           `json:"value_status" yaml:"value_status"`
	Unit        string           `json:"unit" yaml:"unit"`
	Target      *Target          `json:"target" yaml:"target"`
	Deviation   *Num             `json:"deviation" yaml:"deviation"`
	Achievement *Num             `json:"achievement" yaml:"achievement"`
	Status      string           `json:"status" yaml:"status"`
	LateDays    int              `json:"late_days" yaml:"late_days"`
	Reason      string           `json:"reason,omitempty" yaml:"reason,omitempty"`
	Neutralised *EvalNeutralised `json:"neutralised,omitempty" yaml:"neutralised,omitempty"`
}

// EvalNeutralised is the decision that leaves an indicator out for the
// year (sterilizzazione), and where a data file records it.
type EvalNeutralised struct {
	Reason    string `json:"reason" yaml:"reason"`
	DecidedBy string `json:"decided_by" yaml:"decided_by"`
	At        string `json:"at" yaml:"at"`
}

// NewEvalReport returns r and the diagnostics of its run as data: scores
// and achievements rounded as lang.Figure prints them, values to six
// decimals.
func NewEvalReport(r *eval.Result, ds lang.Diagnostics) *EvalReport {
	rep := &EvalReport{Schema: SchemaEval, Plan: r.Root.Node.Name, Year: r.Year, Score: figure(r.Root.Score),
		Band: newEvalBand(r, r.Root), Limited: newEvalLimit(r, r.Root), Nodes: []*EvalNode{}, Diagnostics: diagnostics(ds)}
	for _, c := range r.Root.Children {
		rep.Nodes = append(rep.Nodes, evalNode(r, c))
	}
	rep.Schede, rep.Differentiation = newEvalSchede(r)
	return rep
}

func evalNode(r *eval.Result, n *eval.NodeResult) *EvalNode {
	out := &EvalNode{Code: n.Node.Code, Kind: n.Node.Kind, Name: n.Node.Name, Weight: Num(n.Node.Weight),
		Score: figure(n.Score), Band: newEvalBand(r, n), Limited: newEvalLimit(r, n), LeftOut: n.LeftOut}
	if iv := n.Indicator; iv != nil {
		ei := &EvalIndicator{Unit: iv.Indicator.Unit.String(), Target: newTarget(iv.Target), Deviation: figure(iv.Deviation),
			Achievement: figure(iv.Achievement), Status: status(n.Status), LateDays: iv.Scoring.LateDays}
		ei.Value, ei.ValueDate, ei.ValueStatus = datumFields(iv.Value, len(iv.Absent) > 0)
		if iv.Achievement == nil {
			ei.Reason = iv.Missing
		}
		if nt := iv.Neutralised; nt != nil {
			ei.Neutralised = &EvalNeutralised{Reason: nt.Reason, DecidedBy: nt.DecidedBy, At: nt.Where()}
		}
		out.EvalIndicator = ei
	}
	for _, c := range n.Children {
		out.Children = append(out.Children, evalNode(r, c))
	}
	return out
}

// target prints a target as the plan writes it: ">= 900", "by 2021-10-31";
// "" for none.
func target(t *ast.Target) string {
	if t == nil {
		return ""
	}
	return format.Target(*t)
}

// EvalJSON prints the scored plan and the diagnostics of its run as JSON
// (EvalReport).
func EvalJSON(w io.Writer, r *eval.Result, ds lang.Diagnostics) error {
	return JSON(w, NewEvalReport(r, ds))
}

// EvalYAML prints the scored plan and the diagnostics of its run as YAML
// (EvalReport).
func EvalYAML(w io.Writer, r *eval.Result, ds lang.Diagnostics) error {
	return YAML(w, NewEvalReport(r, ds))
}

// row is one node flattened for tables, CSV and Markdown.
type row struct {
	depth                                               int
	code, kind, name, weight, score, value, target, ach string
	status                                              string
	late                                                int    // days a deadline was missed by
	dev, devCSV                                         string // the deviation (scostamento), with its unit and bare
	neutral                                             string // why and by whom a neutralised indicator is left out
	band                                                string // the band's code, when the plan has band tables
}

// statusText is the status with the days late of a missed deadline.
func (rw row) statusText() string {
	if rw.late > 0 {
		return fmt.Sprintf("%s (%d days late)", rw.status, rw.late)
	}
	return rw.status
}

func evalRows(r *eval.Result) []row {
	out := make([]row, 0, nodes(r.Root))
	var walk func(n *eval.NodeResult, depth int)
	walk = func(n *eval.NodeResult, depth int) {
		rw := row{depth: depth, code: n.Node.Code, kind: string(n.Node.Kind), name: n.Node.Name,
			weight: lang.Figure(n.Node.Weight) + "%", score: lang.Percent(n.Score)}
		if n.Band != nil {
			rw.band = n.Band.Code
		}
		if iv := n.Indicator; iv != nil {
			rw.value = displayValue(iv)
			rw.target = target(iv.Target)
			rw.ach = lang.Percent(iv.Achievement)
			rw.status = string(n.Status)
			rw.late = iv.Scoring.LateDays
			rw.dev, rw.devCSV = deviationText(iv)
			if nt := iv.Neutralised; nt != nil {
				rw.neutral = nt.Reason + "; decided by " + nt.DecidedBy
			}
		}
		out = append(out, rw)
		for _, c := range n.Children {
			walk(c, depth+1)
		}
	}
	walk(r.Root, 0)
	out[0].code, out[0].kind = "PLAN", "plan"
	return out
}

// nodes counts n and the nodes under it.
func nodes(n *eval.NodeResult) int {
	k := 1
	for _, c := range n.Children {
		k += nodes(c)
	}
	return k
}

// deviationText prints an indicator's deviation (scostamento) signed, with
// its unit for tables ("-100", "+2.5 pp", "+5 days") and bare for CSV.
func deviationText(iv *eval.IndicatorValue) (text, bare string) {
	if iv.Deviation == nil {
		return "", ""
	}
	d := *iv.Deviation
	bare = lang.Figure(d)
	text = bare
	if d > 0 {
		text = "+" + bare
	}
	switch {
	case iv.Target.Op == ast.By:
		text += " days"
	case iv.Indicator.Unit == unit.Pct:
		text += " pp"
	}
	return text, bare
}

// displayValue prints a value for tables: at most four decimals, with a %
// sign for percentages.
func displayValue(iv *eval.IndicatorValue) string {
	if iv.Value.Kind != data.NumberDatum {
		return iv.Value.String()
	}
	v := lang.Figure(iv.Value.Number)
	if iv.Indicator.Unit == unit.Pct {
		v += "%"
	}
	return v
}

// EvalTable prints the scored tree as aligned columns for a terminal, then
// the overall score and the nodes left out of the roll-up.
func EvalTable(w io.Writer, r *eval.Result) error {
	var b bytes.Buffer
	tw := tabwriter.NewWriter(&b, 0, 0, 2, ' ', 0)
	banded := len(r.Plan.Bands) > 0
	head := "CODE\tNAME\tWEIGHT\tSCORE\tVALUE\tTARGET\tDEVIATION\tACHIEVEMENT\tSTATUS"
	if banded {
		head = "CODE\tNAME\tWEIGHT\tSCORE\tBAND\tVALUE\tTARGET\tDEVIATION\tACHIEVEMENT\tSTATUS"
	}
	fmt.Fprintln(tw, head)
	for _, rw := range evalRows(r) {
		score := rw.score
		if banded {
			score += "\t" + printable(rw.band)
		}
		// Plan and data text is escaped (a tab in a name would also break the columns).
		fmt.Fprintf(tw, "%s%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n", strings.Repeat("  ", rw.depth), printable(rw.code),
			printable(shorten(rw.name, 48)), rw.weight, score, printable(rw.value), printable(rw.target), rw.dev, rw.ach, rw.statusText())
	}
	tw.Flush()
	for line := range bytes.Lines(b.Bytes()) {
		w.Write(bytes.TrimRight(line, " \n"))
		if bytes.HasSuffix(line, []byte("\n")) {
			io.WriteString(w, "\n")
		}
	}
	fmt.Fprintf(w, "\nOverall score for %d: %s%s\n", r.Year, lang.Percent(r.Root.Score), printable(overallBand(r)))
	if left := leftOut(r); len(left) > 0 {
		fmt.Fprintf(w, "Left out of the roll-up: %s\n", printable(strings.Join(left, ", ")))
	}
	return nil
}

// leftOut lists the nodes left out of their parent's mean, in tree order,
// each with why: "I1 (N/D)", "I2 (not assessed)", "I3 (missing)".
func leftOut(r *eval.Result) []string {
	var out []string
	var walk func(n *eval.NodeResult)
	walk = func(n *eval.NodeResult) {
		for _, c := range n.Children {
			switch {
			case !slices.Contains(n.LeftOut, c.Node.Code):
			case c.Indicator != nil && c.Indicator.Neutralised != nil:
				nt := c.Indicator.Neutralised
				out = append(out, c.Node.Code+" (neutralised: "+nt.Reason+"; decided by "+nt.DecidedBy+")")
			default:
				out = append(out, c.Node.Code+" ("+c.LeftOutAs()+")")
			}
			walk(c)
		}
	}
	walk(r.Root)
	return out
}

// shorten cuts s to at most n characters, the last an ellipsis.
func shorten(s string, n int) string {
	if len(s) <= n || utf8.RuneCountInString(s) <= n {
		return s
	}
	i := 0
	for range n - 1 {
		_, size := utf8.DecodeRuneInString(s[i:])
		i += size
	}
	return s[:i] + "…"
}

// EvalCSV prints one row per node.
func EvalCSV(w io.Writer, r *eval.Result) error {
	cw := csv.NewWriter(w)
	banded, neutral := len(r.Plan.Bands) > 0, neutralised(r)
	head := []string{"code", "kind", "depth", "name", "weight", "score", "value", "target", "achievement", "status", "late_days", "deviation"}
	if banded {
		head = append(head, "band")
	}
	if neutral {
		head = append(head, "neutralised")
	}
	cw.Write(head)
	for _, rw := range evalRows(r) {
		late := ""
		if rw.late > 0 {
			late = fmt.Sprint(rw.late)
		}
		rec := []string{rw.code, rw.kind, fmt.Sprint(rw.depth), rw.name, strings.TrimSuffix(rw.weight, "%"),
			strings.TrimSuffix(rw.score, "%"), strings.TrimSuffix(rw.value, "%"), rw.target, strings.TrimSuffix(rw.ach, "%"), rw.status, late, rw.devCSV}
		if banded {
			rec = append(rec, rw.band)
		}
		if neutral {
			rec = append(rec, rw.neutral)
		}
		cw.Write(rec)
	}
	cw.Flush()
	return cw.Error()
}

// EvalMarkdown prints the scored tree as a Markdown table, for a pull
// request comment or a report.
func EvalMarkdown(w io.Writer, r *eval.Result) error {
	fmt.Fprintf(w, "## %s — %d\n\n**Overall score: %s%s**\n\n", mdText(r.Root.Node.Name), r.Year, lang.Percent(r.Root.Score), mdText(overallBand(r)))
	if left := leftOut(r); len(left) > 0 {
		fmt.Fprintf(w, "Left out of the roll-up: %s\n\n", mdText(strings.Join(left, ", ")))
	}
	banded := len(r.Plan.Bands) > 0
	if banded {
		fmt.Fprintln(w, "| code | name | weight | score | band | value | target | deviation | achievement | status |")
		fmt.Fprintln(w, "|---|---|---:|---:|---|---:|---|---:|---:|---|")
	} else {
		fmt.Fprintln(w, "| code | name | weight | score | value | target | deviation | achievement | status |")
		fmt.Fprintln(w, "|---|---|---:|---:|---:|---|---:|---:|---|")
	}
	for _, rw := range evalRows(r)[1:] {
		score := rw.score
		if banded {
			score += " | " + mdText(rw.band)
		}
		fmt.Fprintf(w, "| %s%s | %s | %s | %s | %s | %s | %s | %s | %s |\n", strings.Repeat("&nbsp;&nbsp;", rw.depth-1), mdText(rw.code),
			mdText(rw.name), rw.weight, score, mdPrinted(rw.value), mdPrinted(rw.target), rw.dev, rw.ach, rw.statusText())
	}
	return nil
}

// overallBand names the band of the plan's score, " (band A)", or "".
func overallBand(r *eval.Result) string {
	if r.Root.Band == nil {
		return ""
	}
	return " (band " + r.Root.Band.Code + ")"
}

// neutralised reports whether an indicator of r is neutralised.
func neutralised(r *eval.Result) bool {
	for _, iv := range r.Indicators {
		if iv.Neutralised != nil {
			return true
		}
	}
	return false
}
