package lang

import "testing"

func TestItalianThousands(t *testing.T) {
	for _, c := range []struct {
		in   string
		ok   bool
		hint string
	}{
		{"2.500", true, "for thousands write 2500 or 2_500; if a decimal was meant, write 2.5"},
		{"2.000", true, "for thousands write 2000 or 2_000; if a decimal was meant, write 2"},
		{"12.956.300.000", true, "for thousands write 12956300000 or 12_956_300_000"},
		{"3.40", false, ""},
		{"0.500", false, ""},
		{"33.34", false, ""},
		{"2500", false, ""},
		{"1234.567", false, ""},
	} {
		groups, ok := ItalianThousands(c.in)
		if ok != c.ok {
			t.Errorf("ItalianThousands(%q) = %v, want %v", c.in, ok, c.ok)
			continue
		}
		if ok {
			if h := ThousandsHint(c.in, groups); h != c.hint {
				t.Errorf("ThousandsHint(%q) = %q, want %q", c.in, h, c.hint)
			}
		}
	}
}

func TestDecimalComma(t *testing.T) {
	for _, c := range []struct {
		in, plain string
		ok        bool
	}{
		{"41,8", "41.8", true},
		{"3,40", "3.40", true},
		{"0,5", "0.5", true},
		{"1.234,5", "1234.5", true},
		{"12.956.300,25", "12956300.25", true},
		{"1_234,5", "1_234.5", true},
		{"1,2,3", "", false},
		{"1,234.5", "", false},
		{"1.5,3", "", false},
		{"1,", "", false},
		{",5", "", false},
		{"1__2,5", "", false},
		{"41.8", "", false},
	} {
		plain, ok := DecimalComma(c.in)
		if ok != c.ok || plain != c.plain {
			t.Errorf("DecimalComma(%q) = %q, %v; want %q, %v", c.in, plain, ok, c.plain, c.ok)
		}
	}
}

func TestFigures(t *testing.T) {
	pf := func(x float64) *float64 { return &x }
	tenth := 0.1
	for _, c := range []struct{ got, want string }{
		{Figure(93.7093677892156), "93.7094"},
		{Figure(20), "20"},
		{Figure(33.33335), "33.3334"},
		{Number(1234.5678919, ValueDecimals), "1234.567892"},
		{Plain(tenth + 0.2), "0.30000000000000004"},
		{Percent(pf(93.7093677892156)), "93.71%"},
		{Percent(pf(100)), "100.00%"},
		{Percent(nil), "N/D"},
	} {
		if c.got != c.want {
			t.Errorf("got %q, want %q", c.got, c.want)
		}
	}
}
