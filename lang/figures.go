package lang

import (
	"fmt"
	"math"
	"strconv"
	"strings"
	"time"
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

// Italian prints numbers, percentages, amounts and dates the Italian way,
// for reports read by people (piano report): a dot between thousands, a
// comma before the decimals, the euro sign after the amount, dates
// day/month/year (2.500, 54,16%, 472.300,50 €, 31/10/2021). It rounds as
// Number and Percent do, so a score reads 93,71% where a table reads
// 93.71%. It is the only Italian formatter: every report prints through it.
var Italian italian

type italian struct{}

// Number prints x with at most the given number of decimals and no
// trailing zeros: 2.500, 1,09, 0,5.
func (italian) Number(x float64, decimals int) string {
	return italianDigits(Plain(Rounded(x, decimals)))
}

// Fixed prints x with exactly the given number of decimals: 93,70.
func (italian) Fixed(x float64, decimals int) string {
	return italianDigits(strconv.FormatFloat(x, 'f', decimals, 64))
}

// Figure prints a score, an achievement or a weight: at most four
// decimals, like Figure.
func (it italian) Figure(x float64) string { return it.Number(x, FigureDecimals) }

// Percent prints a score or an achievement: two decimals and a % sign
// (54,16%); N/D when there is none, like Percent.
func (it italian) Percent(x *float64) string {
	if x == nil {
		return "N/D"
	}
	return it.Fixed(*x, 2) + "%"
}

// Euro prints an amount: two decimals and the euro sign after a
// non-breaking space (472.300,50 €).
func (it italian) Euro(x float64) string { return it.Fixed(x, 2) + "\u00a0€" }

// Date prints a day as 31/10/2021.
func (italian) Date(t time.Time) string { return t.Format("02/01/2006") }

// italianDigits turns a plain decimal number (-2500.5) into its Italian
// spelling (-2.500,5). Anything else (NaN, +Inf) is returned as it is.
func italianDigits(s string) string {
	sign := ""
	if strings.HasPrefix(s, "-") {
		sign, s = "-", s[1:]
	}
	whole, frac, hasFrac := strings.Cut(s, ".")
	for _, r := range whole {
		if r < '0' || r > '9' {
			return sign + s
		}
	}
	var b strings.Builder
	b.WriteString(sign)
	for i, r := range whole {
		if i > 0 && (len(whole)-i)%3 == 0 {
			b.WriteByte('.')
		}
		b.WriteRune(r)
	}
	if hasFrac {
		b.WriteByte(',')
		b.WriteString(frac)
	}
	return b.String()
}
