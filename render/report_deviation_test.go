package render

import (
	"testing"
	"time"

	"github.com/piano-plan/piano/data"
	"github.com/piano-plan/piano/eval"
	"github.com/piano-plan/piano/lang/ast"
	"github.com/piano-plan/piano/lang/unit"
)

func TestDeviation(t *testing.T) {
	num := func(x float64) ast.Value { return ast.Value{Kind: ast.NumberValue, Number: ast.Number{Value: x}} }
	pct := func(x float64) ast.Value { v := num(x); v.Percent = true; return v }
	day := func(s string) time.Time { d, _ := time.Parse("2006-01-02", s); return d }
	date := func(s string) ast.Value { return ast.Value{Kind: ast.DateValue, Date: day(s), Text: s} }
	high := num(20)
	tests := []struct {
		name   string
		target *ast.Target
		value  data.Datum
		u      unit.Unit
		want   string
	}{
		{"below at least", &ast.Target{Op: ast.AtLeast, Value: num(900)}, data.Datum{Number: 780}, unit.N, "−120"},
		{"above at least", &ast.Target{Op: ast.AtLeast, Value: num(700)}, data.Datum{Number: 2712}, unit.N, "+2.012"},
		{"at most, over", &ast.Target{Op: ast.AtMost, Value: num(30)}, data.Datum{Number: 32.5}, unit.GG, "+2,5\u00a0gg"},
		{"met exactly", &ast.Target{Op: ast.Equal, Value: num(5)}, data.Datum{Number: 5}, unit.N, "0"},
		{"percentage points", &ast.Target{Op: ast.AtLeast, Value: pct(60)}, data.Datum{Number: 54.164}, unit.Pct, "−5,84\u00a0p.p."},
		{"euro", &ast.Target{Op: ast.AtLeast, Value: num(500000)}, data.Datum{Number: 472300.5}, unit.EUR, "−27.699,50\u00a0€"},
		{"inside a range", &ast.Target{Op: ast.Between, Value: num(10), High: &high}, data.Datum{Number: 15}, unit.N, "0"},
		{"below a range", &ast.Target{Op: ast.Between, Value: num(10), High: &high}, data.Datum{Number: 7}, unit.N, "−3"},
		{"above a range", &ast.Target{Op: ast.Between, Value: num(10), High: &high}, data.Datum{Number: 26}, unit.N, "+6"},
		{"deadline late", &ast.Target{Op: ast.By, Value: date("2021-10-31")}, data.Datum{Kind: data.DateDatum, Date: day("2021-11-12")}, unit.Date, "+12\u00a0gg"},
		{"deadline early", &ast.Target{Op: ast.By, Value: date("2021-10-31")}, data.Datum{Kind: data.DateDatum, Date: day("2021-10-01")}, unit.Date, "−30\u00a0gg"},
		{"deadline not done", &ast.Target{Op: ast.By, Value: date("2021-10-31")}, data.Datum{Kind: data.NotDoneDatum}, unit.Date, ""},
		{"N/D value", &ast.Target{Op: ast.AtLeast, Value: num(900)}, data.Datum{Kind: data.NotAvailableDatum}, unit.N, ""},
		{"no target", &ast.Target{Op: ast.NoTarget}, data.Datum{Number: 3}, unit.N, ""},
		{"none at all", nil, data.Datum{Number: 3}, unit.N, ""},
	}
	for _, tt := range tests {
		iv := &eval.IndicatorValue{Target: tt.target, Value: tt.value}
		if got := deviation(iv, tt.u); got != tt.want {
			t.Errorf("%s: scostamento %q, want %q", tt.name, got, tt.want)
		}
	}
}

func TestTargetText(t *testing.T) {
	num := ast.Value{Kind: ast.NumberValue, Number: ast.Number{Value: 2500}}
	high := ast.Value{Kind: ast.NumberValue, Number: ast.Number{Value: 3000.5}}
	d, _ := time.Parse("2006-01-02", "2021-10-31")
	tests := []struct {
		t    *ast.Target
		u    unit.Unit
		want string
	}{
		{&ast.Target{Op: ast.AtLeast, Value: num}, unit.N, "≥ 2.500"},
		{&ast.Target{Op: ast.AtMost, Value: num}, unit.EUR, "≤ 2.500,00\u00a0€"},
		{&ast.Target{Op: ast.Between, Value: num, High: &high}, unit.N, "da 2.500 a 3.000,5"},
		{&ast.Target{Op: ast.By, Value: ast.Value{Kind: ast.DateValue, Date: d}}, unit.Date, "entro il 31/10/2021"},
		{&ast.Target{Op: ast.NoTarget}, unit.N, "N/D"},
		{nil, unit.N, "—"},
	}
	for _, tt := range tests {
		if got := targetText(tt.t, tt.u); got != tt.want {
			t.Errorf("got %q, want %q", got, tt.want)
		}
	}
}
