package lsp

import (
	"os"
	"regexp"
	"runtime"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/piano-plan/piano/internal/gen"
)

// benchPlans are the plans the benchmarks edit: the Modena plan and
// generated ones.
func benchPlans(b *testing.B) []struct {
	name, text string
} {
	modena, err := os.ReadFile("../examples/modena-2021.plan")
	if err != nil {
		b.Fatal(err)
	}
	return []struct{ name, text string }{
		{"modena", string(modena)},
		{"gen1k", string(gen.Plan(1000, 1))},
		{"gen10k", string(gen.Plan(10000, 1))},
	}
}

var formulaRef = regexp.MustCompile(`formula [A-Z]`)

// reportP95 adds the 95th percentile of the latencies, in milliseconds.
func reportP95(b *testing.B, lat []time.Duration) {
	if len(lat) == 0 {
		return
	}
	sort.Slice(lat, func(i, j int) bool { return lat[i] < lat[j] })
	b.ReportMetric(float64(lat[len(lat)*95/100])/1e6, "p95-ms")
}

// editSites are where BenchmarkDidChange types, each a place in a plan
// found by a pattern (the edit goes where its group ends) and what it
// types there: in the title, at the end of a formula, in a target's
// figure. Every edit keeps the plan free of errors.
var editSites = []struct {
	name, text string
	at         *regexp.Regexp
}{
	{"title", "x", regexp.MustCompile(`\nplan (")`)},
	{"formula", " * 1", regexp.MustCompile(`\n *formula [^\n]*()\n`)},
	{"target", "9", regexp.MustCompile(`\n *target 2021: >= [0-9]()`)},
}

// BenchmarkDidChange is a keystroke, as an editor sends it, until its
// diagnostics are published, or found unchanged (no debounce): the text
// typed at a place in the plan, then taken away, in turn.
func BenchmarkDidChange(b *testing.B) {
	for _, p := range benchPlans(b) {
		for _, site := range editSites {
			b.Run(p.name+"/"+site.name, func(b *testing.B) {
				m := site.at.FindStringSubmatchIndex(p.text)
				if m == nil {
					b.Fatalf("no place for %s in %s", site.name, p.name)
				}
				off := m[3]
				tx := newText(p.text)
				line := strings.Count(p.text[:off], "\n")
				pos := Position{Line: line, Character: off - tx.lines[line]}
				c := start(b, Options{})
				uri := "file:///bench/" + p.name + ".plan"
				c.initialize(nil)
				c.open(uri, p.text)
				c.diagnostics()
				lat := make([]time.Duration, 0, b.N)
				b.ResetTimer()
				for i := 0; i < b.N; i++ {
					change := TextDocumentContentChangeEvent{Range: &Range{Start: pos, End: pos}, Text: site.text}
					if i%2 == 1 {
						change = TextDocumentContentChangeEvent{Range: &Range{Start: pos, End: Position{pos.Line, pos.Character + len(site.text)}}}
					}
					t0 := time.Now()
					c.notify("textDocument/didChange", DidChangeTextDocumentParams{
						TextDocument:   VersionedTextDocumentIdentifier{URI: uri, Version: i + 2},
						ContentChanges: []TextDocumentContentChangeEvent{change}})
					// Messages are handled in order: the answer to a request
					// sent after the change comes once its diagnostics are
					// published (or found unchanged, and not sent again).
					c.call("piano/sync", nil)
					lat = append(lat, time.Since(t0))
					for _, m := range c.notes {
						if strings.Contains(string(m.Params), `"severity":1`) {
							b.Fatalf("the edit broke the plan: %s", m.Params)
						}
					}
					c.notes = c.notes[:0]
				}
				reportP95(b, lat)
				runtime.GC()
				var ms runtime.MemStats
				runtime.ReadMemStats(&ms)
				b.ReportMetric(float64(ms.HeapInuse)/(1<<20), "heap-MB")
			})
		}
	}
}

// BenchmarkRequests times hover, definition, references and completion on
// a driver of each plan's first formula.
func BenchmarkRequests(b *testing.B) {
	for _, p := range benchPlans(b) {
		c := start(b, Options{})
		uri := "file:///bench/" + p.name + ".plan"
		c.initialize(nil)
		c.open(uri, p.text)
		c.diagnostics()
		off := formulaRef.FindStringIndex(p.text)[1] - 1
		tx := newText(p.text)
		line := strings.Count(p.text[:off], "\n")
		pos := Position{Line: line, Character: off - tx.lines[line]}
		params := map[string]any{"textDocument": map[string]any{"uri": uri}, "position": pos,
			"context": map[string]any{"includeDeclaration": true}}
		for _, method := range []string{"hover", "definition", "references", "completion"} {
			b.Run(p.name+"/"+method, func(b *testing.B) {
				lat := make([]time.Duration, 0, b.N)
				for i := 0; i < b.N; i++ {
					t0 := time.Now()
					if r := c.call("textDocument/"+method, params); r.Error != nil || string(r.Result) == "null" {
						b.Fatalf("%s: %s %+v", method, r.Result, r.Error)
					}
					lat = append(lat, time.Since(t0))
				}
				reportP95(b, lat)
			})
		}
	}
}
