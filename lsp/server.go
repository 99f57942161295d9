// Package lsp is Piano's language server: the Language Server Protocol 3.17
// over a pair of streams (piano lsp gives it standard input and output).
//
// It serves .plan files, built on the front door (package piano): a file
// is a plan by itself, or part of its folder's plan when the folder's .plan
// files hold one header. It gives diagnostics as you type, with the codes
// and text of piano check; hover on drivers, indicators and nodes (with
// what piano explain says when data are configured); definition,
// references and rename across the plan's files (rename also in the
// workspace's data and test files, rename.go); completion of driver
// codes in formulas, of the keywords the statement table (ast.Statements)
// lets stand where the cursor is, and of units, policies and years;
// document and workspace symbols; folding; formatting (lang/format, never
// of a file with syntax errors); inlay hints with each weight's share of the
// plan; quick fixes (actions.go); semantic tokens; a score code lens when
// data are configured, by the client or a .piano.yaml (settings.go).
//
// The package speaks JSON-RPC itself (jsonrpc.go) and declares the few
// protocol types it uses (protocol.go): it has no dependency beyond the
// standard library and Piano. It computes nothing of a plan itself: every
// answer comes from the checked plan or the evaluation.
//
// Requests are handled one at a time, in order. Changes are re-checked
// after a pause (Options.Debounce), and at once when a request needs them;
// a plan is loaded again by a piano.Reloader, which parses again only the
// statement an edit falls in, and checks the whole plan again into the
// memory of its last check. Options.Budget lets piano lsp keep the process's
// memory in proportion to the plans held.
package lsp

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"runtime"
	"runtime/debug"
	"slices"
	"strings"
	"time"
	"unsafe"

	"github.com/piano-plan/piano"
	"github.com/piano-plan/piano/eval"
	"github.com/piano-plan/piano/lang"
	"github.com/piano-plan/piano/lang/check"
	"github.com/piano-plan/piano/render"
)

// Options are the server's settings.
type Options struct {
	// Plan are the settings every plan is loaded with.
	Plan piano.Options
	// Debounce is how long the server waits after a change before it
	// re-checks and publishes diagnostics; 0 re-checks at once.
	Debounce time.Duration
	// Budget, when set, is told before each check, and when a plan is
	// closed, the size in bytes of the texts of every plan the server keeps
	// parsed: what it keeps live grows with them, for piano lsp to set a
	// soft memory limit in proportion (cmd/piano/lsp.go).
	Budget func(textBytes int)
}

// DefaultDebounce is the pause piano lsp waits for after a keystroke.
const DefaultDebounce = 150 * time.Millisecond

// Server is one session with one client.
type Server struct {
	conn     *conn
	opts     Options
	docs     map[string]*document
	settings Settings
	ws       workspace
	state    int // stateNew, stateRunning, stateShutdown
	timer    *time.Timer
	exitErr  error
	loaders  map[string]*piano.Reloader // by plan: a file, or a folder of files
	sizes    map[string]int             // by plan, as loaders: the size of its files' texts, for Options.Budget
	sent     map[string][]Diagnostic    // the diagnostics last published, by URI
}

// ErrNoShutdown is what Serve returns when the client said exit without
// shutdown first: the protocol asks for exit status 1 then.
var ErrNoShutdown = errors.New("the client said exit before shutdown")

// safely runs f, and reports a panic in it to the client as a log message
// instead of ending the session: a bug in Piano, not in the plan.
func (s *Server) safely(what string, f func()) {
	defer func() {
		if p := recover(); p != nil {
			b, _ := json.Marshal(map[string]any{"type": 1, "message": fmt.Sprintf("piano: internal error %s: %v\n%s", what, p, debug.Stack())})
			s.conn.write(&message{Method: "window/logMessage", Params: b})
		}
	}()
	f()
}

const (
	stateNew = iota
	stateRunning
	stateShutdown
)

// document is one open file and what the server knows of its text.
type document struct {
	uri     string
	name    string // the file's path, as diagnostics name it
	version int
	text    *text
	dirty   bool      // changed since the last check
	a       *analysis // the plan the file is part of, as last checked
}

// analysis is one plan checked: a file alone, or a folder whose .plan
// files make one plan. The open documents of the plan share it.
type analysis struct {
	loader    string // the plan's Reloader (Server.loaders)
	plan      *piano.Plan
	model     *check.Plan // the checked plan, partial when the text has syntax errors
	modelDone bool        // model was computed from the partial trees
	names     []string    // the plan's files, in order
	texts     map[string]*text
	uris      map[string]string
	diags     lang.Diagnostics // every diagnostic of the plan, as piano check gives them

	scored   bool // result was computed
	result   *eval.Result
	scoreErr string
}

// Serve runs a session on r and w until the client exits or goes away.
// It returns nil for a client that said exit after shutdown or closed its
// stream, ErrNoShutdown for an exit without shutdown, and an error for a
// stream that cannot be read.
func Serve(ctx context.Context, r io.Reader, w io.Writer, opts Options) error {
	if ctx == nil {
		ctx = context.Background()
	}
	s := &Server{conn: newConn(r, w), opts: opts, docs: map[string]*document{}}
	return s.run(ctx)
}

type incoming struct {
	body []byte
	err  error
}

func (s *Server) run(ctx context.Context) error {
	in := make(chan incoming)
	done := make(chan struct{})
	defer close(done)
	go func() {
		for {
			body, err := s.conn.read()
			select {
			case in <- incoming{body, err}:
			case <-done:
				return
			}
			if err != nil {
				return
			}
		}
	}()
	for {
		var tick <-chan time.Time
		if s.timer != nil {
			tick = s.timer.C
		}
		select {
		case <-ctx.Done():
			return nil
		case <-tick:
			s.timer = nil
			s.safely("checking the plan", s.checkDirty)
		case m := <-in:
			if errors.Is(m.err, io.EOF) {
				return nil
			}
			if m.err != nil {
				return m.err
			}
			if exit := s.receive(m.body); exit {
				return s.exitErr
			}
		}
	}
}

// receive handles one message; it reports whether the client said exit.
func (s *Server) receive(body []byte) (exit bool) {
	var m message
	if err := json.Unmarshal(body, &m); err != nil {
		s.conn.write(&message{ID: nullID(), Error: &rpcError{codeParseError, "the message is not JSON: " + err.Error()}})
		return false
	}
	if m.Method == "exit" {
		s.exitErr = nil
		if s.state != stateShutdown {
			s.exitErr = ErrNoShutdown
		}
		return true
	}
	if m.Method == "" {
		return false // a response to a request the server never sends
	}
	result, rerr := s.dispatch(&m)
	if m.ID == nil {
		return false // a notification: no answer
	}
	reply := &message{ID: m.ID}
	if rerr != nil {
		reply.Error = rerr
	} else {
		b, err := json.Marshal(result)
		if err != nil {
			reply.Error = &rpcError{codeInternalError, err.Error()}
		} else {
			reply.Result = b
		}
	}
	s.conn.write(reply)
	return false
}

func nullID() *json.RawMessage {
	r := json.RawMessage("null")
	return &r
}

// dispatch runs a method. A panic in a handler is a bug in Piano; it is
// answered as an internal error so that the session goes on.
func (s *Server) dispatch(m *message) (result any, rerr *rpcError) {
	defer func() {
		if p := recover(); p != nil {
			result, rerr = nil, &rpcError{codeInternalError, fmt.Sprintf("internal error in %s: %v\n%s", m.Method, p, debug.Stack())}
		}
	}()
	switch {
	case m.Method == "initialize":
		return s.initialize(m.Params)
	case s.state == stateNew:
		return nil, &rpcError{codeNotInitialized, "the server is not initialized"}
	case s.state == stateShutdown:
		return nil, &rpcError{codeInvalidRequest, "the server is shut down"}
	case m.Method == "shutdown":
		s.state = stateShutdown
		return nil, nil
	}
	h, ok := handlers[m.Method]
	if !ok {
		if m.ID == nil {
			return nil, nil // a notification the server does not know, such as $/cancelRequest
		}
		return nil, &rpcError{codeMethodNotFound, "unknown method " + m.Method}
	}
	return h(s, m.Params)
}

var handlers map[string]func(*Server, json.RawMessage) (any, *rpcError)

func init() {
	handlers = map[string]func(*Server, json.RawMessage) (any, *rpcError){
		"initialized":                      func(*Server, json.RawMessage) (any, *rpcError) { return nil, nil },
		"textDocument/didOpen":             (*Server).didOpen,
		"textDocument/didChange":           (*Server).didChange,
		"textDocument/didClose":            (*Server).didClose,
		"textDocument/didSave":             func(*Server, json.RawMessage) (any, *rpcError) { return nil, nil },
		"workspace/didChangeConfiguration": (*Server).didChangeConfiguration,
		"textDocument/hover":               (*Server).hover,
		"textDocument/definition":          (*Server).definition,
		"textDocument/references":          (*Server).references,
		"textDocument/completion":          (*Server).completion,
		"textDocument/documentSymbol":      (*Server).documentSymbol,
		"textDocument/formatting":          (*Server).formatting,
		"textDocument/prepareRename":       (*Server).prepareRename,
		"textDocument/rename":              (*Server).rename,
		"textDocument/foldingRange":        (*Server).foldingRange,
		"textDocument/codeAction":          (*Server).codeAction,
		"textDocument/inlayHint":           (*Server).inlayHint,
		"workspace/symbol":                 (*Server).workspaceSymbol,
		"textDocument/semanticTokens/full": (*Server).semanticTokens,
		"textDocument/codeLens":            (*Server).codeLens,

		"workspace/didChangeWorkspaceFolders": (*Server).didChangeWorkspaceFolders, // settings.go
	}
}

func (s *Server) initialize(params json.RawMessage) (any, *rpcError) {
	var p InitializeParams
	if err := json.Unmarshal(params, &p); err != nil {
		return nil, &rpcError{codeInvalidParams, err.Error()}
	}
	if len(p.InitializationOptions) > 0 {
		s.setSettings(p.InitializationOptions)
	}
	s.ws.roots = rootsOf(p)
	s.state = stateRunning
	return map[string]any{
		"capabilities": map[string]any{
			"positionEncoding":           "utf-16",
			"textDocumentSync":           map[string]any{"openClose": true, "change": 2}, // incremental
			"hoverProvider":              true,
			"definitionProvider":         true,
			"referencesProvider":         true,
			"completionProvider":         map[string]any{"triggerCharacters": []string{"(", "+", "-", "*", "/"}},
			"documentSymbolProvider":     true,
			"documentFormattingProvider": true,
			"codeLensProvider":           map[string]any{},
			"renameProvider":             map[string]any{"prepareProvider": true},
			"foldingRangeProvider":       true,
			"inlayHintProvider":          true,
			"workspaceSymbolProvider":    true,
			"semanticTokensProvider": map[string]any{"full": true,
				"legend": map[string]any{"tokenTypes": tokenTypes, "tokenModifiers": tokenModifiers}},
			"codeActionProvider": map[string]any{"codeActionKinds": []string{"quickfix"}},
			"workspace":          map[string]any{"workspaceFolders": map[string]any{"supported": true, "changeNotifications": true}},
		},
		"serverInfo": map[string]any{"name": "piano lsp"},
	}, nil
}

// setSettings takes the settings from initialization options or a
// configuration change: {"data": [...], "year": N}, or the same under
// "piano".
func (s *Server) setSettings(raw json.RawMessage) {
	var wrapped struct {
		Piano *Settings `json:"piano"`
	}
	if json.Unmarshal(raw, &wrapped) == nil && wrapped.Piano != nil {
		s.settings = *wrapped.Piano
	} else {
		var st Settings
		if json.Unmarshal(raw, &st) == nil {
			s.settings = st
		}
	}
	for _, d := range s.docs {
		if d.a != nil {
			d.a.scored = false
		}
	}
}

func (s *Server) didChangeConfiguration(params json.RawMessage) (any, *rpcError) {
	var p DidChangeConfigurationParams
	if err := json.Unmarshal(params, &p); err != nil {
		return nil, &rpcError{codeInvalidParams, err.Error()}
	}
	s.setSettings(p.Settings)
	return nil, nil
}

func (s *Server) didOpen(params json.RawMessage) (any, *rpcError) {
	var p DidOpenTextDocumentParams
	if err := json.Unmarshal(params, &p); err != nil {
		return nil, &rpcError{codeInvalidParams, err.Error()}
	}
	d := &document{uri: p.TextDocument.URI, name: fileName(p.TextDocument.URI), version: p.TextDocument.Version,
		text: newText(p.TextDocument.Text), dirty: true}
	s.docs[d.uri] = d
	s.check(d)
	return nil, nil
}

func (s *Server) didChange(params json.RawMessage) (any, *rpcError) {
	var p DidChangeTextDocumentParams
	if err := json.Unmarshal(params, &p); err != nil {
		return nil, &rpcError{codeInvalidParams, err.Error()}
	}
	d := s.docs[p.TextDocument.URI]
	if d == nil {
		return nil, nil
	}
	t := d.text
	for _, c := range p.ContentChanges {
		t = t.apply(c)
	}
	d.text, d.version, d.dirty = t, p.TextDocument.Version, true
	if s.opts.Debounce <= 0 {
		s.check(d)
		return nil, nil
	}
	if s.timer != nil {
		s.timer.Stop()
	}
	s.timer = time.NewTimer(s.opts.Debounce)
	return nil, nil
}

func (s *Server) didClose(params json.RawMessage) (any, *rpcError) {
	var p DidCloseTextDocumentParams
	if err := json.Unmarshal(params, &p); err != nil {
		return nil, &rpcError{codeInvalidParams, err.Error()}
	}
	if d, ok := s.docs[p.TextDocument.URI]; ok {
		delete(s.docs, p.TextDocument.URI)
		s.forget(d)
		delete(s.sent, p.TextDocument.URI) // a closed file's diagnostics are cleared, whatever was sent
		s.publish(p.TextDocument.URI, nil, []Diagnostic{})
	}
	return nil, nil
}

// forget drops the parsed files of the plans of a closed document that no
// open document is part of any more.
func (s *Server) forget(closed *document) {
	for _, plan := range []string{closed.name, filepath.Dir(closed.name)} {
		open := false
		for _, o := range s.docs {
			open = open || o.name == plan || filepath.Dir(o.name) == plan
		}
		if !open {
			delete(s.loaders, plan)
			delete(s.sizes, plan)
		}
	}
	s.tellBudget()
}

// tellBudget tells Options.Budget the size of the texts of the plans the
// server keeps parsed.
func (s *Server) tellBudget() {
	if s.opts.Budget == nil {
		return
	}
	total := 0
	for _, n := range s.sizes {
		total += n
	}
	s.opts.Budget(total)
}

// checkDirty re-checks every document changed since its last check.
func (s *Server) checkDirty() {
	for _, d := range s.docs {
		if d.dirty {
			s.check(d)
		}
	}
}

// fresh returns the open document at uri, checked.
func (s *Server) fresh(uri string) *document {
	d := s.docs[uri]
	if d != nil && d.dirty {
		s.check(d)
	}
	return d
}

// check loads the plan the document is part of and publishes the
// diagnostics of each of its files.
func (s *Server) check(d *document) {
	files := s.planFiles(d)
	name := d.name
	if len(files) > 1 {
		name = filepath.Dir(d.name)
	}
	// Load changes in place the trees of the plans its Reloader gave
	// before: their analyses are dropped first, so that none is used after
	// (a document still part of the plan gets the new one below, the others
	// are checked again when next asked for), and so that the collector can
	// free the old checked plan while the new one is built.
	for _, o := range s.docs {
		if o.a != nil && o.a.loader == name {
			o.a, o.dirty = nil, true
		}
	}
	size := 0
	for _, f := range files {
		size += len(f.Text)
	}
	if s.sizes == nil {
		s.sizes = map[string]int{}
	}
	s.sizes[name] = size
	s.tellBudget() // before the load: a plan opened is parsed whole, and that is when most is allocated
	a := &analysis{loader: name, texts: map[string]*text{}, uris: map[string]string{}}
	a.plan = s.loader(name).Load(name, files)
	a.model = a.plan.Checked
	open := map[string]*document{}
	for _, o := range s.docs {
		open[o.name] = o
	}
	for _, f := range files {
		a.names = append(a.names, f.Name)
		if o := open[f.Name]; o != nil {
			a.texts[f.Name], a.uris[f.Name] = o.text, o.uri
			o.a, o.dirty = a, false
		} else {
			a.texts[f.Name], a.uris[f.Name] = newText(string(f.Text)), fileURI(f.Name)
		}
	}
	diags := a.plan.Diagnostics
	// As piano check: composite baselines recomputed (W204), on a plan
	// without errors.
	if more, err := a.plan.CheckBaselines(); err == nil && len(more) > 0 {
		diags = append(slices.Clip(diags), more...)
		diags.Sort()
	}
	a.diags = diags
	byFile := map[string][]Diagnostic{}
	for _, x := range diags {
		name := x.File
		if a.texts[name] == nil {
			name = d.name
		}
		byFile[name] = append(byFile[name], s.diagnostic(a.texts[name], x))
	}
	for _, name := range a.names {
		var version *int
		if o := open[name]; o != nil {
			v := o.version
			version = &v
		}
		ds := byFile[name]
		if ds == nil {
			ds = []Diagnostic{}
		}
		s.publish(a.uris[name], version, ds)
	}
	s.settingsFileOf(a) // publishes the settings file's diagnostics, when they changed
}

// loader returns the Reloader of a plan, which parses again only what
// changed since the plan was last checked.
func (s *Server) loader(plan string) *piano.Reloader {
	if s.loaders == nil {
		s.loaders = map[string]*piano.Reloader{}
	}
	r := s.loaders[plan]
	if r == nil {
		r = piano.NewReloader(s.opts.Plan)
		s.loaders[plan] = r
	}
	return r
}

// headerLine finds a plan's title line, the mark of the file that holds
// a plan's header.
var headerLine = regexp.MustCompile(`(?m)^[ \t]*plan[ \t]+"`)

// planFiles returns the files of the plan the document is part of: the
// document alone, or every .plan file of its folder when they hold one
// header between them (a folder of separate plans, each with its header,
// is not one plan). Open documents give their text; the rest is read from
// disk, and a file that cannot be read is left out.
func (s *Server) planFiles(d *document) []piano.File {
	alone := []piano.File{{Name: d.name, Text: bytesOf(d.text.s)}}
	if !strings.HasPrefix(d.uri, "file:") {
		return alone
	}
	paths, err := piano.PlanFiles(filepath.Dir(d.name))
	if err != nil || len(paths) < 2 || !slices.Contains(paths, d.name) {
		return alone
	}
	open := map[string]*document{}
	for _, o := range s.docs {
		open[o.name] = o
	}
	var files []piano.File
	headers := 0
	for _, p := range paths {
		var b []byte
		if o := open[p]; o != nil {
			b = bytesOf(o.text.s)
		} else if b, err = os.ReadFile(p); err != nil {
			continue
		}
		if headerLine.Match(b) {
			headers++
		}
		files = append(files, piano.File{Name: p, Text: b})
	}
	if headers > 1 || len(files) < 2 {
		return alone
	}
	return files
}

// bytesOf is the bytes of s, not a copy. A document's text is given to its
// plan's Reloader so: the Reloader and the plans it gives only read their
// files' texts, and keep them (a caller must not change them), so the two
// share one copy of a text that may be megabytes long, and a keystroke
// does not copy it again. Nothing may write to the slice.
func bytesOf(s string) []byte {
	return unsafe.Slice(unsafe.StringData(s), len(s))
}

// fileURI is the file URI of a path.
func fileURI(path string) string {
	p := filepath.ToSlash(path)
	if !strings.HasPrefix(p, "/") {
		p = "/" + p // C:/x is file:///C:/x
	}
	return (&url.URL{Scheme: "file", Path: p}).String()
}

func (s *Server) diagnostic(t *text, x *lang.Diagnostic) Diagnostic {
	sev := SeverityError
	if x.Severity == lang.Warning {
		sev = SeverityWarning
	}
	return Diagnostic{Range: t.rangeOf(x.Subject), Severity: sev, Code: string(x.Code), Source: "piano",
		Message: render.DiagnosticMessage(x)}
}

// publish sends a file's diagnostics, unless they are those last sent
// for it: an edit that changes no diagnostic (most keystrokes) sends
// nothing, and the client keeps what it shows, which is still true.
func (s *Server) publish(uri string, version *int, ds []Diagnostic) {
	if last, ok := s.sent[uri]; ok && slices.Equal(last, ds) {
		return
	}
	if s.sent == nil {
		s.sent = map[string][]Diagnostic{}
	}
	s.sent[uri] = ds
	b, _ := json.Marshal(PublishDiagnosticsParams{URI: uri, Version: version, Diagnostics: ds})
	s.conn.write(&message{Method: "textDocument/publishDiagnostics", Params: b})
}

// fileName turns a file URI into a path; any other URI is its own name.
func fileName(uri string) string {
	u, err := url.Parse(uri)
	if err != nil || u.Scheme != "file" {
		return uri
	}
	p := u.Path
	if runtime.GOOS == "windows" && len(p) > 2 && p[0] == '/' && p[2] == ':' {
		p = p[1:] // file:///C:/x is C:\x
	}
	return filepath.Clean(filepath.FromSlash(p))
}
