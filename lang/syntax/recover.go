package syntax

import (
	"errors"
	"fmt"
	"reflect"
	"strings"

	"github.com/alecthomas/participle/v2"
	"github.com/alecthomas/participle/v2/lexer"
	"github.com/piano-plan/piano/lang"
	"github.com/piano-plan/piano/lang/ast"
)

// The statement loop reads a file one statement at a time and keeps the
// blocks itself: it reads a statement, or the head of a block up to its
// "{", by the statement's keyword (readByKeyword); the loop pushes the block, gives it the statements that
// follow, and pops it at its "}". A statement that does not parse is
// reported, and the loop resumes at the next statement it can recognise:
// a statement keyword at the start of a line, a "{" or a "}" (see skip).
// So every syntax error of a file is reported in one run, and the tree of
// the statements that parsed comes back with them.
//
// This is simpler than participle's own recovery, which v2.1.4 does not
// have, and it keeps the braces exact: every "{" and "}" of the file
// passes through the loop, whether its statement parsed or not, so a
// block is closed by the brace that closes it, and one that is never
// closed is reported where it opens.

// statementKeywords are the words that start a statement, blockKeywords
// those of the statements that open a block: the keywords of the
// statement table (ast.Statements), which TestGrammarTable keeps in step
// with gStmt's alternatives.
var statementKeywords, blockKeywords = ast.Keywords()

// lineStart reports whether the next token is the first of its line.
// A chunk starts at the start of a line (see cutsBefore).
func lineStart(lex *lexer.PeekingLexer) bool {
	rc := lex.RawCursor()
	return rc == 0 || lex.Range(rc-1, rc)[0].Pos.Line < lex.Peek().Pos.Line
}

// atStatementLine reports whether the next token is a statement keyword
// at the start of a line. A formula or a unit that still expects a name
// does not take it: the line break ends the statement there, so that the
// error is reported at the end of the line that broke off, and the next
// line is read as the statement it is.
func atStatementLine(lex *lexer.PeekingLexer) bool {
	t := lex.Peek()
	return t.Type == tokWord && isStatementKeyword(t.Value) && lineStart(lex)
}

// isStatementKeyword reports whether w starts a statement. Keywords are
// lower case: most names (D1.1_2, 301.S0, EUR) are told apart without a
// look in the map.
func isStatementKeyword(w string) bool {
	return w != "" && w[0] >= 'a' && w[0] <= 'z' && statementKeywords[w]
}

// open is a block whose "{" has been read and whose "}" has not.
type open struct {
	stmt     *gStmt // the statement that opened it; nil when it is broken
	body     *[]*gStmt
	close    *gRBrace
	name     string      // what messages call it, with code: objective 301.D1.1
	code     string      // (kept apart, so that a name is made only for a message)
	start    lexer.Token // the statement's first token
	indent   int         // the column of the first token on the start's line
	brace    lexer.Token // its "{"
	implicit bool        // a broken block statement with no "{", already reported
	ctx      context     // where its statements stand; noContext when its head is broken beyond guessing
}

// noContext is the context of a block whose kind is not known.
const noContext = ast.NumContexts

// blockContext is the context inside a block that keyword opens, in
// parent: the table's Opens, except for an objective in an operational
// group, which is an operational objective.
func blockContext(keyword string, parent context) context {
	if keyword == "objective" && parent == inOperationalGroup {
		return inOperational
	}
	if s := blockStatements[keyword]; s != nil {
		return s.Opens
	}
	return noContext
}

// blockStatements are the table's rows of the statements that open a
// block, by keyword.
var blockStatements = func() map[string]*ast.Statement {
	m := map[string]*ast.Statement{}
	for i, s := range ast.Statements {
		if s.Layout == ast.Block {
			m[s.Keyword] = &ast.Statements[i]
		}
	}
	return m
}()

// context is where the next statement stands.
func (p *statements) context() context {
	if len(p.stack) == 0 {
		return inFile
	}
	return p.stack[len(p.stack)-1].ctx
}

// statements is the state of the statement loop across the chunks of a file.
type statements struct {
	b       *builder
	f       *ast.File
	stack   []*open
	line    int // the last line a statement or "}" started, and its column
	indent  int
	diags   lang.Diagnostics // syntax errors
	strayD  *lexer.Token     // the first "}" indented deeper than the block it closed
	early   []*open          // blocks closed by a "}" indented less than they are
	stopped bool             // maxSyntaxErrors were reported: the rest is not read
	stmts   *gStmts          // the gStmts of the statements read by keyword
	hand    handValues       // what handField gives them
	// braceAt is the offset of the first brace error, -1 if none: the
	// builder's placement errors after it follow from the wrong nesting.
	braceAt int
}

// maxSyntaxErrors bounds the syntax errors of one file, so that a file of
// broken lines does not become many times its size in diagnostics.
const maxSyntaxErrors = 50

// read parses the statements of one chunk.
func (p *statements) read(lex *lexer.PeekingLexer, st *stream) {
	for {
		t := lex.Peek()
		if t.EOF() || st.atCut(t) || p.stopped {
			return
		}
		if len(p.diags) == maxSyntaxErrors {
			p.stopped = true
			p.diags = append(p.diags, &lang.Diagnostic{Severity: lang.Error, Code: lang.ESyntax,
				Summary: "too many syntax errors", Subject: tokenRange(*t),
				Detail: fmt.Sprintf("Piano stops reading the file after %d syntax errors.", maxSyntaxErrors),
				Hint:   "fix the errors above and check again"})
			return
		}
		first := lineStart(lex)
		if first {
			p.line, p.indent = t.Pos.Line, t.Pos.Column
		}
		if isPunct(t, "}") {
			p.close(*lex.Next(), first)
			continue
		}
		cp := lex.MakeCheckpoint()
		g, err := p.parseStatement(lex)
		if err != nil {
			lex.LoadCheckpoint(cp)
			p.broken(lex, st, err)
			continue
		}
		p.statement(lex, g, cp.RawCursor())
	}
}

// parseStatement reads one statement, or the head of a block, by its
// keyword (readByKeyword). A token that is no keyword starts no statement,
// as participle says when none of gStmt's alternatives starts with it.
func (p *statements) parseStatement(lex *lexer.PeekingLexer) (*gStmt, error) {
	if forceParticiple {
		return stmtParser().ParseFromLexer(lex, allowTrailing)
	}
	if g, ok, err := p.readByKeyword(lex); ok {
		return g, err
	}
	return nil, &participle.UnexpectedTokenError{Unexpected: *lex.Peek()}
}

var allowTrailing = participle.AllowTrailing(true)

// forceParticiple makes every statement go through gStmt, whose
// alternatives participle tries in turn, with a branch of its parse state
// for each, so that tests can check that reading by keyword gives the same
// trees and the same diagnostics.
var forceParticiple = false

// readByKeyword reads a statement as participle reads it through gStmt,
// into the same gStmt and with the same error where it does not parse,
// but without trying the other alternatives: the statement's keyword says
// which alternative it is. What follows the keyword is read by hand
// (handField) or by participle's parser for the alternative's production
// (readHead). It reports false, having read nothing, for a token that
// starts no statement: participle says so.
func (p *statements) readByKeyword(lex *lexer.PeekingLexer) (g *gStmt, ok bool, err error) {
	t := lex.Peek()
	if t.Type != tokWord || !statementKeywords[t.Value] {
		return nil, false, nil
	}
	cp := lex.MakeCheckpoint()
	kw := t.Value
	g = p.newStmt(t.Pos)
	lex.Next()
	if then := thenWords[kw]; then != "" && isKeyword(lex.Peek(), then) {
		lex.Next()
		y, err := production(heads().years, lex)
		if kw == "target" {
			g.TargetYears = y
		} else {
			g.BaselineYears = y
		}
		return g, true, err
	}
	v, hand := handField(kw, g, &p.hand)
	if !hand {
		if head, err := readHead(kw, g, lex); head {
			return g, true, err
		}
		lex.LoadCheckpoint(cp)
		return nil, false, nil
	}
	if v == nil {
		return g, true, nil
	}
	if err := v.Parse(lex); err != nil {
		if err == participle.NextMatch {
			// Participle's message: the production it expected after
			// the keyword, by its type's name.
			name := reflect.TypeOf(v).Elem().Name()
			err = &expectError{tok: *lex.Peek(), expected: expectedNames.Replace(name), hint: expectedHints[name]}
		}
		return nil, true, err
	}
	return g, true, nil
}

// newStmt returns a new gStmt at pos.
func (p *statements) newStmt(pos lexer.Position) *gStmt { return p.stmts.new(pos) }

// gStmts gives the gStmts of the statements read by keyword, from blocks
// of stmtSlab that are used again once the top-level statement they are
// part of is built: the tree holds no gStmt (it copies what they hold), so
// a parse needs only as many as its largest top-level statement has.
type gStmts struct {
	blocks []*[stmtSlab]gStmt
	n      int // given since the last reset
	most   int // the most given between two resets
}

const stmtSlab = 64

func (a *gStmts) new(pos lexer.Position) *gStmt {
	b, i := a.n/stmtSlab, a.n%stmtSlab
	if b == len(a.blocks) {
		a.blocks = append(a.blocks, new([stmtSlab]gStmt))
	}
	a.n++
	a.most = max(a.most, a.n)
	g := &a.blocks[b][i]
	*g = gStmt{Pos: pos}
	return g
}

// reset lets the gStmts given so far be given again: no block is open,
// and the statements they held are built.
func (a *gStmts) reset() { a.n = 0 }

// clear blanks the gStmts given, so that gStmts kept for the next parse
// hold nothing of this one's tree.
func (a *gStmts) clear() {
	for b := 0; b*stmtSlab < a.most; b++ {
		clear(a.blocks[b][:min(stmtSlab, a.most-b*stmtSlab)])
	}
	a.n, a.most = 0, 0
}

// production reads one P with participle's parser for it. Where P does
// not start at all, the error names P as participle names it when gStmt
// expected it after a keyword.
func production[P any](p *participle.Parser[P], lex *lexer.PeekingLexer) (*P, error) {
	v, err := p.ParseFromLexer(lex, allowTrailing)
	if err == nil {
		return v, nil
	}
	var ute *participle.UnexpectedTokenError
	if errors.As(err, &ute) && !strings.Contains(ute.Message(), "(expected ") {
		name := reflect.TypeFor[P]().Name()
		name = strings.ToUpper(name[:1]) + name[1:]
		return nil, &expectError{tok: ute.Unexpected, expected: expectedNames.Replace(name), hint: expectedHints[name]}
	}
	return nil, err
}

// thenWords are the words that, after a keyword, make another statement
// of it (baseline years): from the statement table.
var thenWords = func() map[string]string {
	m := map[string]string{}
	for _, s := range ast.Statements {
		if s.Then != "" {
			m[s.Keyword] = s.Then
		}
	}
	return m
}()

// statement takes a statement that parsed; start is its first token.
func (p *statements) statement(lex *lexer.PeekingLexer, g *gStmt, start lexer.RawCursor) {
	var body *[]*gStmt
	var close *gRBrace
	var name, code string
	switch {
	case g.Area != nil:
		body, close, name, code = &g.Area.Body, &g.Area.Close, "area ", g.Area.Code.Value
	case g.Objective != nil:
		body, close, name, code = &g.Objective.Body, &g.Objective.Close, "objective ", g.Objective.Code.Value
	case g.Indicator != nil:
		body, close, name, code = &g.Indicator.Body, &g.Indicator.Close, "indicator ", g.Indicator.Code.Value
	case g.Indicators != nil:
		body, close, name = &g.Indicators.Body, &g.Indicators.Close, "the indicators group"
	case g.Operational != nil:
		body, close, name = &g.Operational.Body, &g.Operational.Close, "the operational group"
	case g.Bands != nil:
		body, close, name, code = &g.Bands.Body, &g.Bands.Close, "bands ", g.Bands.Name.Value
	case g.Scheda != nil:
		body, close, name, code = &g.Scheda.Body, &g.Scheda.Close, "scheda ", g.Scheda.Code.Value
	default:
		p.add(g)
		return
	}
	rc := lex.RawCursor()
	first := lex.Range(start, start+1)[0]
	p.push(&open{stmt: g, body: body, close: close, name: name, code: code, start: first,
		indent: p.indentOf(first), brace: lex.Range(rc-1, rc)[0], ctx: blockContext(first.Value, p.context())})
}

func (p *statements) push(o *open) { p.stack = append(p.stack, o) }

// add gives a complete statement to the block it stands in, or builds it
// at the top level.
func (p *statements) add(g *gStmt) {
	if len(p.stack) == 0 {
		p.b.topLevel(p.f, g)
		p.stmts.reset()
		return
	}
	if top := p.stack[len(p.stack)-1]; top.body != nil {
		*top.body = appendRoom(*top.body, g, 8)
	}
}

// indentOf returns the indentation of the line a block statement starts
// on: the column of the line's first token, when a statement or a "}"
// starts that line, else the statement's own column. It looks at no other
// token, so that a line of many blocks costs no more than many lines.
func (p *statements) indentOf(start lexer.Token) int {
	if start.Pos.Line == p.line {
		return p.indent
	}
	return start.Pos.Column
}

// close takes a "}"; first tells whether it is the first token of its line.
func (p *statements) close(t lexer.Token, first bool) {
	if len(p.stack) == 0 {
		at := t
		detail := "No block is open here, so this } closes nothing."
		if p.strayD != nil {
			// Counting braces, this one closes nothing; the one too many
			// is likely the first that was indented deeper than its block.
			at, p.strayD = *p.strayD, nil
			detail = fmt.Sprintf("The braces do not match: there is one } too many, and this one, indented deeper "+
				"than the block it closes, is likely it (counting braces, the } at %d:%d closes nothing).",
				t.Pos.Line, t.Pos.Column)
		}
		p.braceError(&lang.Diagnostic{Severity: lang.Error, Code: lang.ESyntax, Summary: `unexpected "}"`,
			Detail: detail, Hint: "remove the }, or open the block it was meant to close",
			Subject: tokenRange(at)})
		return
	}
	top := p.stack[len(p.stack)-1]
	p.stack = p.stack[:len(p.stack)-1]
	if first && !top.implicit {
		switch {
		case t.Pos.Column < top.indent:
			p.early = append(p.early, top)
		case t.Pos.Column > top.indent && p.strayD == nil && top.brace.Pos.Line != t.Pos.Line:
			stray := t // (t itself stays on the stack)
			p.strayD = &stray
		}
	}
	if top.stmt != nil {
		*top.close = gRBrace{Pos: t.Pos, Value: t.Value}
		g := top.stmt
		top.stmt, top.body, top.close = nil, nil, nil // kept in p.early, and g may be given again
		p.add(g)
	}
}

// end reports the blocks still open at the end of the file, each where it
// opens. When a "}" indented less than its block closed it, that block is
// likely the one whose "}" is missing: it is reported first.
func (p *statements) end() {
	if p.stopped {
		return
	}
	var still []*open
	for _, o := range p.stack {
		if !o.implicit {
			still = append(still, o)
		}
	}
	culprits := p.early[:min(len(p.early), len(still))]
	for i := len(still) - 1; len(culprits) < len(still); i-- {
		culprits = append(culprits, still[i])
	}
	for _, o := range culprits {
		detail := fmt.Sprintf("The file ends before the } that closes its { at %d:%d.", o.brace.Pos.Line, o.brace.Pos.Column)
		if !containsOpen(still, o) {
			detail = fmt.Sprintf("Counting braces, a } is missing; a } indented less than this block closed it, so its "+
				"{ at %d:%d is likely the one left open.", o.brace.Pos.Line, o.brace.Pos.Column)
		}
		r := tokenRange(o.start)
		p.braceError(&lang.Diagnostic{Severity: lang.Error, Code: lang.ESyntax,
			Summary: fmt.Sprintf("%s, opened at %d:%d, is not closed", o.name+o.code, o.start.Pos.Line, o.start.Pos.Column),
			Detail:  detail, Hint: "add } after the block's last statement",
			Subject: r.To(tokenRange(o.brace))})
	}
	p.stack = nil
}

func containsOpen(list []*open, o *open) bool {
	for _, x := range list {
		if x == o {
			return true
		}
	}
	return false
}

func (p *statements) braceError(d *lang.Diagnostic) {
	p.diags = append(p.diags, d)
	if off := int(d.Subject.Start.Offset); p.braceAt < 0 || off < p.braceAt {
		p.braceAt = off
	}
}

// broken reports a statement that does not parse, whose first token is
// next, and skips to where the loop can resume.
func (p *statements) broken(lex *lexer.PeekingLexer, st *stream, err error) {
	s := lex.RawCursor()
	start := *lex.Peek()
	off := errorOffset(err)
	for t := lex.Peek(); !t.EOF() && t.Pos.Offset < off; t = lex.Peek() {
		lex.Next()
	}
	e := lex.RawCursor()
	d := syntaxError(err)
	if e > s {
		// Broken off at the end of a line: the error is there, not at
		// the next line's first word.
		prev, next := lex.Range(e-1, e)[0], lex.Peek()
		if next.EOF() || next.Pos.Line > prev.Pos.Line {
			end := tokenRange(prev).End
			d.Subject = lang.Range{Start: end, End: end}
			d.Summary = "unexpected end of line"
			if next.EOF() {
				d.Summary = "unexpected end of file"
			}
			if d.Hint == hintFor(*next) {
				d.Hint = hintFor(lexer.Token{})
			}
		}
	} else if d.Detail == "" {
		p.noStatement(d, start)
	}
	p.diags = append(p.diags, d)
	p.skip(lex, st, s, e, start)
}

// noStatement says what may stand where a token starts no statement.
func (p *statements) noStatement(d *lang.Diagnostic, t lexer.Token) {
	d.Detail = "Expected a statement here."
	ctx := p.context()
	if ctx == noContext {
		return
	}
	var words []string
	for _, w := range allowed[ctx] {
		words = append(words, strings.TrimSuffix(w, "-years"))
	}
	if t.Type == tokWord {
		if w := lang.Suggest(t.Value, words); w != "" {
			d.Hint = "did you mean " + w + "?"
			return
		}
	}
	d.Hint = "in " + ctx.String() + " you may write: " + strings.Join(words, ", ")
}

// skip moves past a broken statement that starts at token s and broke at
// token e, to the next token the loop can resume at: the error token if
// it is a statement keyword, a statement keyword at the start of a line,
// a "}", the end of the chunk; or just past a "{", which opens a block of
// the broken statement: its statements are read, and dropped.
func (p *statements) skip(lex *lexer.PeekingLexer, st *stream, s, e lexer.RawCursor, start lexer.Token) {
	if e == s {
		if t := lex.Peek(); !isPunct(t, "{") {
			lex.Next()
		}
	}
	for {
		t := lex.Peek()
		switch {
		case t.EOF() || st.atCut(t) || isPunct(t, "}"):
		case isPunct(t, "{"):
			lex.Next()
			p.push(&open{name: brokenName(lex, s), start: start, indent: p.indentOf(start), brace: *t,
				ctx: blockContext(start.Value, p.context())})
			return
		case t.Type == tokWord && statementKeywords[t.Value] && (lex.RawCursor() == e && e > s || lineStart(lex)):
		default:
			lex.Next()
			continue
		}
		break
	}
	// A block statement that broke before its "{" at the end of its line:
	// the lines after it are most likely its body, up to its "}".
	if t := lex.Peek(); blockKeywords[start.Value] && start.Type == tokWord && (t.EOF() || isPunct(t, "}") || lineStart(lex)) {
		p.push(&open{start: start, indent: p.indentOf(start), implicit: true, ctx: blockContext(start.Value, p.context())})
	}
}

// brokenName names the block of a broken statement that starts at token s.
func brokenName(lex *lexer.PeekingLexer, s lexer.RawCursor) string {
	toks := lex.Range(s, lex.RawCursor())
	kw := toks[0]
	switch {
	case kw.Type != tokWord || !blockKeywords[kw.Value]:
		return "the block"
	case kw.Value == "indicators" || kw.Value == "operational":
		return "the " + kw.Value + " group"
	case len(toks) > 2 && (toks[1].Type == tokWord || toks[1].Type == tokQuoted):
		return kw.Value + " " + toks[1].Value
	}
	return kw.Value
}

// errorOffset returns the offset of the token where a parse error stopped.
func errorOffset(err error) int {
	var xerr *expectError
	var perr participle.Error
	switch {
	case errors.As(err, &xerr):
		return xerr.tok.Pos.Offset
	case errors.As(err, &perr):
		return perr.Position().Offset
	}
	return 0
}
