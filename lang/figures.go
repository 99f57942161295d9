package lang

import (
	"fmt"
	"math"
	"strconv"
)

// How Piano prints numbers. Every command and every format prints its
// numbers through these functions, so that the same score reads alike in a
// table, in JSON, in an explanation and in a diff. Package render encodes
// them for JSON and YAML; eval and lang/check use them for the sentences
// and diagnostics they build.

// Decimals a printed number keeps.
const (
	FigureDecimals = 4 // scores, achievements, weights and shares
	ValueDecimals  = 6 // values of drivers and indicators, numbers of the plan in diagnostics
)

// Rounded rounds x to the given number of decimals.
func Rounded(x float64, decimals int) float64 {
	p := math.Pow10(decimals)
	return math.Round(x*p) / p
}

// Plain prints x in plain decimal notation: no exponent, as many digits as
// x needs and no more (20, 0.5, 93.7094).
func Plain(x float64) string { return strconv.FormatFloat(x, 'f', -1, 64) }

// Number prints x rounded to the given number of decimals, in plain
// decimal notation.
func Number(x float64, decimals int) string { return Plain(Rounded(x, decimals)) }

// Figure prints a score, an achievement, a weight or a share for people: at
// most four decimals, no exponent.
func Figure(x float64) string { return Number(x, FigureDecimals) }

// Percent prints a score or an achievement for a table: two decimals and a
// % sign (93.71%); N/D when there is none.
func Percent(x *float64) string {
	if x == nil {
		return "N/D"
	}
	return fmt.Sprintf("%.2f%%", *x)
}
