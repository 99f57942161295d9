package check

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/piano-plan/piano/lang"
	"github.com/piano-plan/piano/lang/ast"
	"github.com/piano-plan/piano/lang/unit"
)

// indicator checks the definition ind.Def of an otherwise zero ind (but
// for the empty maps a Memory keeps) and fills ind: its unit, formula,
// baselines and targets. It writes nothing but those fields of ind (not
// Nodes) and the diagnostics (the formula's drivers are marked used by the
// caller), so that definitions may be checked by checkers of their own
// while the tree is built.
func (c *checker) indicator(ind *Indicator) {
	def := ind.Def
	ind.Code, ind.Scale = def.Code.Value, 1
	if ind.Baselines == nil {
		ind.Baselines = map[int]*ast.Value{}
	}
	if ind.Targets == nil {
		ind.Targets = map[int]*ast.Target{}
	}
	unitOK := false
	if def.Unit == nil {
		c.report(lang.Error, lang.EMissingUnit, def.Code.Rng, fmt.Sprintf("indicator %s has no unit", def.Code.Value),
			"The unit decides how the formula, baselines and targets are checked.", "add a line such as: unit N   (or %, gg, EUR, date, ratio)")
	} else {
		ind.Unit, unitOK = c.lookupUnit(def.Unit.Unit)
	}
	if def.Formula != nil {
		t := c.formula(def.Formula.Expr, c.driverNames(&ind.Inputs))
		if !t.bad && unitOK {
			ind.FormulaUnit = t.unit
			scale, ok := conform(t, ind.Unit)
			if !ok {
				c.report(lang.Error, lang.EUnitMismatch, def.Formula.Expr.Span(),
					fmt.Sprintf("the formula of %s gives %s, but the indicator is declared in %s", def.Code.Value, t.unit, ind.Unit),
					fmt.Sprintf("The units of the drivers make the formula's result %s.", t.unit.Describe()),
					mismatchHint(t.unit, ind.Unit))
			}
			ind.Scale = scale
			if scale == 100 {
				c.timesHundred(def.Formula.Expr, def.Code.Value)
			}
		}
	}
	for _, b := range def.Baselines {
		c.year(b.Year, c.plan.BaselineYears, "baseline", ind.Baselines)
		ind.Baselines[b.Year.Value] = &b.Value
		if unitOK {
			c.value(b.Value, ind.Unit, "baseline")
		}
	}
	for _, t := range def.Targets {
		c.year(t.Year, c.plan.TargetYears, "target", ind.Targets)
		if t.Target.Relative != nil {
			res, ok := c.resolve(ind, t)
			if !ok {
				continue
			}
			t = &ast.YearTarget{Rng: t.Rng, Year: t.Year, Target: *res}
		}
		ind.Targets[t.Year.Value] = &t.Target
		if unitOK {
			c.target(ind, t)
		}
	}
}

// resolve computes a target written against a baseline: the baseline of
// its year changed by a share (5%: b x 1.05) or an amount in the unit,
// or the range b ± the change. The baseline must be a number.
func (c *checker) resolve(ind *Indicator, yt *ast.YearTarget) (*ast.Target, bool) {
	t := yt.Target
	r := t.Relative
	b, ok := ind.Baselines[r.Year.Value]
	if !ok || b.Kind != ast.NumberValue {
		var have []string
		for _, y := range c.plan.BaselineYears {
			if v, ok := ind.Baselines[y]; ok && v.Kind == ast.NumberValue {
				have = append(have, strconv.Itoa(y))
			}
		}
		hint := fmt.Sprintf("add baseline %d: VALUE to %s", r.Year.Value, ind.Code)
		if len(have) > 0 {
			hint = "the numeric baselines of " + ind.Code + " are for " + strings.Join(have, ", ")
		}
		what := "no baseline"
		if ok {
			what = "no numeric baseline (it is N/D or a date)"
		}
		c.errorf(lang.ERelativeTarget, r.Rng, hint, "the %d target of %s is relative to the %d baseline, but %s has %s for %d",
			yt.Year.Value, ind.Code, r.Year.Value, ind.Code, what, r.Year.Value)
		return nil, false
	}
	base := b.Number.Value
	change := 0.0
	if ch := r.Change; ch != nil {
		change = ch.Number.Value
		if ch.Percent {
			change = base * ch.Number.Value / 100
		}
	}
	if r.Within && change < 0 {
		change = -change // a width: within 2% of a negative baseline is still a range around it
	}
	value := func(x float64) ast.Value {
		x = roundFigure(x)
		return ast.Value{Rng: r.Rng, Kind: ast.NumberValue, Percent: b.Percent, Number: ast.Number{Rng: r.Rng, Value: x, Text: lang.Figure(x)}}
	}
	res := t
	res.Resolved = true
	switch {
	case r.Within:
		res.Value = value(base - change)
		hi := value(base + change)
		res.High = &hi
	case r.Sign == '-':
		res.Value = value(base - change)
	default:
		res.Value = value(base + change)
	}
	return &res, true
}

// roundFigure keeps ten significant digits of a resolved target, so that
// 1000 x 1.05 is 1050 and not 1050.0000000000002.
func roundFigure(x float64) float64 {
	if r, err := strconv.ParseFloat(strconv.FormatFloat(x, 'g', 10, 64), 64); err == nil {
		return r
	}
	return x
}

// year checks that y is one of the plan's years and not given twice.
func (c *checker) year(y ast.Year, years []int, what string, seen any) {
	var dup bool
	switch m := seen.(type) {
	case map[int]*ast.Value:
		_, dup = m[y.Value]
	case map[int]*ast.Target:
		_, dup = m[y.Value]
	}
	if dup {
		c.errorf(lang.EDuplicateYr, y.Rng, "keep one value per year", "%s year %d is given twice", what, y.Value)
	}
	if len(years) == 0 {
		return // the header is missing, reported once
	}
	for _, v := range years {
		if v == y.Value {
			return
		}
	}
	c.report(lang.Error, lang.EYearOutside, y.Rng, fmt.Sprintf("%s year %d is outside the plan's %s years %d..%d", what, y.Value, what, years[0], years[len(years)-1]),
		"", fmt.Sprintf("change the year, or widen the header line: %s years %d..%d", what, min(years[0], y.Value), max(years[len(years)-1], y.Value)))
}

// value checks that a baseline or target value fits the indicator's unit.
func (c *checker) value(v ast.Value, u unit.Unit, what string) {
	switch {
	case v.Kind == ast.NotAvailable:
	case u.IsDate() && v.Kind != ast.DateValue:
		c.report(lang.Error, lang.EValueKind, v.Rng, fmt.Sprintf("the %s is a number, but the indicator is a date", what),
			"A deadline indicator is measured by the date something was done.", "write a date: 2021-10-31")
	case !u.IsDate() && v.Kind == ast.DateValue:
		c.report(lang.Error, lang.EValueKind, v.Rng, fmt.Sprintf("the %s is a date, but the indicator is in %s", what, u),
			"", "write a number, or declare the indicator with unit date")
	case v.Percent && u != unit.Pct:
		c.report(lang.Error, lang.EPercentSuffix, v.Rng, fmt.Sprintf("the %s has a %% sign, but the indicator is in %s", what, u),
			"", "drop the %, or declare the indicator with unit %")
	}
}

func (c *checker) target(ind *Indicator, yt *ast.YearTarget) {
	t, u := yt.Target, ind.Unit
	switch t.Op {
	case ast.NoTarget:
		return
	case ast.By:
		if !u.IsDate() {
			c.report(lang.Error, lang.EComparator, t.Rng, fmt.Sprintf("a deadline target cannot apply to an indicator in %s", u),
				"by DATE says something must be done by a date; this indicator measures a quantity.",
				"write >=, <=, = or a range, or declare the indicator with unit date")
		}
		return
	}
	if u.IsDate() {
		c.report(lang.Error, lang.EComparator, t.Rng, fmt.Sprintf("comparator %s cannot apply to a date indicator", t.Op),
			"A deadline indicator is met when the work is done on or before a date.", "write the target as: by 2021-10-31")
		return
	}
	c.value(t.Value, u, "target")
	if t.Op == ast.Between {
		c.value(*t.High, u, "target")
		if t.Value.Kind == ast.NumberValue && t.High.Kind == ast.NumberValue && t.Value.Number.Value > t.High.Number.Value {
			c.errorf(lang.EBadRange, t.Rng, fmt.Sprintf("write %s..%s", t.High.Number.Text, t.Value.Number.Text),
				"the range %s..%s runs backwards", t.Value.Number.Text, t.High.Number.Text)
		}
		return
	}
	c.lowered(ind, yt)
}

// lowered warns about a target easier than every baseline: an at-least
// target below all of them, or an at-most target above all of them.
func (c *checker) lowered(ind *Indicator, yt *ast.YearTarget) {
	t := yt.Target
	if t.Value.Kind != ast.NumberValue || (t.Op != ast.AtLeast && t.Op != ast.AtMost) {
		return
	}
	numeric := 0
	for _, y := range c.plan.BaselineYears {
		b, ok := ind.Baselines[y]
		if !ok || b.Kind != ast.NumberValue {
			continue
		}
		if t.Op == ast.AtLeast && t.Value.Number.Value >= b.Number.Value ||
			t.Op == ast.AtMost && t.Value.Number.Value <= b.Number.Value {
			return
		}
		numeric++
	}
	if numeric == 0 {
		return
	}
	nums := make([]string, 0, numeric)
	for _, y := range c.plan.BaselineYears {
		if b, ok := ind.Baselines[y]; ok && b.Kind == ast.NumberValue {
			nums = append(nums, strconv.Itoa(y)+": "+b.Number.Text)
		}
	}
	side := "below"
	if t.Op == ast.AtMost {
		side = "above"
	}
	c.report(lang.Warning, lang.WLoweredTarget, t.Rng,
		fmt.Sprintf("the %d target of %s (%s %s) is %s every baseline", yt.Year.Value, ind.Code, t.Op, t.Value.Number.Text, side),
		"Baselines: "+strings.Join(nums, ", ")+". A target easier than the past is legal (\"target diminuito\") but worth a second look.",
		"if the target was lowered on purpose, say why in a note")
}
