package pianotest

import (
	"fmt"
	"maps"
	"math"
	"slices"
	"strings"

	"github.com/piano-plan/piano"
	"github.com/piano-plan/piano/eval"
	"github.com/piano-plan/piano/lang"
	"github.com/piano-plan/piano/lang/check"
)

// FileResult is a test file run: the outcome of each of its cases.
type FileResult struct {
	File *File
	// Plan is the plan tested; nil when it could not be read (Err).
	Plan *piano.Plan
	Err  error
	// Problems are the test file's problems (its Diagnostics, and those
	// that need the plan to be seen): a file with any is not run.
	Problems lang.Diagnostics
	// PlanDiagnostics are the plan's errors when it has any: then no case
	// is run.
	PlanDiagnostics lang.Diagnostics
	Cases           []*CaseResult
	// Coverage is which weighted indicators the cases exercise.
	Coverage Coverage
}

// CaseResult is the outcome of one case.
type CaseResult struct {
	Case *Case
	// Failures are the expectations not met (ETestFailed), in the order
	// the test file writes them.
	Failures lang.Diagnostics
	// Errors stopped the case before its expectations could be checked:
	// a year the plan does not plan, data with errors, unknown codes.
	Errors lang.Diagnostics
	// Warnings are the evaluation's warnings.
	Warnings lang.Diagnostics
	Result   *eval.Result // nil when Errors stopped the case
	Sources  lang.Sources // the texts the diagnostics point into
	Checked  int          // expectations checked
}

// Passed reports whether the case met every expectation.
func (c *CaseResult) Passed() bool { return len(c.Errors) == 0 && len(c.Failures) == 0 }

// Passed reports whether the file could be run and every case passed.
func (r *FileResult) Passed() bool {
	if r.Err != nil || len(r.Problems) > 0 || len(r.PlanDiagnostics) > 0 {
		return false
	}
	for _, c := range r.Cases {
		if !c.Passed() {
			return false
		}
	}
	return true
}

// Run loads the plan of a test file and runs its cases with opts (whose
// AllowMissing each case sets for itself). A file with Diagnostics is not
// run.
func Run(f *File, opts piano.Options) *FileResult {
	r := &FileResult{File: f, Problems: f.Diagnostics}
	if f.doc == nil {
		return r
	}
	plans := map[bool]*piano.Plan{}
	load := func(allowMissing bool) *piano.Plan {
		if p, ok := plans[allowMissing]; ok {
			return p
		}
		o := opts
		o.AllowMissing = allowMissing
		p, err := piano.LoadFile(f.Plan, o)
		if err != nil {
			r.Err = err
			r.PlanDiagnostics = lang.Diagnostics{{Severity: lang.Error, Code: EBadTest,
				Summary: "cannot read the plan " + f.Plan, Detail: upper(err.Error()) + ".",
				Hint: "a test file NAME" + Suffix + " tests the plan NAME.plan beside it", File: f.Path, Subject: f.at(1, 1)}}
			return nil
		}
		plans[allowMissing] = p
		return p
	}
	if r.Plan = load(false); r.Plan == nil {
		return r
	}
	if !r.Plan.OK() {
		for _, d := range r.Plan.Diagnostics {
			if d.Severity == lang.Error {
				r.PlanDiagnostics = append(r.PlanDiagnostics, d)
			}
		}
		return r
	}
	r.Coverage = newCoverage(r.Plan)
	if len(f.Diagnostics) > 0 {
		// Report every problem of the file, those that need the plan
		// too, and run nothing.
		for _, c := range f.Cases {
			r.Problems = append(r.Problems, staticCheck(f, r.Plan, c)...)
		}
		r.Problems.Sort()
		return r
	}
	for _, c := range f.Cases {
		p := load(c.AllowMissing)
		if p == nil {
			return r
		}
		cr := runCase(f, p, c)
		r.Coverage.add(cr)
		r.Cases = append(r.Cases, cr)
	}
	return r
}

func runCase(f *File, p *piano.Plan, c *Case) *CaseResult {
	cr := &CaseResult{Case: c, Sources: p.Sources()}
	cr.Sources[f.Path] = f.Text
	bad := func(r lang.Range, summary, detail, hint string) {
		cr.Errors = append(cr.Errors, &lang.Diagnostic{Severity: lang.Error, Code: EBadTest, Summary: summary, Detail: detail, Hint: hint, File: f.Path, Subject: r})
	}
	if cr.Errors = staticCheck(f, p, c); len(cr.Errors) > 0 {
		return cr
	}
	d := p.NewData()
	for _, path := range c.DataFiles {
		if err := d.AddFile(path); err != nil {
			bad(f.nodeRange(c.dataNode), "cannot read data file", err.Error()+".", "give the data file's path relative to the test file")
			return cr
		}
	}
	if c.Inline != nil {
		d.Add(f.Path, c.Inline)
	}
	for name, text := range d.Sources {
		if name != f.Path {
			cr.Sources[name] = text
		}
	}
	res, diags, err := p.Evaluate(d, c.Year)
	if err != nil {
		bad(f.nodeRange(c.dataNode), "the case cannot be evaluated", upper(err.Error())+".", "give data for the case's year")
		return cr
	}
	for _, dg := range diags {
		if dg.Severity == lang.Error {
			cr.Errors = append(cr.Errors, dg)
		} else {
			cr.Warnings = append(cr.Warnings, dg)
		}
	}
	if res == nil {
		return cr
	}
	cr.Result = res
	for _, e := range c.Expect {
		cr.Checked++
		if d := e.check(f, c, res); d != nil {
			cr.Failures = append(cr.Failures, d)
		}
	}
	return cr
}

// CodeRange is where the expectation's code (or plan:) is written in its
// test file f: what a rename of the node changes.
func (e *Expectation) CodeRange(f *File) lang.Range {
	if e.key != nil {
		return f.nodeRange(e.key)
	}
	return e.At
}

// actual returns what the expectation asserts, as the result gives it.
func (e *Expectation) actual(res *eval.Result) (*float64, eval.Status, *eval.NodeResult) {
	n := res.Root
	if e.Code != PlanCode {
		n = res.Find(e.Code)
	}
	if n == nil {
		return nil, "", nil
	}
	switch e.What {
	case Achievement:
		if n.Indicator == nil {
			return nil, n.Status, n
		}
		return n.Indicator.Achievement, n.Status, n
	case StatusOf:
		return nil, n.Status, n
	}
	return n.Score, n.Status, n
}

// met reports whether the expectation holds on the result.
func (e *Expectation) met(res *eval.Result) bool {
	x, st, n := e.actual(res)
	if n == nil {
		return false
	}
	if e.What == StatusOf {
		return st == e.Status
	}
	if x == nil || e.Number == nil {
		return x == nil && e.Number == nil
	}
	// The small slack keeps 93.715 within 0.005 of 93.71 despite binary
	// fractions.
	return math.Abs(*x-*e.Number) <= e.Tolerance+1e-9
}

// check returns the failure of e on the result, nil when it is met.
func (e *Expectation) check(f *File, c *Case, res *eval.Result) *lang.Diagnostic {
	if e.met(res) {
		return nil
	}
	x, st, n := e.actual(res)
	what := fmt.Sprintf("the %s of %s", e.What, e.Code)
	if e.Code == PlanCode {
		what = "the overall score"
	}
	var got, want string
	if e.What == StatusOf {
		got, want = string(st), string(e.Status)
	} else {
		got, want = percent(x), e.node.Value
		if e.Number != nil {
			want = lang.Figure(*e.Number) + "%"
		}
	}
	detail := fmt.Sprintf("Case %q, year %d: %s is %s; the test expects %s", c.Name, c.Year, what, got, want)
	if e.What != StatusOf && e.Number != nil && x != nil {
		detail += fmt.Sprintf(" within %s points (off by %s)", lang.Figure(e.Tolerance), lang.Figure(math.Abs(*x-*e.Number)))
	}
	detail += "."
	if n.Indicator != nil && e.What == StatusOf && n.Score != nil {
		detail += fmt.Sprintf(" Its score is %s.", percent(n.Score))
	}
	return &lang.Diagnostic{
		Severity: lang.Error, Code: ETestFailed,
		Summary: fmt.Sprintf("expectation not met: %s is %s, expected %s", what, got, want),
		Detail:  detail,
		Hint:    "if the new result is right, run piano test --update and review the change; piano explain shows how it came about",
		File:    f.Path, Subject: e.At,
	}
}

func percent(x *float64) string {
	if x == nil {
		return "N/D"
	}
	return lang.Figure(*x) + "%"
}

// nodeCodes maps every node's code to the node, the plan's as PlanCode.
func nodeCodes(root *check.Node) map[string]*check.Node {
	codes := map[string]*check.Node{PlanCode: root}
	var walk func(*check.Node)
	walk = func(n *check.Node) {
		if n != root {
			codes[n.Code] = n
		}
		for _, c := range n.Children {
			walk(c)
		}
	}
	walk(root)
	return codes
}

func yearRange(years []int) string {
	if len(years) == 0 {
		return "no years"
	}
	if len(years) == 1 {
		return fmt.Sprint(years[0])
	}
	return fmt.Sprintf("%d..%d", years[0], years[len(years)-1])
}

func upper(s string) string {
	if s == "" {
		return s
	}
	return strings.ToUpper(s[:1]) + s[1:]
}

// staticCheck checks a case against the plan before it runs: its year is
// a target year, its codes are the plan's, and only indicators are asked
// for an achievement or a status.
func staticCheck(f *File, p *piano.Plan, c *Case) lang.Diagnostics {
	var errs lang.Diagnostics
	bad := func(r lang.Range, summary, detail, hint string) {
		errs = append(errs, &lang.Diagnostic{Severity: lang.Error, Code: EBadTest, Summary: summary, Detail: detail, Hint: hint, File: f.Path, Subject: r})
	}
	if years := p.Checked.TargetYears; !slices.Contains(years, c.Year) {
		bad(f.nodeRange(c.yearNode), fmt.Sprintf("%d is not one of the plan's target years", c.Year),
			fmt.Sprintf("%s plans the years %s.", p.Name, yearRange(years)), fmt.Sprintf("write year: %d", years[0]))
	}
	codes := nodeCodes(p.Checked.Root)
	unknown := map[string]bool{}
	for _, e := range c.Expect {
		n, ok := codes[e.Code]
		switch {
		case !ok && unknown[e.Code]:
		case !ok:
			unknown[e.Code] = true
			hint := "piano export " + p.Name + " lists every node's code"
			if s := lang.Suggest(e.Code, slices.Sorted(maps.Keys(codes))); s != "" {
				hint = "did you mean " + s + "?"
			}
			bad(e.CodeRange(f), "unknown node code "+e.Code, "The plan has no node with this code.", hint)
		case e.What != Score && n.Kind != check.KindIndicator:
			bad(e.CodeRange(f), fmt.Sprintf("%s has no %s: it is not an indicator", e.Code, e.What),
				"Only indicators have an achievement and a status; areas, objectives and groups have a score.", "expect the score of "+e.Code)
		}
	}
	return errs
}
