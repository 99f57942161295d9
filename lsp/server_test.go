package lsp

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"
)

// client drives a server in process over a pair of pipes, as an editor
// does over standard input and output.
type client struct {
	t     testing.TB
	conn  *conn
	w     *io.PipeWriter
	in    chan *message
	id    int
	notes []*message // notifications read while waiting for a response
	done  chan error
}

func start(t testing.TB, opts Options) *client {
	t.Helper()
	sr, cw := io.Pipe()
	cr, sw := io.Pipe()
	c := &client{t: t, conn: newConn(cr, cw), w: cw, in: make(chan *message, 100), done: make(chan error, 1)}
	go func() {
		// Buffered, as the piano command's standard output is: every
		// message must be flushed.
		c.done <- Serve(context.Background(), sr, bufio.NewWriter(sw), opts)
		sw.Close()
	}()
	go func() {
		defer close(c.in)
		for {
			body, err := c.conn.read()
			if err != nil {
				return
			}
			var m message
			if err := json.Unmarshal(body, &m); err != nil {
				t.Errorf("the server sent no JSON: %q", body)
				return
			}
			c.in <- &m
		}
	}()
	t.Cleanup(func() { cw.Close() })
	return c
}

func (c *client) send(m *message) {
	c.t.Helper()
	if err := c.conn.write(m); err != nil {
		c.t.Fatal(err)
	}
}

func (c *client) next() *message {
	c.t.Helper()
	select {
	case m, ok := <-c.in:
		if !ok {
			c.t.Fatal("the server closed its output")
		}
		return m
	case <-time.After(10 * time.Second):
		c.t.Fatal("no message from the server in 10s")
	}
	return nil
}

// call sends a request and returns its response.
func (c *client) call(method string, params any) *message {
	c.t.Helper()
	c.id++
	id := json.RawMessage(fmt.Sprint(c.id))
	c.send(&message{ID: &id, Method: method, Params: marshal(c.t, params)})
	for {
		m := c.next()
		if m.ID != nil && string(*m.ID) == string(id) && m.Method == "" {
			return m
		}
		c.notes = append(c.notes, m)
	}
}

func (c *client) notify(method string, params any) {
	c.t.Helper()
	c.send(&message{Method: method, Params: marshal(c.t, params)})
}

// diagnostics returns the next diagnostics published.
func (c *client) diagnostics() PublishDiagnosticsParams {
	c.t.Helper()
	for {
		var m *message
		if len(c.notes) > 0 {
			m, c.notes = c.notes[0], c.notes[1:]
		} else {
			m = c.next()
		}
		if m.Method == "textDocument/publishDiagnostics" {
			var p PublishDiagnosticsParams
			if err := json.Unmarshal(m.Params, &p); err != nil {
				c.t.Fatal(err)
			}
			return p
		}
	}
}

func marshal(t testing.TB, v any) json.RawMessage {
	if v == nil {
		return nil
	}
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func compact(t testing.TB, b []byte) string {
	t.Helper()
	var v any
	if err := json.Unmarshal(b, &v); err != nil {
		t.Fatalf("%v: %s", err, b)
	}
	out, _ := json.Marshal(v)
	return string(out)
}

func (c *client) initialize(opts any) {
	c.t.Helper()
	r := c.call("initialize", map[string]any{"rootUri": "file:///", "initializationOptions": opts})
	if r.Error != nil {
		c.t.Fatal(r.Error.Message)
	}
	c.notify("initialized", map[string]any{})
}

func (c *client) open(uri, text string) {
	c.notify("textDocument/didOpen", DidOpenTextDocumentParams{TextDocument: TextDocumentItem{URI: uri, LanguageID: "plan", Version: 1, Text: text}})
}

func fixture(t *testing.T) (uri, text string) {
	t.Helper()
	path, err := filepath.Abs("testdata/tour.plan")
	if err != nil {
		t.Fatal(err)
	}
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return "file://" + filepath.ToSlash(path), string(b)
}

// at is the position of the n-th (0-based) occurrence of needle in text,
// plus shift UTF-16 units.
func at(t *testing.T, text, needle string, n, shift int) Position {
	t.Helper()
	off := -1
	for i := 0; i <= n; i++ {
		j := strings.Index(text[off+1:], needle)
		if j < 0 {
			t.Fatalf("%q occurs %d times", needle, i)
		}
		off += 1 + j
	}
	tx := newText(text)
	line := strings.Count(text[:off], "\n")
	start := tx.lines[line]
	units := 0
	for _, r := range text[start:off] {
		units += utf16Len(r)
	}
	return Position{Line: line, Character: units + shift}
}

// TestBudget checks what the server tells Options.Budget: the size of the
// texts of the plans it keeps parsed, as documents open, change and close.
func TestBudget(t *testing.T) {
	var mu sync.Mutex
	var told []int
	c := start(t, Options{Budget: func(n int) {
		mu.Lock()
		defer mu.Unlock()
		told = append(told, n)
	}})
	c.initialize(nil)
	_, text := fixture(t)
	c.open("untitled:a", text)
	c.call("piano/sync", nil)
	c.notify("textDocument/didChange", DidChangeTextDocumentParams{
		TextDocument:   VersionedTextDocumentIdentifier{URI: "untitled:a", Version: 2},
		ContentChanges: []TextDocumentContentChangeEvent{{Range: &Range{}, Text: "# x\n"}}})
	c.call("piano/sync", nil)
	c.open("untitled:b", "plan \"b\"\n")
	c.call("piano/sync", nil)
	c.notify("textDocument/didClose", DidCloseTextDocumentParams{TextDocument: TextDocumentIdentifier{URI: "untitled:a"}})
	c.call("piano/sync", nil)
	mu.Lock()
	defer mu.Unlock()
	n, b := len(text), len("plan \"b\"\n")
	if want := []int{n, n + 4, n + 4 + b, b}; !slices.Equal(told, want) {
		t.Errorf("told %v, want %v", told, want)
	}
}
