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
		// The checker also runs on the partial tree of a file with syntax
		// errors (the front door does), so it must take any tree.
		file, syntaxDiags := syntax.Parse("fuzz.plan", src)
		if file == nil {
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
		if !syntaxDiags.HasErrors() {
			render.NewExport(plan)
		}
	})
}
