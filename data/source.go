package data

import (
	"bytes"
	"strings"
	"unicode/utf8"

	"github.com/piano-plan/piano/lang"
	"gopkg.in/yaml.v3"
)

// dataSource maps the line and column positions that the YAML and CSV
// readers report to lang positions with byte offsets.
type dataSource struct {
	filename string
	text     []byte
	lines    *lang.Lines // line 1 starts after a byte order mark
}

func newDataSource(filename string, text []byte) *dataSource {
	return &dataSource{filename: filename, text: text, lines: lang.NewLines(text)}
}

// lineEnd is the offset of the end of line (its '\n', or the end of text).
func (s *dataSource) lineEnd(line int) int { return s.lines.End(line) }

// clampLine keeps line within the file.
func (s *dataSource) clampLine(line int) int {
	return min(max(line, 1), s.lines.Count())
}

// pos converts a 1-based line and character column (as yaml.v3 counts them)
// into a Pos; a place beyond the end of its line is moved to the line end.
func (s *dataSource) pos(line, col int) lang.Pos {
	line = s.clampLine(line)
	off, end, c := s.lines.Start(line), s.lineEnd(line), 1
	for ; c < col && off < end; c++ {
		_, size := utf8.DecodeRune(s.text[off:end])
		off += size
	}
	return lang.MakePos(off, line, c)
}

// bytePos converts a 1-based line and byte column (as encoding/csv counts
// them, from the very start of the line) into a Pos.
func (s *dataSource) bytePos(line, bcol int) lang.Pos {
	line = s.clampLine(line)
	start, end := s.lines.Start(line), s.lineEnd(line)
	raw := start
	if line == 1 {
		raw = 0
	}
	off := min(max(raw+bcol-1, start), end)
	for off > start && off < len(s.text) && !utf8.RuneStart(s.text[off]) {
		off--
	}
	return lang.MakePos(off, line, 1+utf8.RuneCount(s.text[start:off]))
}

// start is the range of the first character of the file.
func (s *dataSource) start() lang.Range {
	p := s.pos(1, 1)
	return lang.Range{Start: p, End: p}
}

// at is the empty range at p.
func (s *dataSource) at(p lang.Pos) lang.Range {
	return lang.Range{Start: p, End: p}
}

// span is the range of written at p, when the text there is written as is
// on one line, and the empty range at p otherwise.
func (s *dataSource) span(p lang.Pos, written string) lang.Range {
	r := s.at(p)
	if written != "" && !strings.ContainsAny(written, "\r\n") && bytes.HasPrefix(s.text[p.Offset:], []byte(written)) {
		r.End = p.Advance(written)
	}
	return r
}

// nodeRange is the range of a YAML node: the whole of a one-line scalar,
// quotes included, or the first character of anything else.
func (s *dataSource) nodeRange(n *yaml.Node) lang.Range {
	p := s.pos(n.Line, n.Column)
	switch {
	case n.Kind == yaml.AliasNode:
		return s.span(p, "*"+n.Value)
	case n.Kind != yaml.ScalarNode || n.Anchor != "" || n.Style&yaml.TaggedStyle != 0:
		return s.at(p)
	case n.Style&(yaml.DoubleQuotedStyle|yaml.SingleQuotedStyle) != 0:
		return s.quoted(p)
	case n.Style&(yaml.LiteralStyle|yaml.FoldedStyle) != 0:
		return s.at(p)
	}
	return s.span(p, n.Value)
}

// quoted is the range of the quoted string that starts at p, when it closes
// on the same line.
func (s *dataSource) quoted(p lang.Pos) lang.Range {
	start, end := int(p.Offset), s.lineEnd(int(p.Line))
	if start >= end {
		return s.at(p)
	}
	q := s.text[start]
	for i := start + 1; i < end; i++ {
		switch c := s.text[i]; {
		case c == '\\' && q == '"':
			i++
		case c == q && q == '\'' && i+1 < end && s.text[i+1] == '\'':
			i++
		case c == q:
			return s.span(p, string(s.text[start:i+1]))
		}
	}
	return s.at(p)
}
