package piano

import (
	"fmt"
	"math"
	"slices"

	"github.com/piano-plan/piano/data"
	"github.com/piano-plan/piano/eval"
	"github.com/piano-plan/piano/lang"
	"github.com/piano-plan/piano/lang/check"
)

// Answer is what one indicator needs, and the check of it: the plan
// evaluated again with the indicator's value given directly.
type Answer struct {
	eval.Need
	Current       *eval.IndicatorValue // the indicator as the data have it
	OverallBefore *float64             // the plan's score with the data as they are
	// After is the re-evaluation with the value found: the indicator's
	// achievement and the plan's score.
	AchievementAfter, OverallAfter *float64
	Change                         float64 // the relative change of the value, percent (days for a date)
}

// WhatIf finds the value the indicator code needs in year to reach the
// achievement a (percent), and checks it by evaluating the plan again.
func (p *Plan) WhatIf(d *Data, year int, code string, a float64) (*Answer, lang.Diagnostics, error) {
	w, diags, err := p.whatIf(d, year)
	if err != nil || w == nil {
		return nil, diags, err
	}
	if _, ok := p.Checked.Indicators[code]; !ok {
		return nil, diags, fmt.Errorf("the plan has no indicator %s", code)
	}
	ans, err := w.answer(code, a)
	return ans, diags, err
}

// WhatIfOverall finds, for every weighted indicator with a score, the
// smallest change of that one indicator that lifts the plan's score to goal
// (percent), found by search and checked by evaluating the plan again; the
// answers come ranked by the size of the change, the possible first, with
// the plan's score on the data as they are.
func (p *Plan) WhatIfOverall(d *Data, year int, goal float64) ([]*Answer, *float64, lang.Diagnostics, error) {
	w, diags, err := p.whatIf(d, year)
	if err != nil || w == nil {
		return nil, nil, diags, err
	}
	var out []*Answer
	for _, ind := range p.Checked.IndicatorOrder {
		iv := w.base.Indicators[ind]
		if iv.Achievement == nil || !weightedIndicator(ind.Nodes) {
			continue
		}
		ans, err := w.overall(ind.Code, goal)
		if err != nil {
			return nil, nil, diags, err
		}
		out = append(out, ans)
	}
	slices.SortStableFunc(out, func(a, b *Answer) int {
		switch {
		case a.Possible != b.Possible:
			if a.Possible {
				return -1
			}
			return 1
		case a.Change < b.Change:
			return -1
		case a.Change > b.Change:
			return 1
		}
		return 0
	})
	return out, w.base.Root.Score, diags, nil
}

// whatIfRun is one plan, data and year, evaluated once, ready to be
// evaluated again with one indicator's value changed.
type whatIfRun struct {
	ev     *eval.Evaluator
	values *eval.Data
	year   int
	base   *eval.Result
}

func (p *Plan) whatIf(d *Data, year int) (*whatIfRun, lang.Diagnostics, error) {
	r, diags, err := p.Evaluate(d, year)
	if err != nil || r == nil {
		return nil, diags, err
	}
	ev, err := eval.Compile(p.Checked)
	if err != nil {
		return nil, diags, err
	}
	ev.AllowMissing = p.opts.AllowMissing
	values, _ := eval.Bind(p.Checked, d.Entries)
	return &whatIfRun{ev: ev, values: values, year: year, base: r}, diags, nil
}

// with evaluates the plan with the indicator's value given directly.
func (w *whatIfRun) with(code string, v data.Datum) *eval.Result {
	return w.ev.Evaluate(w.values.WithIndicator(code, w.year, v), w.year)
}

func (w *whatIfRun) answer(code string, a float64) (*Answer, error) {
	need, err := w.ev.Need(w.base, code, a)
	if err != nil {
		return nil, err
	}
	ind := w.ev.Plan().Indicators[code]
	ans := &Answer{Need: need, Current: w.base.Indicators[ind], OverallBefore: w.base.Root.Score}
	if need.Possible {
		r := w.with(code, need.Value)
		ans.AchievementAfter, ans.OverallAfter = r.Indicators[ind].Achievement, r.Root.Score
		ans.Change = change(ans.Current.Value, need.Value)
	}
	return ans, nil
}

// overall searches the smallest achievement of code whose value lifts the
// plan's score to goal: the score grows with the achievement, so bisection
// between the current achievement and the cap finds it.
func (w *whatIfRun) overall(code string, goal float64) (*Answer, error) {
	ind := w.ev.Plan().Indicators[code]
	cur := *w.base.Indicators[ind].Achievement
	reaches := func(a float64) (*Answer, bool, error) {
		ans, err := w.answer(code, a)
		if err != nil || !ans.Possible || ans.OverallAfter == nil {
			return ans, false, err
		}
		return ans, eval.Round(*ans.OverallAfter) >= eval.Round(goal), nil
	}
	if eval.Fully(cur) && eval.Round(cur) >= eval.Round(w.ev.PolicyOf(ind).Cap) {
		return &Answer{Need: eval.Need{Indicator: ind, Achievement: cur, Why: fmt.Sprintf("%s already scores %s%%, the most its policy gives", code, lang.Figure(cur))},
			Current: w.base.Indicators[ind], OverallBefore: w.base.Root.Score}, nil
	}
	top, ok, err := reaches(w.ev.PolicyOf(ind).Cap)
	if err != nil {
		return nil, err
	}
	if !ok {
		top.Possible, top.Change = false, 0
		top.Why = fmt.Sprintf("even at %s%% of %s the plan scores %s", lang.Figure(w.ev.PolicyOf(ind).Cap), code, lang.Percent(top.OverallAfter))
		return top, nil
	}
	lo, hi, best := cur, w.ev.PolicyOf(ind).Cap, top
	for range 40 {
		mid := (lo + hi) / 2
		ans, ok, err := reaches(mid)
		if err != nil {
			return nil, err
		}
		if ok {
			hi, best = mid, ans
		} else {
			lo = mid
		}
	}
	best.Exact = false
	best.Steps = append(best.Steps, fmt.Sprintf("the smallest achievement of %s that lifts the plan to %s%%, found by search: %s%%", code, lang.Figure(goal), lang.Figure(best.Achievement)))
	return best, nil
}

// change is how far the value moves: percent of the current value for a
// number (the value itself when it is 0), days for a date.
func change(from, to data.Datum) float64 {
	switch {
	case from.Kind == data.DateDatum && to.Kind == data.DateDatum:
		return math.Abs(to.Date.Sub(from.Date).Hours() / 24)
	case from.Kind == data.NumberDatum && to.Kind == data.NumberDatum && from.Number != 0:
		return math.Abs(to.Number-from.Number) / math.Abs(from.Number) * 100
	case to.Kind == data.NumberDatum:
		return math.Abs(to.Number)
	}
	return math.Inf(1)
}

func weightedIndicator(nodes []*check.Node) bool {
	for _, n := range nodes {
		if n.Weight > 0 {
			return true
		}
	}
	return false
}
