package render

import (
	"strings"

	"github.com/piano-plan/piano/data"
	"github.com/piano-plan/piano/eval"
	"github.com/piano-plan/piano/lang"
	"github.com/piano-plan/piano/lang/ast"
	"github.com/piano-plan/piano/lang/format"
)

// The names and versions of the JSON and YAML shapes, written in each
// document's "schema" field; schema/*.json in the repository describes
// them. Adding a field keeps the version; removing, renaming or retyping
// one bumps it.
const (
	SchemaEval        = "piano.eval/v1"
	SchemaExplain     = "piano.explain/v1"
	SchemaDiff        = "piano.diff/v1"
	SchemaExport      = "piano.export/v1"
	SchemaDiagnostics = "piano.diagnostics/v1"
)

// PlanCode is the code of the plan itself, the root of the tree, in every
// output.
const PlanCode = "PLAN"

// Target is a target as data, the one shape of every output: the comparator
// (>=, <=, =, range, by, or none for N/D), the bound (the low end of a
// range), the high end of a range, the date of a deadline, and the text as
// the plan writes it. A field that does not apply is null.
type Target struct {
	Op       string  `json:"op" yaml:"op"`
	Value    *Num    `json:"value" yaml:"value"`
	High     *Num    `json:"high" yaml:"high"`
	Deadline *string `json:"deadline" yaml:"deadline"`
	Text     string  `json:"text" yaml:"text"`
	Written  string  `json:"written,omitempty" yaml:"written,omitempty"` // a relative target as the plan writes it
}

// newTarget returns t as data, nil for none.
func newTarget(t *ast.Target) *Target {
	if t == nil {
		return nil
	}
	out := &Target{Op: t.Op.String(), Text: format.Target(*t)}
	if t.Relative != nil {
		written := *t
		written.Resolved = false
		out.Written = format.Target(written)
	}
	num := func(v ast.Value) *Num {
		if v.Kind == ast.NotAvailable || v.Kind == ast.DateValue {
			return nil
		}
		n := Num(v.Number.Value)
		return &n
	}
	switch t.Op {
	case ast.NoTarget:
		out.Op = "none"
	case ast.By:
		d := t.Value.Date.Format("2006-01-02")
		out.Deadline = &d
	case ast.Between:
		out.Op, out.Value, out.High = "range", num(t.Value), num(*t.High)
	default:
		out.Value = num(t.Value)
	}
	return out
}

// Value states of a value: what a null value means.
const (
	ValueNumber       = "number"
	ValueDate         = "date"
	ValueNotDone      = "not_done"
	ValueNotAvailable = "not_available"
	ValueMissing      = "missing"
)

// datumFields splits d into its typed fields: a number (rounded to six
// decimals), an ISO date, and the state that says what a null value
// means. absent is true when no data file gives the value.
func datumFields(d data.Datum, absent bool) (value *Num, date *string, state string) {
	switch d.Kind {
	case data.NumberDatum:
		n := Num(lang.Rounded(d.Number, lang.ValueDecimals))
		return &n, nil, ValueNumber
	case data.DateDatum:
		s := d.Date.Format("2006-01-02")
		return nil, &s, ValueDate
	case data.NotDoneDatum:
		return nil, nil, ValueNotDone
	}
	if absent {
		return nil, nil, ValueMissing
	}
	return nil, nil, ValueNotAvailable
}

// status is an indicator's status as an enum: snake_case (not_available,
// not_assessed, monitored_only).
func status(s eval.Status) string { return enum(string(s)) }

// enum spells a name of Piano's as a snake_case enum value.
func enum(s string) string {
	s = strings.NewReplacer("%", "", "-", " ").Replace(s)
	return strings.Join(strings.Fields(s), "_")
}

// diagnostics returns ds as data, an empty list when there are none.
func diagnostics(ds lang.Diagnostics) []JSONDiagnostic {
	out := make([]JSONDiagnostic, 0, len(ds))
	for _, d := range ds {
		out = append(out, newDiagnostic(d))
	}
	return out
}
