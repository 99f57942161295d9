package render_test

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"

	"github.com/piano-plan/piano"
	"github.com/piano-plan/piano/eval"
	"github.com/piano-plan/piano/lang"
	"github.com/piano-plan/piano/lang/diff"
	"github.com/piano-plan/piano/render"
)

const plan = `plan "P"
baseline years 2020..2020
target years 2021..2021
driver A "a" unit N
area 1 "A" weight 100% {
  objective 301 "O" weight 100% {
    indicators weight 100% {
      indicator I1 "i" weight 100% { unit N formula A target 2021: >= 3 }
    }
  }
}
`

func evaluate(t *testing.T) *eval.Result {
	t.Helper()
	p := piano.Load("p.plan", []byte(plan), piano.Options{Explain: true})
	values := p.NewData()
	values.Add("d.yaml", []byte("year: 2021\ndrivers:\n  A: 2\n"))
	r, diags, err := p.Evaluate(values, 2021)
	if err != nil || r == nil {
		t.Fatalf("evaluate: %v %v", err, diags)
	}
	return r
}

// TestOneRounding pins that a score prints alike in every output: the
// plan scores 2 / 3 = 66.666...%, which eval JSON, explain JSON and the
// table must all show rounded the same way.
func TestOneRounding(t *testing.T) {
	r := evaluate(t)
	var ev, ex, table bytes.Buffer
	if err := render.EvalJSON(&ev, r, nil); err != nil {
		t.Fatal(err)
	}
	if err := render.ExplainJSON(&ex, r.Explain("I1"), nil); err != nil {
		t.Fatal(err)
	}
	render.EvalTable(&table, r)
	var a struct {
		Score json.RawMessage `json:"score"`
	}
	var b struct {
		Score json.RawMessage `json:"score"`
		Plan  json.RawMessage `json:"plan_score"`
	}
	if err := json.Unmarshal(ev.Bytes(), &a); err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(ex.Bytes(), &b); err != nil {
		t.Fatal(err)
	}
	if string(a.Score) != "66.6667" || string(b.Plan) != "66.6667" || string(b.Score) != "66.6667" {
		t.Errorf("eval JSON score %s, explain JSON score %s and plan_score %s; want 66.6667 for all", a.Score, b.Score, b.Plan)
	}
	if !strings.Contains(table.String(), "Overall score for 2021: 66.67%\n") {
		t.Errorf("table:\n%s", table.String())
	}
}

// TestJSONUnescaped pins that every JSON output writes <, > and & as they
// are, the diagnostics too.
func TestJSONUnescaped(t *testing.T) {
	var b bytes.Buffer
	ds := lang.Diagnostics{{Severity: lang.Warning, Code: lang.WLoweredTarget, Summary: "target (>= 600) & <baseline>", File: "p.plan"}}
	if err := render.DiagnosticsJSON(&b, ds); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(b.String(), `"message": "target (>= 600) & <baseline>"`) {
		t.Errorf("diagnostics JSON escapes:\n%s", b.String())
	}
	b.Reset()
	render.DiagnosticsJSON(&b, nil)
	if !strings.Contains(b.String(), `"diagnostics": []`) {
		t.Errorf("no diagnostics: %q, want an empty list", b.String())
	}
}

// TestDiffJSONEmpty pins that a report without changes prints an empty
// list and is left as it was.
func TestDiffJSONEmpty(t *testing.T) {
	r := &diff.Report{Old: "a", New: "b"}
	var b bytes.Buffer
	if err := render.DiffJSON(&b, r, nil); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(b.String(), `"changes": []`) {
		t.Errorf("got %q", b.String())
	}
	if r.Changes != nil {
		t.Error("DiffJSON changed the report")
	}
}
