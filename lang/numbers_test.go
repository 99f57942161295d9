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
