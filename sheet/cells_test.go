package sheet

import "testing"

func TestCells(t *testing.T) {
	values := []struct{ in, lit, unit string }{
		{"807 N.", "807", "N"},
		{"1.435 N.", "1_435", "N"},
		{"12.956.300.000,00 €", "12_956_300_000.00", "EUR"},
		{"€ 1.000", "1_000", "EUR"},
		{"66,30%", "66.30%", "%"},
		{"65,00 %", "65.00%", "%"},
		{"3,40 gg", "3.40", "gg"},
		{"-18,12", "-18.12", ""},
		{"N/D", "N/D", ""},
		{"n.d.", "N/D", ""},
		{"31-10-2021", "2021-10-31", "date"},
		{"31/10/2021", "2021-10-31", "date"},
		{"1.42", "", ""},       // a dot is for thousands: refused
		{"1,2,3", "", ""},      // no single reading
		{"12 pezzi", "", ""},   // an unknown unit
		{"31-02-2021", "", ""}, // not a day
	}
	for _, v := range values {
		lit, unit, p := parseValue(cell{text: v.in})
		if v.lit == "" {
			if p == nil {
				t.Errorf("parseValue(%q) = %q, want an error", v.in, lit)
			}
			continue
		}
		if p != nil || lit != v.lit || unit != v.unit {
			t.Errorf("parseValue(%q) = %q %q %v, want %q %q", v.in, lit, unit, p, v.lit, v.unit)
		}
	}
	targets := []struct{ in, lit string }{
		{">= 900 N.", ">= 900"},
		{"<= 3,40 gg", "<= 3.40"},
		{"≥ 65,00 %", ">= 65.00%"},
		{"= 100%", "= 100%"},
		{"Entro 31-10-2021", "by 2021-10-31"},
		{"entro il 30/06/2021", "by 2021-06-30"},
		{"tra 10 e 20 N.", "10..20"},
		{"N/D", "N/D"},
		{"900 N.", ""}, // no comparator: never guessed
		{">= N/D", ""}, // nothing to compare with
		{"Entro giugno", ""},
	}
	for _, c := range targets {
		lit, _, p := parseTarget(cell{text: c.in})
		if c.lit == "" {
			if p == nil {
				t.Errorf("parseTarget(%q) = %q, want an error", c.in, lit)
			}
			continue
		}
		if p != nil || lit != c.lit {
			t.Errorf("parseTarget(%q) = %q %v, want %q", c.in, lit, p, c.lit)
		}
	}
	if _, _, p := parseTarget(cell{text: "900", num: true}); p == nil {
		t.Error("a number cell as a target has no comparator: want an error")
	}
	weights := []struct {
		c   cell
		lit string
	}{
		{cell{text: "25%"}, "25%"}, {cell{text: "25"}, "25%"}, {cell{text: "25,5%"}, "25.5%"}, {cell{text: "33,34 %"}, "33.34%"},
		{cell{text: "25", num: true, pct: true}, "25%"}, {cell{text: "venti"}, ""}, {cell{text: "0.3", formula: true}, ""},
	}
	for _, w := range weights {
		lit, p := parseWeight(w.c)
		if w.lit == "" {
			if p == nil {
				t.Errorf("parseWeight(%+v) = %q, want an error", w.c, lit)
			}
			continue
		}
		if p != nil || lit != w.lit {
			t.Errorf("parseWeight(%+v) = %q %v, want %q", w.c, lit, p, w.lit)
		}
	}
}

func TestSplitAlgorithm(t *testing.T) {
	none := &drivers{byCode: map[string]*driver{}}
	cases := []struct{ in, words, formula string }{
		{"Valore esportazioni Driver_Export", "Valore esportazioni", "Driver_Export"},
		{"(Imprese + Partecipanti) / 1 (D1.1_2 + D1.1_1) / 1", "(Imprese + Partecipanti) / 1", "(D1.1_2 + D1.1_1) / 1"},
		{"Self assessment * 1000 / Imprese iscritte D2.1_31 * 1000 / S0", "Self assessment * 1000 / Imprese iscritte", "D2.1_31 * 1000 / S0"},
		{"Numero imprese\nA_1 + B_2", "Numero imprese", "A_1 + B_2"},
		{"Numero imprese\nTotale", "Numero imprese\nTotale", ""}, // a word is not a formula
		{"Numero di verbali istruiti / verbali ricevuti", "Numero di verbali istruiti / verbali ricevuti", ""},
	}
	for _, c := range cases {
		w, f := splitAlgorithm(c.in, none, false)
		if w != c.words || f != c.formula {
			t.Errorf("splitAlgorithm(%q) = %q, %q; want %q, %q", c.in, w, f, c.words, c.formula)
		}
	}
}
