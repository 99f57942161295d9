// Package sheet reads a plan laid out as a table, the way bodies publish
// their Alberatura della pianificazione in a spreadsheet (.xlsx or .csv),
// and writes it as .plan text (piano import). It owns the table layout: the
// column names it recognises in the header row (Columns), the Italian
// spelling of weights, values, targets and deadlines in the cells, and the
// diagnostics E500-E503, each placed at its cell (Sheet!C12). The writer of
// the same layout is render.PlanXLSX (piano export --format xlsx), so that
// export then import gives back the same plan.
//
// What a table does not say (a unit with every value N/D, a weight left
// empty) is never guessed: it becomes an error at the cell and a comment in
// the .plan.
package sheet

import (
	"strings"

	"github.com/piano-plan/piano/lang"
)

// Diagnostic codes of piano import and piano export --format xlsx
// (defined in lang/codes.go with the others).
const (
	ECell       = lang.ECell
	ELayout     = lang.ELayout
	ETree       = lang.ETree
	EInfer      = lang.EInfer
	ENotCarried = lang.ENotCarried
)

// Column keys: what each column of the plan sheet holds.
const (
	ColAreaWeight      = "area-weight"
	ColArea            = "area"
	ColStrategicWeight = "strategic-weight"
	ColStrategic       = "strategic"
	ColGroupWeight     = "group-weight"
	ColGroup           = "group"
	ColObjectiveWeight = "objective-weight"
	ColObjective       = "objective"
	ColIndicatorWeight = "indicator-weight"
	ColIndicator       = "indicator"
	ColAlgorithm       = "algorithm"
	ColUnit            = "unit"
	ColUse             = "use"
	ColOwner           = "owner"
	ColNote            = "note"
	// ColBaseline and ColTarget are followed by a year: "baseline 2018".
	ColBaseline = "baseline"
	ColTarget   = "target"
)

// Header is the header row piano export writes, before the year columns
// and after them; Columns reads it back.
var (
	HeaderTree = []string{"Peso ambito", "Ambito", "Peso obiettivo strategico", "Obiettivo strategico",
		"Peso gruppo", "Gruppo", "Peso obiettivo operativo", "Obiettivo operativo",
		"Peso indicatore", "Indicatore", "Algoritmo"}
	HeaderAfter = []string{"Unità", "Usa", "Responsabile", "Note"}
)

// Group names as the Gruppo column writes them.
const (
	GroupIndicators  = "Indicatori"
	GroupOperational = "Obiettivi operativi"
)

// Sheet names piano export writes; import reads sheets by their header, and
// these two by name.
const (
	SheetPlan    = "Alberatura"
	SheetHeader  = "Piano"
	SheetDrivers = "Driver"
)

// Header keys of the Piano sheet (column A names, column B values).
var HeaderKeys = []string{"Titolo", "Ente", "Anni baseline", "Anni target", "Scoring", "Missing"}

// Driver sheet columns.
var DriverHeader = []string{"Codice", "Descrizione", "Unità", "Formula"}

// columnNames maps a header cell, folded by fold, to its column key. The
// weight of a level is the column named "peso <level>", or a column named
// just "peso" (or "%") right before the level's column.
var columnNames = map[string]string{
	"peso ambito": ColAreaWeight, "ambito": ColArea, "area": ColArea, "ambito strategico": ColArea,
	"peso obiettivo strategico": ColStrategicWeight, "obiettivo strategico": ColStrategic, "obiettivi strategici": ColStrategic,
	"peso gruppo": ColGroupWeight, "gruppo": ColGroup,
	"peso obiettivo operativo": ColObjectiveWeight, "obiettivo operativo": ColObjective, "obiettivi operativi": ColObjective,
	"peso indicatore": ColIndicatorWeight, "indicatore": ColIndicator, "indicatori": ColIndicator,
	"algoritmo": ColAlgorithm, "algoritmo di calcolo": ColAlgorithm, "formula": ColAlgorithm,
	"unita": ColUnit, "unita di misura": ColUnit, "unit": ColUnit,
	"usa": ColUse, "uso": ColUse, "use": ColUse,
	"responsabile": ColOwner, "owner": ColOwner,
	"note": ColNote, "nota": ColNote,
}

// fold is a header cell as columnNames spells it: lower case, accents off,
// single spaces.
func fold(s string) string {
	s = strings.ToLower(strings.Join(strings.Fields(s), " "))
	return strings.NewReplacer("à", "a", "è", "e", "é", "e", "ì", "i", "ò", "o", "ù", "u", "'", " ").Replace(s)
}
