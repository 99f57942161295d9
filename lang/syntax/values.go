package syntax

import (
	"github.com/alecthomas/participle/v2"
	"github.com/alecthomas/participle/v2/lexer"
	"github.com/piano-plan/piano/lang"
	"github.com/piano-plan/piano/lang/ast"
)

// The entries of baseline and target lines are read through participle's
// Parseable interface, straight into lang/ast: they are the most frequent
// productions of a plan (four or five per indicator), and reading them by
// hand costs a few comparisons where participle's alternatives and
// captures cost a reflective branch or a deferred field set each. It also
// lets a target without its comparison (target 2021: 900) get an error that
// says what is missing. A year, a number or a date that does not read is
// kept in the statement's problems, which the builder reports when it
// takes the statement.
//
//	baselines = YEAR ":" value { "," YEAR ":" value }
//	targets   = YEAR ":" target { "," YEAR ":" target }
//	value     = ( N/D | DATE | ["-"] NUMBER ) ["%"]
//	target    = N/D | "by" DATE | (">=" | "<=" | "=") value | value ".." value

// gBaselines is what follows "baseline".
type gBaselines struct {
	problems
	Entries []*ast.YearValue
}

// gTargets is what follows "target".
type gTargets struct {
	problems
	Entries []*ast.YearTarget
}

// entriesRoom is the room first made for the entries of a line: a plan's
// baselines and targets are most often of three years.
const entriesRoom = 3

const entryHint = "write each year's entry as YEAR: VALUE, separated by commas: 2018: 807, 2019: 941"

// Parse implements participle.Parseable.
func (g *gBaselines) Parse(lex *lexer.PeekingLexer) error {
	return entries(lex, func(year gWord) error {
		y := g.year(year)
		v, err := g.value(lex)
		if err != nil {
			return orExpected(err, lex, "a value", "a value is a number (1_200, 3.40, 18.30%), a date (2021-10-31) or N/D")
		}
		g.Entries = appendRoom(g.Entries, &ast.YearValue{Rng: y.Rng.To(v.Rng), Year: y, Value: v}, entriesRoom)
		return nil
	})
}

// Parse implements participle.Parseable.
func (g *gTargets) Parse(lex *lexer.PeekingLexer) error {
	return entries(lex, func(year gWord) error {
		y := g.year(year)
		t, err := g.target(lex)
		if err != nil {
			return orExpected(err, lex, "a target", targetHint)
		}
		g.Entries = appendRoom(g.Entries, &ast.YearTarget{Rng: y.Rng.To(t.Rng), Year: y, Target: t}, entriesRoom)
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

// value reads a value.
func (p *problems) value(lex *lexer.PeekingLexer) (ast.Value, error) {
	t := *lex.Peek()
	var v ast.Value
	switch {
	case t.Type == tokNA:
		lex.Next()
		v = ast.Value{Kind: ast.NotAvailable, Rng: rangeOf(t.Pos, t.Value)}
	case t.Type == tokDate:
		lex.Next()
		v = p.date(t.Pos, t.Value)
	default:
		var n gNumber
		if err := n.Parse(lex); err != nil {
			return v, err
		}
		num := p.number(n)
		v = ast.Value{Kind: ast.NumberValue, Rng: num.Rng, Number: num}
	}
	if pt := lex.Peek(); isPunct(pt, "%") {
		pr := rangeOf(pt.Pos, "%")
		lex.Next()
		if v.Kind != ast.NumberValue {
			p.errorf(pr, lang.EPercentSuffix, "only numbers take a % sign", "%% after %s",
				map[ast.ValueKind]string{ast.DateValue: "a date", ast.NotAvailable: "N/D"}[v.Kind])
		}
		v.Percent = true
		v.Rng = v.Rng.To(pr)
	}
	return v, nil
}

const targetHint = "a target is a comparison (>= 900, <= 3.40, = 100%), a range (10..20), a deadline (by 2021-10-31) or N/D"

// target reads a target.
func (p *problems) target(lex *lexer.PeekingLexer) (ast.Target, error) {
	t := *lex.Peek()
	start := rangeOf(t.Pos, "")
	var tg ast.Target
	switch {
	case t.Type == tokNA:
		lex.Next()
		tg = ast.Target{Op: ast.NoTarget, Value: ast.Value{Kind: ast.NotAvailable, Rng: rangeOf(t.Pos, t.Value)}}
	case isKeyword(&t, "by"):
		lex.Next()
		d := *lex.Peek()
		if d.Type != tokDate {
			return tg, &expectError{tok: d, expected: "a date (YYYY-MM-DD)", hint: targetHint}
		}
		lex.Next()
		tg = ast.Target{Op: ast.By, Value: p.date(d.Pos, d.Value)}
	case isPunct(&t, ">="), isPunct(&t, "<="), isPunct(&t, "="):
		lex.Next()
		op := map[string]ast.Op{">=": ast.AtLeast, "<=": ast.AtMost, "=": ast.Equal}[t.Value]
		if isKeyword(lex.Peek(), "baseline") {
			cp := lex.MakeCheckpoint()
			rel, err := p.relative(lex)
			if err != nil {
				return tg, err
			}
			if rel.Within {
				lex.LoadCheckpoint(cp)
				return tg, &expectError{tok: t, expected: "a target without a comparison (baseline YEAR within CHANGE is a range)",
					hint: "write target 2021: baseline 2020 within 2%"}
			}
			return ast.Target{Rng: start.To(rel.Rng), Op: op, Relative: rel, Value: ast.Value{Rng: rel.Rng}}, nil
		}
		v, err := p.value(lex)
		if err != nil {
			return tg, orExpected(err, lex, "a value", targetHint)
		}
		tg = ast.Target{Op: map[string]ast.Op{">=": ast.AtLeast, "<=": ast.AtMost, "=": ast.Equal}[t.Value], Value: v}
	case isKeyword(&t, "baseline"):
		cp := lex.MakeCheckpoint()
		rel, err := p.relative(lex)
		if err != nil {
			return tg, err
		}
		if !rel.Within {
			// Reported after the year: at "baseline", a statement keyword,
			// the loop would resume and read it as a baseline line.
			lex.LoadCheckpoint(cp)
			lex.Next()
			lex.Next()
			return tg, &expectError{tok: *lex.Peek(), expected: `"within" (baseline YEAR within CHANGE), or a comparison before "baseline"`,
				hint: "write >= baseline 2020 + 5%, or baseline 2020 within 2%"}
		}
		return ast.Target{Rng: start.To(rel.Rng), Op: ast.Between, Relative: rel, Value: ast.Value{Rng: rel.Rng}}, nil
	default:
		low, err := p.value(lex)
		if err != nil {
			return tg, err // NextMatch: not a target at all
		}
		if !isPunct(lex.Peek(), "..") {
			return tg, &expectError{tok: t, expected: "a comparison (>=, <= or =) before the value, or a range such as 10..20",
				hint: "write the comparison the target asks for: >= 900 (at least), <= 900 (at most), = 900 (exactly)"}
		}
		lex.Next()
		high, err := p.value(lex)
		if err != nil {
			return tg, orExpected(err, lex, "the top of the range", targetHint)
		}
		return ast.Target{Rng: low.Rng.To(high.Rng), Op: ast.Between, Value: low, High: &high}, nil
	}
	tg.Rng = start.To(tg.Value.Rng)
	return tg, nil
}

const relativeHint = "a relative target is >= baseline 2020 + 5% (a share of the baseline), >= baseline 2020 + 50 (in the unit), or baseline 2020 within 2%"

// relative reads "baseline YEAR [+|- CHANGE | within CHANGE]".
func (p *problems) relative(lex *lexer.PeekingLexer) (*ast.Relative, error) {
	kw := *lex.Next()
	var y gWord
	if err := y.Parse(lex); err != nil {
		return nil, orExpected(err, lex, "the baseline's year", relativeHint)
	}
	rel := &ast.Relative{Year: p.year(y)}
	rel.Rng = rangeOf(kw.Pos, kw.Value).To(rel.Year.Rng)
	t := *lex.Peek()
	switch {
	case isPunct(&t, "+"), isPunct(&t, "-"):
		lex.Next()
		rel.Sign = t.Value[0]
	case isKeyword(&t, "within"):
		lex.Next()
		rel.Within = true
	default:
		return rel, nil
	}
	v, err := p.value(lex)
	if err != nil {
		return nil, orExpected(err, lex, "the change, such as 5% or 50", relativeHint)
	}
	if v.Kind != ast.NumberValue {
		return nil, &expectError{tok: t, expected: "a number as the change", hint: relativeHint}
	}
	rel.Change = &v
	rel.Rng = rel.Rng.To(v.Rng)
	return rel, nil
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
