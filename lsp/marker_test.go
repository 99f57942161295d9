package lsp

// Marker tests, after gopls's: each archive testdata/features/FEATURE.txtar
// is a workspace and a script. Its files (plans, data files, .piano.yaml,
// *.test.yaml, in folders if need be) are written to a temporary folder,
// the workspace folder of a server driven in process over a pipe. Positions
// are marked in the files' text as ⟦name⟧ (a name of letters, digits, _ . -;
// the brackets are no character of the plan language): the marks are taken
// out before a file is written or opened, and each names the place where
// it stood, counted in UTF-16 units as the protocol counts.
//
// The section requests holds one step a line (# starts a comment):
//
//	initialize [root=DIR] [folders=DIR,DIR] [options=JSON]   a new session (else one is started at the workspace folder)
//	open FILE | close FILE                                   didOpen, didClose
//	change at=MARK [end=MARK] text="..."                     didChange of the open file of MARK, one ranged change
//	write FILE text="..." | remove FILE                      a file changed on disk, under the server
//	settings options=JSON                                    workspace/didChangeConfiguration
//	folders [add=DIR,DIR] [remove=DIR,DIR]                   workspace/didChangeWorkspaceFolders
//	hover|definition|completion|prepareRename at=MARK
//	references at=MARK [decl=true]
//	rename at=MARK to="NEW NAME"
//	codeAction at=MARK [end=MARK] [only=KIND] [fixes=CODE]
//	documentSymbol|formatting|foldingRange|codeLens|semanticTokens [file=FILE]   FILE: else the one open file
//	inlayHint [file=FILE] [from=MARK] [to=MARK]
//	workspaceSymbol query=TEXT
//
// Values with spaces are written as Go strings. A step other than
// initialize, write and remove has a section want/STEP (STEP the line as
// written, with " #2" after a line given twice) that holds what the server
// sent, rendered for a reader: the diagnostics published (open, change and
// every other step: whatever the server published while it answered), then
// the result. A range is LINE:COL-LINE:COL, lines and columns from 1,
// columns in UTF-16 units, followed by «the text it covers» when that is
// short and on one line; a location is FILE:RANGE; edits are shown as the
// unified diff they make to each file; semantic tokens decoded. fixes=CODE
// also checks that each quick fix is for one diagnostic of CODE and,
// applied, leaves fewer of them, and that a formatted plan stays formatted.
//
// go test ./lsp -run TestFeatures -update rewrites the want sections.

import (
	"bytes"
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"sort"
	"strconv"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/pmezard/go-difflib/difflib"
	"golang.org/x/tools/txtar"

	"github.com/piano-plan/piano"
	"github.com/piano-plan/piano/lang"
	"github.com/piano-plan/piano/lang/format"
)

var update = flag.Bool("update", false, "rewrite the want sections of testdata/features/*.txtar")

// TestFeatures runs every archive of testdata/features.
func TestFeatures(t *testing.T) {
	paths, err := filepath.Glob("testdata/features/*.txtar")
	if err != nil || len(paths) == 0 {
		t.Fatalf("no archives in testdata/features (%v)", err)
	}
	for _, path := range paths {
		t.Run(strings.TrimSuffix(filepath.Base(path), ".txtar"), func(t *testing.T) {
			t.Parallel()
			runFeature(t, path)
		})
	}
}

// markRE is a position mark, ⟦name⟧.
var markRE = regexp.MustCompile(`⟦([A-Za-z0-9_.-]*)⟧`)

// mark is where a mark stood: a file and a byte offset in its text.
type mark struct {
	file string
	off  int
}

// feature is one archive being run.
type feature struct {
	t     *testing.T
	dir   string           // the workspace folder
	marks map[string]*mark // by name
	docs  map[string]*doc  // the open files, by name
	c     *client
}

// doc is an open file as the client holds it.
type doc struct {
	text    string
	version int
}

// step is one line of the requests section.
type step struct {
	line, name string // name: the want section's, after want/
	verb       string
	pos        []string
	args       map[string]string
}

func runFeature(t *testing.T, path string) {
	ar, err := txtar.ParseFile(path)
	if err != nil {
		t.Fatal(err)
	}
	f := &feature{t: t, dir: t.TempDir(), marks: map[string]*mark{}}
	var script string
	hasScript := false
	wants := map[string]string{}
	for _, file := range ar.Files {
		switch {
		case file.Name == "requests":
			script, hasScript = string(file.Data), true
		case strings.HasPrefix(file.Name, "want/"):
			name := strings.TrimPrefix(file.Name, "want/")
			if _, dup := wants[name]; dup {
				t.Fatalf("%s: two sections want/%s", path, name)
			}
			wants[name] = string(file.Data)
		default:
			f.writeFile(file.Name, string(file.Data))
		}
	}
	if !hasScript {
		t.Fatalf("%s: no requests section", path)
	}
	steps := parseSteps(t, path, script)

	got := map[string]string{}
	for _, st := range steps {
		if st.verb != "initialize" && f.c == nil {
			f.initialize(step{args: map[string]string{}})
		}
		if out, ok := f.run(st); ok {
			got[st.name] = out
		}
	}

	if *update {
		out := &txtar.Archive{Comment: ar.Comment}
		for _, file := range ar.Files {
			if !strings.HasPrefix(file.Name, "want/") {
				out.Files = append(out.Files, file)
			}
		}
		for _, st := range steps {
			if g, ok := got[st.name]; ok {
				out.Files = append(out.Files, txtar.File{Name: "want/" + st.name, Data: []byte(g)})
			}
		}
		if b := txtar.Format(out); !bytes.Equal(b, mustRead(t, path)) {
			if err := os.WriteFile(path, b, 0o644); err != nil {
				t.Fatal(err)
			}
			t.Logf("rewrote %s", path)
		}
		return
	}
	for _, st := range steps {
		g, ok := got[st.name]
		if !ok {
			continue
		}
		w, ok := wants[st.name]
		if !ok {
			t.Errorf("%s: no section want/%s (go test ./lsp -run TestFeatures -update writes it):\n%s", path, st.name, g)
			continue
		}
		if g != w {
			t.Errorf("%s: %s: the answer differs from want/%s (-want +got):\n%s", path, st.line, st.name, unified("want", w, "got", g))
		}
	}
	for name := range wants {
		if _, ok := got[name]; !ok {
			t.Errorf("%s: want/%s is no step's", path, name)
		}
	}
}

func mustRead(t *testing.T, path string) []byte {
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// parseSteps reads the requests section.
func parseSteps(t *testing.T, path, script string) []step {
	var steps []step
	seen := map[string]int{}
	for i, line := range strings.Split(script, "\n") {
		line = strings.TrimSpace(line)
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		fields, err := splitFields(line)
		if err != nil {
			t.Fatalf("%s: requests line %d: %v", path, i+1, err)
		}
		st := step{line: line, name: line, verb: fields[0], args: map[string]string{}}
		for _, fl := range fields[1:] {
			k, v, ok := strings.Cut(fl, "=")
			if !ok {
				st.pos = append(st.pos, fl)
				continue
			}
			if strings.HasPrefix(v, `"`) {
				if v, err = strconv.Unquote(v); err != nil {
					t.Fatalf("%s: requests line %d: %s: %v", path, i+1, fl, err)
				}
			}
			st.args[k] = v
		}
		seen[line]++
		if n := seen[line]; n > 1 {
			st.name = fmt.Sprintf("%s #%d", line, n)
		}
		steps = append(steps, st)
	}
	return steps
}

// splitFields splits a line at spaces outside Go strings.
func splitFields(line string) ([]string, error) {
	var out []string
	for line = strings.TrimSpace(line); line != ""; line = strings.TrimSpace(line) {
		i := 0
		for i < len(line) && line[i] != ' ' && line[i] != '\t' {
			if line[i] == '"' {
				q, err := strconv.QuotedPrefix(line[i:])
				if err != nil {
					return nil, fmt.Errorf("%s: %v", line[i:], err)
				}
				i += len(q)
				continue
			}
			i++
		}
		out = append(out, line[:i])
		line = line[i:]
	}
	return out, nil
}

// writeFile writes a workspace file with its marks taken out, and
// records them.
func (f *feature) writeFile(name, text string) {
	f.t.Helper()
	for k, m := range f.marks {
		if m.file == name {
			delete(f.marks, k)
		}
	}
	var b strings.Builder
	last := 0
	for _, loc := range markRE.FindAllStringSubmatchIndex(text, -1) {
		b.WriteString(text[last:loc[0]])
		last = loc[1]
		id := text[loc[2]:loc[3]]
		if id == "" {
			f.t.Fatalf("%s: a mark without a name", name)
		}
		if m, dup := f.marks[id]; dup {
			f.t.Fatalf("mark %s is in %s and %s", id, m.file, name)
		}
		f.marks[id] = &mark{file: name, off: b.Len()}
	}
	b.WriteString(text[last:])
	if strings.ContainsAny(b.String(), "⟦⟧") {
		f.t.Fatalf("%s: a mark is not ⟦name⟧", name)
	}
	write(f.t, f.path(name), b.String())
}

func (f *feature) path(name string) string { return filepath.Join(f.dir, filepath.FromSlash(name)) }
func (f *feature) uri(name string) string  { return fileURI(f.path(name)) }

// textOf is a file's text as the client sees it: open, or on disk.
func (f *feature) textOf(name string) string {
	if d := f.docs[name]; d != nil {
		return d.text
	}
	b, err := os.ReadFile(f.path(name))
	if err != nil {
		return ""
	}
	return string(b)
}

// nameOf is a URI's file name in the workspace folder.
func (f *feature) nameOf(uri string) string {
	if rel, err := filepath.Rel(f.dir, fileName(uri)); err == nil && !strings.HasPrefix(rel, "..") {
		return filepath.ToSlash(rel)
	}
	return f.clean(uri)
}

// clean writes the workspace folder as $WORK in a text.
func (f *feature) clean(s string) string {
	return strings.ReplaceAll(strings.ReplaceAll(s, fileURI(f.dir), "$WORK"), f.dir, "$WORK")
}

// at is a mark's file and position.
func (f *feature) at(name string) (string, Position) {
	f.t.Helper()
	m := f.marks[name]
	if m == nil {
		f.t.Fatalf("no mark %s", name)
	}
	return m.file, positionAt(f.textOf(m.file), m.off)
}

// positionAt is the protocol position of a byte offset.
func positionAt(text string, off int) Position {
	start := strings.LastIndex(text[:off], "\n") + 1
	units := 0
	for _, r := range text[start:off] {
		units += utf16Len(r)
	}
	return Position{Line: strings.Count(text[:off], "\n"), Character: units}
}

func (f *feature) list(s string) []string {
	if s == "" {
		return nil
	}
	return strings.Split(s, ",")
}

func (f *feature) folders(dirs []string) []WorkspaceFolder {
	out := []WorkspaceFolder{}
	for _, d := range dirs {
		out = append(out, WorkspaceFolder{URI: f.uri(d), Name: d})
	}
	return out
}

func (f *feature) initialize(st step) {
	f.t.Helper()
	if f.c != nil {
		f.c.w.Close() // the previous session ends
	}
	f.c, f.docs = start(f.t, Options{}), map[string]*doc{}
	root := "."
	if r, ok := st.args["root"]; ok {
		root = r
	}
	params := map[string]any{"rootUri": f.uri(root)}
	if fs := f.list(st.args["folders"]); fs != nil {
		params["workspaceFolders"] = f.folders(fs)
	}
	if o, ok := st.args["options"]; ok {
		params["initializationOptions"] = json.RawMessage(o)
	}
	if r := f.c.call("initialize", params); r.Error != nil {
		f.t.Fatal(r.Error.Message)
	}
	f.c.notify("initialized", map[string]any{})
}

// settle waits until the server has handled every message sent, and
// returns the notifications it sent meanwhile.
func (f *feature) settle() []*message {
	f.c.call("piano/settle", nil) // unknown: answered with an error, after the rest
	return f.take()
}

func (f *feature) take() []*message {
	notes := f.c.notes
	f.c.notes = nil
	return notes
}

// docFile is the file a step names, by file= or the only open one.
func (f *feature) docFile(st step) string {
	f.t.Helper()
	if name, ok := st.args["file"]; ok {
		return name
	}
	if len(f.docs) != 1 {
		f.t.Fatalf("%s: say file=, %d files are open", st.line, len(f.docs))
	}
	for name := range f.docs {
		return name
	}
	return ""
}

// run runs a step; it reports false for a step without a want section.
func (f *feature) run(st step) (string, bool) {
	f.t.Helper()
	c := f.c
	switch st.verb {
	case "initialize":
		f.initialize(st)
		return "", false
	case "write", "remove", "open", "close":
		if len(st.pos) != 1 {
			f.t.Fatalf("%s: name one file", st.line)
		}
	}
	switch st.verb {
	case "write":
		f.writeFile(st.pos[0], st.args["text"])
		return "", false
	case "remove":
		if err := os.Remove(f.path(st.pos[0])); err != nil {
			f.t.Fatal(err)
		}
		return "", false
	case "open":
		name := st.pos[0]
		text := f.textOf(name)
		f.docs[name] = &doc{text: text, version: 1}
		c.open(f.uri(name), text)
		return f.renderNotes(f.settle()), true
	case "close":
		name := st.pos[0]
		delete(f.docs, name)
		c.notify("textDocument/didClose", map[string]any{"textDocument": map[string]any{"uri": f.uri(name)}})
		return f.renderNotes(f.settle()), true
	case "change":
		name, from := f.at(st.args["at"])
		to := from
		if e, ok := st.args["end"]; ok {
			_, to = f.at(e)
		}
		d := f.docs[name]
		if d == nil {
			f.t.Fatalf("%s: %s is not open", st.line, name)
		}
		tx := newText(d.text)
		a, b := tx.offset(from), tx.offset(to)
		d.text, d.version = d.text[:a]+st.args["text"]+d.text[b:], d.version+1
		for _, m := range f.marks {
			if m.file == name && m.off >= b {
				m.off += len(st.args["text"]) - (b - a)
			} else if m.file == name && m.off > a {
				m.off = a
			}
		}
		c.notify("textDocument/didChange", DidChangeTextDocumentParams{
			TextDocument:   VersionedTextDocumentIdentifier{URI: f.uri(name), Version: d.version},
			ContentChanges: []TextDocumentContentChangeEvent{{Range: &Range{Start: from, End: to}, Text: st.args["text"]}}})
		return f.renderNotes(f.settle()), true
	case "settings":
		c.notify("workspace/didChangeConfiguration", map[string]any{"settings": json.RawMessage(st.args["options"])})
		return f.renderNotes(f.settle()), true
	case "folders":
		c.notify("workspace/didChangeWorkspaceFolders", map[string]any{"event": map[string]any{
			"added": f.folders(f.list(st.args["add"])), "removed": f.folders(f.list(st.args["remove"]))}})
		return f.renderNotes(f.settle()), true
	}

	var file string
	var params map[string]any
	if m, ok := st.args["at"]; ok {
		var p Position
		file, p = f.at(m)
		params = map[string]any{"textDocument": map[string]any{"uri": f.uri(file)}, "position": p}
	} else if st.verb != "workspaceSymbol" {
		file = f.docFile(st)
		params = map[string]any{"textDocument": map[string]any{"uri": f.uri(file)}}
	}
	var method string
	switch st.verb {
	case "hover", "definition", "references", "completion", "prepareRename", "rename", "codeAction":
		if _, ok := st.args["at"]; !ok {
			f.t.Fatalf("%s: no at=", st.line)
		}
		method = "textDocument/" + st.verb
		switch st.verb {
		case "references":
			params["context"] = map[string]any{"includeDeclaration": st.args["decl"] == "true"}
		case "rename":
			params["newName"] = st.args["to"]
		case "codeAction":
			p := params["position"].(Position)
			delete(params, "position")
			end := p
			if e, ok := st.args["end"]; ok {
				_, end = f.at(e)
			}
			params["range"] = Range{Start: p, End: end}
			ctx := map[string]any{"diagnostics": []any{}}
			if only, ok := st.args["only"]; ok {
				ctx["only"] = []string{only}
			}
			params["context"] = ctx
		}
	case "documentSymbol", "formatting", "foldingRange", "codeLens":
		method = "textDocument/" + st.verb
	case "semanticTokens":
		method = "textDocument/semanticTokens/full"
	case "inlayHint":
		method = "textDocument/inlayHint"
		r := Range{End: newText(f.textOf(file)).end()}
		if m, ok := st.args["from"]; ok {
			_, r.Start = f.at(m)
		}
		if m, ok := st.args["to"]; ok {
			_, r.End = f.at(m)
		}
		params["range"] = r
	case "workspaceSymbol":
		method = "workspace/symbol"
		params = map[string]any{"query": st.args["query"]}
	default:
		f.t.Fatalf("unknown step %s", st.line)
	}
	r := c.call(method, params)
	out := ""
	if notes := f.take(); len(notes) > 0 {
		out = f.renderNotes(notes)
	}
	if r.Error != nil {
		return out + fmt.Sprintf("error %d: %s\n", r.Error.Code, f.clean(r.Error.Message)), true
	}
	var v any
	dec := json.NewDecoder(bytes.NewReader(r.Result))
	dec.UseNumber()
	if err := dec.Decode(&v); err != nil {
		f.t.Fatalf("%s: %v: %s", st.line, err, r.Result)
	}
	switch st.verb {
	case "hover":
		out += f.renderHover(file, v)
	case "rename":
		out += f.renderEdit(v)
	case "formatting":
		out += f.renderEdits(file, v)
	case "codeAction":
		out += f.renderActions(file, v)
		if code, ok := st.args["fixes"]; ok {
			f.checkFixes(st, file, code, r.Result)
		}
	case "semanticTokens":
		out += f.renderTokens(file, v)
	case "foldingRange":
		out += f.renderFolding(v)
	default:
		out += pretty(f.simplify(file, v))
	}
	return out, true
}

// checkFixes applies each quick fix of a codeAction answer: it is for one
// diagnostic of code, leaves fewer of them, and a formatted plan stays
// formatted.
func (f *feature) checkFixes(st step, file, code string, result json.RawMessage) {
	f.t.Helper()
	var actions []CodeAction
	if err := json.Unmarshal(result, &actions); err != nil {
		f.t.Fatal(err)
	}
	if len(actions) == 0 {
		f.t.Errorf("%s: no code action", st.line)
	}
	path, text := f.path(file), f.textOf(file)
	before := count(path, text, lang.Code(code))
	formatted := false
	if pf, diags := piano.Parse(path, []byte(text), piano.Options{}); pf != nil && !diags.HasErrors() {
		out, err := format.Source(pf)
		formatted = err == nil && string(out) == text
	}
	for _, a := range actions {
		if a.Kind != "quickfix" || len(a.Diagnostics) != 1 || a.Diagnostics[0].Code != code {
			f.t.Errorf("%s: %s: kind %s, diagnostics %+v", st.line, a.Title, a.Kind, a.Diagnostics)
		}
		got := applyEdits(text, a.Edit.Changes[f.uri(file)])
		if n := count(path, got, lang.Code(code)); n >= before {
			f.t.Errorf("%s: %s: %d diagnostics %s after, %d before:\n%s", st.line, a.Title, n, code, before, got)
		}
		if formatted {
			pf, diags := piano.Parse(path, []byte(got), piano.Options{})
			if pf == nil || diags.HasErrors() {
				f.t.Fatalf("%s: %s: %v", st.line, a.Title, diags)
			}
			if out, err := format.Source(pf); err != nil || string(out) != got {
				f.t.Errorf("%s: %s: the plan is no longer formatted:\n%s", st.line, a.Title, out)
			}
		}
	}
}

// count is how many diagnostics of a code piano check gives on a text.
func count(path, text string, code lang.Code) int {
	n := 0
	for _, d := range piano.Load(path, []byte(text), piano.Options{}).Diagnostics {
		if d.Code == code {
			n++
		}
	}
	return n
}

// applyEdits applies a document's edits, given on its text as it is.
func applyEdits(s string, edits []TextEdit) string {
	tx := newText(s)
	type cut struct {
		from, to int
		text     string
	}
	var cuts []cut
	for _, e := range edits {
		cuts = append(cuts, cut{tx.offset(e.Range.Start), tx.offset(e.Range.End), e.NewText})
	}
	slices.SortStableFunc(cuts, func(a, b cut) int { return b.from - a.from })
	for _, c := range cuts {
		s = s[:c.from] + c.text + s[c.to:]
	}
	return s
}

// Rendering. Values are JSON decoded with numbers kept as written.

func num(v any) (int, bool) {
	n, ok := v.(json.Number)
	if !ok {
		return 0, false
	}
	i, err := strconv.Atoi(string(n))
	return i, err == nil
}

func asPosition(v any) (Position, bool) {
	m, ok := v.(map[string]any)
	if !ok || len(m) != 2 {
		return Position{}, false
	}
	l, ok1 := num(m["line"])
	c, ok2 := num(m["character"])
	return Position{Line: l, Character: c}, ok1 && ok2
}

func asRange(v any) (Range, bool) {
	m, ok := v.(map[string]any)
	if !ok || len(m) != 2 {
		return Range{}, false
	}
	s, ok1 := asPosition(m["start"])
	e, ok2 := asPosition(m["end"])
	return Range{Start: s, End: e}, ok1 && ok2
}

func showPos(p Position) string { return fmt.Sprintf("%d:%d", p.Line+1, p.Character+1) }

// showRange is LINE:COL-LINE:COL «text» of a range of a file.
func (f *feature) showRange(file string, r Range) string {
	s := showPos(r.Start) + "-" + showPos(r.End)
	if r.Start.Line != r.End.Line || r.End.Character <= r.Start.Character {
		return s
	}
	tx := newText(f.textOf(file))
	if r.Start.Line >= len(tx.lines) {
		return s
	}
	covered := tx.s[tx.offset(r.Start):tx.offset(r.End)]
	if utf8.RuneCountInString(covered) > 40 {
		return s
	}
	return s + " «" + covered + "»"
}

// simplify writes ranges, positions, locations and URIs of a value for a
// reader; ranges without a URI are of file.
func (f *feature) simplify(file string, v any) any {
	switch v := v.(type) {
	case map[string]any:
		if r, ok := asRange(v); ok {
			return f.showRange(file, r)
		}
		if p, ok := asPosition(v); ok {
			return showPos(p)
		}
		if uri, ok := v["uri"].(string); ok && len(v) == 2 {
			if r, ok := asRange(v["range"]); ok {
				name := f.nameOf(uri)
				return name + ":" + f.showRange(name, r)
			}
		}
		out := map[string]any{}
		for k, x := range v {
			if k == "uri" {
				if s, ok := x.(string); ok {
					out[k] = f.nameOf(s)
					continue
				}
			}
			out[k] = f.simplify(file, x)
		}
		return out
	case []any:
		out := make([]any, len(v))
		for i, x := range v {
			out[i] = f.simplify(file, x)
		}
		return out
	case string:
		return f.clean(v)
	}
	return v
}

// pretty writes a value as JSON, each object or array on one line when it
// fits in 100 columns, indented otherwise.
func pretty(v any) string {
	var b strings.Builder
	writePretty(&b, v, "")
	b.WriteByte('\n')
	return b.String()
}

func compactJSON(v any) string {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	enc.Encode(v)
	return strings.TrimSuffix(b.String(), "\n")
}

func writePretty(b *strings.Builder, v any, indent string) {
	if c := compactJSON(v); len(indent)+utf8.RuneCountInString(c) <= 100 {
		b.WriteString(c)
		return
	}
	switch v := v.(type) {
	case map[string]any:
		keys := make([]string, 0, len(v))
		for k := range v {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		b.WriteString("{\n")
		for i, k := range keys {
			b.WriteString(indent + "  " + compactJSON(k) + ": ")
			writePretty(b, v[k], indent+"  ")
			if i < len(keys)-1 {
				b.WriteByte(',')
			}
			b.WriteByte('\n')
		}
		b.WriteString(indent + "}")
	case []any:
		b.WriteString("[\n")
		for i, x := range v {
			b.WriteString(indent + "  ")
			writePretty(b, x, indent+"  ")
			if i < len(v)-1 {
				b.WriteByte(',')
			}
			b.WriteByte('\n')
		}
		b.WriteString(indent + "]")
	default:
		b.WriteString(compactJSON(v))
	}
}

// rest is what a rendering did not show of an object: its other keys, as
// JSON.
func (f *feature) rest(file string, m map[string]any, shown ...string) string {
	left := map[string]any{}
	for k, v := range m {
		if !slices.Contains(shown, k) {
			left[k] = v
		}
	}
	if len(left) == 0 {
		return ""
	}
	return "other: " + compactJSON(f.simplify(file, left)) + "\n"
}

var severities = map[int]string{1: "error", 2: "warning", 3: "information", 4: "hint"}

// renderDiagnostic is RANGE SEVERITY CODE (SOURCE): MESSAGE, the message's
// other lines indented.
func (f *feature) renderDiagnostic(file string, v any) string {
	m, ok := v.(map[string]any)
	if !ok {
		return "diagnostic " + compactJSON(v) + "\n"
	}
	var b strings.Builder
	if r, ok := asRange(m["range"]); ok {
		b.WriteString(f.showRange(file, r))
	} else {
		b.WriteString("no range")
	}
	sev, _ := num(m["severity"])
	name, ok := severities[sev]
	if !ok {
		name = fmt.Sprintf("severity %v", m["severity"])
	}
	b.WriteString(" " + name)
	if code, ok := m["code"]; ok {
		b.WriteString(fmt.Sprintf(" %v", code))
	}
	if src, ok := m["source"]; ok {
		b.WriteString(fmt.Sprintf(" (%v)", src))
	}
	msg, _ := m["message"].(string)
	b.WriteString(": " + strings.ReplaceAll(f.clean(msg), "\n", "\n    ") + "\n")
	if r := f.rest(file, m, "range", "severity", "code", "source", "message"); r != "" {
		b.WriteString("    " + r)
	}
	return b.String()
}

// renderNotes renders the notifications the server sent: diagnostics,
// file by file, and any other notification as JSON.
func (f *feature) renderNotes(notes []*message) string {
	if len(notes) == 0 {
		return "no notifications\n"
	}
	var b strings.Builder
	for _, n := range notes {
		var v any
		dec := json.NewDecoder(bytes.NewReader(n.Params))
		dec.UseNumber()
		dec.Decode(&v)
		m, _ := v.(map[string]any)
		uri, _ := m["uri"].(string)
		ds, ok := m["diagnostics"].([]any)
		if n.Method != "textDocument/publishDiagnostics" || !ok {
			b.WriteString("notification " + n.Method + ": " + f.clean(compactJSON(v)) + "\n")
			continue
		}
		name := f.nameOf(uri)
		b.WriteString("diagnostics of " + name)
		if version, ok := m["version"]; ok {
			b.WriteString(fmt.Sprintf(" (version %v)", version))
		}
		if len(ds) == 0 {
			b.WriteString(": none\n")
		} else {
			b.WriteString(":\n")
		}
		for _, d := range ds {
			b.WriteString("  " + f.renderDiagnostic(name, d))
		}
		if r := f.rest(name, m, "uri", "version", "diagnostics"); r != "" {
			b.WriteString("  " + r)
		}
	}
	return b.String()
}

func (f *feature) renderHover(file string, v any) string {
	m, ok := v.(map[string]any)
	if !ok {
		return pretty(v)
	}
	var b strings.Builder
	if r, ok := asRange(m["range"]); ok {
		b.WriteString("range: " + f.showRange(file, r) + "\n")
	}
	shown := []string{"range"}
	if c, ok := m["contents"].(map[string]any); ok && len(c) == 2 {
		if value, ok := c["value"].(string); ok {
			b.WriteString(fmt.Sprintf("%v:\n%s\n", c["kind"], f.clean(value)))
			shown = append(shown, "contents")
		}
	}
	b.WriteString(f.rest(file, m, shown...))
	return b.String()
}

// renderEdits renders a file's text edits as the diff they make.
func (f *feature) renderEdits(file string, v any) string {
	var edits []TextEdit
	if err := remarshal(v, &edits); err != nil {
		return pretty(f.simplify(file, v))
	}
	if len(edits) == 0 {
		return "no edits\n"
	}
	before := f.textOf(file)
	return unified(file, before, file, applyEdits(before, edits))
}

// renderEdit renders a WorkspaceEdit as the diff it makes to each file.
func (f *feature) renderEdit(v any) string {
	m, ok := v.(map[string]any)
	if !ok {
		return pretty(v)
	}
	changes, _ := m["changes"].(map[string]any)
	uris := make([]string, 0, len(changes))
	for uri := range changes {
		uris = append(uris, uri)
	}
	sort.Strings(uris)
	var b strings.Builder
	for _, uri := range uris {
		b.WriteString(f.renderEdits(f.nameOf(uri), changes[uri]))
	}
	if len(changes) == 0 {
		b.WriteString("no changes\n")
	}
	b.WriteString(f.rest("", m, "changes"))
	return b.String()
}

func (f *feature) renderActions(file string, v any) string {
	actions, ok := v.([]any)
	if !ok {
		return pretty(f.simplify(file, v))
	}
	if len(actions) == 0 {
		return "no code actions\n"
	}
	var b strings.Builder
	for i, x := range actions {
		m, ok := x.(map[string]any)
		if !ok {
			b.WriteString(pretty(x))
			continue
		}
		if i > 0 {
			b.WriteByte('\n')
		}
		b.WriteString(fmt.Sprintf("action %q, kind %v", m["title"], m["kind"]))
		if p, ok := m["isPreferred"]; ok {
			b.WriteString(fmt.Sprintf(", preferred %v", p))
		}
		b.WriteString("\n")
		ds, _ := m["diagnostics"].([]any)
		for _, d := range ds {
			b.WriteString("fixes " + f.renderDiagnostic(file, d))
		}
		shown := []string{"title", "kind", "isPreferred", "diagnostics"}
		if e, ok := m["edit"]; ok {
			b.WriteString(f.renderEdit(e))
			shown = append(shown, "edit")
		}
		b.WriteString(f.rest(file, m, shown...))
	}
	return b.String()
}

// renderTokens decodes semantic tokens: LINE:COL «text» TYPE MODIFIERS.
func (f *feature) renderTokens(file string, v any) string {
	m, ok := v.(map[string]any)
	data, ok2 := m["data"].([]any)
	if !ok || !ok2 {
		return pretty(v)
	}
	tx := newText(f.textOf(file))
	var b strings.Builder
	line, col := 0, 0
	for i := 0; i+5 <= len(data); i += 5 {
		var d [5]int
		for j := range d {
			d[j], _ = num(data[i+j])
		}
		if d[0] > 0 {
			line, col = line+d[0], 0
		}
		col += d[1]
		start, end := Position{Line: line, Character: col}, Position{Line: line, Character: col + d[2]}
		typ := fmt.Sprintf("type %d", d[3])
		if d[3] >= 0 && d[3] < len(tokenTypes) {
			typ = tokenTypes[d[3]]
		}
		b.WriteString(fmt.Sprintf("%s «%s» %s", showPos(start), tx.s[tx.offset(start):tx.offset(end)], typ))
		for bit, mod := range tokenModifiers {
			if d[4]&(1<<bit) != 0 {
				b.WriteString(" " + mod)
			}
		}
		if d[4]>>len(tokenModifiers) != 0 {
			b.WriteString(fmt.Sprintf(" modifiers %b", d[4]))
		}
		b.WriteByte('\n')
	}
	if len(data)%5 != 0 {
		b.WriteString(fmt.Sprintf("%d numbers left over\n", len(data)%5))
	}
	b.WriteString(f.rest(file, m, "data"))
	return b.String()
}

// renderFolding writes each folding range as FIRST-LAST (lines from 1).
func (f *feature) renderFolding(v any) string {
	ranges, ok := v.([]any)
	if !ok {
		return pretty(v)
	}
	var b strings.Builder
	for _, x := range ranges {
		m, _ := x.(map[string]any)
		s, _ := num(m["startLine"])
		e, _ := num(m["endLine"])
		b.WriteString(fmt.Sprintf("%d-%d", s+1, e+1))
		if k, ok := m["kind"]; ok {
			b.WriteString(fmt.Sprintf(" %v", k))
		}
		if r := f.rest("", m, "startLine", "endLine", "kind"); r != "" {
			b.WriteString(" " + r)
		} else {
			b.WriteByte('\n')
		}
	}
	if len(ranges) == 0 {
		b.WriteString("no folding ranges\n")
	}
	return b.String()
}

func remarshal(v any, out any) error {
	b, err := json.Marshal(v)
	if err != nil {
		return err
	}
	return json.Unmarshal(b, out)
}

// unified is the unified diff of two texts, with a line of context.
func unified(aName, a, bName, b string) string {
	if a == b {
		return "no change to " + bName + "\n"
	}
	s, _ := difflib.GetUnifiedDiffString(difflib.UnifiedDiff{A: diffLines(a), B: diffLines(b), FromFile: aName, ToFile: bName, Context: 1})
	return s
}

func diffLines(s string) []string {
	lines := strings.SplitAfter(s, "\n")
	if lines[len(lines)-1] == "" {
		return lines[:len(lines)-1]
	}
	lines[len(lines)-1] += " (no newline at the end)\n"
	return lines
}
