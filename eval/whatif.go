package eval

import (
	"fmt"
	"math"
	"time"

	"github.com/piano-plan/piano/data"
	"github.com/piano-plan/piano/lang/ast"
	"github.com/piano-plan/piano/lang/check"
)

// Need is what an indicator's value must be for the indicator to reach an
// achievement: piano whatif. The value is the indicator's own (as a data
// file would give it directly), in its unit.
type Need struct {
	Indicator   *check.Indicator
	Achievement float64 // the achievement asked, percent
	Possible    bool
	Why         string // when not possible
	Value       data.Datum
	Exact       bool     // found by inverting the policy; false: by search
	Steps       []string // the arithmetic, in words
}

// Need finds the value indicator code needs, in r's year, to reach the
// achievement a (percent): the policy in force is inverted where it can be
// (ratio, linear, threshold, ranges, deadlines with or without late), and
// searched where it cannot (custom). The answer is checked by scoring it:
// a value is never proposed that the policy would score below a.
func (e *Evaluator) Need(r *Result, code string, a float64) (Need, error) {
	ind, ok := e.plan.Indicators[code]
	if !ok {
		return Need{}, fmt.Errorf("the plan has no indicator %s", code)
	}
	iv := r.Indicators[ind]
	n := Need{Indicator: ind, Achievement: a}
	p := e.PolicyOf(ind)
	switch {
	case iv.Target == nil:
		n.Why = fmt.Sprintf("%s has no target for %d: it is not assessed", code, r.Year)
		return n, nil
	case compare(a, p.Cap) > 0:
		n.Why = fmt.Sprintf("the policy caps the achievement at %s%%", num(p.Cap))
		return n, nil
	case a < 0:
		n.Why = "an achievement is at least 0%"
		return n, nil
	}
	if p.Floor > 0 && a > 0 && compare(a, p.Floor) < 0 {
		n.Steps = append(n.Steps, fmt.Sprintf("below the floor of %s%% an achievement counts as 0%%, so the value must reach %s%%", num(p.Floor), num(p.Floor)))
		a = p.Floor
	}
	t := *iv.Target
	scoreOf := func(v float64, d time.Time) (float64, bool) {
		custom := func(v, t, b float64) (float64, error) {
			return e.f.run(e.programs[p.Custom], Env{"value": v, "target": t, "baseline": b})
		}
		s, err := score(p, t, v, d, iv.Baseline, custom, false)
		return s.Achievement, err == nil
	}
	if t.Op == ast.By {
		return e.needDate(n, p, t, a, scoreOf), nil
	}
	v, exact, steps, ok := invert(p, t, iv.Baseline, a)
	n.Steps = append(n.Steps, steps...)
	if ok {
		// The inversion is checked, and nudged past float noise, by
		// scoring it.
		for i := 0; i < 4; i++ {
			if got, ok := scoreOf(v, time.Time{}); ok && compare(got, a) >= 0 {
				n.Possible, n.Exact, n.Value = true, exact, data.Datum{Kind: data.NumberDatum, Number: v}
				return n, nil
			}
			v = math.Nextafter(v, direction(t.Op))
		}
	}
	// Search: the achievement grows with the value for at-least targets
	// and falls with it for at-most ones.
	v, ok = search(t.Op, iv.Value, func(v float64) bool { got, ok := scoreOf(v, time.Time{}); return ok && compare(got, a) >= 0 })
	if !ok {
		n.Why = fmt.Sprintf("no value reaches %s%% under the %s policy", num(a), p.Kind)
		return n, nil
	}
	n.Possible, n.Value = true, data.Datum{Kind: data.NumberDatum, Number: v}
	n.Steps = append(n.Steps, fmt.Sprintf("found by search: %s scores %s%%", num(v), num(a)))
	return n, nil
}

// PolicyOf is the policy in force where the indicator is defined.
func (e *Evaluator) PolicyOf(ind *check.Indicator) check.Policy {
	p := e.plan.Scoring
	for _, n := range ind.Nodes {
		if n.Use == nil {
			p = n.Policy
		}
	}
	return p
}

// invert solves the policy for the value that scores a; ok is false where
// it cannot be inverted in closed form.
func invert(p check.Policy, t ast.Target, baseline, a float64) (v float64, exact bool, steps []string, ok bool) {
	T := t.Value.Number.Value
	say := func(format string, args ...any) { steps = append(steps, fmt.Sprintf(format, args...)) }
	switch {
	case p.Kind == check.Custom:
		return 0, false, nil, false
	case t.Op == ast.Equal:
		say("an exact target is met only at %s", num(T))
		return T, true, steps, true
	case t.Op == ast.Between:
		say("a range target is met from its low end, %s", num(T))
		return T, true, steps, true
	case p.Kind == check.Threshold || a == 0:
		say("the target %s %s is met at %s", t.Op, num(T), num(T))
		return T, true, steps, true
	case p.Kind == check.Linear && !math.IsNaN(baseline) && compare(baseline, T) != 0 && !meets(t.Op, baseline, T):
		v = baseline + a/100*(T-baseline)
		say("linear: value = baseline + achievement x (target - baseline) = %s + %s%% x (%s - %s) = %s", num(baseline), num(a), num(T), num(baseline), num(v))
		return v, true, steps, true
	case compare(T, 0) <= 0:
		return 0, false, nil, false
	case t.Op == ast.AtLeast && compare(a, 100) <= 0:
		v = T * a / 100
		say("ratio: value = target x achievement = %s x %s%% = %s", num(T), num(a), num(v))
		return v, true, steps, true
	case t.Op == ast.AtLeast:
		v = T * a / 100
		say("ratio over the target: value = target x achievement = %s x %s%% = %s", num(T), num(a), num(v))
		return v, true, steps, true
	case t.Op == ast.AtMost && compare(a, 100) <= 0:
		v = T * 100 / a
		say("ratio: value = target / achievement = %s / %s%% = %s", num(T), num(a), num(v))
		return v, true, steps, true
	case t.Op == ast.AtMost:
		v = T * 100 / a
		say("ratio under the target: value = target / achievement = %s / %s%% = %s", num(T), num(a), num(v))
		return v, true, steps, true
	}
	return 0, false, nil, false
}

// direction is where the value moves to score more.
func direction(op ast.Op) float64 {
	if op == ast.AtMost {
		return math.Inf(-1)
	}
	return math.Inf(1)
}

// search finds, by bisection, the value closest to the current one in the
// direction that scores more, for which reaches holds.
func search(op ast.Op, current data.Datum, reaches func(float64) bool) (float64, bool) {
	lo := 0.0
	if current.Kind == data.NumberDatum {
		lo = current.Number
	}
	if reaches(lo) {
		return lo, true
	}
	step := math.Max(1, math.Abs(lo))
	sign := 1.0
	if op == ast.AtMost {
		sign = -1
	}
	hi := lo
	for i := 0; ; i++ {
		if i == 200 {
			return 0, false
		}
		hi = lo + sign*step
		if reaches(hi) {
			break
		}
		lo, step = hi, step*2
	}
	for i := 0; i < 200; i++ {
		mid := (lo + hi) / 2
		if mid == lo || mid == hi {
			break
		}
		if reaches(mid) {
			hi = mid
		} else {
			lo = mid
		}
	}
	return hi, true
}

// needDate finds the latest completion date that scores a.
func (e *Evaluator) needDate(n Need, p check.Policy, t ast.Target, a float64, scoreOf func(float64, time.Time) (float64, bool)) Need {
	by := t.Value.Date
	days := 0
	if p.Late > 0 && p.Kind != check.Threshold && compare(a, 100) < 0 {
		days = int(math.Floor((100 - a) / p.Late))
		n.Steps = append(n.Steps, fmt.Sprintf("a deadline loses %s%% a day late: (100%% - %s%%) / %s%% = %d days after %s", num(p.Late), num(a), num(p.Late), days, by.Format(time.DateOnly)))
	} else {
		n.Steps = append(n.Steps, fmt.Sprintf("the deadline is met when the work is done by %s", by.Format(time.DateOnly)))
	}
	d := by.AddDate(0, 0, days)
	for ; days >= 0; days-- {
		if got, ok := scoreOf(0, d); ok && compare(got, a) >= 0 {
			n.Possible, n.Exact, n.Value = true, true, data.Datum{Kind: data.DateDatum, Date: d}
			return n
		}
		d = d.AddDate(0, 0, -1)
	}
	n.Why = "no completion date reaches " + num(a) + "%"
	return n
}
