package syntax

import (
	"bytes"
	"cmp"
	"errors"
	"fmt"
	"math"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/alecthomas/participle/v2"
	"github.com/alecthomas/participle/v2/lexer"
	"github.com/piano-plan/piano/lang"
	"github.com/piano-plan/piano/lang/ast"
)

// Parse reads one .plan file within DefaultLimits. It returns the tree, or
// nil when the text cannot be read as tokens at all (a bad character, an
// unterminated string, a limit), together with every problem found. A tree
// may come with errors, syntax errors too: it holds the statements that
// could be read, and leaves out each broken one (and a block whose head is
// broken, or which is never closed, with all it holds).
func Parse(filename string, src []byte) (*ast.File, lang.Diagnostics) {
	return ParseLimits(filename, src, DefaultLimits)
}

// ParseLimits is Parse within the given limits.
func ParseLimits(filename string, src []byte, lim Limits) (*ast.File, lang.Diagnostics) {
	f, diags, _ := parse(filename, src, lim)
	for _, d := range diags {
		d.File = filename
	}
	return f, diags
}

// parsed is what a parse knows of a tree beyond the tree, for a Tree to
// read one statement again (reparse.go).
type parsed struct {
	nodes int  // nodes counted
	clean bool // no brace error, and not stopped at too many syntax errors
}

func parse(filename string, src []byte, lim Limits) (*ast.File, lang.Diagnostics, parsed) {
	if maxBytes := min(lim.MaxBytes, lang.MaxFileSize); len(src) > maxBytes {
		p := lang.Pos{Line: 1, Column: 1}
		return nil, lang.Diagnostics{limitDiag(lang.Range{Start: p, End: p},
			fmt.Sprintf("the file's size (%d bytes)", len(src)), maxBytes, "split the plan, or raise --max-size")}, parsed{}
	}
	if !utf8.Valid(src) {
		return nil, lang.Diagnostics{invalidUTF8(src)}, parsed{}
	}
	st := &stream{watch: watch{lim: lim}}
	st.s.init(string(src)) // one copy, which the tokens and the tree share
	b := &builder{lim: lim}
	f := &ast.File{Name: filename}
	bufs := getBuffers()
	defer bufs.put()
	p := &statements{b: b, f: f, braceAt: -1, stmts: &bufs.stmts}
	if !p.readAll(st, bufs.tokens) {
		return nil, st.diags, parsed{} // lexical errors and limits: the tokens cannot be trusted
	}
	p.end()
	f.Comments = st.comments
	attachDocs(f, src)
	diags := p.diags
	for _, d := range b.diags {
		// After a brace that does not match, statements stand in the wrong
		// blocks: where they stand, and what is given twice, is not news.
		if p.braceAt >= 0 && int(d.Subject.Start.Offset) > p.braceAt && (d.Code == lang.EPlacement || d.Code == lang.EDuplicateField) {
			continue
		}
		diags = append(diags, d)
	}
	diags.Sort()
	return f, diags, parsed{nodes: b.nodes, clean: p.braceAt < 0 && !p.stopped}
}

func invalidUTF8(src []byte) *lang.Diagnostic {
	off, line, col := 0, 1, 1
	for off < len(src) {
		r, size := utf8.DecodeRune(src[off:])
		if r == utf8.RuneError && size <= 1 {
			break
		}
		if r == '\n' {
			line, col = line+1, 1
		} else {
			col++
		}
		off += size
	}
	p := lang.MakePos(off, line, col)
	return &lang.Diagnostic{Severity: lang.Error, Code: lang.EEncoding, Summary: "the file is not valid UTF-8 text",
		Detail:  fmt.Sprintf("Byte 0x%02x at offset %d is not part of any UTF-8 character.", src[off], off),
		Hint:    "save the file as UTF-8 (plan files are text; a binary or Latin-1 file cannot be read)",
		Subject: lang.Range{Start: p, End: lang.MakePos(off+1, line, col+1)}}
}

// syntaxError turns a participle error into a diagnostic that says where the
// parser stopped and what it expected there.
func syntaxError(err error) *lang.Diagnostic {
	d := &lang.Diagnostic{Severity: lang.Error, Code: lang.ESyntax, Summary: "syntax error"}
	var ute *participle.UnexpectedTokenError
	var perr participle.Error
	var xerr *expectError
	switch {
	case errors.As(err, &xerr):
		d.Subject = tokenRange(xerr.tok)
		d.Summary = "unexpected " + describe(xerr.tok)
		if xerr.tok.EOF() {
			d.Summary = "unexpected end of file"
		}
		d.Detail = "Expected " + xerr.expected + " here."
		d.Hint = cmp.Or(xerr.hint, hintFor(xerr.tok))
	case errors.As(err, &ute):
		tok := ute.Unexpected
		d.Subject = tokenRange(tok)
		if tok.EOF() {
			d.Summary = "unexpected end of file"
		} else {
			d.Summary = fmt.Sprintf("unexpected %s", describe(tok))
		}
		// The message ends "(expected EBNF)"; the unexpected token's own
		// text, before it, may hold anything.
		if exp := ute.Message(); strings.Contains(exp, "(expected ") {
			exp = exp[strings.LastIndex(exp, "(expected ")+len("(expected ") : len(exp)-1]
			first := firstTerm(exp)
			d.Detail = "Expected " + expectedNames.Replace(first) + " here."
			d.Hint = expectedHints[first]
		}
		if d.Hint == "" {
			d.Hint = hintFor(tok)
		}
	case errors.As(err, &perr):
		p := toPos(perr.Position())
		d.Subject = lang.Range{Start: p, End: p}
		d.Summary = perr.Message()
	default:
		d.Subject = lang.Range{Start: lang.Pos{Line: 1, Column: 1}}
		d.Detail = err.Error()
	}
	return d
}

// firstTerm returns the first term of a sequence in participle's EBNF
// ("gString gWeight \"{\" ..." gives "gString"): participle says what the
// rest of a production would have been, but only its first term was
// expected at the token where the parse stopped. That holds while no
// sequence in the grammar starts with an optional term ("X? Y" would lose
// Y); none does.
func firstTerm(ebnf string) string {
	depth, quoted := 0, false
	for i, c := range ebnf {
		switch {
		case c == '"':
			quoted = !quoted
		case quoted:
		case c == '(':
			depth++
		case c == ')':
			depth--
		case c == ' ' && depth == 0:
			if strings.HasPrefix(ebnf[i:], " | ") {
				return ebnf // alternatives: all of them were expected
			}
			return ebnf[:i]
		}
	}
	return ebnf
}

// expectedNames turns the productions that participle names in its
// "expected" lists into words a plan author knows. Participle writes a
// struct production capitalized (GNode) and a Parseable one as declared
// (gWord); these are the productions the grammar's tags refer to.
// FuzzParse checks that no other name reaches a message.
var expectedNames = func() *strings.Replacer {
	// What follows a statement's keyword is what the statement table says.
	argsOf := func(name string) string {
		for _, s := range ast.Statements {
			if s.Name() == name {
				return s.Args
			}
		}
		return ""
	}
	words := []string{
		"Stmt", "a statement", "Years", "a range of years such as 2018..2020",
		"Node", argsOf("area"), "Group", argsOf("indicators"), "Use", argsOf("use"),
		"Driver", argsOf("driver"), "Baselines", argsOf("baseline"), "Targets", argsOf("target"),
		"Unit", "a unit", "Expr", "a formula", "String", "a string", "Word", "a name", "Code", "a code",
		"Policy", "a policy", "Weight", `"weight N%"`, "RBrace", `"}"`,
		"BandsHead", argsOf("bands"), "NodeHead", argsOf("scheda"),
	}
	type pair struct{ old, new string }
	var pairs []pair
	for i := 0; i < len(words); i += 2 {
		pairs = append(pairs, pair{"G" + words[i], words[i+1]}, pair{"g" + words[i], words[i+1]})
	}
	// The replacer tries keys in order: longer first, so one name is never
	// read as the start of a longer one.
	slices.SortStableFunc(pairs, func(a, b pair) int { return len(b.old) - len(a.old) })
	var args []string
	for _, p := range pairs {
		args = append(args, p.old, p.new)
	}
	return strings.NewReplacer(args...)
}()

// expectedHints are the hints for what participle expected, where one
// production was.
var expectedHints = map[string]string{"gUnit": unitHint, "gExpr": formulaHint, "gWeight": weightHint}

func describe(t lexer.Token) string {
	switch {
	case t.Type == tokString:
		return "string " + t.Value
	case t.Type == tokWord, t.Type == tokQuoted:
		return fmt.Sprintf("name %q", t.Value)
	default:
		return fmt.Sprintf("%q", t.Value)
	}
}

func hintFor(t lexer.Token) string {
	switch t.Value {
	case "}":
		return "a block is closed here while a statement is still incomplete"
	case "weight":
		return "a node is written KIND CODE \"NAME\" weight W% { ... }"
	}
	return "see the language reference in README.md"
}

// problems are the problems found in the values of a statement: a number,
// a year, a date or a string that does not read. The builder keeps those
// of the whole file; a statement read by hand keeps its own, which the
// builder takes with the statement (a statement that does not parse is
// reported as a syntax error, and its values' problems go with it).
type problems struct{ diags lang.Diagnostics }

func (p *problems) errorf(r lang.Range, code lang.Code, hint, format string, args ...any) {
	p.diags = append(p.diags, &lang.Diagnostic{Severity: lang.Error, Code: code,
		Summary: fmt.Sprintf(format, args...), Hint: hint, Subject: r})
}

// take adds the problems of a statement read by hand.
func (p *problems) take(q *problems) { p.diags = append(p.diags, q.diags...) }

// builder turns the concrete syntax into the typed tree, collecting problems.
type builder struct {
	problems
	lim   Limits
	nodes int // nodes built, against lim.MaxNodes
}

// count counts one node of the tree, reporting when there are too many.
func (b *builder) count(r lang.Range) {
	b.nodes++
	if b.nodes == b.lim.MaxNodes+1 {
		b.diags = append(b.diags, limitDiag(r, "the number of nodes", b.lim.MaxNodes, "split the plan, or raise --max-nodes"))
	}
}

// formula checks a formula that the parse built: it reads the value of
// each number, reporting a bad one, and reports one with too many terms.
func (b *builder) formula(x ast.Expr) ast.Expr {
	terms := 0
	ast.Inspect(x, func(e ast.Expr) {
		switch e := e.(type) {
		case *ast.NumberLit:
			e.Number = b.numberOf(e.Rng, e.Text, e.Text)
			terms++
		case *ast.Ref, *ast.Paren, *ast.Call:
			terms++
		}
	})
	if terms > b.lim.MaxFormulaTerms {
		b.diags = append(b.diags, limitDiag(x.Span(), fmt.Sprintf("a formula of %d terms", terms), b.lim.MaxFormulaTerms,
			"split the formula into derived drivers, or raise --max-formula-terms"))
	}
	return x
}

func (b *builder) rng(p lexer.Position, text string) lang.Range { return rangeOf(p, text) }

// rangeOf is the source range of text at p.
func rangeOf(p lexer.Position, text string) lang.Range {
	start := toPos(p)
	if isASCII(text) { // as Advance does, without counting characters
		end := start
		end.Offset += int32(len(text))
		end.Column += int32(len(text))
		return lang.Range{Start: start, End: end}
	}
	return lang.Range{Start: start, End: start.Advance(text)}
}

// context is where a statement stands; it decides which statements may
// (the In of each row of ast.Statements).
type context = ast.Context

const (
	inFile             = ast.InFile
	inArea             = ast.InArea
	inStrategic        = ast.InStrategic
	inIndicatorGroup   = ast.InIndicatorGroup
	inOperationalGroup = ast.InOperationalGroup
	inOperational      = ast.InOperational
	inIndicator        = ast.InIndicator
)

// allowed lists, per context, the names of the statements that may stand
// there, as the builder names them (baseline-years), in the table's order.
var allowed = func() (m [ast.NumContexts][]string) {
	for c := range ast.NumContexts {
		for _, s := range ast.Allowed(c) {
			m[c] = append(m[c], placeName(s))
		}
	}
	return m
}()

// placeName names a statement of the table for placement checks.
func placeName(s *ast.Statement) string { return strings.ReplaceAll(s.Name(), " ", "-") }

// allowedSet is allowed as sets, built once.
var allowedSet = func() (m [ast.NumContexts]map[string]bool) {
	for ctx, list := range allowed {
		m[ctx] = map[string]bool{}
		for _, w := range list {
			m[ctx][w] = true
		}
	}
	return m
}()

func (b *builder) place(ctx context, what string, r lang.Range) bool {
	if allowedSet[ctx][what] {
		return true
	}
	b.errorf(r, lang.EPlacement, "in "+ctx.String()+" you may write: "+strings.Join(allowed[ctx], ", "),
		"%s cannot stand in %s", strings.ReplaceAll(what, "-", " "), ctx)
	return false
}

// topLevel builds one statement of the file's top level into f.
func (b *builder) topLevel(f *ast.File, s *gStmt) {
	st, what := b.stmt(s, inFile)
	if st == nil || !b.place(inFile, what, st.Span()) {
		return
	}
	f.Stmts = append(f.Stmts, st)
	h := &f.Header
	switch st := st.(type) {
	case *ast.StringField:
		if st.Keyword == "plan" {
			once(b, &h.Title, st, "plan")
		} else {
			once(b, &h.Body, st, "body")
		}
	case *ast.Years:
		if st.Kind == "baseline" {
			once(b, &h.BaselineYears, st, "baseline years")
		} else {
			once(b, &h.TargetYears, st, "target years")
		}
	case *ast.Policy:
		once(b, &h.Scoring, st, "scoring")
	case *ast.Limits:
		once(b, &h.Limits, st, "score")
	case *ast.MissingStmt:
		w := st.Value
		if h.Missing != nil {
			b.duplicate(st.Rng, "missing")
		}
		h.Missing = &w
	case *ast.Driver:
		f.Drivers = append(f.Drivers, st)
	case *ast.Area:
		f.Areas = append(f.Areas, st)
	case *ast.Bands:
		f.Bands = append(f.Bands, st)
	case *ast.Scheda:
		f.Schede = append(f.Schede, st)
	}
}

// once stores v in *dst, reporting a second line of the same kind.
func once[T ast.Stmt](b *builder, dst *T, v T, what string) {
	var zero T
	if any(*dst) != any(zero) {
		b.duplicate(v.Span(), what)
	}
	*dst = v
}

func (b *builder) duplicate(r lang.Range, what string) {
	b.errorf(r, lang.EDuplicateField, "keep one of the two lines", "%s is given twice", what)
}

// stmt builds one statement and names it for placement checks.
func (b *builder) stmt(s *gStmt, ctx context) (ast.Stmt, string) {
	switch {
	case s.BaselineYears != nil:
		return b.years(s.Pos, "baseline", s.BaselineYears), "baseline-years"
	case s.TargetYears != nil:
		return b.years(s.Pos, "target", s.TargetYears), "target-years"
	case s.Plan != nil:
		return b.stringField(s.Pos, "plan", s.Plan), "plan"
	case s.Body != nil:
		return b.stringField(s.Pos, "body", s.Body), "body"
	case s.Owner != nil:
		return b.stringField(s.Pos, "owner", s.Owner), "owner"
	case s.Note != nil:
		return b.stringField(s.Pos, "note", s.Note), "note"
	case s.Algorithm != nil:
		return b.stringField(s.Pos, "algorithm", s.Algorithm), "algorithm"
	case s.Scoring != nil:
		return b.policy(s.Pos, s.Scoring), "scoring"
	case s.Scheda != nil:
		g := s.Scheda
		sc := &ast.Scheda{Code: b.code(g.Code), Name: b.str(g.Name.Pos, g.Name.Value), Rng: b.rng(s.Pos, "").To(b.rng(g.Close.Pos, "}"))}
		for _, bs := range g.Body {
			st, what := b.stmt(bs, ast.InScheda)
			if st == nil || !b.place(ast.InScheda, what, st.Span()) {
				continue
			}
			sc.Items = append(sc.Items, st)
			switch st := st.(type) {
			case *ast.Assigned:
				once(b, &sc.Assigned, st, "assigned")
			case *ast.Organisational:
				once(b, &sc.Organisational, st, "organisational")
			case *ast.Behaviours:
				once(b, &sc.Behaviours, st, "behaviours")
			}
		}
		return sc, "scheda"
	case s.Assigned != nil:
		b.take(&s.Assigned.problems)
		a := s.Assigned.A
		a.Rng = b.rng(s.Pos, "").To(a.Rng)
		return a, "assigned"
	case s.Organisational != nil:
		w := b.weight(*s.Organisational)
		return &ast.Organisational{Rng: b.rng(s.Pos, "").To(w.Rng), Weight: w}, "organisational"
	case s.Behaviours != nil:
		b.take(&s.Behaviours.problems)
		bh := s.Behaviours.B
		bh.Rng = b.rng(s.Pos, "").To(bh.Rng)
		return bh, "behaviours"
	case s.Band != nil:
		b.take(&s.Band.problems)
		band := s.Band.B
		band.Rng = b.rng(s.Pos, "").To(band.Rng)
		return band, "band"
	case s.Bands != nil:
		g := s.Bands
		t := &ast.Bands{Name: b.code(g.Name), Rng: b.rng(s.Pos, "").To(b.rng(g.Close.Pos, "}"))}
		for _, w := range g.For {
			t.For = append(t.For, b.word(w))
		}
		for _, bs := range g.Body {
			st, what := b.stmt(bs, ast.InBands)
			if st == nil || !b.place(ast.InBands, what, st.Span()) {
				continue
			}
			t.Items = append(t.Items, st)
			if band, ok := st.(*ast.Band); ok {
				t.Bands = append(t.Bands, band)
			}
		}
		return t, "bands"
	case s.Score != nil:
		b.take(&s.Score.problems)
		l := s.Score.L
		l.Rng = b.rng(s.Pos, "").To(l.Rng)
		return l, "score"
	case s.Missing != nil:
		w := b.word(*s.Missing)
		return &ast.MissingStmt{Rng: b.rng(s.Pos, "").To(w.Rng), Value: w}, "missing"
	case s.Normalize:
		return &ast.Flag{Rng: b.rng(s.Pos, "normalize"), Keyword: "normalize"}, "normalize"
	case s.Unit != nil:
		return &ast.UnitField{Rng: b.rng(s.Pos, "").To(s.Unit.U.Rng), Unit: s.Unit.U}, "unit"
	case s.Formula != nil:
		e := b.formula(s.Formula.X)
		return &ast.FormulaField{Rng: b.rng(s.Pos, "").To(e.Span()), Expr: e}, "formula"
	case s.Baseline != nil:
		b.take(&s.Baseline.problems)
		n := &ast.BaselineField{Entries: s.Baseline.Entries}
		n.Rng = b.rng(s.Pos, "").To(n.Entries[len(n.Entries)-1].Rng)
		return n, "baseline"
	case s.Target != nil:
		b.take(&s.Target.problems)
		n := &ast.TargetField{Entries: s.Target.Entries}
		n.Rng = b.rng(s.Pos, "").To(n.Entries[len(n.Entries)-1].Rng)
		return n, "target"
	case s.Driver != nil:
		b.take(&s.Driver.problems)
		d := s.Driver.D
		if d.Formula != nil {
			b.formula(d.Formula)
		}
		d.Rng = b.rng(s.Pos, "").To(d.Rng)
		b.count(d.Rng)
		return d, "driver"
	case s.Use != nil:
		u := &ast.Use{Ref: b.code(s.Use.Ref), As: b.code(s.Use.As), Weight: b.weight(s.Use.Weight)}
		u.Rng = b.rng(s.Pos, "").To(u.Weight.Rng)
		b.count(u.Rng)
		return u, "use"
	case s.Indicators != nil:
		g := b.group(s.Pos, ast.IndicatorGroup, s.Indicators)
		b.count(g.Rng)
		return g, "indicators"
	case s.Operational != nil:
		g := b.group(s.Pos, ast.OperationalGroup, s.Operational)
		b.count(g.Rng)
		return g, "operational"
	case s.Area != nil, s.Objective != nil, s.Indicator != nil:
		kind, g := "area", s.Area
		if s.Objective != nil {
			kind, g = "objective", s.Objective
		} else if s.Indicator != nil {
			kind, g = "indicator", s.Indicator
		}
		n := b.node(s.Pos, kind, g, ctx)
		b.count(n.Span())
		return n, kind
	}
	return nil, ""
}

func (b *builder) years(p lexer.Position, kind string, y *gYears) *ast.Years {
	n := &ast.Years{Kind: kind, From: b.year(y.From), To: b.year(y.To)}
	n.Rng = b.rng(p, "").To(n.To.Rng)
	if n.To.Value < n.From.Value {
		b.errorf(n.Rng, lang.EBadYearRange, fmt.Sprintf("write %d..%d", n.To.Value, n.From.Value),
			"the year range %d..%d runs backwards", n.From.Value, n.To.Value)
	}
	return n
}

func (b *builder) stringField(p lexer.Position, kw string, g *gString) *ast.StringField {
	v := b.str(g.Pos, g.Value)
	return &ast.StringField{Rng: b.rng(p, "").To(v.Rng), Keyword: kw, Value: v}
}

// str reads the string written text at p.
func (b *problems) str(p lexer.Position, text string) ast.String {
	r := rangeOf(p, text)
	if n := len(text); n >= 2 && text[n-1] == '"' && strings.IndexByte(text, '\\') < 0 {
		// No escape: the text between the quotes, as strconv.Unquote
		// gives it for a string of one line of valid UTF-8 (the scanner
		// and Parse make sure of both).
		return ast.String{Rng: r, Value: text[1 : n-1]}
	}
	s, err := strconv.Unquote(text)
	if err != nil {
		b.errorf(r, lang.EToken, `escape a quote as \" and a backslash as \\`, "invalid escape in string %s", text)
		s = strings.Trim(text, `"`)
	}
	return ast.String{Rng: r, Value: s}
}

func (b *builder) word(g gWord) ast.Word {
	return ast.Word{Rng: b.rng(g.Pos, g.Value), Value: g.Value}
}

func (b *builder) code(g gCode) ast.Code { return codeOf(g.Pos, g.Value) }

// codeOf is the code written text at p, without its backquotes.
func codeOf(p lexer.Position, text string) ast.Code {
	c := ast.Code{Rng: rangeOf(p, text), Value: text}
	if strings.HasPrefix(text, "`") {
		c.Value, c.Quoted = strings.Trim(text, "`"), true
	}
	return c
}

func (b *problems) year(g gWord) ast.Year {
	r := rangeOf(g.Pos, g.Value)
	y, err := strconv.Atoi(g.Value)
	if err != nil || y < 1000 || y > 9999 {
		b.errorf(r, lang.ENumber, "write the year with four digits, such as 2021", "%q is not a year", g.Value)
	}
	return ast.Year{Rng: r, Value: y}
}

func (b *problems) number(g gNumber) ast.Number {
	text := g.Value
	if g.Neg {
		text = "-" + text
	}
	return b.numberOf(rangeOf(g.Pos, text), text, g.Value)
}

// numberOf reads the number written text at r, digits without its minus
// sign, reporting one it cannot read.
func (b *problems) numberOf(r lang.Range, text, digits string) ast.Number {
	n := ast.Number{Rng: r, Text: text}
	// Most numbers have no dot: they are not split to look for thousands.
	if strings.IndexByte(digits, '.') >= 0 {
		if groups, ok := lang.ItalianThousands(digits); ok {
			b.errorf(r, lang.ENumber, lang.ThousandsHint(digits, groups),
				"%s is written with a dot between thousands", clip(digits))
			return n
		}
	}
	if !ast.IsNumber(digits) {
		b.errorf(r, lang.ENumber, "write numbers with a decimal point and optional _ between digits: 12_500.75",
			"%q is not a number", clip(digits))
		return n
	}
	v, err := strconv.ParseFloat(strings.ReplaceAll(text, "_", ""), 64)
	if err != nil || math.IsInf(v, 0) {
		b.errorf(r, lang.ENumber, "numbers must lie within ±1.8e308", "number %s is out of range", clip(digits))
		return n
	}
	n.Value = v
	return n
}

func (b *builder) weight(g gWeight) ast.Weight {
	n := b.number(g.Number)
	return ast.Weight{Rng: b.rng(g.Pos, "").To(b.rng(g.Percent.Pos, "%")), Value: n}
}

// date reads the date written text at p.
func (b *problems) date(p lexer.Position, text string) ast.Value {
	r := rangeOf(p, text)
	t, err := time.Parse("2006-01-02", text)
	if err != nil {
		b.errorf(r, lang.EDate, "dates are written YYYY-MM-DD, such as 2021-10-31", "%s is not a calendar date", text)
	}
	return ast.Value{Kind: ast.DateValue, Rng: r, Date: t, Text: text}
}

func (b *builder) policy(p lexer.Position, g *gPolicy) *ast.Policy {
	b.take(&g.problems)
	pol := g.P
	if pol.Custom != nil {
		b.formula(pol.Custom)
	}
	pol.Rng = b.rng(p, "").To(pol.Rng)
	return pol
}

func (b *builder) group(p lexer.Position, kind ast.GroupKind, g *gGroup) *ast.Group {
	grp := &ast.Group{Kind: kind, Weight: b.weight(g.Weight)}
	ctx := inIndicatorGroup
	if kind == ast.OperationalGroup {
		ctx = inOperationalGroup
	}
	grp.Rng = b.rng(p, "").To(b.rng(g.Close.Pos, "}"))
	for i, s := range g.Body {
		st, what := b.stmt(s, ctx)
		if st == nil || !b.place(ctx, what, st.Span()) {
			continue
		}
		grp.Items = appendRoom(grp.Items, st, len(g.Body)-i)
		switch st := st.(type) {
		case ast.Member:
			grp.Members = appendRoom(grp.Members, st, len(g.Body)-i)
		case *ast.Objective:
			grp.Objectives = appendRoom(grp.Objectives, st, len(g.Body)-i)
		default:
			b.field(&grp.Fields, st)
		}
	}
	return grp
}

// field stores one of the common node fields.
func (b *builder) field(f *ast.Fields, st ast.Stmt) {
	switch st := st.(type) {
	case *ast.StringField:
		if st.Keyword == "owner" {
			once(b, &f.Owner, st, "owner")
		} else if st.Keyword == "note" {
			once(b, &f.Note, st, "note")
		}
	case *ast.Policy:
		once(b, &f.Scoring, st, "scoring")
	case *ast.Limits:
		once(b, &f.Limits, st, "score")
	case *ast.Flag:
		once(b, &f.Normalize, st, "normalize")
	}
}

func (b *builder) node(p lexer.Position, kind string, g *gNode, ctx context) ast.Stmt {
	code, name, w := b.code(g.Code), b.str(g.Name.Pos, g.Name.Value), b.weight(g.Weight)
	rng := b.rng(p, "").To(b.rng(g.Close.Pos, "}"))
	switch kind {
	case "area":
		a := &ast.Area{Rng: rng, Code: code, Name: name, Weight: w}
		for i, s := range g.Body {
			st, what := b.stmt(s, inArea)
			if st == nil || !b.place(inArea, what, st.Span()) {
				continue
			}
			a.Items = appendRoom(a.Items, st, len(g.Body)-i)
			if o, ok := st.(*ast.Objective); ok {
				a.Objectives = appendRoom(a.Objectives, o, len(g.Body)-i)
			} else {
				b.field(&a.Fields, st)
			}
		}
		return a
	case "objective":
		o := &ast.Objective{Rng: rng, Kind: ast.KindStrategic, Code: code, Name: name, Weight: w}
		inner := inStrategic
		if ctx == inOperationalGroup {
			o.Kind, inner = ast.KindOperational, inOperational
		}
		for i, s := range g.Body {
			st, what := b.stmt(s, inner)
			if st == nil || !b.place(inner, what, st.Span()) {
				continue
			}
			o.Items = appendRoom(o.Items, st, len(g.Body)-i)
			switch st := st.(type) {
			case *ast.Group:
				if st.Kind == ast.IndicatorGroup {
					once(b, &o.Indicators, st, "the indicators group")
				} else {
					once(b, &o.Operational, st, "the operational group")
				}
			case ast.Member:
				o.Members = appendRoom(o.Members, st, len(g.Body)-i)
			default:
				b.field(&o.Fields, st)
			}
		}
		return o
	default:
		ind := &ast.Indicator{Rng: rng, Code: code, Name: name, Weight: w}
		for i, s := range g.Body {
			st, what := b.stmt(s, inIndicator)
			if st == nil || !b.place(inIndicator, what, st.Span()) {
				continue
			}
			ind.Items = appendRoom(ind.Items, st, len(g.Body)-i)
			switch st := st.(type) {
			case *ast.UnitField:
				once(b, &ind.Unit, st, "unit")
			case *ast.FormulaField:
				once(b, &ind.Formula, st, "formula")
			case *ast.StringField:
				if st.Keyword == "algorithm" {
					once(b, &ind.Algorithm, st, "algorithm")
				} else {
					b.field(&ind.Fields, st)
				}
			case *ast.BaselineField:
				ind.Baselines = appendAll(ind.Baselines, st.Entries)
			case *ast.TargetField:
				ind.Targets = appendAll(ind.Targets, st.Entries)
			default:
				b.field(&ind.Fields, st)
			}
		}
		return ind
	}
}

// appendRoom appends v to list, first making room for n when list is
// nil: a block's lists are sized once, from the statements left in the
// block, instead of growing by doubling.
func appendRoom[T any](list []T, v T, n int) []T {
	if list == nil {
		list = make([]T, 0, n)
	}
	return append(list, v)
}

// appendAll appends more to list, sharing more's array when list is nil.
func appendAll[T any](list, more []T) []T {
	if list == nil {
		return slices.Clip(more)
	}
	return append(list, more...)
}

// clip shortens text quoted in a summary to one readable line.
func clip(s string) string {
	if r := []rune(s); len(r) > 40 {
		return string(r[:39]) + "…"
	}
	return s
}

// attachDocs gives each driver, area, objective and indicator that starts
// its line the comment lines right above it, with no blank line between, as
// its Doc. A doc belongs to one statement: one that does not start its line
// (objective after "area ... {" on the same line) has none. A section
// heading is no doc: the lines of a comment block down to its last rule
// line (// ----, # ====) are left out.
func attachDocs(f *ast.File, src []byte) {
	docs{comments: f.Comments, src: src}.items(f.Stmts)
}

// docs gives statements their doc comments, from the comments of their
// file, in the order of their lines, one a line at most; base is the
// offset of src's first byte in the tree's positions.
type docs struct {
	comments []*ast.Comment
	src      []byte
	base     int32
}

func (d docs) of(r lang.Range) []*ast.Comment {
	comments, src := d.comments, d.src
	off := int(r.Start.Offset - d.base)
	lineStart := bytes.LastIndexByte(src[:off], '\n') + 1
	if len(bytes.TrimSpace(src[lineStart:off])) != 0 {
		return nil
	}
	// end is the comment just above the statement's line, if any;
	// the doc is the run of own-line comments on the lines above,
	// up to a rule.
	end, _ := slices.BinarySearchFunc(comments, r.Start.Line, func(c *ast.Comment, line int32) int {
		return cmp.Compare(c.Rng.Start.Line, line)
	})
	start := end
	for line := r.Start.Line - 1; start > 0; line-- {
		c := comments[start-1]
		if c.Rng.Start.Line != line || !c.OwnLine || isRule(c.Text) {
			break
		}
		start--
	}
	if start == end {
		return nil
	}
	return slices.Clip(comments[start:end]) // shares the file's comments
}

func (d docs) items(list []ast.Stmt) {
	for _, s := range list {
		switch n := s.(type) {
		case *ast.Driver:
			n.Doc = d.of(n.Rng)
		case *ast.Area:
			n.Doc = d.of(n.Rng)
			d.items(n.Items)
		case *ast.Objective:
			n.Doc = d.of(n.Rng)
			d.items(n.Items)
		case *ast.Group:
			d.items(n.Items)
		case *ast.Indicator:
			n.Doc = d.of(n.Rng)
		}
	}
}

// isRule reports whether a comment is a rule line of a section heading: its
// text starts with three of the same -, =, *, #, ~ or _.
func isRule(text string) bool {
	t := strings.TrimSpace(strings.TrimPrefix(strings.TrimPrefix(text, "//"), "#"))
	return len(t) >= 3 && strings.ContainsRune("-=*#~_", rune(t[0])) && t[1] == t[0] && t[2] == t[0]
}

// readAll reads the stream's statements, chunk by chunk. It reports false,
// having scanned the rest for its lexical errors, when the stream has
// lexical errors or meets a limit: its tokens cannot be trusted then.
func (p *statements) readAll(st *stream, tk *tokens) bool {
	for chunk := true; chunk; chunk = st.nextChunk() {
		lex := tk.load(st)
		if st.diags.HasErrors() {
			st.drain()
			return false
		}
		p.read(lex, st)
	}
	return true
}
