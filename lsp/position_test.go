package lsp

import (
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
)

// TestApply checks text.apply, which moves the line starts instead of
// scanning the text again, against the text made from the edited string.
func TestApply(t *testing.T) {
	pieces := []string{"", "a", "\n", "\r\n", "è", "𝄞", "plan \"x\"\n", "\n\n", "ab\ncd"}
	r := rand.New(rand.NewPCG(1, 2))
	for i := range 5000 {
		var b strings.Builder
		for range r.IntN(8) {
			b.WriteString(pieces[r.IntN(len(pieces))])
		}
		old := newText(b.String())
		pos := func() Position {
			line := r.IntN(len(old.lines)+1) - r.IntN(2) // sometimes past the end or before the start
			return Position{Line: line, Character: r.IntN(6)}
		}
		c := TextDocumentContentChangeEvent{Range: &Range{Start: pos(), End: pos()}, Text: pieces[r.IntN(len(pieces))]}
		if r.IntN(10) == 0 {
			c.Range = nil
		}
		got := old.apply(c)
		want := got.s
		if c.Range != nil {
			from, to := old.offset(c.Range.Start), old.offset(c.Range.End)
			if to < from {
				from, to = to, from
			}
			want = old.s[:from] + c.Text + old.s[to:]
		}
		if got.s != want {
			t.Fatalf("%d: %q with %+v %+v: text %q, want %q", i, old.s, c.Range, c.Text, got.s, want)
		}
		if w := newText(want); !slices.Equal(got.lines, w.lines) {
			t.Fatalf("%d: %q with %+v %q: lines %v, want %v", i, old.s, c.Range, c.Text, got.lines, w.lines)
		}
	}
}
