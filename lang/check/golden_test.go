package check_test

import (
	"bufio"
	"bytes"
	"crypto/sha256"
	"flag"
	"fmt"
	"io"
	"math/rand/v2"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/rogpeppe/go-internal/txtar"

	"github.com/piano-plan/piano"
	"github.com/piano-plan/piano/internal/gen"
	"github.com/piano-plan/piano/lang"
	"github.com/piano-plan/piano/lang/check"
	"github.com/piano-plan/piano/render"
)

var (
	update = flag.Bool("update", false, "rewrite testdata/golden.sum from the current output")
	dumpTo = flag.String("dump", "", "also write each case's whole output into this folder, to diff two revisions")
)

const goldenSum = "testdata/golden.sum"

// TestGolden pins everything check and the composite-baseline warnings
// (W204) give for a corpus of plans: the shipped examples, every plan of
// the test scripts, generated plans of several sizes and seeds (also
// evaluated on generated data), and generated plans with random edits
// (syntax errors and errors of meaning). For each case it hashes the
// diagnostics as piano check renders them, the checked Plan written out
// whole (every field, maps in key order, shared pointers as references, the
// syntax tree as the positions of its nodes), the diagnostics of check run
// on the tree as parsed, Plan.CheckBaselines and, with data, the scores as
// JSON. It is the net under changes that must not change any output, such
// as making check faster: run with -update before, -dump DIR on both
// revisions to see what differs.
func TestGolden(t *testing.T) {
	want := map[string]string{}
	if !*update {
		text, err := os.ReadFile(goldenSum)
		if err != nil {
			t.Fatal(err)
		}
		for line := range strings.Lines(string(text)) {
			line = strings.TrimSpace(line)
			i := strings.LastIndexByte(line, ' ')
			want[line[:i]] = line[i+1:]
		}
	}
	var got []string
	for _, c := range goldenCases(t) {
		var buf bytes.Buffer
		c.run(t, &buf)
		sum := fmt.Sprintf("%x", sha256.Sum256(buf.Bytes()))
		got = append(got, c.name+" "+sum)
		if *dumpTo != "" {
			path := filepath.Join(*dumpTo, strings.NewReplacer("/", "_", " ", "_").Replace(c.name)+".txt")
			if err := os.WriteFile(path, buf.Bytes(), 0o644); err != nil {
				t.Fatal(err)
			}
		}
		if !*update && want[c.name] != sum {
			t.Errorf("%s: output differs from the golden (run with -dump DIR here and on the revision that wrote %s, and diff)", c.name, goldenSum)
		}
	}
	if *update {
		if err := os.WriteFile(goldenSum, []byte(strings.Join(got, "\n")+"\n"), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	if len(got) != len(want) {
		t.Errorf("%d cases, the golden has %d", len(got), len(want))
	}
}

type goldenCase struct {
	name  string
	files []piano.File
	data  []byte // generated data for the year 2021, or nil
}

func goldenCases(t *testing.T) []goldenCase {
	var cases []goldenCase
	add := func(name string, files []piano.File, data []byte) {
		cases = append(cases, goldenCase{name, files, data})
	}
	read := func(path string) piano.File {
		text, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		return piano.File{Name: path, Text: text}
	}
	examples, _ := filepath.Glob("../../examples/*.plan")
	for _, path := range examples {
		add(path, []piano.File{read(path)}, nil)
	}
	for _, dir := range []string{"../../examples/tour-multi", "../../examples/smvp"} {
		paths, err := piano.PlanFiles(dir)
		if err != nil {
			t.Fatal(err)
		}
		var files []piano.File
		for _, p := range paths {
			files = append(files, read(p))
		}
		add(dir, files, nil)
	}
	for _, pattern := range []string{"../../testdata/script/*.txtar", "../../testdata/bad/*.txtar"} {
		archives, _ := filepath.Glob(pattern)
		for _, path := range archives {
			a, err := txtar.ParseFile(path)
			if err != nil {
				t.Fatal(err)
			}
			for _, f := range a.Files {
				if strings.HasSuffix(f.Name, ".plan") {
					add(path+"/"+f.Name, []piano.File{{Name: f.Name, Text: f.Data}}, nil)
				}
			}
		}
	}
	for _, n := range []int{30, 300, 3000} {
		for seed := int64(1); seed <= 3; seed++ {
			src := gen.Plan(n, seed)
			add(fmt.Sprintf("gen %d seed %d", n, seed), []piano.File{{Name: "gen.plan", Text: src}}, gen.Data(src, 2021, seed))
		}
	}
	for seed := uint64(1); seed <= 24; seed++ {
		src := mutate(gen.Plan(300, int64(seed)), rand.New(rand.NewPCG(seed, 11)), int(seed%6)+1)
		add(fmt.Sprintf("gen 300 seed %d edited", seed), []piano.File{{Name: "gen.plan", Text: src}}, nil)
	}
	return cases
}

// mutate applies n random edits to src, of the kinds a person typing makes:
// a character deleted, inserted or changed, a line deleted or doubled.
func mutate(src []byte, rng *rand.Rand, n int) []byte {
	const typed = "0123456789.%+-*/(){}\"abcDSN _:\n"
	out := slices.Clone(src)
	for range n {
		i := rng.IntN(len(out))
		switch rng.IntN(5) {
		case 0:
			out = slices.Delete(out, i, i+1)
		case 1:
			out = slices.Insert(out, i, typed[rng.IntN(len(typed))])
		case 2:
			out[i] = typed[rng.IntN(len(typed))]
		case 3, 4:
			start := bytes.LastIndexByte(out[:i], '\n') + 1
			end := i + bytes.IndexByte(out[i:], '\n') + 1
			if end <= i {
				end = len(out)
			}
			line := slices.Clone(out[start:end])
			out = slices.Delete(out, start, end)
			if rng.IntN(2) == 0 {
				out = slices.Insert(out, start, append(line, line...)...)
			}
		}
	}
	return out
}

func (c goldenCase) run(t *testing.T, w *bytes.Buffer) {
	name := c.files[0].Name
	if len(c.files) > 1 {
		name = filepath.Dir(name)
	}
	p := piano.LoadFiles(name, c.files, piano.Options{})
	fmt.Fprintln(w, "== diagnostics")
	if err := lang.WriteText(w, p.Diagnostics, p.Sources()); err != nil {
		t.Fatal(err)
	}
	fmt.Fprintln(w, "== checked")
	if p.Checked != nil {
		dumpPlan(w, p.Checked)
	}
	if len(c.files) == 1 {
		// check on the tree as parsed, syntax errors and all (Load checks
		// a pruned tree and keeps part of what that gives).
		if f, _ := piano.Parse(c.files[0].Name, c.files[0].Text, piano.Options{}); f != nil {
			fmt.Fprintln(w, "== check on the parsed tree")
			cp, diags := check.Check(f)
			dumpValue(w, reflect.ValueOf(diags))
			dumpPlan(w, cp)
		}
	}
	fmt.Fprintln(w, "== baselines")
	more, err := p.CheckBaselines()
	fmt.Fprintln(w, "error:", err)
	if err := lang.WriteText(w, more, p.Sources()); err != nil {
		t.Fatal(err)
	}
	dumpValue(w, reflect.ValueOf(more))
	if c.data != nil && p.OK() {
		fmt.Fprintln(w, "== scores")
		d := p.NewData()
		d.Add("gen.yaml", c.data)
		r, diags, err := p.Evaluate(d, 2021)
		fmt.Fprintln(w, "error:", err)
		if r != nil {
			if err := render.EvalJSON(w, r, diags); err != nil {
				t.Fatal(err)
			}
		} else if err := lang.WriteText(w, diags, p.SourcesWith(d)); err != nil {
			t.Fatal(err)
		}
	}
}

// dumpPlan writes p out whole. The syntax tree p.File is walked first
// without being written: a pointer into it is written as the node's type
// and position, so that a Plan pointing at a copy of a node, or at another
// node, shows.
func dumpPlan(w io.Writer, p *check.Plan) {
	d := newDumper(w)
	d.register(reflect.ValueOf(p.File))
	d.value(reflect.ValueOf(p))
	d.w.Flush()
}

func dumpValue(w io.Writer, v reflect.Value) {
	d := newDumper(w)
	d.value(v)
	d.w.Flush()
}

type dumpKey struct {
	addr uintptr
	typ  reflect.Type
}

type dumper struct {
	w    *bufio.Writer
	tree map[dumpKey]bool // values of the syntax tree
	seen map[dumpKey]int  // values written, by id
}

func newDumper(w io.Writer) *dumper {
	return &dumper{w: bufio.NewWriter(w), tree: map[dumpKey]bool{}, seen: map[dumpKey]int{}}
}

var astPkg = reflect.TypeFor[lang.Range]().PkgPath() + "/ast"

// register records the values of the syntax tree reachable from v.
func (d *dumper) register(v reflect.Value) {
	switch v.Kind() {
	case reflect.Pointer:
		if v.IsNil() {
			return
		}
		k := dumpKey{v.Pointer(), v.Type().Elem()}
		if d.tree[k] {
			return
		}
		d.tree[k] = true
		d.register(v.Elem())
	case reflect.Interface:
		if !v.IsNil() {
			d.register(v.Elem())
		}
	case reflect.Struct:
		if v.CanAddr() {
			d.tree[dumpKey{v.UnsafeAddr(), v.Type()}] = true
		}
		for i := range v.NumField() {
			d.register(v.Field(i))
		}
	case reflect.Slice, reflect.Array:
		for i := range v.Len() {
			d.register(v.Index(i))
		}
	case reflect.Map:
		it := v.MapRange()
		for it.Next() {
			d.register(it.Value())
		}
	}
}

func (d *dumper) printf(format string, args ...any) { fmt.Fprintf(d.w, format, args...) }

// value writes v. A struct or a pointed-to value is written once; again,
// as @id. A value of the syntax tree is written as its type and range.
func (d *dumper) value(v reflect.Value) {
	switch v.Kind() {
	case reflect.Invalid:
		d.printf("invalid")
	case reflect.Bool:
		d.printf("%t", v.Bool())
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		d.printf("%d", v.Int())
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Uintptr:
		d.printf("%d", v.Uint())
	case reflect.Float32, reflect.Float64:
		d.printf("%s", strconv.FormatFloat(v.Float(), 'g', -1, 64))
	case reflect.String:
		d.printf("%q", v.String())
	case reflect.Func:
		d.printf("func(nil=%t)", v.IsNil())
	case reflect.Interface:
		if v.IsNil() {
			d.printf("nil")
			return
		}
		d.value(v.Elem())
	case reflect.Pointer:
		if v.IsNil() {
			d.printf("nil")
			return
		}
		d.printf("&")
		d.addressed(dumpKey{v.Pointer(), v.Type().Elem()}, v.Elem())
	case reflect.Struct:
		if v.CanAddr() {
			d.addressed(dumpKey{v.UnsafeAddr(), v.Type()}, v)
			return
		}
		d.fields(v)
	case reflect.Slice, reflect.Array:
		if v.Kind() == reflect.Slice && v.IsNil() {
			d.printf("nil")
			return
		}
		d.printf("[")
		for i := range v.Len() {
			if i > 0 {
				d.printf(" ")
			}
			d.value(v.Index(i))
		}
		d.printf("]")
	case reflect.Map:
		if v.IsNil() {
			d.printf("nil")
			return
		}
		keys := v.MapKeys()
		slices.SortFunc(keys, func(a, b reflect.Value) int {
			switch a.Kind() {
			case reflect.String:
				return strings.Compare(a.String(), b.String())
			case reflect.Int:
				return int(a.Int() - b.Int())
			}
			panic("dump: map keys of kind " + a.Kind().String())
		})
		d.printf("map[")
		for _, k := range keys {
			d.value(k)
			d.printf(":")
			d.value(v.MapIndex(k))
			d.printf(" ")
		}
		d.printf("]")
	default:
		panic("dump: kind " + v.Kind().String())
	}
}

func (d *dumper) addressed(k dumpKey, v reflect.Value) {
	if d.tree[k] && k.typ.PkgPath() == astPkg {
		d.printf("tree.%s@%s", k.typ.Name(), spanOf(v))
		return
	}
	if id, ok := d.seen[k]; ok {
		d.printf("@%d", id)
		return
	}
	id := len(d.seen) + 1
	d.seen[k] = id
	d.printf("#%d", id)
	if v.Kind() == reflect.Struct {
		d.fields(v)
		return
	}
	d.value(v)
}

func (d *dumper) fields(v reflect.Value) {
	d.printf("%s{", v.Type().Name())
	for i := range v.NumField() {
		d.printf("%s:", v.Type().Field(i).Name)
		d.value(v.Field(i))
		d.printf(" ")
	}
	d.printf("}\n")
}

// spanOf is the range of a syntax tree value, for a reference to it: its
// Span, or its Rng field; "" when it has neither.
func spanOf(v reflect.Value) string {
	if v.CanAddr() && v.Addr().CanInterface() {
		if n, ok := v.Addr().Interface().(interface{ Span() lang.Range }); ok {
			return rangeText(n.Span())
		}
	}
	if v.Kind() == reflect.Struct {
		if f := v.FieldByName("Rng"); f.IsValid() && f.CanInterface() && f.Type() == reflect.TypeFor[lang.Range]() {
			return rangeText(f.Interface().(lang.Range))
		}
	}
	return ""
}

func rangeText(r lang.Range) string {
	return fmt.Sprintf("%d:%d-%d:%d(%d-%d)", r.Start.Line, r.Start.Column, r.End.Line, r.End.Column, r.Start.Offset, r.End.Offset)
}
