package piano

import (
	"fmt"
	"slices"

	"github.com/piano-plan/piano/eval"
	"github.com/piano-plan/piano/lang"
)

// Compiled is a plan without errors compiled once (every formula, the
// baseline check) for many evaluations: several years, many data sets
// (scenarios), many calls of a batch. It is not safe for concurrent use:
// give each goroutine its own.
type Compiled struct {
	plan      *Plan
	ev        *eval.Evaluator
	baselines lang.Diagnostics // W204, the same for every evaluation
	warnings  lang.Diagnostics // the plan's warnings that matter for a score
}

// Compile prepares the plan for evaluation. The error is ErrPlan for a
// plan that has errors (they are in its Diagnostics).
func (p *Plan) Compile() (*Compiled, error) {
	if !p.OK() {
		return nil, ErrPlan
	}
	ev, err := eval.Compile(p.Checked)
	if err != nil {
		return nil, err
	}
	ev.Explain = p.opts.Explain
	ev.AllowMissing = p.opts.AllowMissing
	return &Compiled{plan: p, ev: ev, baselines: ev.CheckBaselines(), warnings: scoreWarnings(p.Diagnostics)}, nil
}

// Plan returns the plan c was compiled from.
func (c *Compiled) Plan() *Plan { return c.plan }

// Evaluate is Plan.Evaluate on the compiled plan.
func (c *Compiled) Evaluate(d *Data, year int) (*eval.Result, lang.Diagnostics, error) {
	rs, diags, err := c.EvaluateYears(d, []int{year})
	if len(rs) == 0 {
		return nil, diags, err
	}
	return rs[0], diags, err
}

// EvaluateYears scores the plan for each of the years on the data, bound
// once. The results come in the order of years; they are nil when any
// diagnostic of any year is an error. The diagnostics are the plan's
// warnings, the data's problems and each year's, once each. The error is
// as for Plan.Evaluate, for the first year that stops the run.
func (c *Compiled) EvaluateYears(d *Data, years []int) ([]*eval.Result, lang.Diagnostics, error) {
	p := c.plan
	for _, year := range years {
		if !slices.Contains(p.Checked.TargetYears, year) {
			return nil, nil, fmt.Errorf("%d is not one of the plan's target years %v", year, p.Checked.TargetYears)
		}
	}
	values, diags := c.ev.Bind(d.Entries)
	return c.evaluateOn(c.ev, d.Files, d.Years, values, append(slices.Clone(d.Diagnostics), diags...), years)
}

// evaluateOn is EvaluateYears on data already bound, with the evaluator ev
// (c's, or a clone of it for another goroutine): files names the data
// files, held lists the years they hold a value for (asked only when
// missing values are errors), all holds the diagnostics of reading and
// binding them.
func (c *Compiled) evaluateOn(ev *eval.Evaluator, files []string, held func() []int, values *eval.Data, all lang.Diagnostics, years []int) ([]*eval.Result, lang.Diagnostics, error) {
	p := c.plan
	if all.HasErrors() {
		return nil, all, nil
	}
	if !p.opts.AllowMissing {
		held := held()
		for _, year := range years {
			if !slices.Contains(held, year) {
				return nil, nil, fmt.Errorf("the data files hold no value for %d; they hold %s", year, yearsText(held))
			}
		}
	}
	ev.DataFiles = files
	var out []*eval.Result
	for _, year := range years {
		r := ev.Evaluate(values, year)
		for _, diag := range r.Diagnostics {
			// A problem of a formula or a value repeats in every year: say it once.
			if !slices.ContainsFunc(all, func(x *lang.Diagnostic) bool { return *x == *diag }) {
				all = append(all, diag)
			}
		}
		out = append(out, r)
	}
	all = append(all, c.baselines...)
	all = append(all, c.warnings...)
	if all.HasErrors() {
		return nil, all, nil
	}
	return out, all, nil
}

// EvaluateYears is Compiled.EvaluateYears, the plan compiled for the call.
func (p *Plan) EvaluateYears(d *Data, years []int) ([]*eval.Result, lang.Diagnostics, error) {
	c, err := p.Compile()
	if err != nil {
		return nil, p.Diagnostics, err
	}
	return c.EvaluateYears(d, years)
}
