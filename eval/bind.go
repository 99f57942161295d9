package eval

import (
	"fmt"
	"maps"
	"math"

	"github.com/piano-plan/piano/data"
	"github.com/piano-plan/piano/lang"
	"github.com/piano-plan/piano/lang/check"
	"github.com/piano-plan/piano/lang/unit"
)

// WFractionalCount is reported for a count (unit N) whose value has a
// fraction: 2.61 users is more often 2610 with a thousands dot than a count.
const WFractionalCount lang.Code = "W303"

type key struct {
	code string
	year int
}

// Data is the actual values bound to one plan: driver values and indicator
// values given directly, per year.
type Data struct {
	drivers    map[key]data.Datum
	indicators map[key]data.Datum
	neutral    map[key]*Neutralisation
	behaviours map[key]data.Datum
}

// Behaviour returns a scheda's behaviour score in a year, on the SMVP's
// scale, if the data give one.
func (d *Data) Behaviour(code string, year int) (data.Datum, bool) {
	v, ok := d.behaviours[key{code, year}]
	return v, ok
}

// Neutralisation is an indicator neutralised for a year (sterilizzazione):
// the decision and where a data file records it.
type Neutralisation struct {
	data.Neutralisation
	File string
	At   lang.Range
}

// Where is the place of the decision as file:line:col.
func (n *Neutralisation) Where() string { return lang.Where(n.File, n.At) }

// Neutral returns the neutralisation of an indicator in a year, or nil.
func (d *Data) Neutral(code string, year int) *Neutralisation { return d.neutral[key{code, year}] }

// Driver returns the value of a driver in a year, if the data give one.
func (d *Data) Driver(code string, year int) (data.Datum, bool) {
	v, ok := d.drivers[key{code, year}]
	return v, ok
}

// Indicator returns a value given directly for an indicator in a year. Such
// a value wins over the indicator's formula.
func (d *Data) Indicator(code string, year int) (data.Datum, bool) {
	v, ok := d.indicators[key{code, year}]
	return v, ok
}

// Bind matches data entries (from one or more files, in order) to the plan's
// drivers and indicators. A code the plan does not know is a warning with a
// suggestion; a value of the wrong kind (a date for a count) and the same
// code and year in two places are errors.
func Bind(p *check.Plan, entries []data.Entry) (*Data, lang.Diagnostics) {
	d := &Data{drivers: map[key]data.Datum{}, indicators: map[key]data.Datum{}, neutral: map[key]*Neutralisation{}, behaviours: map[key]data.Datum{}}
	var diags lang.Diagnostics
	var codes []string
	for _, dr := range p.DriverOrder {
		codes = append(codes, dr.Code)
	}
	for _, ind := range p.IndicatorOrder {
		codes = append(codes, ind.Code)
	}
	for _, e := range entries {
		if e.Kind == data.NeutralisedEntry {
			diags = append(diags, d.neutralise(p, e, codes)...)
			continue
		}
		if e.Kind == data.BehaviourEntry {
			diags = append(diags, d.behaviour(p, e)...)
			continue
		}
		drv, isDriver := p.Drivers[e.Code]
		ind, isIndicator := p.Indicators[e.Code]
		kind := e.Kind
		if kind == data.AnyEntry {
			kind = data.IndicatorEntry
			if isDriver || !isIndicator {
				kind = data.DriverEntry
			}
		}
		var known, wantDate bool
		var u unit.Unit
		target := d.drivers
		if kind == data.DriverEntry && isDriver {
			known, u = true, drv.Unit
		} else if kind == data.IndicatorEntry && isIndicator {
			known, u, target = true, ind.Unit, d.indicators
		}
		wantDate = u.IsDate()
		if !known {
			hint := "check the code against the plan's drivers and indicators"
			if s := lang.Suggest(e.Code, codes); s != "" {
				hint = "did you mean " + s + "?"
			}
			what := map[data.EntryKind]string{data.DriverEntry: "driver", data.IndicatorEntry: "indicator"}[kind]
			diags = append(diags, &lang.Diagnostic{Severity: lang.Warning, Code: lang.WUnknownDataCode, File: e.Value.File, Subject: e.CodeRange, Cell: e.CodeCell,
				Summary: fmt.Sprintf("the plan has no %s %s", what, e.Code), Detail: "This value is ignored.", Hint: hint})
			continue
		}
		switch {
		case e.Value.Kind == data.DateDatum && !wantDate:
			diags = append(diags, &lang.Diagnostic{Severity: lang.Error, Code: data.EData, File: e.Value.File, Subject: e.Value.Source, Cell: e.Value.Cell,
				Summary: fmt.Sprintf("%s takes a number, not a date", e.Code), Hint: "dates are for deadline indicators and drivers with unit date"})
			continue
		case e.Value.Kind == data.NumberDatum && wantDate:
			diags = append(diags, &lang.Diagnostic{Severity: lang.Error, Code: data.EData, File: e.Value.File, Subject: e.Value.Source, Cell: e.Value.Cell,
				Summary: fmt.Sprintf("%s takes a date, not a number", e.Code), Hint: "write the completion date: 2021-10-28"})
			continue
		}
		if e.Value.Kind == data.NumberDatum && u == unit.N && e.Value.Number != math.Trunc(e.Value.Number) {
			diags = append(diags, &lang.Diagnostic{Severity: lang.Warning, Code: WFractionalCount, File: e.Value.File, Subject: e.Value.Source, Cell: e.Value.Cell,
				Summary: fmt.Sprintf("%s counts things (unit N) but its value %s has a fraction", e.Code, e.Value),
				Detail:  "The value is used as written.",
				Hint:    "check the value: a thousands separator read as a decimal point, or a value that belongs to another driver"})
		}
		k := key{e.Code, e.Year}
		if prev, dup := target[k]; dup {
			diags = append(diags, &lang.Diagnostic{Severity: lang.Error, Code: data.EData, File: e.Value.File, Subject: e.Value.Source, Cell: e.Value.Cell,
				Summary: fmt.Sprintf("%s has two values for %d", e.Code, e.Year),
				Detail:  "The first is at " + prev.Where() + ".", Hint: "keep one value per code and year across all data files"})
			continue
		}
		target[k] = e.Value
	}
	diags.Sort()
	return d, diags
}

// behaviour binds a behaviour score to its scheda.
func (d *Data) behaviour(p *check.Plan, e data.Entry) lang.Diagnostics {
	var codes []string
	var sc *check.Scheda
	for _, s := range p.Schede {
		codes = append(codes, s.Code)
		if s.Code == e.Code {
			sc = s
		}
	}
	switch {
	case sc == nil:
		hint := "behaviour scores are given by the code of a scheda"
		if s := lang.Suggest(e.Code, codes); s != "" {
			hint = "did you mean " + s + "?"
		}
		return lang.Diagnostics{{Severity: lang.Warning, Code: lang.WUnknownDataCode, File: e.Value.File, Subject: e.CodeRange,
			Summary: fmt.Sprintf("the plan has no scheda %s", e.Code), Detail: "This behaviour score is ignored.", Hint: hint}}
	case e.Value.Kind != data.NumberDatum:
		return lang.Diagnostics{{Severity: lang.Error, Code: data.EData, File: e.Value.File, Subject: e.Value.Source,
			Summary: fmt.Sprintf("the behaviour score of %s is not a number", e.Code), Hint: fmt.Sprintf("write a score on the scale %s..%s", lang.Figure(sc.Low), lang.Figure(sc.High))}}
	case e.Value.Number < sc.Low || e.Value.Number > sc.High:
		return lang.Diagnostics{{Severity: lang.Error, Code: data.EData, File: e.Value.File, Subject: e.Value.Source,
			Summary: fmt.Sprintf("the behaviour score of %s, %s, is outside its scale %s..%s", e.Code, e.Value, lang.Figure(sc.Low), lang.Figure(sc.High)),
			Hint:    "behaviour scores are on the SMVP's scale, as the scheda's behaviours line says"}}
	}
	k := key{e.Code, e.Year}
	if prev, dup := d.behaviours[k]; dup {
		return lang.Diagnostics{{Severity: lang.Error, Code: data.EData, File: e.Value.File, Subject: e.Value.Source,
			Summary: fmt.Sprintf("%s has two behaviour scores for %d", e.Code, e.Year), Detail: "The first is at " + prev.Where() + ".",
			Hint: "keep one behaviour score per scheda and year across all data files"}}
	}
	d.behaviours[k] = e.Value
	return nil
}

// neutralise binds a neutralisation to its indicator.
func (d *Data) neutralise(p *check.Plan, e data.Entry, codes []string) lang.Diagnostics {
	if _, ok := p.Indicators[e.Code]; !ok {
		hint := "only an indicator can be neutralised; check the code against the plan's indicators"
		if s := lang.Suggest(e.Code, codes); s != "" {
			hint = "did you mean " + s + "?"
		}
		return lang.Diagnostics{{Severity: lang.Warning, Code: lang.WUnknownDataCode, File: e.Value.File, Subject: e.CodeRange,
			Summary: fmt.Sprintf("the plan has no indicator %s to neutralise", e.Code), Detail: "This neutralisation is ignored.", Hint: hint}}
	}
	k := key{e.Code, e.Year}
	if prev := d.neutral[k]; prev != nil {
		return lang.Diagnostics{{Severity: lang.Error, Code: data.EData, File: e.Value.File, Subject: e.CodeRange,
			Summary: fmt.Sprintf("%s is neutralised twice for %d", e.Code, e.Year),
			Detail:  "The first is at " + prev.Where() + ".", Hint: "keep one neutralisation per indicator and year across all data files"}}
	}
	d.neutral[k] = &Neutralisation{Neutralisation: *e.Neutral, File: e.Value.File, At: e.CodeRange}
	return nil
}

// WithIndicator returns a copy of d in which the indicator code is given the
// value v directly for year (it wins over the indicator's formula), for
// what-if questions. d itself is unchanged.
func (d *Data) WithIndicator(code string, year int, v data.Datum) *Data {
	c := &Data{drivers: d.drivers, indicators: make(map[key]data.Datum, len(d.indicators)+1), neutral: d.neutral, behaviours: d.behaviours}
	for k, x := range d.indicators {
		c.indicators[k] = x
	}
	c.indicators[key{code, year}] = v
	return c
}

// Overlay returns a copy of d in which every value of over wins over d's
// for the same code and year: the data of a scenario, bound on its own,
// layered over the base data bound once. d and over are unchanged.
func (d *Data) Overlay(over *Data) *Data {
	c := &Data{drivers: make(map[key]data.Datum, len(d.drivers)+len(over.drivers)), indicators: make(map[key]data.Datum, len(d.indicators)+len(over.indicators))}
	maps.Copy(c.drivers, d.drivers)
	maps.Copy(c.indicators, d.indicators)
	maps.Copy(c.drivers, over.drivers)
	maps.Copy(c.indicators, over.indicators)
	return c
}
