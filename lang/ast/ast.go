// Package ast declares the tree of a .plan file: the plan header, drivers,
// and the weighted tree of areas, strategic objectives, indicator and
// operational groups, operational objectives and indicators, down to the
// formulas, baselines and targets of each indicator.
//
// Every node carries its source Range so that any later stage can point a
// diagnostic at the text the user wrote. Nodes keep the order of the source
// (Stmts, Fields) for the formatter, and a typed view of the same nodes
// (Header, Drivers, Areas; Indicator.Unit, ...) for the checker and the
// evaluator. The tree is built by lang/syntax and never changed afterwards.
package ast

import (
	"slices"
	"strings"
	"time"

	"github.com/piano-plan/piano/lang"
)

// Node is anything in the tree.
type Node interface {
	Span() lang.Range
}

// File is one parsed .plan file.
type File struct {
	Name     string
	Stmts    []Stmt // top-level statements in source order
	Comments []*Comment

	Header  Header
	Drivers []*Driver
	Areas   []*Area
	Bands   []*Bands
	Schede  []*Scheda
}

// Stmt is a statement: a header line, a driver, a node of the plan tree or a
// field of one.
type Stmt interface {
	Node
	stmt()
}

// Comment is one // or # comment, text included. OwnLine is true when
// nothing but space stands before it on its line.
type Comment struct {
	Rng     lang.Range
	Text    string
	OwnLine bool
}

// DocText returns the text of doc comments without their markers, one line
// each.
func DocText(doc []*Comment) string {
	var lines []string
	for _, c := range doc {
		t := strings.TrimPrefix(strings.TrimPrefix(c.Text, "//"), "#")
		lines = append(lines, strings.TrimSpace(t))
	}
	return strings.Join(lines, "\n")
}

func (c *Comment) Span() lang.Range { return c.Rng }

// Header is the typed view of the plan's header lines. Missing lines are nil.
type Header struct {
	Title         *StringField // plan "..."
	Body          *StringField // body "..."
	BaselineYears *Years       // baseline years 2018..2020
	TargetYears   *Years       // target years 2021..2023
	Scoring       *Policy      // scoring ratio
	Missing       *Word        // missing renormalize|zero
	Limits        *Limits      // score cap P% floor P%: the overall score's bounds
}

// StringField is a keyword followed by a string: plan, body, owner, note,
// algorithm.
type StringField struct {
	Rng     lang.Range
	Keyword string
	Value   String
}

// String is a quoted string, unquoted.
type String struct {
	Rng   lang.Range
	Value string
}

// Word is a bare word such as a keyword argument (renormalize, zero).
type Word struct {
	Rng   lang.Range
	Value string
}

// MissingStmt is the header line "missing renormalize|zero".
type MissingStmt struct {
	Rng   lang.Range
	Value Word
}

// Years is "baseline years FROM..TO" or "target years FROM..TO".
type Years struct {
	Rng      lang.Range
	Kind     string // "baseline" or "target"
	From, To Year
}

// Contains reports whether y is within the range.
func (y *Years) Contains(year int) bool { return year >= y.From.Value && year <= y.To.Value }

// Year is a calendar year as written.
type Year struct {
	Rng   lang.Range
	Value int
}

// Code is the code of a node or driver, exactly as the source writes it
// (301.D1.1, D1.1_2); Quoted is true when it was written in backquotes.
type Code struct {
	Rng    lang.Range
	Value  string
	Quoted bool
}

// Number is a numeric literal. Text is the literal as written (12_956_300_000).
type Number struct {
	Rng   lang.Range
	Value float64
	Text  string
}

// Weight is a percentage weight: "weight 33.34%". Value is in percent.
type Weight struct {
	Rng   lang.Range
	Value Number
}

// Driver declares a data driver: its code, description and unit, and for a
// derived driver the formula that computes it from other drivers.
type Driver struct {
	Rng     lang.Range
	Doc     []*Comment // the comment lines right above it
	Code    Code
	Name    String
	Unit    *UnitExpr
	Formula Expr // nil for a driver whose values come from data
}

// NodeKind names the level of a node in the plan tree.
type NodeKind int

const (
	KindArea NodeKind = iota
	KindStrategic
	KindOperational
	KindIndicator
)

var kindNames = [...]string{"area", "strategic objective", "operational objective", "indicator"}

func (k NodeKind) String() string { return kindNames[k] }

// Area is an "ambito strategico": the top level of the plan tree.
type Area struct {
	Rng    lang.Range
	Doc    []*Comment // the comment lines right above it
	Code   Code
	Name   String
	Weight Weight
	Items  []Stmt // source order: objectives and fields
	Fields
	Objectives []*Objective
}

// Objective is a strategic objective (in an area) or an operational objective
// (in a strategic objective's operational group).
type Objective struct {
	Rng    lang.Range
	Doc    []*Comment // the comment lines right above it
	Kind   NodeKind   // KindStrategic or KindOperational
	Code   Code
	Name   String
	Weight Weight
	Items  []Stmt
	Fields

	// A strategic objective has up to two groups.
	Indicators  *Group // its own indicators ("indicatori OS")
	Operational *Group // its operational objectives ("obiettivi operativi")

	// An operational objective holds indicators and uses directly.
	Members []Member
}

// GroupKind tells the two groups of a strategic objective apart.
type GroupKind int

const (
	IndicatorGroup GroupKind = iota
	OperationalGroup
)

// Group is one of the two weighted groups of a strategic objective.
type Group struct {
	Rng    lang.Range
	Kind   GroupKind
	Weight Weight
	Items  []Stmt
	Fields
	Members    []Member     // IndicatorGroup: indicators and uses
	Objectives []*Objective // OperationalGroup: operational objectives
}

// Fields are the optional lines any node of the tree may carry.
type Fields struct {
	Owner     *StringField
	Note      *StringField
	Scoring   *Policy
	Normalize *Flag   // the children's weights are divided by their sum
	Limits    *Limits // score cap P% floor P%: bounds on the node's own score
}

// Bands is a named band table (fasce): "bands fasce for objectives, areas {",
// its bands one per line, "}". For names the levels whose scores it
// places in a band: indicators, groups, objectives, areas, plan.
type Bands struct {
	Rng   lang.Range
	Doc   []*Comment
	Name  Code
	For   []Word
	Items []Stmt
	Bands []*Band
}

// Band is one band of a table: "band A 95%..100% "Eccellente" payout 100%
// colour green". A band holds the scores from Low (included) to High (not
// included, except for the table's top band).
type Band struct {
	Rng       lang.Range
	Code      Code
	Low, High Number // percent
	Label     *String
	Payout    *PolicyOption // payout P%: the share of the bonus the band gives
	Colour    *Word
}

// Scheda is the evaluation form (scheda) of one owner, a dirigente or a
// posizione organizzativa: "scheda DIR1 "Mario Rossi" {", the nodes
// assigned to them, a share of the organisational performance and a
// behaviour score, "}".
type Scheda struct {
	Rng            lang.Range
	Doc            []*Comment
	Code           Code
	Name           String
	Items          []Stmt
	Assigned       *Assigned
	Organisational *Organisational
	Behaviours     *Behaviours
}

// Assigned is "assigned 301: 60%, 401: 40% weight 50%": the nodes of the
// plan assigned to a scheda's owner, each with its weight in the scheda
// (none: the plan's weights, renormalised), and the results' weight.
type Assigned struct {
	Rng    lang.Range
	Nodes  []*AssignedNode
	Weight Weight
}

// AssignedNode is one node of an assigned line.
type AssignedNode struct {
	Rng    lang.Range
	Code   Code
	Weight *Number // percent; nil for the plan's weight
}

// Organisational is "organisational weight 20%": the share of the plan's
// overall score in a scheda.
type Organisational struct {
	Rng    lang.Range
	Weight Weight
}

// Behaviours is "behaviours weight 30% scale 1..5": the share of the
// behaviour score (comportamenti organizzativi), read from data on the
// SMVP's scale and mapped to a percentage.
type Behaviours struct {
	Rng       lang.Range
	Weight    Weight
	Low, High Number
}

// Limits is "score cap P% floor P%": bounds on the score of the node that
// holds it (the overall score, in the plan header), applied after its
// children are rolled up. A cap cuts the score to P (cap 100% stops
// over-achievement from compensating a missed sibling); a floor is an
// access threshold: a score below it counts as 0%.
type Limits struct {
	Rng     lang.Range
	Options []*PolicyOption // cap and floor, as written
}

// Flag is a keyword that stands alone, such as normalize.
type Flag struct {
	Rng     lang.Range
	Keyword string
}

// Member is an indicator or a use of one, the leaves of the plan tree.
type Member interface {
	Stmt
	MemberCode() Code
	MemberWeight() Weight
}

// Indicator defines an indicator: what it measures, how it is computed and
// what it should reach.
type Indicator struct {
	Rng    lang.Range
	Doc    []*Comment // the comment lines right above it
	Code   Code
	Name   String
	Weight Weight
	Items  []Stmt // fields in source order
	Fields

	Unit      *UnitField
	Formula   *FormulaField
	Algorithm *StringField  // the algorithm in words
	Baselines []*YearValue  // all baseline lines, merged
	Targets   []*YearTarget // all target lines, merged
}

// Use places an indicator defined elsewhere in the plan at a second point of
// the tree, under its own code (As) and weight: "use 802.S1 as 82.B3.2_1
// weight 50%". Both places show the same value and achievement.
type Use struct {
	Rng    lang.Range
	Ref    Code
	As     Code
	Weight Weight
}

func (u *Use) MemberCode() Code           { return u.As }
func (u *Use) MemberWeight() Weight       { return u.Weight }
func (i *Indicator) MemberCode() Code     { return i.Code }
func (i *Indicator) MemberWeight() Weight { return i.Weight }

// UnitField is "unit U".
type UnitField struct {
	Rng  lang.Range
	Unit *UnitExpr
}

// UnitExpr is a unit as written: names joined by * and /, such as gg*EUR.
type UnitExpr struct {
	Rng     lang.Range
	Factors []UnitFactor
}

// UnitFactor is one name of a unit expression; Op is '*' or '/' (the first
// factor has '*').
type UnitFactor struct {
	Rng  lang.Range
	Op   byte
	Name string
}

// FormulaField is "formula EXPR", the algorithm of an indicator.
type FormulaField struct {
	Rng  lang.Range
	Expr Expr
}

// BaselineField is one "baseline YEAR: VALUE, ..." line.
type BaselineField struct {
	Rng     lang.Range
	Entries []*YearValue
}

// TargetField is one "target YEAR: TARGET, ..." line.
type TargetField struct {
	Rng     lang.Range
	Entries []*YearTarget
}

// YearValue is a baseline for one year.
type YearValue struct {
	Rng   lang.Range
	Year  Year
	Value Value
}

// YearTarget is a target for one year.
type YearTarget struct {
	Rng    lang.Range
	Year   Year
	Target Target
}

// ValueKind tells what a Value holds.
type ValueKind int

const (
	NumberValue ValueKind = iota
	DateValue
	NotAvailable // N/D
)

// Value is a number (with an optional % sign), a date, or N/D.
type Value struct {
	Rng     lang.Range
	Kind    ValueKind
	Number  Number
	Percent bool      // written with a trailing %
	Date    time.Time // DateValue: midnight UTC of the day
	Text    string    // DateValue: as written
}

// Op is the comparator of a target.
type Op int

const (
	AtLeast  Op = iota // >= T
	AtMost             // <= T
	Equal              // = T
	Between            // LOW..HIGH, both included
	By                 // by DATE: done on or before the date ("Entro")
	NoTarget           // N/D: no target set for the year
)

var opNames = [...]string{">=", "<=", "=", "..", "by", "N/D"}

func (o Op) String() string { return opNames[o] }

// Target is what an indicator should reach in one year.
type Target struct {
	Rng   lang.Range
	Op    Op
	Value Value  // the bound; the low end for Between
	High  *Value // the high end for Between; nil for the other comparisons
	// Relative is a target written against a baseline (">= baseline 2020
	// + 5%", "baseline 2020 within 2%"). The parser leaves Value empty;
	// the checker resolves it into a new Target with Value (and High) set
	// and Resolved true, keeping Relative for explanations.
	Relative *Relative
	Resolved bool
}

// Relative is the baseline side of a relative target: the baseline of
// Year, changed by Sign and Change (a number in the indicator's unit, or
// with % a share of the baseline), or, Within, the range baseline ±
// Change.
type Relative struct {
	Rng    lang.Range
	Year   Year
	Sign   byte   // '+' or '-'; 0 without a change
	Change *Value // nil without a change
	Within bool
}

// Policy is a scoring policy: "scoring ratio cap 120%", "scoring custom = EXPR".
type Policy struct {
	Rng     lang.Range
	Name    Word
	Steps   []*Step // steps policies: "scoring steps 60%: 60%, 80%: 80%, 100%: 100%"
	Options []*PolicyOption
	Late    []*Step // late bands: "late 15 days: 80%, 30 days: 50%"
	Custom  Expr    // custom policies only
}

// Step is one entry of a steps policy (from an achievement, in percent, the
// score) or of late bands (up to a number of days late, the score).
type Step struct {
	Rng   lang.Range
	At    Number // percent of the target, or days
	Score Number // percent
}

// PolicyOption is one "cap P%", "floor P%" or "late P%" of a policy.
type PolicyOption struct {
	Rng   lang.Range
	Key   Word
	Value Number // percent
}

func (*StringField) stmt()    {}
func (*MissingStmt) stmt()    {}
func (*Years) stmt()          {}
func (*Driver) stmt()         {}
func (*Area) stmt()           {}
func (*Objective) stmt()      {}
func (*Group) stmt()          {}
func (*Indicator) stmt()      {}
func (*Use) stmt()            {}
func (*Flag) stmt()           {}
func (*Policy) stmt()         {}
func (*Limits) stmt()         {}
func (*Bands) stmt()          {}
func (*Band) stmt()           {}
func (*Behaviours) stmt()     {}
func (*Organisational) stmt() {}
func (*Assigned) stmt()       {}
func (*Scheda) stmt()         {}
func (*UnitField) stmt()      {}
func (*FormulaField) stmt()   {}
func (*BaselineField) stmt()  {}
func (*TargetField) stmt()    {}

func (n *StringField) Span() lang.Range    { return n.Rng }
func (n *MissingStmt) Span() lang.Range    { return n.Rng }
func (n *Years) Span() lang.Range          { return n.Rng }
func (n *Driver) Span() lang.Range         { return n.Rng }
func (n *Area) Span() lang.Range           { return n.Rng }
func (n *Objective) Span() lang.Range      { return n.Rng }
func (n *Group) Span() lang.Range          { return n.Rng }
func (n *Indicator) Span() lang.Range      { return n.Rng }
func (n *Use) Span() lang.Range            { return n.Rng }
func (n *Flag) Span() lang.Range           { return n.Rng }
func (n *Policy) Span() lang.Range         { return n.Rng }
func (n *Limits) Span() lang.Range         { return n.Rng }
func (n *Bands) Span() lang.Range          { return n.Rng }
func (n *Band) Span() lang.Range           { return n.Rng }
func (n *Behaviours) Span() lang.Range     { return n.Rng }
func (n *Organisational) Span() lang.Range { return n.Rng }
func (n *Assigned) Span() lang.Range       { return n.Rng }
func (n *Scheda) Span() lang.Range         { return n.Rng }
func (n *UnitField) Span() lang.Range      { return n.Rng }
func (n *FormulaField) Span() lang.Range   { return n.Rng }
func (n *BaselineField) Span() lang.Range  { return n.Rng }
func (n *TargetField) Span() lang.Range    { return n.Rng }

// Ranges returns the range of every header line written, in source order.
func (h *Header) Ranges() []lang.Range {
	var out []lang.Range
	h.each(func(r lang.Range, _ func()) { out = append(out, r) })
	slices.SortFunc(out, func(a, b lang.Range) int { return int(a.Start.Offset - b.Start.Offset) })
	return out
}

// Drop removes the header lines whose range drop reports.
func (h *Header) Drop(drop func(lang.Range) bool) {
	h.each(func(r lang.Range, clear func()) {
		if drop(r) {
			clear()
		}
	})
}

// each calls f with the range of each header line written and a function
// that removes it.
func (h *Header) each(f func(lang.Range, func())) {
	if h.Title != nil {
		f(h.Title.Rng, func() { h.Title = nil })
	}
	if h.Body != nil {
		f(h.Body.Rng, func() { h.Body = nil })
	}
	if h.BaselineYears != nil {
		f(h.BaselineYears.Rng, func() { h.BaselineYears = nil })
	}
	if h.TargetYears != nil {
		f(h.TargetYears.Rng, func() { h.TargetYears = nil })
	}
	if h.Scoring != nil {
		f(h.Scoring.Rng, func() { h.Scoring = nil })
	}
	if h.Missing != nil {
		f(h.Missing.Rng, func() { h.Missing = nil })
	}
	if h.Limits != nil {
		f(h.Limits.Rng, func() { h.Limits = nil })
	}
}

// InspectStmts calls f for every statement of the list and, depth first, of the
// blocks they open, in source order.
func InspectStmts(stmts []Stmt, f func(Stmt)) {
	for _, s := range stmts {
		f(s)
		switch n := s.(type) {
		case *Area:
			InspectStmts(n.Items, f)
		case *Objective:
			InspectStmts(n.Items, f)
		case *Group:
			InspectStmts(n.Items, f)
		case *Indicator:
			InspectStmts(n.Items, f)
		case *Bands:
			InspectStmts(n.Items, f)
		case *Scheda:
			InspectStmts(n.Items, f)
		}
	}
}
