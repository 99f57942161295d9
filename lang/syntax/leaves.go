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

// Parse takes a unit's name; a statement keyword at the start of a line is
// the next statement, not a unit (see atStatementLine).
func (g *gUnitName) Parse(lex *lexer.PeekingLexer) error {
	t := lex.Peek()
	return take(lex, &g.Pos, &g.Value, t.Type == tokWord && !atStatementLine(lex) || isPunct(t, "%"))
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
		return &expectError{tok: *next, expected: "a number after the minus sign"}
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
		return orExpected(err, lex, "a percentage such as 25%", weightHint)
	}
	if err := g.Percent.Parse(lex); err != nil {
		return &expectError{tok: *lex.Peek(), expected: `"%"`, hint: weightHint}
	}
	return nil
}

const unitHint = "a unit is N, %, gg, EUR, date or ratio, or a product or quotient of them: gg*EUR"

const weightHint = "a weight is a percentage of its group: weight 25%"

const driverHint = `a driver is written driver CODE "DESCRIPTION" unit UNIT, with = FORMULA for a derived one`

// Parse reads CODE "NAME" unit UNIT [= FORMULA]; "driver" is read.
func (g *gDriver) Parse(lex *lexer.PeekingLexer) error {
	if err := g.Code.Parse(lex); err != nil {
		return err
	}
	if err := g.Name.Parse(lex); err != nil {
		return orExpected(err, lex, "the driver's description, as a string", driverHint)
	}
	if !isKeyword(lex.Peek(), "unit") {
		return &expectError{tok: *lex.Peek(), expected: `"unit"`, hint: driverHint}
	}
	lex.Next()
	if err := g.Unit.Parse(lex); err != nil {
		return orExpected(err, lex, "a unit", unitHint)
	}
	return optional(lex, &g.Formula)
}

// Parse reads NAME { OPTION } [= FORMULA]; "scoring" is read.
func (g *gPolicy) Parse(lex *lexer.PeekingLexer) error {
	if err := g.Name.Parse(lex); err != nil {
		return err
	}
	for {
		var opt *gPolicyOption
		if err := optional(lex, &opt); err != nil {
			return err
		}
		if opt == nil {
			break
		}
		g.Options = append(g.Options, opt)
	}
	return optional(lex, &g.Custom)
}

// optional reads a T into *dst when one starts here, and leaves *dst nil
// when none does.
func optional[T any, P interface {
	*T
	participle.Parseable
}](lex *lexer.PeekingLexer, dst *P) error {
	v := P(new(T))
	switch err := v.Parse(lex); err {
	case nil:
		*dst = v
	case participle.NextMatch:
	default:
		return err
	}
	return nil
}

// Parse reads cap, floor or late and its percentage.
func (g *gPolicyOption) Parse(lex *lexer.PeekingLexer) error {
	if err := g.Key.Parse(lex); err != nil {
		return err
	}
	hint := "a policy option is a percentage: cap 120%, floor 50%, late 2%"
	if t := lex.Peek(); isWord(t) && !isDigit(t.Value[0]) {
		// a name, not a number: the percentage is missing
		return &expectError{tok: *t, expected: "a percentage after " + g.Key.Value, hint: hint}
	}
	if err := g.Value.Parse(lex); err != nil {
		return orExpected(err, lex, "a percentage after "+g.Key.Value, hint)
	}
	if err := g.Percent.Parse(lex); err != nil {
		return &expectError{tok: *lex.Peek(), expected: `"%"`, hint: hint}
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
			return orExpected(err, lex, "a unit", unitHint)
		}
		g.Rest = append(g.Rest, next)
	}
	return nil
}
