package syntax

import (
	"bytes"
	"reflect"
	"slices"
	"unicode/utf8"

	"github.com/piano-plan/piano/lang"
	"github.com/piano-plan/piano/lang/ast"
)

// Re-parsing after an edit. An editor parses the same file at every
// keystroke; a Tree keeps the last parse so that the next one reads again
// only the statement the edit falls in: the smallest driver, area,
// objective, indicator, bands table, scheda or header line whose text
// holds every byte that changed. The statement is read alone, as the
// statement loop reads it in its block, and put in the place of the old
// one; the positions after it move by what the edit added (ast.ShiftFrom),
// and the diagnostics with them.
//
// The result is the tree and the diagnostics Parse gives for the new text,
// or the statement is not read alone and the whole file is parsed again.
// The statement is read alone only where nothing outside it can change how
// it reads, nor it how the rest reads:
//   - it starts its line, and nothing but space follows it on its last
//     line (so no column after it moves);
//   - it reads as one statement of the same kind, its braces and
//     parentheses balanced (so the blocks after it are the same);
//   - no syntax error stands before it (a broken statement may leave a
//     parenthesis open), and the file had no brace error and fewer than
//     maxSyntaxErrors syntax errors (the loop's state across statements);
//   - a header line is the only one of its kind (duplicates are reported
//     across statements); a group or a field of a node is read with the
//     node around it.
//
// TestReparse and FuzzReparse compare every reparse with a parse of the
// whole text.

// Tree is a file parsed and kept to be parsed again after an edit. File
// and Diags are what Parse gives for the text last given. The Tree
// changes the tree it gave in place when it is given the next text: a
// caller must not use a File from before a Reparse after it.
type Tree struct {
	Name   string
	File   *ast.File
	Diags  lang.Diagnostics
	Reused bool // the last Reparse read one statement again, not the whole file

	lim   Limits
	base  int32            // the offset the tree's positions start from (SetBase)
	good  *ast.File        // the last tree a text gave: File, or kept across a text that gave none
	src   []byte           // good's text, the caller's
	diags lang.Diagnostics // good's diagnostics
	nodes int              // at least the nodes good counts, against lim.MaxNodes
	clean bool             // good's parse had no brace error and did not stop
}

// ParseTree parses a file within lim, keeping the parse for Reparse. The
// Tree keeps src, as Reparse keeps each text it is given: the caller must
// not change it afterwards.
func ParseTree(filename string, src []byte, lim Limits) *Tree {
	t := &Tree{Name: filename, lim: lim}
	t.full(src)
	return t
}

// SetBase places the tree's positions at base, as ast.Shift does for a
// plan of several files; diagnostics keep the file's own offsets.
func (t *Tree) SetBase(base int32) {
	if t.good != nil && base != t.base {
		ast.Shift(t.good, base-t.base)
	}
	t.base = base
}

// Reparse parses the file's new text, reading again only the statement
// the edit falls in where it can (see above).
func (t *Tree) Reparse(src []byte) {
	if t.good != nil && t.clean && t.reparse(src) {
		t.Reused = true
		return
	}
	t.full(src)
}

func (t *Tree) full(src []byte) {
	f, diags, info := parse(t.Name, src, t.lim)
	for _, d := range diags {
		d.File = t.Name
	}
	t.File, t.Diags, t.Reused = f, diags, false
	if f != nil {
		ast.Shift(f, t.base)
		t.good, t.src, t.diags, t.nodes, t.clean = f, src, diags, info.nodes, info.clean
	}
}

// place is where a statement stands in the tree.
type place struct {
	stmt   ast.Stmt
	index  int      // in the list of its parent's statements
	parent ast.Stmt // nil at the top level
	ctx    context  // where it stands
	depth  int      // the blocks around it
}

func (t *Tree) reparse(src []byte) bool {
	old := t.src
	if len(src) > min(t.lim.MaxBytes, lang.MaxFileSize) {
		return false
	}
	p, s := common(old, src)
	if p == len(old) && p == len(src) {
		t.File, t.Diags = t.good, t.diags
		return true
	}
	from, to := int32(p)+t.base, int32(len(old)-s)+t.base
	pl, ok := find(t.good, from, to)
	if !ok {
		return false
	}
	a, b := int(pl.stmt.Span().Start.Offset-t.base), int(pl.stmt.Span().End.Offset-t.base)
	lineStart := bytes.LastIndexByte(old[:a], '\n') + 1
	lineEnd := len(old)
	if i := bytes.IndexByte(old[b:], '\n'); i >= 0 {
		lineEnd = b + i
	}
	if len(bytes.TrimLeft(old[lineStart:a], " \t")) != 0 || len(bytes.TrimRight(old[b:lineEnd], " \t\r")) != 0 {
		return false
	}
	for _, d := range t.diags {
		if d.Code == lang.ESyntax && int(d.Subject.Start.Offset) < a {
			return false
		}
	}
	delta := len(src) - len(old)
	frag := src[a : b+delta]
	if !utf8.Valid(frag) {
		return false
	}
	r, ok := t.parseFragment(frag, pl)
	if !ok {
		return false
	}
	if r.lexical != nil {
		t.File, t.Diags = nil, r.lexical
		return true
	}
	syntaxErrs := 0
	for _, d := range t.diags {
		if off := int(d.Subject.Start.Offset); d.Code == lang.ESyntax && (off < a || off >= b) {
			syntaxErrs++
		}
	}
	for _, d := range r.diags {
		if d.Code == lang.ESyntax {
			syntaxErrs++
		}
	}
	if syntaxErrs >= maxSyntaxErrors {
		return false
	}

	// The statement reads alone: put it in the old one's place.
	f := t.good
	lo, _ := slices.BinarySearchFunc(f.Comments, int32(a)+t.base, commentAt)
	hi, _ := slices.BinarySearchFunc(f.Comments, int32(b)+t.base, commentAt)
	lines := int32(bytes.Count(frag, []byte{'\n'}) - bytes.Count(old[a:b], []byte{'\n'}))
	ast.ShiftFrom(f, int32(b)+t.base, int32(delta), lines)
	var comments []*ast.Comment // nil when there are none, as Parse gives
	if n := len(f.Comments) - (hi - lo) + len(r.comments); n > 0 {
		comments = make([]*ast.Comment, 0, n)
		comments = append(append(append(comments, f.Comments[:lo]...), r.comments...), f.Comments[hi:]...)
	}
	f.Comments = comments
	replace(f, pl, r.stmt)
	docs{comments: comments, src: src, base: t.base}.items([]ast.Stmt{r.stmt})

	var diags lang.Diagnostics // nil when there are none, as Parse gives
	for _, d := range t.diags {
		start, end := d.Subject.Start, d.Subject.End
		switch {
		case start.IsValid() && int(start.Offset) >= a && int(start.Offset) < b:
			// the old statement's: read again
		case end.IsValid() && int(end.Offset) >= b:
			// after it, or around it (a group given twice, whose statement was read again)
			moved := *d
			moved.Subject.Start = moveFrom(start, b, delta, lines)
			moved.Subject.End = moveFrom(end, b, delta, lines)
			diags = append(diags, &moved)
		default:
			diags = append(diags, d)
		}
	}
	for _, d := range r.diags {
		t.toFile(d)
		diags = append(diags, d)
	}
	diags.Sort()
	t.File, t.Diags = f, diags
	t.src, t.diags, t.nodes = src, diags, r.nodes
	return true
}

// toFile gives a diagnostic of a fragment, made in the tree's positions,
// the file's name and its own offsets.
func (t *Tree) toFile(d *lang.Diagnostic) {
	d.File = t.Name
	d.Subject.Start = movePos(d.Subject.Start, -int(t.base), 0)
	d.Subject.End = movePos(d.Subject.End, -int(t.base), 0)
}

func commentAt(c *ast.Comment, off int32) int { return int(c.Rng.Start.Offset - off) }

// moveFrom is movePos for a position at from or after it.
func moveFrom(p lang.Pos, from, off int, lines int32) lang.Pos {
	if int(p.Offset) >= from {
		return movePos(p, off, lines)
	}
	return p
}

func movePos(p lang.Pos, off int, lines int32) lang.Pos {
	if p.IsValid() {
		p.Offset += int32(off)
		p.Line += lines
	}
	return p
}

// common returns the lengths of the longest common prefix of a and b and
// of the longest common suffix of what is left.
func common(a, b []byte) (prefix, suffix int) {
	n := min(len(a), len(b))
	const block = 64
	for prefix+block <= n && bytes.Equal(a[prefix:prefix+block], b[prefix:prefix+block]) {
		prefix += block
	}
	for prefix < n && a[prefix] == b[prefix] {
		prefix++
	}
	n -= prefix
	for suffix+block <= n && bytes.Equal(a[len(a)-suffix-block:len(a)-suffix], b[len(b)-suffix-block:len(b)-suffix]) {
		suffix += block
	}
	for suffix < n && a[len(a)-1-suffix] == b[len(b)-1-suffix] {
		suffix++
	}
	return prefix, suffix
}

// find returns the smallest statement that can be read alone and whose
// text holds the offsets from to to.
func find(f *ast.File, from, to int32) (place, bool) {
	var best place
	found := false
	list, ctx, depth := f.Stmts, inFile, 0
	var parent ast.Stmt
	for {
		i, _ := slices.BinarySearchFunc(list, to, func(s ast.Stmt, to int32) int { return int(s.Span().End.Offset - to) })
		if i == len(list) || list[i].Span().Start.Offset > from {
			break
		}
		st := list[i]
		if alone(f, st, parent) {
			best, found = place{stmt: st, index: i, parent: parent, ctx: ctx, depth: depth}, true
		}
		switch n := st.(type) {
		case *ast.Area:
			list, ctx = n.Items, inArea
		case *ast.Objective:
			list, ctx = n.Items, inStrategic
			if n.Kind == ast.KindOperational {
				ctx = inOperational
			}
		case *ast.Group:
			list, ctx = n.Items, inIndicatorGroup
			if n.Kind == ast.OperationalGroup {
				ctx = inOperationalGroup
			}
		default:
			return best, found
		}
		parent = st
		depth++
	}
	return best, found
}

// alone reports whether a statement can be read again by itself.
func alone(f *ast.File, st, parent ast.Stmt) bool {
	switch st.(type) {
	case *ast.Objective, *ast.Indicator:
		return true
	case *ast.Driver, *ast.Area, *ast.Bands, *ast.Scheda:
		return parent == nil
	case *ast.StringField, *ast.Years, *ast.Policy, *ast.Limits, *ast.MissingStmt:
		if parent != nil {
			return false
		}
		n := 0
		for _, s := range f.Stmts {
			if sameKind(s, st) {
				n++
			}
		}
		return n == 1
	}
	return false
}

// sameKind reports whether two statements are of one kind: the same node
// type, and the same keyword for header lines of one type.
func sameKind(a, b ast.Stmt) bool {
	if reflect.TypeOf(a) != reflect.TypeOf(b) {
		return false
	}
	switch a := a.(type) {
	case *ast.StringField:
		return a.Keyword == b.(*ast.StringField).Keyword
	case *ast.Years:
		return a.Kind == b.(*ast.Years).Kind
	case *ast.Objective:
		return a.Kind == b.(*ast.Objective).Kind
	}
	return true
}

// fragment is a statement read alone.
type fragment struct {
	stmt     ast.Stmt
	comments []*ast.Comment
	diags    lang.Diagnostics // in the tree's positions
	nodes    int              // the nodes of the file with it, at most
	lexical  lang.Diagnostics // set when it cannot be read as tokens: the file's diagnostics then
}

// parseFragment reads text as the statement at pl, as the statement loop
// reads it in its block. It reports false where the text does not read
// as one statement of the old one's kind, or reads in a way that would
// change how the rest of the file reads.
func (t *Tree) parseFragment(text []byte, pl place) (fragment, bool) {
	start := pl.stmt.Span().Start
	oldNodes := 0
	ast.InspectStmts([]ast.Stmt{pl.stmt}, func(s ast.Stmt) {
		switch s.(type) {
		case *ast.Driver, *ast.Use, *ast.Group, *ast.Area, *ast.Objective, *ast.Indicator:
			oldNodes++
		}
	})
	st := &stream{watch: watch{lim: t.lim, depth: pl.depth}}
	st.s.init(string(text))
	st.s.base, st.s.line, st.s.col = int(start.Offset), int(start.Line), int(start.Column)
	b := &builder{lim: t.lim, nodes: t.nodes - oldNodes}
	f := &ast.File{Name: t.Name}
	bufs := getBuffers()
	defer bufs.put()
	p := &statements{b: b, f: f, braceAt: -1, stmts: &bufs.stmts}
	var body []*gStmt
	if pl.parent != nil {
		p.push(&open{body: &body, close: &gRBrace{}, ctx: pl.ctx, indent: int(start.Column)})
	}
	if !p.readAll(st, bufs.tokens) {
		for _, d := range st.diags {
			t.toFile(d)
		}
		return fragment{lexical: st.diags}, true
	}
	wantStack := 0
	if pl.parent != nil {
		wantStack = 1
	}
	if p.stopped || p.braceAt >= 0 || len(p.stack) != wantStack || st.watch.depth != pl.depth || st.parens != 0 {
		return fragment{}, false
	}
	var stmt ast.Stmt
	if pl.parent == nil {
		if len(f.Stmts) != 1 {
			return fragment{}, false
		}
		stmt = f.Stmts[0]
	} else {
		if len(body) != 1 {
			return fragment{}, false
		}
		s, what := b.stmt(body[0], pl.ctx)
		if s == nil || !b.place(pl.ctx, what, s.Span()) {
			return fragment{}, false
		}
		stmt = s
	}
	if !sameKind(stmt, pl.stmt) || t.nodes+(b.nodes-(t.nodes-oldNodes)) > t.lim.MaxNodes {
		return fragment{}, false
	}
	diags := append(p.diags, b.diags...)
	return fragment{stmt: stmt, comments: st.comments, diags: diags, nodes: b.nodes}, true
}

// replace puts stmt in the place of the statement at pl, in its parent's
// statements and in the typed view that holds it.
func replace(f *ast.File, pl place, stmt ast.Stmt) {
	old := pl.stmt
	switch parent := pl.parent.(type) {
	case nil:
		f.Stmts[pl.index] = stmt
		h := &f.Header
		switch n := stmt.(type) {
		case *ast.Driver:
			replaceIn(f.Drivers, old.(*ast.Driver), n)
		case *ast.Area:
			replaceIn(f.Areas, old.(*ast.Area), n)
		case *ast.Bands:
			replaceIn(f.Bands, old.(*ast.Bands), n)
		case *ast.Scheda:
			replaceIn(f.Schede, old.(*ast.Scheda), n)
		case *ast.StringField:
			if n.Keyword == "plan" {
				h.Title = n
			} else {
				h.Body = n
			}
		case *ast.Years:
			if n.Kind == "baseline" {
				h.BaselineYears = n
			} else {
				h.TargetYears = n
			}
		case *ast.Policy:
			h.Scoring = n
		case *ast.Limits:
			h.Limits = n
		case *ast.MissingStmt:
			w := n.Value
			h.Missing = &w
		}
	case *ast.Area:
		parent.Items[pl.index] = stmt
		replaceIn(parent.Objectives, old.(*ast.Objective), stmt.(*ast.Objective))
	case *ast.Objective:
		parent.Items[pl.index] = stmt
		replaceIn(parent.Members, old.(ast.Member), stmt.(ast.Member))
	case *ast.Group:
		parent.Items[pl.index] = stmt
		if o, ok := stmt.(*ast.Objective); ok {
			replaceIn(parent.Objectives, old.(*ast.Objective), o)
		} else {
			replaceIn(parent.Members, old.(ast.Member), stmt.(ast.Member))
		}
	}
}

func replaceIn[T comparable](list []T, old, new T) {
	if i := slices.Index(list, old); i >= 0 {
		list[i] = new
	}
}
