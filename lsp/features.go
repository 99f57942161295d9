package lsp

import (
	"bytes"
	"encoding/json"
	"fmt"
	"path/filepath"
	"slices"
	"sort"
	"strings"

	"github.com/piano-plan/piano"
	"github.com/piano-plan/piano/eval"
	"github.com/piano-plan/piano/lang"
	"github.com/piano-plan/piano/lang/ast"
	"github.com/piano-plan/piano/lang/check"
	"github.com/piano-plan/piano/lang/format"
	"github.com/piano-plan/piano/render"
)

// modelOf returns the plan's checked tree. When the text has syntax
// errors the front door checks only for diagnostics; the server then checks
// the partial trees itself, so that hover and definition keep working while
// the user types.
func (s *Server) modelOf(a *analysis) *check.Plan {
	if a.model != nil || a.modelDone {
		return a.model
	}
	a.modelDone = true
	fs := &lang.FileSet{}
	var trees []*ast.File
	for _, name := range a.names {
		text := a.texts[name].s
		base, ok := fs.Add(name, len(text))
		if !ok {
			return nil
		}
		if f, _ := piano.Parse(name, []byte(text), s.opts.Plan); f != nil {
			ast.Shift(f, int32(base))
			trees = append(trees, f)
		}
	}
	switch {
	case len(trees) == 0:
	case len(a.names) == 1:
		a.model, _ = check.Check(trees[0])
	default:
		a.model, _ = check.CheckFiles(fs, trees)
	}
	return a.model
}

// locate returns the file a range of the plan is in and the range in that
// file's offsets.
func (a *analysis) locate(r lang.Range) (string, lang.Range) {
	name, local := "", r
	if a.model != nil {
		name, local = a.model.Locate(r)
	}
	if a.texts[name] == nil {
		name = a.names[0]
	}
	return name, local
}

// loc converts a range of the plan to a protocol location.
func (a *analysis) loc(r lang.Range) Location {
	name, local := a.locate(r)
	return Location{URI: a.uris[name], Range: a.texts[name].rangeOf(local)}
}

// where names a range's file and line for people: tour.plan:8.
func (a *analysis) where(r lang.Range) string {
	name, local := a.locate(r)
	return fmt.Sprintf("%s:%d", filepath.Base(name), local.Start.Line)
}

// base is the offset of a file's first byte in the plan's positions.
func (a *analysis) base(name string) int {
	if a.model == nil || a.model.Files == nil {
		return 0
	}
	for _, f := range a.model.Files.Files() {
		if f.Name == name {
			return f.Base
		}
	}
	return 0
}

// target is what a position names: a driver, an indicator definition or a
// node of the tree, and the range of the code under the cursor.
type target struct {
	driver    *check.Driver
	indicator *check.Indicator
	node      *check.Node
	at        lang.Range
}

func contains(r lang.Range, off int) bool {
	return r.Start.IsValid() && int(r.Start.Offset) <= off && off <= int(r.End.Offset)
}

// lookup finds what the byte offset off names.
func lookup(p *check.Plan, off int) (t target, ok bool) {
	if p == nil {
		return t, false
	}
	inFormula := func(e ast.Expr) bool {
		for _, r := range ast.Refs(e) {
			if contains(r.Rng, off) {
				if d := p.Drivers[r.Name]; d != nil {
					t = target{driver: d, at: r.Rng}
					return true
				}
			}
		}
		return false
	}
	for _, d := range p.DriverOrder {
		if contains(d.Decl.Code.Rng, off) {
			return target{driver: d, at: d.Decl.Code.Rng}, true
		}
		if d.Decl.Formula != nil && contains(d.Decl.Rng, off) && inFormula(d.Decl.Formula) {
			return t, true
		}
	}
	for _, ind := range p.IndicatorOrder {
		if !contains(ind.Def.Rng, off) {
			continue
		}
		if contains(ind.Def.Code.Rng, off) {
			n := (*check.Node)(nil)
			for _, x := range ind.Nodes {
				if x.Use == nil {
					n = x
				}
			}
			return target{indicator: ind, node: n, at: ind.Def.Code.Rng}, true
		}
		if ind.Def.Formula != nil && inFormula(ind.Def.Formula.Expr) {
			return t, true
		}
	}
	found := false
	walk(p.Root, func(n *check.Node) {
		if found {
			return
		}
		if n.Use != nil {
			if contains(n.Use.Ref.Rng, off) {
				t, found = target{indicator: n.Indicator, at: n.Use.Ref.Rng}, true
			} else if contains(n.Use.As.Rng, off) {
				t, found = target{indicator: n.Indicator, node: n, at: n.Use.As.Rng}, true
			}
			return
		}
		if n.Kind != check.KindIndicator && contains(n.CodeRange, off) {
			t, found = target{node: n, at: n.CodeRange}, true
		}
	})
	return t, found
}

func walk(n *check.Node, f func(*check.Node)) {
	if n == nil {
		return
	}
	f(n)
	for _, c := range n.Children {
		walk(c, f)
	}
}

// positionParams returns the document a request names, its plan (checked,
// with its tree) and the position as an offset of the plan's positions.
func (s *Server) positionParams(params json.RawMessage) (*document, *analysis, int, *rpcError) {
	var p TextDocumentPositionParams
	if err := json.Unmarshal(params, &p); err != nil {
		return nil, nil, 0, &rpcError{codeInvalidParams, err.Error()}
	}
	d := s.fresh(p.TextDocument.URI)
	if d == nil {
		return nil, nil, 0, &rpcError{codeRequestFailed, "the document is not open: " + p.TextDocument.URI}
	}
	s.modelOf(d.a)
	return d, d.a, d.a.base(d.name) + d.text.offset(p.Position), nil
}

// documentParams reads the params of a request on one open document.
func (s *Server) documentParams(params json.RawMessage) (*document, *rpcError) {
	var p struct {
		TextDocument TextDocumentIdentifier `json:"textDocument"`
	}
	if err := json.Unmarshal(params, &p); err != nil {
		return nil, &rpcError{codeInvalidParams, err.Error()}
	}
	d := s.fresh(p.TextDocument.URI)
	if d == nil {
		return nil, &rpcError{codeRequestFailed, "the document is not open: " + p.TextDocument.URI}
	}
	return d, nil
}

// targetAt reads a position's params and finds the code under it; ok is
// false where there is none.
func (s *Server) targetAt(params json.RawMessage) (*analysis, target, bool, *rpcError) {
	_, a, off, rerr := s.positionParams(params)
	if rerr != nil {
		return nil, target{}, false, rerr
	}
	t, ok := lookup(a.model, off)
	return a, t, ok, nil
}

func (s *Server) hover(params json.RawMessage) (any, *rpcError) {
	a, t, ok, rerr := s.targetAt(params)
	if rerr != nil || !ok {
		return nil, rerr
	}
	p := a.model
	var b strings.Builder
	switch {
	case t.driver != nil:
		s.hoverDriver(&b, a, p, t.driver)
	case t.indicator != nil:
		s.hoverIndicator(&b, a, p, t.indicator, t.node)
	default:
		s.hoverNode(&b, a, t.node)
	}
	r := a.loc(t.at).Range
	return &Hover{Contents: MarkupContent{Kind: "markdown", Value: b.String()}, Range: &r}, nil
}

func (s *Server) hoverDriver(b *strings.Builder, a *analysis, p *check.Plan, dr *check.Driver) {
	fmt.Fprintf(b, "**driver** `%s` %s\n\n", dr.Code, dr.Decl.Name.Value)
	if doc := ast.DocText(dr.Decl.Doc); doc != "" {
		fmt.Fprintf(b, "%s\n\n", doc)
	}
	fmt.Fprintf(b, "unit: %s\n\n", ast.FormatUnit(dr.Decl.Unit))
	if dr.Decl.Formula != nil {
		fmt.Fprintf(b, "formula: `%s`\n\n", ast.FormatExpr(dr.Decl.Formula))
	}
	fmt.Fprintf(b, "declared at %s\n\n", a.where(dr.Decl.Code.Rng))
	var users []string
	for _, ind := range p.IndicatorOrder {
		if slices.Contains(ind.Inputs, dr) {
			users = append(users, "`"+ind.Code+"`")
		}
	}
	for _, o := range p.DriverOrder {
		if slices.Contains(o.Inputs, dr) {
			users = append(users, "driver `"+o.Code+"`")
		}
	}
	if len(users) == 0 {
		b.WriteString("used by no indicator\n")
	} else {
		fmt.Fprintf(b, "used by: %s\n", strings.Join(users, ", "))
	}
}

func (s *Server) hoverIndicator(b *strings.Builder, a *analysis, p *check.Plan, ind *check.Indicator, n *check.Node) {
	def := ind.Def
	fmt.Fprintf(b, "**indicator** `%s` %s\n\n", ind.Code, def.Name.Value)
	if def.Formula != nil {
		fmt.Fprintf(b, "formula: `%s`", ast.FormatExpr(def.Formula.Expr))
		if ins := ind.Inputs; len(ins) > 0 {
			var parts []string
			for _, in := range ins {
				parts = append(parts, fmt.Sprintf("`%s` %s", in.Code, ast.FormatUnit(in.Decl.Unit)))
			}
			fmt.Fprintf(b, " (%s)", strings.Join(parts, ", "))
		}
		b.WriteString("\n\n")
	}
	if def.Unit != nil {
		fmt.Fprintf(b, "unit: %s\n\n", ast.FormatUnit(def.Unit.Unit))
	}
	if len(ind.Baselines) > 0 {
		fmt.Fprintf(b, "baselines: %s\n\n", yearList(ind.Baselines, func(v *ast.Value) string { return format.Value(*v) }))
	}
	if len(ind.Targets) > 0 {
		fmt.Fprintf(b, "targets: %s\n\n", yearList(ind.Targets, func(v *ast.Target) string { return format.Target(*v) }))
	}
	nodes := ind.Nodes
	if n != nil {
		nodes = []*check.Node{n}
	}
	for _, x := range nodes {
		fmt.Fprintf(b, "`%s`: weight %s%%, %s of the plan\n\n", x.Code, lang.Plain(x.Weight), percent(planShare(x)))
	}
	if n == nil && len(ind.Nodes) > 0 {
		n = ind.Nodes[0]
	}
	if n != nil {
		s.hoverScore(b, a, n.Code)
	}
}

func (s *Server) hoverNode(b *strings.Builder, a *analysis, n *check.Node) {
	fmt.Fprintf(b, "**%s** `%s` %s\n\n", n.Kind, n.Code, n.Name)
	fmt.Fprintf(b, "weight %s%%, %s of the plan\n\n", lang.Plain(n.Weight), percent(planShare(n)))
	s.hoverScore(b, a, n.Code)
}

// hoverScore adds what piano explain says of the node, when data are
// configured.
func (s *Server) hoverScore(b *strings.Builder, a *analysis, code string) {
	r := s.score(a)
	if r == nil {
		if a.scoreErr != "" {
			fmt.Fprintf(b, "---\nno score: %s\n", a.scoreErr)
		}
		return
	}
	x := r.Explain(code)
	if x == nil {
		return
	}
	if nr := r.Find(code); nr != nil {
		share := 100.0
		for n := nr; n != nil && n.Parent != nil; n = n.Parent {
			share *= n.Share / 100
		}
		fmt.Fprintf(b, "effective share with the %d data: %s of the plan\n\n", r.Year, percent(share))
	}
	var out bytes.Buffer
	if render.ExplainText(&out, x) != nil {
		return
	}
	fmt.Fprintf(b, "---\n```\n%s```\n", out.String())
}

// planShare is the node's share of the whole plan from the weights as
// written (dividing by the siblings' sum under normalize): what the node
// weighs when every indicator has a score.
func planShare(n *check.Node) float64 {
	share := 1.0
	for ; n != nil && n.Parent != nil; n = n.Parent {
		den := 100.0
		if n.Parent.Normalize {
			den = 0
			for _, c := range n.Parent.Children {
				den += c.Weight
			}
		}
		if den == 0 {
			return 0
		}
		share *= n.Weight / den
	}
	return share * 100
}

func percent(x float64) string { return lang.Figure(x) + "%" }

func yearList[V any](m map[int]V, f func(V) string) string {
	years := make([]int, 0, len(m))
	for y := range m {
		years = append(years, y)
	}
	sort.Ints(years)
	var parts []string
	for _, y := range years {
		parts = append(parts, fmt.Sprintf("%d: %s", y, f(m[y])))
	}
	return strings.Join(parts, ", ")
}

// score evaluates the document's plan on the configured data (the
// client's settings over the settings file's), once per check and settings
// file; nil when no data are configured or the plan cannot be scored (the
// reason is in a.scoreErr).
func (s *Server) score(a *analysis) *eval.Result {
	st := s.settingsFor(a) // first: a changed settings file scores every plan again
	if a.scored {
		return a.result
	}
	a.scored, a.result, a.scoreErr = true, nil, ""
	if st.problem != "" {
		a.scoreErr = st.problem
		return nil
	}
	if len(st.data) == 0 || a.plan == nil {
		return nil
	}
	if !a.plan.OK() {
		a.scoreErr = "the plan has errors"
		return nil
	}
	data, err := a.plan.ReadDataFiles(st.data...)
	if err != nil {
		a.scoreErr = err.Error()
		return nil
	}
	year := st.year
	if year == 0 {
		for _, y := range data.Years() {
			if slices.Contains(a.plan.Checked.TargetYears, y) {
				year = y
			}
		}
	}
	r, diags, err := a.plan.Evaluate(data, year)
	switch {
	case err != nil:
		a.scoreErr = err.Error()
	case r == nil && len(diags) > 0:
		a.scoreErr = diags[0].Where() + ": " + diags[0].Summary
	}
	a.result = r
	return r
}

func (s *Server) definition(params json.RawMessage) (any, *rpcError) {
	a, t, ok, rerr := s.targetAt(params)
	if rerr != nil || !ok {
		return nil, rerr
	}
	var at lang.Range
	switch {
	case t.driver != nil:
		at = t.driver.Decl.Code.Rng
	case t.indicator != nil && (t.node == nil || t.node.Use == nil):
		at = t.indicator.Def.Code.Rng
	case t.node != nil && t.node.Use != nil:
		at = t.node.Use.As.Rng
	default:
		at = t.node.CodeRange
	}
	return []Location{a.loc(at)}, nil
}

func (s *Server) references(params json.RawMessage) (any, *rpcError) {
	var rp ReferenceParams
	if err := json.Unmarshal(params, &rp); err != nil {
		return nil, &rpcError{codeInvalidParams, err.Error()}
	}
	a, t, ok, rerr := s.targetAt(params)
	if rerr != nil || !ok {
		return nil, rerr
	}
	p := a.model
	at := occurrences(p, t, rp.Context.IncludeDeclaration)
	out := []Location{}
	for _, r := range at {
		out = append(out, a.loc(r))
	}
	return out, nil
}

// isAs reports whether the target is the code a use gives its indicator
// (use REF as CODE): a node's own code, not the indicator's.
func (t target) isAs() bool {
	return t.node != nil && t.node.Use != nil && t.at == t.node.Use.As.Rng
}

// occurrences are the ranges of the code the target names, in the order
// of the plan's positions: every reference, and the declaration if decl.
func occurrences(p *check.Plan, t target, decl bool) []lang.Range {
	var at []lang.Range
	switch {
	case t.driver != nil:
		if decl {
			at = append(at, t.driver.Decl.Code.Rng)
		}
		refs := func(e ast.Expr) {
			ast.Inspect(e, func(x ast.Expr) {
				if r, ok := x.(*ast.Ref); ok && r.Name == t.driver.Code {
					at = append(at, r.Rng)
				}
			})
		}
		for _, o := range p.DriverOrder {
			refs(o.Decl.Formula)
		}
		for _, ind := range p.IndicatorOrder {
			if ind.Def.Formula != nil {
				refs(ind.Def.Formula.Expr)
			}
		}
	case t.isAs():
		if decl {
			at = append(at, t.node.Use.As.Rng)
		}
	case t.indicator != nil:
		if decl {
			at = append(at, t.indicator.Def.Code.Rng)
		}
		for _, n := range t.indicator.Nodes {
			if n.Use != nil {
				at = append(at, n.Use.Ref.Rng)
			}
		}
	default:
		if decl {
			at = append(at, t.node.CodeRange)
		}
	}
	sort.Slice(at, func(i, j int) bool { return at[i].Start.Offset < at[j].Start.Offset })
	return at
}

// prepareRename says whether the position names a code that can be
// renamed, and its range.
func (s *Server) prepareRename(params json.RawMessage) (any, *rpcError) {
	a, t, ok, rerr := s.targetAt(params)
	if rerr != nil || !ok {
		return nil, rerr
	}
	r := a.loc(t.at).Range
	return &r, nil
}

// workspaceSymbol finds the drivers and nodes of every open plan whose code
// or name holds the query, case aside.
func (s *Server) workspaceSymbol(params json.RawMessage) (any, *rpcError) {
	var p struct {
		Query string `json:"query"`
	}
	if err := json.Unmarshal(params, &p); err != nil {
		return nil, &rpcError{codeInvalidParams, err.Error()}
	}
	q := strings.ToLower(p.Query)
	match := func(code, name string) bool {
		return strings.Contains(strings.ToLower(code), q) || strings.Contains(strings.ToLower(name), q)
	}
	out := []map[string]any{}
	seen := map[*analysis]bool{}
	uris := make([]string, 0, len(s.docs))
	for uri := range s.docs {
		uris = append(uris, uri)
	}
	sort.Strings(uris)
	for _, uri := range uris {
		d := s.fresh(uri)
		if seen[d.a] {
			continue
		}
		seen[d.a] = true
		m := s.modelOf(d.a)
		if m == nil {
			continue
		}
		for _, dr := range m.DriverOrder {
			if match(dr.Code, dr.Decl.Name.Value) && len(out) < maxCompletions {
				out = append(out, map[string]any{"name": dr.Code, "kind": SymbolVariable,
					"containerName": dr.Decl.Name.Value, "location": d.a.loc(dr.Decl.Code.Rng)})
			}
		}
		walk(m.Root, func(n *check.Node) {
			if n.Parent == nil || !n.CodeRange.Start.IsValid() || n.Kind == check.KindIndicators || n.Kind == check.KindOperational {
				return
			}
			if match(n.Code, n.Name) && len(out) < maxCompletions {
				kind := SymbolClass
				switch n.Kind {
				case check.KindArea:
					kind = SymbolNamespace
				case check.KindIndicator:
					kind = SymbolField
				}
				out = append(out, map[string]any{"name": n.Code, "kind": kind, "containerName": n.Name,
					"location": d.a.loc(n.CodeRange)})
			}
		})
	}
	return out, nil
}

// weightOf returns the weight a node's statement writes.
func weightOf(n *check.Node) (ast.Weight, bool) {
	switch src := n.Src.(type) {
	case *ast.Area:
		return src.Weight, true
	case *ast.Objective:
		return src.Weight, true
	case *ast.Group:
		return src.Weight, true
	case *ast.Indicator:
		return src.Weight, true
	case *ast.Use:
		return src.Weight, true
	}
	return ast.Weight{}, false
}

// inlayHint shows after each weight the node's share of the whole plan,
// and, where a block's children's weights do not sum to 100%, their sum.
func (s *Server) inlayHint(params json.RawMessage) (any, *rpcError) {
	var p struct {
		TextDocument TextDocumentIdentifier `json:"textDocument"`
		Range        Range                  `json:"range"`
	}
	if err := json.Unmarshal(params, &p); err != nil {
		return nil, &rpcError{codeInvalidParams, err.Error()}
	}
	d := s.fresh(p.TextDocument.URI)
	if d == nil {
		return nil, &rpcError{codeRequestFailed, "the document is not open: " + p.TextDocument.URI}
	}
	a := d.a
	m := s.modelOf(a)
	out := []map[string]any{}
	if m == nil {
		return out, nil
	}
	walk(m.Root, func(n *check.Node) {
		w, ok := weightOf(n)
		if !ok || !w.Rng.End.IsValid() {
			return
		}
		name, local := a.locate(w.Rng)
		if name != d.name {
			return
		}
		at := d.text.position(local.End)
		if before(at, p.Range.Start) || before(p.Range.End, at) {
			return
		}
		label := percent(planShare(n)) + " of the plan"
		if len(n.Children) > 0 {
			if sum, off := n.WeightSum(); off {
				label += ", children sum to " + percent(sum)
			}
		}
		out = append(out, map[string]any{"position": at, "label": label, "paddingLeft": true})
	})
	return out, nil
}

// before reports whether a comes before b.
func before(a, b Position) bool {
	return a.Line < b.Line || a.Line == b.Line && a.Character < b.Character
}

// foldingRange folds the blocks: areas, objectives, groups, indicators.
func (s *Server) foldingRange(params json.RawMessage) (any, *rpcError) {
	var p struct {
		TextDocument TextDocumentIdentifier `json:"textDocument"`
	}
	if err := json.Unmarshal(params, &p); err != nil {
		return nil, &rpcError{codeInvalidParams, err.Error()}
	}
	d := s.docs[p.TextDocument.URI]
	if d == nil {
		return nil, &rpcError{codeRequestFailed, "the document is not open: " + p.TextDocument.URI}
	}
	f, _ := piano.Parse(d.name, []byte(d.text.s), s.opts.Plan)
	out := []map[string]int{}
	if f == nil {
		return out, nil
	}
	fold := func(r lang.Range) {
		if r.Start.IsValid() && r.End.Line > r.Start.Line {
			out = append(out, map[string]int{"startLine": int(r.Start.Line) - 1, "endLine": int(r.End.Line) - 1})
		}
	}
	var objective func(o *ast.Objective)
	group := func(g *ast.Group) {
		if g == nil {
			return
		}
		fold(g.Rng)
		for _, m := range g.Members {
			fold(m.Span())
		}
		for _, o := range g.Objectives {
			objective(o)
		}
	}
	objective = func(o *ast.Objective) {
		fold(o.Rng)
		group(o.Indicators)
		group(o.Operational)
		for _, m := range o.Members {
			fold(m.Span())
		}
	}
	for _, a := range f.Areas {
		fold(a.Rng)
		for _, o := range a.Objectives {
			objective(o)
		}
	}
	return out, nil
}

func (s *Server) documentSymbol(params json.RawMessage) (any, *rpcError) {
	d, rerr := s.documentParams(params)
	if rerr != nil {
		return nil, rerr
	}
	f, _ := piano.Parse(d.name, []byte(d.text.s), s.opts.Plan)
	out := []DocumentSymbol{}
	if f == nil {
		return out, nil
	}
	sym := func(code ast.Code, name string, detail string, kind SymbolKind, whole lang.Range) DocumentSymbol {
		return DocumentSymbol{Name: code.Value, Detail: strings.TrimSpace(name + " " + detail), Kind: kind,
			Range: d.text.rangeOf(whole), SelectionRange: d.text.rangeOf(code.Rng)}
	}
	weight := func(w ast.Weight) string {
		if w.Value.Text == "" {
			return ""
		}
		return w.Value.Text + "%"
	}
	var objective func(o *ast.Objective) DocumentSymbol
	members := func(g *ast.Group) []DocumentSymbol {
		var out []DocumentSymbol
		for _, m := range g.Members {
			switch m := m.(type) {
			case *ast.Indicator:
				out = append(out, sym(m.Code, m.Name.Value, weight(m.Weight), SymbolField, m.Rng))
			case *ast.Use:
				out = append(out, sym(m.As, "use "+m.Ref.Value, weight(m.Weight), SymbolField, m.Rng))
			}
		}
		return out
	}
	objective = func(o *ast.Objective) DocumentSymbol {
		x := sym(o.Code, o.Name.Value, weight(o.Weight), SymbolClass, o.Rng)
		if o.Indicators != nil {
			x.Children = append(x.Children, members(o.Indicators)...)
		}
		if o.Operational != nil {
			for _, c := range o.Operational.Objectives {
				x.Children = append(x.Children, objective(c))
			}
		}
		x.Children = append(x.Children, members(&ast.Group{Members: o.Members})...)
		return x
	}
	for _, dr := range f.Drivers {
		out = append(out, sym(dr.Code, dr.Name.Value, "", SymbolVariable, dr.Rng))
	}
	for _, a := range f.Areas {
		x := sym(a.Code, a.Name.Value, weight(a.Weight), SymbolNamespace, a.Rng)
		for _, o := range a.Objectives {
			x.Children = append(x.Children, objective(o))
		}
		out = append(out, x)
	}
	return out, nil
}

func (s *Server) formatting(params json.RawMessage) (any, *rpcError) {
	var p DocumentFormattingParams
	if err := json.Unmarshal(params, &p); err != nil {
		return nil, &rpcError{codeInvalidParams, err.Error()}
	}
	d := s.docs[p.TextDocument.URI]
	if d == nil {
		return nil, &rpcError{codeRequestFailed, "the document is not open: " + p.TextDocument.URI}
	}
	f, diags := piano.Parse(d.name, []byte(d.text.s), s.opts.Plan)
	if f == nil || diags.HasErrors() {
		return nil, &rpcError{codeRequestFailed, "the plan has syntax errors: it is formatted once they are fixed"}
	}
	out, err := format.Source(f)
	if err != nil {
		return nil, &rpcError{codeInternalError, "internal error: " + err.Error()}
	}
	if string(out) == d.text.s {
		return []TextEdit{}, nil
	}
	return []TextEdit{d.text.replaceChanged(string(out))}, nil
}

// replaceChanged is the one edit that turns the text into after: it
// replaces only the lines between those both share at the start and at the
// end, so that the editor keeps the cursor, folds and marks elsewhere.
func (t *text) replaceChanged(after string) TextEdit {
	start := 0 // bytes of the whole lines both start with
	for {
		i := strings.IndexByte(t.s[start:], '\n')
		if i < 0 || !strings.HasPrefix(after[start:], t.s[start:start+i+1]) {
			break
		}
		start += i + 1
	}
	end := 0 // bytes of the whole lines both end with, after start
	for end < len(t.s)-start && end < len(after)-start {
		rest := t.s[:len(t.s)-end]
		i := strings.LastIndexByte(rest[:len(rest)-1], '\n')
		line := rest[i+1:]
		if len(rest)-len(line) < start || !strings.HasSuffix(after[:len(after)-end], line) ||
			len(after)-end-len(line) < start {
			break
		}
		end += len(line)
	}
	return TextEdit{Range: Range{Start: t.positionOf(start), End: t.positionOf(len(t.s) - end)},
		NewText: after[start : len(after)-end]}
}

func (s *Server) codeLens(params json.RawMessage) (any, *rpcError) {
	var p struct {
		TextDocument TextDocumentIdentifier `json:"textDocument"`
	}
	if err := json.Unmarshal(params, &p); err != nil {
		return nil, &rpcError{codeInvalidParams, err.Error()}
	}
	d := s.fresh(p.TextDocument.URI)
	out := []CodeLens{}
	if d == nil {
		return out, nil
	}
	r := s.score(d.a)
	if r == nil {
		return out, nil
	}
	walk(r.Plan.Root, func(n *check.Node) {
		if n.Parent == nil || n.Kind == check.KindIndicators || n.Kind == check.KindOperational || !n.CodeRange.Start.IsValid() {
			return
		}
		nr := r.Find(n.Code)
		if nr == nil {
			return
		}
		title := fmt.Sprintf("score %d: ", r.Year)
		if nr.Score == nil {
			title += nr.LeftOutAs()
		} else {
			title += lang.Percent(nr.Score)
		}
		if nr.Status != "" {
			title += " (" + string(nr.Status) + ")"
		}
		if name, _ := d.a.locate(n.CodeRange); name != d.name {
			return
		}
		out = append(out, CodeLens{Range: d.a.loc(n.CodeRange).Range, Command: &Command{Title: title}})
	})
	return out, nil
}
