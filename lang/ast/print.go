package ast

import (
	"regexp"
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

// NumberSyntax matches the text of a number literal: digits with optional _
// between them, an optional fraction and an optional exponent.
var NumberSyntax = regexp.MustCompile(`^[0-9](?:_?[0-9])*(?:\.[0-9](?:_?[0-9])*)?(?:[eE][0-9]+)?$`)

func looksNumeric(s string) bool { return NumberSyntax.MatchString(s) }

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
