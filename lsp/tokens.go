package lsp

import (
	"encoding/json"
	"sort"

	"github.com/piano-plan/piano/lang"
	"github.com/piano-plan/piano/lang/ast"
	"github.com/piano-plan/piano/lang/check"
)

// The semantic tokens' legend: drivers are variables, indicators classes,
// areas', objectives' and uses' own codes namespaces, the words that start
// a statement (the statement table's keywords) keywords; a name no
// declaration answers is "unresolved".
var (
	tokenTypes     = []string{"variable", "class", "namespace", "keyword"}
	tokenModifiers = []string{"declaration", "unresolved"}
)

const (
	tokDriver = iota
	tokIndicator
	tokNode
	tokKeyword
)

const (
	modDeclaration = 1 << iota
	modUnresolved
)

type token struct {
	r         lang.Range
	typ, mods int
}

// semanticTokens tells apart what highlighting cannot: which names are
// drivers, which indicators, and which are unknown.
func (s *Server) semanticTokens(params json.RawMessage) (any, *rpcError) {
	d, rerr := s.documentParams(params)
	if rerr != nil {
		return nil, rerr
	}
	data := []int{}
	m := s.modelOf(d.a)
	if m == nil {
		return map[string]any{"data": data}, nil
	}
	var toks []token
	formula := func(e ast.Expr) {
		for _, r := range ast.Refs(e) {
			mods := 0
			if m.Drivers[r.Name] == nil {
				mods = modUnresolved
			}
			ast.Inspect(e, func(x ast.Expr) {
				if ref, ok := x.(*ast.Ref); ok && ref.Name == r.Name {
					toks = append(toks, token{ref.Rng, tokDriver, mods})
				}
			})
		}
	}
	for _, dr := range m.DriverOrder {
		toks = append(toks, token{dr.Decl.Code.Rng, tokDriver, modDeclaration})
		formula(dr.Decl.Formula)
	}
	for _, ind := range m.IndicatorOrder {
		toks = append(toks, token{ind.Def.Code.Rng, tokIndicator, modDeclaration})
		if ind.Def.Formula != nil {
			formula(ind.Def.Formula.Expr)
		}
	}
	walk(m.Root, func(n *check.Node) {
		switch {
		case n.Use != nil:
			mods := 0
			if n.Indicator == nil {
				mods = modUnresolved
			}
			toks = append(toks, token{n.Use.Ref.Rng, tokIndicator, mods}, token{n.Use.As.Rng, tokNode, modDeclaration})
		case n.Parent != nil && n.Kind != check.KindIndicator && n.Kind != check.KindIndicators && n.Kind != check.KindOperational:
			toks = append(toks, token{n.CodeRange, tokNode, modDeclaration})
		}
	})
	toks = append(toks, keywords(m.File, d.text.s, func(r lang.Range) (lang.Range, bool) {
		name, local := d.a.locate(r)
		return local, name == d.name
	})...)
	sort.SliceStable(toks, func(i, j int) bool { return toks[i].r.Start.Offset < toks[j].r.Start.Offset })
	var last Position
	lastOff := int32(-1)
	for _, t := range toks {
		if !t.r.Start.IsValid() || t.r.Start.Offset == lastOff || t.r.Start.Line != t.r.End.Line {
			continue
		}
		local := t.r
		if t.typ != tokKeyword { // keywords are found in the document's own offsets
			name, l := d.a.locate(t.r)
			if name != d.name {
				continue
			}
			local = l
		}
		lastOff = t.r.Start.Offset
		rg := d.text.rangeOf(local)
		char := rg.Start.Character
		if rg.Start.Line == last.Line {
			char -= last.Character
		}
		data = append(data, rg.Start.Line-last.Line, char, rg.End.Character-rg.Start.Character, t.typ, t.mods)
		last = rg.Start
	}
	return map[string]any{"data": data}, nil
}

// keywords returns a token for the keyword of every statement of f that
// stands in the document (local reports where a range of the plan is in
// the document, and whether it is there), and for its second word
// (baseline years), as the statement table names them. text is the
// document's text; a statement whose text does not start with its
// keyword gives no token.
func keywords(f *ast.File, text string, local func(lang.Range) (lang.Range, bool)) []token {
	var toks []token
	word := func(p lang.Pos, w string) (lang.Pos, bool) {
		o := int(p.Offset)
		if o < 0 || o+len(w) > len(text) || text[o:o+len(w)] != w {
			return p, false
		}
		end := lang.Pos{Line: p.Line, Column: p.Column + int32(len(w)), Offset: p.Offset + int32(len(w))}
		toks = append(toks, token{lang.Range{Start: p, End: end}, tokKeyword, 0})
		return end, true
	}
	ast.InspectStmts(f.Stmts, func(s ast.Stmt) {
		row := ast.StatementOf(s)
		if row == nil {
			return
		}
		r, ok := local(s.Span())
		if !ok {
			return
		}
		end, ok := word(r.Start, row.Keyword)
		if !ok || row.Then == "" {
			return
		}
		for int(end.Offset) < len(text) && (text[end.Offset] == ' ' || text[end.Offset] == '\t') {
			end.Offset++
			end.Column++
		}
		word(end, row.Then)
	})
	return toks
}
