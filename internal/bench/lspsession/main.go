// Command lspsession writes a language server session to standard output,
// framed as the Language Server Protocol frames it, for measuring a whole
// piano lsp process (BENCHMARKS.md, "Editor"): initialize, open a
// generated plan, a number of one-character edits in its title (typed and
// taken away in turn), shutdown and exit.
//
//	go run ./internal/bench/lspsession -n 10000 -edits 200 > /tmp/session
//	/usr/bin/time -v piano lsp --debounce 0 < /tmp/session > /dev/null
//
// With -exec it runs the server itself and times it as an editor waits
// for it: after the open and after each edit it sends a request and waits
// for the answer (the server handles messages in order, so the edit's
// diagnostics are published by then), and writes the open's time and the
// edits' median, 95th percentile and slowest to standard error.
//
//	go run ./internal/bench/lspsession -n 10000 -edits 100 -exec 'piano lsp --debounce 0'
package main

import (
	"bufio"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"net/textproto"
	"os"
	"os/exec"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/piano-plan/piano/internal/gen"
)

func main() {
	n := flag.Int("n", 10_000, "about how many indicators the plan has")
	edits := flag.Int("edits", 200, "how many edits to send")
	command := flag.String("exec", "", "run this server command (split at spaces) and time its answers")
	flag.Parse()
	if err := run(*n, *edits, *command); err != nil {
		fmt.Fprintln(os.Stderr, "lspsession:", err)
		os.Exit(1)
	}
}

func run(n, edits int, command string) error {
	var out io.Writer = os.Stdout
	var replies *bufio.Reader
	var cmd *exec.Cmd
	if command != "" {
		args := strings.Fields(command)
		cmd = exec.Command(args[0], args[1:]...)
		cmd.Stderr = os.Stderr
		in, err := cmd.StdinPipe()
		if err != nil {
			return err
		}
		stdout, err := cmd.StdoutPipe()
		if err != nil {
			return err
		}
		if err := cmd.Start(); err != nil {
			return err
		}
		out, replies = in, bufio.NewReader(stdout)
	}
	w := bufio.NewWriter(out)
	id := 0
	send := func(method string, params any, request bool) error {
		m := map[string]any{"jsonrpc": "2.0", "method": method, "params": params}
		if request {
			id++
			m["id"] = id
		}
		b, err := json.Marshal(m)
		if err != nil {
			return err
		}
		fmt.Fprintf(w, "Content-Length: %d\r\n\r\n%s", len(b), b)
		return nil
	}
	// sync, with -exec, sends a request and waits for its answer.
	sync := func() (time.Duration, error) {
		if replies == nil {
			return 0, nil
		}
		t0 := time.Now()
		if err := send("piano/sync", nil, true); err != nil {
			return 0, err
		}
		if err := w.Flush(); err != nil {
			return 0, err
		}
		return time.Since(t0), await(replies, id)
	}
	text := string(gen.Plan(n, 1))
	uri := "file:///session/gen.plan"
	send("initialize", map[string]any{"processId": nil, "rootUri": nil, "capabilities": map[string]any{}}, true)
	send("initialized", map[string]any{}, false)
	t0 := time.Now()
	send("textDocument/didOpen", map[string]any{"textDocument": map[string]any{
		"uri": uri, "languageId": "piano", "version": 1, "text": text}}, false)
	if _, err := sync(); err != nil {
		return err
	}
	open := time.Since(t0)
	line := strings.Count(text[:strings.Index(text, "\nplan ")+1], "\n")
	at := map[string]any{"line": line, "character": len(`plan "`)}
	after := map[string]any{"line": line, "character": len(`plan "`) + 1}
	var lat []time.Duration
	for i := range edits {
		change := map[string]any{"range": map[string]any{"start": at, "end": at}, "text": "x"}
		if i%2 == 1 {
			change = map[string]any{"range": map[string]any{"start": at, "end": after}, "text": ""}
		}
		t0 := time.Now()
		send("textDocument/didChange", map[string]any{
			"textDocument":   map[string]any{"uri": uri, "version": i + 2},
			"contentChanges": []any{change}}, false)
		if _, err := sync(); err != nil {
			return err
		}
		lat = append(lat, time.Since(t0))
	}
	send("shutdown", nil, true)
	send("exit", nil, false)
	if err := w.Flush(); err != nil {
		return err
	}
	if cmd == nil {
		return nil
	}
	io.Copy(io.Discard, replies)
	if err := cmd.Wait(); err != nil {
		return err
	}
	slices.Sort(lat)
	ms := func(d time.Duration) string { return strconv.FormatFloat(float64(d)/1e6, 'f', 1, 64) }
	if len(lat) > 0 {
		fmt.Fprintf(os.Stderr, "open %s ms; %d edits: median %s ms, p95 %s ms, slowest %s ms\n",
			ms(open), len(lat), ms(lat[len(lat)/2]), ms(lat[len(lat)*95/100]), ms(lat[len(lat)-1]))
	}
	return nil
}

// await reads the server's messages until the answer to request id.
func await(r *bufio.Reader, id int) error {
	tp := textproto.NewReader(r)
	for {
		h, err := tp.ReadMIMEHeader()
		if err != nil {
			return fmt.Errorf("reading the server's answer: %w", err)
		}
		size, err := strconv.Atoi(h.Get("Content-Length"))
		if err != nil {
			return fmt.Errorf("a message without its length: %v", h)
		}
		body := make([]byte, size)
		if _, err := io.ReadFull(r, body); err != nil {
			return err
		}
		var m struct {
			ID *int `json:"id"`
		}
		if json.Unmarshal(body, &m) == nil && m.ID != nil && *m.ID == id {
			return nil
		}
	}
}
