// Package diff compares two revisions of a plan by meaning, not by text:
// nodes are matched by code, so a node that moved or was reordered is
// reported as moved, and each change is named the way reviewers of a
// performance plan think of it: weights changed ("pesi % modificati"),
// targets raised or lowered ("target incrementati", "target diminuiti"),
// baselines corrected, formulas, units and drivers changed. Changes of
// published text that move no number (an owner, a note, an algorithm in
// words, a driver's description) are a class of their own, ClassText, so a
// reviewer sees what the plan now says without mistaking it for a change of
// score.
//
// diff works on checked plans (lang/check) and prints nothing itself:
// package render prints a Report as text, Markdown or JSON.
package diff

import (
	"fmt"
	"slices"
	"strconv"

	"github.com/piano-plan/piano/lang"
	"github.com/piano-plan/piano/lang/ast"
	"github.com/piano-plan/piano/lang/check"
	"github.com/piano-plan/piano/lang/format"
)

// Kind names a kind of change.
type Kind string

const (
	Added            Kind = "added"
	Removed          Kind = "removed"
	Moved            Kind = "moved"
	Renamed          Kind = "renamed"
	WeightChanged    Kind = "weight changed"
	TargetRaised     Kind = "target raised"
	TargetLowered    Kind = "target lowered"
	TargetChanged    Kind = "target changed" // comparator changed, or neither raised nor lowered
	TargetAdded      Kind = "target added"
	TargetRemoved    Kind = "target removed"
	DeadlineChanged  Kind = "deadline changed"
	BaselineChanged  Kind = "baseline corrected"
	FormulaChanged   Kind = "formula changed"
	UnitChanged      Kind = "unit changed"
	UseChanged       Kind = "use changed"
	PolicyChanged    Kind = "scoring changed"
	NormalizeChanged Kind = "normalize changed"
	DriverAdded      Kind = "driver added"
	DriverRemoved    Kind = "driver removed"
	DriverChanged    Kind = "driver changed"
	HeaderChanged    Kind = "header changed"
	WeightSumBroken  Kind = "weights no longer sum to 100%"
	WeightSumFixed   Kind = "weights sum to 100% again"

	// Text changes (ClassText): published, but no score depends on them.
	OwnerChanged       Kind = "owner changed"
	NoteChanged        Kind = "note changed"
	AlgorithmChanged   Kind = "algorithm changed"
	DescriptionChanged Kind = "description changed" // a driver's quoted description
)

// Class groups kinds of change by what they do to the published plan.
type Class string

// ClassText is a change of published text only: who answers for a node
// (owner), a note, an indicator's algorithm in words, a driver's
// description. It changes what the plan says and no number.
const ClassText Class = "text"

// Class is the class of k, "" for a change that can move a score or the
// plan's structure.
func (k Kind) Class() Class {
	switch k {
	case OwnerChanged, NoteChanged, AlgorithmChanged, DescriptionChanged:
		return ClassText
	}
	return ""
}

// Place is where a changed line stands: file (as the revision was named),
// line and column, 1-based.
type Place struct {
	File   string `json:"file"`
	Line   int    `json:"line"`
	Column int    `json:"column"`
}

func (p Place) String() string { return fmt.Sprintf("%s:%d:%d", p.File, p.Line, p.Column) }

// Change is one difference between two revisions.
type Change struct {
	Code     string     `json:"code"`
	NodeKind check.Kind `json:"node_kind,omitempty"`
	Name     string     `json:"name,omitempty"`
	Kind     Kind       `json:"change"`
	Year     int        `json:"year,omitempty"`
	Old      string     `json:"old,omitempty"`
	New      string     `json:"new,omitempty"`
	Detail   string     `json:"detail,omitempty"`
	Class    Class      `json:"class,omitempty"` // ClassText, else empty
	At       *Place     `json:"at,omitempty"`    // text changes: the line in the new revision, or in the old one when removed

	// The typed forms of Old and New, for the JSON contract (package
	// render): weights in percent (weight changes and weight sums), targets,
	// baselines (nil for none).
	OldWeight, NewWeight     *float64    `json:"-"`
	OldTarget, NewTarget     *ast.Target `json:"-"`
	OldBaseline, NewBaseline *ast.Value  `json:"-"`

	// Filled by Rescore.
	OldScore *float64 `json:"old_score,omitempty"`
	NewScore *float64 `json:"new_score,omitempty"`
}

// Report is every change between two revisions, in the order of the new
// revision's tree (removed nodes where they stood in the old one).
type Report struct {
	Old, New string   `json:"-"`
	Changes  []Change `json:"changes"`

	// Filled by Rescore.
	Year         int      `json:"year,omitempty"`
	OldPlanScore *float64 `json:"old_score,omitempty"`
	NewPlanScore *float64 `json:"new_score,omitempty"`
	Rescored     bool     `json:"-"`
}

// node is a tree node with its place.
type node struct {
	n      *check.Node
	parent string
	index  int // among its parent's children
}

func index(p *check.Plan) (map[string]node, []string) {
	m := map[string]node{}
	var order []string
	var walk func(n *check.Node)
	walk = func(n *check.Node) {
		for i, c := range n.Children {
			if _, dup := m[c.Code]; !dup {
				m[c.Code] = node{n: c, parent: n.Code, index: i}
				order = append(order, c.Code)
			}
			walk(c)
		}
	}
	walk(p.Root)
	return m, order
}

// Compare lists the changes from old to new.
func Compare(old, new *check.Plan) *Report {
	r := &Report{}
	add := func(c Change) { r.Changes = append(r.Changes, c) }
	header(old, new, add)
	drivers(old, new, add)

	on, oldOrder := index(old)
	nn, newOrder := index(new)
	for _, code := range newOrder {
		n := nn[code]
		o, ok := on[code]
		if !ok {
			add(Change{Code: code, NodeKind: n.n.Kind, Name: n.n.Name, Kind: Added, Detail: "under " + parentName(n.parent)})
			continue
		}
		compareNode(o, n, add)
		compareText(o, n, old.Files, new.Files, add)
	}
	for _, code := range oldOrder {
		if _, ok := nn[code]; !ok {
			o := on[code]
			add(Change{Code: code, NodeKind: o.n.Kind, Name: o.n.Name, Kind: Removed, Detail: "from " + parentName(o.parent)})
		}
	}
	reordered(old.Root, nn, add)
	weightSums(old, new, add)
	return r
}

func parentName(code string) string {
	if code == "" {
		return "PLAN" // the plan's code in every output
	}
	return code
}

func header(old, new *check.Plan, add func(Change)) {
	str := func(f *ast.StringField) string {
		if f == nil {
			return ""
		}
		return f.Value.Value
	}
	years := func(y []int) string {
		if len(y) == 0 {
			return ""
		}
		return fmt.Sprintf("%d..%d", y[0], y[len(y)-1])
	}
	pairs := []struct{ what, o, n string }{
		{"title", str(old.File.Header.Title), str(new.File.Header.Title)},
		{"body", str(old.File.Header.Body), str(new.File.Header.Body)},
		{"baseline years", years(old.BaselineYears), years(new.BaselineYears)},
		{"target years", years(old.TargetYears), years(new.TargetYears)},
		{"scoring", policy(old.Scoring), policy(new.Scoring)},
		{"missing", missing(old), missing(new)},
	}
	for _, p := range pairs {
		if p.o != p.n {
			add(Change{Code: "PLAN", Kind: HeaderChanged, Detail: p.what, Old: p.o, New: p.n})
		}
	}
}

func missing(p *check.Plan) string {
	if p.MissingAsZero {
		return "zero"
	}
	return "renormalize"
}

func policy(p check.Policy) string {
	if p.Src == nil {
		return "ratio (default)"
	}
	return format.Policy(p.Src)
}

func drivers(old, new *check.Plan, add func(Change)) {
	desc := func(d *check.Driver) string {
		s := "unit " + ast.FormatUnit(d.Decl.Unit)
		if d.Decl.Formula != nil {
			s += " = " + ast.FormatExpr(d.Decl.Formula)
		}
		return s
	}
	for _, decl := range new.File.Drivers {
		d := new.Drivers[decl.Code.Value]
		o, ok := old.Drivers[d.Code]
		switch {
		case !ok:
			add(Change{Code: d.Code, Name: d.Decl.Name.Value, Kind: DriverAdded, New: desc(d)})
		default:
			if desc(o) != desc(d) {
				add(Change{Code: d.Code, Name: d.Decl.Name.Value, Kind: DriverChanged, Old: desc(o), New: desc(d)})
			}
			base := Change{Code: d.Code, Name: d.Decl.Name.Value}
			textChange(base, DescriptionChanged, str(old.Files, o.Decl.Name), str(new.Files, d.Decl.Name), add)
		}
	}
	for _, decl := range old.File.Drivers {
		if _, ok := new.Drivers[decl.Code.Value]; !ok {
			add(Change{Code: decl.Code.Value, Name: decl.Name.Value, Kind: DriverRemoved, Old: desc(old.Drivers[decl.Code.Value])})
		}
	}
}

func compareNode(o, n node, add func(Change)) {
	base := Change{Code: n.n.Code, NodeKind: n.n.Kind, Name: n.n.Name}
	emit := func(k Kind, old, new, detail string, year int) {
		c := base
		c.Kind, c.Old, c.New, c.Detail, c.Year = k, old, new, detail, year
		add(c)
	}
	if o.parent != n.parent {
		emit(Moved, parentName(o.parent), parentName(n.parent), "", 0)
	}
	if o.n.Name != n.n.Name && n.n.Use == nil { // a use's name is its indicator's
		emit(Renamed, o.n.Name, n.n.Name, "", 0)
	}
	if o.n.Weight != n.n.Weight {
		c := base
		c.Kind, c.Old, c.New = WeightChanged, pct(o.n.Weight), pct(n.n.Weight)
		c.OldWeight, c.NewWeight = &o.n.Weight, &n.n.Weight
		add(c)
	}
	if o.n.Normalize != n.n.Normalize {
		emit(NormalizeChanged, strconv.FormatBool(o.n.Normalize), strconv.FormatBool(n.n.Normalize), "", 0)
	}
	if a, b := ownPolicy(o.n), ownPolicy(n.n); a != b {
		emit(PolicyChanged, a, b, "", 0)
	}
	if n.n.Kind != check.KindIndicator {
		return
	}
	if ou, nu := useOf(o.n), useOf(n.n); ou != nu {
		emit(UseChanged, ou, nu, "", 0)
	}
	oi, ni := o.n.Indicator, n.n.Indicator
	if oi == nil || ni == nil || n.n.Use != nil {
		return // an unresolved use, or a use: its definition carries the changes
	}
	if a, b := unitText(oi), unitText(ni); a != b {
		emit(UnitChanged, a, b, "", 0)
	}
	if a, b := formulaText(oi), formulaText(ni); a != b {
		emit(FormulaChanged, a, b, "", 0)
	}
	for _, y := range years(oi.Baselines, ni.Baselines) {
		as, bs := valueOr(oi.Baselines[y]), valueOr(ni.Baselines[y])
		if as != bs {
			c := base
			c.Kind, c.Old, c.New, c.Year = BaselineChanged, as, bs, y
			c.OldBaseline, c.NewBaseline = oi.Baselines[y], ni.Baselines[y]
			add(c)
		}
	}
	for _, y := range years(oi.Targets, ni.Targets) {
		a, b := oi.Targets[y], ni.Targets[y]
		c := base
		c.Year, c.OldTarget, c.NewTarget = y, a, b
		switch {
		case a == nil || b != nil && a.Op == ast.NoTarget && b.Op != ast.NoTarget:
			c.Kind, c.Old, c.New = TargetAdded, targetOr(a), format.Target(*b)
		case b == nil || b.Op == ast.NoTarget && a.Op != ast.NoTarget:
			c.Kind, c.Old, c.New = TargetRemoved, format.Target(*a), targetOr(b)
		case format.Target(*a) != format.Target(*b):
			c.Kind, c.Old, c.New = targetChange(*a, *b), format.Target(*a), format.Target(*b)
		default:
			continue
		}
		add(c)
	}
}

// text is one line of published text in one revision; ok is false when the
// revision does not have the line.
type text struct {
	value string
	at    Place
	ok    bool
}

func str(fs *lang.FileSet, s ast.String) text {
	return text{value: s.Value, at: place(fs, s.Rng), ok: true}
}

func field(fs *lang.FileSet, f *ast.StringField) text {
	if f == nil {
		return text{}
	}
	return text{value: f.Value.Value, at: place(fs, f.Rng), ok: true}
}

func place(fs *lang.FileSet, r lang.Range) Place {
	file, _ := fs.Locate(r)
	return Place{File: file, Line: int(r.Start.Line), Column: int(r.Start.Column)}
}

// textChange reports a text line that differs, placed where it stands in the
// new revision, or in the old one when it was removed.
func textChange(base Change, k Kind, a, b text, add func(Change)) {
	if a.value == b.value {
		return
	}
	c := base
	c.Kind, c.Class, c.Old, c.New = k, k.Class(), a.value, b.value
	at := b.at
	if !b.ok {
		at = a.at
	}
	c.At = &at
	add(c)
}

// fields are the owner and note lines a node's statement carries; a use has
// none of its own (its indicator's definition carries them).
func fields(n *check.Node) (ast.Fields, bool) {
	switch src := n.Src.(type) {
	case *ast.Area:
		return src.Fields, true
	case *ast.Objective:
		return src.Fields, true
	case *ast.Group:
		return src.Fields, true
	case *ast.Indicator:
		return src.Fields, true
	}
	return ast.Fields{}, false
}

// compareText reports the published text of a node that changed: owner,
// note and, for an indicator, its algorithm.
func compareText(o, n node, oldFile, newFile *lang.FileSet, add func(Change)) {
	of, ok1 := fields(o.n)
	nf, ok2 := fields(n.n)
	if !ok1 || !ok2 {
		return
	}
	base := Change{Code: n.n.Code, NodeKind: n.n.Kind, Name: n.n.Name}
	textChange(base, OwnerChanged, field(oldFile, of.Owner), field(newFile, nf.Owner), add)
	textChange(base, NoteChanged, field(oldFile, of.Note), field(newFile, nf.Note), add)
	oi, ok1 := o.n.Src.(*ast.Indicator)
	ni, ok2 := n.n.Src.(*ast.Indicator)
	if ok1 && ok2 {
		textChange(base, AlgorithmChanged, field(oldFile, oi.Algorithm), field(newFile, ni.Algorithm), add)
	}
}

// targetChange says whether a target got harder (raised) or easier
// (lowered). For an at-most target a lower number is a raise; for a
// deadline an earlier date is a raise.
func targetChange(a, b ast.Target) Kind {
	if a.Op != b.Op {
		return TargetChanged
	}
	switch a.Op {
	case ast.AtLeast, ast.AtMost:
		x, y := a.Value.Number.Value, b.Value.Number.Value
		if x == y {
			return TargetChanged // same figure written differently
		}
		if (a.Op == ast.AtLeast) == (y > x) {
			return TargetRaised
		}
		return TargetLowered
	case ast.By:
		if b.Value.Date.Before(a.Value.Date) {
			return TargetRaised
		}
		return TargetLowered
	}
	return TargetChanged
}

// ownPolicy is the scoring line a node itself states, "(inherited)" when it
// states none: a change of an inherited policy is reported where it is made.
func ownPolicy(n *check.Node) string {
	if n.Policy.Src == nil || n.Parent != nil && n.Parent.Policy.Src == n.Policy.Src {
		return "(inherited)"
	}
	return format.Policy(n.Policy.Src)
}

func useOf(n *check.Node) string {
	if n.Use == nil {
		return ""
	}
	return n.Use.Ref.Value
}

func unitText(i *check.Indicator) string {
	if i.Def.Unit == nil {
		return ""
	}
	return ast.FormatUnit(i.Def.Unit.Unit)
}

func formulaText(i *check.Indicator) string {
	if i.Def.Formula == nil {
		return ""
	}
	return ast.FormatExpr(i.Def.Formula.Expr)
}

func valueOr(v *ast.Value) string {
	if v == nil {
		return "(none)"
	}
	return format.Value(*v)
}

func targetOr(t *ast.Target) string {
	if t == nil {
		return "(none)"
	}
	return format.Target(*t)
}

func years[V any](a, b map[int]V) []int {
	var ys []int
	for y := range a {
		ys = append(ys, y)
	}
	for y := range b {
		if _, ok := a[y]; !ok {
			ys = append(ys, y)
		}
	}
	slices.Sort(ys)
	return ys
}

// reordered reports children whose order among the siblings both revisions
// share has changed.
func reordered(root *check.Node, nn map[string]node, add func(Change)) {
	var walk func(n *check.Node)
	walk = func(n *check.Node) {
		var common []string
		for _, c := range n.Children {
			if m, ok := nn[c.Code]; ok && m.parent == n.Code {
				common = append(common, c.Code)
			}
		}
		newOrder := slices.Clone(common)
		slices.SortStableFunc(newOrder, func(a, b string) int { return nn[a].index - nn[b].index })
		for i, code := range common {
			if newOrder[i] != code {
				m := nn[code]
				j := slices.Index(newOrder, code)
				add(Change{Code: code, NodeKind: m.n.Kind, Name: m.n.Name, Kind: Moved,
					Old: fmt.Sprintf("position %d", i+1), New: fmt.Sprintf("position %d", j+1),
					Detail: "within " + parentName(n.Code)})
			}
		}
		for _, c := range n.Children {
			walk(c)
		}
	}
	walk(root)
}

// weightSums reports groups whose weights summed to 100% and no longer do,
// and the reverse, in the order of the new tree.
func weightSums(old, new *check.Plan, add func(Change)) {
	on, _ := index(old)
	on[""] = node{n: old.Root}
	holds := func(n *check.Node) (bool, float64) {
		sum, off := n.WeightSum()
		return n.Normalize || len(n.Children) == 0 || !off, sum
	}
	var walk func(n *check.Node)
	walk = func(n *check.Node) {
		if o, ok := on[n.Code]; ok {
			oh, osum := holds(o.n)
			nh, nsum := holds(n)
			c := Change{Code: parentName(n.Code), NodeKind: n.Kind, Name: n.Name, Old: pct(osum), New: pct(nsum),
				OldWeight: &osum, NewWeight: &nsum}
			switch {
			case oh && !nh:
				c.Kind = WeightSumBroken
				add(c)
			case !oh && nh:
				c.Kind = WeightSumFixed
				add(c)
			}
		}
		for _, c := range n.Children {
			walk(c)
		}
	}
	walk(new.Root)
}

func pct(x float64) string { return lang.Figure(x) + "%" }

// Scores gives a node's score in one revision: ok is false when the node is
// not in that revision; a nil score is N/D.
type Scores func(code string) (score *float64, ok bool)

// Rescore attaches to every change the score of its node in both revisions
// (evaluated on the same data for year), and the plans' overall scores.
func (r *Report) Rescore(year int, oldPlan, newPlan *float64, old, new Scores) {
	r.Rescored, r.Year, r.OldPlanScore, r.NewPlanScore = true, year, oldPlan, newPlan
	for i := range r.Changes {
		c := &r.Changes[i]
		if s, ok := old(c.Code); ok {
			c.OldScore = s
		}
		if s, ok := new(c.Code); ok {
			c.NewScore = s
		}
	}
}

// Empty reports whether the revisions do not differ.
func (r *Report) Empty() bool { return len(r.Changes) == 0 }
