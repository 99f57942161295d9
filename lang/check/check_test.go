package check_test

import (
	"bytes"
	"os"
	"testing"

	"github.com/piano-plan/piano/lang"
	"github.com/piano-plan/piano/lang/check"
	"github.com/piano-plan/piano/lang/syntax"
)

func load(t testing.TB, path string) (*check.Plan, lang.Diagnostics, []byte) {
	t.Helper()
	src, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	f, diags := syntax.Parse(path, src)
	if diags.HasErrors() {
		var b bytes.Buffer
		lang.WriteText(&b, diags, lang.Sources{path: src})
		t.Fatalf("syntax errors:\n%s", b.String())
	}
	p, more := check.Check(f)
	return p, more, src
}

// TestModena checks the shipped example: no errors, and only the warnings
// its comments explain (lowered targets, zero weights).
func TestModena(t *testing.T) {
	const path = "../../examples/modena-2021.plan"
	p, diags, src := load(t, path)
	if diags.HasErrors() {
		var b bytes.Buffer
		lang.WriteText(&b, diags, lang.Sources{path: src})
		t.Fatalf("errors in the example:\n%s", b.String())
	}
	for _, d := range diags {
		if d.Code != lang.WLoweredTarget && d.Code != lang.WZeroWeight {
			t.Errorf("unexpected warning %s at %s: %s", d.Code, d.Where(), d.Summary)
		}
	}
	if got := len(p.Root.Children); got != 3 {
		t.Errorf("%d areas, want 3", got)
	}
	for _, code := range []string{"301.S0", "301.S1", "31.D1.1_1", "31.D1.2_3", "41.D2.1_1", "70.D5.1_1", "802.S1", "71.C2.4_01", "82.A1.2_1"} {
		if p.Indicators[code] == nil {
			if n := find(p.Root, code); n == nil || n.Indicator == nil {
				t.Errorf("indicator %s is missing", code)
			}
		}
	}
}

func find(n *check.Node, code string) *check.Node {
	if n.Code == code {
		return n
	}
	for _, c := range n.Children {
		if f := find(c, code); f != nil {
			return f
		}
	}
	return nil
}
