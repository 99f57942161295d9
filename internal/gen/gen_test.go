package gen

import (
	"bytes"
	"fmt"
	"os"
	"testing"

	"github.com/piano-plan/piano/data"
	"github.com/piano-plan/piano/eval"
	"github.com/piano-plan/piano/lang"
	"github.com/piano-plan/piano/lang/check"
	"github.com/piano-plan/piano/lang/format"
	"github.com/piano-plan/piano/lang/syntax"
)

// checked parses and checks src as piano check does, failing on any error.
func checked(t *testing.T, name string, src []byte) *check.Plan {
	t.Helper()
	f, diags := syntax.Parse(name, src)
	if f == nil || diags.HasErrors() {
		t.Fatalf("%s does not parse:\n%s", name, render(diags, name, src))
	}
	p, diags := check.Check(f)
	if diags.HasErrors() {
		t.Fatalf("%s does not check:\n%s", name, render(diags, name, src))
	}
	return p
}

func render(diags lang.Diagnostics, name string, src []byte) string {
	var b bytes.Buffer
	lang.WriteText(&b, onlyErrors(diags), lang.Sources{name: src})
	return b.String()
}

func onlyErrors(diags lang.Diagnostics) lang.Diagnostics {
	var out lang.Diagnostics
	for _, d := range diags {
		if d.Severity == lang.Error {
			out = append(out, d)
		}
	}
	return out
}

// TestPlan1k generates a plan of 1,000 indicators and data for it, and runs
// them through the whole pipeline: parse, check, compile, bind, evaluate.
func TestPlan1k(t *testing.T) {
	const name = "gen.plan"
	src := Plan(1000, 1)
	p := checked(t, name, src)
	if n := len(p.IndicatorOrder); n < 1000 || n > 1100 {
		t.Errorf("Plan(1000) has %d indicators, want about 1000", n)
	}
	if n := len(p.Root.Children); n < 3 || n > 10 {
		t.Errorf("Plan(1000) has %d areas, want 3-10", n)
	}
	if n := len(p.Drivers); n < len(p.IndicatorOrder) {
		t.Errorf("Plan(1000) declares %d drivers for %d indicators, want about one per indicator or more", n, len(p.IndicatorOrder))
	}
	ev, err := eval.Compile(p)
	if err != nil {
		t.Fatal(err)
	}
	if ds := ev.CheckBaselines(); ds.HasErrors() {
		t.Errorf("CheckBaselines reports errors:\n%s", render(ds, name, src))
	}

	text := Data(src, 2021, 1)
	entries, diags := data.Parse("gen.yaml", text, 0)
	if diags.HasErrors() {
		t.Fatalf("the data do not parse:\n%s", render(diags, "gen.yaml", text))
	}
	given := map[string]bool{}
	for _, e := range entries {
		given[e.Code] = true
	}
	for _, d := range p.DriverOrder {
		if !d.Derived() && !given[d.Code] {
			t.Errorf("the data give no value for driver %s", d.Code)
		}
	}
	bound, diags := eval.Bind(p, entries)
	if len(diags) > 0 {
		t.Fatalf("the data do not bind:\n%s", render(diags, "gen.yaml", text))
	}
	r := ev.Evaluate(bound, 2021)
	if r.Diagnostics.HasErrors() {
		t.Errorf("Evaluate reports errors:\n%s", render(r.Diagnostics, name, src))
	}
	if r.Root.Score == nil {
		t.Error("the plan has no overall score")
	}
}

// TestPlanSizes checks small plans of many seeds, including the smallest,
// and that they are laid out as piano fmt lays them out.
func TestPlanSizes(t *testing.T) {
	for _, n := range []int{0, 1, 10, 50, 200} {
		for seed := range int64(5) {
			name := fmt.Sprintf("gen-%d-%d.plan", n, seed)
			src := Plan(n, seed)
			p := checked(t, name, src)
			if out, err := format.Source(p.File); err != nil || !bytes.Equal(out, src) {
				t.Errorf("%s is not in piano fmt's layout", name)
			}
			if got := len(p.IndicatorOrder); got < n {
				t.Errorf("%s has %d indicators, want at least %d", name, got, n)
			}
			if got := len(p.Root.Children); got < 3 || got > 10 {
				t.Errorf("%s has %d areas, want 3-10", name, got)
			}
		}
	}
}

func TestDeterministic(t *testing.T) {
	a, b := Plan(300, 42), Plan(300, 42)
	if !bytes.Equal(a, b) {
		t.Error("Plan(300, 42) differs between two calls")
	}
	if bytes.Equal(a, Plan(300, 43)) {
		t.Error("Plan(300, 42) and Plan(300, 43) are the same")
	}
	if !bytes.Equal(Data(a, 2021, 5), Data(b, 2021, 5)) {
		t.Error("Data differs between two calls")
	}
}

// TestDataModena reads the drivers of the hand-written example, whose
// declarations Data must read as well as generated ones.
func TestDataModena(t *testing.T) {
	const name = "../../examples/modena-2021.plan"
	src, err := os.ReadFile(name)
	if err != nil {
		t.Fatal(err)
	}
	p := checked(t, name, src)
	decls := declaredDrivers(src)
	if len(decls) != len(p.Drivers) {
		t.Errorf("found %d driver declarations, the plan has %d drivers", len(decls), len(p.Drivers))
	}
	for _, d := range decls {
		pd := p.Drivers[d.code]
		if pd == nil {
			t.Errorf("driver %q is not in the plan", d.code)
			continue
		}
		if got, want := d.unit, pd.Unit.String(); got != want {
			t.Errorf("driver %s: unit %q, the plan says %q", d.code, got, want)
		}
	}
	text := Data(src, 2021, 1)
	entries, diags := data.Parse("modena.yaml", text, 0)
	if diags.HasErrors() {
		t.Fatalf("the data do not parse:\n%s", render(diags, "modena.yaml", text))
	}
	if _, diags := eval.Bind(p, entries); len(diags) > 0 {
		t.Fatalf("the data do not bind:\n%s", render(diags, "modena.yaml", text))
	}
}
