package lsp

import (
	"sort"
	"strings"
	"unicode/utf8"

	"github.com/piano-plan/piano/lang"
)

// text is a document's text with the byte offset of each line's start: it
// converts between Piano's positions (1-based lines, columns in runes) and
// the protocol's (0-based lines, columns in UTF-16 code units).
type text struct {
	s     string
	lines []int // byte offset of each line's first byte
}

func newText(s string) *text {
	t := &text{s: s, lines: make([]int, 1, strings.Count(s, "\n")+1)}
	for i := 0; ; {
		j := strings.IndexByte(s[i:], '\n')
		if j < 0 {
			return t
		}
		i += j + 1
		t.lines = append(t.lines, i)
	}
}

// line returns the text of line i (0-based), without its newline.
func (t *text) line(i int) string {
	if i < 0 || i >= len(t.lines) {
		return ""
	}
	end := len(t.s)
	if i+1 < len(t.lines) {
		end = t.lines[i+1] - 1
	}
	if end > t.lines[i] && t.s[end-1] == '\r' {
		end--
	}
	return t.s[t.lines[i]:end]
}

// position converts a Piano position to the protocol's. A rune outside the
// Basic Multilingual Plane is two UTF-16 units.
func (t *text) position(p lang.Pos) Position {
	if !p.IsValid() {
		return Position{}
	}
	line := int(p.Line) - 1
	if line >= len(t.lines) {
		line = len(t.lines) - 1
	}
	units := 0
	runes := int(p.Column) - 1
	for _, r := range t.line(line) {
		if runes <= 0 {
			break
		}
		runes--
		units += utf16Len(r)
	}
	return Position{Line: line, Character: units}
}

// positionOf converts a byte offset of the text to a protocol position.
func (t *text) positionOf(off int) Position {
	off = min(max(off, 0), len(t.s))
	line := sort.Search(len(t.lines), func(i int) bool { return t.lines[i] > off }) - 1
	units := 0
	for _, r := range t.s[t.lines[line]:off] {
		units += utf16Len(r)
	}
	return Position{Line: line, Character: units}
}

// rangeOf converts a Piano range; an empty or invalid end is the start.
func (t *text) rangeOf(r lang.Range) Range {
	start := t.position(r.Start)
	end := start
	if r.End.IsValid() {
		end = t.position(r.End)
	}
	return Range{Start: start, End: end}
}

// offset converts a protocol position to a byte offset in the text,
// clamped to the line and to the text.
func (t *text) offset(p Position) int {
	if p.Line < 0 {
		return 0
	}
	if p.Line >= len(t.lines) {
		return len(t.s)
	}
	start := t.lines[p.Line]
	l := t.line(p.Line)
	units := 0
	for i, r := range l {
		if units >= p.Character {
			return start + i
		}
		units += utf16Len(r)
	}
	return start + len(l)
}

// end is the protocol position of the end of the text.
func (t *text) end() Position {
	last := len(t.lines) - 1
	units := 0
	for _, r := range t.line(last) {
		units += utf16Len(r)
	}
	return Position{Line: last, Character: units}
}

func utf16Len(r rune) int {
	if r >= 0x10000 && r <= utf8.MaxRune {
		return 2
	}
	return 1
}

// apply returns the text with one content change, full or ranged,
// applied. The line starts before the change are the old ones and those
// after it the old ones moved, so that a keystroke does not scan the
// whole text again; t itself is left as it is.
func (t *text) apply(c TextDocumentContentChangeEvent) *text {
	if c.Range == nil {
		return newText(c.Text)
	}
	from, to := t.offset(c.Range.Start), t.offset(c.Range.End)
	if to < from {
		from, to = to, from
	}
	s := t.s[:from] + c.Text + t.s[to:]
	// Lines starting at or before from stay; those starting inside the
	// replaced text go; those after it move by what the change added.
	first := sort.Search(len(t.lines), func(i int) bool { return t.lines[i] > from })
	last := sort.Search(len(t.lines), func(i int) bool { return t.lines[i] > to })
	added := strings.Count(c.Text, "\n")
	lines := make([]int, 0, first+added+len(t.lines)-last)
	lines = append(lines, t.lines[:first]...)
	for i := 0; ; {
		j := strings.IndexByte(c.Text[i:], '\n')
		if j < 0 {
			break
		}
		i += j + 1
		lines = append(lines, from+i)
	}
	delta := len(c.Text) - (to - from)
	for _, l := range t.lines[last:] {
		lines = append(lines, l+delta)
	}
	return &text{s: s, lines: lines}
}
