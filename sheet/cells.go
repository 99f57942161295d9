package sheet

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/piano-plan/piano/lang"
)

// problem is what is wrong with a cell: summary, detail and hint.
type problem struct{ summary, detail, hint string }

// planNumber writes a number of a cell as a plan literal with the same
// digits: an Italian text number (12.956.300.000,00, 3,40, 1.435) or the
// plain decimal of a number cell.
func planNumber(c cell, what string) (string, *problem) {
	s := strings.TrimSpace(c.text)
	if c.num {
		return s, nil
	}
	sign := ""
	if strings.HasPrefix(s, "-") || strings.HasPrefix(s, "+") {
		if s[0] == '-' {
			sign = "-"
		}
		s = strings.TrimSpace(s[1:])
	}
	bad := &problem{"malformed " + what + " " + strconv.Quote(c.text),
		"A number in the table is written the Italian way: dots between thousands (1.435), a comma before the decimals (3,40).",
		"write the number as 1.435 or 3,40"}
	whole, frac, comma := strings.Cut(s, ",")
	if comma && (frac == "" || !digits(frac)) {
		return "", bad
	}
	switch {
	case whole == "":
		return "", bad
	case strings.Contains(whole, "."):
		if _, ok := lang.ItalianThousands(whole); !ok {
			if !comma && digits(strings.Replace(whole, ".", "", 1)) {
				bad.summary = "ambiguous " + what + " " + strconv.Quote(c.text)
				bad.detail = "In Italian a dot separates thousands (1.435) and a comma the decimals (1,42); " + strconv.Quote(c.text) + " is neither, and Piano does not guess which was meant."
				bad.hint = "write " + strings.Replace(whole, ".", ",", 1) + " for a decimal"
			}
			return "", bad
		}
		whole = strings.ReplaceAll(whole, ".", "_")
	case !digits(whole):
		return "", bad
	}
	if comma {
		return sign + whole + "." + frac, nil
	}
	return sign + whole, nil
}

func digits(s string) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

// parseWeight reads a weight: 25%, 25, 25,5%, 33,34 %, or a number cell
// (a % cell shows 25 for 0.25). It returns the plan's weight, 25%.
func parseWeight(c cell) (string, *problem) {
	if c.formula {
		_, _, p := parseValue(c)
		return "", p
	}
	s := strings.TrimSpace(c.text)
	if !c.num {
		s = strings.TrimSpace(strings.TrimSuffix(s, "%"))
	}
	n, p := planNumber(cell{text: s, num: c.num}, "weight")
	if p != nil {
		p.hint = "write the weight as 25%, 25 or 25,5%"
		return "", p
	}
	return n + "%", nil
}

// unit suffixes after a number, and the plan unit each means.
var suffixes = []struct{ text, unit string }{
	{"%", "%"}, {"N.", "N"}, {"n.", "N"}, {"N", "N"}, {"gg.", "gg"}, {"gg", "gg"}, {"€", "EUR"}, {"EUR", "EUR"}, {"euro", "EUR"},
}

// parseValue reads a baseline: 807 N., 66,30%, 3,40 gg, 12.956.300.000 €,
// 31-10-2021, N/D. It returns the plan's value and the unit its suffix
// names ("" for none, "date" for a day).
func parseValue(c cell) (lit, unit string, p *problem) {
	s := strings.TrimSpace(c.text)
	switch {
	case c.formula:
		return "", "", &problem{"cell holds a formula", "Piano reads what the table writes, not the result a spreadsheet last computed.", "copy the cell and paste it as values (Incolla speciale, Valori)"}
	case c.date:
		return s, "date", nil
	case c.pct:
		return s + "%", "%", nil
	case c.num:
		return s, "", nil
	case isND(s):
		return "N/D", "", nil
	}
	if d, ok := isoDate(s); ok {
		return d, "date", nil
	}
	if rest, ok := strings.CutPrefix(s, "€"); ok {
		s, unit = strings.TrimSpace(rest)+" €", "EUR"
	}
	for _, sf := range suffixes {
		if rest, ok := strings.CutSuffix(s, sf.text); ok && rest != "" {
			s, unit = strings.TrimSpace(rest), sf.unit
			break
		}
	}
	lit, p = planNumber(cell{text: s}, "value")
	if p != nil {
		p.summary = "malformed value " + strconv.Quote(c.text)
		p.detail += " A value may end with its unit (N., %, gg, €), or be a date (31-10-2021) or N/D."
		p.hint = "write the value as 807 N., 3,40 gg, 66,30%, 31-10-2021 or N/D"
		return "", "", p
	}
	if unit == "%" {
		lit += "%"
	}
	return lit, unit, nil
}

func isND(s string) bool {
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "n/d", "nd", "n.d.", "n.d", "n/a":
		return true
	}
	return false
}

// parseTarget reads a target: >= 900 N., <= 3,40 gg, = 100%, Entro
// 31-10-2021, tra 10 e 20, 10..20, N/D. It returns the plan's target and
// the unit the values name.
func parseTarget(c cell) (lit, unit string, p *problem) {
	s := strings.TrimSpace(c.text)
	if c.formula {
		_, _, p := parseValue(c)
		return "", "", p
	}
	if isND(s) && !c.num {
		return "N/D", "", nil
	}
	lower := strings.ToLower(s)
	for _, pre := range []string{"entro il ", "entro ", "by "} {
		if strings.HasPrefix(lower, pre) {
			d, ok := isoDate(strings.TrimSpace(s[len(pre):]))
			if !ok {
				return "", "", &problem{"malformed deadline " + strconv.Quote(c.text), "A deadline is written Entro and a day, 31-10-2021.", "write the deadline as Entro 31-10-2021"}
			}
			return "by " + d, "date", nil
		}
	}
	for _, op := range []struct{ text, plan string }{{">=", ">="}, {"≥", ">="}, {"<=", "<="}, {"≤", "<="}, {"=", "="}} {
		if rest, ok := strings.CutPrefix(s, op.text); ok {
			v, u, p := parseValue(cell{text: strings.TrimSpace(rest)})
			if p != nil || v == "N/D" {
				if p == nil {
					p = &problem{}
				}
				p.summary = "malformed target " + strconv.Quote(c.text)
				p.hint = "write the target as >= 900 N., <= 3,40 gg, Entro 31-10-2021 or N/D"
				return "", "", p
			}
			return op.plan + " " + v, u, nil
		}
	}
	if low, high, ok := cutRange(s); ok {
		a, u1, p1 := parseValue(cell{text: low})
		b, u2, p2 := parseValue(cell{text: high})
		if p1 == nil && p2 == nil && a != "N/D" && b != "N/D" {
			if u2 == "" {
				u2 = u1
			}
			return a + ".." + b, u2, nil
		}
	}
	hint := "write the comparator: >= " + s + " or <= " + s
	if c.date {
		hint = "write the deadline as Entro " + s
	}
	return "", "", &problem{"target " + strconv.Quote(c.text) + " has no comparator",
		"A target says which way it is met: >= 900 N. (at least), <= 3,40 gg (at most), = 100%, tra 10 e 20, or Entro 31-10-2021 for a deadline; Piano does not guess which.", hint}
}

// cutRange splits "tra X e Y", "da X a Y" and "X..Y".
func cutRange(s string) (string, string, bool) {
	lower := strings.ToLower(s)
	for _, f := range []struct{ pre, mid string }{{"tra ", " e "}, {"fra ", " e "}, {"da ", " a "}} {
		if strings.HasPrefix(lower, f.pre) {
			if i := strings.Index(lower[len(f.pre):], f.mid); i >= 0 {
				j := len(f.pre) + i
				return strings.TrimSpace(s[len(f.pre):j]), strings.TrimSpace(s[j+len(f.mid):]), true
			}
		}
	}
	if a, b, ok := strings.Cut(s, ".."); ok {
		return strings.TrimSpace(a), strings.TrimSpace(b), true
	}
	return "", "", false
}

// codeName splits a "code - name" cell.
func codeName(s string) (code, name string, p *problem) {
	s = strings.TrimSpace(s)
	if strings.HasPrefix(s, "`") {
		if j := strings.Index(s[1:], "`"); j >= 0 {
			if name, ok := strings.CutPrefix(s[j+2:], " - "); ok {
				return s[:j+2], strings.TrimSpace(name), nil
			}
		}
	}
	code, name, ok := strings.Cut(s, " - ")
	code, name = strings.TrimSpace(code), strings.TrimSpace(name)
	if !ok || code == "" || strings.ContainsAny(code, " \t") {
		return "", "", &problem{fmt.Sprintf("%q has no code", s),
			"A node of the hierarchy is written \"code - name\", such as \"301 - Internazionalizzazione\"; Piano needs the code to name the node.",
			"write the code before the name: CODE - " + s}
	}
	return code, name, nil
}
