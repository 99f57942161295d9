package check_test

import (
	"bytes"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"reflect"
	"testing"

	"github.com/piano-plan/piano/internal/gen"
	"github.com/piano-plan/piano/lang"
	"github.com/piano-plan/piano/lang/ast"
	"github.com/piano-plan/piano/lang/check"
	"github.com/piano-plan/piano/lang/syntax"
)

// TestMemory checks plans one after the other with one Memory, as an
// editor does, and compares each with a check in new memory: the same
// Plan and the same diagnostics. The plans grow and shrink, break and
// mend, and some are large enough for the check's two goroutines.
func TestMemory(t *testing.T) {
	modena, err := os.ReadFile("../../examples/modena-2021.plan")
	if err != nil {
		t.Fatal(err)
	}
	big := gen.Plan(1500, 1)
	rng := rand.New(rand.NewPCG(3, 4))
	srcs := [][]byte{big, mutate(big, rng, 3), big, gen.Plan(40, 2), modena, gen.Plan(3000, 3), mutate(modena, rng, 2), big, []byte(""), modena}
	var mem check.Memory
	for i, src := range srcs {
		what := fmt.Sprintf("plan %d", i)
		f, _ := syntax.Parse("x.plan", src)
		g, _ := syntax.Parse("x.plan", src)
		if f == nil {
			continue
		}
		got, gotDiags := mem.Check(f)
		want, wantDiags := check.Check(g)
		same(t, what, got, want, gotDiags, wantDiags)
	}

	// A plan of several files, checked again after one of them changed.
	paths, _ := filepath.Glob("../../examples/tour-multi/*.plan")
	var files [][]byte
	for _, p := range paths {
		b, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		files = append(files, b)
	}
	for i := range 4 {
		if i > 0 {
			k := i % len(files)
			files[k] = mutate(files[k], rng, 1)
		}
		checkFiles := func(check func(*lang.FileSet, []*ast.File) (*check.Plan, lang.Diagnostics)) (*check.Plan, lang.Diagnostics) {
			fs := &lang.FileSet{}
			var trees []*ast.File
			for j, src := range files {
				base, _ := fs.Add(paths[j], len(src))
				if f, _ := syntax.Parse(paths[j], src); f != nil {
					ast.Shift(f, int32(base))
					trees = append(trees, f)
				}
			}
			return check(fs, trees)
		}
		got, gotDiags := checkFiles(mem.CheckFiles)
		want, wantDiags := checkFiles(check.CheckFiles)
		same(t, fmt.Sprintf("tour-multi, edit %d", i), got, want, gotDiags, wantDiags)
	}
}

func same(t *testing.T, what string, got, want *check.Plan, gotDiags, wantDiags lang.Diagnostics) {
	t.Helper()
	var g, w bytes.Buffer
	lang.WriteText(&g, gotDiags, nil)
	lang.WriteText(&w, wantDiags, nil)
	if g.String() != w.String() {
		t.Errorf("%s: diagnostics differ:\n%s\nwant:\n%s", what, g.String(), w.String())
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("%s: the plans differ", what)
	}
}

// BenchmarkCheckAgain is a check of the generated 10k-indicator plan, in new
// memory and in the memory of the check before, as a Reloader checks it.
func BenchmarkCheckAgain(b *testing.B) {
	f, _ := syntax.Parse("gen.plan", gen.Plan(10000, 1))
	b.Run("new", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			check.Check(f)
		}
	})
	b.Run("memory", func(b *testing.B) {
		b.ReportAllocs()
		var mem check.Memory
		for b.Loop() {
			mem.Check(f)
		}
	})
}
