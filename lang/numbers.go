package lang

import "strings"

// ItalianThousands reports whether s (without its sign) is written like an
// Italian number with dots between thousands: a first group of one to three
// digits not starting with 0, then one or more groups of exactly three
// digits, each after a dot (2.500, 450.000, 12.956.300.000). It returns the
// number of dot groups. 3.40, 0.500 and 33.34 are not: they can only be
// decimals.
func ItalianThousands(s string) (groups int, ok bool) {
	parts := strings.Split(s, ".")
	if len(parts) < 2 {
		return 0, false
	}
	first := parts[0]
	if len(first) < 1 || len(first) > 3 || first[0] == '0' || !allDigits(first) {
		return 0, false
	}
	for _, p := range parts[1:] {
		if len(p) != 3 || !allDigits(p) {
			return 0, false
		}
	}
	return len(parts) - 1, true
}

// ThousandsReadings are the two ways to read s, found by ItalianThousands
// with groups dot groups, as Piano writes numbers: with dots between
// thousands (2.500 is 2500), and, for one group only, with a decimal point
// (2.500 is 2.5); decimal is empty for more groups (12.956.300 has no
// decimal reading).
func ThousandsReadings(s string, groups int) (thousands, decimal string) {
	thousands = strings.ReplaceAll(s, ".", "")
	if groups == 1 {
		decimal = strings.TrimSuffix(strings.TrimRight(s, "0"), ".")
	}
	return thousands, decimal
}

// ThousandsHint says how to write s, found by ItalianThousands with groups
// dot groups: without the dots, or (for one group) as a decimal.
func ThousandsHint(s string, groups int) string {
	plain, decimal := ThousandsReadings(s, groups)
	under := strings.ReplaceAll(s, ".", "_")
	h := "for thousands write " + plain + " or " + under
	if decimal != "" {
		h += "; if a decimal was meant, write " + decimal
	}
	return h
}

func allDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

// DecimalComma reads s (without its sign), a number written with a comma,
// as an Italian decimal: digits (or Italian thousands, 1.234) before one
// comma and digits after it. It returns the number as Piano writes it
// (41,8 is 41.8, 1.234,5 is 1234.5); ok is false for any other use of a
// comma (1,2,3 or 1,234.5), which has no single reading.
func DecimalComma(s string) (plain string, ok bool) {
	whole, frac, found := strings.Cut(s, ",")
	if !found || frac == "" || !allDigits(frac) || whole == "" {
		return "", false
	}
	if _, thousands := ItalianThousands(whole); thousands {
		whole = strings.ReplaceAll(whole, ".", "")
	}
	if !allDigits(strings.ReplaceAll(whole, "_", "")) || whole[0] == '_' || whole[len(whole)-1] == '_' || strings.Contains(whole, "__") {
		return "", false
	}
	return whole + "." + frac, true
}
