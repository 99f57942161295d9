package lsp

import "testing"

// TestUnquoted checks the line scanners that completion and the quick
// fixes read a partial line with: strings and backquoted names do not
// count, nor what follows a comment.
func TestUnquoted(t *testing.T) {
	for _, tc := range []struct {
		line     string
		stripped string
		parens   bool
	}{
		{`formula (A + 3,4`, `formula (A + 3,4`, true},
		{`formula (A + B) / 3,4`, `formula (A + B) / 3,4`, false},
		{`note "(aperta" formula 3,4`, `note  formula 3,4`, false},
		{"formula `D (x` + 3,4", "formula  + 3,4", false},
		{`note "a \"(\" b" (3,4`, `note  (3,4`, true},
		{`formula A // (3,4`, `formula A // (3,4`, false},
		{`formula (A # commento`, `formula (A # commento`, true},
		{`driver X "a = b" unit N`, `driver X  unit N`, false},
	} {
		if got := stripQuoted(tc.line); got != tc.stripped {
			t.Errorf("stripQuoted(%q) = %q, want %q", tc.line, got, tc.stripped)
		}
		if got := inParens(tc.line); got != tc.parens {
			t.Errorf("inParens(%q) = %v, want %v", tc.line, got, tc.parens)
		}
	}
	// A derived driver's formula is after its "=", not inside its name.
	for line, want := range map[string]bool{
		`driver B "b" unit N = A`:     true,
		`driver B "b = c" unit N`:     false,
		"driver `B = c` \"b\" unit N": false,
		`formula A +`:                 true,
		`target 2021: >= 5`:           false,
	} {
		if got := inFormula(line); got != want {
			t.Errorf("inFormula(%q) = %v, want %v", line, got, want)
		}
	}
}
