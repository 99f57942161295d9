package piano

import (
	"maps"
	"runtime"
	"slices"

	"github.com/piano-plan/piano/data"
	"github.com/piano-plan/piano/eval"
	"github.com/piano-plan/piano/lang"
)

// With returns the data d with the scenario laid over them: the
// scenario's values win over d's for the same code and year, its
// neutralisations and behaviour scores over d's for the same code and
// year. Neither d nor scenario changes.
//
// A value given as a driver's replaces a driver's, one given as an
// indicator's an indicator's, and one whose kind a CSV file does not say
// replaces either: as the plan binds them (Compiled.Scenarios), but for a
// code that is both a driver and an indicator given without its kind.
func (d *Data) With(scenario *Data) *Data {
	over := map[overKey]bool{}
	for _, e := range scenario.Entries {
		over[overKey{e.Kind, e.Code, e.Year}] = true
	}
	replaced := func(e data.Entry) bool {
		as := func(kind data.EntryKind) bool { return over[overKey{kind, e.Code, e.Year}] }
		switch e.Kind {
		case data.DriverEntry, data.IndicatorEntry:
			return as(e.Kind) || as(data.AnyEntry)
		case data.AnyEntry:
			return as(data.AnyEntry) || as(data.DriverEntry) || as(data.IndicatorEntry)
		}
		return as(e.Kind)
	}
	out := &Data{Sources: maps.Clone(d.Sources), opts: d.opts}
	out.Files = append(slices.Clone(d.Files), scenario.Files...)
	maps.Copy(out.Sources, scenario.Sources)
	for _, e := range d.Entries {
		if !replaced(e) {
			out.Entries = append(out.Entries, e)
		}
	}
	out.Entries = append(out.Entries, scenario.Entries...)
	out.Diagnostics = append(slices.Clone(d.Diagnostics), scenario.Diagnostics...)
	return out
}

// overKey is what an entry of a scenario replaces.
type overKey struct {
	kind data.EntryKind
	code string
	year int
}

// ScenarioResult is the plan evaluated on one scenario.
type ScenarioResult struct {
	Name        string
	Result      *eval.Result // nil when the scenario's data have errors
	Diagnostics lang.Diagnostics
	Err         error
}

// Scenarios evaluates the compiled plan for year on each scenario layered
// over the base data (see Data.With), and returns the results in the order
// of scenarios; a scenario with errors is reported in its own result and
// never stops the others. It holds every result until the end:
// EachScenario hands them out as they come.
func (c *Compiled) Scenarios(base *Data, scenarios []*Data, year int) []ScenarioResult {
	out := make([]ScenarioResult, 0, len(scenarios))
	c.EachScenario(base, scenarios, year, func(_ int, r ScenarioResult) bool {
		out = append(out, r)
		return true
	})
	return out
}

// EachScenario is Scenarios with each result handed to yield, in the order
// of scenarios, on the calling goroutine, while the next are evaluated; a
// result yield does not keep is garbage once it returns. yield returning
// false stops.
//
// The base data are bound once; each scenario is bound on its own and laid
// over them (eval.Data.Overlay), so a scenario costs its own values and one
// evaluation. The scenarios are shared among one goroutine per core, each
// with its own evaluator, at most a few per goroutine ahead of yield; each
// result depends on its scenario alone, so the results are the same as one
// at a time.
func (c *Compiled) EachScenario(base *Data, scenarios []*Data, year int, yield func(i int, r ScenarioResult) bool) {
	values, baseDiags := c.ev.Bind(base.Entries)
	baseYears := base.Years()
	workers := min(runtime.GOMAXPROCS(0), len(scenarios))
	evs := make([]*eval.Evaluator, max(workers, 1))
	evs[0] = c.ev
	for w := 1; w < workers; w++ {
		evs[w] = c.ev.Clone()
	}
	one := func(w, i int) ScenarioResult {
		ev, s := evs[w], scenarios[i]
		name := ""
		if len(s.Files) > 0 {
			name = s.Files[0]
		}
		over, diags := ev.Bind(s.Entries)
		all := make(lang.Diagnostics, 0, len(base.Diagnostics)+len(baseDiags)+len(s.Diagnostics)+len(diags))
		all = append(append(append(append(all, base.Diagnostics...), baseDiags...), s.Diagnostics...), diags...)
		held := func() []int {
			years := slices.Clone(baseYears)
			for _, y := range s.Years() {
				if !slices.Contains(years, y) {
					years = append(years, y)
				}
			}
			slices.Sort(years)
			return years
		}
		files := append(slices.Clone(base.Files), s.Files...)
		rs, all, err := c.evaluateOn(ev, files, held, values.Overlay(over), all, []int{year})
		var r *eval.Result
		if len(rs) == 1 {
			r = rs[0]
		}
		return ScenarioResult{Name: name, Result: r, Diagnostics: all, Err: err}
	}
	inOrder(len(scenarios), workers, scenarioWindow*workers, one, nil, yield)
}

// scenarioWindow is how many scenarios per goroutine EachScenario may
// evaluate ahead of the one it hands out next.
const scenarioWindow = 8
