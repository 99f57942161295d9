package ast_test

import (
	"bytes"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/piano-plan/piano/internal/gen"
	"github.com/rogpeppe/go-internal/txtar"

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

// TestShiftFrom compares ShiftFrom, written out node type by node type,
// with a walk by reflection that moves every position of every exported
// field, on plans that hold every statement of the language: a field
// added to a node and forgotten by ShiftFrom fails it.
func TestShiftFrom(t *testing.T) {
	paths, _ := filepath.Glob("../../examples/*.plan")
	more, _ := filepath.Glob("../../examples/*/*.plan")
	seen := map[reflect.Type]bool{}
	plans := map[string][]byte{"gen": gen.Plan(300, 2)} // missing, normalize
	for _, path := range append(paths, more...) {
		src, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		plans[path] = src
		if strings.HasSuffix(path, "tour.plan") { // relative targets
			plans["relative"] = bytes.Replace(src, []byte("2022: >= 950, 2023: >= 1_000"),
				[]byte("2022: >= baseline 2020 + 5%, 2023: baseline 2020 within 2%"), 1)
		}
	}
	ar, err := txtar.ParseFile("../../testdata/format/constructs.txtar")
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range ar.Files {
		if strings.HasSuffix(f.Name, ".plan") {
			plans["constructs/"+f.Name] = f.Data
		}
	}
	for path, src := range plans {
		f, _ := syntax.Parse(path, src)
		if f == nil {
			t.Fatalf("%s does not parse", path)
		}
		ast.InspectStmts(f.Stmts, func(s ast.Stmt) { seen[reflect.TypeOf(s)] = true })
		for _, from := range []int32{0, int32(len(src) / 3), int32(len(src) / 2)} {
			want, _ := syntax.Parse(path, src)
			got, _ := syntax.Parse(path, src)
			reflectShiftFrom(want, from, 1000, 7)
			ast.ShiftFrom(got, from, 1000, 7)
			if reflect.DeepEqual(want, got) {
				continue
			}
			if diff := cmp.Diff(want, got); diff != "" {
				t.Errorf("%s, from %d: ShiftFrom and the walk by reflection disagree (-reflection +ShiftFrom):\n%s", path, from, diff)
			}
		}
	}
	for _, typ := range stmtTypes {
		if !seen[typ] {
			t.Errorf("no plan of the examples holds a %v: add one, so that its positions are compared", typ)
		}
	}
}

var stmtTypes = []reflect.Type{
	reflect.TypeFor[*ast.StringField](), reflect.TypeFor[*ast.MissingStmt](), reflect.TypeFor[*ast.Years](),
	reflect.TypeFor[*ast.Driver](), reflect.TypeFor[*ast.Area](), reflect.TypeFor[*ast.Objective](),
	reflect.TypeFor[*ast.Group](), reflect.TypeFor[*ast.Indicator](), reflect.TypeFor[*ast.Use](),
	reflect.TypeFor[*ast.Flag](), reflect.TypeFor[*ast.Policy](), reflect.TypeFor[*ast.Limits](),
	reflect.TypeFor[*ast.Bands](), reflect.TypeFor[*ast.Band](), reflect.TypeFor[*ast.Behaviours](),
	reflect.TypeFor[*ast.Organisational](), reflect.TypeFor[*ast.Assigned](), reflect.TypeFor[*ast.Scheda](),
	reflect.TypeFor[*ast.UnitField](), reflect.TypeFor[*ast.FormulaField](), reflect.TypeFor[*ast.BaselineField](),
	reflect.TypeFor[*ast.TargetField](),
}

// reflectShiftFrom is ShiftFrom by reflection: every lang.Pos reachable
// through exported fields, each node once.
func reflectShiftFrom(f *ast.File, from, off, lines int32) {
	s := reflectShifter{from: from, off: off, lines: lines, seen: map[uintptr]bool{}}
	s.walk(reflect.ValueOf(f))
}

type reflectShifter struct {
	from, off, lines int32
	seen             map[uintptr]bool
}

var posType = reflect.TypeFor[lang.Pos]()

func (s *reflectShifter) walk(v reflect.Value) {
	switch v.Kind() {
	case reflect.Pointer:
		if v.IsNil() || s.seen[v.Pointer()] {
			return
		}
		s.seen[v.Pointer()] = true
		s.walk(v.Elem())
	case reflect.Interface:
		if !v.IsNil() {
			s.walk(v.Elem())
		}
	case reflect.Struct:
		if v.Type() == posType {
			p := v.Addr().Interface().(*lang.Pos)
			if p.IsValid() && p.Offset >= s.from {
				p.Offset += s.off
				p.Line += s.lines
			}
			return
		}
		for i := range v.NumField() {
			if v.Type().Field(i).IsExported() {
				s.walk(v.Field(i))
			}
		}
	case reflect.Slice, reflect.Array:
		for i := range v.Len() {
			s.walk(v.Index(i))
		}
	}
}
