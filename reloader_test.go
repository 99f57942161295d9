package piano_test

import (
	"bytes"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/piano-plan/piano"
	"github.com/piano-plan/piano/render"
)

// TestReloader edits the files of the Modena plan and of a plan in four
// files at random, and after each edit compares what a Reloader gives
// with LoadFiles: the same diagnostics, the same checked plan. Half the
// edits undo the one before.
func TestReloader(t *testing.T) {
	modena, err := os.ReadFile("examples/modena-2021.plan")
	if err != nil {
		t.Fatal(err)
	}
	multi, _ := filepath.Glob("examples/tour-multi/*.plan")
	var parts []piano.File
	for _, path := range multi {
		b, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		parts = append(parts, piano.File{Name: path, Text: b})
	}
	plans := map[string][]piano.File{
		"examples/modena-2021.plan": {{Name: "examples/modena-2021.plan", Text: modena}},
		"examples/tour-multi":       parts,
	}
	// A syntax error in a file after the first: the statement it is in
	// is left out, where the file is placed.
	broken := slices.Clone(parts)
	for i, f := range broken {
		broken[i].Text = bytes.Replace(f.Text, []byte("unit N\n"), []byte("unit\n"), 1)
	}
	r := piano.NewReloader(piano.Options{})
	r.Load("examples/tour-multi", parts)
	sameLoad(t, "examples/tour-multi, broken", r.Load("examples/tour-multi", broken),
		piano.LoadFiles("examples/tour-multi", broken, piano.Options{}))

	words := []string{"x", "1", " ", "\n", "}", `"`, "%", "D1", "weight 5% ", "// c\n"}
	for name, files := range plans {
		rng := rand.New(rand.NewPCG(2, uint64(len(files))))
		r := piano.NewReloader(piano.Options{})
		var undo []piano.File
		for i := range 200 {
			if undo != nil && i%2 == 1 {
				files, undo = undo, nil
			} else {
				undo = files
				files = slices.Clone(files)
				k := rng.IntN(len(files))
				src := files[k].Text
				off := rng.IntN(len(src) + 1)
				if rng.IntN(2) == 0 {
					src = append(append(bytes.Clone(src[:off]), words[rng.IntN(len(words))]...), src[off:]...)
				} else {
					src = append(bytes.Clone(src[:off]), src[min(off+1+rng.IntN(4), len(src)):]...)
				}
				files[k].Text = src
			}
			sameLoad(t, fmt.Sprintf("%s, edit %d", name, i), r.Load(name, files), piano.LoadFiles(name, files, piano.Options{}))
			if t.Failed() {
				return
			}
		}
	}
}

// sameLoad fails when two plans differ in their diagnostics or in what
// was checked.
func sameLoad(t *testing.T, what string, got, want *piano.Plan) {
	t.Helper()
	var g, w bytes.Buffer
	render.DiagnosticsJSON(&g, got.Diagnostics)
	render.DiagnosticsJSON(&w, want.Diagnostics)
	if g.String() != w.String() {
		t.Errorf("%s: diagnostics differ (-load +reloader):\n%s", what, cmp.Diff(w.String(), g.String()))
	}
	if !reflect.DeepEqual(got.Checked, want.Checked) {
		t.Errorf("%s: the checked plans differ", what)
	}
}
