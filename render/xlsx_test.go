package render_test

import (
	"bytes"
	"math"
	"os"
	"strconv"
	"testing"

	"github.com/piano-plan/piano"
	"github.com/piano-plan/piano/eval"
	"github.com/piano-plan/piano/render"
	"github.com/rogpeppe/go-internal/txtar"
	"github.com/xuri/excelize/v2"
)

// TestResultsWorkbookRecomputes writes the results workbook of several
// plans (the Modena example, and the scripts that exercise every scoring
// policy, the boundaries and the roll-ups), recalculates every formula with
// excelize's CalcCellValue, and compares each node's achievement and score
// with Piano's own numbers.
func TestResultsWorkbookRecomputes(t *testing.T) {
	type run struct {
		name       string
		plan, data []byte
		dataName   string
		year       int
	}
	read := func(path string) []byte {
		b, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		return b
	}
	runs := []run{{"modena", read("../examples/modena-2021.plan"), read("../examples/modena-2021-actuals.yaml"), "d.yaml", 2021}}
	for _, s := range []struct{ script, data string }{
		{"eval_policies", "data.csv"}, {"eval_boundaries", "data.yaml"}, {"eval_rollup", "data.yaml"}, {"eval_notdone", ""}, {"eval_group_policy", ""},
	} {
		a, err := txtar.ParseFile("../testdata/script/" + s.script + ".txtar")
		if err != nil {
			t.Fatal(err)
		}
		r := run{name: s.script, year: 2021}
		for _, f := range a.Files {
			switch {
			case f.Name == "plan.plan":
				r.plan = f.Data
			case r.data == nil && (f.Name == s.data || s.data == "" && (f.Name == "data.yaml" || f.Name == "data.csv")):
				r.data, r.dataName = f.Data, f.Name
			}
		}
		if r.plan == nil || r.data == nil {
			t.Fatalf("%s: no plan or data", s.script)
		}
		runs = append(runs, r)
	}
	for _, tt := range runs {
		t.Run(tt.name, func(t *testing.T) {
			p := piano.Load("p.plan", tt.plan, piano.Options{})
			values := p.NewData()
			values.Add(tt.dataName, tt.data)
			r, diags, err := p.Evaluate(values, tt.year)
			if err != nil || r == nil {
				t.Fatalf("evaluate: %v %v", err, diags)
			}
			var b bytes.Buffer
			if err := render.EvalXLSX(&b, r); err != nil {
				t.Fatal(err)
			}
			f, err := excelize.OpenReader(&b)
			if err != nil {
				t.Fatal(err)
			}
			rows, err := f.GetRows(render.ResultsSheet)
			if err != nil {
				t.Fatal(err)
			}
			checked := 0
			var walk func(n *eval.NodeResult)
			row := 1
			walk = func(n *eval.NodeResult) {
				row++
				if got := rows[row-1][0]; got != n.Node.Code && !(got == "PLAN" && n.Parent == nil) {
					t.Fatalf("row %d is %s, want %s", row, got, n.Node.Code)
				}
				want := map[string]*float64{"M": n.Score}
				if n.Indicator != nil {
					want["L"] = n.Indicator.Achievement
				}
				for col, w := range want {
					cell := col + strconv.Itoa(row)
					got, err := f.CalcCellValue(render.ResultsSheet, cell, excelize.Options{RawCellValue: true})
					if err != nil {
						t.Errorf("%s (%s): %v", cell, n.Node.Code, err)
						continue
					}
					if w == nil {
						if got != "N/D" && got != "" {
							t.Errorf("%s (%s) = %q, want N/D", cell, n.Node.Code, got)
						}
						continue
					}
					g, err := strconv.ParseFloat(got, 64)
					if err != nil || math.Abs(g-*w) > 1e-9*math.Max(1, math.Abs(*w)) {
						formula, _ := f.GetCellFormula(render.ResultsSheet, cell)
						t.Errorf("%s (%s) = %s (=%s), Piano says %v", cell, n.Node.Code, got, formula, *w)
					}
					checked++
				}
				for _, c := range n.Children {
					walk(c)
				}
			}
			walk(r.Root)
			if checked < 5 {
				t.Errorf("only %d cells checked", checked)
			}
		})
	}
}
