package lang

import (
	"math"
	"testing"
	"time"
)

func TestItalian(t *testing.T) {
	f := func(x float64) *float64 { return &x }
	tests := []struct{ got, want string }{
		{Italian.Number(2500, 4), "2.500"},
		{Italian.Number(1234567.891, 2), "1.234.567,89"},
		{Italian.Number(0.5, 4), "0,5"},
		{Italian.Number(999, 0), "999"},
		{Italian.Number(-2500.25, 4), "-2.500,25"},
		{Italian.Number(1e21, 0), "1.000.000.000.000.000.000.000"},
		{Italian.Number(math.NaN(), 2), "NaN"},
		{Italian.Number(math.Inf(1), 2), "+Inf"},
		{Italian.Fixed(93.7, 2), "93,70"},
		{Italian.Percent(f(54.164)), "54,16%"},
		{Italian.Percent(f(93.7094)), "93,71%"},
		{Italian.Percent(f(100)), "100,00%"},
		{Italian.Percent(nil), "N/D"},
		{Italian.Euro(472300.5), "472.300,50\u00a0€"},
		{Italian.Euro(-12), "-12,00\u00a0€"},
		{Italian.Figure(33.333333), "33,3333"},
		{Italian.Date(time.Date(2021, 10, 31, 0, 0, 0, 0, time.UTC)), "31/10/2021"},
		{Italian.Date(time.Date(2021, 1, 5, 0, 0, 0, 0, time.UTC)), "05/01/2021"},
	}
	for _, tt := range tests {
		if tt.got != tt.want {
			t.Errorf("got %q, want %q", tt.got, tt.want)
		}
	}
	// The Italian percent rounds as Percent does.
	for _, x := range []float64{93.705, 0.125, 99.995, 12.345} {
		if it, en := Italian.Percent(&x), Percent(&x); it != replaceDot(en) {
			t.Errorf("%v: Italian %s, Percent %s", x, it, en)
		}
	}
}

func replaceDot(s string) string {
	b := []byte(s)
	for i := range b {
		if b[i] == '.' {
			b[i] = ','
		}
	}
	return string(b)
}
