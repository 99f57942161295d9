package syntax

import (
	"github.com/alecthomas/participle/v2"
	"github.com/alecthomas/participle/v2/lexer"
	"github.com/piano-plan/piano/lang"
	"github.com/piano-plan/piano/lang/ast"
)

// Formulas are parsed by precedence climbing, through participle's Parseable
// interface, rather than by grammar structs: the grammar needs four levels of
// structs per operand (expression, term, unary, primary) and participle
// tries each alternative of each level by reflection, which made formulas
// the most expensive statements to parse. The parse builds the lang/ast
// tree directly; the builder then checks its numbers and counts its terms
// (see builder.formula).
//
//	expr    = term { ("+" | "-") term }
//	term    = unary { ("*" | "/") unary }
//	unary   = "-" unary | primary
//	primary = NAME "(" [ expr { "," expr } ] ")" | "(" expr ")" | NAME | `QUOTED`

// gExpr is a formula, as participle's grammar refers to it.
type gExpr struct{ X ast.Expr }

// gAssign is "=" and a formula, at the end of a driver or a policy.
type gAssign struct{ X ast.Expr }

// Parse implements participle.Parseable. A token that cannot start a formula
// is no match, so participle reports what it expected there; a formula that
// starts but breaks off is an error at the token where it breaks.
func (e *gExpr) Parse(lex *lexer.PeekingLexer) error {
	if !startsOperand(lex) {
		return participle.NextMatch
	}
	x, err := parseExpr(lex)
	e.X = x
	return err
}

const formulaHint = "a formula is names and numbers joined by + - * / and parentheses, such as (D1 + D2) / N1"

func isPunct(t *lexer.Token, s string) bool { return t.Type == tokPunct && t.Value == s }

// startsOperand reports whether the next token may start an operand. A
// statement keyword at the start of a line may not (see atStatementLine).
func startsOperand(lex *lexer.PeekingLexer) bool {
	t := lex.Peek()
	return t.Type == tokWord && !atStatementLine(lex) || t.Type == tokQuoted || isPunct(t, "(") || isPunct(t, "-")
}

func parseExpr(lex *lexer.PeekingLexer) (ast.Expr, error) {
	x, err := parseTerm(lex)
	if err != nil {
		return nil, err
	}
	for t := lex.Peek(); isPunct(t, "+") || isPunct(t, "-"); t = lex.Peek() {
		lex.Next()
		y, err := parseTerm(lex)
		if err != nil {
			return nil, err
		}
		x = &ast.Binary{Rng: x.Span().To(y.Span()), Op: t.Value[0], OpRng: rangeOf(t.Pos, t.Value), X: x, Y: y}
	}
	return x, nil
}

func parseTerm(lex *lexer.PeekingLexer) (ast.Expr, error) {
	x, err := parseUnary(lex)
	if err != nil {
		return nil, err
	}
	for t := lex.Peek(); isPunct(t, "*") || isPunct(t, "/"); t = lex.Peek() {
		lex.Next()
		y, err := parseUnary(lex)
		if err != nil {
			return nil, err
		}
		x = &ast.Binary{Rng: x.Span().To(y.Span()), Op: t.Value[0], OpRng: rangeOf(t.Pos, t.Value), X: x, Y: y}
	}
	return x, nil
}

// parseUnary recurses on a run of minuses; the lexer's depth limit bounds
// the run (see watch).
func parseUnary(lex *lexer.PeekingLexer) (ast.Expr, error) {
	t := lex.Peek()
	if isPunct(t, "-") {
		pos := t.Pos
		lex.Next()
		x, err := parseUnary(lex)
		if err != nil {
			return nil, err
		}
		return &ast.Unary{Rng: rangeOf(pos, "").To(x.Span()), X: x}, nil
	}
	return parsePrimary(lex)
}

func parsePrimary(lex *lexer.PeekingLexer) (ast.Expr, error) {
	t := *lex.Peek()
	switch {
	case isPunct(&t, "("):
		lex.Next()
		x, err := parseOperand(lex)
		if err != nil {
			return nil, err
		}
		rp, err := closeParen(lex, `an operator or ")"`)
		if err != nil {
			return nil, err
		}
		return &ast.Paren{Rng: rangeOf(t.Pos, "").To(rp), X: x}, nil
	case t.Type == tokWord && !atStatementLine(lex):
		lex.Next()
		if !isPunct(lex.Peek(), "(") {
			return name(t), nil
		}
		lex.Next()
		call := &ast.Call{Func: ast.Word{Rng: rangeOf(t.Pos, t.Value), Value: t.Value}}
		if !isPunct(lex.Peek(), ")") {
			for {
				x, err := parseOperand(lex)
				if err != nil {
					return nil, err
				}
				call.Args = append(call.Args, x)
				if !isPunct(lex.Peek(), ",") {
					break
				}
				lex.Next()
			}
		}
		rp, err := closeParen(lex, `an operator, "," or ")"`)
		if err != nil {
			return nil, err
		}
		call.Rng = call.Func.Rng.To(rp)
		return call, nil
	case t.Type == tokQuoted:
		lex.Next()
		return name(t), nil
	}
	return nil, &expectError{tok: t, expected: "a name, a number or (", hint: formulaHint}
}

// name is a name in a formula: a number (its value is read by the
// builder, which reports a bad one), or a reference.
func name(t lexer.Token) ast.Expr {
	c := codeOf(t.Pos, t.Value)
	if !c.Quoted && c.Value[0] >= '0' && c.Value[0] <= '9' && ast.IsNumber(c.Value) {
		return &ast.NumberLit{Number: ast.Number{Rng: c.Rng, Text: t.Value}}
	}
	return &ast.Ref{Rng: c.Rng, Name: c.Value, Quoted: c.Quoted}
}

// Parse reads "=" and the formula that must follow it.
func (g *gAssign) Parse(lex *lexer.PeekingLexer) error {
	if !isPunct(lex.Peek(), "=") {
		return participle.NextMatch
	}
	lex.Next()
	x, err := parseOperand(lex)
	g.X = x
	return err
}

// parseOperand parses an expression that must be there: after "(" or ",".
func parseOperand(lex *lexer.PeekingLexer) (ast.Expr, error) {
	if t := lex.Peek(); !startsOperand(lex) {
		return nil, &expectError{tok: *t, expected: "a name, a number or (", hint: formulaHint}
	}
	return parseExpr(lex)
}

// closeParen reads ")" and returns its range.
func closeParen(lex *lexer.PeekingLexer, expected string) (lang.Range, error) {
	t := lex.Peek()
	if !isPunct(t, ")") {
		return lang.Range{}, &expectError{tok: *t, expected: expected, hint: formulaHint}
	}
	lex.Next()
	return rangeOf(t.Pos, ")"), nil
}
