package bench

import (
	"fmt"
	"testing"

	piano "github.com/piano-plan/piano"
	"github.com/piano-plan/piano/internal/gen"
)

// Issue 14 asks for growth linear in years and scenarios. These benchmarks
// run the same work at several sizes and report the time per unit
// (ms/year, ms/scenario): linear growth keeps it flat across the sizes.
// Bodies are measured by BenchmarkBatch and the batch's own figures in
// BENCHMARKS.md.

// BenchmarkGrowthYears evaluates a generated Modena-sized plan (about 100
// indicators) for 1, 2 and 3 of its target years in one EvaluateYears call,
// with a data file per year.
func BenchmarkGrowthYears(b *testing.B) {
	src := gen.Plan(100, seed)
	plan := piano.Load("gen100.plan", src, piano.Options{})
	if !plan.OK() {
		b.Fatalf("the generated plan has errors: %v", plan.Diagnostics)
	}
	values := plan.NewData()
	for y := 2021; y <= 2023; y++ {
		values.Add(fmt.Sprintf("dati-%d.yaml", y), gen.Data(src, y, seed))
	}
	if values.Diagnostics.HasErrors() {
		b.Fatalf("the generated data have errors: %v", values.Diagnostics)
	}
	c, err := plan.Compile()
	if err != nil {
		b.Fatal(err)
	}
	for n := 1; n <= 3; n++ {
		years := []int{2021, 2022, 2023}[:n]
		b.Run(fmt.Sprintf("years=%d", n), func(b *testing.B) {
			for b.Loop() {
				rs, _, err := c.EvaluateYears(values, years)
				if err != nil || len(rs) != n {
					b.Fatalf("%d results, %v", len(rs), err)
				}
			}
			b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/float64(n)/1e6, "ms/year")
		})
	}
}

// BenchmarkGrowthScenarios evaluates the Modena example on 10, 100 and
// 1,000 perturbed scenarios, the plan compiled once.
func BenchmarkGrowthScenarios(b *testing.B) {
	for _, n := range []int{10, 100, 1000} {
		c, base, scenarios := modenaScenarios(b, n)
		b.Run(fmt.Sprintf("scenarios=%d", n), func(b *testing.B) {
			for b.Loop() {
				for _, r := range c.Scenarios(base, scenarios, year) {
					if r.Result == nil {
						b.Fatalf("scenario %s: %v %v", r.Name, r.Err, r.Diagnostics)
					}
				}
			}
			b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/float64(n)/1e6, "ms/scenario")
		})
	}
}
