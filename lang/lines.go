package lang

import "bytes"

// Lines is the line table of a text: where each line starts. The data
// reader places the positions it reads with it, and the diagnostics
// renderer finds the line it quotes; both count line 1 from after a byte
// order mark.
type Lines struct {
	text   []byte
	starts []int // byte offset where each line starts
}

var utf8BOM = []byte("\uFEFF")

// NewLines builds the line table of text.
func NewLines(text []byte) *Lines {
	l := &Lines{text: text, starts: []int{0}}
	if bytes.HasPrefix(text, utf8BOM) {
		l.starts[0] = len(utf8BOM)
	}
	for i, c := range text {
		if c == '\n' {
			l.starts = append(l.starts, i+1)
		}
	}
	return l
}

// Count is the number of lines: one more than the line breaks.
func (l *Lines) Count() int { return len(l.starts) }

// Start is the offset of the first byte of line n (1-based, within 1..Count).
func (l *Lines) Start(n int) int { return l.starts[n-1] }

// End is the offset of the end of line n: its '\n', or the end of the text.
func (l *Lines) End(n int) int {
	if n < len(l.starts) {
		return l.starts[n] - 1
	}
	return len(l.text)
}

// Text is line n without its line end (a final '\r' included in the end).
func (l *Lines) Text(n int) []byte {
	return bytes.TrimSuffix(l.text[l.Start(n):l.End(n)], []byte{'\r'})
}
