package piano

import (
	"maps"
	"slices"

	"github.com/piano-plan/piano/eval"
	"github.com/piano-plan/piano/lang"
)

// With returns the data d with the values of scenario winning over d's for
// the same code and year: one data set of a scenario, layered over the
// base data. Neither d nor scenario changes.
func (d *Data) With(scenario *Data) *Data {
	type key struct {
		code string
		year int
	}
	over := map[key]bool{}
	for _, e := range scenario.Entries {
		over[key{e.Code, e.Year}] = true
	}
	out := &Data{Sources: maps.Clone(d.Sources), opts: d.opts}
	out.Files = append(slices.Clone(d.Files), scenario.Files...)
	maps.Copy(out.Sources, scenario.Sources)
	for _, e := range d.Entries {
		if !over[key{e.Code, e.Year}] {
			out.Entries = append(out.Entries, e)
		}
	}
	out.Entries = append(out.Entries, scenario.Entries...)
	out.Diagnostics = append(slices.Clone(d.Diagnostics), scenario.Diagnostics...)
	return out
}

// ScenarioResult is the plan evaluated on one scenario.
type ScenarioResult struct {
	Name        string
	Result      *eval.Result // nil when the scenario's data have errors
	Diagnostics lang.Diagnostics
	Err         error
}

// Scenarios evaluates the compiled plan for year on each scenario layered
// over the base data (see Data.With), in order; a scenario with errors is
// reported in its own result and never stops the others.
//
// The base data are bound once and each scenario's on its own, then laid
// over them: a scenario costs its own values and one evaluation.
func (c *Compiled) Scenarios(base *Data, scenarios []*Data, year int) []ScenarioResult {
	out := make([]ScenarioResult, len(scenarios))
	plan := c.plan.Checked
	values, baseDiags := eval.Bind(plan, base.Entries)
	for i, s := range scenarios {
		name := ""
		if len(s.Files) > 0 {
			name = s.Files[0]
		}
		over, diags := eval.Bind(plan, s.Entries)
		all := append(append(append(lang.Diagnostics{}, base.Diagnostics...), baseDiags...), s.Diagnostics...)
		all = append(all, diags...)
		rs, all, err := c.evaluateBound(base.With(s), values.Overlay(over), all, []int{year})
		var r *eval.Result
		if len(rs) == 1 {
			r = rs[0]
		}
		out[i] = ScenarioResult{Name: name, Result: r, Diagnostics: all, Err: err}
	}
	return out
}
