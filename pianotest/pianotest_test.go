package pianotest

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/piano-plan/piano"
	"github.com/piano-plan/piano/lang"
)

const plan = `plan "P"
baseline years 2020..2020
target years 2021..2021
driver D1 "pratiche" unit N
area 1 "Area" weight 100% {
  objective 301 "Obiettivo" weight 100% {
    indicators weight 100% {
      indicator I1 "pratiche" weight 100% { unit N  formula D1  target 2021: >= 300 }
    }
  }
}
`

// run writes the plan and a test file in a folder and runs the test file.
func run(t *testing.T, test string) *FileResult {
	t.Helper()
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "p.plan"), []byte(plan), 0o644); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(dir, "p"+Suffix)
	if err := os.WriteFile(path, []byte(test), 0o644); err != nil {
		t.Fatal(err)
	}
	f, err := ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return Run(f, piano.Options{})
}

// TestTolerance pins where a score stops matching: 200 of 300 is
// 66.6667%, within 0.005 of 66.67 and 66.662, not of 66.66.
func TestTolerance(t *testing.T) {
	tests := []struct {
		expect string
		pass   bool
	}{
		{"66.67", true},
		{"66.6667%", true},
		{"66.662", true},
		{"66.66", false},
		{"66.672", false},
		{"{score: 66.66, tolerance: 0.01}", true},
		{"{score: 66.6, tolerance: 0}", false},
		{"N/D", false},
	}
	for _, tt := range tests {
		r := run(t, "cases:\n  - name: c\n    year: 2021\n    data:\n      drivers: {D1: 200}\n    expect:\n      nodes:\n        I1: "+tt.expect+"\n")
		if len(r.Problems) > 0 || len(r.Cases) != 1 {
			t.Fatalf("%s: %v", tt.expect, r.Problems)
		}
		if got := r.Passed(); got != tt.pass {
			t.Errorf("I1: %s: passed %v, want %v (%v)", tt.expect, got, tt.pass, r.Cases[0].Failures)
		}
	}
}

// TestInlinePositions checks that a value of inline data is read at its
// line and column in the test file, for a case that is not the last.
func TestInlinePositions(t *testing.T) {
	r := run(t, `# comment
cases:
  - name: bad value
    year: 2021
    data:
      # a comment in the data
      drivers:
        D1: 2x
    expect: {plan: 100}
  - name: good
    year: 2021
    data: {drivers: {D1: 300}, year: 2021}
    expect: {plan: 100}
`)
	if len(r.Cases) != 2 {
		t.Fatalf("cases: %v", r.Problems)
	}
	errs := r.Cases[0].Errors
	if len(errs) != 1 || errs[0].Where() != r.File.Path+":8:13" {
		t.Errorf("errors %v, want one at :8:13", errs)
	}
	if !r.Cases[1].Passed() {
		t.Errorf("second case: %v %v", r.Cases[1].Errors, r.Cases[1].Failures)
	}
}

// TestBadFiles pins the E401 problems of test files, each at its place.
func TestBadFiles(t *testing.T) {
	tests := []struct{ text, want string }{
		{"cases: 3\n", ":1:8: cases is not a list"},
		{"case:\n  - name: x\n", ":1:1: unknown key \"case\""},
		{"cases:\n  - name: x\n    year: 2021\n    data: a.yaml\n    expect: {plan: 9o}\n", ":5:20: the expected score of PLAN is not a number"},
		{"cases:\n  - name: x\n    year: 2021\n    data: a.yaml\n    expect:\n      plan: 9,5\n", ":6:13: the expected score of PLAN is not a number"},
		{"cases:\n  - &a {name: x}\n", ":2:5: YAML anchors and aliases are not allowed"},
		{"cases:\n  - name: x\n    year: 2021\n    data:\n      drivers: {D1: 1}\n    expect:\n      nodes: {I1: {status: done}}\n", ":7:28: unknown status \"done\""},
		{"cases:\n  - name: x\n    year: 2021\n    data:\n      drivers: {D1: 1}\n    expect:\n      nodes: {I2: 1}\n", ":7:15: unknown node code I2"},
		{"cases:\n  - name: x\n    data: a.yaml\n", ":2:5: a case has no year"},
		{"cases:\n  - name: x\n    year: 2021\n    data: {drivers: {D1: 1}}\n", ":4:11: inline data in braces without a year"},
	}
	for _, tt := range tests {
		r := run(t, tt.text)
		var all lang.Diagnostics
		all = append(all, r.Problems...)
		for _, c := range r.Cases {
			all = append(all, c.Errors...)
		}
		found := false
		for _, d := range all {
			at, summary, _ := strings.Cut(tt.want, ": ")
			if d.Code == EBadTest && strings.HasSuffix(d.Where(), at) && strings.HasPrefix(d.Summary, summary) {
				found = true
			}
		}
		if !found {
			var got []string
			for _, d := range all {
				got = append(got, d.Where()+" "+d.Summary)
			}
			t.Errorf("%q: want %s, got %v", tt.text, tt.want, got)
		}
	}
}

func TestFigure(t *testing.T) {
	x := 66.66666666
	for _, tt := range []struct {
		tol  float64
		want string
	}{{0.005, "66.67"}, {0.05, "66.7"}, {0.5, "67"}, {0.00005, "66.6667"}, {0, "66.666667"}} {
		if got := figure(&x, tt.tol); got != tt.want {
			t.Errorf("figure(%v, %v) = %s, want %s", x, tt.tol, got, tt.want)
		}
	}
	if got := figure(nil, 0.005); got != "N/D" {
		t.Errorf("figure(nil) = %s", got)
	}
}
