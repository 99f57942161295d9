package syntax

import (
	"bytes"
	"math/rand/v2"
	"os"
	"path/filepath"
	"reflect"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/piano-plan/piano/internal/corpus"
	"github.com/piano-plan/piano/internal/gen"
)

// TestReparse edits plans at random, as a person typing does, and after
// each edit compares what the Tree gives with a parse of the whole text:
// the same tree, the same diagnostics. Half the edits undo the one before,
// so that the plans keep coming back to text that parses.
func TestReparse(t *testing.T) {
	plans := map[string][]byte{"gen.plan": gen.Plan(300, 3)}
	paths, _ := filepath.Glob("../../examples/*.plan")
	more, _ := filepath.Glob("../../examples/*/*.plan")
	for _, path := range append(paths, more...) {
		src, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		plans[filepath.Base(path)] = src
	}
	edits, reused := 0, 0
	for name, src := range plans {
		rng := rand.New(rand.NewPCG(1, uint64(len(src))))
		tree := ParseTree(name, src, DefaultLimits)
		var undo []byte
		for i := range 400 {
			if undo != nil && i%2 == 1 {
				src, undo = undo, nil
			} else {
				undo = src
				src = randomEdit(rng, src)
			}
			tree.Reparse(src)
			edits++
			if tree.Reused {
				reused++
			}
			sameAsParse(t, name, tree, src)
			if t.Failed() {
				return
			}
		}
	}
	t.Logf("%d of %d edits read by statement", reused, edits)
	// Most edits fall in one statement that can be read alone.
	if reused < edits/2 {
		t.Errorf("only %d of %d edits were read by statement", reused, edits)
	}
}

// FuzzReparse edits a plan at a place the fuzzer picks and compares the
// Tree with a parse of the whole text.
func FuzzReparse(f *testing.F) {
	for _, seed := range corpus.Plans("../../examples/*.plan") {
		f.Add(seed, uint16(len(seed)/3), uint8(0), "x")
		f.Add(seed, uint16(len(seed)/2), uint8(2), "}")
	}
	f.Fuzz(func(t *testing.T, src []byte, at uint16, cut uint8, insert string) {
		tree := ParseTree("fuzz.plan", src, DefaultLimits)
		if tree.File == nil {
			return
		}
		off := min(int(at), len(src))
		end := min(off+int(cut%8), len(src))
		edited := append(append(bytes.Clone(src[:off]), insert...), src[end:]...)
		tree.Reparse(edited)
		sameAsParse(t, "fuzz.plan", tree, edited)
		tree.Reparse(src)
		sameAsParse(t, "fuzz.plan", tree, src)
	})
}

// snippets are what randomEdit types.
var snippets = []string{"x", "1", "0", " ", "\n", "{", "}", `"`, "(", ")", "%", ",", ".", "_", "é", "\t", "// c\n",
	"unit N\n", "weight 5% ", "2.500", "N/D", "formula D1 + D2\n", "indicator Z \"z\" weight 1% {\n}\n", "area"}

// randomEdit inserts a snippet, deletes a few bytes or replaces one.
func randomEdit(rng *rand.Rand, src []byte) []byte {
	off := rng.IntN(len(src) + 1)
	switch rng.IntN(3) {
	case 0:
		s := snippets[rng.IntN(len(snippets))]
		return append(append(bytes.Clone(src[:off]), s...), src[off:]...)
	case 1:
		end := min(off+1+rng.IntN(5), len(src))
		return append(bytes.Clone(src[:off]), src[end:]...)
	default:
		if off == len(src) {
			return src
		}
		out := bytes.Clone(src)
		out[off] = "x9 {}\n"[rng.IntN(6)]
		return out
	}
}

// sameAsParse fails when the tree and diagnostics differ from Parse's.
func sameAsParse(t *testing.T, name string, tree *Tree, src []byte) {
	t.Helper()
	want, wantDiags := Parse(name, src)
	if !reflect.DeepEqual(tree.Diags, wantDiags) {
		t.Errorf("%s (reused %v): diagnostics differ (-parse +reparse):\n%s", name, tree.Reused, cmp.Diff(wantDiags, tree.Diags))
	}
	if reflect.DeepEqual(tree.File, want) {
		return
	}
	if want == nil || tree.File == nil {
		t.Errorf("%s (reused %v): tree %v, parse gives %v", name, tree.Reused, tree.File != nil, want != nil)
		return
	}
	for i := range min(len(want.Stmts), len(tree.File.Stmts)) {
		if !reflect.DeepEqual(want.Stmts[i], tree.File.Stmts[i]) {
			t.Errorf("%s (reused %v): statement %d differs (-parse +reparse):\n%s", name, tree.Reused, i,
				cmp.Diff(want.Stmts[i], tree.File.Stmts[i]))
			return
		}
	}
	t.Errorf("%s (reused %v): trees differ (-parse +reparse):\n%s", name, tree.Reused,
		cmp.Diff(want, tree.File, cmp.FilterPath(func(p cmp.Path) bool { return p.String() == "Stmts" }, cmp.Ignore())))
}

// BenchmarkReparse is a keystroke in a generated plan of 10,000
// indicators, typed and taken away in turn: in the title, at the end of
// a formula.
func BenchmarkReparse(b *testing.B) {
	src := gen.Plan(10_000, 1)
	for _, site := range []struct{ name, after, text string }{
		{"title", "\nplan \"", "x"},
		{"formula", "\n        formula (D1.1.1_3 + D1.1.1_5) / 1", " * 1"},
	} {
		b.Run(site.name, func(b *testing.B) {
			at := bytes.Index(src, []byte(site.after))
			if at < 0 {
				b.Fatalf("no %q in the plan", site.after)
			}
			at += len(site.after)
			edited := append(append(bytes.Clone(src[:at]), site.text...), src[at:]...)
			tree := ParseTree("gen.plan", src, DefaultLimits)
			b.ReportAllocs()
			for i := 0; b.Loop(); i++ {
				if i%2 == 0 {
					tree.Reparse(edited)
				} else {
					tree.Reparse(src)
				}
				if !tree.Reused {
					b.Fatal("the whole file was parsed again")
				}
			}
		})
	}
}
