package syntax

import (
	"fmt"

	"github.com/alecthomas/participle/v2/lexer"
	"github.com/piano-plan/piano/lang"
)

// Limits bound the work one file can ask of Piano, so that no plan, however
// large or malicious, makes it run for unbounded time or memory. Exceeding
// one is an error (E006) at the place where it happens.
type Limits struct {
	MaxBytes        int // size of the source, in bytes
	MaxDepth        int // nesting of { } and ( )
	MaxFormulaTerms int // names and numbers in one formula
	MaxNodes        int // areas, objectives, groups, indicators, uses and drivers
}

// DefaultLimits are generous for any real plan: the Modena plan is 60 KB,
// nests 5 deep, has formulas of at most 3 terms and about 250 nodes.
var DefaultLimits = Limits{
	MaxBytes:        64 << 20,
	MaxDepth:        32,
	MaxFormulaTerms: 1000,
	MaxNodes:        1_000_000,
}

func limitDiag(r lang.Range, what string, limit int, hint string) *lang.Diagnostic {
	return &lang.Diagnostic{Severity: lang.Error, Code: lang.ELimit, Subject: r,
		Summary: fmt.Sprintf("%s exceeds the limit of %d", what, limit),
		Detail:  "Piano bounds what one file may ask of it, so that no input can make it run without end.",
		Hint:    hint}
}

// watch applies the limits on nesting and formula size to the tokens as
// they stream from the scanner to the parser, which recurses on nesting: an
// input past a limit is refused before the parser spends time on it.
type watch struct {
	lim                   Limits
	depth, minuses, terms int
	prevOperand           bool
}

// see takes the next token and reports the first limit it exceeds.
func (w *watch) see(t *lexer.Token) *lang.Diagnostic {
	var c byte // the character of a one-character punctuation token
	if t.Type == tokPunct && len(t.Value) == 1 {
		c = t.Value[0]
	}
	max := w.lim.MaxDepth
	// A run of minuses nests too: each unary minus is a level.
	if c == '-' {
		w.minuses++
		if w.minuses > max {
			return limitDiag(tokenRange(*t), "nesting depth", max, "write a single minus sign")
		}
	} else {
		w.minuses = 0
	}
	switch c {
	case '{', '(':
		w.depth++
		if w.depth > max {
			return limitDiag(tokenRange(*t), "nesting depth", max,
				"a plan nests area, objective, group, objective, indicator: 5 levels; check for unbalanced braces, or raise --max-depth")
		}
	case '}', ')':
		w.depth--
	}
	return w.formula(t, c)
}

// formula counts the terms of the formula the token may belong to. A
// formula is a chain of operands (names, numbers, closing parentheses) and
// operators (+ - * / , and opening parentheses) alternating; any other token
// ends the chain. The builder counts terms exactly afterwards; this catches
// the enormous ones early.
func (w *watch) formula(t *lexer.Token, c byte) *lang.Diagnostic {
	operand := t.Type == tokWord || t.Type == tokQuoted || c == ')'
	operator := c == '+' || c == '-' || c == '*' || c == '/' || c == ',' || c == '('
	switch {
	case operand && !w.prevOperand:
		if c != ')' {
			w.terms++
		}
	case operator && (w.prevOperand || c == '(' || c == '-'):
	case operand: // two operands in a row: a new statement starts
		w.terms = 1
	default:
		w.terms = 0
	}
	w.prevOperand = operand
	if max := w.lim.MaxFormulaTerms; w.terms > max {
		return limitDiag(tokenRange(*t), fmt.Sprintf("a formula of more than %d terms", max), max,
			"split the formula into derived drivers, or raise --max-formula-terms")
	}
	return nil
}
