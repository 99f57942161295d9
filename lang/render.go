package lang

import (
	"bytes"
	"fmt"
	"io"
	"strconv"
	"strings"
	"unicode/utf8"
)

// Sources maps a file name to its text, so that diagnostics can quote the
// line they point at.
type Sources map[string][]byte

// WriteText prints ds the way compilers do:
//
//	plan.plan:12:15: error[E100]: unknown driver "D1.1_9"
//	   |
//	12 |     formula D1.1_2 + D1.1_9
//	   |                      ^^^^^^
//	   = The formula of 31.D1.1_1 names D1.1_9, which no driver declares.
//	   = hint: did you mean D1.1_1?
//
// The source line is left out when the file's text is not in src.
func WriteText(w io.Writer, ds Diagnostics, src Sources) error {
	var b bytes.Buffer
	tables := map[string]*Lines{}
	for _, d := range ds {
		lines, ok := tables[d.File]
		if text, known := src[d.File]; !ok && known {
			lines = NewLines(text)
			tables[d.File] = lines
		}
		writeOne(&b, d, lines)
	}
	_, err := w.Write(b.Bytes())
	return err
}

func writeOne(b *bytes.Buffer, d *Diagnostic, lines *Lines) {
	// Names, values and file names in a diagnostic are plan or data text:
	// every part is printed escaped (lang/text.go).
	fmt.Fprintf(b, "%s: %s[%s]: %s\n", Printable(d.Where()), d.Severity, d.Code, Printable(d.Summary))
	line, ok := sourceLine(lines, d.Subject.Start)
	if d.Cell != "" {
		ok = false // a workbook has no lines to quote
	}
	num := strconv.Itoa(int(d.Subject.Start.Line))
	gutter := strings.Repeat(" ", len(num))
	if d.Cell != "" {
		gutter = ""
	}
	if ok {
		line, r := window(line, d.Subject)
		fmt.Fprintf(b, "%s |\n%s | %s\n%s | %s\n", gutter, num, printableExcept(line, '\t'), gutter, caret(line, r))
	}
	if d.Detail != "" {
		fmt.Fprintf(b, "%s = %s\n", gutter, Printable(d.Detail))
	}
	if d.Hint != "" {
		fmt.Fprintf(b, "%s = hint: %s\n", gutter, Printable(d.Hint))
	}
}

// sourceLine returns the text of the line that holds p, without its line
// end; false when the text is unknown or has no such line.
func sourceLine(lines *Lines, p Pos) (string, bool) {
	if lines == nil || !p.IsValid() || int(p.Line) > lines.Count() {
		return "", false
	}
	line := string(lines.Text(int(p.Line)))
	if !utf8.ValidString(line) {
		line = strings.ToValidUTF8(line, "\uFFFD")
	}
	return line, true
}

// maxShown is the most characters of a source line a diagnostic quotes.
const maxShown = 120

// window cuts a long line to maxShown characters around the start of r,
// marking the cuts with …, and shifts r to match.
func window(line string, r Range) (string, Range) {
	runes := []rune(line)
	if len(runes) <= maxShown {
		return line, r
	}
	from := max(0, int(r.Start.Column)-1-maxShown/3)
	to := min(len(runes), from+maxShown)
	out := string(runes[from:to])
	shift := from
	if from > 0 {
		out = "…" + out
		shift--
	}
	if to < len(runes) {
		out += "…"
	}
	r.Start.Column -= int32(shift)
	if r.End.Line == r.Start.Line {
		r.End.Column = min(r.End.Column-int32(shift), int32(utf8.RuneCountInString(out)+1))
	}
	return out, r
}

// caret returns a line that puts ^ under the characters of r on line as
// printed (an escaped rune is as wide as its escape), keeping tabs so that
// the marks line up in a terminal.
func caret(line string, r Range) string {
	var b strings.Builder
	runes := []rune(line)
	startCol := int(r.Start.Column)
	width := func(c rune) int { return utf8.RuneCountInString(printableRune(c, []rune{'\t'})) }
	i := 0
	for ; i < len(runes) && i+1 < startCol; i++ {
		if runes[i] == '\t' {
			b.WriteByte('\t')
		} else {
			b.WriteString(strings.Repeat(" ", width(runes[i])))
		}
	}
	n := 1
	if r.End.Line == r.Start.Line && r.End.Column > r.Start.Column {
		n = int(r.End.Column - r.Start.Column)
	} else if r.End.Line > r.Start.Line {
		n = max(1, len(runes)-startCol+1)
	}
	marks := 0
	for j := i; j < i+n; j++ {
		if j < len(runes) {
			marks += width(runes[j])
		} else {
			marks++ // past the line's end (a missing closing brace)
		}
	}
	b.WriteString(strings.Repeat("^", marks))
	return b.String()
}
