package ast

// The statement table: for each statement of the language, its keyword,
// what follows it, where it may stand and how it is laid out. The parser
// (lang/syntax) takes from it the words that start a statement, the words
// after which a statement goes on, which statement may stand where and the
// hints that say so; the formatter (lang/format) takes the layout. A test
// in lang/syntax fails when the table and the participle grammar disagree,
// and one in lang/format when a row has no printer.
//
// Adding a statement: a row here, an alternative in lang/syntax's gStmt,
// a node type in this package, its case in the builder (lang/syntax's
// parse.go) and in the formatter's printer; then check, export and diff
// where it means something.

// Context is where a statement stands: the plan header (the top level of
// a file) or inside one of the blocks. Contexts is a set of them.
type Context uint8

const (
	InFile Context = iota
	InArea
	InStrategic
	InIndicatorGroup
	InOperationalGroup
	InOperational
	InIndicator
	InBands
	InScheda
	NumContexts
)

var contextNames = [...]string{"the plan header", "an area", "a strategic objective", "an indicators group",
	"an operational group", "an operational objective", "an indicator", "a bands table", "a scheda"}

// String names the context as messages do: "an area".
func (c Context) String() string { return contextNames[c] }

// Contexts is a set of contexts.
type Contexts uint16

// Has reports whether c is in the set.
func (s Contexts) Has(c Context) bool { return s&(1<<c) != 0 }

func in(cs ...Context) Contexts {
	var s Contexts
	for _, c := range cs {
		s |= 1 << c
	}
	return s
}

// Layout is how the formatter prints a statement.
type Layout int

const (
	OneLine Layout = iota // KEYWORD ARGUMENTS, on one line
	Block                 // KEYWORD HEAD {, its statements one level in, }
)

// Statement is one row of the table.
type Statement struct {
	// Keyword starts the statement; Then, when set, is the word that must
	// follow it (baseline years).
	Keyword, Then string
	// Args is what follows the keyword(s), as messages write it; empty
	// for a statement that stands alone.
	Args string
	// Words are the words inside the statement after which it goes on
	// (weight 25%, as CODE): a line break after them does not end it.
	Words []string
	In    Contexts // where it may stand
	// Opens is the context inside the block, for a Block statement; an
	// objective opens InOperational when it stands in an operational
	// group.
	Opens  Context
	Layout Layout
}

// Name is the statement's name in messages: "owner", "baseline years".
func (s *Statement) Name() string {
	if s.Then != "" {
		return s.Keyword + " " + s.Then
	}
	return s.Keyword
}

var (
	fields   = in(InArea, InStrategic, InIndicatorGroup, InOperationalGroup, InOperational, InIndicator)
	branches = in(InArea, InStrategic, InIndicatorGroup, InOperationalGroup, InOperational)
	members  = in(InIndicatorGroup, InOperational)
	weighted = []string{"weight"}
)

// Statements is the table, in the order in which messages list what may
// stand in a context.
var Statements = []Statement{
	{Keyword: "plan", Args: `"TITLE"`, In: in(InFile)},
	{Keyword: "body", Args: `"NAME"`, In: in(InFile)},
	{Keyword: "baseline", Then: "years", Args: "FROM..TO", Words: []string{"years"}, In: in(InFile)},
	{Keyword: "target", Then: "years", Args: "FROM..TO", Words: []string{"years"}, In: in(InFile)},
	{Keyword: "objective", Args: `CODE "NAME" weight W% {`, Words: weighted, In: in(InArea, InOperationalGroup),
		Opens: InStrategic, Layout: Block},
	{Keyword: "indicators", Args: "weight W% {", Words: weighted, In: in(InStrategic), Opens: InIndicatorGroup, Layout: Block},
	{Keyword: "operational", Args: "weight W% {", Words: weighted, In: in(InStrategic), Opens: InOperationalGroup, Layout: Block},
	{Keyword: "indicator", Args: `CODE "NAME" weight W% {`, Words: weighted, In: members, Opens: InIndicator, Layout: Block},
	{Keyword: "use", Args: "REF as CODE weight W%", Words: []string{"as", "weight"}, In: members},
	{Keyword: "unit", Args: "UNIT", In: in(InIndicator)},
	{Keyword: "formula", Args: "FORMULA", In: in(InIndicator)},
	{Keyword: "algorithm", Args: `"TEXT"`, In: in(InIndicator)},
	{Keyword: "baseline", Args: "YEAR: VALUE", In: in(InIndicator)},
	{Keyword: "target", Args: "YEAR: TARGET", Words: []string{"by"}, In: in(InIndicator)},
	{Keyword: "owner", Args: `"NAME"`, In: fields},
	{Keyword: "note", Args: `"TEXT"`, In: fields},
	{Keyword: "scoring", Args: "POLICY [cap P%] [floor P%] [late P% | late N days: P%, ...] [= FORMULA]",
		Words: []string{"cap", "floor", "late", "steps", "days"}, In: in(InFile) | fields},
	{Keyword: "score", Args: "[cap P%] [floor P%]", Words: []string{"cap", "floor"}, In: in(InFile) | branches},
	{Keyword: "missing", Args: "renormalize|zero", In: in(InFile)},
	{Keyword: "driver", Args: `CODE "NAME" unit UNIT`, Words: []string{"unit"}, In: in(InFile)},
	{Keyword: "area", Args: `CODE "NAME" weight W% {`, Words: weighted, In: in(InFile), Opens: InArea, Layout: Block},
	{Keyword: "normalize", In: branches},
	{Keyword: "bands", Args: "NAME for LEVEL, ... {", Words: []string{"for"}, In: in(InFile), Opens: InBands, Layout: Block},
	{Keyword: "scheda", Args: `CODE "NAME" {`, In: in(InFile), Opens: InScheda, Layout: Block},
	{Keyword: "assigned", Args: "CODE[: W%], ... weight W%", Words: []string{"weight"}, In: in(InScheda)},
	{Keyword: "organisational", Args: "weight W%", Words: []string{"weight"}, In: in(InScheda)},
	{Keyword: "behaviours", Args: "weight W% scale LOW..HIGH", Words: []string{"weight", "scale"}, In: in(InScheda)},
	{Keyword: "band", Args: `CODE LOW%..HIGH% ["LABEL"] [payout P%] [colour NAME]`, Words: []string{"payout", "colour"}, In: in(InBands)},
}

// Allowed returns the statements that may stand in c, in the table's order.
func Allowed(c Context) []*Statement {
	var out []*Statement
	for i := range Statements {
		if Statements[i].In.Has(c) {
			out = append(out, &Statements[i])
		}
	}
	return out
}

// Keywords reports the words that start a statement, and those that start
// a block.
func Keywords() (starts, blocks map[string]bool) {
	starts, blocks = map[string]bool{}, map[string]bool{}
	for _, s := range Statements {
		starts[s.Keyword] = true
		if s.Layout == Block {
			blocks[s.Keyword] = true
		}
	}
	return starts, blocks
}

// StatementOf returns the row of the table that a node of the tree is a
// statement of, or nil for a node no row describes.
func StatementOf(s Stmt) *Statement {
	var kw, then string
	switch s := s.(type) {
	case *StringField:
		kw = s.Keyword
	case *Years:
		kw, then = s.Kind, "years"
	case *Policy:
		kw = "scoring"
	case *Limits:
		kw = "score"
	case *Bands:
		kw = "bands"
	case *Band:
		kw = "band"
	case *Scheda:
		kw = "scheda"
	case *Assigned:
		kw = "assigned"
	case *Organisational:
		kw = "organisational"
	case *Behaviours:
		kw = "behaviours"
	case *MissingStmt:
		kw = "missing"
	case *Flag:
		kw = s.Keyword
	case *Driver:
		kw = "driver"
	case *UnitField:
		kw = "unit"
	case *FormulaField:
		kw = "formula"
	case *BaselineField:
		kw = "baseline"
	case *TargetField:
		kw = "target"
	case *Use:
		kw = "use"
	case *Area:
		kw = "area"
	case *Objective:
		kw = "objective"
	case *Indicator:
		kw = "indicator"
	case *Group:
		kw = "indicators"
		if s.Kind == OperationalGroup {
			kw = "operational"
		}
	default:
		return nil
	}
	for i := range Statements {
		if st := &Statements[i]; st.Keyword == kw && st.Then == then {
			return st
		}
	}
	return nil
}
