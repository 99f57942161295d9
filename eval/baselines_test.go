package eval

import (
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"testing"

	"github.com/piano-plan/piano/internal/gen"
	"github.com/piano-plan/piano/lang/check"
	"github.com/piano-plan/piano/lang/syntax"
)

// TestCheckBaselinesAsCompiled compares the two ways to the W204 warnings:
// CheckBaselines, which compiles the composites' formulas only, and
// Compile then Evaluator.CheckBaselines, which compiles every formula. On
// the examples and on generated plans (which have composites whose
// baselines disagree) they give the same diagnostics, and each
// composite's program is the same, opcode for opcode.
func TestCheckBaselinesAsCompiled(t *testing.T) {
	plans := map[string][]byte{}
	paths, _ := filepath.Glob("../examples/*.plan")
	for _, path := range paths {
		src, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		plans[path] = src
	}
	for _, n := range []int{100, 2000} {
		for seed := int64(1); seed <= 3; seed++ {
			plans[fmt.Sprintf("gen %d seed %d", n, seed)] = gen.Plan(n, seed)
		}
	}
	warned := 0
	for name, src := range plans {
		f, diags := syntax.Parse(name, src)
		if diags.HasErrors() {
			t.Fatalf("%s: syntax errors", name)
		}
		p, diags := check.Check(f)
		if diags.HasErrors() {
			continue // a multi-file example's part
		}
		ev, err := Compile(p)
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		want := ev.CheckBaselines()
		got, err := CheckBaselines(p)
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if !reflect.DeepEqual(got, want) {
			t.Errorf("%s: CheckBaselines gives %d diagnostics, Compile's %d, or they differ", name, len(got), len(want))
		}
		warned += len(want)
		composites := findComposites(p)
		_, programs, err := compileComposites(composites)
		if err != nil {
			t.Fatal(err)
		}
		for i, c := range composites {
			if got, want := programs[i].Disassemble(), ev.programs[c.ind.Def.Formula.Expr].Disassemble(); got != want {
				t.Errorf("%s: the program of %s differs:\n%s\nCompile's:\n%s", name, c.ind.Code, got, want)
			}
		}
	}
	if warned == 0 {
		t.Error("no plan has a W204 warning: the comparison shows nothing")
	}
}
