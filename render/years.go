package render

import (
	"bytes"
	"encoding/csv"
	"fmt"
	"io"
	"strings"
	"text/tabwriter"

	"github.com/piano-plan/piano/eval"
	"github.com/piano-plan/piano/lang"
)

// EvalYearsReport is a plan scored for several years in one run (piano
// eval --year 2021..2023 --format json|yaml; schema piano.eval/v1, the
// second shape of schema/eval.json): one EvalReport per year, in order,
// each with the diagnostics of its own year's evaluation, and every
// diagnostic of the run once at the top.
type EvalYearsReport struct {
	Schema      string           `json:"schema" yaml:"schema"`
	Plan        string           `json:"plan" yaml:"plan"`
	Years       []*EvalReport    `json:"years" yaml:"years"`
	Diagnostics []JSONDiagnostic `json:"diagnostics" yaml:"diagnostics"`
}

// NewEvalYearsReport returns the results of several years, and the
// diagnostics of their run, as data.
func NewEvalYearsReport(rs []*eval.Result, ds lang.Diagnostics) *EvalYearsReport {
	rep := &EvalYearsReport{Schema: SchemaEval, Years: []*EvalReport{}, Diagnostics: diagnostics(ds)}
	for _, r := range rs {
		rep.Plan = r.Root.Node.Name
		rep.Years = append(rep.Years, NewEvalReport(r, r.Diagnostics))
	}
	return rep
}

// EvalYearsJSON prints the results of several years as JSON (EvalYearsReport).
func EvalYearsJSON(w io.Writer, rs []*eval.Result, ds lang.Diagnostics) error {
	return JSON(w, NewEvalYearsReport(rs, ds))
}

// EvalYearsYAML prints the results of several years as YAML (EvalYearsReport).
func EvalYearsYAML(w io.Writer, rs []*eval.Result, ds lang.Diagnostics) error {
	return YAML(w, NewEvalYearsReport(rs, ds))
}

// yearRows are the rows of each result; the results are of one plan, so
// the rows line up.
func yearRows(rs []*eval.Result) [][]row {
	out := make([][]row, len(rs))
	for i, r := range rs {
		out[i] = evalRows(r)
	}
	return out
}

// EvalYearsTable prints the scored tree with the years side by side: for
// each year the value and the score, then each year's overall score.
func EvalYearsTable(w io.Writer, rs []*eval.Result) error {
	var b bytes.Buffer
	tw := tabwriter.NewWriter(&b, 0, 0, 2, ' ', 0)
	fmt.Fprint(tw, "CODE\tNAME\tWEIGHT")
	for _, r := range rs {
		fmt.Fprintf(tw, "\tVALUE %d\tSCORE %d", r.Year, r.Year)
	}
	fmt.Fprintln(tw)
	rows := yearRows(rs)
	for i, rw := range rows[0] {
		fmt.Fprintf(tw, "%s%s\t%s\t%s", strings.Repeat("  ", rw.depth), printable(rw.code), printable(shorten(rw.name, 40)), rw.weight)
		for y := range rs {
			fmt.Fprintf(tw, "\t%s\t%s", printable(rows[y][i].value), rows[y][i].score)
		}
		fmt.Fprintln(tw)
	}
	tw.Flush()
	for _, line := range strings.SplitAfter(b.String(), "\n") {
		io.WriteString(w, strings.TrimRight(line, " \n"))
		if strings.HasSuffix(line, "\n") {
			io.WriteString(w, "\n")
		}
	}
	fmt.Fprintln(w)
	for _, r := range rs {
		fmt.Fprintf(w, "Overall score for %d: %s\n", r.Year, lang.Percent(r.Root.Score))
	}
	for _, r := range rs {
		if left := leftOut(r); len(left) > 0 {
			fmt.Fprintf(w, "Left out of the roll-up in %d: %s\n", r.Year, printable(strings.Join(left, ", ")))
		}
	}
	return nil
}

// EvalYearsCSV prints one row per year and node: EvalCSV's columns after
// a year column.
func EvalYearsCSV(w io.Writer, rs []*eval.Result) error {
	cw := csv.NewWriter(w)
	cw.Write([]string{"year", "code", "kind", "depth", "name", "weight", "score", "value", "target", "achievement", "status", "late_days"})
	for _, r := range rs {
		for _, rw := range evalRows(r) {
			late := ""
			if rw.late > 0 {
				late = fmt.Sprint(rw.late)
			}
			cw.Write([]string{fmt.Sprint(r.Year), rw.code, rw.kind, fmt.Sprint(rw.depth), rw.name, strings.TrimSuffix(rw.weight, "%"),
				strings.TrimSuffix(rw.score, "%"), strings.TrimSuffix(rw.value, "%"), rw.target, strings.TrimSuffix(rw.ach, "%"), rw.status, late})
		}
	}
	cw.Flush()
	return cw.Error()
}

// EvalYearsMarkdown prints the overall score of each year, then the tree
// with each year's value and score side by side.
func EvalYearsMarkdown(w io.Writer, rs []*eval.Result) error {
	fmt.Fprintf(w, "## %s — %s\n\n", mdText(rs[0].Root.Node.Name), yearsOf(rs))
	fmt.Fprintln(w, "| year | overall score |")
	fmt.Fprintln(w, "|---|---:|")
	for _, r := range rs {
		fmt.Fprintf(w, "| %d | **%s** |\n", r.Year, lang.Percent(r.Root.Score))
	}
	fmt.Fprintln(w)
	for _, r := range rs {
		if left := leftOut(r); len(left) > 0 {
			fmt.Fprintf(w, "Left out of the roll-up in %d: %s\n\n", r.Year, mdText(strings.Join(left, ", ")))
		}
	}
	fmt.Fprint(w, "| code | name | weight |")
	sep := "|---|---|---:|"
	for _, r := range rs {
		fmt.Fprintf(w, " value %d | score %d |", r.Year, r.Year)
		sep += "---:|---:|"
	}
	fmt.Fprintf(w, "\n%s\n", sep)
	rows := yearRows(rs)
	for i, rw := range rows[0][1:] {
		fmt.Fprintf(w, "| %s%s | %s | %s |", strings.Repeat("&nbsp;&nbsp;", rw.depth-1), mdText(rw.code), mdText(rw.name), rw.weight)
		for y := range rs {
			fmt.Fprintf(w, " %s | %s |", mdPrinted(rows[y][i+1].value), rows[y][i+1].score)
		}
		fmt.Fprintln(w)
	}
	return nil
}

// ExplainYearsReport is one node explained for several years (piano
// explain --year 2021..2023 --format json; schema piano.explain/v1, the
// second shape of schema/explain.json): the trend of its score, then one
// ExplainReport per year.
type ExplainYearsReport struct {
	Schema      string           `json:"schema"`
	Code        string           `json:"code"`
	Trend       []TrendPoint     `json:"trend"`
	Years       []*ExplainReport `json:"years"`
	Diagnostics []JSONDiagnostic `json:"diagnostics"`
}

// TrendPoint is a node's score in one year, and the plan's.
type TrendPoint struct {
	Year      int  `json:"year"`
	Score     *Num `json:"score"`
	PlanScore *Num `json:"plan_score"`
	// Change is the node's score minus the year before's, in points; null
	// for the first year or when either score is not available.
	Change *Num `json:"change"`
}

func trend(xs []*eval.Explanation) []TrendPoint {
	var out []TrendPoint
	for i, x := range xs {
		p := TrendPoint{Year: x.Year, Score: figure(x.Score), PlanScore: figure(x.Overall)}
		if i > 0 && x.Score != nil && xs[i-1].Score != nil {
			d := *x.Score - *xs[i-1].Score
			p.Change = figure(&d)
		}
		out = append(out, p)
	}
	return out
}

// ExplainYearsJSON prints a node explained for several years as JSON
// (ExplainYearsReport).
func ExplainYearsJSON(w io.Writer, xs []*eval.Explanation, ds lang.Diagnostics) error {
	rep := &ExplainYearsReport{Schema: SchemaExplain, Code: xs[0].Code, Trend: trend(xs), Years: []*ExplainReport{}, Diagnostics: diagnostics(ds)}
	for _, x := range xs {
		rep.Years = append(rep.Years, NewExplainReport(x, nil))
	}
	return JSON(w, rep)
}

// ExplainYearsText prints the trend of the node's score, then each year's
// explanation.
func ExplainYearsText(w io.Writer, xs []*eval.Explanation) error {
	x := xs[0]
	fmt.Fprintf(w, "%s %s %q, trend %d..%d:\n", x.Kind, printable(x.Code), x.Name, x.Year, xs[len(xs)-1].Year)
	for _, p := range trend(xs) {
		change := ""
		if p.Change != nil {
			change = fmt.Sprintf(" (%s%s points)", plusSign(float64(*p.Change)), lang.Figure(float64(*p.Change)))
		}
		fmt.Fprintf(w, "  %d: score %s%s; plan %s\n", p.Year, percentNum(p.Score), change, percentNum(p.PlanScore))
	}
	for _, x := range xs {
		fmt.Fprintln(w)
		if err := ExplainText(w, x); err != nil {
			return err
		}
	}
	return nil
}

func plusSign(x float64) string {
	if x > 0 {
		return "+"
	}
	return ""
}

func percentNum(n *Num) string {
	if n == nil {
		return lang.Percent(nil)
	}
	f := float64(*n)
	return lang.Percent(&f)
}

// yearsOf names the years of the results: 2021..2023 when consecutive,
// 2021, 2023 otherwise.
func yearsOf(rs []*eval.Result) string {
	first, last := rs[0].Year, rs[len(rs)-1].Year
	if last-first == len(rs)-1 {
		return fmt.Sprintf("%d..%d", first, last)
	}
	var parts []string
	for _, r := range rs {
		parts = append(parts, fmt.Sprint(r.Year))
	}
	return strings.Join(parts, ", ")
}
