package lang

import (
	"strconv"
	"strings"
	"unicode"
)

// This file is the one place that makes text from a plan or a data file
// safe to print: names, notes, codes and values are data, and a control
// character or a terminal escape sequence in them must never reach a
// terminal raw, nor may a name inject HTML or Markdown into a pull-request
// comment. Every text writer (diagnostics, the eval table, explain, diff,
// Markdown) goes through these functions; CSV, JSON and YAML keep the text
// as it is, quoted by their own rules.

// Printable escapes the runes of s that a terminal would not show as text
// (control characters, escape sequences, bidirectional overrides), as Go
// escapes them (\x1b, \u202e), so that text from a plan can never drive the
// terminal.
func Printable(s string) string {
	return printableExcept(s, ' ')
}

// printableExcept is Printable keeping keep (a space, or a tab in a quoted
// source line, where it lines the caret up).
func printableExcept(s string, keep ...rune) string {
	if strings.IndexFunc(s, func(r rune) bool { return invisible(r, keep) }) < 0 {
		return s
	}
	var b strings.Builder
	for _, r := range s {
		b.WriteString(printableRune(r, keep))
	}
	return b.String()
}

// printableRune is r, or its escape when a terminal would not show it.
func printableRune(r rune, keep []rune) string {
	if !invisible(r, keep) {
		return string(r)
	}
	q := strconv.QuoteRune(r)
	return q[1 : len(q)-1]
}

func invisible(r rune, keep []rune) bool {
	if r == ' ' {
		return false
	}
	for _, k := range keep {
		if r == k {
			return false
		}
	}
	return !unicode.IsPrint(r)
}

// MarkdownText escapes text from a plan for Markdown (a table cell, a
// heading): it stays one line (line breaks become <br>), cannot close the
// cell, open code, emphasis, a link or an HTML tag, and shows invisible
// runes as escapes. Codes are plan text too (a backquoted code may hold any
// character).
func MarkdownText(s string) string {
	var b strings.Builder
	s = strings.ReplaceAll(s, "\r\n", "\n")
	rs := []rune(s)
	word := func(i int) bool {
		return i >= 0 && i < len(rs) && (unicode.IsLetter(rs[i]) || unicode.IsDigit(rs[i]))
	}
	for i, r := range rs {
		switch {
		case r == '_' && word(i-1) && word(i+1):
			b.WriteRune(r) // inside a word (D1.1_2) it makes no emphasis
		case r == '\n' || r == '\r':
			b.WriteString("<br>")
		case r == '<':
			b.WriteString("&lt;")
		case r == '>':
			b.WriteString("&gt;")
		case r == '&':
			b.WriteString("&amp;")
		case strings.ContainsRune("\\|`*_[]~", r):
			b.WriteByte('\\')
			b.WriteRune(r)
		case invisible(r, nil):
			b.WriteString(`\` + printableRune(r, nil)) // the backslash itself escaped
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}

// MarkdownPrinted escapes what Piano prints (targets, formulas, values,
// details) for a Markdown table cell. It may name a code or quote a value,
// which are plan or data text, so it cannot close the cell, open code or an
// HTML tag, or drive a terminal; * and _ and a comparator's < are left as
// they are, as formulas, numbers and targets use them and they make no tag.
func MarkdownPrinted(s string) string {
	var b strings.Builder
	rs := []rune(s)
	for i, r := range rs {
		switch {
		case r == '|' || r == '`' || r == '\\':
			b.WriteRune('\\')
			b.WriteRune(r)
		case r == '\n' || r == '\r':
			b.WriteByte(' ')
		case r == '&':
			b.WriteString("&amp;")
		case r == '<' && i+1 < len(rs) && (unicode.IsLetter(rs[i+1]) || strings.ContainsRune("/!?", rs[i+1])):
			b.WriteString("&lt;")
		default:
			b.WriteRune(r)
		}
	}
	return Printable(b.String())
}
