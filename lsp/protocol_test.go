package lsp

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/piano-plan/piano"
	"github.com/piano-plan/piano/render"
)

// TestProtocol sends what a careless or broken client sends: the server
// answers with an error and goes on.
func TestProtocol(t *testing.T) {
	c := start(t, Options{})
	r := c.call("textDocument/hover", map[string]any{})
	if r.Error == nil || r.Error.Code != codeNotInitialized {
		t.Errorf("hover before initialize: %+v, want error %d", r.Error, codeNotInitialized)
	}
	c.initialize(nil)
	// A body that is not JSON.
	c.conn.mu.Lock()
	fmt.Fprintf(c.conn.w, "Content-Length: 5\r\n\r\n{oops")
	c.conn.mu.Unlock()
	if m := c.next(); m.Error == nil || m.Error.Code != codeParseError {
		t.Errorf("malformed message: %+v, want a parse error", m)
	}
	tests := []struct {
		method string
		params any
		code   int
	}{
		{"piano/nothing", map[string]any{}, codeMethodNotFound},
		{"$/piano/nothing", map[string]any{}, codeMethodNotFound},
		{"textDocument/hover", []int{1}, codeInvalidParams},
		{"textDocument/hover", map[string]any{"textDocument": map[string]any{"uri": "file:///gone.plan"}}, codeRequestFailed},
		{"textDocument/formatting", map[string]any{"textDocument": map[string]any{"uri": "file:///gone.plan"}}, codeRequestFailed},
	}
	for _, tt := range tests {
		r := c.call(tt.method, tt.params)
		if r.Error == nil || r.Error.Code != tt.code {
			t.Errorf("%s %v: %+v, want error %d", tt.method, tt.params, r.Error, tt.code)
		}
	}
	// An unknown notification gets no answer; the next request still does.
	c.notify("piano/nothing", nil)
	if r := c.call("shutdown", nil); r.Error != nil {
		t.Errorf("shutdown: %v", r.Error)
	}
	if r := c.call("textDocument/hover", map[string]any{}); r.Error == nil || r.Error.Code != codeInvalidRequest {
		t.Errorf("hover after shutdown: %+v, want error %d", r.Error, codeInvalidRequest)
	}
	c.notify("exit", nil)
	select {
	case err := <-c.done:
		if err != nil {
			t.Errorf("exit: %v", err)
		}
	case <-time.After(5 * time.Second):
		t.Error("the server did not exit")
	}
}

// TestExitWithoutShutdown: Serve says so, for an exit status of 1.
func TestExitWithoutShutdown(t *testing.T) {
	c := start(t, Options{})
	c.initialize(nil)
	c.notify("exit", nil)
	select {
	case err := <-c.done:
		if err != ErrNoShutdown {
			t.Errorf("exit without shutdown: %v", err)
		}
	case <-time.After(5 * time.Second):
		t.Error("the server did not exit")
	}
}

// TestDisconnect closes the client's stream: the server returns.
func TestDisconnect(t *testing.T) {
	c := start(t, Options{})
	c.initialize(nil)
	c.w.Close()
	select {
	case err := <-c.done:
		if err != nil {
			t.Errorf("disconnect: %v", err)
		}
	case <-time.After(5 * time.Second):
		t.Error("the server did not return")
	}
}

// TestEdits applies incremental changes, in UTF-16 positions, and checks
// the diagnostics of the text that results; with a debounce, several
// changes give one check.
func TestEdits(t *testing.T) {
	for _, debounce := range []time.Duration{0, 20 * time.Millisecond} {
		t.Run(debounce.String(), func(t *testing.T) {
			uri, tour := fixture(t)
			c := start(t, Options{Debounce: debounce})
			c.initialize(nil)
			c.open(uri, tour)
			if d := c.diagnostics(); len(d.Diagnostics) != 0 {
				t.Fatalf("clean plan: %+v", d)
			}
			// After the emoji: "coinvolte" becomes "coinvolteX", then the unit N becomes Q.
			p := at(t, tour, " coinvolte", 0, len(" coinvolte"))
			c.notify("textDocument/didChange", DidChangeTextDocumentParams{
				TextDocument: VersionedTextDocumentIdentifier{URI: uri, Version: 2},
				ContentChanges: []TextDocumentContentChangeEvent{
					{Range: &Range{Start: p, End: p}, Text: "X"},
				}})
			q := at(t, tour, `" unit N`, 0, len(`" unit `)+1)
			c.notify("textDocument/didChange", DidChangeTextDocumentParams{
				TextDocument: VersionedTextDocumentIdentifier{URI: uri, Version: 3},
				ContentChanges: []TextDocumentContentChangeEvent{
					{Range: &Range{Start: q, End: Position{q.Line, q.Character + 1}}, Text: "Q"},
				}})
			// The first change leaves the diagnostics as they were: nothing
			// is published for it, even without a debounce.
			d := c.diagnostics()
			if d.Version == nil || *d.Version != 3 {
				t.Fatalf("version %v, want 3", d.Version)
			}
			b, _ := json.Marshal(d.Diagnostics)
			if !strings.Contains(string(b), `"code":"E122"`) ||
				!strings.Contains(string(b), `"range":{"start":{"line":6,"character":39},"end":{"line":6,"character":40}}`) {
				t.Errorf("diagnostics after the edits: %s", b)
			}
			r := c.call("textDocument/documentSymbol", map[string]any{"textDocument": map[string]any{"uri": uri}})
			if !strings.Contains(string(r.Result), "coinvolteX") {
				t.Errorf("the symbols do not show the edit: %s", r.Result)
			}
		})
	}
}

// TestFormatting formats a plan laid out by hand, and refuses one with
// syntax errors.
func TestFormatting(t *testing.T) {
	uri, tour := fixture(t)
	messy := strings.Replace(tour, "        unit N\n", "   unit    N\n", 1)
	c := start(t, Options{})
	c.initialize(nil)
	c.open(uri, messy)
	c.diagnostics()
	doc := map[string]any{"textDocument": map[string]any{"uri": uri}}
	r := c.call("textDocument/formatting", doc)
	var edits []TextEdit
	if err := json.Unmarshal(r.Result, &edits); err != nil || len(edits) != 1 {
		t.Fatalf("edits %s (%v)", r.Result, err)
	}
	// The edit replaces the one line piano fmt changes, and gives its text.
	if got := newText(messy).apply(TextDocumentContentChangeEvent{Range: &edits[0].Range, Text: edits[0].NewText}).s; got != tour {
		t.Errorf("formatted:\n%s", got)
	}
	line := strings.Count(messy[:strings.Index(messy, "   unit    N\n")], "\n")
	if want := (Range{Start: Position{Line: line}, End: Position{Line: line + 1}}); edits[0].Range != want || edits[0].NewText != "        unit N\n" {
		t.Errorf("edit %+v, want %q at %+v", edits[0], "        unit N\n", want)
	}
	c.notify("textDocument/didChange", DidChangeTextDocumentParams{
		TextDocument:   VersionedTextDocumentIdentifier{URI: uri, Version: 2},
		ContentChanges: []TextDocumentContentChangeEvent{{Text: strings.Replace(messy, "weight 50% {", "weight 50 {", 1)}}})
	r = c.call("textDocument/formatting", doc)
	if r.Error == nil || r.Error.Code != codeRequestFailed {
		t.Errorf("formatting a plan with syntax errors: %s %+v", r.Result, r.Error)
	}
}

// TestPartial asks for hover and definition on a plan with a syntax error
// elsewhere: the partial tree answers.
func TestPartial(t *testing.T) {
	uri, tour := fixture(t)
	broken := strings.Replace(tour, "body \"Camera di commercio\"", "body", 1)
	c := start(t, Options{})
	c.initialize(nil)
	c.open(uri, broken)
	if d := c.diagnostics(); len(d.Diagnostics) != 1 || d.Diagnostics[0].Code != "E001" {
		t.Fatalf("diagnostics %+v", d)
	}
	pos := map[string]any{"textDocument": map[string]any{"uri": uri}, "position": at(t, broken, "D2\n", 0, 0)}
	r := c.call("textDocument/definition", pos)
	if want := `[{"uri":"` + uri + `","range":{"start":{"line":7,"character":7},"end":{"line":7,"character":9}}}]`; string(r.Result) != want {
		t.Errorf("definition %s, want %s", r.Result, want)
	}
}

// TestFolder opens one file of a plan in several files: the folder is one
// plan (no unknown driver), diagnostics come for every file, and definition
// and references cross files. A folder of separate plans, each with its
// header, is read file by file.
func TestFolder(t *testing.T) {
	dir := t.TempDir()
	for _, name := range []string{"0-piano.plan", "area-1.plan", "area-2.plan", "drivers.plan"} {
		b, err := os.ReadFile(filepath.Join("..", "examples", "tour-multi", name))
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, name), b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	area, _ := os.ReadFile(filepath.Join(dir, "area-1.plan"))
	uri := fileURI(filepath.Join(dir, "area-1.plan"))
	c := start(t, Options{})
	c.initialize(nil)
	c.open(uri, string(area))
	published := map[string]int{}
	for range 4 {
		d := c.diagnostics()
		published[filepath.Base(d.URI)] = len(d.Diagnostics)
	}
	if want := map[string]int{"0-piano.plan": 0, "area-1.plan": 0, "area-2.plan": 0, "drivers.plan": 0}; fmt.Sprint(published) != fmt.Sprint(want) {
		t.Errorf("diagnostics per file %v, want %v", published, want)
	}
	pos := map[string]any{"textDocument": map[string]any{"uri": uri}, "position": at(t, string(area), "D1.1_2", 0, 0),
		"context": map[string]any{"includeDeclaration": true}}
	r := c.call("textDocument/definition", pos)
	drivers := fileURI(filepath.Join(dir, "drivers.plan"))
	if want := `[{"uri":"` + drivers + `","range":{"start":{"line":2,"character":7},"end":{"line":2,"character":13}}}]`; string(r.Result) != want {
		t.Errorf("definition %s\nwant %s", r.Result, want)
	}
	r = c.call("textDocument/references", pos)
	if n := strings.Count(string(r.Result), `"uri"`); n != 2 || !strings.Contains(string(r.Result), drivers) {
		t.Errorf("references %s", r.Result)
	}

	// A file deleted under the server is left out of the plan.
	if err := os.Remove(filepath.Join(dir, "drivers.plan")); err != nil {
		t.Fatal(err)
	}
	c.notify("textDocument/didChange", DidChangeTextDocumentParams{
		TextDocument:   VersionedTextDocumentIdentifier{URI: uri, Version: 2},
		ContentChanges: []TextDocumentContentChangeEvent{{Text: string(area)}}})
	for {
		if d := c.diagnostics(); d.URI == uri {
			if !strings.Contains(fmt.Sprint(d.Diagnostics), "E100") {
				t.Errorf("area-1.plan without the drivers: %+v", d)
			}
			break
		}
	}

	// Two plans side by side: each file is a plan.
	if err := os.WriteFile(filepath.Join(dir, "other.plan"), []byte("plan \"Altro\"\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	c.notify("textDocument/didChange", DidChangeTextDocumentParams{
		TextDocument:   VersionedTextDocumentIdentifier{URI: uri, Version: 3},
		ContentChanges: []TextDocumentContentChangeEvent{{Text: string(area)}}})
	// Alone, area-1.plan still lacks its drivers: its diagnostics, sent
	// above, stand, and are sent again only if they changed.
	c.call("textDocument/documentSymbol", map[string]any{"textDocument": map[string]any{"uri": uri}})
	for _, m := range c.notes {
		var d PublishDiagnosticsParams
		if m.Method == "textDocument/publishDiagnostics" && json.Unmarshal(m.Params, &d) == nil && d.URI == uri &&
			!strings.Contains(fmt.Sprint(d.Diagnostics), "E100") {
			t.Errorf("area-1.plan alone: %+v", d)
		}
	}
}

// TestSameAsCheck: on the Modena plan the server publishes what piano
// check reports (the front door's diagnostics and the baselines' W204), in
// order, at the same lines.
func TestSameAsCheck(t *testing.T) {
	path, _ := filepath.Abs("../examples/modena-2021.plan")
	text, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	plan := piano.Load(path, text, piano.Options{})
	base, err := plan.CheckBaselines()
	if err != nil {
		t.Fatal(err)
	}
	want := append(plan.Diagnostics, base...)
	want.Sort()
	c := start(t, Options{})
	c.initialize(nil)
	c.open(fileURI(path), string(text))
	got := c.diagnostics().Diagnostics
	if len(got) != len(want) || !slices.ContainsFunc(got, func(d Diagnostic) bool { return d.Code == "W204" }) {
		t.Fatalf("%d diagnostics, want %d with a W204", len(got), len(want))
	}
	for i, w := range want {
		if g := got[i]; g.Code != string(w.Code) || g.Range.Start.Line != int(w.Subject.Start.Line)-1 || g.Message != render.DiagnosticMessage(w) {
			t.Errorf("diagnostic %d: %s at line %d, want %s at %s", i, g.Code, g.Range.Start.Line+1, w.Code, w.Where())
		}
	}
}
