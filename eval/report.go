package eval

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io"
	"slices"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/piano-plan/piano/lang"
	"github.com/piano-plan/piano/lang/ast"
	"github.com/piano-plan/piano/lang/check"
	"github.com/piano-plan/piano/lang/format"
	"github.com/piano-plan/piano/lang/unit"
	"gopkg.in/yaml.v3"
)

// Report is a scored plan as data: the JSON and YAML output of piano eval.
// Fields are added, never renamed.
type Report struct {
	Plan  string        `json:"plan" yaml:"plan"`
	Year  int           `json:"year" yaml:"year"`
	Score *check.Num    `json:"score" yaml:"score"`
	Nodes []*ReportNode `json:"nodes" yaml:"nodes"`
}

// ReportNode is one node of the scored tree.
type ReportNode struct {
	Code        string        `json:"code" yaml:"code"`
	Kind        check.Kind    `json:"kind" yaml:"kind"`
	Name        string        `json:"name" yaml:"name"`
	Weight      check.Num     `json:"weight" yaml:"weight"`
	Score       *check.Num    `json:"score" yaml:"score"`
	Value       any           `json:"value,omitempty" yaml:"value,omitempty"`
	Unit        string        `json:"unit,omitempty" yaml:"unit,omitempty"`
	Target      string        `json:"target,omitempty" yaml:"target,omitempty"`
	Achievement *check.Num    `json:"achievement,omitempty" yaml:"achievement,omitempty"`
	Status      Status        `json:"status,omitempty" yaml:"status,omitempty"`
	LateDays    int           `json:"late_days,omitempty" yaml:"late_days,omitempty"`
	Reason      string        `json:"reason,omitempty" yaml:"reason,omitempty"`
	LeftOut     []string      `json:"left_out,omitempty" yaml:"left_out,omitempty"`
	Children    []*ReportNode `json:"children,omitempty" yaml:"children,omitempty"`
}

// Report returns r as data.
func (r *Result) Report() *Report {
	rep := &Report{Plan: r.Root.Node.Name, Year: r.Year, Score: rounded(r.Root.Score), Nodes: []*ReportNode{}}
	for _, c := range r.Root.Children {
		rep.Nodes = append(rep.Nodes, reportNode(c))
	}
	return rep
}

func reportNode(n *NodeResult) *ReportNode {
	out := &ReportNode{Code: n.Node.Code, Kind: n.Node.Kind, Name: n.Node.Name, Weight: check.Num(n.Node.Weight),
		Score: rounded(n.Score), LeftOut: n.LeftOut, Status: n.Status}
	if iv := n.Indicator; iv != nil {
		out.Value = datumValue(iv.Value)
		out.Unit = iv.Indicator.Unit.String()
		out.Target = FormatTarget(iv.Target)
		out.Achievement = rounded(iv.Achievement)
		out.LateDays = iv.Scoring.LateDays
		if iv.Achievement == nil {
			out.Reason = iv.Missing
		}
	}
	for _, c := range n.Children {
		out.Children = append(out.Children, reportNode(c))
	}
	return out
}

func rounded(x *float64) *check.Num {
	if x == nil {
		return nil
	}
	n := check.Num(lang.Rounded(*x, lang.FigureDecimals))
	return &n
}

func datumValue(d Datum) any {
	switch d.Kind {
	case NumberDatum:
		return check.Num(lang.Rounded(d.Number, lang.ValueDecimals))
	case DateDatum:
		return d.Date.Format(time.DateOnly)
	case NotDoneDatum:
		return "not done"
	}
	return "N/D"
}

// FormatTarget prints a target as the plan writes it: ">= 900", "by
// 2021-10-31"; "" for none.
func FormatTarget(t *ast.Target) string {
	if t == nil {
		return ""
	}
	return format.Target(*t)
}

// WriteJSON prints the report as indented JSON.
func (r *Result) WriteJSON(w io.Writer) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(r.Report())
}

// WriteYAML prints the report as YAML.
func (r *Result) WriteYAML(w io.Writer) error {
	enc := yaml.NewEncoder(w)
	enc.SetIndent(2)
	if err := enc.Encode(r.Report()); err != nil {
		return err
	}
	return enc.Close()
}

// row is one node flattened for tables, CSV and Markdown.
type row struct {
	depth                                               int
	code, kind, name, weight, score, value, target, ach string
	status                                              string
	late                                                int // days a deadline was missed by
}

// statusText is the status with the days late of a missed deadline.
func (rw row) statusText() string {
	if rw.late > 0 {
		return fmt.Sprintf("%s (%d days late)", rw.status, rw.late)
	}
	return rw.status
}

func (r *Result) rows() []row {
	var out []row
	var walk func(n *NodeResult, depth int)
	walk = func(n *NodeResult, depth int) {
		rw := row{depth: depth, code: n.Node.Code, kind: string(n.Node.Kind), name: n.Node.Name,
			weight: num(n.Node.Weight) + "%", score: lang.Percent(n.Score)}
		if iv := n.Indicator; iv != nil {
			rw.value = displayValue(iv)
			rw.target = FormatTarget(iv.Target)
			rw.ach = lang.Percent(iv.Achievement)
			rw.status = string(n.Status)
			rw.late = iv.Scoring.LateDays
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

// displayValue prints a value for tables: at most four decimals, with a %
// sign for percentages.
func displayValue(iv *IndicatorValue) string {
	switch iv.Value.Kind {
	case NumberDatum:
		v := num(iv.Value.Number)
		if iv.Indicator.Unit == unit.Pct {
			v += "%"
		}
		return v
	case DateDatum:
		return iv.Value.Date.Format(time.DateOnly)
	case NotDoneDatum:
		return "not done"
	}
	return "N/D"
}

// WriteTable prints the scored tree as aligned columns for a terminal, then
// the overall score and the nodes left out of the roll-up.
func (r *Result) WriteTable(w io.Writer) error {
	var b bytes.Buffer
	tw := tabwriter.NewWriter(&b, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "CODE\tNAME\tWEIGHT\tSCORE\tVALUE\tTARGET\tACHIEVEMENT\tSTATUS")
	for _, rw := range r.rows() {
		fmt.Fprintf(tw, "%s%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n", strings.Repeat("  ", rw.depth), rw.code,
			shorten(rw.name, 48), rw.weight, rw.score, rw.value, rw.target, rw.ach, rw.statusText())
	}
	tw.Flush()
	for _, line := range strings.SplitAfter(b.String(), "\n") {
		io.WriteString(w, strings.TrimRight(line, " \n"))
		if strings.HasSuffix(line, "\n") {
			io.WriteString(w, "\n")
		}
	}
	fmt.Fprintf(w, "\nOverall score for %d: %s\n", r.Year, lang.Percent(r.Root.Score))
	if left := r.leftOut(); len(left) > 0 {
		fmt.Fprintf(w, "Left out of the roll-up: %s\n", strings.Join(left, ", "))
	}
	return nil
}

// leftOut lists the nodes left out of their parent's mean, in tree order,
// each with why: "I1 (N/D)", "I2 (not assessed)", "I3 (missing)".
func (r *Result) leftOut() []string {
	var out []string
	var walk func(n *NodeResult)
	walk = func(n *NodeResult) {
		for _, c := range n.Children {
			if slices.Contains(n.LeftOut, c.Node.Code) {
				out = append(out, c.Node.Code+" ("+c.leftOutAs()+")")
			}
			walk(c)
		}
	}
	walk(r.Root)
	return out
}

// leftOutAs names the state that leaves n out of its parent's mean: N/D,
// not assessed or missing for an indicator; for any other node, the states
// of its children, or "no score" when they differ.
func (n *NodeResult) leftOutAs() string {
	if n.Indicator != nil {
		switch n.Status {
		case NotAssessed, MissingData:
			return string(n.Status)
		}
		return "N/D"
	}
	as := ""
	for _, c := range n.Children {
		if c.Node.Weight == 0 {
			continue
		}
		switch s := c.leftOutAs(); {
		case as == "":
			as = s
		case as != s:
			return "no score"
		}
	}
	if as == "" {
		return "no score"
	}
	return as
}

func shorten(s string, n int) string {
	rs := []rune(s)
	if len(rs) <= n {
		return s
	}
	return string(rs[:n-1]) + "…"
}

// WriteCSV prints one row per node.
func (r *Result) WriteCSV(w io.Writer) error {
	cw := csv.NewWriter(w)
	cw.Write([]string{"code", "kind", "depth", "name", "weight", "score", "value", "target", "achievement", "status", "late_days"})
	for _, rw := range r.rows() {
		late := ""
		if rw.late > 0 {
			late = fmt.Sprint(rw.late)
		}
		cw.Write([]string{rw.code, rw.kind, fmt.Sprint(rw.depth), rw.name, strings.TrimSuffix(rw.weight, "%"),
			strings.TrimSuffix(rw.score, "%"), strings.TrimSuffix(rw.value, "%"), rw.target, strings.TrimSuffix(rw.ach, "%"), rw.status, late})
	}
	cw.Flush()
	return cw.Error()
}

// WriteMarkdown prints the scored tree as a Markdown table, for a pull
// request comment or a report.
func (r *Result) WriteMarkdown(w io.Writer) error {
	esc := strings.NewReplacer("|", `\|`, "\n", " ")
	fmt.Fprintf(w, "## %s — %d\n\n**Overall score: %s**\n\n", r.Root.Node.Name, r.Year, lang.Percent(r.Root.Score))
	if left := r.leftOut(); len(left) > 0 {
		fmt.Fprintf(w, "Left out of the roll-up: %s\n\n", esc.Replace(strings.Join(left, ", ")))
	}
	fmt.Fprintln(w, "| code | name | weight | score | value | target | achievement | status |")
	fmt.Fprintln(w, "|---|---|---:|---:|---:|---|---:|---|")
	for _, rw := range r.rows()[1:] {
		fmt.Fprintf(w, "| %s%s | %s | %s | %s | %s | %s | %s | %s |\n", strings.Repeat("&nbsp;&nbsp;", rw.depth-1), esc.Replace(rw.code),
			esc.Replace(rw.name), rw.weight, rw.score, rw.value, esc.Replace(rw.target), rw.ach, rw.statusText())
	}
	return nil
}
