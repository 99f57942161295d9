// Package piano is the front door of Piano, the plan-as-code compiler for
// the Piano della performance of Italian public bodies. It runs the
// pipeline that the folders hold one stage each:
//
//	source -> lang/syntax (parse) -> lang/check (check) -> data (read the
//	actual values) -> eval (resolve, compute, score, roll up) -> rendering
//
// A program loads a plan, reads data and evaluates a year:
//
//	plan, err := piano.LoadFile("piano.plan", piano.Options{})
//	values, err := plan.ReadDataFiles("dati.yaml")
//	result, diags, err := plan.Evaluate(values, 2021)
//
// Problems in the text of a plan or a data file are diagnostics, with a
// file, line and column, a code and a hint (render them with lang.WriteText
// and Plan.Sources); an error is for what stops the run (a file that
// cannot be read, a year the plan does not plan). Every setting is in
// Options: the package has no global state, and plans loaded with
// different options live side by side.
//
// The front door owns the order of the stages and the rules between them
// (a plan with errors is not evaluated; missing values are errors unless
// allowed). It computes nothing itself, and it prints nothing.
package piano

import (
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"

	"github.com/piano-plan/piano/data"
	"github.com/piano-plan/piano/eval"
	"github.com/piano-plan/piano/internal/safefile"
	"github.com/piano-plan/piano/lang"
	"github.com/piano-plan/piano/lang/ast"
	"github.com/piano-plan/piano/lang/check"
	"github.com/piano-plan/piano/lang/syntax"
)

// Options are the settings of a run. The zero value is the default of the
// piano command.
type Options struct {
	// Limits bound what a plan may hold (bytes, nesting, nodes); the zero
	// value means syntax.DefaultLimits.
	Limits syntax.Limits
	// MaxDataSize is the largest data file read, in bytes; 0 means
	// data.DefaultMaxSize.
	MaxDataSize int
	// AllowMissing makes a value no data file gives a warning (W302)
	// instead of an error (E302): its indicators are missing and left out
	// of the roll-up. It is for mid-year monitoring.
	AllowMissing bool
	// Explain records the arithmetic of every score in words, for
	// Result.Explain. It costs time; leave it off when nobody reads it.
	Explain bool
	// Reading, when set, is told the size of each input before it is
	// parsed: the piano command tunes its memory limit with it.
	Reading func(bytes int)
}

func (o Options) limits() syntax.Limits {
	if o.Limits == (syntax.Limits{}) {
		return syntax.DefaultLimits
	}
	return o.Limits
}

func (o Options) reading(n int) {
	if o.Reading != nil {
		o.Reading(n)
	}
}

// Plan is a plan read, parsed and checked: one .plan file, or several (a
// folder of them, or files named together) that make one plan.
type Plan struct {
	Name  string // the file or the folder given, as diagnostics name it
	Files []File // the plan's files, in the order read
	// File is the syntax tree (one tree for a plan of several files); nil
	// when the text has syntax errors.
	File *ast.File
	// Checked is the checked plan, nil when the text has syntax errors.
	// It may hold errors of meaning (see Diagnostics): diff compares such
	// plans, Evaluate refuses them.
	Checked *check.Plan
	// Diagnostics are the problems of the plan, errors and warnings, sorted.
	Diagnostics lang.Diagnostics

	opts Options
}

// File is one source file of a plan.
type File struct {
	Name string
	Text []byte
}

// Load parses and checks a plan's text; name is the file name diagnostics
// give. The plan is checked only once its syntax is right.
func Load(name string, text []byte, opts Options) *Plan {
	return LoadFiles(name, []File{{name, text}}, opts)
}

// LoadFiles parses the files of one plan and checks them together: one
// header, in any of them; drivers, areas and uses in any file and any
// order; codes unique across the files. name names the plan (its folder,
// or its only file). Every diagnostic names the file it is in.
func LoadFiles(name string, files []File, opts Options) *Plan {
	return loadFiles(name, files, opts, nil, func(file File, base int) (*ast.File, lang.Diagnostics) {
		f, diags := Parse(file.Name, file.Text, opts)
		if f != nil {
			f = prune(f, diags, 0)
			ast.Shift(f, int32(base))
		}
		return f, diags
	})
}

// Reloader loads a plan again and again as its files change, as an editor
// does: it keeps each file parsed (syntax.Tree) and parses again only the
// statement an edit falls in where it can. The plans it gives are those
// LoadFiles gives for the same files; one it gave must not be used after
// the next Load, which changes its tree in place and checks into the
// memory of its checked plan (check.Memory). It keeps the files' texts: a
// caller must not change them after giving them.
type Reloader struct {
	opts  Options
	trees map[string]*syntax.Tree
	mem   check.Memory // the last check's, filled again by the next
}

// NewReloader returns a Reloader that loads with opts.
func NewReloader(opts Options) *Reloader {
	return &Reloader{opts: opts, trees: map[string]*syntax.Tree{}}
}

// Load is LoadFiles for the files' text now. Files it loaded before and
// not now are forgotten.
func (r *Reloader) Load(name string, files []File) *Plan {
	trees := make(map[string]*syntax.Tree, len(files))
	p := loadFiles(name, files, r.opts, &r.mem, func(file File, base int) (*ast.File, lang.Diagnostics) {
		r.opts.reading(len(file.Text))
		t := r.trees[file.Name]
		if t == nil {
			t = syntax.ParseTree(file.Name, file.Text, r.opts.limits())
		} else {
			t.Reparse(file.Text)
		}
		t.SetBase(int32(base))
		trees[file.Name] = t
		if t.File == nil {
			return nil, t.Diags
		}
		return prune(t.File, t.Diags, int32(base)), t.Diags
	})
	r.trees = trees
	return p
}

// loadFiles is LoadFiles with the files parsed by parse, each placed at
// its base, and checked with mem (nil for new memory).
func loadFiles(name string, files []File, opts Options, mem *check.Memory, parse func(file File, base int) (*ast.File, lang.Diagnostics)) *Plan {
	p := &Plan{Name: name, Files: files, opts: opts}
	fs := &lang.FileSet{}
	var trees []*ast.File
	for _, file := range files {
		base, ok := fs.Add(file.Name, len(file.Text))
		if !ok {
			p.Diagnostics = append(p.Diagnostics, &lang.Diagnostic{Severity: lang.Error, Code: lang.ELimit, File: file.Name,
				Subject: lang.Range{Start: lang.MakePos(0, 1, 1), End: lang.MakePos(0, 1, 1)},
				Summary: "the plan's files together are too large",
				Detail:  fmt.Sprintf("Positions in a plan address at most %d bytes in all its files.", lang.MaxFileSize),
				Hint:    "split the plan into separate plans"})
			p.Diagnostics.Sort()
			return p
		}
		f, diags := parse(file, base)
		p.Diagnostics = append(p.Diagnostics, diags...)
		if f != nil {
			trees = append(trees, f)
		}
	}
	syntaxErrors := p.Diagnostics.HasErrors()
	var checked *check.Plan
	var diags lang.Diagnostics
	switch {
	case len(trees) == 0:
	case len(files) == 1:
		checked, diags = mem.Check(trees[0])
	default:
		checked, diags = mem.CheckFiles(fs, trees)
	}
	if syntaxErrors {
		// The checker runs on what parsed, so that one syntax error does
		// not hide the rest; what the statements left out could cause is
		// not reported. Such a plan is neither checked nor evaluated.
		p.Diagnostics = append(p.Diagnostics, partial(diags)...)
		p.Diagnostics.Sort()
		return p
	}
	p.Checked = checked
	if checked != nil {
		p.File = checked.File
	}
	p.Diagnostics = append(p.Diagnostics, diags...)
	p.Diagnostics.Sort()
	return p
}

// prune leaves out of a partial tree every top-level statement (a header
// line, a driver, an area with all it holds) that holds a syntax error: a
// statement the parser left out of a block would make the checker report
// what is not wrong (a missing unit, a weight sum). The tree is left as
// it is: a pruned tree is a copy of its top level. base is where the
// tree's positions start; the diagnostics have the file's own.
func prune(f *ast.File, diags lang.Diagnostics, base int32) *ast.File {
	var errs []int32
	for _, d := range diags {
		if d.Severity == lang.Error && d.Subject.Start.IsValid() {
			errs = append(errs, d.Subject.Start.Offset+base)
		}
	}
	if len(errs) == 0 {
		return f
	}
	broken := func(n ast.Node) bool { return within(n.Span(), errs) }
	g := *f
	g.Stmts = slices.DeleteFunc(slices.Clone(f.Stmts), func(s ast.Stmt) bool { return broken(s) })
	g.Drivers = slices.DeleteFunc(slices.Clone(f.Drivers), func(d *ast.Driver) bool { return broken(d) })
	g.Areas = slices.DeleteFunc(slices.Clone(f.Areas), func(a *ast.Area) bool { return broken(a) })
	g.Header.Drop(func(r lang.Range) bool { return within(r, errs) })
	return &g
}

// within reports whether any of the offsets falls inside r.
func within(r lang.Range, offsets []int32) bool {
	for _, o := range offsets {
		if o >= r.Start.Offset && o <= r.End.Offset {
			return true
		}
	}
	return false
}

// partial keeps the diagnostics of a partial tree (one with statements
// left out by syntax errors) that no left-out statement can cause: not an
// unknown name, a weight sum, an empty group, a missing header line or an
// unused driver.
func partial(ds lang.Diagnostics) lang.Diagnostics {
	var out lang.Diagnostics
	for _, d := range ds {
		switch d.Code {
		case lang.EUnknownDriver, lang.EUnknownIndicator, lang.EWeightSum, lang.EEmptyGroup, lang.EMissingHeader,
			lang.WUnusedDriver, lang.WNeedlessNorm, lang.WUnknownDataCode:
			continue
		}
		out = append(out, d)
	}
	return out
}

// OK reports whether the plan has no errors: it can be evaluated.
func (p *Plan) OK() bool { return p.Checked != nil && !p.Diagnostics.HasErrors() }

// CheckBaselines recomputes the baselines of composite indicators from
// their components' and warns (W204) where a stated one disagrees. It
// needs a plan without errors, and reports nothing otherwise. It compiles
// the composites' formulas only (see eval.CheckBaselines): the error is
// for one that does not compile, a bug; Compile compiles every formula.
func (p *Plan) CheckBaselines() (lang.Diagnostics, error) {
	if !p.OK() {
		return nil, nil
	}
	return eval.CheckBaselines(p.Checked)
}

// Parse reads a plan's text into its syntax tree without checking it, as
// the formatter needs. The tree is nil when the text has syntax errors.
func Parse(name string, text []byte, opts Options) (*ast.File, lang.Diagnostics) {
	opts.reading(len(text))
	return syntax.ParseLimits(name, text, opts.limits())
}

// LoadFile reads a plan: a .plan file, or a folder, whose every .plan file
// (in name order; subfolders, and names that start with a dot, left alone,
// as in a Go package) is one part of the plan. The error is for a file or folder that cannot be read; problems in
// the text are the plan's diagnostics.
func LoadFile(path string, opts Options) (*Plan, error) {
	return LoadPaths([]string{path}, opts)
}

// LoadPaths reads several .plan files, named together, as one plan; a
// single path may also be a folder (see LoadFile).
func LoadPaths(paths []string, opts Options) (*Plan, error) {
	var files []File
	for _, path := range paths {
		if fi, err := os.Stat(path); err == nil && fi.IsDir() {
			if len(paths) > 1 {
				return nil, fmt.Errorf("%s is a folder: name a folder alone, or its .plan files", path)
			}
			folder, err := PlanFiles(path)
			if err != nil {
				return nil, err
			}
			paths = folder
			break
		}
	}
	for i, path := range paths {
		if slices.Contains(paths[:i], path) {
			return nil, fmt.Errorf("%s is named twice", path)
		}
	}
	for _, path := range paths {
		text, err := readFile(path, opts)
		if err != nil {
			return nil, fmt.Errorf("cannot read plan: %w", err)
		}
		files = append(files, File{path, text})
	}
	name := paths[0]
	if len(paths) > 1 {
		name = filepath.Dir(paths[0])
	}
	return LoadFiles(name, files, opts), nil
}

// PlanFiles lists the .plan files of a folder, in name order, but for
// those whose names start with a dot.
func PlanFiles(dir string) ([]string, error) {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return nil, fmt.Errorf("cannot read plan folder: %w", err)
	}
	var paths []string
	for _, e := range entries {
		// Names that start with a dot are an editor's (Emacs's .#piano.plan
		// lock) or hidden: left out, as Go leaves them out of a package.
		if !e.IsDir() && strings.HasSuffix(e.Name(), ".plan") && !hidden(e.Name()) {
			paths = append(paths, filepath.Join(dir, e.Name()))
		}
	}
	if len(paths) == 0 {
		return nil, fmt.Errorf("the folder %s holds no .plan file", dir)
	}
	return paths, nil
}

func readFile(path string, opts Options) ([]byte, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return ReadLimited(f, opts)
}

// ReadLimited reads a plan's text from r, at most one byte more than the
// size limit, so that the parser can refuse a text that is too large
// without reading all of it.
func ReadLimited(r io.Reader, opts Options) ([]byte, error) {
	return safefile.ReadAtMost(r, opts.limits().MaxBytes)
}

// Sources maps each of the plan's file names to its text, for
// lang.WriteText.
func (p *Plan) Sources() lang.Sources {
	src := lang.Sources{}
	for _, f := range p.Files {
		src[f.Name] = f.Text
	}
	return src
}

// Data is the actual values read from data files, in the order given.
type Data struct {
	Files       []string
	Entries     []data.Entry
	Sources     lang.Sources     // each file's text, for rendering diagnostics
	Diagnostics lang.Diagnostics // problems in the files

	opts Options
}

// ReadDataFiles reads data files (YAML or CSV). The error is for a file
// that cannot be read at all; problems in the text are Data.Diagnostics.
func (p *Plan) ReadDataFiles(paths ...string) (*Data, error) {
	d := p.NewData()
	for _, path := range paths {
		if err := d.AddFile(path); err != nil {
			return nil, err
		}
	}
	return d, nil
}

// NewData returns an empty set of data, read with the plan's options.
func (p *Plan) NewData() *Data {
	return &Data{Sources: lang.Sources{}, opts: p.opts}
}

// Add reads one data file's text; name is its file name, whose extension
// (.yaml, .yml, .csv) tells the format.
func (d *Data) Add(name string, text []byte) {
	d.opts.reading(len(text))
	entries, diags := data.Parse(name, text, d.opts.MaxDataSize)
	d.add(name, text, entries, diags)
}

// AddAs reads one data file's text in the given format ("yaml" or "csv"),
// whatever its name: standard input, /dev/stdin, a pipe.
func (d *Data) AddAs(name, format string, text []byte) {
	d.opts.reading(len(text))
	entries, diags := data.ParseAs(name, format, text, d.opts.MaxDataSize)
	d.add(name, text, entries, diags)
}

// AddFile reads one data file from disk.
func (d *Data) AddFile(path string) error {
	text, entries, diags, err := data.Load(path, d.opts.MaxDataSize)
	if err != nil {
		return err
	}
	d.opts.reading(len(text))
	d.add(path, text, entries, diags)
	return nil
}

func (d *Data) add(name string, text []byte, entries []data.Entry, diags lang.Diagnostics) {
	d.Files = append(d.Files, name)
	d.Sources[name] = text
	d.Entries = append(d.Entries, entries...)
	d.Diagnostics = append(d.Diagnostics, diags...)
}

// Years lists the years the data hold a value for, in order.
func (d *Data) Years() []int {
	var years []int
	for _, e := range d.Entries {
		if !slices.Contains(years, e.Year) {
			years = append(years, e.Year)
		}
	}
	slices.Sort(years)
	return years
}

// ErrPlan is returned by Evaluate for a plan that has errors: they are in
// its Diagnostics.
var ErrPlan = errors.New("the plan has errors")

// Evaluate scores the plan for one year on the data. It returns the result
// and every diagnostic of the run: the plan's warnings that matter for a
// score, the data's problems and the evaluation's. The result is nil when
// any of them is an error. The error is for what stops the run before
// anything is computed: a plan with errors (ErrPlan), a year that is not
// one of the plan's target years, data that hold no value for the year.
func (p *Plan) Evaluate(d *Data, year int) (*eval.Result, lang.Diagnostics, error) {
	c, err := p.Compile()
	if err != nil {
		return nil, p.Diagnostics, err
	}
	return c.Evaluate(d, year)
}

// Sources maps the plan's and the data files' names to their text, for
// rendering the diagnostics of an evaluation.
func (p *Plan) SourcesWith(d *Data) lang.Sources {
	src := p.Sources()
	for name, text := range d.Sources {
		src[name] = text
	}
	return src
}

// scoreWarnings are the plan's warnings that an evaluation repeats: those
// that may make a score wrong. A weight of 0%, an unused driver and a
// lowered target are the plan's business, said by piano check.
func scoreWarnings(ds lang.Diagnostics) lang.Diagnostics {
	var out lang.Diagnostics
	for _, d := range ds {
		if d.Severity == lang.Warning && d.Code != lang.WZeroWeight && d.Code != lang.WUnusedDriver && d.Code != lang.WLoweredTarget {
			out = append(out, d)
		}
	}
	return out
}

func yearsText(years []int) string {
	if len(years) == 0 {
		return "no values at all"
	}
	parts := make([]string, len(years))
	for i, y := range years {
		parts[i] = strconv.Itoa(y)
	}
	return strings.Join(parts, ", ")
}
