package pianotest

import (
	"bytes"
	"encoding/xml"
	"io"
	"maps"

	"github.com/piano-plan/piano/lang"
)

type junitSuites struct {
	XMLName  xml.Name     `xml:"testsuites"`
	Name     string       `xml:"name,attr"`
	Tests    int          `xml:"tests,attr"`
	Failures int          `xml:"failures,attr"`
	Errors   int          `xml:"errors,attr"`
	Suites   []junitSuite `xml:"testsuite"`
}

type junitSuite struct {
	Name     string      `xml:"name,attr"`
	Tests    int         `xml:"tests,attr"`
	Failures int         `xml:"failures,attr"`
	Errors   int         `xml:"errors,attr"`
	Cases    []junitCase `xml:"testcase"`
}

type junitCase struct {
	Name      string         `xml:"name,attr"`
	Classname string         `xml:"classname,attr"`
	Failures  []junitProblem `xml:"failure"`
	Errors    []junitProblem `xml:"error"`
}

type junitProblem struct {
	Message string `xml:"message,attr"`
	Type    string `xml:"type,attr"`
	Text    string `xml:",chardata"`
}

// WriteJUnit writes the run as JUnit XML: a testsuite per test file and a
// testcase per case, with a failure per expectation not met and an error
// for what stopped a case (a test file that could not run is one testcase
// with its errors). The output has no times, so the same run always gives
// the same bytes.
func (r *Report) WriteJUnit(w io.Writer) error {
	all := junitSuites{Name: "piano test"}
	for _, f := range r.Files {
		s := junitSuite{Name: f.File.Path}
		problems := func(ds lang.Diagnostics, src lang.Sources) []junitProblem {
			var out []junitProblem
			for _, d := range ds {
				var b bytes.Buffer
				lang.WriteText(&b, lang.Diagnostics{d}, src)
				out = append(out, junitProblem{Message: d.Summary, Type: string(d.Code), Text: b.String()})
			}
			return out
		}
		if bad := append(append(lang.Diagnostics{}, f.Problems...), f.PlanDiagnostics...); len(bad) > 0 {
			src := lang.Sources{f.File.Path: f.File.Text}
			if f.Plan != nil {
				maps.Copy(src, f.Plan.Sources())
			}
			s.Cases = append(s.Cases, junitCase{Name: f.File.Path, Classname: f.File.Path, Errors: problems(bad, src)})
			s.Errors++
		}
		for _, c := range f.Cases {
			jc := junitCase{Name: c.Case.Name, Classname: f.File.Path,
				Failures: problems(c.Failures, c.Sources), Errors: problems(c.Errors, c.Sources)}
			if len(jc.Errors) > 0 {
				s.Errors++
			} else if len(jc.Failures) > 0 {
				s.Failures++
			}
			s.Cases = append(s.Cases, jc)
		}
		s.Tests = len(s.Cases)
		all.Tests += s.Tests
		all.Failures += s.Failures
		all.Errors += s.Errors
		all.Suites = append(all.Suites, s)
	}
	var b bytes.Buffer
	b.WriteString(xml.Header)
	enc := xml.NewEncoder(&b)
	enc.Indent("", "  ")
	if err := enc.Encode(all); err != nil {
		return err
	}
	b.WriteByte('\n')
	_, err := w.Write(b.Bytes())
	return err
}
