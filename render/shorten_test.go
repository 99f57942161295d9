package render

import "testing"

func TestShorten(t *testing.T) {
	for _, tc := range []struct {
		in   string
		n    int
		want string
	}{
		{"", 5, ""},
		{"Entro", 5, "Entro"},
		{"Entrate", 5, "Entr…"},
		{"attività", 8, "attività"},
		{"attività svolte", 9, "attività…"},
		{"àèìòùàèìòù", 4, "àèì…"},
	} {
		if got := shorten(tc.in, tc.n); got != tc.want {
			t.Errorf("shorten(%q, %d) = %q, want %q", tc.in, tc.n, got, tc.want)
		}
	}
}
