package eval

import (
	"fmt"
	"math"
	"strconv"
	"time"

	"github.com/piano-plan/piano/lang"
	"github.com/piano-plan/piano/lang/ast"
	"github.com/piano-plan/piano/lang/check"
)

// Status is the outcome of one indicator in one year.
type Status string

const (
	Achieved     Status = "achieved"       // achievement 100% or more
	Partial      Status = "partial"        // between 0% and 100%
	Missed       Status = "missed"         // 0%
	NotAvailable Status = "not available"  // no value: left out of the roll-up, or 0% under missing zero
	NotAssessed  Status = "not assessed"   // no target for the year: left out of every roll-up, missing zero too
	MissingData  Status = "missing"        // no data file gives a value: an error, or left out under --allow-missing
	Monitored    Status = "monitored only" // weight 0%: computed, counts for nothing
	Neutralised  Status = "neutralised"    // left out by a decision in a data file (sterilizzazione): every roll-up, missing zero too
)

// Scoring is how one achievement came about, for explain.
type Scoring struct {
	Achievement float64 // percent
	Met         bool
	LateDays    int      // a deadline done after its date: how many days late
	Steps       []string // the arithmetic, in words
}

// score computes the achievement of value against target under policy.
// baseline is the last numeric baseline (NaN when there is none); done is
// the completion date of a deadline indicator.
//
// The steps in words are written only when explain is true: formatting them
// is a third of the cost of evaluating a plan that nobody asked to explain.
func score(p check.Policy, t ast.Target, value float64, done time.Time, baseline float64, custom func(v, t, b float64) (float64, error), explain bool) (Scoring, error) {
	var s Scoring
	var x *steps
	if explain {
		x = &steps{}
	}
	T := t.Value.Number.Value

	// Met or not met, for every comparator.
	// Both sides are rounded by compare first, so 57 of 100 in % meets
	// >= 57% and 0.1 + 0.2 meets <= 0.3.
	switch t.Op {
	case ast.AtLeast:
		s.Met = compare(value, T) >= 0
	case ast.AtMost:
		s.Met = compare(value, T) <= 0
	case ast.Equal:
		s.Met = compare(value, T) == 0
	case ast.Between:
		s.Met = compare(value, T) >= 0 && compare(value, t.High.Number.Value) <= 0
	case ast.By:
		s.Met = !done.After(t.Value.Date)
	}

	switch {
	case p.Kind == check.Custom:
		a, err := custom(value, T, baseline)
		if err != nil {
			return s, err
		}
		s.Achievement = a
		if x != nil {
			x.say("custom policy %s = %s%%", ast.FormatExpr(p.Custom), num(a))
		}
	case t.Op == ast.By:
		s.Achievement = deadline(p, t, done, s.Met, x)
		if !s.Met {
			s.LateDays = int(done.Sub(t.Value.Date).Hours() / 24)
		}
	case p.Kind == check.Steps && t.Op != ast.Equal && t.Op != ast.Between:
		a := ratio(t.Op, value, T, s.Met, x)
		if compare(a, 100) == 0 {
			a = 100
		}
		s.Achievement = 0
		step := -1
		for i, st := range p.Steps {
			if compare(a, st.At) >= 0 {
				step = i
			}
		}
		if step < 0 {
			if x != nil {
				x.say("steps policy: %s%% is under the lowest step, %s%%, so 0%%", num(a), num(p.Steps[0].At))
			}
		} else {
			s.Achievement = p.Steps[step].Score
			if x != nil {
				x.say("steps policy: %s%% reaches the step from %s%%, which scores %s%%", num(a), num(p.Steps[step].At), num(s.Achievement))
			}
		}
	case p.Kind == check.Threshold || t.Op == ast.Equal || t.Op == ast.Between:
		s.Achievement = allOrNothing(s.Met)
		if x != nil {
			x.say("%s: the target is %s, so %s%%", thresholdWhy(p, t), metWord(s.Met), num(s.Achievement))
		}
	case p.Kind == check.Linear && !math.IsNaN(baseline) && compare(baseline, T) != 0 && !meets(t.Op, baseline, T):
		a := (value - baseline) / (T - baseline) * 100
		if x != nil {
			x.say("linear from the last baseline %s to the target %s: (%s - %s) / (%s - %s) = %s%%",
				num(baseline), num(T), num(value), num(baseline), num(T), num(baseline), num(a))
		}
		s.Achievement = math.Max(0, a)
	default:
		switch {
		case p.Kind == check.Linear && !math.IsNaN(baseline) && compare(baseline, T) != 0:
			if x != nil {
				x.say("linear policy on a lowered target: the last baseline %s already meets the target %s, so there is no way to go and it is scored as a ratio", num(baseline), num(T))
			}
		case p.Kind == check.Linear:
			if x != nil {
				x.say("linear policy needs a baseline different from the target; none, so scored as a ratio")
			}
		}
		s.Achievement = ratio(t.Op, value, T, s.Met, x)
	}
	if compare(s.Achievement, 100) == 0 {
		s.Achievement = 100 // a ratio landing on its target, past float noise
	}
	if compare(s.Achievement, p.Cap) > 0 {
		if x != nil {
			x.say("capped at %s%%", num(p.Cap))
		}
		s.Achievement = p.Cap
	}
	if s.Achievement < 0 {
		s.Achievement = 0
	}
	if p.Floor > 0 && compare(s.Achievement, p.Floor) < 0 {
		if x != nil {
			x.say("below the floor of %s%%, so 0%%", num(p.Floor))
		}
		s.Achievement = 0
	}
	if x != nil {
		s.Steps = x.lines
	}
	return s, nil
}

// Digits is how many significant digits every comparison keeps: values,
// targets, baselines and achievements are rounded to it before they are
// compared, so float noise (57 * 100 / 100 = 56.99999999999999) never
// decides a boundary.
const Digits = 10

// Round rounds x to Digits significant digits. Infinities and NaN are
// returned as they are.
func Round(x float64) float64 {
	if x == 0 || math.IsNaN(x) || math.IsInf(x, 0) {
		return x
	}
	if x == math.Trunc(x) && math.Abs(x) < 1e10 {
		return x // an integer of at most Digits digits is its own rounding
	}
	var buf [32]byte
	r, err := strconv.ParseFloat(string(strconv.AppendFloat(buf[:0], x, 'g', Digits, 64)), 64)
	if err != nil {
		return x
	}
	return r
}

// compare is the one comparison of scoring: -1, 0 or +1 as a is below,
// equal to or above b, both rounded to Digits significant digits first.
func compare(a, b float64) int {
	// Rounding to Digits moves a number by at most half a unit of its
	// tenth digit, under 5e-10 of its size: two numbers further apart than
	// 1e-9 of the larger keep their order, and need no rounding (the
	// rounding is most of the cost of scoring).
	if d, m := math.Abs(a-b), math.Max(math.Abs(a), math.Abs(b)); d > 1e-9*m && !math.IsInf(m, 0) && !math.IsNaN(d) {
		if a < b {
			return -1
		}
		return 1
	}
	a, b = Round(a), Round(b)
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}

// meets tells whether x meets a one-sided target T (at least, at most).
func meets(op ast.Op, x, T float64) bool {
	switch op {
	case ast.AtLeast:
		return compare(x, T) >= 0
	case ast.AtMost:
		return compare(x, T) <= 0
	}
	return false
}

// Fully tells whether an achievement percentage counts as 100%.
func Fully(achievement float64) bool { return compare(achievement, 100) >= 0 }

func ratio(op ast.Op, value, T float64, met bool, x *steps) float64 {
	if compare(T, 0) <= 0 || compare(value, 0) <= 0 {
		a := allOrNothing(met)
		if x != nil {
			x.say("a ratio is meaningless with a target or value at or below zero; scored met / not met: %s, %s%%", metWord(met), num(a))
		}
		return a
	}
	if op == ast.AtLeast {
		a := value / T * 100
		if x != nil {
			x.say("at least: value / target = %s / %s = %s%%", num(value), num(T), num(a))
		}
		return a
	}
	a := T / value * 100
	if x != nil {
		x.say("at most: target / value = %s / %s = %s%%", num(T), num(value), num(a))
	}
	return a
}

func deadline(p check.Policy, t ast.Target, done time.Time, met bool, x *steps) float64 {
	var when, by string
	if x != nil {
		when, by = done.Format(time.DateOnly), t.Value.Date.Format(time.DateOnly)
	}
	if met {
		if x != nil {
			x.say("done on %s, on or before the deadline %s: 100%%", when, by)
		}
		return 100
	}
	days := int(done.Sub(t.Value.Date).Hours() / 24)
	if len(p.LateSteps) > 0 && p.Kind != check.Threshold {
		for _, st := range p.LateSteps {
			if float64(days) <= st.At {
				if x != nil {
					x.say("done on %s, %d days after the deadline %s: up to %s days late scores %s%%", when, days, by, num(st.At), num(st.Score))
				}
				return st.Score
			}
		}
		last := p.LateSteps[len(p.LateSteps)-1]
		if x != nil {
			x.say("done on %s, %d days after the deadline %s: more than %s days late, so 0%%", when, days, by, num(last.At))
		}
		return 0
	}
	if p.Late > 0 && p.Kind != check.Threshold {
		a := math.Max(0, 100-p.Late*float64(days))
		if x != nil {
			x.say("done on %s, %d days after the deadline %s: 100%% - %s%% x %d = %s%%", when, days, by, num(p.Late), days, num(a))
		}
		return a
	}
	if x != nil {
		x.say("done on %s, %d days after the deadline %s: 0%%", when, days, by)
	}
	return 0
}

// steps records the arithmetic of a score in words. A nil *steps records
// nothing, and its callers test for nil before they format a figure:
// formatting the words is most of the cost of scoring when nobody asked
// for them.
type steps struct{ lines []string }

func (x *steps) say(format string, args ...any) {
	x.lines = append(x.lines, fmt.Sprintf(format, args...))
}

func allOrNothing(met bool) float64 {
	if met {
		return 100
	}
	return 0
}

func thresholdWhy(p check.Policy, t ast.Target) string {
	switch {
	case t.Op == ast.Equal:
		return "an exact target"
	case t.Op == ast.Between:
		return "a range target"
	}
	return string(p.Kind) + " policy"
}

func metWord(met bool) string {
	if met {
		return "met"
	}
	return "not met"
}

// num is lang.Figure, the one way a figure is printed, by a short name for
// the many sentences of scoring and explain.
func num(x float64) string { return lang.Figure(x) }
