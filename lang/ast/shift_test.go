package ast_test

import (
	"bytes"
	"os"
	"testing"

	"github.com/piano-plan/piano/lang"
	"github.com/piano-plan/piano/lang/ast"
	"github.com/piano-plan/piano/lang/format"
	"github.com/piano-plan/piano/lang/syntax"
)

// TestShift places the Modena plan at a base and checks that every
// position moved: the formatter, which places comments and blank lines by
// offset, prints the same text, and every statement's range, located in a
// FileSet, is the one the parser gave.
func TestShift(t *testing.T) {
	src, err := os.ReadFile("../../examples/modena-2021.plan")
	if err != nil {
		t.Fatal(err)
	}
	want, _ := syntax.Parse("m.plan", src)
	got, _ := syntax.Parse("m.plan", src)
	fs := &lang.FileSet{}
	fs.Add("other.plan", 5000)
	base, _ := fs.Add("m.plan", len(src))
	ast.Shift(got, int32(base))
	a, err1 := format.Source(want)
	b, err2 := format.Source(got)
	if err1 != nil || err2 != nil || !bytes.Equal(a, b) {
		t.Errorf("the shifted tree formats differently (%v, %v)", err1, err2)
	}
	for i, s := range got.Stmts {
		name, r := fs.Locate(s.Span())
		if name != "m.plan" || r != want.Stmts[i].Span() {
			t.Errorf("statement %d: located at %s %v, want m.plan %v", i, name, r, want.Stmts[i].Span())
		}
	}
	for i, c := range got.Comments {
		if c.Rng.Start.Offset != want.Comments[i].Rng.Start.Offset+int32(base) {
			t.Fatalf("comment %d did not move", i)
		}
	}
}
