package lsp

import (
	"encoding/json"
	"iter"
	"strconv"
	"strings"

	"github.com/piano-plan/piano/lang/ast"
	"github.com/piano-plan/piano/lang/check"
	"github.com/piano-plan/piano/lang/unit"
)

// maxCompletions bounds the driver codes offered at once; the client asks
// again as the user types more of the code.
const maxCompletions = 100

// completion offers driver codes inside a formula, and at the start of a
// statement the keywords the statement table lets stand in the block the
// cursor is in.
//
// Driver codes are those that start with what is typed of the code, case
// aside, in the order of the plan.
func (s *Server) completion(params json.RawMessage) (any, *rpcError) {
	d, a, off, rerr := s.positionParams(params)
	if rerr != nil {
		return nil, rerr
	}
	src := d.text.s[:off-a.base(d.name)]
	lineStart := strings.LastIndexByte(src, '\n') + 1
	line := strings.TrimLeft(src[lineStart:], " \t")
	out := CompletionList{Items: []CompletionItem{}}
	switch {
	case inFormula(line):
		p := a.model
		if p == nil {
			return out, nil
		}
		cut := strings.LastIndexAny(line, " \t()+-*/=,`")
		typed := line[cut+1:]
		word := strings.ToLower(typed)
		// The edit replaces what is typed of the code, and the backquote
		// that opens a name, which the label writes again where it needs one.
		at := len(src) // the cursor's offset in d.text
		from := at - len(typed)
		if cut >= 0 && line[cut] == '`' {
			from--
		}
		typedRange := Range{Start: d.text.positionOf(from), End: d.text.positionOf(at)}
		for _, dr := range p.DriverOrder {
			if !strings.HasPrefix(strings.ToLower(dr.Code), word) {
				continue
			}
			if len(out.Items) == maxCompletions {
				out.IsIncomplete = true
				break
			}
			label := ast.FormatName(dr.Code, false)
			out.Items = append(out.Items, CompletionItem{Label: label, Kind: KindVariable,
				Detail:   dr.Decl.Name.Value + " (" + ast.FormatUnit(dr.Decl.Unit) + ")",
				TextEdit: &TextEdit{Range: typedRange, NewText: label}})
		}
	case valueWords[firstWord(line)] != nil && secondWord(line):
		for _, w := range valueWords[firstWord(line)] {
			out.Items = append(out.Items, CompletionItem{Label: w, Kind: KindValue})
		}
	case (firstWord(line) == "baseline" || firstWord(line) == "target") && secondWord(line) &&
		contextAt(src) == ast.InIndicator && a.model != nil:
		years := a.model.BaselineYears
		if firstWord(line) == "target" {
			years = a.model.TargetYears
		}
		for _, y := range years {
			out.Items = append(out.Items, CompletionItem{Label: strconv.Itoa(y), Kind: KindValue})
		}
	case !strings.ContainsAny(line, " \t\"`"):
		seen := map[string]bool{}
		for _, st := range ast.Allowed(contextAt(src)) {
			if seen[st.Name()] {
				continue
			}
			seen[st.Name()] = true
			out.Items = append(out.Items, CompletionItem{Label: st.Name(), Kind: KindKeyword, Detail: st.Args})
		}
	}
	return out, nil
}

// valueWords are the words that may follow a statement's keyword: units,
// scoring policies, missing's choices.
var valueWords = map[string][]string{
	"unit":    unit.Names(),
	"scoring": {string(check.Ratio), string(check.Threshold), string(check.Linear), string(check.Custom)},
	"missing": {"renormalize", "zero"},
}

// secondWord reports whether the cursor is on the line's second word.
func secondWord(line string) bool {
	n := len(strings.Fields(line))
	return n == 1 && strings.HasSuffix(line, " ") || n == 2 && !strings.HasSuffix(line, " ")
}

func firstWord(line string) string {
	w, _, _ := strings.Cut(line, " ")
	return w
}

// inFormula reports whether a line, up to the cursor, is inside a formula:
// an indicator's "formula" or a derived driver's "= ...".
func inFormula(line string) bool {
	word, rest, _ := strings.Cut(line, " ")
	switch word {
	case "formula":
		return true
	case "driver":
		return strings.Contains(stripQuoted(rest), "=")
	}
	return false
}

// stripQuoted removes strings and backquoted names from s.
func stripQuoted(s string) string {
	var b strings.Builder
	for _, c := range unquoted(s) {
		b.WriteByte(c)
	}
	return b.String()
}

// unquoted yields the bytes of a line's text that stand outside strings
// and backquoted names, with their offsets; the quotes are left out too.
func unquoted(s string) iter.Seq2[int, byte] {
	return func(yield func(int, byte) bool) {
		var quote byte
		for i := 0; i < len(s); i++ {
			c := s[i]
			switch {
			case quote != 0:
				if c == '\\' && quote == '"' {
					i++
				} else if c == quote {
					quote = 0
				}
			case c == '"' || c == '`':
				quote = c
			default:
				if !yield(i, c) {
					return
				}
			}
		}
	}
}

// contextAt finds the block the end of src is in, by the braces before it
// (strings, backquoted names and comments left out): a partial text, as
// one has while typing, has a context too.
func contextAt(src string) ast.Context {
	var stack []string
	first := "" // the first word of the current statement
	atStart := true
	for i := 0; i < len(src); i++ {
		c := src[i]
		switch {
		case c == '\n':
			atStart, first = true, ""
		case c == '"' || c == '`':
			for i++; i < len(src) && src[i] != c && src[i] != '\n'; i++ {
				if c == '"' && src[i] == '\\' {
					i++
				}
			}
			atStart = false
		case c == '#' || (c == '/' && i+1 < len(src) && src[i+1] == '/'):
			for i < len(src) && src[i] != '\n' {
				i++
			}
			i--
		case c == '{':
			stack = append(stack, first)
			atStart, first = true, ""
		case c == '}':
			if len(stack) > 0 {
				stack = stack[:len(stack)-1]
			}
			atStart, first = true, ""
		case c == ' ' || c == '\t' || c == '\r':
			if first != "" {
				atStart = false
			}
		default:
			if atStart {
				first += string(c)
			}
		}
	}
	if len(stack) == 0 {
		return ast.InFile
	}
	switch stack[len(stack)-1] {
	case "area":
		return ast.InArea
	case "objective":
		if len(stack) > 1 && stack[len(stack)-2] == "operational" {
			return ast.InOperational
		}
		return ast.InStrategic
	case "indicators":
		return ast.InIndicatorGroup
	case "operational":
		return ast.InOperationalGroup
	case "indicator":
		return ast.InIndicator
	}
	return ast.InFile
}
