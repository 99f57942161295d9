package syntax

import (
	"github.com/alecthomas/participle/v2"
	"github.com/alecthomas/participle/v2/lexer"
)

// The grammar's leaves, the structs that take one token and its position,
// and the two small productions over them that every node and driver has
// (a weight, a unit), match their tokens through participle's Parseable
// interface: a struct production costs participle a reflective walk (a new
// value, a sequence, a capture, a deferred field set per token) for what is
// one comparison here. About half the nodes participle built for a plan
// were these.

// take consumes the next token into pos and value if ok accepts it.
func take(lex *lexer.PeekingLexer, pos *lexer.Position, value *string, ok bool) error {
	if !ok {
		return participle.NextMatch
	}
	t := lex.Next()
	*pos, *value = t.Pos, t.Value
	return nil
}

func isWord(t *lexer.Token) bool { return t.Type == tokWord }

func isKeyword(t *lexer.Token, words ...string) bool {
	if t.Type != tokWord {
		return false
	}
	for _, w := range words {
		if t.Value == w {
			return true
		}
	}
	return false
}

func (g *gString) Parse(lex *lexer.PeekingLexer) error {
	return take(lex, &g.Pos, &g.Value, lex.Peek().Type == tokString)
}

func (g *gWord) Parse(lex *lexer.PeekingLexer) error {
	return take(lex, &g.Pos, &g.Value, isWord(lex.Peek()))
}

func (g *gCode) Parse(lex *lexer.PeekingLexer) error {
	t := lex.Peek()
	return take(lex, &g.Pos, &g.Value, t.Type == tokWord || t.Type == tokQuoted)
}

func (g *gOptionKey) Parse(lex *lexer.PeekingLexer) error {
	return take(lex, &g.Pos, &g.Value, isKeyword(lex.Peek(), "cap", "floor", "late"))
}

func (g *gPercent) Parse(lex *lexer.PeekingLexer) error {
	return take(lex, &g.Pos, &g.Value, isPunct(lex.Peek(), "%"))
}

func (g *gRBrace) Parse(lex *lexer.PeekingLexer) error {
	return take(lex, &g.Pos, &g.Value, isPunct(lex.Peek(), "}"))
}

func (g *gDate) Parse(lex *lexer.PeekingLexer) error {
	return take(lex, &g.Pos, &g.Value, lex.Peek().Type == tokDate)
}

func (g *gUnitName) Parse(lex *lexer.PeekingLexer) error {
	t := lex.Peek()
	return take(lex, &g.Pos, &g.Value, t.Type == tokWord || isPunct(t, "%"))
}

// Parse takes an optional minus and a word; a minus without a word after it
// is an error there.
func (g *gNumber) Parse(lex *lexer.PeekingLexer) error {
	t := lex.Peek()
	if !isPunct(t, "-") {
		return take(lex, &g.Pos, &g.Value, isWord(t))
	}
	minus := lex.Next()
	if next := lex.Peek(); !isWord(next) {
		return &participle.UnexpectedTokenError{Unexpected: *next, Expect: "GNumber"}
	}
	g.Neg = true
	err := take(lex, &g.Pos, &g.Value, true)
	g.Pos = minus.Pos
	return err
}

// Parse reads "weight" NUMBER "%".
func (g *gWeight) Parse(lex *lexer.PeekingLexer) error {
	t := lex.Peek()
	if !isKeyword(t, "weight") {
		return participle.NextMatch
	}
	g.Pos = lex.Next().Pos
	if err := g.Number.Parse(lex); err != nil {
		return orExpected(err, lex, "a percentage such as 25%", "")
	}
	if err := g.Percent.Parse(lex); err != nil {
		return &participle.UnexpectedTokenError{Unexpected: *lex.Peek(), Expect: "gPercent"}
	}
	return nil
}

// Parse reads a unit: names (or %) joined by * and /.
func (g *gUnit) Parse(lex *lexer.PeekingLexer) error {
	if err := g.First.Parse(lex); err != nil {
		return err
	}
	for t := lex.Peek(); isPunct(t, "*") || isPunct(t, "/"); t = lex.Peek() {
		next := &gUnitNext{Op: gMulOp{Pos: t.Pos, Value: t.Value}}
		lex.Next()
		if err := next.Name.Parse(lex); err != nil {
			return orExpected(err, lex, "a unit", "a unit is N, %, gg, EUR, date or ratio, or a product or quotient of them: gg*EUR")
		}
		g.Rest = append(g.Rest, next)
	}
	return nil
}
