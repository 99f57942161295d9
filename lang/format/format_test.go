package format_test

import (
	"flag"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/piano-plan/piano/internal/corpus"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
	"github.com/piano-plan/piano/lang"
	"github.com/piano-plan/piano/lang/ast"
	"github.com/piano-plan/piano/lang/format"
	"github.com/piano-plan/piano/lang/syntax"
	"github.com/rogpeppe/go-internal/txtar"
)

var update = flag.Bool("update", false, "rewrite the golden sections of testdata/format")

// TestGolden formats the input of each testdata/format/*.txtar and compares
// it with its golden section; then checks the golden is a fixed point and
// parses to the same tree as the input.
func TestGolden(t *testing.T) {
	files, _ := filepath.Glob("../../testdata/format/*.txtar")
	if len(files) == 0 {
		t.Fatal("no golden files")
	}
	for _, path := range files {
		t.Run(filepath.Base(path), func(t *testing.T) {
			a, err := txtar.ParseFile(path)
			if err != nil {
				t.Fatal(err)
			}
			input, golden := section(a, "input.plan"), section(a, "golden.plan")
			got := formatOK(t, input)
			if *update {
				for i := range a.Files {
					if a.Files[i].Name == "golden.plan" {
						a.Files[i].Data = got
					}
				}
				if err := os.WriteFile(path, txtar.Format(a), 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			if diff := cmp.Diff(string(golden), string(got)); diff != "" {
				t.Errorf("format differs (-golden +got):\n%s", diff)
			}
			assertFixedPointAndSameTree(t, input, got)
		})
	}
}

// TestExamples checks that every .plan file in the repository is formatted.
func TestExamples(t *testing.T) {
	files, _ := filepath.Glob("../../examples/*.plan")
	for _, path := range files {
		src, _ := os.ReadFile(path)
		if got := formatOK(t, src); string(got) != string(src) {
			t.Errorf("%s is not formatted: run piano fmt -w %s", path, path)
		}
	}
}

func section(a *txtar.Archive, name string) []byte {
	for _, f := range a.Files {
		if f.Name == name {
			return f.Data
		}
	}
	return nil
}

func formatOK(t testing.TB, src []byte) []byte {
	t.Helper()
	f, diags := syntax.Parse("in.plan", src)
	if diags.HasErrors() {
		t.Fatalf("input does not parse: %s at %s", diags[0].Summary, diags[0].Where())
	}
	out, err := format.Source(f)
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// sameTree compares two parses, ignoring positions and the spelling of
// numbers' and names' quoting.
var sameTree = cmp.Options{
	cmpopts.IgnoreTypes(lang.Range{}),
	cmpopts.IgnoreFields(ast.Code{}, "Quoted"),
	cmpopts.IgnoreFields(ast.Ref{}, "Quoted"),
	cmpopts.IgnoreFields(ast.File{}, "Name"),
}

func assertFixedPointAndSameTree(t testing.TB, input, formatted []byte) {
	t.Helper()
	again := formatOK(t, formatted)
	if diff := cmp.Diff(string(formatted), string(again)); diff != "" {
		t.Fatalf("formatting is not idempotent (-once +twice):\n%s", diff)
	}
	f1, _ := syntax.Parse("a.plan", input)
	f2, _ := syntax.Parse("b.plan", formatted)
	// cmp is slow on big trees; compare cheaply first, explain with cmp.
	if !reflect.DeepEqual(strip(f1), strip(f2)) {
		t.Fatalf("formatted text parses to another tree (-input +formatted):\n%s", cmp.Diff(f1, f2, sameTree))
	}
	if n1, n2 := len(f1.Comments), len(f2.Comments); n1 != n2 {
		t.Fatalf("%d comments became %d", n1, n2)
	}
	for i := range f1.Comments {
		if a, b := strings.TrimSpace(f1.Comments[i].Text), strings.TrimSpace(f2.Comments[i].Text); a != b {
			t.Fatalf("comment %d changed: %q -> %q", i, a, b)
		}
	}
}

// strip returns a copy of the tree's printed form without positions, names'
// quoting or comments: what must survive formatting. It walks the tree by
// reflection and zeroes every lang.Range.
func strip(f *ast.File) any {
	c := reflect.New(reflect.TypeOf(*f)).Elem()
	copyZeroing(c, reflect.ValueOf(*f))
	v := c.Addr().Interface().(*ast.File)
	v.Name, v.Comments = "", nil
	return v
}

var rangeType = reflect.TypeOf(lang.Range{})

func copyZeroing(dst, src reflect.Value) {
	switch src.Kind() {
	case reflect.Pointer:
		if src.IsNil() {
			return
		}
		n := reflect.New(src.Elem().Type())
		copyZeroing(n.Elem(), src.Elem())
		dst.Set(n)
	case reflect.Interface:
		if src.IsNil() {
			return
		}
		n := reflect.New(src.Elem().Type()).Elem()
		copyZeroing(n, src.Elem())
		dst.Set(n)
	case reflect.Slice:
		if src.IsNil() {
			return
		}
		n := reflect.MakeSlice(src.Type(), src.Len(), src.Len())
		for i := 0; i < src.Len(); i++ {
			copyZeroing(n.Index(i), src.Index(i))
		}
		dst.Set(n)
	case reflect.Struct:
		if src.Type() == rangeType {
			return
		}
		if !src.Type().Field(0).IsExported() { // time.Time and the like
			dst.Set(src)
			return
		}
		for i := 0; i < src.NumField(); i++ {
			if name := src.Type().Field(i).Name; name == "Quoted" {
				continue
			}
			copyZeroing(dst.Field(i), src.Field(i))
		}
	default:
		dst.Set(src)
	}
}

// FuzzFormat checks that formatting any plan that parses gives a text that
// parses to the same tree, keeps its comments and is a fixed point.
func FuzzFormat(f *testing.F) {
	for _, seed := range corpus.Plans("../../examples/*.plan", "../../testdata/format/*.txtar", "../../testdata/script/*.txtar") {
		f.Add(seed)
	}
	f.Fuzz(func(t *testing.T, src []byte) {
		file, diags := syntax.Parse("fuzz.plan", src)
		if diags.HasErrors() {
			return
		}
		out, err := format.Source(file)
		if err != nil {
			t.Fatal(err)
		}
		assertFixedPointAndSameTree(t, src, out)
	})
}

// TestStripSeesChanges guards the cheap comparison above: trees that differ
// in a value, not only in positions, must compare unequal.
func TestStripSeesChanges(t *testing.T) {
	parse := func(src string) *ast.File {
		f, _ := syntax.Parse("p.plan", []byte(src))
		return f
	}
	a := parse("plan \"P\"\ndriver D \"d\" unit N = A + B\n")
	b := parse("plan \"P\"\n\n\ndriver   D \"d\" unit N = A+B // moved\n")
	c := parse("plan \"P\"\ndriver D \"d\" unit N = A - B\n")
	if !reflect.DeepEqual(strip(a), strip(b)) {
		t.Error("layout changes are seen as tree changes")
	}
	if reflect.DeepEqual(strip(a), strip(c)) {
		t.Error("a changed operator is not seen")
	}
}

// TestDocOnOneStatement is a FuzzFormat crasher: a doc comment above a line
// with an area and its objective was the doc of both, and the formatted
// text, with the objective on a line of its own, gave it to the area only.
func TestDocOnOneStatement(t *testing.T) {
	src := []byte("#0\narea 0 \"\" weight 0% {objective 0 \"\" weight 0% {}}\n")
	assertFixedPointAndSameTree(t, src, formatOK(t, src))
}

// unknownStmt is a statement the formatter does not know, as one added to
// the language and not to the printer would be.
type unknownStmt struct{ *ast.Flag }

// TestUnknownStatement checks that the formatter refuses a statement it
// cannot print, rather than dropping it from the file.
func TestUnknownStatement(t *testing.T) {
	f, diags := syntax.Parse("p.plan", []byte("plan \"P\"\narea 1 \"A\" weight 100% {\n  normalize\n}\n"))
	if diags.HasErrors() {
		t.Fatal(diags[0].Summary)
	}
	area := f.Areas[0]
	area.Items[0] = unknownStmt{area.Items[0].(*ast.Flag)}
	out, err := format.Source(f)
	if err == nil || out != nil {
		t.Fatalf("Source = %q, %v; want an error and no text", out, err)
	}
	if want := "format: 3:3: no layout for the statement format_test.unknownStmt"; err.Error() != want {
		t.Errorf("error %q, want %q", err, want)
	}
}

// TestEveryStatementPrints checks that the printer has a layout for every
// statement of the table: a plan with each of them formats to itself.
func TestEveryStatementPrints(t *testing.T) {
	src := `plan "P"
body "B"
baseline years 2018..2020
target years 2021..2023
scoring ratio cap 120%
missing zero
driver D1 "D" unit N
bands F for objectives, plan {
  band A 0%..100% "Tutto" payout 100% colour green
}
scheda D1 "Mario Rossi" {
  assigned 1: 60%, 4 weight 50%
  organisational weight 20%
  behaviours weight 30% scale 1..5
}
area 1 "A" weight 100% {
  owner "O"
  note "N"
  normalize
  objective 1 "O" weight 100% {
    score cap 100% floor 60%
    indicators weight 50% {
      indicator 2 "I" weight 100% {
        unit N
        formula D1 + 2
        algorithm "A"
        baseline 2018: 1
        target 2021: >= 1
      }
      use 2 as 3 weight 0%
    }
    operational weight 50% {
      objective 4 "P" weight 100% {
        use 2 as 5 weight 100%
      }
    }
  }
}
`
	f, diags := syntax.Parse("p.plan", []byte(src))
	if diags.HasErrors() {
		t.Fatal(diags[0].Summary)
	}
	seen := map[*ast.Statement]bool{}
	ast.InspectStmts(f.Stmts, func(s ast.Stmt) { seen[ast.StatementOf(s)] = true })
	for i := range ast.Statements {
		if !seen[&ast.Statements[i]] {
			t.Errorf("the test plan has no %s statement", ast.Statements[i].Name())
		}
	}
	if got := formatOK(t, []byte(src)); string(got) != src {
		t.Errorf("formatted:\n%s", got)
	}
}
