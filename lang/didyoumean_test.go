package lang

import (
	"math/rand/v2"
	"slices"
	"testing"
)

// levenshtein is the plain edit distance, to check the one Suggest uses.
func levenshtein(a, b string) int {
	ra, rb := []rune(a), []rune(b)
	prev := make([]int, len(rb)+1)
	cur := make([]int, len(rb)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(ra); i++ {
		cur[0] = i
		for j := 1; j <= len(rb); j++ {
			cost := 1
			if ra[i-1] == rb[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(rb)]
}

// TestDistanceBelow compares the bounded distance with the plain one on
// random codes, ASCII and not: equal below the limit, the limit otherwise;
// and SuggestAmong on shuffled codes with Suggest on them sorted.
func TestDistanceBelow(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	const letters = "D1._Sxé2"
	word := func() string {
		r := []rune(letters)
		out := make([]rune, rng.IntN(9))
		for i := range out {
			out[i] = r[rng.IntN(len(r))]
		}
		return string(out)
	}
	var d distance
	for range 20000 {
		a, b, limit := word(), word(), rng.IntN(6)
		want := min(levenshtein(a, b), limit)
		if got := d.below([]rune(a), b, limit); got != want {
			t.Fatalf("below(%q, %q, %d) = %d, want %d", a, b, limit, got, want)
		}
	}
	for range 2000 {
		name := word()
		codes := make([]string, 1+rng.IntN(30))
		for i := range codes {
			codes[i] = word()
		}
		shuffled := slices.Clone(codes)
		slices.Sort(codes)
		if got, want := SuggestAmong(name, slices.Values(shuffled)), Suggest(name, codes); got != want {
			t.Fatalf("SuggestAmong(%q, %q) = %q, Suggest on them sorted %q", name, shuffled, got, want)
		}
	}
	if got := Suggest("D1.1.S2x", []string{"D1.1.S1", "D1.1.S2", "D1.1.S2y"}); got != "D1.1.S2" {
		t.Errorf("Suggest = %q, want D1.1.S2 (the first of the closest)", got)
	}
}
