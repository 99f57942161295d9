package piano_test

import (
	"bytes"
	"fmt"
	"math/rand/v2"
	"testing"
	"time"

	"github.com/piano-plan/piano"
	"github.com/piano-plan/piano/data"
	"github.com/piano-plan/piano/lang"
	"github.com/piano-plan/piano/render"
)

// TestScenariosOverlay checks the fast path of Compiled.Scenarios (the base
// bound once, each scenario bound on its own and laid over it, on several
// goroutines) against the plain one: the scenario's entries merged with the
// base's (Data.With), bound together and evaluated. On random scenarios
// (values changed, N/D, not done, other years, values given without their
// kind, indicators given directly, neutralisations, behaviour scores) both
// give the same result, byte for byte in JSON, and the same errors.
func TestScenariosOverlay(t *testing.T) {
	cases := []struct {
		plan  string
		data  []string
		allow bool
	}{
		{"examples/modena-2021.plan", []string{"examples/modena-2021-actuals.yaml"}, false},
		{"examples/modena-2021.plan", []string{"examples/modena-2021-actuals.yaml"}, true},
		{"examples/smvp", []string{"examples/modena-2021-actuals.yaml", "examples/smvp/valutazioni-2021.yaml"}, false},
		{"examples/tour.plan", []string{"examples/tour-actuals.yaml"}, false},
	}
	const year = 2021
	for _, tc := range cases {
		t.Run(fmt.Sprintf("%s/allow=%v", tc.plan, tc.allow), func(t *testing.T) {
			p, err := piano.LoadFile(tc.plan, piano.Options{AllowMissing: tc.allow})
			if err != nil || !p.OK() {
				t.Fatalf("%s: %v %v", tc.plan, err, p.Diagnostics)
			}
			base, err := p.ReadDataFiles(tc.data...)
			if err != nil {
				t.Fatal(err)
			}
			rng := rand.New(rand.NewPCG(14, 1))
			// Two neutralisations in the base, for the scenarios to keep or replace.
			for range 2 {
				base.Entries = append(base.Entries, neutralisation(rng, p, year))
			}
			c, err := p.Compile()
			if err != nil {
				t.Fatal(err)
			}
			scenarios := make([]*piano.Data, 200)
			for i := range scenarios {
				scenarios[i] = randomScenario(rng, p, base, i, year)
			}
			got := c.Scenarios(base, scenarios, year)
			nils := 0
			for _, g := range got {
				if g.Result == nil {
					nils++
				}
			}
			t.Logf("%d of %d scenarios have errors", nils, len(got))
			for i, s := range scenarios {
				want, wantDiags, wantErr := p.Evaluate(base.With(s), year)
				g := got[i]
				if fmt.Sprint(g.Err) != fmt.Sprint(wantErr) {
					t.Fatalf("scenario %d: error %v, want %v", i, g.Err, wantErr)
				}
				if (g.Result == nil) != (want == nil) {
					t.Fatalf("scenario %d: result %v, want %v\ngot:  %v\nwant: %v", i, g.Result != nil, want != nil, errorsOf(g.Diagnostics), errorsOf(wantDiags))
				}
				if want == nil {
					if a, b := errorsOf(g.Diagnostics), errorsOf(wantDiags); a != b {
						t.Fatalf("scenario %d: errors\n%s\nwant\n%s", i, a, b)
					}
					continue
				}
				var a, b bytes.Buffer
				if err := render.EvalJSON(&a, g.Result, nil); err != nil {
					t.Fatal(err)
				}
				if err := render.EvalJSON(&b, want, nil); err != nil {
					t.Fatal(err)
				}
				if !bytes.Equal(a.Bytes(), b.Bytes()) {
					t.Fatalf("scenario %d: the overlay gives\n%s\nthe merged data give\n%s", i, a.Bytes(), b.Bytes())
				}
			}
		})
	}
}

// errorsOf lists the distinct errors of ds, sorted, one a line.
func errorsOf(ds lang.Diagnostics) string {
	seen := map[string]bool{}
	var errs lang.Diagnostics
	for _, d := range ds {
		if k := d.Where() + string(d.Code) + d.Summary; d.Severity == lang.Error && !seen[k] {
			seen[k] = true
			errs = append(errs, d)
		}
	}
	errs.Sort()
	var b bytes.Buffer
	for _, d := range errs {
		fmt.Fprintf(&b, "%s: %s %s\n", d.Where(), d.Code, d.Summary)
	}
	return b.String()
}

// randomScenario changes about a quarter of the base's entries and adds a
// few of its own.
func randomScenario(rng *rand.Rand, p *piano.Plan, base *piano.Data, i, year int) *piano.Data {
	s := p.NewData()
	s.Files = []string{fmt.Sprintf("scenario-%03d.yaml", i)}
	for _, e := range base.Entries {
		if rng.IntN(4) != 0 {
			continue
		}
		switch v := &e.Value; {
		case e.Kind == data.NeutralisedEntry:
			e.Neutral = &data.Neutralisation{Reason: fmt.Sprintf("scenario %d", i), DecidedBy: "OIV"}
		case rng.IntN(12) == 0:
			v.Kind = data.NotAvailableDatum
		case rng.IntN(20) == 0:
			v.Kind = data.NotDoneDatum
		case v.Kind == data.NumberDatum && e.Kind == data.BehaviourEntry:
			v.Number = float64(1 + rng.IntN(10))
		case v.Kind == data.NumberDatum:
			v.Number = float64(rng.IntN(2000)) / float64(1+rng.IntN(4))
		case v.Kind == data.DateDatum:
			v.Date = v.Date.AddDate(0, 0, rng.IntN(121)-60)
		}
		if rng.IntN(10) == 0 && (e.Kind == data.DriverEntry || e.Kind == data.IndicatorEntry) {
			e.Kind = data.AnyEntry // as a CSV file without a kind column gives it
		}
		if rng.IntN(15) == 0 {
			e.Year = year + 1
		}
		s.Entries = append(s.Entries, e)
	}
	if rng.IntN(3) == 0 {
		ind := p.Checked.IndicatorOrder[rng.IntN(len(p.Checked.IndicatorOrder))]
		v := data.Datum{Kind: data.NumberDatum, Number: float64(rng.IntN(300)), File: s.Files[0]}
		if ind.Unit.IsDate() {
			v = data.Datum{Kind: data.DateDatum, Date: time.Date(year, time.Month(1+rng.IntN(12)), 1+rng.IntN(28), 0, 0, 0, 0, time.UTC), File: s.Files[0]}
		}
		s.Entries = append(s.Entries, data.Entry{Kind: data.IndicatorEntry, Code: ind.Code, Year: year, Value: v})
	}
	if rng.IntN(4) == 0 {
		s.Entries = append(s.Entries, neutralisation(rng, p, year))
	}
	if len(p.Checked.Schede) > 0 && rng.IntN(3) == 0 {
		sc := p.Checked.Schede[rng.IntN(len(p.Checked.Schede))]
		s.Entries = append(s.Entries, data.Entry{Kind: data.BehaviourEntry, Code: sc.Code, Year: year,
			Value: data.Datum{Kind: data.NumberDatum, Number: float64(rng.IntN(12)), File: s.Files[0]}})
	}
	return s
}

func neutralisation(rng *rand.Rand, p *piano.Plan, year int) data.Entry {
	ind := p.Checked.IndicatorOrder[rng.IntN(len(p.Checked.IndicatorOrder))]
	return data.Entry{Kind: data.NeutralisedEntry, Code: ind.Code, Year: year,
		Neutral: &data.Neutralisation{Reason: "a cause the office does not control", DecidedBy: "OIV"},
		Value:   data.Datum{Kind: data.NotAvailableDatum, File: "neutralised.yaml"}}
}
