package ast

import (
	"strings"
)

// FormatExpr prints a formula canonically: one space around + - * /, names
// in backquotes where they need them, numbers as written.
func FormatExpr(e Expr) string {
	var b strings.Builder
	writeExpr(&b, e)
	return b.String()
}

func writeExpr(b *strings.Builder, e Expr) {
	switch e := e.(type) {
	case *NumberLit:
		b.WriteString(e.Text)
	case *Ref:
		if looksNumeric(e.Name) {
			b.WriteString("`" + e.Name + "`") // bare, it would read as a number
		} else {
			b.WriteString(FormatName(e.Name, false))
		}
	case *Paren:
		b.WriteByte('(')
		writeExpr(b, e.X)
		b.WriteByte(')')
	case *Unary:
		b.WriteByte('-')
		writeExpr(b, e.X)
	case *Binary:
		writeExpr(b, e.X)
		b.WriteByte(' ')
		b.WriteByte(e.Op)
		b.WriteByte(' ')
		writeExpr(b, e.Y)
	case *Call:
		b.WriteString(e.Func.Value)
		b.WriteByte('(')
		for i, a := range e.Args {
			if i > 0 {
				b.WriteString(", ")
			}
			writeExpr(b, a)
		}
		b.WriteByte(')')
	}
}

// FormatName prints a code or driver name, in backquotes when it was written
// so or cannot be written bare.
func FormatName(name string, quoted bool) string {
	if quoted || !isBareName(name) {
		return "`" + name + "`"
	}
	return name
}

// IsNumber reports whether s is the text of a number literal: digits with
// optional _ between them, an optional fraction and an optional exponent
// (700, 12_956_300_000, 3.40, 1e6). Written out rather than as a regular
// expression: it runs on every number of every plan.
func IsNumber(s string) bool {
	i := digits(s, 0)
	if i == 0 {
		return false
	}
	if i < len(s) && s[i] == '.' {
		j := digits(s, i+1)
		if j == i+1 {
			return false
		}
		i = j
	}
	if i < len(s) && (s[i] == 'e' || s[i] == 'E') {
		j := i + 1
		for j < len(s) && s[j] >= '0' && s[j] <= '9' {
			j++
		}
		if j == i+1 {
			return false
		}
		i = j
	}
	return i == len(s)
}

// digits scans digits with single underscores between them from i and
// returns where they end (i when there are none).
func digits(s string, i int) int {
	start := i
	for i < len(s) {
		switch c := s[i]; {
		case c >= '0' && c <= '9':
			i++
		case c == '_' && i > start && i+1 < len(s) && s[i+1] >= '0' && s[i+1] <= '9':
			i++
		default:
			return i
		}
	}
	return i
}

func looksNumeric(s string) bool { return IsNumber(s) }

func isBareName(s string) bool {
	if s == "" || s[0] == '.' || s[len(s)-1] == '.' || strings.Contains(s, "..") {
		return false
	}
	for _, r := range s {
		if !(r == '_' || r == '.' || r >= '0' && r <= '9' || r >= 'A' && r <= 'Z' || r >= 'a' && r <= 'z') {
			return false
		}
	}
	return true
}

// FormatUnit prints a unit as written, canonically spaced: gg*EUR.
func FormatUnit(u *UnitExpr) string {
	var b strings.Builder
	for i, f := range u.Factors {
		if i > 0 {
			b.WriteByte(f.Op)
		}
		b.WriteString(f.Name)
	}
	return b.String()
}
