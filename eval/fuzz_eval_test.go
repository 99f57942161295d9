package eval_test

import (
	"bytes"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/piano-plan/piano/eval"
	"github.com/piano-plan/piano/lang/check"
	"github.com/piano-plan/piano/lang/syntax"
	"github.com/rogpeppe/go-internal/txtar"
)

// nonFinite matches NaN and Inf printed as numbers (not "Informatizzazione").
var nonFinite = regexp.MustCompile(`(^|[^A-Za-z])(NaN|[+-]?Inf)([^A-Za-z]|$)`)

// FuzzEvaluate checks that no plan and data file that pass their checks make
// evaluation panic, and that no output ever shows NaN or Inf.
func FuzzEvaluate(f *testing.F) {
	plan, _ := os.ReadFile("../examples/modena-2021.plan")
	data, _ := os.ReadFile("../examples/modena-2021-actuals.yaml")
	f.Add(plan, data)
	files, _ := filepath.Glob("../testdata/script/eval_*.txtar")
	for _, path := range files {
		a, err := txtar.ParseFile(path)
		if err != nil {
			continue
		}
		var p, d []byte
		for _, file := range a.Files {
			switch {
			case strings.HasSuffix(file.Name, ".plan"):
				p = file.Data
			case strings.HasSuffix(file.Name, ".yaml"):
				d = file.Data
			}
		}
		if p != nil && d != nil {
			f.Add(p, d)
		}
	}
	f.Fuzz(func(t *testing.T, planSrc, dataSrc []byte) {
		file, diags := syntax.Parse("fuzz.plan", planSrc)
		if diags.HasErrors() {
			return
		}
		p, diags := check.Check(file)
		if diags.HasErrors() {
			return
		}
		entries, _ := eval.ParseData("fuzz.yaml", dataSrc)
		d, _ := eval.Bind(p, entries)
		ev, err := eval.Compile(p)
		if err != nil {
			t.Fatalf("a checked plan does not compile: %v", err)
		}
		ev.CheckBaselines()
		for _, year := range p.TargetYears {
			r := ev.Evaluate(d, year)
			var out bytes.Buffer
			r.WriteJSON(&out)
			r.WriteTable(&out)
			r.WriteCSV(&out)
			if m := nonFinite.Find(out.Bytes()); m != nil {
				t.Fatalf("output shows %q:\n%s", m, out.String())
			}
			for _, ind := range p.IndicatorOrder {
				if len(ind.Nodes) > 0 {
					if x := r.Explain(ind.Nodes[0].Code); x == nil {
						t.Fatalf("no explanation for %s", ind.Nodes[0].Code)
					}
				}
			}
		}
	})
}
