package unit

import "testing"

func TestAlgebra(t *testing.T) {
	tests := []struct {
		got  Unit
		want string
	}{
		{GG.Mul(EUR), "gg*EUR"},
		{GG.Mul(EUR).Div(EUR), "gg"},
		{N.Div(N), "ratio"},
		{EUR.Div(N), "EUR/N"},
		{Ratio.Div(GG), "1/gg"},
		{N.Mul(N), "N*N"},
		{Pct.Div(Pct), "ratio"},
		{Date, "date"},
	}
	for _, tt := range tests {
		if tt.got.String() != tt.want {
			t.Errorf("got %s, want %s", tt.got, tt.want)
		}
	}
	if GG.Mul(EUR).Div(EUR) != GG {
		t.Error("gg*EUR/EUR is not equal to gg")
	}
	for _, n := range Names() {
		u, ok := Lookup(n)
		if !ok || u.String() != n {
			t.Errorf("Lookup(%q) = %s, %v", n, u, ok)
		}
	}
	if _, ok := Lookup("kg"); ok {
		t.Error("Lookup(kg) succeeded")
	}
}
