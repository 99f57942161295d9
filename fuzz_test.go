package piano_test

import (
	"bytes"
	"regexp"
	"testing"

	"github.com/piano-plan/piano"
	"github.com/piano-plan/piano/render"
)

// nonFinite matches NaN and Inf printed as numbers (not "Informatizzazione").
var nonFinite = regexp.MustCompile(`(^|[^A-Za-z])(NaN|[+-]?Inf)([^A-Za-z]|$)`)

// FuzzEvaluate checks that no plan and data file that pass their checks make
// evaluation panic, and that no output ever shows NaN or Inf.
func FuzzEvaluate(f *testing.F) {
	// Small seeds: the fuzzer slows to a crawl on seeds of a kilobyte or
	// more, and these hold every construct evaluation handles.
	f.Add([]byte("year: 2021\ndrivers:\n  A: 7\n  T: 2021-11-02\nindicators:\n  I1: 4\n"), []byte(`plan "P"
baseline years 2018..2020
target years 2021..2022
scoring ratio cap 120%
driver A "a" unit N
driver B "b" unit N = A / 2
driver T "t" unit date
area 1 "A" weight 100% {
 objective 301 "O" weight 100% {
  indicators weight 60% {
   indicator I1 "i" weight 50% { unit N formula A + B baseline 2020: 5 target 2021: >= 5, 2022: 1..9 }
   indicator I2 "d" weight 50% { unit date formula T target 2021: by 2021-10-31 scoring ratio late 2% }
  }
  operational weight 40% {
   objective 301.A "a" weight 100% {
    indicator I3 "p" weight 100% { unit % formula A / B target 2021: <= 50% scoring custom = min(value, target) }
   }
  }
 }
}
`))
	f.Fuzz(func(t *testing.T, dataSrc, planSrc []byte) {
		plan := piano.Load("fuzz.plan", planSrc, piano.Options{Explain: true, AllowMissing: true})
		if !plan.OK() {
			return
		}
		if _, err := plan.Compile(); err != nil {
			t.Fatalf("a checked plan does not compile: %v", err)
		}
		if _, err := plan.CheckBaselines(); err != nil {
			t.Fatalf("a checked plan's composites do not compile: %v", err)
		}
		values := plan.NewData()
		values.Add("fuzz.yaml", dataSrc)
		for _, year := range plan.Checked.TargetYears {
			r, diags, _ := plan.Evaluate(values, year)
			if r == nil {
				continue // the data have errors
			}
			var out bytes.Buffer
			render.EvalJSON(&out, r, diags)
			render.EvalTable(&out, r)
			render.EvalCSV(&out, r)
			if m := nonFinite.Find(out.Bytes()); m != nil {
				t.Fatalf("output shows %q:\n%s", m, out.String())
			}
			for _, n := range r.Root.Children {
				if x := r.Explain(n.Node.Code); x == nil {
					t.Fatalf("no explanation for %s", n.Node.Code)
				}
			}
		}
	})
}
