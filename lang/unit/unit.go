// Package unit is the unit algebra of plan formulas: counts (N), percent
// (%), days (gg), euro (EUR), dates, pure numbers (ratio) and their products
// and quotients, such as gg*EUR for the payment-timeliness driver.
//
// A unit is a vector of exponents over the four base units. Adding or
// comparing needs equal units; multiplying adds exponents and dividing
// subtracts them, so gg*EUR / EUR is gg and N / N is a pure ratio. Dates take
// no arithmetic. The package knows nothing about plans: lang/check uses it to
// infer the unit of each formula.
package unit

import "strings"

// Base units, in the order they print.
const (
	Count   = iota // N: a number of things
	Percent        // %: percentage points
	Days           // gg: days ("giorni")
	Euro           // EUR
	nbase
)

var baseNames = [nbase]string{"N", "%", "gg", "EUR"}

// Unit is a product of powers of the base units, or a date.
// The zero Unit is the pure number (ratio).
type Unit struct {
	exp  [nbase]int8
	date bool
}

// Predeclared units.
var (
	Ratio = Unit{}
	Date  = Unit{date: true}
	N     = base(Count)
	Pct   = base(Percent)
	GG    = base(Days)
	EUR   = base(Euro)
)

func base(i int) Unit {
	var u Unit
	u.exp[i] = 1
	return u
}

// Lookup returns the unit with the given name: N, %, gg, EUR, date or ratio.
func Lookup(name string) (Unit, bool) {
	switch name {
	case "ratio":
		return Ratio, true
	case "date":
		return Date, true
	}
	for i, n := range baseNames {
		if n == name {
			return base(i), true
		}
	}
	return Unit{}, false
}

// Names lists the unit names Lookup knows, for hints.
func Names() []string { return []string{"N", "%", "gg", "EUR", "date", "ratio"} }

// IsDate reports whether u is the date unit.
func (u Unit) IsDate() bool { return u.date }

// IsRatio reports whether u is a pure number.
func (u Unit) IsRatio() bool { return u == Ratio }

// HasCount reports whether N appears in u.
func (u Unit) HasCount() bool { return u.exp[Count] != 0 }

// MaxExponent bounds the power of each base unit: N*N is N², and no plan
// needs more than a few. A product or quotient past it is refused rather
// than wrapped around in the small integers exponents are kept in.
const MaxExponent = 8

// Mul returns u*v. Neither may be a date. ok is false, and the product
// meaningless, when an exponent would exceed MaxExponent.
func (u Unit) Mul(v Unit) (_ Unit, ok bool) {
	for i := range u.exp {
		u.exp[i] += v.exp[i]
	}
	return u, u.bounded()
}

// Div returns u/v. Neither may be a date. ok is false, and the quotient
// meaningless, when an exponent would exceed MaxExponent.
func (u Unit) Div(v Unit) (_ Unit, ok bool) {
	for i := range u.exp {
		u.exp[i] -= v.exp[i]
	}
	return u, u.bounded()
}

// bounded reports whether every exponent of u is within MaxExponent. The
// operands of Mul and Div are, so the int8 sums never wrap.
func (u Unit) bounded() bool {
	for _, e := range u.exp {
		if e > MaxExponent || e < -MaxExponent {
			return false
		}
	}
	return true
}

// Exponent returns the largest power (in absolute value) of any base unit
// in u, and that base unit's name, for diagnostics.
func (u Unit) Exponent() (power int, name string) {
	for i, e := range u.exp {
		if a := int(e); max(a, -a) > max(power, -power) {
			power, name = a, baseNames[i]
		}
	}
	return power, name
}

// String prints u canonically: "N", "gg*EUR", "EUR/N", "ratio", "date".
func (u Unit) String() string {
	if u.date {
		return "date"
	}
	var num, den []string
	for i, e := range u.exp {
		for ; e > 0; e-- {
			num = append(num, baseNames[i])
		}
		for ; e < 0; e++ {
			den = append(den, baseNames[i])
		}
	}
	if len(num) == 0 && len(den) == 0 {
		return "ratio"
	}
	s := strings.Join(num, "*")
	if s == "" {
		s = "1"
	}
	if len(den) > 0 {
		s += "/" + strings.Join(den, "/")
	}
	return s
}

// Describe says u in words, for diagnostics: "days (gg)".
func (u Unit) Describe() string {
	switch u {
	case N:
		return "a count (N)"
	case Pct:
		return "a percentage (%)"
	case GG:
		return "days (gg)"
	case EUR:
		return "euro (EUR)"
	case Date:
		return "a date"
	case Ratio:
		return "a pure number (ratio)"
	}
	return u.String()
}
