package syntax

import (
	"fmt"
	"strings"
	"sync"
	"unicode/utf8"

	"github.com/alecthomas/participle/v2/lexer"
	"github.com/piano-plan/piano/lang"
	"github.com/piano-plan/piano/lang/ast"
)

// stream feeds the parser the scanner's tokens, one at a time. On the way
// it makes the comments into the tree's, reports characters and strings
// the language cannot take, and stops at the first limit exceeded.
//
// It also cuts the file into chunks, so that the token buffer participle
// reads (64 bytes a token, 5 times the source) never holds the whole file:
// a chunk of more than chunkTokens tokens ends before a line that starts a
// driver or a block statement after a complete statement (see cutsBefore).
// The chunk's last token is that first token of the next statement, and
// the parser stops in front of it, so that an incomplete statement still
// meets it and reports it as the whole-file parse did. The next chunk
// starts with it again.
type stream struct {
	s        scanner
	watch    watch
	comments []*ast.Comment
	diags    lang.Diagnostics

	prev     lexer.Token // the last token delivered
	cut      lexer.Token // the token the current chunk was cut before
	carry    bool        // the next chunk starts with cut
	chunkEnd bool        // the current chunk has delivered its cut token: EOF follows
	inChunk  int         // tokens delivered in the current chunk
	eof      bool        // the scanner is done, or a limit stopped it
	parens   int         // ( not yet closed: inside a formula's parentheses
}

// next reads the next token of the current chunk into t; EOF ends the
// chunk.
func (st *stream) next(t *lexer.Token) {
	switch {
	case st.chunkEnd:
		*t = lexer.EOFToken(st.cut.Pos)
		return
	case st.carry:
		st.carry = false
		*t = st.cut
		return
	}
	st.scan(t)
	st.inChunk++
	if st.inChunk > chunkTokens && !t.EOF() && st.cutsBefore(t) {
		st.cut, st.carry, st.chunkEnd = *t, true, true
	}
	st.prev = *t
}

// tokens holds the tokens of one chunk for participle, in a buffer that
// every chunk of a parse, and every parse, reuses: participle's
// lexer.Upgrade stores a stream's tokens in a slice it grows by appending,
// and allocated a third of the bytes of a parse doing so. A PeekingLexer's
// tokens can be made only by Upgrade, but Range gives its own slice of
// them, so tokens upgrades once a lexer of blank tokens, as many as the
// buffer holds, and writes each chunk over them through Range; loading
// the checkpoint taken after the upgrade starts the lexer at the first.
// TestHandRead and TestChunks fail if a participle version stops
// returning the lexer's own tokens from Range.
type tokens struct {
	lex   *lexer.PeekingLexer
	start lexer.Checkpoint
	buf   []lexer.Token // lex's tokens
	used  int           // tokens written since the last clear
}

// newTokens makes a buffer for n tokens, holding keep first.
func newTokens(n int, keep []lexer.Token) *tokens {
	lex, _ := lexer.Upgrade(&blanks{keep: keep, n: n}) // blanks never fails
	return &tokens{lex: lex, start: lex.MakeCheckpoint(), buf: lex.Range(0, lexer.RawCursor(n)), used: len(keep)}
}

// blanks is a lexer of keep and then blank tokens, n in all, then EOF.
type blanks struct {
	keep []lexer.Token
	i, n int
}

func (b *blanks) Next() (lexer.Token, error) {
	i := b.i
	b.i++
	switch {
	case i < len(b.keep):
		return b.keep[i], nil
	case i < b.n:
		return lexer.Token{Type: tokPunct}, nil
	}
	return lexer.EOFToken(lexer.Position{}), nil
}

// load writes the stream's next chunk, up to its EOF, into the buffer,
// growing it when the chunk does not fit, and returns the lexer at the
// chunk's first token.
func (tk *tokens) load(st *stream) *lexer.PeekingLexer {
	for k := 0; ; k++ {
		if k == len(tk.buf) {
			*tk = *newTokens(2*len(tk.buf), tk.buf)
		}
		t := &tk.buf[k]
		st.next(t)
		if t.EOF() {
			tk.used = max(tk.used, k+1)
			break
		}
	}
	tk.lex.LoadCheckpoint(tk.start)
	return tk.lex
}

// clear blanks the tokens written, so that a buffer kept for the next
// parse holds no text of this one.
func (tk *tokens) clear() {
	clear(tk.buf[:tk.used])
	tk.used = 0
}

// buffers are what a parse needs and can leave to the next: the token
// buffer and the gStmts. A batch parses many plans, so they are kept in a
// pool, cleared, holding no text and no tree of the last plan.
type buffers struct {
	tokens *tokens
	stmts  gStmts
}

var pool = sync.Pool{New: func() any { return &buffers{tokens: newTokens(2*defaultChunkTokens, nil)} }}

func getBuffers() *buffers { return pool.Get().(*buffers) }

func (b *buffers) put() {
	b.tokens.clear()
	b.stmts.clear()
	pool.Put(b)
}

// chunkTokens is the fewest tokens in a chunk. The token buffer (tokens)
// holds the largest chunk and a cut costs next to nothing, so chunks are
// kept small: the buffer stays in the processor's caches. A variable only
// so that tests can cut everywhere, or nowhere.
var chunkTokens = defaultChunkTokens

// defaultChunkTokens is chunkTokens when no test changes it.
const defaultChunkTokens = 1024

// nextChunk readies the stream for the chunk after a cut; it reports false
// at the end of the file.
func (st *stream) nextChunk() bool {
	if !st.chunkEnd {
		return false
	}
	st.chunkEnd, st.inChunk = false, 0
	return true
}

// atCut reports whether t is the token the current chunk was cut before:
// the parser stops there.
func (st *stream) atCut(t *lexer.Token) bool {
	return st.chunkEnd && !t.EOF() && t.Pos.Offset == st.cut.Pos.Offset
}

// drain scans the rest of the file for its lexical errors.
func (st *stream) drain() {
	var t lexer.Token
	for st.scan(&t); !t.EOF(); st.scan(&t) {
	}
}

// cutsBefore reports whether a chunk may end before t: t is "driver" or
// the keyword of a block statement, at the start of a line, and the token
// before it ends a statement, so that no statement of the grammar can go
// on into t (a "}", a string, a name that is not a keyword waiting for its
// argument, ")" or "%"). No statement reads one of those keywords as a word
// of its own, as a driver reads "unit": a statement broken off before the
// cut stops at t, in the chunk and in the whole file alike. A cut may fall
// inside a block: the statement loop keeps the open blocks from one chunk
// to the next.
func (st *stream) cutsBefore(t *lexer.Token) bool {
	p := &st.prev
	if t.Pos.Line == p.Pos.Line || t.Type != tokWord || !(t.Value == "driver" || blockKeywords[t.Value]) {
		return false
	}
	switch p.Type {
	case tokString:
		return true
	case tokWord, tokQuoted:
		return !takesArgument[p.Value]
	case tokPunct:
		return p.Value == "}" || p.Value == ")" || p.Value == "%"
	}
	return false
}

// takesArgument lists the keywords that a statement's next word may
// follow: the statement table's keywords that take arguments, and the
// words inside statements (weight, as, cap, ...).
var takesArgument = func() map[string]bool {
	m := map[string]bool{}
	for _, s := range ast.Statements {
		if s.Args != "" {
			m[s.Keyword] = true
		}
		for _, w := range s.Words {
			m[w] = true
		}
	}
	return m
}()

// scan reads the next token for the parser into t, keeping comments
// aside and reporting bad tokens and limits; after a limit it reads only
// EOF.
func (st *stream) scan(t *lexer.Token) {
	for {
		if st.eof {
			*t = lexer.EOFToken(st.prev.Pos)
			return
		}
		st.s.next(t)
		switch t.Type {
		case lexer.EOF:
			st.eof = true
			return
		case tokComment:
			st.comments = append(st.comments, st.comment(t))
			continue
		case tokBadString:
			st.diags = append(st.diags, tokenDiag(*t, "unterminated string",
				"A string starts here but the line ends before its closing quote.",
				`close the string with " on the same line; write \" for a quote inside it`))
		case tokBadQuoted:
			st.diags = append(st.diags, tokenDiag(*t, "unterminated or empty quoted name",
				"A name in backquotes must be closed on the same line and hold at least one character.",
				"write the name as `D3.1.1+20_2`"))
		case tokBad:
			st.diags = append(st.diags, badChar(*t))
		case tokWord:
			if strings.IndexByte(t.Value, ',') >= 0 {
				st.diags = append(st.diags, decimalComma(*t, st.parens > 0))
			}
		case tokPunct:
			switch t.Value {
			case "(":
				st.parens++
			case ")":
				st.parens = max(st.parens-1, 0)
			}
		}
		if d := st.watch.see(t); d != nil {
			st.diags, st.eof = lang.Diagnostics{d}, true
			*t = lexer.EOFToken(t.Pos)
		}
		return
	}
}

// comment makes the comment token t into the tree's comment.
func (st *stream) comment(t *lexer.Token) *ast.Comment {
	src, off := st.s.src, t.Pos.Offset-st.s.base
	lineStart := strings.LastIndexByte(src[:off], '\n') + 1
	return &ast.Comment{Rng: tokenRange(*t), Text: strings.TrimRight(t.Value, "\r"),
		OwnLine: strings.TrimSpace(src[lineStart:off]) == ""}
}

// decimalComma reports a number written with a decimal comma (the scanner
// takes 41,8 and 1.234,5 as one word): at its own position, with the
// reading Piano would write, rather than as a syntax error further on. In
// parentheses the comma may have been meant between a function's arguments.
func decimalComma(t lexer.Token, inParens bool) *lang.Diagnostic {
	hint := "write decimals with a point and thousands without separators, or with _: 1_234.5"
	if plain, ok := lang.DecimalComma(t.Value); ok {
		hint = "write " + plain
	}
	if inParens {
		hint += ", or put a space after the comma to separate arguments"
	}
	return &lang.Diagnostic{Severity: lang.Error, Code: lang.ENumber, Summary: fmt.Sprintf("decimal comma in %q", clip(t.Value)),
		Detail: "Plans write decimals with a point (41.8); a comma only separates entries, and a function's arguments.",
		Hint:   hint, Subject: tokenRange(t)}
}

func badChar(t lexer.Token) *lang.Diagnostic {
	r, _ := utf8.DecodeRuneInString(t.Value)
	switch {
	case r == utf8.RuneError:
		return tokenDiag(t, "invalid UTF-8", "Plan files must be UTF-8 text; this byte is not part of any character.",
			"save the file as UTF-8")
	case r == '€':
		return tokenDiag(t, "unexpected character '€'", "Units are written as names, amounts as plain numbers.",
			"write the unit as EUR and the amount without the € sign")
	default:
		return tokenDiag(t, fmt.Sprintf("unexpected character %q", r),
			"This character cannot appear outside a string or a `quoted name`.",
			"put text in double quotes and unusual names in backquotes")
	}
}

func tokenDiag(t lexer.Token, summary, detail, hint string) *lang.Diagnostic {
	return &lang.Diagnostic{Severity: lang.Error, Code: lang.EToken, Summary: summary, Detail: detail, Hint: hint,
		Subject: tokenRange(t)}
}

// tokenRange is the source range of a single-line token.
func tokenRange(t lexer.Token) lang.Range { return rangeOf(t.Pos, t.Value) }

func toPos(p lexer.Position) lang.Pos {
	return lang.Pos{Offset: int32(p.Offset), Line: int32(p.Line), Column: int32(p.Column)}
}
