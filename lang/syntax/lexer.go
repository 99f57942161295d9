package syntax

import (
	"fmt"
	"unicode/utf8"

	"github.com/alecthomas/participle/v2/lexer"
	"github.com/piano-plan/piano/lang"
)

// stream feeds the parser the scanner's tokens, one at a time, so that they
// are stored once (in participle's lookahead buffer). On the way it keeps the
// comments aside, reports characters and strings the language cannot take,
// and stops at the first limit exceeded.
type stream struct {
	s        scanner
	watch    watch
	comments []lexer.Token
	diags    lang.Diagnostics
}

func (st *stream) Next() (lexer.Token, error) {
	for {
		t := st.s.next()
		switch t.Type {
		case lexer.EOF:
			return t, nil
		case tokComment:
			st.comments = append(st.comments, t)
			continue
		case tokBadString:
			st.diags = append(st.diags, tokenDiag(t, "unterminated string",
				"A string starts here but the line ends before its closing quote.",
				`close the string with " on the same line; write \" for a quote inside it`))
		case tokBadQuoted:
			st.diags = append(st.diags, tokenDiag(t, "unterminated or empty quoted name",
				"A name in backquotes must be closed on the same line and hold at least one character.",
				"write the name as `D3.1.1+20_2`"))
		case tokBad:
			st.diags = append(st.diags, badChar(t))
		}
		if d := st.watch.see(t); d != nil {
			st.diags = lang.Diagnostics{d}
			return lexer.EOFToken(t.Pos), nil
		}
		return t, nil
	}
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
func tokenRange(t lexer.Token) lang.Range {
	start := toPos(t.Pos)
	return lang.Range{Filename: t.Pos.Filename, Start: start, End: start.Advance(t.Value)}
}

func toPos(p lexer.Position) lang.Pos {
	return lang.Pos{Offset: int32(p.Offset), Line: int32(p.Line), Column: int32(p.Column)}
}
