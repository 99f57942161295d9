package syntax

import (
	"errors"
	"io"
	"strings"
	"unicode/utf8"

	"github.com/alecthomas/participle/v2/lexer"
)

// The token types of the .plan language. The parser sees Word, Quoted,
// String, NA, Date and Punct; scan keeps Comments aside, drops whitespace,
// and reports the Bad* tokens as diagnostics.
const (
	tokComment lexer.TokenType = -(iota + 2)
	tokString
	tokBadString
	tokQuoted
	tokBadQuoted
	tokNA
	tokDate
	tokWord
	tokPunct
	tokBad
)

// symbols names the token types, as participle's lexer.Definition must
// (the grammar itself names none of them).
func symbols() map[string]lexer.TokenType {
	return map[string]lexer.TokenType{
		"EOF": lexer.EOF, "Comment": tokComment, "String": tokString, "BadString": tokBadString,
		"Quoted": tokQuoted, "BadQuoted": tokBadQuoted, "NA": tokNA, "Date": tokDate,
		"Word": tokWord, "Punct": tokPunct, "Bad": tokBad,
	}
}

// definition is the lexer participle is built with. Piano scans with its own
// scanner (below) rather than participle's regular-expression lexer, which
// took 40% of a parse; participle only needs the token types from it, and
// ParseLimits feeds it the tokens (lexer.go).
type definition struct{}

func (definition) Symbols() map[string]lexer.TokenType { return symbols() }

func (definition) Lex(string, io.Reader) (lexer.Lexer, error) {
	return nil, errors.New("syntax: participle is fed tokens by ParseLimits, not asked to lex")
}

// scanner splits source text into tokens, skipping whitespace. Columns count
// characters; offsets count bytes. A token's position names no file: the
// tree's positions do not, and the diagnostics name it once.
type scanner struct {
	src  string // token texts are slices of it: no allocation per token
	base int    // the offset in the file of src's first byte: 0 but for a fragment (reparse.go)
	off  int
	line int
	col  int
	wide bool // the token being scanned holds characters of more than one byte
}

func (s *scanner) init(src string) {
	s.src, s.off, s.line, s.col = src, 0, 1, 1
}

func isWordByte(c byte) bool { return wordBytes[c] }

// wordBytes are the bytes of a word: letters, digits and _.
var wordBytes = func() (t [256]bool) {
	for c := range 256 {
		t[c] = c == '_' || c >= '0' && c <= '9' || c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z'
	}
	return t
}()

// isASCII reports whether s has only one-byte characters, eight bytes at
// a time.
func isASCII(s string) bool {
	for len(s) >= 8 {
		w := uint64(s[0]) | uint64(s[1])<<8 | uint64(s[2])<<16 | uint64(s[3])<<24 |
			uint64(s[4])<<32 | uint64(s[5])<<40 | uint64(s[6])<<48 | uint64(s[7])<<56
		if w&0x8080808080808080 != 0 {
			return false
		}
		s = s[8:]
	}
	for i := range len(s) {
		if s[i] >= utf8.RuneSelf {
			return false
		}
	}
	return true
}

func isDigit(c byte) bool { return c >= '0' && c <= '9' }

func (s *scanner) at(i int) byte {
	if s.off+i < len(s.src) {
		return s.src[s.off+i]
	}
	return 0
}

// next reads the next token that is not whitespace into t, field by
// field: t is in the token buffer, and a write of the whole token costs a
// barrier over each of its words while the collector marks.
func (s *scanner) next(t *lexer.Token) {
	s.skipSpace()
	t.Pos.Offset, t.Pos.Line, t.Pos.Column = s.base+s.off, s.line, s.col
	if s.off >= len(s.src) {
		t.Type, t.Value = lexer.EOF, ""
		return
	}
	start := s.off
	s.wide = false
	typ := s.token()
	text := s.src[start:s.off]
	if s.wide {
		s.col += utf8.RuneCountInString(text)
	} else {
		s.col += len(text)
	}
	t.Type, t.Value = typ, text
}

func (s *scanner) skipSpace() {
	src, off, col := s.src, s.off, s.col
loop:
	for off < len(src) {
		switch c := src[off]; c {
		case ' ', '\t', '\r':
			off++
			col++
		case '\n':
			off++
			s.line++
			col = 1
		case 0xEF: // a byte order mark, U+FEFF, counts as space
			if off+2 < len(src) && src[off+1] == 0xBB && src[off+2] == 0xBF {
				off += 3
				col++
				continue
			}
			break loop
		default:
			break loop
		}
	}
	s.off, s.col = off, col
}

// token advances past one token, which never spans lines, and returns its type.
func (s *scanner) token() lexer.TokenType {
	c := s.src[s.off]
	switch {
	case c == '/' && s.at(1) == '/', c == '#':
		s.toLineEnd()
		return tokComment
	case c == '"':
		return s.quoted('"', tokString, tokBadString)
	case c == '`':
		return s.quoted('`', tokQuoted, tokBadQuoted)
	case c == 'N' && s.at(1) == '/' && s.at(2) == 'D' && !isWordByte(s.at(3)):
		s.off += 3
		return tokNA
	case isDigit(c) && s.isDate():
		s.off += 10
		return tokDate
	case isWordByte(c):
		s.word()
		return tokWord
	case c == '.' && s.at(1) == '.', c == '>' && s.at(1) == '=', c == '<' && s.at(1) == '=':
		s.off += 2
		return tokPunct
	}
	switch c {
	case '-', '+', '*', '/', '(', ')', '{', '}', ':', ',', '=', '%':
		s.off++
		return tokPunct
	}
	_, size := utf8.DecodeRuneInString(s.src[s.off:])
	s.off += size
	s.wide = true
	return tokBad
}

// toLineEnd moves to the end of the line. The column is counted only at
// the end of the file: at a line's end it starts again.
func (s *scanner) toLineEnd() {
	if i := strings.IndexByte(s.src[s.off:], '\n'); i >= 0 {
		s.off += i
		return
	}
	s.off = len(s.src)
	s.wide = true
}

// quoted scans a string (with backslash escapes) or a `quoted name` (without);
// an unclosed one runs to the end of the line and is bad.
func (s *scanner) quoted(q byte, good, bad lexer.TokenType) lexer.TokenType {
	start := s.off
	rest := s.src[start+1:]
	if i := strings.IndexByte(rest, q); i >= 0 {
		// Most strings hold no line break and no escape: they end at the
		// next quote.
		if body := rest[:i]; strings.IndexByte(body, '\n') < 0 && (q != '"' || strings.IndexByte(body, '\\') < 0) {
			s.off = start + 1 + i + 1
			s.wide = !isASCII(body)
			if q == '`' && i == 0 {
				return bad // `` is empty
			}
			return good
		}
	}
	s.off++
	for s.off < len(s.src) {
		switch c := s.src[s.off]; {
		case c == '\n':
			return bad
		case c == '\\' && q == '"' && s.at(1) != '\n' && s.at(1) != 0:
			s.off += 2
		case c == q:
			s.off++
			if q == '`' && s.off-start == 2 {
				return bad // `` is empty
			}
			return good
		case c >= utf8.RuneSelf:
			s.wide = true
			s.off++
		default:
			s.off++
		}
	}
	return bad
}

// isDate reports whether a date YYYY-MM-DD, not followed by a word
// character, starts here.
func (s *scanner) isDate() bool {
	if s.at(4) != '-' || s.at(7) != '-' {
		return false // most words that start with a digit: quickly
	}
	for i := range 10 {
		c := s.at(i)
		if i == 4 || i == 7 {
			if c != '-' {
				return false
			}
		} else if !isDigit(c) {
			return false
		}
	}
	return !isWordByte(s.at(10))
}

// word scans letters, digits and _, and dots between them: D1.1_2, 301.S0.
// A number written with a decimal comma (41,8 or 1.234,5: digits, a comma
// and digits, with no space) is scanned as one word, so that the parser
// reports it at its own position as a malformed number instead of a syntax
// error further on (see decimalComma).
func (s *scanner) word() {
	start, src := s.off, s.src
	for {
		i := s.off
		for i < len(src) && wordBytes[src[i]] {
			i++
		}
		s.off = i
		if i+1 < len(src) && src[i] == '.' && wordBytes[src[i+1]] {
			s.off++
			continue
		}
		if i < len(src) && src[i] == ',' && s.decimalComma(start) {
			s.off++
			continue
		}
		return
	}
}

// decimalComma reports whether the word from start, up to here, is made of
// digits, dots, _ and commas, starting with a digit, and goes on with a
// comma and a digit, the comma being no separator: a comma between entries
// (2018: 807,2019: 941) is followed by a year and its colon.
func (s *scanner) decimalComma(start int) bool {
	if s.at(0) != ',' || !isDigit(s.at(1)) || !isDigit(s.src[start]) {
		return false
	}
	for i := start; i < s.off; i++ {
		if c := s.src[i]; !isDigit(c) && c != '.' && c != '_' && c != ',' {
			return false
		}
	}
	i := 1
	for isWordByte(s.at(i)) || s.at(i) == '.' && isWordByte(s.at(i+1)) {
		i++
	}
	for s.at(i) == ' ' || s.at(i) == '\t' {
		i++
	}
	return s.at(i) != ':'
}
