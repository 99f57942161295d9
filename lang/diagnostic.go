package lang

import (
	"cmp"
	"slices"
)

// Severity says whether a diagnostic stops the pipeline.
type Severity int

const (
	// Error means the input cannot be used as written.
	Error Severity = iota
	// Warning means the input is legal but probably not what was meant.
	Warning
)

func (s Severity) String() string {
	if s == Warning {
		return "warning"
	}
	return "error"
}

// Diagnostic is one problem found in a source file. Code is stable across
// releases (see Codes) so that scripts and editors can rely on it; Summary is
// one short line, Detail full sentences, Hint what to do about it.
type Diagnostic struct {
	Severity Severity
	Code     Code
	Summary  string
	Detail   string
	Hint     string
	File     string // the file Subject is in
	Subject  Range
	// Cell, when set, is the place in a workbook, such as Dati!C12: it is
	// rendered instead of Subject's line and column, and no source line is
	// quoted. Subject then holds the row as its line and the column's
	// number as its column, and orders the diagnostics.
	Cell string
}

// Where is the place of d as file:line:col, or file:Sheet!C12 in a workbook.
func (d *Diagnostic) Where() string { return WhereCell(d.File, d.Cell, d.Subject) }

// Diagnostics is a list of problems, in the order they were found until
// Sort puts them in source order.
type Diagnostics []*Diagnostic

// HasErrors reports whether any diagnostic is an error.
func (ds Diagnostics) HasErrors() bool {
	for _, d := range ds {
		if d.Severity == Error {
			return true
		}
	}
	return false
}

// Errors counts the errors in ds.
func (ds Diagnostics) Errors() int {
	n := 0
	for _, d := range ds {
		if d.Severity == Error {
			n++
		}
	}
	return n
}

// Sort orders ds by file, position, severity and code, so that output does
// not depend on the order in which checks ran.
func (ds Diagnostics) Sort() {
	slices.SortStableFunc(ds, func(a, b *Diagnostic) int {
		return cmp.Or(
			cmp.Compare(a.File, b.File),
			cmp.Compare(a.Subject.Start.Offset, b.Subject.Start.Offset),
			cmp.Compare(a.Severity, b.Severity),
			cmp.Compare(a.Code, b.Code),
			cmp.Compare(a.Summary, b.Summary),
		)
	})
}
