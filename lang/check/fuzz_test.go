package check_test

import (
	"testing"

	"github.com/piano-plan/piano/internal/corpus"

	"github.com/piano-plan/piano/lang/check"
	"github.com/piano-plan/piano/lang/syntax"
	"github.com/piano-plan/piano/render"
)

// FuzzCheck checks that no plan that parses makes Check panic, and that
// every diagnostic points into the file.
func FuzzCheck(f *testing.F) {
	for _, seed := range corpus.Plans("../../examples/*.plan", "../../testdata/script/*.txtar", "../../testdata/bad/*.txtar") {
		f.Add(seed)
	}
	f.Fuzz(func(t *testing.T, src []byte) {
		file, diags := syntax.Parse("fuzz.plan", src)
		if diags.HasErrors() {
			return
		}
		plan, diags := check.Check(file)
		if plan == nil || plan.Root == nil {
			t.Fatal("no plan")
		}
		for _, d := range diags {
			if d.Subject.Start.Line < 1 || int(d.Subject.Start.Offset) > len(src) {
				t.Fatalf("diagnostic %s %q at bad position %+v", d.Code, d.Summary, d.Subject.Start)
			}
		}
		render.NewExport(plan)
	})
}
