package syntax

import (
	"github.com/alecthomas/participle/v2"
	"github.com/alecthomas/participle/v2/lexer"
)

// Formulas are parsed by precedence climbing, through participle's Parseable
// interface, rather than by grammar structs: the grammar needs four levels of
// structs per operand (expression, term, unary, primary) and participle
// tries each alternative of each level by reflection, which made formulas
// the most expensive statements to parse. The tree built is the same
// gExpr/gTerm/gUnary/gPrimary as the grammar's, so build does not change.
//
//	expr    = term { ("+" | "-") term }
//	term    = unary { ("*" | "/") unary }
//	unary   = "-" unary | primary
//	primary = NAME "(" [ expr { "," expr } ] ")" | "(" expr ")" | NAME | `QUOTED`

// Parse implements participle.Parseable. A token that cannot start a formula
// is no match, so participle reports what it expected there; a formula that
// starts but breaks off is an error at the token where it breaks.
func (e *gExpr) Parse(lex *lexer.PeekingLexer) error {
	if !startsOperand(lex) {
		return participle.NextMatch
	}
	return parseExpr(lex, e)
}

const formulaHint = "a formula is names and numbers joined by + - * / and parentheses, such as (D1 + D2) / N1"

func isPunct(t *lexer.Token, s string) bool { return t.Type == tokPunct && t.Value == s }

// startsOperand reports whether the next token may start an operand. A
// statement keyword at the start of a line may not (see atStatementLine).
func startsOperand(lex *lexer.PeekingLexer) bool {
	t := lex.Peek()
	return t.Type == tokWord && !atStatementLine(lex) || t.Type == tokQuoted || isPunct(t, "(") || isPunct(t, "-")
}

func parseExpr(lex *lexer.PeekingLexer, e *gExpr) error {
	left, err := parseTerm(lex)
	if err != nil {
		return err
	}
	e.Left = left
	for t := lex.Peek(); isPunct(t, "+") || isPunct(t, "-"); t = lex.Peek() {
		op := gAddOp{Pos: t.Pos, Value: t.Value}
		lex.Next()
		term, err := parseTerm(lex)
		if err != nil {
			return err
		}
		e.Rest = append(e.Rest, &gOpTerm{Op: op, Term: *term})
	}
	return nil
}

func parseTerm(lex *lexer.PeekingLexer) (*gTerm, error) {
	left, err := parseUnary(lex)
	if err != nil {
		return nil, err
	}
	term := &gTerm{Left: left}
	for t := lex.Peek(); isPunct(t, "*") || isPunct(t, "/"); t = lex.Peek() {
		op := gMulOp{Pos: t.Pos, Value: t.Value}
		lex.Next()
		x, err := parseUnary(lex)
		if err != nil {
			return nil, err
		}
		term.Rest = append(term.Rest, &gOpUnary{Op: op, X: *x})
	}
	return term, nil
}

// parseUnary recurses on a run of minuses; the lexer's depth limit bounds
// the run (see watch).
func parseUnary(lex *lexer.PeekingLexer) (*gUnary, error) {
	t := lex.Peek()
	u := &gUnary{Pos: t.Pos}
	if isPunct(t, "-") {
		lex.Next()
		x, err := parseUnary(lex)
		if err != nil {
			return nil, err
		}
		u.Neg = x
		return u, nil
	}
	p, err := parsePrimary(lex)
	if err != nil {
		return nil, err
	}
	u.Prim = p
	return u, nil
}

func parsePrimary(lex *lexer.PeekingLexer) (*gPrimary, error) {
	t := *lex.Peek()
	p := &gPrimary{Pos: t.Pos}
	switch {
	case isPunct(&t, "("):
		lex.Next()
		x := &gExpr{}
		if err := parseOperand(lex, x); err != nil {
			return nil, err
		}
		rp, err := closeParen(lex, `an operator or ")"`)
		if err != nil {
			return nil, err
		}
		p.Paren, p.Close = x, rp
	case t.Type == tokWord && !atStatementLine(lex):
		lex.Next()
		if !isPunct(lex.Peek(), "(") {
			p.Name = &gCode{Pos: t.Pos, Value: t.Value}
			return p, nil
		}
		lex.Next()
		call := &gCall{Func: gWord{Pos: t.Pos, Value: t.Value}}
		if !isPunct(lex.Peek(), ")") {
			for {
				x := &gExpr{}
				if err := parseOperand(lex, x); err != nil {
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
		call.Close = *rp
		p.Call = call
	case t.Type == tokQuoted:
		lex.Next()
		p.Name = &gCode{Pos: t.Pos, Value: t.Value}
	default:
		return nil, &expectError{tok: t, expected: "a name, a number or (", hint: formulaHint}
	}
	return p, nil
}

// Parse reads "=" and the formula that must follow it.
func (g *gAssign) Parse(lex *lexer.PeekingLexer) error {
	if !isPunct(lex.Peek(), "=") {
		return participle.NextMatch
	}
	lex.Next()
	g.Expr = &gExpr{}
	return parseOperand(lex, g.Expr)
}

// parseOperand parses an expression that must be there: after "(" or ",".
func parseOperand(lex *lexer.PeekingLexer, x *gExpr) error {
	if t := lex.Peek(); !startsOperand(lex) {
		return &expectError{tok: *t, expected: "a name, a number or (", hint: formulaHint}
	}
	return parseExpr(lex, x)
}

func closeParen(lex *lexer.PeekingLexer, expected string) (*gRParen, error) {
	t := lex.Peek()
	if !isPunct(t, ")") {
		return nil, &expectError{tok: *t, expected: expected, hint: formulaHint}
	}
	lex.Next()
	return &gRParen{Pos: t.Pos, Value: t.Value}, nil
}
