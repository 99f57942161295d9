package lsp

import (
	"encoding/json"
	"fmt"
	"regexp"
	"strings"

	"github.com/piano-plan/piano/lang"
	"github.com/piano-plan/piano/lang/ast"
	"github.com/piano-plan/piano/lang/check"
)

// Code actions: each is a quick fix tied to the diagnostic it fixes, a
// WorkspaceEdit computed from the checked plan and the text, never a guess.
// Where a fix has two readings (2.500: two thousand five hundred, or two
// and a half), both are offered and neither is preferred.

// codeAction offers the quick fixes of the diagnostics in the range:
//   - a hint "did you mean X?": write X in place;
//   - weights that do not sum to 100% (E110): for each sibling, the weight
//     that makes them sum to 100%, and a normalize line in the block;
//   - normalize that changes nothing (W203): remove the line;
//   - an Italian-format number (E003): the number as Piano writes it, in
//     each of its readings.
//
// The weight fixes are also offered with the cursor on a sibling's weight:
// then for that sibling only.
func (s *Server) codeAction(params json.RawMessage) (any, *rpcError) {
	var p struct {
		TextDocument TextDocumentIdentifier `json:"textDocument"`
		Range        Range                  `json:"range"`
		Context      struct {
			Only []string `json:"only"`
		} `json:"context"`
	}
	if err := json.Unmarshal(params, &p); err != nil {
		return nil, &rpcError{codeInvalidParams, err.Error()}
	}
	d := s.fresh(p.TextDocument.URI)
	if d == nil {
		return nil, &rpcError{codeRequestFailed, "the document is not open: " + p.TextDocument.URI}
	}
	out := []CodeAction{}
	if !wantsQuickFix(p.Context.Only) {
		return out, nil
	}
	s.modelOf(d.a)
	f := &fixer{s: s, d: d, a: d.a, rng: p.Range, used: map[*check.Node]bool{}}
	for _, x := range d.a.diags {
		if x.File != d.name && x.File != "" {
			continue
		}
		f.x, f.diag = x, s.diagnostic(d.text, x)
		f.onDiag = overlaps(f.diag.Range, p.Range)
		switch {
		case didYouMean.MatchString(x.Hint):
			if f.onDiag {
				f.didYouMean()
			}
		case x.Code == lang.EWeightSum:
			f.weightSum()
		case x.Code == lang.WNeedlessNorm:
			if f.onDiag {
				f.needlessNormalize()
			}
		case x.Code == lang.ENumber:
			if f.onDiag {
				f.italianNumber()
			}
		}
	}
	return f.out(out), nil
}

// wantsQuickFix reports whether a request's context.only lets quick fixes
// through: when it is absent, or names quickfix or a kind above it.
func wantsQuickFix(only []string) bool {
	if len(only) == 0 {
		return true
	}
	for _, k := range only {
		if k == "" || k == "quickfix" || strings.HasPrefix(k, "quickfix.") {
			return true
		}
	}
	return false
}

// overlaps reports whether two ranges share a position (touching counts).
func overlaps(a, b Range) bool {
	return !before(a.End, b.Start) && !before(b.End, a.Start)
}

// didYouMean reads the suggestion out of a diagnostic's hint.
var didYouMean = regexp.MustCompile(`^did you mean (.+)\?$`)

// fixer builds the code actions of one request.
type fixer struct {
	s       *Server
	d       *document
	a       *analysis
	rng     Range // the request's range
	x       *lang.Diagnostic
	diag    Diagnostic // x, as published
	onDiag  bool       // the request's range touches x
	used    map[*check.Node]bool
	actions []CodeAction
}

func (f *fixer) out(empty []CodeAction) []CodeAction {
	if f.actions == nil {
		return empty
	}
	return f.actions
}

// add offers a fix of the current diagnostic.
func (f *fixer) add(title string, preferred bool, edits map[string][]TextEdit) {
	f.actions = append(f.actions, CodeAction{Title: title, Kind: "quickfix", Diagnostics: []Diagnostic{f.diag},
		IsPreferred: preferred, Edit: WorkspaceEdit{Changes: edits}})
}

func (f *fixer) didYouMean() {
	m := didYouMean.FindStringSubmatch(f.x.Hint)
	fix := ast.FormatName(m[1], false)
	f.add("Replace with "+fix, true, map[string][]TextEdit{f.d.uri: {{Range: f.diag.Range, NewText: fix}}})
}

// group returns the node whose children's weights the current diagnostic
// (E110 or W203) is about: the node whose code the diagnostic is at (the
// first area's code for the areas), with the weights the diagnostic's code
// says (normalized or not, off 100% or not). The areas and the first area
// may both be off, with diagnostics at the same place: the one whose sum,
// printed as the checker prints it, is in the diagnostic's summary is
// taken, and the remaining one for the other diagnostic.
func (f *fixer) group(normalized bool) *check.Node {
	m := f.a.model
	if m == nil {
		return nil
	}
	var found []*check.Node
	walk(m.Root, func(n *check.Node) {
		if len(n.Children) == 0 || n.Normalize != normalized || f.used[n] {
			return
		}
		if _, off := n.WeightSum(); off == normalized {
			return
		}
		at := n.CodeRange
		if n.Parent == nil {
			at = n.Children[0].CodeRange
		}
		if name, local := f.a.locate(at); name == f.d.name && sameRange(local, f.x.Subject) {
			found = append(found, n)
		}
	})
	if len(found) == 0 {
		return nil
	}
	n := found[0]
	for _, c := range found {
		sum, _ := c.WeightSum()
		if strings.Contains(f.x.Summary, " sum to "+lang.Number(sum, lang.ValueDecimals)+"%") {
			n = c
			break
		}
	}
	f.used[n] = true
	return n
}

// weightSum offers, for weights that do not sum to 100%, each sibling's
// weight that makes the sum exactly 100% (with as many decimals as the
// siblings' weights are written with; none that would be 0% or less, or
// above 100%), and normalize in the block.
func (f *fixer) weightSum() {
	n := f.group(false)
	if n == nil {
		return
	}
	type sibling struct {
		node *check.Node
		at   Location // the number of its weight
		mine bool     // the request's range touches its weight
	}
	var sibs []sibling
	decimals, touched := 0, false
	for _, c := range n.Children {
		w, ok := weightOf(c)
		if !ok || !w.Value.Rng.Start.IsValid() || !ast.IsNumber(strings.TrimPrefix(w.Value.Text, "-")) {
			return // a weight that is not written, or not a number: the sum is not known
		}
		if _, frac, ok := strings.Cut(w.Value.Text, "."); ok {
			decimals = max(decimals, len(strings.ReplaceAll(frac, "_", "")))
		}
		at := f.a.loc(w.Value.Rng)
		mine := at.URI == f.d.uri && overlaps(f.a.loc(w.Rng).Range, f.rng)
		sibs = append(sibs, sibling{c, at, mine})
		touched = touched || mine
	}
	if !f.onDiag && !touched {
		return
	}
	sum, _ := n.WeightSum()
	for _, sb := range sibs {
		if !f.onDiag && !sb.mine {
			continue
		}
		v := lang.Rounded(100-(sum-sb.node.Weight), decimals)
		if v <= 0 || v > 100 {
			continue
		}
		text := lang.Number(v, decimals)
		f.add(fmt.Sprintf("Set the weight of %s to %s%% (the weights then sum to 100%%)", nodeName(sb.node), text), false,
			map[string][]TextEdit{sb.at.URI: {{Range: sb.at.Range, NewText: text}}})
	}
	f.addNormalize(n)
}

// nodeName names a node for a title: area 1, objective 301, group
// 301:indicators, indicator 301.S1.
func nodeName(n *check.Node) string {
	switch n.Kind {
	case check.KindStrategic, check.KindObjective:
		return "objective " + n.Code
	case check.KindIndicators, check.KindOperational:
		return "group " + n.Code
	}
	return string(n.Kind) + " " + n.Code
}

// blockOf returns the statement that opens n's block and its fields; ok is
// false for the plan, whose areas cannot be normalized.
func blockOf(n *check.Node) (ast.Node, *ast.Fields, bool) {
	switch src := n.Src.(type) {
	case *ast.Area:
		return src, &src.Fields, true
	case *ast.Objective:
		return src, &src.Fields, true
	case *ast.Group:
		return src, &src.Fields, true
	}
	return nil, nil, false
}

// addNormalize offers a normalize line as the block's first statement, one
// level in from the line that opens the block, as piano fmt lays it out.
func (f *fixer) addNormalize(n *check.Node) {
	src, _, ok := blockOf(n)
	w, _ := weightOf(n)
	if !ok || !w.Rng.End.IsValid() {
		return
	}
	name, local := f.a.locate(w.Rng)
	if name != f.d.name {
		return
	}
	t := f.d.text
	end := t.offset(t.position(local.End))
	i := strings.IndexByte(t.s[end:], '{')
	if i < 0 || strings.TrimSpace(t.s[end:end+i]) != "" {
		return
	}
	brace := end + i
	_, head := f.a.locate(src.Span())
	headLine := t.line(int(head.Start.Line) - 1)
	indent := headLine[:len(headLine)-len(strings.TrimLeft(headLine, " \t"))] + "  "
	lineEnd := strings.IndexByte(t.s[brace:], '\n')
	if lineEnd < 0 {
		return
	}
	lineEnd += brace
	rest := strings.TrimSpace(strings.TrimSuffix(t.s[brace+1:lineEnd], "\r"))
	var edit TextEdit
	if rest == "" || strings.HasPrefix(rest, "//") || strings.HasPrefix(rest, "#") {
		at := t.positionOf(lineEnd + 1)
		edit = TextEdit{Range: Range{Start: at, End: at}, NewText: indent + "normalize\n"}
	} else {
		// The block's statements start on its first line: normalize goes on a
		// line of its own, and what followed the brace on the next.
		from := brace + 1
		to := from + len(t.s[from:lineEnd]) - len(strings.TrimLeft(t.s[from:lineEnd], " \t"))
		edit = TextEdit{Range: Range{Start: t.positionOf(from), End: t.positionOf(to)}, NewText: "\n" + indent + "normalize\n" + indent}
	}
	f.add("Add normalize to "+nodeName(n)+" (its weights are divided by their sum)", false, map[string][]TextEdit{f.d.uri: {edit}})
}

// needlessNormalize offers to remove a normalize line that changes nothing.
func (f *fixer) needlessNormalize() {
	n := f.group(true)
	if n == nil {
		return
	}
	_, fields, ok := blockOf(n)
	if !ok || fields.Normalize == nil {
		return
	}
	name, local := f.a.locate(fields.Normalize.Rng)
	if name != f.d.name {
		return
	}
	t := f.d.text
	from, to := t.offset(t.position(local.Start)), t.offset(t.position(local.End))
	start := strings.LastIndexByte(t.s[:from], '\n') + 1
	end := strings.IndexByte(t.s[to:], '\n')
	if end >= 0 && strings.TrimSpace(t.s[start:from]) == "" && strings.TrimSpace(t.s[to:to+end]) == "" {
		from, to = start, to+end+1 // the whole line
	}
	f.add("Remove normalize from "+nodeName(n)+" (its weights already sum to 100%)", true,
		map[string][]TextEdit{f.d.uri: {{Range: Range{Start: t.positionOf(from), End: t.positionOf(to)}, NewText: ""}}})
}

// italianNumber offers a number written the Italian way as Piano writes
// it, reading it as package lang does for the diagnostic: 41,8 is 41.8 and
// 1.234,5 is 1234.5; 12.956.300 is 12956300; 2.500 is 2500 or 2.5, two
// fixes, since Piano never guesses. In parentheses 3,4 may also be two
// arguments: 3, 4.
func (f *fixer) italianNumber() {
	t := f.d.text
	from, to := t.offset(f.diag.Range.Start), t.offset(f.diag.Range.End)
	if from >= to {
		return
	}
	written := t.s[from:to]
	sign, digits := "", written
	if strings.HasPrefix(digits, "-") || strings.HasPrefix(digits, "+") {
		sign, digits = digits[:1], digits[1:]
	}
	type reading struct{ text, how string }
	var rs []reading
	if plain, ok := lang.DecimalComma(digits); ok {
		how := "virgola decimale"
		if strings.Contains(digits, ".") {
			how = "punto delle migliaia, virgola decimale"
		}
		rs = append(rs, reading{sign + plain, how})
		if inParens(t.s[t.lines[f.diag.Range.Start.Line]:from]) {
			rs = append(rs, reading{strings.Replace(written, ",", ", ", 1), "virgola tra due argomenti"})
		}
	} else if groups, ok := lang.ItalianThousands(digits); ok {
		thousands, decimal := lang.ThousandsReadings(digits, groups)
		rs = append(rs, reading{sign + thousands, "punto delle migliaia"})
		if decimal != "" {
			rs = append(rs, reading{sign + decimal, "punto decimale"})
		}
	}
	for _, r := range rs {
		f.add(fmt.Sprintf("Write %s (%s)", r.text, r.how), len(rs) == 1,
			map[string][]TextEdit{f.d.uri: {{Range: f.diag.Range, NewText: r.text}}})
	}
}

// inParens reports whether the end of a line's text stands inside
// parentheses it opened, strings and comments aside.
func inParens(line string) bool {
	depth := 0
	for i, c := range unquoted(line) {
		switch {
		case c == '#' || c == '/' && i+1 < len(line) && line[i+1] == '/':
			return depth > 0
		case c == '(':
			depth++
		case c == ')':
			depth = max(depth-1, 0)
		}
	}
	return depth > 0
}

// sameRange reports whether two ranges of one file start and end at the
// same lines and columns (their offsets may count from different bases).
func sameRange(a, b lang.Range) bool {
	return a.Start.Line == b.Start.Line && a.Start.Column == b.Start.Column &&
		a.End.Line == b.End.Line && a.End.Column == b.End.Column
}
