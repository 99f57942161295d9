package eval

import (
	"fmt"
	"strings"

	"github.com/piano-plan/piano/data"
	"github.com/piano-plan/piano/lang"
	"github.com/piano-plan/piano/lang/ast"
	"github.com/piano-plan/piano/lang/check"
	"github.com/piano-plan/piano/lang/format"
)

// Explanation is how one node's score came about, in steps a controller can
// follow: piano explain. Its sentences are built here; package render
// prints it.
//
// The same steps are there as data: Indicator for an indicator (its
// formula, each driver's value and where it was read, the target and the
// policy's arithmetic), Children for a node scored as a weighted mean, and
// Shares for the way up to the plan.
type Explanation struct {
	Code      string
	Kind      string
	Name      string
	Year      int
	Score     *float64
	Lines     []string    // how the score came about
	Path      []string    // the weighted shares up to the plan
	Overall   *float64    // the plan's score
	Band      *check.Band // the band that holds the score, when the node's level has a table
	BandTable string      // the name of that table
	File      string      // the file that defines the node
	At        lang.Range  // where, in File

	Indicator    *IndicatorValue // an indicator's value, inputs, target and scoring; nil for a mean
	Status       Status          // an indicator's status
	Policy       check.Policy    // an indicator's scoring policy
	Children     []*NodeResult   // a mean's children, each with its weight, score and share
	Shares       []Share         // the way up, from the node to the plan
	Contribution *float64        // the points the node adds to the plan's score; nil when none
}

// Share is one step of the way up: the node's weight in its parent and its
// effective share once nodes left out are renormalised away (0 when it is
// itself left out or monitored only).
type Share struct {
	Code, Parent string   // Parent is "PLAN" for the plan
	Weight       float64  // percent, as the plan states it
	Share        float64  // percent, effective
	Monitored    bool     // weight 0%: monitored only
	LeftOut      bool     // no score: left out of the parent's mean
	Renormalised []string // the parent's children left out, when any
}

// Explain explains the node with the given code (PLAN: the plan), or
// returns nil.
func (r *Result) Explain(code string) *Explanation {
	n := r.Find(code)
	if n == nil && code == "PLAN" {
		n = r.Root // the plan, as the outputs name it, when no node has that code
	}
	if n == nil {
		return nil
	}
	x := &Explanation{Code: n.Node.Code, Kind: string(n.Node.Kind), Name: n.Node.Name, Year: r.Year, Score: n.Score, Overall: r.Root.Score}
	say := func(format string, args ...any) { x.Lines = append(x.Lines, fmt.Sprintf(format, args...)) }
	if n.Node.Src != nil {
		x.File, x.At = r.Plan.Locate(n.Node.Src.Span())
		say("defined at %s", lang.Where(x.File, x.At))
	}
	if iv := n.Indicator; iv != nil {
		x.Indicator, x.Status, x.Policy = iv, n.Status, n.Node.Policy
		explainIndicator(n, iv, say)
	} else {
		x.Children = n.Children
		explainMean(n, say)
		if n.Limited != "" {
			say("%s", n.LimitText(r.Plan))
		}
	}
	if b := n.Band; b != nil {
		t := r.Plan.BandsFor[check.Level(n.Node.Kind)]
		x.Band, x.BandTable = b, t.Name
		say("%s", BandText(t, b, n.Score))
	}
	// The way up: each step's share of its parent.
	contribution := 1.0
	for c := n; c.Parent != nil; c = c.Parent {
		p := c.Parent
		pname := p.Node.Code
		if p.Node.Kind == check.KindPlan {
			pname = "the plan"
		}
		sh := Share{Code: c.Node.Code, Parent: p.Node.Code, Weight: c.Node.Weight, Share: c.Share,
			Monitored: c.Node.Weight == 0, LeftOut: c.Node.Weight != 0 && c.Share == 0, Renormalised: p.LeftOut}
		if p.Node.Kind == check.KindPlan {
			sh.Parent = "PLAN"
		}
		x.Shares = append(x.Shares, sh)
		switch {
		case c.Node.Weight == 0:
			x.Path = append(x.Path, fmt.Sprintf("%s has weight 0%% in %s: monitored only, it adds nothing", c.Node.Code, pname))
			contribution = 0
		case c.Share == 0:
			x.Path = append(x.Path, fmt.Sprintf("%s is N/D and left out of %s; the other weights are renormalised", c.Node.Code, pname))
			contribution = 0
		default:
			renorm := ""
			if len(p.LeftOut) > 0 {
				renorm = " (renormalised: " + strings.Join(p.LeftOut, ", ") + " left out)"
			}
			x.Path = append(x.Path, fmt.Sprintf("%s weighs %s%% in %s, an effective share of %s%%%s", c.Node.Code, num(c.Node.Weight), pname, num(c.Share), renorm))
			contribution *= c.Share / 100
		}
	}
	if n.Score != nil && r.Root.Score != nil && n.Parent != nil {
		points := *n.Score * contribution
		x.Contribution = &points
		of := "score of " + lang.Percent(r.Root.Score)
		if r.Root.Limited != "" {
			of = "mean of " + lang.Percent(r.Root.Mean) + ", which the plan's score line makes " + lang.Percent(r.Root.Score)
		}
		x.Path = append(x.Path, fmt.Sprintf("so %s contributes %s%% x %s%% = %s points to the plan's %s",
			n.Node.Code, num(*n.Score), num(contribution*100), num(*n.Score*contribution), of))
	}
	return x
}

func explainIndicator(n *NodeResult, iv *IndicatorValue, say func(string, ...any)) {
	ind := iv.Indicator
	if n.Node.Use != nil {
		say("%s shows indicator %s, defined elsewhere in the plan (use %s as %s)", n.Node.Code, ind.Code, ind.Code, n.Node.Code)
	}
	if len(ind.Nodes) > 1 {
		var places []string
		for _, p := range ind.Nodes {
			if p != n.Node {
				places = append(places, p.Code)
			}
		}
		say("the same indicator is also shown as %s; each place counts with its own weight", strings.Join(places, ", "))
	}
	switch {
	case iv.From == "data" && ind.Def.Formula != nil:
		say("value: %v %s, given directly for the indicator at %s (it wins over the formula %s)", datumText(iv.Value), ind.Unit, iv.Value.Where(), ast.FormatExpr(ind.Def.Formula.Expr))
	case iv.From == "data":
		say("value: %v %s, given directly for the indicator at %s (it has no formula)", datumText(iv.Value), ind.Unit, iv.Value.Where())
	case ind.Def.Formula != nil:
		say("formula: %s", ast.FormatExpr(ind.Def.Formula.Expr))
		for _, d := range iv.Inputs {
			switch {
			case d.From == "data":
				say("  %s = %v (from %s)", d.Code, datumText(d.Value), d.Value.Where())
			case d.Value.Kind != data.NotAvailableDatum:
				say("  %s = %v (derived: %s)", d.Code, datumText(d.Value), d.From)
			default:
				say("  %s = N/D (%s)", d.Code, d.Missing)
			}
		}
		if iv.Value.Kind != data.NotAvailableDatum {
			scale := ""
			if ind.Scale != 1 {
				scale = fmt.Sprintf(", a ratio of like units times %s to make a percentage", num(ind.Scale))
			}
			switch iv.Value.Kind {
			case data.DateDatum:
				say("value: done on %v", datumText(iv.Value))
			case data.NotDoneDatum:
				say("value: not done")
			default:
				say("value: %v %s%s", datumText(iv.Value), ind.Unit, scale)
			}
		}
	}
	if iv.Target != nil {
		say("target %d: %s", n.resultYear(), format.Target(*iv.Target))
		if r := iv.Target.Relative; r != nil {
			written := *iv.Target
			written.Resolved = false
			say("  written %s: the %d baseline is %s", format.Target(written), r.Year.Value, format.Value(*ind.Baselines[r.Year.Value]))
		}
	}
	if d := iv.Deviation; d != nil {
		say("%s", deviationWords(iv, *d))
	}
	if iv.Neutralised != nil {
		say("not scored: %s; left out of its parent's mean, whose other weights are renormalised (missing zero does not count it)", iv.Missing)
		return
	}
	if iv.Achievement == nil {
		say("not scored: %s; the node is left out of its parent's mean", iv.Missing)
		return
	}
	for _, s := range iv.Scoring.Steps {
		say("%s", s)
	}
	say("achievement: %s, status: %s", lang.Percent(iv.Achievement), n.Status)
}

// resultYear finds the year from the target's position in the indicator.
func (n *NodeResult) resultYear() int {
	iv := n.Indicator
	for y, t := range iv.Indicator.Targets {
		if iv.Target != nil && t.Rng == iv.Target.Rng {
			return y
		}
	}
	return 0
}

func explainMean(n *NodeResult, say func(string, ...any)) {
	var terms, weights []string
	for _, c := range n.Children {
		switch {
		case c.Node.Weight == 0:
			say("  %s: weight 0%%, monitored only (score %s)", c.Node.Code, lang.Percent(c.Score))
		case c.Score == nil && c.Share > 0:
			say("  %s: weight %s%%, N/D counted as 0%%", c.Node.Code, num(c.Node.Weight))
			terms = append(terms, fmt.Sprintf("%s x 0", num(c.Node.Weight)))
			weights = append(weights, num(c.Node.Weight))
		case c.Score == nil:
			say("  %s: weight %s%%, %s: left out", c.Node.Code, num(c.Node.Weight), c.LeftOutAs())
		case c.Limited != "":
			say("  %s: weight %s%%, score %s (its mean %s, %s)", c.Node.Code, num(c.Node.Weight), lang.Percent(c.Score), lang.Percent(c.Mean), c.limitWord())
			terms = append(terms, fmt.Sprintf("%s x %s", num(c.Node.Weight), num(*c.Score)))
			weights = append(weights, num(c.Node.Weight))
		default:
			say("  %s: weight %s%%, score %s", c.Node.Code, num(c.Node.Weight), lang.Percent(c.Score))
			terms = append(terms, fmt.Sprintf("%s x %s", num(c.Node.Weight), num(*c.Score)))
			weights = append(weights, num(c.Node.Weight))
		}
	}
	if n.Score == nil {
		say("no child has a score, so %s is N/D", n.Node.Code)
		return
	}
	score := n.Score
	if n.Limited != "" {
		score = n.Mean
	}
	say("weighted mean: (%s) / (%s) = %s", strings.Join(terms, " + "), strings.Join(weights, " + "), lang.Percent(score))
}

// limitWord says how the node's score line acted: "capped at 100%",
// "under the floor of 60%, so 0%".
func (n *NodeResult) limitWord() string {
	l := n.Node.Limits
	if n.Limited == "cap" {
		return "capped at " + num(l.Cap) + "%"
	}
	return "under the floor of " + num(l.Floor) + "%, so 0%"
}

// LimitText says, for a node whose score line acted, where the line is
// and what it did: "score cap 100% (at p.plan:7:5): the mean 130% is capped
// at 100%".
func (n *NodeResult) LimitText(p *check.Plan) string {
	src := n.Node.Limits.Src
	file, at := p.Locate(src.Rng)
	what := format.Limits(src)
	if n.Limited == "cap" {
		return fmt.Sprintf("%s (at %s): the mean %s is capped at %s%%, so over-achievement does not compensate", what, lang.Where(file, at), lang.Percent(n.Mean), num(n.Node.Limits.Cap))
	}
	who := n.Node.Code
	if n.Node.Kind == check.KindPlan {
		who = "the plan"
	}
	return fmt.Sprintf("%s (at %s): the mean %s is under the floor of %s%%, so %s counts 0%%", what, lang.Where(file, at), lang.Percent(n.Mean), num(n.Node.Limits.Floor), who)
}

// datumText prints d in an explanation: a number with at most six
// decimals, else as a data file writes it.
func datumText(d data.Datum) string {
	if d.Kind == data.NumberDatum {
		return lang.Number(d.Number, lang.ValueDecimals)
	}
	return d.String()
}

// LeftOutAs names the state that leaves n out of its parent's mean: N/D,
// not assessed or missing for an indicator; for any other node, the states
// of its children, or "no score" when they differ.
func (n *NodeResult) LeftOutAs() string {
	if n.Indicator != nil {
		switch n.Status {
		case NotAssessed, MissingData, Neutralised:
			return string(n.Status)
		}
		return "N/D"
	}
	as := ""
	for _, c := range n.Children {
		if c.Node.Weight == 0 {
			continue
		}
		switch s := c.LeftOutAs(); {
		case as == "":
			as = s
		case as != s:
			return "no score"
		}
	}
	if as == "" {
		return "no score"
	}
	return as
}

// BandText says which band holds a score and why: "band A "Eccellente" of
// bands fasce: 96.00% is within 95%..100%, payout 100%".
func BandText(t *check.BandTable, b *check.Band, score *float64) string {
	s := "band " + b.Code
	if b.Label != "" {
		s += " " + fmt.Sprintf("%q", b.Label)
	}
	s += fmt.Sprintf(" of bands %s: %s is within %s%%..%s%%", t.Name, lang.Percent(score), num(b.Low), num(b.High))
	if b == t.Bands[len(t.Bands)-1] {
		s += " (the top band holds its high bound)"
	}
	if b.Payout != nil {
		s += ", payout " + num(*b.Payout) + "%"
	}
	return s
}

// deviationWords explains the scostamento: "deviation (scostamento): 800 -
// 900 = -100 N", "done 5 days after the deadline".
func deviationWords(iv *IndicatorValue, d float64) string {
	t := iv.Target
	switch {
	case t.Op == ast.By && d > 0:
		return fmt.Sprintf("deviation (scostamento): done %s days after the deadline", num(d))
	case t.Op == ast.By && d < 0:
		return fmt.Sprintf("deviation (scostamento): done %s days before the deadline", num(-d))
	case t.Op == ast.By:
		return "deviation (scostamento): done on the deadline, 0 days"
	case t.Op == ast.Between && d == 0:
		return "deviation (scostamento): 0, within the range"
	}
	bound := t.Value.Number.Value
	if t.Op == ast.Between && d > 0 {
		bound = t.High.Number.Value
	}
	b := num(bound)
	if bound < 0 {
		b = "(" + b + ")"
	}
	return fmt.Sprintf("deviation (scostamento): %s - %s = %s %s", num(iv.Value.Number), b, num(d), iv.Indicator.Unit)
}
