package bench

import (
	"bytes"
	"testing"

	"github.com/piano-plan/piano"
	"github.com/piano-plan/piano/lang/check"
	"github.com/piano-plan/piano/lang/syntax"
)

// BenchmarkCheckOnly is check.Check alone on a tree parsed once, outside
// the timer: what the language server pays per edit once the parse is
// incremental (issue 11). The typo cases are the 10k plan in the middle of
// an edit: one formula names a driver no one declared, or one use an
// indicator no one defined, so that check looks for a did-you-mean among
// every code of the plan.
func BenchmarkCheckOnly(b *testing.B) {
	typo := func(src []byte, old, new string) []byte {
		if !bytes.Contains(src, []byte(old)) {
			b.Fatalf("the generated plan has no %q", old)
		}
		return bytes.Replace(src, []byte(old), []byte(new), 1)
	}
	one, ten := plan(b, 1_000), plan(b, 10_000)
	cases := []struct {
		name   string
		c      *corpus
		src    []byte
		errors int
	}{
		{"1k", one, one.src, 0},
		{"10k", ten, ten.src, 0},
		{"10k-driver-typo", ten, typo(ten.src, "formula D1.1.S2\n", "formula D1.1.S2x\n"), 1},
		{"10k-use-typo", ten, typo(ten.src, "use 1.4.S1 as", "use 1.4.S1x as"), 1},
	}
	for _, c := range cases {
		b.Run(c.name, func(b *testing.B) {
			f, diags := syntax.Parse("gen.plan", c.src)
			if f == nil || diags.HasErrors() {
				b.Fatalf("the plan does not parse: %d diagnostics", len(diags))
			}
			b.ReportAllocs()
			for b.Loop() {
				if _, diags := check.Check(f); diags.Errors() != c.errors {
					b.Fatalf("the plan checks with %d errors, want %d", diags.Errors(), c.errors)
				}
			}
			perIndicator(b, c.c.indicators)
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
