package eval

import (
	"math"
	"math/rand/v2"
	"strconv"
	"testing"
	"time"

	"github.com/piano-plan/piano/lang/ast"
	"github.com/piano-plan/piano/lang/check"
)

func day(s string) time.Time {
	t, err := time.Parse(time.DateOnly, s)
	if err != nil {
		panic(err)
	}
	return t
}

func target(op ast.Op, v float64) ast.Target {
	return ast.Target{Op: op, Value: ast.Value{Kind: ast.NumberValue, Number: ast.Number{Value: v}}}
}

func deadlineTarget(d string) ast.Target {
	return ast.Target{Op: ast.By, Value: ast.Value{Kind: ast.DateValue, Date: day(d), Text: d}}
}

// TestScore pins the achievement of every policy and edge case; each want
// is worked out by hand in the comment beside it.
func TestScore(t *testing.T) {
	ratio := check.DefaultPolicy
	cap120 := check.Policy{Kind: check.Ratio, Cap: 120}
	threshold := check.Policy{Kind: check.Threshold, Cap: 100}
	linear := check.Policy{Kind: check.Linear, Cap: 100}
	floor50 := check.Policy{Kind: check.Ratio, Cap: 100, Floor: 50}
	late2 := check.Policy{Kind: check.Ratio, Cap: 100, Late: 2}
	rangeT := ast.Target{Op: ast.Between, Value: ast.Value{Number: ast.Number{Value: 10}}, High: &ast.Value{Number: ast.Number{Value: 20}}}
	nan := math.NaN()
	tests := []struct {
		name     string
		policy   check.Policy
		target   ast.Target
		value    float64
		done     string
		baseline float64
		want     float64
	}{
		{"at least, partial", ratio, target(ast.AtLeast, 900), 750, "", nan, 83.3333},   // 750/900
		{"at least, over, capped", ratio, target(ast.AtLeast, 900), 1000, "", nan, 100}, // 111% capped at 100
		{"at least, over, cap 120", cap120, target(ast.AtLeast, 900), 1000, "", nan, 111.1111},
		{"at least, way over, cap 120", cap120, target(ast.AtLeast, 900), 2000, "", nan, 120},
		{"at least, zero value", ratio, target(ast.AtLeast, 25), 0, "", nan, 0}, // met/not met: not met
		{"at most, partial", ratio, target(ast.AtMost, 3.4), 4, "", nan, 85},    // 3.4/4
		{"at most, met", ratio, target(ast.AtMost, 3.4), 3, "", nan, 100},       // 3.4/3 = 113% capped
		{"at most, met, cap 120", cap120, target(ast.AtMost, 3.4), 3, "", nan, 113.3333},
		{"at most, negative target met", ratio, target(ast.AtMost, -18), -19.5, "", nan, 100}, // T <= 0: met
		{"at most, negative target missed", ratio, target(ast.AtMost, -18), -17, "", nan, 0},
		{"at least, zero target", ratio, target(ast.AtLeast, 0), 5, "", nan, 100},
		{"equal, met", ratio, target(ast.Equal, 1), 1, "", nan, 100},
		{"equal, missed", ratio, target(ast.Equal, 1), 2, "", nan, 0},
		{"range, inside", ratio, rangeT, 15, "", nan, 100},
		{"range, on the edge", ratio, rangeT, 20, "", nan, 100},
		{"range, outside", ratio, rangeT, 25, "", nan, 0},
		{"deadline, on time", ratio, deadlineTarget("2021-10-31"), 0, "2021-10-28", nan, 100},
		{"deadline, on the day", ratio, deadlineTarget("2021-10-31"), 0, "2021-10-31", nan, 100},
		{"deadline, late", ratio, deadlineTarget("2021-10-31"), 0, "2021-11-03", nan, 0},
		{"deadline, late 2% a day", late2, deadlineTarget("2021-10-31"), 0, "2021-11-03", nan, 94}, // 100 - 3 x 2
		{"deadline, very late 2% a day", late2, deadlineTarget("2021-10-31"), 0, "2022-03-01", nan, 0},
		{"threshold, just under", threshold, target(ast.AtLeast, 900), 899, "", nan, 0},
		{"threshold, met", threshold, target(ast.AtLeast, 900), 900, "", nan, 100},
		{"linear, half way", linear, target(ast.AtLeast, 900), 833.5, "", 767, 50},    // (833.5-767)/(900-767)
		{"linear, below baseline", linear, target(ast.AtLeast, 900), 700, "", 767, 0}, // negative, clamped
		{"linear, at most half way", linear, target(ast.AtMost, 4), 4.5, "", 5, 50},   // (4.5-5)/(4-5)
		{"linear, no baseline: ratio", linear, target(ast.AtLeast, 900), 750, "", nan, 83.3333},
		{"floor, under", floor50, target(ast.AtLeast, 100), 40, "", nan, 0}, // 40% < 50%
		{"floor, over", floor50, target(ast.AtLeast, 100), 60, "", nan, 60},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var done time.Time
			if tt.done != "" {
				done = day(tt.done)
			}
			s, err := score(tt.policy, tt.target, tt.value, done, tt.baseline, nil, true)
			if err != nil {
				t.Fatal(err)
			}
			if got := math.Round(s.Achievement*1e4) / 1e4; got != tt.want {
				t.Errorf("achievement = %v, want %v; steps: %q", got, tt.want, s.Steps)
			}
			if len(s.Steps) == 0 {
				t.Error("no explanation")
			}
		})
	}
}

// TestCompare pins the one rounding every boundary goes through.
func TestCompare(t *testing.T) {
	tests := []struct {
		a, b float64
		want int
	}{
		{57.0 * 100 / 100, 57, 0},
		{0.1 + 0.2, 0.3, 0},
		{29, 29, 0},
		{57.0 / 57 * 100, 100, 0},
		{56.99, 57, -1},
		{100.0000001, 100, 1},
		{0, 0, 0},
	}
	for _, tc := range tests {
		if got := compare(tc.a, tc.b); got != tc.want {
			t.Errorf("compare(%v, %v) = %d, want %d", tc.a, tc.b, got, tc.want)
		}
	}
	linear := check.Policy{Kind: check.Linear, Cap: 100}
	s, err := score(linear, target(ast.AtLeast, 900), 800, time.Time{}, 1000, nil, false)
	if err != nil || s.Met || s.Achievement >= 100 {
		t.Errorf("linear on a lowered target, 800 against >= 900 from 1000: %+v %v", s, err)
	}
}

// TestCompareFastPath checks that comparing without rounding, for numbers
// far enough apart, always agrees with comparing them rounded.
func TestCompareFastPath(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	for range 200000 {
		a := (rng.Float64() - 0.5) * math.Pow(10, float64(rng.IntN(20)-10))
		b := a * (1 + (rng.Float64()-0.5)*math.Pow(10, -float64(rng.IntN(12))))
		want := 0
		switch ra, rb := Round(a), Round(b); {
		case ra < rb:
			want = -1
		case ra > rb:
			want = 1
		}
		if got := compare(a, b); got != want {
			t.Fatalf("compare(%v, %v) = %d, rounded %d", a, b, got, want)
		}
	}
}

// TestRoundFast checks Round's shortcuts (integers, no allocation) against
// the rounding it stands for: the number printed with Digits significant
// digits and read back.
func TestRoundFast(t *testing.T) {
	rng := rand.New(rand.NewPCG(14, 2))
	for range 100_000 {
		var x float64
		switch rng.IntN(4) {
		case 0:
			x = float64(rng.Int64N(1e12) - 5e11)
		case 1:
			x = float64(rng.IntN(10_000)) / 100
		case 2:
			x = rng.NormFloat64() * math.Pow(10, float64(rng.IntN(30)-15))
		default:
			x = 1e10 - float64(rng.IntN(3))
		}
		want, _ := strconv.ParseFloat(strconv.FormatFloat(x, 'g', Digits, 64), 64)
		if got := Round(x); got != want {
			t.Fatalf("Round(%v) = %v, want %v", x, got, want)
		}
	}
}
