// Command lspsession writes a language server session to standard output,
// framed as the Language Server Protocol frames it, for measuring a whole
// piano lsp process (BENCHMARKS.md, "Editor"): initialize, open a
// generated plan, a number of one-character edits in its title (typed and
// taken away in turn), shutdown and exit.
//
//	go run ./internal/bench/lspsession -n 10000 -edits 200 > /tmp/session
//	/usr/bin/time -v piano lsp --debounce 0 < /tmp/session > /dev/null
package main

import (
	"bufio"
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"strings"

	"github.com/piano-plan/piano/internal/gen"
)

func main() {
	n := flag.Int("n", 10_000, "about how many indicators the plan has")
	edits := flag.Int("edits", 200, "how many edits to send")
	flag.Parse()
	w := bufio.NewWriter(os.Stdout)
	defer w.Flush()
	id := 0
	send := func(method string, params any, request bool) {
		m := map[string]any{"jsonrpc": "2.0", "method": method, "params": params}
		if request {
			id++
			m["id"] = id
		}
		b, err := json.Marshal(m)
		if err != nil {
			panic(err)
		}
		fmt.Fprintf(w, "Content-Length: %d\r\n\r\n%s", len(b), b)
	}
	text := string(gen.Plan(*n, 1))
	uri := "file:///session/gen.plan"
	send("initialize", map[string]any{"processId": nil, "rootUri": nil, "capabilities": map[string]any{}}, true)
	send("initialized", map[string]any{}, false)
	send("textDocument/didOpen", map[string]any{"textDocument": map[string]any{
		"uri": uri, "languageId": "piano", "version": 1, "text": text}}, false)
	line := strings.Count(text[:strings.Index(text, "\nplan ")+1], "\n")
	at := map[string]any{"line": line, "character": len(`plan "`)}
	after := map[string]any{"line": line, "character": len(`plan "`) + 1}
	for i := range *edits {
		change := map[string]any{"range": map[string]any{"start": at, "end": at}, "text": "x"}
		if i%2 == 1 {
			change = map[string]any{"range": map[string]any{"start": at, "end": after}, "text": ""}
		}
		send("textDocument/didChange", map[string]any{
			"textDocument":   map[string]any{"uri": uri, "version": i + 2},
			"contentChanges": []any{change}}, false)
	}
	send("shutdown", nil, true)
	send("exit", nil, false)
}
