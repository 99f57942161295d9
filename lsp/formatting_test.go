package lsp

import (
	"math/rand/v2"
	"strings"
	"testing"
)

// TestReplaceChanged checks that the formatting edit turns the text into
// the formatted one, and replaces only the lines that differ.
func TestReplaceChanged(t *testing.T) {
	for _, tc := range []struct {
		name, before, after, newText string
	}{
		{"one line", "a\nb\nc\n", "a\nB\nc\n", "B\n"},
		{"first line", "a\nb\n", "A\nb\n", "A\n"},
		{"last line, no newline", "a\nb", "a\nB", "B"},
		{"a line added", "a\nc\n", "a\nb\nc\n", "b\n"},
		{"a line removed", "a\nb\nc\n", "a\nc\n", ""},
		{"newline added at the end", "a\nb", "a\nb\n", "b\n"},
		{"all", "x", "y\n", "y\n"},
		{"repeated lines", "a\na\na\n", "a\na\n", ""},
		{"non-ASCII before", "città\n  b\nè\n", "città\nb\nè\n", "b\n"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			e := newText(tc.before).replaceChanged(tc.after)
			if got := newText(tc.before).apply(TextDocumentContentChangeEvent{Range: &e.Range, Text: e.NewText}).s; got != tc.after {
				t.Errorf("the edit %+v gives %q, want %q", e, got, tc.after)
			}
			if e.NewText != tc.newText {
				t.Errorf("the edit writes %q, want %q", e.NewText, tc.newText)
			}
		})
	}
	rng := rand.New(rand.NewPCG(1, 2))
	lines := []string{"a\n", "b\n", "\n", "  à\n", "😀\n", "c"}
	random := func() string {
		var b strings.Builder
		for range rng.IntN(8) {
			b.WriteString(lines[rng.IntN(len(lines))])
		}
		return b.String()
	}
	for range 5000 {
		before, after := random(), random()
		e := newText(before).replaceChanged(after)
		if got := newText(before).apply(TextDocumentContentChangeEvent{Range: &e.Range, Text: e.NewText}).s; got != after {
			t.Fatalf("%q to %q: the edit %+v gives %q", before, after, e, got)
		}
	}
}
