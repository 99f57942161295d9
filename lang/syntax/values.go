package syntax

import (
	"github.com/alecthomas/participle/v2"
	"github.com/alecthomas/participle/v2/lexer"
)

// The entries of baseline and target lines are read through participle's
// Parseable interface: they are the most frequent productions of a plan
// (four or five per indicator), and reading them by hand costs a few
// comparisons where participle's alternatives and captures cost a
// reflective branch or a deferred field set each. It also lets a target
// without its comparison (target 2021: 900) get an error that says what is
// missing.
//
//	baselines = YEAR ":" value { "," YEAR ":" value }
//	targets   = YEAR ":" target { "," YEAR ":" target }
//	value     = ( N/D | DATE | ["-"] NUMBER ) ["%"]
//	target    = N/D | "by" DATE | (">=" | "<=" | "=") value | value ".." value

const entryHint = "write each year's entry as YEAR: VALUE, separated by commas: 2018: 807, 2019: 941"

// Parse implements participle.Parseable.
func (g *gBaselines) Parse(lex *lexer.PeekingLexer) error {
	return entries(lex, func(year gWord) error {
		e := &gYearValue{Year: year}
		if err := e.Value.Parse(lex); err != nil {
			return orExpected(err, lex, "a value", "a value is a number (1_200, 3.40, 18.30%), a date (2021-10-31) or N/D")
		}
		g.Entries = append(g.Entries, e)
		return nil
	})
}

// Parse implements participle.Parseable.
func (g *gTargets) Parse(lex *lexer.PeekingLexer) error {
	return entries(lex, func(year gWord) error {
		e := &gYearTarget{Year: year}
		if err := e.Target.Parse(lex); err != nil {
			return orExpected(err, lex, "a target", targetHint)
		}
		g.Entries = append(g.Entries, e)
		return nil
	})
}

// entries reads YEAR ":" and calls entry for what follows, for each
// comma-separated entry. No year at the start is no match.
func entries(lex *lexer.PeekingLexer, entry func(year gWord) error) error {
	if !isWord(lex.Peek()) {
		return participle.NextMatch
	}
	for {
		var year gWord
		if err := year.Parse(lex); err != nil {
			return orExpected(err, lex, "a year", entryHint)
		}
		if !isPunct(lex.Peek(), ":") {
			return &expectError{tok: *lex.Peek(), expected: `":" after the year`, hint: entryHint}
		}
		lex.Next()
		if err := entry(year); err != nil {
			return err
		}
		if !isPunct(lex.Peek(), ",") {
			return nil
		}
		lex.Next()
	}
}

// Parse implements participle.Parseable.
func (g *gValue) Parse(lex *lexer.PeekingLexer) error {
	t := lex.Peek()
	g.Pos = t.Pos
	switch {
	case t.Type == tokNA:
		g.NA = &lex.Next().Value // into participle's token buffer; build copies it
	case t.Type == tokDate:
		g.Date = &lex.Next().Value
	default:
		n := &gNumber{}
		if err := n.Parse(lex); err != nil {
			return err
		}
		g.Number = n
	}
	if isPunct(lex.Peek(), "%") {
		t := lex.Next()
		g.Percent = &gPercent{Pos: t.Pos, Value: t.Value}
	}
	return nil
}

const targetHint = "a target is a comparison (>= 900, <= 3.40, = 100%), a range (10..20), a deadline (by 2021-10-31) or N/D"

// Parse implements participle.Parseable.
func (g *gTarget) Parse(lex *lexer.PeekingLexer) error {
	t := lex.Peek()
	g.Pos = t.Pos
	switch {
	case t.Type == tokNA:
		g.NA = &lex.Next().Value // into participle's token buffer; build copies it
		return nil
	case isKeyword(t, "by"):
		lex.Next()
		d := &gDate{}
		if err := d.Parse(lex); err != nil {
			return &expectError{tok: *lex.Peek(), expected: "a date (YYYY-MM-DD)", hint: targetHint}
		}
		g.By = d
		return nil
	case isPunct(t, ">="), isPunct(t, "<="), isPunct(t, "="):
		lex.Next()
		op := &gOp2{Op: t.Value}
		if err := op.Value.Parse(lex); err != nil {
			return orExpected(err, lex, "a value", targetHint)
		}
		g.Op = op
		return nil
	}
	low := &gValue{}
	if err := low.Parse(lex); err != nil {
		return err // NextMatch: not a target at all
	}
	if !isPunct(lex.Peek(), "..") {
		return &expectError{tok: *t, expected: "a comparison (>=, <= or =) before the value, or a range such as 10..20",
			hint: "write the comparison the target asks for: >= 900 (at least), <= 900 (at most), = 900 (exactly)"}
	}
	lex.Next()
	high := &gValue{}
	if err := high.Parse(lex); err != nil {
		return orExpected(err, lex, "the top of the range", targetHint)
	}
	g.Low, g.High = low, high
	return nil
}

// expectError is a statement broken off at tok, where what expected names
// should have been.
type expectError struct {
	tok            lexer.Token
	expected, hint string
}

func (e *expectError) Error() string {
	return e.tok.Pos.String() + ": unexpected " + describe(e.tok) + " (expected " + e.expected + ")"
}

// orExpected turns "no match" where something must stand into an error
// saying what.
func orExpected(err error, lex *lexer.PeekingLexer, expected, hint string) error {
	if err == participle.NextMatch {
		return &expectError{tok: *lex.Peek(), expected: expected, hint: hint}
	}
	return err
}
