package syntax

import (
	"sync"

	"github.com/alecthomas/participle/v2"
	"github.com/alecthomas/participle/v2/lexer"
	"github.com/piano-plan/piano/lang/ast"
)

// The grammar of the .plan language, as participle structs. Every statement
// goes through one production (gStmt) wherever it appears; build then checks
// that each statement stands where it belongs (the statement table,
// ast.Statements), which gives better messages than a grammar that refuses
// a misplaced line with "unexpected token".
//
// gStmt says which statement a keyword starts and which field the rest
// fills; the statement loop goes by the keyword to that alternative
// (readByKeyword). Participle reads the head of a node or group up to its
// "{" (gNode, gGroup), a use (gUse) and a range of years (gYears), through
// the struct tags below, each with its production's parser (readHead). Those are the only types of the concrete syntax that build still
// turns into lang/ast, with the one-token leaves their tags capture
// (gString, gWord, gCode, gNumber, gWeight, gPercent, gRBrace), because a
// struct tag captures into a field of the grammar's own types. What follows
// the other keywords is read by hand, through participle's Parseable
// interface, straight into lang/ast (gDriver, gPolicy, gUnit, gExpr,
// gAssign, gBaselines, gTargets hold the ast value they read). That more
// than halves the time and the garbage of a parse: see BENCHMARKS.md.

type gStmt struct {
	Pos            lexer.Position
	Indicator      *gNode       `parser:"(  'indicator' @@"`
	Objective      *gNode       `parser:" | 'objective' @@"`
	Indicators     *gGroup      `parser:" | 'indicators' @@"`
	Operational    *gGroup      `parser:" | 'operational' @@"`
	Use            *gUse        `parser:" | 'use' @@"`
	Area           *gNode       `parser:" | 'area' @@"`
	TargetYears    *gYears      `parser:" | 'target' 'years' @@"`
	BaselineYears  *gYears      `parser:" | 'baseline' 'years' @@"`
	Bands          *gBandsHead  `parser:" | 'bands' @@"`
	Scheda         *gNodeHead   `parser:" | 'scheda' @@"`
	Driver         *gDriver     `parser:" | 'driver' @@"`
	Target         *gTargets    `parser:" | 'target' @@"`
	Baseline       *gBaselines  `parser:" | 'baseline' @@"`
	Unit           *gUnit       `parser:" | 'unit' @@"`
	Formula        *gExpr       `parser:" | 'formula' @@"`
	Algorithm      *gString     `parser:" | 'algorithm' @@"`
	Scoring        *gPolicy     `parser:" | 'scoring' @@"`
	Score          *gLimits     `parser:" | 'score' @@"`
	Owner          *gString     `parser:" | 'owner' @@"`
	Note           *gString     `parser:" | 'note' @@"`
	Missing        *gWord       `parser:" | 'missing' @@"`
	Normalize      bool         `parser:" | @'normalize'"`
	Band           *gBand       `parser:" | 'band' @@"`
	Assigned       *gAssigned   `parser:" | 'assigned' @@"`
	Organisational *gWeight     `parser:" | 'organisational' @@"`
	Behaviours     *gBehaviours `parser:" | 'behaviours' @@"`
	Plan           *gString     `parser:" | 'plan' @@"`
	Body           *gString     `parser:" | 'body' @@ )"`
}

// gStmt's alternatives all start with their keyword. Participle tries
// them in order, and each one tried costs it a branch of its parse state,
// so those it still reads come first, most frequent first; the statement
// loop reads the others by hand when it sees their keyword (handField),
// and participle tries them only in tests (forceParticiple). A keyword's
// "KEYWORD years" alternative must come before its plain one.
//
// A statement added here needs its row in the statement table
// (ast.Statements), which gives the statement loop its keywords, the
// lexer the words that take an argument (takesArgument), the builder
// where it may stand, and the formatter its layout; TestGrammarTable
// fails while the two disagree.

type gYears struct {
	From gWord `parser:"@@ '..'"`
	To   gWord `parser:"@@"`
}

type gString struct {
	Pos   lexer.Position
	Value string
}

type gWord struct {
	Pos   lexer.Position
	Value string
}

type gCode struct {
	Pos   lexer.Position
	Value string
}

type gNumber struct {
	Pos   lexer.Position
	Neg   bool
	Value string
}

type gWeight struct {
	Pos     lexer.Position
	Number  gNumber
	Percent gPercent
}

type gPercent struct {
	Pos   lexer.Position
	Value string
}

type gRBrace struct {
	Pos   lexer.Position
	Value string
}

// A node or group statement ends at its "{": participle reads the head,
// and the statement loop (recover.go) reads the body one statement at a
// time, into Body, and the "}" into Close, so that a broken statement in
// a block costs only that statement.

type gNode struct {
	Code   gCode   `parser:"@@"`
	Name   gString `parser:"@@"`
	Weight gWeight `parser:"@@ '{'"`
	Body   []*gStmt
	Close  gRBrace
}

type gGroup struct {
	Weight gWeight `parser:"@@ '{'"`
	Body   []*gStmt
	Close  gRBrace
}

type gUse struct {
	Ref    gCode   `parser:"@@"`
	As     gCode   `parser:"'as' @@"`
	Weight gWeight `parser:"@@"`
}

// A driver and a policy are read by hand (leaves.go), into lang/ast: each
// ends in an optional part (a formula; options and a formula), and
// participle takes an optional part that breaks off within its one token of
// lookahead as absent, ending the statement quietly before the broken part,
// so that the next statement reported a worse error than the one where it
// broke off. A unit is read by hand too; the entries of baseline and target
// lines are read by hand in values.go, formulas in formula.go. Each keeps
// the problems of the values it read (a bad number, year, date or escape)
// for the builder, which reports them when it takes the statement.

// gDriver is what follows "driver"; its Rng starts at its code.
type gDriver struct {
	problems
	D *ast.Driver
}

// gUnit is a unit.
type gUnit struct{ U *ast.UnitExpr }

// gPolicy is what follows "scoring"; its Rng starts at its name.
type gPolicy struct {
	problems
	P *ast.Policy
}

// gBandsHead is a band table up to its "{"; the statement loop reads its
// bands into Body.
type gBandsHead struct {
	Name  gCode   `parser:"@@ 'for'"`
	For   []gWord `parser:"@@ (',' @@)* '{'"`
	Body  []*gStmt
	Close gRBrace
}

// gNodeHead is a scheda up to its "{": a code and a name.
type gNodeHead struct {
	Code  gCode   `parser:"@@"`
	Name  gString `parser:"@@ '{'"`
	Body  []*gStmt
	Close gRBrace
}

// gAssigned is what follows "assigned", read by hand.
type gAssigned struct {
	problems
	A *ast.Assigned
}

// gBehaviours is what follows "behaviours", read by hand.
type gBehaviours struct {
	problems
	B *ast.Behaviours
}

// gBand is what follows "band", read by hand.
type gBand struct {
	problems
	B *ast.Band
}

// gLimits is what follows "score": cap and floor options.
type gLimits struct {
	problems
	L *ast.Limits
}

// handField gives g the field that the grammar's alternative for keyword
// fills, for the statements that participle need not try: those whose
// alternative is the keyword and one Parseable (or the keyword alone, for
// normalize, which returns nil). It reports false for the other keywords,
// whose statements participle reads: nodes, groups, uses, years, bands
// and schede. A keyword that also starts a "KEYWORD THEN" statement
// (baseline years) is read by hand only when THEN does not follow (see
// readByHand). TestHandRead checks that each case fills the field of the
// grammar's alternative for its keyword.
func handField(keyword string, g *gStmt, h *handValues) (participle.Parseable, bool) {
	switch keyword {
	case "driver":
		g.Driver = h.drivers.new()
		return g.Driver, true
	case "target":
		g.Target = h.targets.new()
		return g.Target, true
	case "baseline":
		g.Baseline = h.baselines.new()
		return g.Baseline, true
	case "unit":
		g.Unit = h.units.new()
		return g.Unit, true
	case "formula":
		g.Formula = h.formulas.new()
		return g.Formula, true
	case "algorithm":
		g.Algorithm = h.strings.new()
		return g.Algorithm, true
	case "scoring":
		g.Scoring = &gPolicy{}
		return g.Scoring, true
	case "score":
		g.Score = &gLimits{}
		return g.Score, true
	case "owner":
		g.Owner = h.strings.new()
		return g.Owner, true
	case "note":
		g.Note = h.strings.new()
		return g.Note, true
	case "missing":
		g.Missing = &gWord{}
		return g.Missing, true
	case "normalize":
		g.Normalize = true
		return nil, true
	case "band":
		g.Band = &gBand{}
		return g.Band, true
	case "assigned":
		g.Assigned = &gAssigned{}
		return g.Assigned, true
	case "organisational":
		g.Organisational = &gWeight{}
		return g.Organisational, true
	case "behaviours":
		g.Behaviours = &gBehaviours{}
		return g.Behaviours, true
	case "plan":
		g.Plan = &gString{}
		return g.Plan, true
	case "body":
		g.Body = &gString{}
		return g.Body, true
	}
	return nil, false
}

// handValues give the values of the frequent statements read by hand, a
// slab at a time rather than one allocation each: what the builder takes
// from them, it copies (or takes the lang/ast values they point to).
type handValues struct {
	drivers   slab[gDriver]
	targets   slab[gTargets]
	baselines slab[gBaselines]
	units     slab[gUnit]
	formulas  slab[gExpr]
	strings   slab[gString]
}

// slab gives new Ts from blocks of slabSize.
type slab[T any] struct{ free []T }

const slabSize = 32

func (s *slab[T]) new() *T {
	if len(s.free) == 0 {
		s.free = make([]T, slabSize)
	}
	v := &s.free[0]
	s.free = s.free[1:]
	return v
}

// readHead reads what follows keyword for the statements whose head
// participle reads, into the field of g that gStmt's alternative for
// keyword fills, with participle's parser for that production. It reports
// false for the other keywords. TestHandRead checks the fields.
func readHead(keyword string, g *gStmt, lex *lexer.PeekingLexer) (bool, error) {
	var err error
	h := heads()
	switch keyword {
	case "indicator":
		g.Indicator, err = production(h.node, lex)
	case "objective":
		g.Objective, err = production(h.node, lex)
	case "area":
		g.Area, err = production(h.node, lex)
	case "indicators":
		g.Indicators, err = production(h.group, lex)
	case "operational":
		g.Operational, err = production(h.group, lex)
	case "use":
		g.Use, err = production(h.use, lex)
	case "bands":
		g.Bands, err = production(h.bands, lex)
	case "scheda":
		g.Scheda, err = production(h.scheda, lex)
	default:
		return false, nil
	}
	return true, err
}

// stmtParser reads one statement through gStmt, trying its alternatives
// in turn. The statement loop goes by keyword instead (readByKeyword) and
// uses it only when a test forces it (forceParticiple): it is built the
// first time it is used, as building all of gStmt takes about a
// millisecond, which every process paid at start-up.
var stmtParser = sync.OnceValue(build[gStmt])

// heads are participle's parsers for the productions that follow a
// keyword (readHead), each built from its own production, a small part of
// the grammar of gStmt, together, the first time a plan is parsed.
var heads = sync.OnceValue(func() *headParsers {
	return &headParsers{node: build[gNode](), group: build[gGroup](), use: build[gUse](), years: build[gYears](),
		bands: build[gBandsHead](), scheda: build[gNodeHead]()}
})

type headParsers struct {
	node   *participle.Parser[gNode]
	group  *participle.Parser[gGroup]
	use    *participle.Parser[gUse]
	years  *participle.Parser[gYears]
	bands  *participle.Parser[gBandsHead]
	scheda *participle.Parser[gNodeHead]
}

func build[G any]() *participle.Parser[G] {
	return participle.MustBuild[G](participle.Lexer(definition{}), participle.UseLookahead(1))
}
