// Package check gives a parsed plan its meaning: it resolves every code and
// driver name, checks weights, units, years, targets and scoring policies,
// and builds the weighted tree that package eval computes.
//
// Check reports every problem it finds in one run, each as a diagnostic with
// a stable code (see lang.Code), and always returns the partial Plan it could
// build alongside them; callers must not evaluate a Plan that came with
// errors. Check does not read data and computes no scores.
package check

import (
	"fmt"
	"math"
	"strings"

	"github.com/piano-plan/piano/lang"
	"github.com/piano-plan/piano/lang/ast"
	"github.com/piano-plan/piano/lang/unit"
)

// Plan is a checked plan: the tree with resolved weights and indicators, and
// the drivers in the order they can be computed.
type Plan struct {
	// File is the plan's tree: for a plan of several files, one tree
	// holding every file's statements, placed by Files.
	File  *ast.File
	Files *lang.FileSet // the plan's files: where each position is
	Root  *Node         // the plan itself; its children are the areas

	Drivers     map[string]*Driver // by code
	DriverOrder []*Driver          // every driver, each after the drivers its formula reads

	Indicators     map[string]*Indicator // definitions by code
	IndicatorOrder []*Indicator          // in source order

	BaselineYears, TargetYears []int
	Scoring                    Policy
	MissingAsZero              bool // N/D children count as 0% instead of being left out

	Bands    []*BandTable          // the band tables that can be used, in source order
	BandsFor map[string]*BandTable // by level (Levels): the table each level's scores are placed in
	Schede   []*Scheda             // the schede that can be used, in source order
}

// Kind is the level of a Node in the tree.
type Kind string

const (
	KindPlan        Kind = "plan"
	KindArea        Kind = "area"
	KindStrategic   Kind = "strategic"
	KindIndicators  Kind = "indicators"  // a strategic objective's own indicators
	KindOperational Kind = "operational" // a strategic objective's operational objectives
	KindObjective   Kind = "objective"   // an operational objective
	KindIndicator   Kind = "indicator"
)

// Node is one node of the weighted tree. Groups are nodes too, coded
// "301:indicators" and "301:operational", so that every weight the plan
// states has a place.
type Node struct {
	Kind      Kind
	Code      string
	Name      string
	Weight    float64 // percent, as written
	Normalize bool    // children's weights are divided by their sum
	Policy    Policy  // the scoring policy in force here (inherited when not set)
	Limits    Limits  // bounds on this node's own score (score cap P% floor P%); not inherited
	Children  []*Node
	Parent    *Node

	Indicator *Indicator // KindIndicator: the definition, shared by every use
	Use       *ast.Use   // KindIndicator placed by a use, else nil
	Src       ast.Node   // the statement that declared the node
	CodeRange lang.Range
}

// Indicator is a checked indicator definition.
type Indicator struct {
	Def         *ast.Indicator
	Code        string
	Unit        unit.Unit           // as declared
	FormulaUnit unit.Unit           // as inferred from the formula
	Scale       float64             // 100 when a pure ratio feeds a % indicator, else 1
	Inputs      []*Driver           // the drivers the formula reads, in order of appearance
	Baselines   map[int]*ast.Value  // into the tree, by year
	Targets     map[int]*ast.Target // into the tree, by year
	Nodes       []*Node             // the places of the tree that show it
}

// Driver is a checked driver declaration.
type Driver struct {
	Decl   *ast.Driver
	Code   string
	Unit   unit.Unit
	Scale  float64   // 100 when a derived pure ratio is declared in %, else 1
	Inputs []*Driver // a derived driver's inputs
	Used   bool
}

// WeightSum returns the sum of n's children's weights, and whether it is
// off 100% by more than the rounding Tolerance allows for that many siblings.
func (n *Node) WeightSum() (sum float64, off bool) {
	for _, c := range n.Children {
		sum += c.Weight
	}
	return sum, math.Abs(sum-100) > Tolerance*float64(len(n.Children))+1e-9
}

// Derived reports whether the driver is computed from other drivers.
func (d *Driver) Derived() bool { return d.Decl.Formula != nil }

// Tolerance is the rounding allowed on a weight sum per sibling: weights
// printed with two decimals each carry up to 0.005 of rounding, so a group of
// n siblings may sum to 100 ± 0.005·n (33.34 + 33.33 + 33.33 and 3 × 33.33
// both pass).
const Tolerance = 0.005

// Check checks a parsed file and builds its Plan.
func Check(f *ast.File) (*Plan, lang.Diagnostics) { return (*Memory)(nil).Check(f) }

// Check is Check with the memory of m (see Memory).
func (m *Memory) Check(f *ast.File) (*Plan, lang.Diagnostics) {
	fs := &lang.FileSet{}
	fs.Add(f.Name, lang.MaxFileSize)
	return check(fs, f, nil, m)
}

// CheckFiles checks several files as one plan: one header, in any one of
// them; drivers, areas and uses in any file and any order; codes unique
// across the files. Each file's tree must have been placed at its base in
// fs (see ast.Shift). Every diagnostic names the file it is in.
func CheckFiles(fs *lang.FileSet, files []*ast.File) (*Plan, lang.Diagnostics) {
	return (*Memory)(nil).CheckFiles(fs, files)
}

// CheckFiles is CheckFiles with the memory of m (see Memory).
func (m *Memory) CheckFiles(fs *lang.FileSet, files []*ast.File) (*Plan, lang.Diagnostics) {
	merged := &ast.File{Name: files[0].Name}
	var headerFile *ast.File
	var diags lang.Diagnostics
	for _, f := range files {
		merged.Stmts = append(merged.Stmts, f.Stmts...)
		merged.Comments = append(merged.Comments, f.Comments...)
		merged.Drivers = append(merged.Drivers, f.Drivers...)
		merged.Areas = append(merged.Areas, f.Areas...)
		merged.Bands = append(merged.Bands, f.Bands...)
		merged.Schede = append(merged.Schede, f.Schede...)
		lines := f.Header.Ranges()
		switch {
		case len(lines) == 0:
		case headerFile == nil:
			headerFile, merged.Header = f, f.Header
		default:
			first := headerFile.Header.Ranges()[0]
			for _, r := range lines {
				name, local := fs.Locate(r)
				diags = append(diags, &lang.Diagnostic{Severity: lang.Error, Code: lang.ESecondHeader, File: name, Subject: local,
					Summary: "a second header: the plan's header is in " + headerFile.Name,
					Detail:  "A plan of several files has one header (plan, body, years, scoring, missing), in one file; it starts at " + fs.Where(first) + ".",
					Hint:    "move this line to " + headerFile.Name + ", or remove it"})
			}
		}
	}
	return check(fs, merged, diags, m)
}

func check(fs *lang.FileSet, f *ast.File, diags lang.Diagnostics, m *Memory) (*Plan, lang.Diagnostics) {
	indicators, nodes := count(f)
	if m == nil {
		m = &Memory{}
	}
	m.prepare(len(f.Drivers), indicators, nodes)
	c := &checker{
		file: f,
		fs:   fs,
		plan: &Plan{File: f, Files: fs, Drivers: m.driverMap, Indicators: m.indicatorMap,
			IndicatorOrder: room[*Indicator](indicators)},
		codes: make(map[string]lang.Range, nodes),
		diags: diags,
		// Room for the tree, the plan and its children made at once: one
		// allocation instead of one per node.
		nodeRoom:      m.nodes,
		indicatorRoom: m.indicators,
		childRoom:     m.children,
		driverRoom:    m.drivers,
		defined:       room[*Indicator](indicators),
	}
	c.header()
	c.definitions()
	c.meaning()
	c.bands()
	c.schede()
	c.unusedDrivers()
	c.diags.Sort()
	return c.plan, c.diags
}

// room returns an empty slice with room for n elements; nil when n is 0, as
// appending to nothing would leave it.
func room[T any](n int) []T {
	if n == 0 {
		return nil
	}
	return make([]T, 0, n)
}

// count returns how many indicator definitions and tree nodes (areas,
// objectives, groups, indicators and uses) f holds, to size the maps.
func count(f *ast.File) (indicators, nodes int) {
	members := func(ms []ast.Member) {
		nodes += len(ms)
		for _, m := range ms {
			if _, ok := m.(*ast.Indicator); ok {
				indicators++
			}
		}
	}
	for _, a := range f.Areas {
		nodes += 1 + len(a.Objectives)
		for _, o := range a.Objectives {
			if g := o.Indicators; g != nil {
				nodes++
				members(g.Members)
			}
			if g := o.Operational; g != nil {
				nodes += 1 + len(g.Objectives)
				for _, op := range g.Objectives {
					members(op.Members)
				}
			}
		}
	}
	return indicators, nodes
}

type checker struct {
	file  *ast.File
	fs    *lang.FileSet
	plan  *Plan
	diags lang.Diagnostics
	codes map[string]lang.Range // every node code seen, for duplicates

	declared      []*Driver    // what each of file.Drivers declared; nil for a code declared before
	scope         driverScope  // see driverNames
	nodeRoom      []Node       // zero nodes for newNode
	indicatorRoom []Indicator  // one for each definition, zero but for empty maps (Memory)
	childRoom     []*Node      // room for children slices
	driverRoom    []Driver     // one for each declaration
	defined       []*Indicator // what collect made of each definition, in tree order, for member
}

func (c *checker) report(sev lang.Severity, code lang.Code, r lang.Range, summary, detail, hint string) {
	file, local := c.fs.Locate(r)
	c.diags = append(c.diags, &lang.Diagnostic{Severity: sev, Code: code, Summary: summary, Detail: detail, Hint: hint,
		File: file, Subject: local})
}

// Locate returns the name of the file that holds r, and r in that file's
// own offsets: what a diagnostic or an output names.
func (p *Plan) Locate(r lang.Range) (string, lang.Range) { return p.Files.Locate(r) }

// Where formats the start of r as file:line:col.
func (p *Plan) Where(r lang.Range) string { return p.Files.Where(r) }

func (c *checker) errorf(code lang.Code, r lang.Range, hint, format string, args ...any) {
	c.report(lang.Error, code, r, fmt.Sprintf(format, args...), "", hint)
}

func (c *checker) header() {
	f, h := c.file, &c.file.Header
	start := lang.Range{Start: lang.Pos{Offset: 0, Line: 1, Column: 1}, End: lang.Pos{Offset: 0, Line: 1, Column: 1}}
	if len(f.Stmts) > 0 {
		start = f.Stmts[0].Span()
	}
	if h.Title == nil {
		c.report(lang.Error, lang.EMissingHeader, start, "the plan has no title",
			"Every plan starts with its title, the body that adopts it and its years.",
			`begin the file with: plan "Piano della performance 2021"`)
	}
	if h.BaselineYears == nil {
		c.report(lang.Error, lang.EMissingHeader, start, "the plan does not say its baseline years",
			"Baselines are given per year; the header says which years they cover.", "add: baseline years 2018..2020")
	} else {
		c.plan.BaselineYears = c.years(h.BaselineYears)
	}
	if h.TargetYears == nil {
		c.report(lang.Error, lang.EMissingHeader, start, "the plan does not say its target years",
			"Targets are given per year; the header says which years they cover.", "add: target years 2021..2023")
	} else {
		c.plan.TargetYears = c.years(h.TargetYears)
	}
	c.plan.Scoring = DefaultPolicy
	if h.Scoring != nil {
		c.plan.Scoring = c.policy(h.Scoring, DefaultPolicy)
	}
	if m := h.Missing; m != nil {
		switch m.Value {
		case "renormalize":
		case "zero":
			c.plan.MissingAsZero = true
		default:
			c.errorf(lang.EBadPolicy, m.Rng, "write missing renormalize (leave N/D out and reweigh the rest) or missing zero (count N/D as 0%)",
				"unknown missing policy %q", m.Value)
		}
	}
	c.plan.Root = c.newNode()
	*c.plan.Root = Node{Kind: KindPlan, Weight: 100, Policy: c.plan.Scoring}
	if h.Limits != nil {
		c.plan.Root.Limits = c.limits(h.Limits)
	}
	if h.Title != nil {
		c.plan.Root.Name = h.Title.Value.Value
		c.plan.Root.Src = h.Title
	}
}

// maxYears bounds a year range, so that a typo such as 2021..20210 cannot
// make later stages loop over eighteen thousand years.
const maxYears = 100

func (c *checker) years(y *ast.Years) []int {
	if y.To.Value < y.From.Value {
		return nil // reported by the parser
	}
	if y.To.Value-y.From.Value >= maxYears {
		c.errorf(lang.EBadYearRange, y.Rng, "a plan covers a few years; check the range", "the year range %d..%d spans more than %d years", y.From.Value, y.To.Value, maxYears)
		return nil
	}
	var out []int
	for i := y.From.Value; i <= y.To.Value; i++ {
		out = append(out, i)
	}
	return out
}

// lookupUnit resolves a written unit, reporting unknown names.
func (c *checker) lookupUnit(e *ast.UnitExpr) (unit.Unit, bool) {
	u, ok := unit.Ratio, true
	for _, f := range e.Factors {
		v, found := unit.Lookup(f.Name)
		if !found {
			hint := "units are " + strings.Join(unit.Names(), ", ") + ", combined with * and /"
			if s := lang.Suggest(f.Name, unit.Names()); s != "" {
				hint = "did you mean " + s + "?"
			}
			c.errorf(lang.EUnknownUnit, f.Rng, hint, "unknown unit %q", f.Name)
			ok = false
			continue
		}
		if v.IsDate() && len(e.Factors) > 1 {
			c.errorf(lang.EUnknownUnit, e.Rng, "write unit date alone", "a date cannot be combined with other units")
			return unit.Date, false
		}
		if v.IsDate() {
			return v, ok
		}
		var in bool
		if f.Op == '/' {
			u, in = u.Div(v)
		} else {
			u, in = u.Mul(v)
		}
		if !in {
			c.exponent(e.Rng, u, "write the unit the indicator is measured in: N, %, gg, EUR, or a short product such as gg*EUR")
			return u, false
		}
	}
	return u, ok
}

func isZero(x float64) bool { return math.Abs(x) < 1e-12 }

// formatNum prints a number the way the plan would write it: no exponent,
// no trailing zeros.
func formatNum(x float64) string {
	return lang.Number(x, lang.ValueDecimals)
}
