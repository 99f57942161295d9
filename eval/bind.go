package eval

import (
	"fmt"
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
// values given directly, per year, neutralisations and behaviour scores.
//
// Values are kept by the slot of their driver or indicator (its place in
// the plan's DriverOrder or IndicatorOrder), each slot a short chain of
// years, so that an evaluation finds them by index. A Data may be laid
// over another (Overlay, WithIndicator): what it does not hold is asked of
// the one under it, so a scenario costs its own values only.
type Data struct {
	plan       *check.Plan // the plan whose slots the values fill
	x          *index
	drivers    []int32 // by driver slot: 1 + the index in cells of its first value; 0: none
	indicators []int32 // by indicator slot, the same
	cells      []cell
	neutral    map[key]*Neutralisation
	behaviours map[key]data.Datum
	under      *Data // asked for what this one does not hold; nil at the bottom
}

// cell is one value of a slot, for one year, and the link to the slot's
// next value.
type cell struct {
	year int
	next int32 // 1 + the index of the slot's next cell; 0: none
	v    data.Datum
}

// find returns the value of year in the chain that starts at head.
func (d *Data) find(head int32, year int) (data.Datum, bool) {
	for c := head; c != 0; c = d.cells[c-1].next {
		if d.cells[c-1].year == year {
			return d.cells[c-1].v, true
		}
	}
	return data.Datum{}, false
}

// put adds v as the value of year to the slot heads[i], or returns the
// value already there.
func (d *Data) put(heads []int32, i, year int, v data.Datum) (prev data.Datum, dup bool) {
	if prev, ok := d.find(heads[i], year); ok {
		return prev, true
	}
	d.cells = append(d.cells, cell{year: year, next: heads[i], v: v})
	heads[i] = int32(len(d.cells))
	return data.Datum{}, false
}

// driver and indicator are the values of slot i in year, from this Data
// or the ones under it; the Data and those under it must be bound to the
// same plan (the caller checks d.plan).
func (d *Data) driver(i, year int) (data.Datum, bool) {
	for ; d != nil; d = d.under {
		if d.drivers != nil {
			if v, ok := d.find(d.drivers[i], year); ok {
				return v, true
			}
		}
	}
	return data.Datum{}, false
}

func (d *Data) indicator(i, year int) (data.Datum, bool) {
	for ; d != nil; d = d.under {
		if d.indicators != nil {
			if v, ok := d.find(d.indicators[i], year); ok {
				return v, true
			}
		}
	}
	return data.Datum{}, false
}

// Behaviour returns a scheda's behaviour score in a year, on the SMVP's
// scale, if the data give one.
func (d *Data) Behaviour(code string, year int) (data.Datum, bool) {
	for ; d != nil; d = d.under {
		if v, ok := d.behaviours[key{code, year}]; ok {
			return v, true
		}
	}
	return data.Datum{}, false
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
func (d *Data) Neutral(code string, year int) *Neutralisation {
	for ; d != nil; d = d.under {
		if n := d.neutral[key{code, year}]; n != nil {
			return n
		}
	}
	return nil
}

// Driver returns the value of a driver in a year, if the data give one.
func (d *Data) Driver(code string, year int) (data.Datum, bool) {
	for ; d != nil; d = d.under {
		if i, ok := d.x.lookup(d.x.drivers, code); ok && d.drivers != nil {
			if v, ok := d.find(d.drivers[i], year); ok {
				return v, true
			}
		}
	}
	return data.Datum{}, false
}

// Indicator returns a value given directly for an indicator in a year. Such
// a value wins over the indicator's formula.
func (d *Data) Indicator(code string, year int) (data.Datum, bool) {
	for ; d != nil; d = d.under {
		if i, ok := d.x.lookup(d.x.indicators, code); ok && d.indicators != nil {
			if v, ok := d.find(d.indicators[i], year); ok {
				return v, true
			}
		}
	}
	return data.Datum{}, false
}

// Bind matches data entries (from one or more files, in order) to the plan's
// drivers and indicators. A code the plan does not know is a warning with a
// suggestion; a value of the wrong kind (a date for a count) and the same
// code and year in two places are errors.
func Bind(p *check.Plan, entries []data.Entry) (*Data, lang.Diagnostics) {
	x := newIndex(p)
	return bind(p, &x, entries)
}

// Bind is eval.Bind on the plan e was compiled from, with the codes
// numbered once at Compile.
func (e *Evaluator) Bind(entries []data.Entry) (*Data, lang.Diagnostics) {
	return bind(e.plan, &e.layout.index, entries)
}

func bind(p *check.Plan, x *index, entries []data.Entry) (*Data, lang.Diagnostics) {
	heads := make([]int32, len(p.DriverOrder)+len(p.IndicatorOrder))
	d := &Data{plan: p, x: x, drivers: heads[:len(p.DriverOrder):len(p.DriverOrder)], indicators: heads[len(p.DriverOrder):],
		cells: make([]cell, 0, len(entries))}
	var diags lang.Diagnostics
	for _, e := range entries {
		if e.Kind == data.NeutralisedEntry {
			diags = append(diags, d.neutralise(p, e, x.codes)...)
			continue
		}
		if e.Kind == data.BehaviourEntry {
			diags = append(diags, d.behaviour(p, e)...)
			continue
		}
		di, isDriver := x.drivers[e.Code]
		ii, isIndicator := x.indicators[e.Code]
		kind := e.Kind
		if kind == data.AnyEntry {
			kind = data.IndicatorEntry
			if isDriver || !isIndicator {
				kind = data.DriverEntry
			}
		}
		var known, wantDate bool
		var u unit.Unit
		heads, slot := d.drivers, di
		if kind == data.DriverEntry && isDriver {
			known, u = true, p.DriverOrder[di].Unit
		} else if kind == data.IndicatorEntry && isIndicator {
			known, u, heads, slot = true, p.IndicatorOrder[ii].Unit, d.indicators, ii
		}
		wantDate = u.IsDate()
		if !known {
			hint := "check the code against the plan's drivers and indicators"
			if s := lang.Suggest(e.Code, x.codes); s != "" {
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
				Summary: e.Code + " counts things (unit N) but its value " + e.Value.String() + " has a fraction",
				Detail:  "The value is used as written.",
				Hint:    "check the value: a thousands separator read as a decimal point, or a value that belongs to another driver"})
		}
		if prev, dup := d.put(heads, slot, e.Year, e.Value); dup {
			diags = append(diags, &lang.Diagnostic{Severity: lang.Error, Code: data.EData, File: e.Value.File, Subject: e.Value.Source, Cell: e.Value.Cell,
				Summary: fmt.Sprintf("%s has two values for %d", e.Code, e.Year),
				Detail:  "The first is at " + prev.Where() + ".", Hint: "keep one value per code and year across all data files"})
			continue
		}
	}
	diags.Sort()
	return d, diags
}

// behaviour binds a behaviour score to its scheda.
func (d *Data) behaviour(p *check.Plan, e data.Entry) lang.Diagnostics {
	var sc *check.Scheda
	for _, s := range p.Schede {
		if s.Code == e.Code {
			sc = s
		}
	}
	switch {
	case sc == nil:
		var codes []string
		for _, s := range p.Schede {
			codes = append(codes, s.Code)
		}
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
	if d.behaviours == nil {
		d.behaviours = map[key]data.Datum{}
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
	if d.neutral == nil {
		d.neutral = map[key]*Neutralisation{}
	}
	d.neutral[k] = &Neutralisation{Neutralisation: *e.Neutral, File: e.Value.File, At: e.CodeRange}
	return nil
}

// WithIndicator returns d with the indicator code given the value v
// directly for year (it wins over the indicator's formula), for what-if
// questions: one value laid over d. d itself is unchanged. A code that is
// not one of the plan's indicators leaves the data as they are.
func (d *Data) WithIndicator(code string, year int, v data.Datum) *Data {
	i, ok := d.x.lookup(d.x.indicators, code)
	if !ok {
		return d
	}
	c := &Data{plan: d.plan, x: d.x, indicators: make([]int32, len(d.x.indicators)), under: d}
	c.put(c.indicators, i, year, v)
	return c
}

// Overlay returns over laid over d: every value, neutralisation and
// behaviour score of over wins over d's for the same driver, indicator or
// scheda and year, and what over does not hold is d's. It is the data of a
// scenario, bound on its own, over the base data bound once; nothing is
// copied, and neither d nor over changes.
func (d *Data) Overlay(over *Data) *Data {
	c := *over
	if c.under == nil {
		c.under = d
	} else {
		c.under = d.Overlay(over.under)
	}
	if c.plan != d.plan {
		c.plan = nil // slots of different plans: looked up by code
	}
	return &c
}
