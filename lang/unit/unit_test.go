package unit

import "testing"

// must drops the bound check of an operation the test knows is in bounds.
func must(u Unit, ok bool) Unit {
	if !ok {
		panic("exponent out of bounds")
	}
	return u
}

func TestAlgebra(t *testing.T) {
	tests := []struct {
		got  Unit
		want string
	}{
		{must(GG.Mul(EUR)), "gg*EUR"},
		{must(must(GG.Mul(EUR)).Div(EUR)), "gg"},
		{must(N.Div(N)), "ratio"},
		{must(EUR.Div(N)), "EUR/N"},
		{must(Ratio.Div(GG)), "1/gg"},
		{must(N.Mul(N)), "N*N"},
		{must(Pct.Div(Pct)), "ratio"},
		{Date, "date"},
	}
	for _, tt := range tests {
		if tt.got.String() != tt.want {
			t.Errorf("got %s, want %s", tt.got, tt.want)
		}
	}
	if must(must(GG.Mul(EUR)).Div(EUR)) != GG {
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

// power returns u multiplied by itself n times (n >= 1), or divided into 1
// for negative n, stopping at the first operation out of bounds.
func power(u Unit, n int) (Unit, bool) {
	out, ok := Ratio, true
	for range max(n, -n) {
		if n > 0 {
			out, ok = out.Mul(u)
		} else {
			out, ok = out.Div(u)
		}
		if !ok {
			return out, false
		}
	}
	return out, true
}

func TestExponentBound(t *testing.T) {
	tests := []struct {
		u     Unit
		n     int
		ok    bool
		power int
	}{
		{N, 1, true, 1},
		{N, MaxExponent, true, MaxExponent},
		{N, MaxExponent + 1, false, MaxExponent + 1},
		{N, 257, false, MaxExponent + 1}, // wrapped around to N in int8 before
		{GG, -MaxExponent, true, -MaxExponent},
		{GG, -MaxExponent - 1, false, -MaxExponent - 1},
		{EUR, 128, false, MaxExponent + 1},
	}
	for _, tt := range tests {
		u, ok := power(tt.u, tt.n)
		p, _ := u.Exponent()
		if ok != tt.ok || p != tt.power {
			t.Errorf("%s^%d: ok %v, power %d; want %v, %d", tt.u, tt.n, ok, p, tt.ok, tt.power)
		}
	}
	// A bounded unit divided by itself is a ratio whatever its powers.
	u, _ := power(N, MaxExponent)
	if r, ok := u.Div(u); !ok || r != Ratio {
		t.Errorf("N^8 / N^8 = %s, %v", r, ok)
	}
}
