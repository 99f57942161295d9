package syntax

import (
	"github.com/alecthomas/participle/v2"
	"github.com/alecthomas/participle/v2/lexer"
	"github.com/piano-plan/piano/lang/ast"
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

func (g *gPercent) Parse(lex *lexer.PeekingLexer) error {
	return take(lex, &g.Pos, &g.Value, isPunct(lex.Peek(), "%"))
}

func (g *gRBrace) Parse(lex *lexer.PeekingLexer) error {
	return take(lex, &g.Pos, &g.Value, isPunct(lex.Peek(), "}"))
}

// unitName reports whether the next token is a unit's name; a statement
// keyword at the start of a line is the next statement, not a unit (see
// atStatementLine).
func unitName(lex *lexer.PeekingLexer) bool {
	t := lex.Peek()
	return t.Type == tokWord && !atStatementLine(lex) || isPunct(t, "%")
}

// Parse takes an optional minus and a word; a minus without a word after it
// is an error there. A statement keyword at the start of a line is the
// next statement, not a number (see atStatementLine).
func (g *gNumber) Parse(lex *lexer.PeekingLexer) error {
	t := lex.Peek()
	if !isPunct(t, "-") {
		return take(lex, &g.Pos, &g.Value, isWord(t) && !atStatementLine(lex))
	}
	minus := lex.Next()
	if next := lex.Peek(); !isWord(next) || atStatementLine(lex) {
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
	t := *lex.Peek()
	if t.Type != tokWord && t.Type != tokQuoted {
		return participle.NextMatch
	}
	lex.Next()
	d := &ast.Driver{Code: codeOf(t.Pos, t.Value)}
	if t = *lex.Peek(); t.Type != tokString {
		return &expectError{tok: t, expected: "the driver's description, as a string", hint: driverHint}
	}
	lex.Next()
	d.Name = g.str(t.Pos, t.Value)
	if !isKeyword(lex.Peek(), "unit") {
		return &expectError{tok: *lex.Peek(), expected: `"unit"`, hint: driverHint}
	}
	lex.Next()
	var u gUnit
	if err := u.Parse(lex); err != nil {
		return orExpected(err, lex, "a unit", unitHint)
	}
	d.Unit, d.Rng = u.U, d.Code.Rng.To(u.U.Rng)
	x, err := assignment(lex)
	if err != nil {
		return err
	}
	if x != nil {
		d.Formula, d.Rng = x, d.Rng.To(x.Span())
	}
	g.D = d
	return nil
}

// Parse reads NAME { OPTION } [= FORMULA]; "scoring" is read.
func (g *gPolicy) Parse(lex *lexer.PeekingLexer) error {
	t := *lex.Peek()
	if !isWord(&t) {
		return participle.NextMatch
	}
	lex.Next()
	pol := &ast.Policy{Name: ast.Word{Rng: rangeOf(t.Pos, t.Value), Value: t.Value}}
	pol.Rng = pol.Name.Rng
	if t.Value == "steps" {
		steps, err := g.steps(lex, false)
		if err != nil {
			return err
		}
		pol.Steps, pol.Rng = steps, pol.Rng.To(steps[len(steps)-1].Rng)
	}
	for isKeyword(lex.Peek(), "cap", "floor", "late") {
		if lateBands(lex) {
			lex.Next()
			steps, err := g.steps(lex, true)
			if err != nil {
				return err
			}
			pol.Late, pol.Rng = steps, pol.Rng.To(steps[len(steps)-1].Rng)
			continue
		}
		opt, err := g.option(lex)
		if err != nil {
			return err
		}
		pol.Options = append(pol.Options, opt)
		pol.Rng = pol.Rng.To(opt.Rng)
	}
	x, err := assignment(lex)
	if err != nil {
		return err
	}
	if x != nil {
		pol.Custom, pol.Rng = x, pol.Rng.To(x.Span())
	}
	g.P = pol
	return nil
}

// Parse reads CODE[: W%], ... weight W%.
func (g *gAssigned) Parse(lex *lexer.PeekingLexer) error {
	hint := "write assigned 301: 60%, 401: 40% weight 50%, or assigned 301, 401 weight 50% for the plan's weights"
	a := &ast.Assigned{}
	for {
		var c gCode
		if err := c.Parse(lex); err != nil || c.Value == "weight" {
			return &expectError{tok: *lex.Peek(), expected: "the code of a node of the plan", hint: hint}
		}
		n := &ast.AssignedNode{Code: codeOf(c.Pos, c.Value)}
		n.Rng = n.Code.Rng
		if isPunct(lex.Peek(), ":") {
			lex.Next()
			var w gNumber
			if err := w.Parse(lex); err != nil {
				return orExpected(err, lex, "the node's weight in the scheda", hint)
			}
			pt := *lex.Peek()
			if !isPunct(&pt, "%") {
				return &expectError{tok: pt, expected: `"%"`, hint: hint}
			}
			lex.Next()
			num := g.number(w)
			n.Weight, n.Rng = &num, n.Rng.To(rangeOf(pt.Pos, "%"))
		}
		a.Nodes = append(a.Nodes, n)
		if !isPunct(lex.Peek(), ",") {
			break
		}
		lex.Next()
	}
	var w gWeight
	if !isKeyword(lex.Peek(), "weight") {
		return &expectError{tok: *lex.Peek(), expected: `"weight W%", the results' weight in the scheda`, hint: hint}
	}
	if err := w.Parse(lex); err != nil {
		return orExpected(err, lex, `"weight W%"`, hint)
	}
	a.Weight = ast.Weight{Rng: rangeOf(w.Pos, "weight").To(rangeOf(w.Percent.Pos, "%")), Value: g.number(w.Number)}
	a.Rng = a.Nodes[0].Rng.To(a.Weight.Rng)
	g.A = a
	return nil
}

// Parse reads weight W% scale LOW..HIGH.
func (g *gBehaviours) Parse(lex *lexer.PeekingLexer) error {
	hint := "write behaviours weight 30% scale 1..5"
	var w gWeight
	if err := w.Parse(lex); err != nil {
		return orExpected(err, lex, `"weight W%"`, hint)
	}
	b := &ast.Behaviours{Weight: ast.Weight{Rng: rangeOf(w.Pos, "weight").To(rangeOf(w.Percent.Pos, "%")), Value: g.number(w.Number)}}
	if !isKeyword(lex.Peek(), "scale") {
		return &expectError{tok: *lex.Peek(), expected: `"scale LOW..HIGH", the SMVP's scale of behaviour scores`, hint: hint}
	}
	lex.Next()
	var lo, hi gNumber
	if err := lo.Parse(lex); err != nil {
		return orExpected(err, lex, "the scale's lowest score", hint)
	}
	if !isPunct(lex.Peek(), "..") {
		return &expectError{tok: *lex.Peek(), expected: `".."`, hint: hint}
	}
	lex.Next()
	if err := hi.Parse(lex); err != nil {
		return orExpected(err, lex, "the scale's highest score", hint)
	}
	b.Low, b.High = g.number(lo), g.number(hi)
	b.Rng = b.Weight.Rng.To(b.High.Rng)
	g.B = b
	return nil
}

// lateBands reports whether the next tokens are "late N days", late bands
// rather than late P%.
func lateBands(lex *lexer.PeekingLexer) bool {
	if !isKeyword(lex.Peek(), "late") {
		return false
	}
	cp := lex.MakeCheckpoint()
	defer lex.LoadCheckpoint(cp)
	lex.Next()
	if !isWord(lex.Peek()) {
		return false
	}
	lex.Next()
	return isKeyword(lex.Peek(), "days")
}

// steps reads the entries of a steps policy ("60%: 60%, 80%: 80%") or of
// late bands ("15 days: 80%, 30 days: 50%"), at least one.
func (p *problems) steps(lex *lexer.PeekingLexer, days bool) ([]*ast.Step, error) {
	hint, what := "write scoring steps 60%: 60%, 80%: 80%, 100%: 100% (from 60% of the target the score is 60%, ...)", "an achievement such as 60%"
	if days {
		hint, what = "write late 15 days: 80%, 30 days: 50% (up to 15 days late the score is 80%, ...)", "a number of days"
	}
	var out []*ast.Step
	for {
		var at gNumber
		if err := at.Parse(lex); err != nil {
			return nil, orExpected(err, lex, what, hint)
		}
		start := rangeOf(at.Pos, at.Value)
		t := *lex.Peek()
		switch {
		case days && isKeyword(&t, "days"):
			lex.Next()
		case !days && isPunct(&t, "%"):
			lex.Next()
		case days:
			return nil, &expectError{tok: t, expected: `"days"`, hint: hint}
		default:
			return nil, &expectError{tok: t, expected: `"%"`, hint: hint}
		}
		if t := *lex.Peek(); !isPunct(&t, ":") {
			return nil, &expectError{tok: t, expected: `":" and the score`, hint: hint}
		}
		lex.Next()
		var score gNumber
		if err := score.Parse(lex); err != nil {
			return nil, orExpected(err, lex, "a score such as 80%", hint)
		}
		pt := *lex.Peek()
		if !isPunct(&pt, "%") {
			return nil, &expectError{tok: pt, expected: `"%"`, hint: hint}
		}
		lex.Next()
		out = append(out, &ast.Step{Rng: start.To(rangeOf(pt.Pos, "%")), At: p.number(at), Score: p.number(score)})
		if !isPunct(lex.Peek(), ",") {
			return out, nil
		}
		lex.Next()
	}
}

// Parse reads the options of a score line: cap P%, floor P%, at least one.
func (g *gLimits) Parse(lex *lexer.PeekingLexer) error {
	if !isKeyword(lex.Peek(), "cap", "floor") {
		return &expectError{tok: *lex.Peek(), expected: "cap P% or floor P%", hint: "write score cap 100% floor 60%"}
	}
	l := &ast.Limits{}
	for isKeyword(lex.Peek(), "cap", "floor") {
		opt, err := g.option(lex)
		if err != nil {
			return err
		}
		if len(l.Options) == 0 {
			l.Rng = opt.Rng
		}
		l.Options = append(l.Options, opt)
		l.Rng = l.Rng.To(opt.Rng)
	}
	g.L = l
	return nil
}

// Parse reads a band: CODE LOW%..HIGH% ["LABEL"] [payout P%] [colour NAME].
func (g *gBand) Parse(lex *lexer.PeekingLexer) error {
	hint := `write band A 95%..100% "Eccellente" payout 100%`
	var c gCode
	if err := c.Parse(lex); err != nil {
		return &expectError{tok: *lex.Peek(), expected: "the band's code", hint: hint}
	}
	b := &ast.Band{Code: codeOf(c.Pos, c.Value)}
	b.Rng = b.Code.Rng
	bound := func(what string) (ast.Number, error) {
		var n gNumber
		if err := n.Parse(lex); err != nil {
			return ast.Number{}, orExpected(err, lex, what, hint)
		}
		pt := *lex.Peek()
		if !isPunct(&pt, "%") {
			return ast.Number{}, &expectError{tok: pt, expected: `"%" after the band's bound`, hint: hint}
		}
		lex.Next()
		num := g.number(n)
		b.Rng = b.Rng.To(rangeOf(pt.Pos, "%"))
		return num, nil
	}
	var err error
	if b.Low, err = bound("the band's low bound, a percentage"); err != nil {
		return err
	}
	if t := lex.Peek(); !isPunct(t, "..") {
		return &expectError{tok: *t, expected: `".." between the band's bounds`, hint: hint}
	}
	lex.Next()
	if b.High, err = bound("the band's high bound, a percentage"); err != nil {
		return err
	}
	if t := *lex.Peek(); t.Type == tokString {
		lex.Next()
		s := g.str(t.Pos, t.Value)
		b.Label = &s
		b.Rng = b.Rng.To(s.Rng)
	}
	for isKeyword(lex.Peek(), "payout", "colour") {
		if lex.Peek().Value == "payout" {
			opt, err := g.option(lex)
			if err != nil {
				return err
			}
			b.Payout, b.Rng = opt, b.Rng.To(opt.Rng)
			continue
		}
		lex.Next()
		t := *lex.Peek()
		if !isWord(&t) || atStatementLine(lex) {
			return &expectError{tok: t, expected: "a colour's name after colour", hint: "write colour green"}
		}
		lex.Next()
		b.Colour = &ast.Word{Rng: rangeOf(t.Pos, t.Value), Value: t.Value}
		b.Rng = b.Rng.To(b.Colour.Rng)
	}
	g.B = b
	return nil
}

// assignment reads "=" and a formula when "=" comes next, and returns nil
// when it does not.
func assignment(lex *lexer.PeekingLexer) (ast.Expr, error) {
	if !isPunct(lex.Peek(), "=") {
		return nil, nil
	}
	var f gAssign
	err := f.Parse(lex)
	return f.X, err
}

// option reads cap, floor or late and its percentage.
func (p *problems) option(lex *lexer.PeekingLexer) (*ast.PolicyOption, error) {
	k := *lex.Next()
	hint := "a policy option is a percentage: cap 120%, floor 50%, late 2%"
	if t := lex.Peek(); isWord(t) && !isDigit(t.Value[0]) {
		// a name, not a number: the percentage is missing
		return nil, &expectError{tok: *t, expected: "a percentage after " + k.Value, hint: hint}
	}
	var n gNumber
	if err := n.Parse(lex); err != nil {
		return nil, orExpected(err, lex, "a percentage after "+k.Value, hint)
	}
	pt := *lex.Peek()
	if !isPunct(&pt, "%") {
		return nil, &expectError{tok: pt, expected: `"%"`, hint: hint}
	}
	lex.Next()
	key := ast.Word{Rng: rangeOf(k.Pos, k.Value), Value: k.Value}
	return &ast.PolicyOption{Rng: key.Rng.To(rangeOf(pt.Pos, "%")), Key: key, Value: p.number(n)}, nil
}

// Parse reads a unit: names (or %) joined by * and /.
func (g *gUnit) Parse(lex *lexer.PeekingLexer) error {
	if !unitName(lex) {
		return participle.NextMatch
	}
	t := *lex.Next()
	// Most units have one factor: the unit and its factor are made in one.
	w := new(struct {
		u ast.UnitExpr
		f [1]ast.UnitFactor
	})
	w.f[0] = ast.UnitFactor{Rng: rangeOf(t.Pos, t.Value), Op: '*', Name: t.Value}
	u := &w.u
	u.Factors = w.f[:]
	for op := *lex.Peek(); isPunct(&op, "*") || isPunct(&op, "/"); op = *lex.Peek() {
		lex.Next()
		if !unitName(lex) {
			return &expectError{tok: *lex.Peek(), expected: "a unit", hint: unitHint}
		}
		t := *lex.Next()
		u.Factors = append(u.Factors, ast.UnitFactor{Rng: rangeOf(t.Pos, t.Value), Op: op.Value[0], Name: t.Value})
	}
	u.Rng = u.Factors[0].Rng.To(u.Factors[len(u.Factors)-1].Rng)
	g.U = u
	return nil
}
