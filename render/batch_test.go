package render

import (
	"fmt"
	"strings"
	"testing"

	"github.com/piano-plan/piano"
)

// TestBatchRanking: bodies ranked by their mean over the years with a
// score, best first, equals in the order they came, a body with no score
// N/D (ranked as 0), the failed ones listed after, in the order they came.
func TestBatchRanking(t *testing.T) {
	score := func(v float64) *float64 { return &v }
	var rk BatchRanking
	for _, body := range [][]piano.BodyYear{
		{{Body: "a", Year: 2021, Score: score(80)}, {Body: "a", Year: 2022, Score: score(90)}},
		{{Body: "broken", Err: "broken.plan:1:1: error[E007]: no baseline years"}},
		{{Body: "nd", Year: 2021}},
		{{Body: "b", Year: 2021, Score: score(85)}, {Body: "b", Year: 2022}},
		{{Body: "c", Year: 2021, Score: score(100)}},
		{{Body: "gone", Err: "gone.plan: no such file"}},
		{{Body: "zero", Year: 2021, Score: score(0)}},
	} {
		rk.Add(body)
	}
	var out strings.Builder
	if failed := rk.Write(&out); failed != 2 {
		t.Errorf("%d failed, want 2", failed)
	}
	want := `Ranking of 5 bodies (mean score over the years evaluated):
   1. c  100.00%
   2. a  85.00%
   3. b  85.00%
   4. nd  N/D
   5. zero  0.00%
Failed (2): broken, gone
`
	if out.String() != want {
		t.Errorf("got\n%s\nwant\n%s", out.String(), want)
	}
}

// TestBatchRankingMany: past 64 bodies (the bits of one word of the
// scored set) every body keeps its own name and mean.
func TestBatchRankingMany(t *testing.T) {
	var rk BatchRanking
	for i := range 200 {
		v := float64(i)
		var s *float64
		if i%3 != 0 {
			s = &v
		}
		rk.Add([]piano.BodyYear{{Body: fmt.Sprintf("b%03d", i), Year: 2021, Score: s}})
	}
	var out strings.Builder
	rk.Write(&out)
	lines := strings.Split(strings.TrimSuffix(out.String(), "\n"), "\n")[1:]
	if len(lines) != 200 {
		t.Fatalf("%d lines, want 200", len(lines))
	}
	if lines[0] != "   1. b199  199.00%" {
		t.Errorf("first line %q", lines[0])
	}
	for _, l := range lines {
		var place, i int
		var rest string
		if _, err := fmt.Sscanf(strings.TrimSpace(l), "%d. b%d %s", &place, &i, &rest); err != nil {
			t.Fatalf("%q: %v", l, err)
		}
		want := fmt.Sprintf("%d.00%%", i)
		if i%3 == 0 {
			want = "N/D"
		}
		if rest != want {
			t.Errorf("%q: body %d shows %s, want %s", l, i, rest, want)
		}
	}
}
