package ast

import "testing"

func TestIsNumber(t *testing.T) {
	for s, want := range map[string]bool{
		"0": true, "700": true, "3.40": true, "12_956_300_000": true, "1e6": true, "1E400": true, "8.5e3": true,
		"": false, "_1": false, "1_": false, "1__0": false, "1.": false, ".5": false, "1e": false, "1.2.3": false,
		"D1": false, "301.S0": false, "1e+5": false, "12x": false, "1_000.5_5": true,
	} {
		if got := IsNumber(s); got != want {
			t.Errorf("IsNumber(%q) = %v, want %v", s, got, want)
		}
	}
}
