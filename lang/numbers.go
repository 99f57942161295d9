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

// ThousandsHint says how to write s, found by ItalianThousands with groups
// dot groups: without the dots, or (for one group) as a decimal.
func ThousandsHint(s string, groups int) string {
	plain := strings.ReplaceAll(s, ".", "")
	under := strings.ReplaceAll(s, ".", "_")
	h := "for thousands write " + plain + " or " + under
	if groups == 1 {
		h += "; if a decimal was meant, write " + strings.TrimSuffix(strings.TrimRight(s, "0"), ".")
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
