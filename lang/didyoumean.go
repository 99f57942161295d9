package lang

import (
	"iter"
	"unicode/utf8"
)

// Suggest returns the candidate closest to name by edit distance, or "" when
// none is close enough to be a plausible typo. Ties go to the candidate that
// comes first, so callers should pass candidates in a stable order.
func Suggest(name string, candidates []string) string {
	a := []rune(name)
	best, bestDist := "", len(a)/3+1
	var d distance
	for _, c := range candidates {
		if n := d.below(a, c, bestDist); n < bestDist {
			best, bestDist = c, n
		}
	}
	return best
}

// SuggestAmong is Suggest for candidates in no particular order, such as
// the keys of a map: of the closest, it returns the one that sorts first,
// which is what Suggest returns when given them sorted.
func SuggestAmong(name string, candidates iter.Seq[string]) string {
	a := []rune(name)
	best, bestDist := "", len(a)/3+1
	var d distance
	for c := range candidates {
		limit := bestDist
		if best != "" {
			limit++ // a tie with best may win
		}
		if n := d.below(a, c, limit); n < bestDist || best != "" && n == bestDist && c < best {
			best, bestDist = c, n
		}
	}
	return best
}

// distance computes edit distances with buffers reused from one
// candidate to the next.
type distance struct {
	b         []rune
	prev, cur []int
}

// below returns the edit distance between a and b when it is below limit,
// and limit otherwise: a candidate that far cannot win, so it is given up
// as soon as that is sure (the lengths differ by limit or more, or a whole
// row of the table is at limit or more, and rows never get smaller).
func (d *distance) below(a []rune, b string, limit int) int {
	if n := utf8.RuneCountInString(b); max(n-len(a), len(a)-n) >= limit {
		return limit
	}
	d.b = append(d.b[:0], []rune(b)...)
	rb := d.b
	if cap(d.prev) < len(rb)+1 {
		d.prev, d.cur = make([]int, len(rb)+1), make([]int, len(rb)+1)
	}
	prev, cur := d.prev[:len(rb)+1], d.cur[:len(rb)+1]
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		low := cur[0]
		for j := 1; j <= len(rb); j++ {
			cost := 1
			if a[i-1] == rb[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
			low = min(low, cur[j])
		}
		if low >= limit {
			return limit
		}
		prev, cur = cur, prev
	}
	return min(prev[len(rb)], limit)
}
