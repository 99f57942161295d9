package bench

import (
	"testing"

	"github.com/piano-plan/piano"
	"github.com/piano-plan/piano/lang/check"
	"github.com/piano-plan/piano/lang/syntax"
)

// BenchmarkCheckOnly is check.Check alone on a tree parsed once, outside
// the timer: what the language server pays per edit once the parse is
// incremental (issue 11).
func BenchmarkCheckOnly(b *testing.B) {
	for _, s := range sizes[:2] {
		b.Run(s.name, func(b *testing.B) {
			c := plan(b, s.n)
			f, diags := syntax.Parse("gen.plan", c.src)
			if f == nil || diags.HasErrors() {
				b.Fatalf("the generated plan does not parse: %d diagnostics", len(diags))
			}
			b.ReportAllocs()
			for b.Loop() {
				if _, diags := check.Check(f); diags.HasErrors() {
					b.Fatalf("the generated plan does not check: %d errors", diags.Errors())
				}
			}
			perIndicator(b, c.indicators)
		})
	}
}

// BenchmarkBaselines is Plan.CheckBaselines alone (the composite-baseline
// warnings, W204) on a plan loaded once, outside the timer.
func BenchmarkBaselines(b *testing.B) {
	for _, s := range sizes[:2] {
		b.Run(s.name, func(b *testing.B) {
			c := plan(b, s.n)
			p := piano.Load("gen.plan", c.src, piano.Options{})
			if !p.OK() {
				b.Fatalf("the generated plan does not check: %d errors", p.Diagnostics.Errors())
			}
			b.ReportAllocs()
			for b.Loop() {
				if _, err := p.CheckBaselines(); err != nil {
					b.Fatal(err)
				}
			}
			perIndicator(b, c.indicators)
		})
	}
}
