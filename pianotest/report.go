package pianotest

import (
	"bytes"
	"fmt"
	"io"
	"maps"

	"github.com/piano-plan/piano/lang"
)

// Report is the outcome of a run of several test files.
type Report struct {
	Files []*FileResult
}

// Passed reports whether every file ran and every case passed.
func (r *Report) Passed() bool {
	for _, f := range r.Files {
		if !f.Passed() {
			return false
		}
	}
	return true
}

// Coverage is the coverage of every plan tested, together.
func (r *Report) Coverage() Total {
	var t Total
	for _, f := range r.Files {
		t.Add(f.Coverage)
	}
	return t
}

// ReportOptions say how much WriteText prints.
type ReportOptions struct {
	Verbose      bool // also the evaluations' warnings and the uncovered indicators
	CoverageList bool // list the uncovered indicators
}

// WriteDiagnostics prints to w every problem of the run, as lang.WriteText
// does: bad test files, plans with errors, cases that could not run, and
// each expectation not met at its place in the test file. Warnings are
// printed when verbose.
func (r *Report) WriteDiagnostics(w io.Writer, verbose bool) error {
	var b bytes.Buffer
	for _, f := range r.Files {
		src := lang.Sources{f.File.Path: f.File.Text}
		lang.WriteText(&b, f.Problems, src)
		if f.Plan != nil {
			maps.Copy(src, f.Plan.Sources())
		}
		lang.WriteText(&b, f.PlanDiagnostics, src)
		for _, c := range f.Cases {
			ds := append(append(lang.Diagnostics{}, c.Errors...), c.Failures...)
			if verbose {
				ds = append(ds, c.Warnings...)
			}
			lang.WriteText(&b, ds, c.Sources)
		}
	}
	_, err := w.Write(b.Bytes())
	return err
}

// WriteText prints to w one line per case (PASS or FAIL), a line per test
// file that could not run, the coverage and a summary:
//
//	PASS  examples/modena-2021.test.yaml: year-end actuals
//	FAIL  examples/modena-2021.test.yaml: a deadline not done (1 of 2 expectations not met)
//	coverage: 40 of 52 weighted indicators (76.9%)
//	FAIL: 1 of 2 cases failed
func (r *Report) WriteText(w io.Writer, o ReportOptions) error {
	var b bytes.Buffer
	cases, failed, bad := 0, 0, 0
	for _, f := range r.Files {
		switch {
		case len(f.Problems) > 0:
			bad++
			fmt.Fprintf(&b, "ERROR %s: %s\n", f.File.Path, plural(len(f.Problems), "problem")+" in the test file")
			continue
		case f.Err != nil:
			bad++
			fmt.Fprintf(&b, "ERROR %s: cannot read the plan %s\n", f.File.Path, f.File.Plan)
			continue
		case len(f.PlanDiagnostics) > 0:
			bad++
			fmt.Fprintf(&b, "ERROR %s: the plan %s has %s\n", f.File.Path, f.File.Plan, plural(len(f.PlanDiagnostics), "error"))
			continue
		}
		for _, c := range f.Cases {
			cases++
			switch {
			case len(c.Errors) > 0:
				failed++
				fmt.Fprintf(&b, "FAIL  %s: %s (could not run: %s)\n", f.File.Path, c.Case.Name, plural(len(c.Errors), "error"))
			case len(c.Failures) > 0:
				failed++
				fmt.Fprintf(&b, "FAIL  %s: %s (%d of %s not met)\n", f.File.Path, c.Case.Name, len(c.Failures), plural(c.Checked, "expectation"))
			default:
				fmt.Fprintf(&b, "PASS  %s: %s\n", f.File.Path, c.Case.Name)
			}
		}
	}
	fmt.Fprintf(&b, "coverage: %s\n", r.Coverage())
	if o.Verbose || o.CoverageList {
		for _, f := range r.Files {
			for _, n := range f.Coverage.Uncovered() {
				fmt.Fprintf(&b, "  not covered: %s %s %q\n", f.Coverage.Plan, n.Code, n.Name)
			}
		}
	}
	switch {
	case failed == 0 && bad == 0:
		fmt.Fprintf(&b, "ok: %s passed\n", plural(cases, "case"))
	case bad == 0:
		fmt.Fprintf(&b, "FAIL: %d of %s failed\n", failed, plural(cases, "case"))
	case cases == 0:
		fmt.Fprintf(&b, "FAIL: %s could not run\n", plural(bad, "test file"))
	default:
		fmt.Fprintf(&b, "FAIL: %d of %s failed, %s could not run\n", failed, plural(cases, "case"), plural(bad, "test file"))
	}
	_, err := w.Write(b.Bytes())
	return err
}

func plural(n int, word string) string {
	if n == 1 {
		return "1 " + word
	}
	return fmt.Sprintf("%d %ss", n, word)
}
