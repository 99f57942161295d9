package diff_test

import (
	"testing"

	"github.com/piano-plan/piano/lang/check"
	"github.com/piano-plan/piano/lang/diff"
	"github.com/piano-plan/piano/lang/syntax"
)

func plan(t *testing.T, targets string) *check.Plan {
	t.Helper()
	src := `plan "P"
baseline years 2018..2020
target years 2021..2023
driver D "d" unit N
area 1 "A" weight 100% {
  objective 301 "O" weight 100% {
    indicators weight 100% {
      indicator 301.S1 "I" weight 100% {
        unit N
        formula D
        ` + targets + `
      }
    }
  }
}
`
	f, diags := syntax.Parse("p.plan", []byte(src))
	if diags.HasErrors() {
		t.Fatal(diags[0].Summary)
	}
	p, _ := check.Check(f)
	return p
}

// TestTargetKinds pins how a change of one year's target is named, in both
// directions and for targets that appear, disappear or become N/D.
func TestTargetKinds(t *testing.T) {
	tests := []struct {
		old, new string
		want     diff.Kind
	}{
		{"target 2021: >= 10", "target 2021: >= 12", diff.TargetRaised},
		{"target 2021: >= 10", "target 2021: >= 8", diff.TargetLowered},
		{"target 2021: <= 10", "target 2021: <= 8", diff.TargetRaised},
		{"target 2021: <= 10", "target 2021: <= 12", diff.TargetLowered},
		{"target 2021: >= 10", "target 2021: <= 10", diff.TargetChanged},
		{"target 2021: >= 10", "target 2021: 5..15", diff.TargetChanged},
		{"", "target 2021: >= 10", diff.TargetAdded},
		{"target 2021: >= 10", "", diff.TargetRemoved},
		{"target 2021: N/D", "target 2021: >= 10", diff.TargetAdded},
		{"target 2021: >= 10", "target 2021: N/D", diff.TargetRemoved},
	}
	for _, tt := range tests {
		r := diff.Compare(plan(t, tt.old), plan(t, tt.new))
		if len(r.Changes) != 1 || r.Changes[0].Kind != tt.want || r.Changes[0].Year != 2021 {
			t.Errorf("%q -> %q: %+v, want one %q for 2021", tt.old, tt.new, r.Changes, tt.want)
		}
	}
}

// TestTextClass pins that owner, note and algorithm changes are text changes,
// placed at their line, and that a score change is not one.
func TestTextClass(t *testing.T) {
	tests := []struct {
		old, new string
		want     diff.Kind
		class    diff.Class
		line     int
	}{
		{`owner "A"`, `owner "B"`, diff.OwnerChanged, diff.ClassText, 11},
		{``, `note "N"`, diff.NoteChanged, diff.ClassText, 11},
		{`algorithm "x"`, ``, diff.AlgorithmChanged, diff.ClassText, 11},
		{`target 2021: >= 10`, `target 2021: >= 12`, diff.TargetRaised, "", 0},
	}
	for _, tt := range tests {
		r := diff.Compare(plan(t, tt.old), plan(t, tt.new))
		if len(r.Changes) != 1 {
			t.Errorf("%q -> %q: %+v, want one change", tt.old, tt.new, r.Changes)
			continue
		}
		c := r.Changes[0]
		if c.Kind != tt.want || c.Class != tt.class || c.Kind.Class() != tt.class {
			t.Errorf("%q -> %q: %q class %q, want %q class %q", tt.old, tt.new, c.Kind, c.Class, tt.want, tt.class)
		}
		line := 0
		if c.At != nil {
			line = c.At.Line
		}
		if line != tt.line {
			t.Errorf("%q -> %q: at line %d, want %d", tt.old, tt.new, line, tt.line)
		}
	}
}
