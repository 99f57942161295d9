package lsp

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/piano-plan/piano"
	"github.com/piano-plan/piano/lang"
	"github.com/piano-plan/piano/lang/format"
	"github.com/piano-plan/piano/lang/unit"
)

// TestDiagnostics opens texts and compares the diagnostics published: the
// codes and text of piano check, ranges in UTF-16 units.
func TestDiagnostics(t *testing.T) {
	_, tour := fixture(t)
	tests := []struct {
		name, text string
	}{
		{"clean", tour},
		// Q stands after an emoji: its column counts the emoji as two units.
		{"unknown driver",
			strings.Replace(tour, "formula D1 + D2", "formula D1 + D2 + D3", 1)},
		{"unit after a non-BMP character",
			strings.Replace(tour, `coinvolte" unit N`, `coinvolte" unit Q`, 1)},
		{"every syntax error at once",
			strings.Replace(strings.Replace(tour, "weight 50% {", "weight 50 {", 1), "unit N\n        formula", "unit\n        formula", 1)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := start(t, Options{})
			c.initialize(nil)
			c.open("file:///x/p.plan", tt.text)
			golden(t, "diagnostics", tt.name, marshal(t, c.diagnostics()))
		})
	}
}

// TestRequests sends requests on the tour plan and compares the results.
func TestRequests(t *testing.T) {
	uri, tour := fixture(t)
	pos := func(needle string, n, shift int) map[string]any {
		return map[string]any{"textDocument": map[string]any{"uri": uri}, "position": at(t, tour, needle, n, shift)}
	}
	refs := func(needle string, n int, decl bool) map[string]any {
		p := pos(needle, n, 0)
		p["context"] = map[string]any{"includeDeclaration": decl}
		return p
	}
	rename := func(needle string, n int, name string) map[string]any {
		p := pos(needle, n, 0)
		p["newName"] = name
		return p
	}
	doc := map[string]any{"textDocument": map[string]any{"uri": uri}}
	tests := []struct {
		name, method string
		params       any
		data         bool
	}{
		{"hover driver in formula", "textDocument/hover", pos("D2\n", 0, 1), false},
		{"hover driver declaration", "textDocument/hover", pos("D1 ", 0, 0), false},
		{"hover indicator", "textDocument/hover", pos("301.S1", 0, 2), false},
		{"hover use", "textDocument/hover", pos("31.S1", 0, 0), false},
		{"hover objective", "textDocument/hover", pos("301 ", 0, 0), false},
		{"hover with data", "textDocument/hover", pos("301.S1", 0, 2), true},
		{"hover on nothing", "textDocument/hover", pos("        unit N", 0, 8), false},
		{"definition of a driver", "textDocument/definition", pos("D1 +", 0, 0), false},
		{"definition of a use", "textDocument/definition", pos("301.S1 as", 0, 1), false},
		{"references of a driver", "textDocument/references", refs("D2\n", 0, true), false},
		{"references of an indicator", "textDocument/references", refs("301.S1", 0, false), false},
		{"completion in a formula", "textDocument/completion", pos("D1 +", 0, 0), false},
		{"completion in an indicator", "textDocument/completion", pos("        unit N", 0, 8), false},
		{"completion in an operational group", "textDocument/completion", pos("objective 301.D1", 0, 0), false},
		{"completion in the header", "textDocument/completion", pos("driver D2", 0, 0), false},
		{"completion of a unit", "textDocument/completion", pos("        unit N", 0, 13), false},
		{"completion of a target year", "textDocument/completion", pos("        target 2021", 0, 15), false},
		{"document symbols", "textDocument/documentSymbol", doc, false},
		{"formatting a formatted plan", "textDocument/formatting", doc, false},
		{"prepare rename of a driver", "textDocument/prepareRename", pos("D2\n", 0, 1), false},
		{"rename a driver", "textDocument/rename", rename("D2\n", 0, "N 2"), false},
		{"rename an indicator", "textDocument/rename", rename("301.S1", 0, "301.S9"), false},
		{"rename a use's code", "textDocument/rename", rename("31.S1", 0, "31.S9"), false},
		{"workspace symbols", "workspace/symbol", map[string]any{"query": "partecipanti"}, false},
		{"folding ranges", "textDocument/foldingRange", doc, false},
		{"inlay hints", "textDocument/inlayHint", map[string]any{"textDocument": map[string]any{"uri": uri},
			"range": Range{End: Position{Line: 100}}}, false},
		{"code lens without data", "textDocument/codeLens", doc, false},
		{"code lens with data", "textDocument/codeLens", doc, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := start(t, Options{})
			var opts any
			if tt.data {
				opts = map[string]any{"data": []string{"tour-data.yaml"}}
			}
			c.initialize(opts)
			c.open(uri, tour)
			c.diagnostics()
			r := c.call(tt.method, tt.params)
			if r.Error != nil {
				t.Fatalf("error %d: %s", r.Error.Code, r.Error.Message)
			}
			golden(t, "requests", tt.name, r.Result)
		})
	}
}

// TestRenameRefused renames to a code the plan has, or to no code.
func TestRenameRefused(t *testing.T) {
	uri, tour := fixture(t)
	c := start(t, Options{})
	c.initialize(nil)
	c.open(uri, tour)
	c.diagnostics()
	for _, name := range []string{"D1", "301.D1", "", "a\"b"} {
		r := c.call("textDocument/rename", map[string]any{"textDocument": map[string]any{"uri": uri},
			"position": at(t, tour, "D2\n", 0, 0), "newName": name})
		if r.Error == nil || r.Error.Code != codeRequestFailed {
			t.Errorf("rename to %q: %s %+v", name, r.Result, r.Error)
		}
	}
}

// TestRenameQuoted renames a driver written with backquotes.
func TestRenameQuoted(t *testing.T) {
	uri, tour := fixture(t)
	tour = strings.Replace(tour, "formula D1 + D2", "formula D1 + `D2`", 1)
	c := start(t, Options{})
	c.initialize(nil)
	c.open(uri, tour)
	c.diagnostics()
	r := c.call("textDocument/rename", map[string]any{"textDocument": map[string]any{"uri": uri},
		"position": at(t, tour, "D2 ", 0, 0), "newName": "D3"})
	want := `{"changes":{"` + uri + `":[{"range":{"start":{"line":7,"character":7},"end":{"line":7,"character":9}},"newText":"D3"},` +
		`{"range":{"start":{"line":14,"character":21},"end":{"line":14,"character":25}},"newText":"D3"}]}}`
	if string(r.Result) != want {
		t.Errorf("rename\n got %s\nwant %s", r.Result, want)
	}
}

// TestCodeAction offers the did-you-mean of an unknown driver as a fix.
func TestCodeAction(t *testing.T) {
	uri, tour := fixture(t)
	tour = strings.Replace(tour, "formula D1 + D2", "formula D1 + D22", 1)
	c := start(t, Options{})
	c.initialize(nil)
	c.open(uri, tour)
	c.diagnostics()
	p := at(t, tour, "D22", 0, 1)
	r := c.call("textDocument/codeAction", map[string]any{"textDocument": map[string]any{"uri": uri},
		"range": Range{Start: p, End: p}, "context": map[string]any{"diagnostics": []any{}}})
	golden(t, "requests", "code action did you mean", r.Result)
	p = at(t, tour, "baseline 2018", 0, 0)
	r = c.call("textDocument/codeAction", map[string]any{"textDocument": map[string]any{"uri": uri},
		"range": Range{Start: p, End: p}, "context": map[string]any{"diagnostics": []any{}}})
	if string(r.Result) != "[]" {
		t.Errorf("code actions away from the diagnostic: %s", r.Result)
	}
}

// TestInlaySum shows the sum of weights that do not reach 100%.
func TestInlaySum(t *testing.T) {
	uri, tour := fixture(t)
	tour = strings.Replace(tour, "indicators weight 50%", "indicators weight 40%", 1)
	c := start(t, Options{})
	c.initialize(nil)
	c.open(uri, tour)
	c.diagnostics()
	r := c.call("textDocument/inlayHint", map[string]any{"textDocument": map[string]any{"uri": uri},
		"range": Range{Start: Position{Line: 10}, End: Position{Line: 11}}})
	// The range ends at the start of line 11: the group's own hint, at its end, is outside.
	want := `[{"label":"100% of the plan, children sum to 90%","paddingLeft":true,"position":{"line":10,"character":52}}]`
	if string(r.Result) != want {
		t.Errorf("inlay hints\n got %s\nwant %s", r.Result, want)
	}
}

// TestSemanticTokens tells drivers, indicators, node codes and unknown
// names apart, in the protocol's relative encoding.
func TestSemanticTokens(t *testing.T) {
	uri, tour := fixture(t)
	tour = strings.Replace(tour, "formula D1 + D2", "formula D1 + D9", 1)
	c := start(t, Options{})
	c.initialize(nil)
	c.open(uri, tour)
	c.diagnostics()
	r := c.call("textDocument/semanticTokens/full", map[string]any{"textDocument": map[string]any{"uri": uri}})
	var got struct{ Data []int }
	if err := json.Unmarshal(r.Result, &got); err != nil {
		t.Fatal(err)
	}
	// Each token decoded as LINE:COL TEXT TYPE [MODIFIERS], lines and
	// columns 1-based (the fixture's tokens are all in ASCII lines).
	lines := strings.Split(tour, "\n")
	var decoded []string
	line, col := 0, 0
	for i := 0; i+5 <= len(got.Data); i += 5 {
		d := got.Data[i : i+5]
		if d[0] > 0 {
			line, col = line+d[0], 0
		}
		col += d[1]
		s := fmt.Sprintf("%d:%d %s %s", line+1, col+1, lines[line][col:col+d[2]], tokenTypes[d[3]])
		for b, m := range tokenModifiers {
			if d[4]&(1<<b) != 0 {
				s += " " + m
			}
		}
		decoded = append(decoded, s)
	}
	want := []string{
		"1:1 plan keyword", "2:1 body keyword", "3:1 baseline keyword", "3:10 years keyword",
		"4:1 target keyword", "4:8 years keyword",
		"7:1 driver keyword", "7:8 D1 variable declaration",
		"8:1 driver keyword", "8:8 D2 variable declaration",
		"10:1 area keyword", "10:6 1 namespace declaration",
		"11:3 objective keyword", "11:13 301 namespace declaration",
		"12:5 indicators keyword",
		"13:7 indicator keyword", "13:17 301.S1 class declaration",
		"14:9 unit keyword", "15:9 formula keyword", "15:17 D1 variable", "15:22 D9 variable unresolved",
		"16:9 baseline keyword", "17:9 target keyword",
		"20:5 operational keyword",
		"21:7 objective keyword", "21:17 301.D1 namespace declaration",
		"22:9 use keyword", "22:13 301.S1 class", "22:23 31.S1 namespace declaration",
	}
	if diff := cmp.Diff(want, decoded); diff != "" {
		t.Errorf("semantic tokens (-want +got):\n%s", diff)
	}
}

// TestUnitWords checks that every unit completion offers is a unit.
func TestUnitWords(t *testing.T) {
	for _, u := range valueWords["unit"] {
		if _, ok := unit.Lookup(u); !ok {
			t.Errorf("%s is not a unit", u)
		}
	}
}

// initializeAt initializes the server with rootUri the folder root.
func (c *client) initializeAt(root string, opts any) {
	c.t.Helper()
	r := c.call("initialize", map[string]any{"rootUri": fileURI(root), "initializationOptions": opts})
	if r.Error != nil {
		c.t.Fatal(r.Error.Message)
	}
	c.notify("initialized", map[string]any{})
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
	slices.SortFunc(cuts, func(a, b cut) int { return b.from - a.from })
	for _, c := range cuts {
		s = s[:c.from] + c.text + s[c.to:]
	}
	return s
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

// TestCodeActions asks for the quick fixes at a place and compares them;
// each fix, applied, removes a diagnostic of its code, and a fix of a
// formatted plan leaves it formatted.
func TestCodeActions(t *testing.T) {
	path, err := filepath.Abs("testdata/actions.plan")
	if err != nil {
		t.Fatal(err)
	}
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	uri, plan := fileURI(path), string(b)
	area2 := "area 2 \"Ambiente\" weight 60% {\n  objective 401 \"Verde\" weight 100% {\n    indicators weight 100% {\n" +
		"      indicator 401.S1 \"Alberi\" weight 100% {\n        unit N\n        formula D1\n        target 2021: >= 1\n      }\n    }\n  }\n}\n"
	balanced := strings.Replace(plan, "weight 30%", "weight 33.34%", 1)
	areas := strings.Replace(balanced, "area 1 \"Competitività\" weight 100%", "area 1 \"Competitività\" weight 60%", 1) + area2
	tests := []struct {
		name, text, needle string
		n, shift           int
		code               lang.Code
	}{
		{"weights of a group", plan, "indicators weight", 0, 0, lang.EWeightSum},
		{"weight at the cursor", plan, "33.33%", 1, 2, lang.EWeightSum},
		{"weights never 0% or less", strings.Replace(plan, "33.33%", "100%", 1), "indicators weight", 0, 0, lang.EWeightSum},
		{"weights of the areas", areas, "area 1", 0, 5, lang.EWeightSum},
		{"weights of the areas and of the first area",
			strings.Replace(areas, "\"Internazionalizzazione\" weight 100%", "\"Internazionalizzazione\" weight 90%", 1), "area 1", 0, 5, lang.EWeightSum},
		{"normalize in a block on one line",
			strings.Replace(plan, "indicators weight 100% {\n      indicator 301.S1", "indicators weight 100% { indicator 301.S1", 1), "indicators weight", 0, 0, lang.EWeightSum},
		{"normalize that changes nothing",
			strings.Replace(balanced, "indicators weight 100% {\n", "indicators weight 100% {\n      normalize\n", 1), "indicators weight", 0, 0, lang.WNeedlessNorm},
		{"decimal comma", strings.Replace(plan, ">= 40%", ">= 41,8%", 1), "41,8", 0, 1, lang.ENumber},
		{"decimal comma with thousands", strings.Replace(plan, ">= 40%", ">= 1.234,5%", 1), "1.234,5", 0, 0, lang.ENumber},
		{"comma in parentheses", strings.Replace(plan, "formula D1 * 2", "formula max(D1, 3,4)", 1), "3,4", 0, 0, lang.ENumber},
		{"thousands dot, two readings", strings.Replace(plan, ">= 900", ">= 2.500", 1), "2.500", 0, 0, lang.ENumber},
		{"thousands dots, one reading", strings.Replace(plan, ">= 900", ">= 12.956.300", 1), "12.956.300", 0, 0, lang.ENumber},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := start(t, Options{})
			c.initialize(nil)
			c.open(uri, tt.text)
			c.diagnostics()
			p := at(t, tt.text, tt.needle, tt.n, tt.shift)
			r := c.call("textDocument/codeAction", map[string]any{"textDocument": map[string]any{"uri": uri},
				"range": Range{Start: p, End: p}, "context": map[string]any{"diagnostics": []any{}}})
			if r.Error != nil {
				t.Fatal(r.Error.Message)
			}
			golden(t, "actions", tt.name, r.Result)
			var actions []CodeAction
			if err := json.Unmarshal(r.Result, &actions); err != nil {
				t.Fatal(err)
			}
			if len(actions) == 0 {
				t.Fatal("no code action")
			}
			before := count(path, tt.text, tt.code)
			formatted := false
			if f, diags := piano.Parse(path, []byte(tt.text), piano.Options{}); f != nil && !diags.HasErrors() {
				out, err := format.Source(f)
				formatted = err == nil && string(out) == tt.text
			}
			for _, a := range actions {
				if a.Kind != "quickfix" || len(a.Diagnostics) != 1 || a.Diagnostics[0].Code != string(tt.code) {
					t.Errorf("%s: kind %s, diagnostics %+v", a.Title, a.Kind, a.Diagnostics)
				}
				got := applyEdits(tt.text, a.Edit.Changes[uri])
				if n := count(path, got, tt.code); n >= before {
					t.Errorf("%s: %d diagnostics %s after, %d before:\n%s", a.Title, n, tt.code, before, got)
				}
				if formatted {
					f, diags := piano.Parse(path, []byte(got), piano.Options{})
					if f == nil || diags.HasErrors() {
						t.Fatalf("%s: %v", a.Title, diags)
					}
					if out, err := format.Source(f); err != nil || string(out) != got {
						t.Errorf("%s: the plan is no longer formatted:\n%s", a.Title, out)
					}
				}
			}
		})
	}
}

// TestCodeActionKinds asks for code actions of kinds other than quick
// fixes: there are none.
func TestCodeActionKinds(t *testing.T) {
	path, _ := filepath.Abs("testdata/actions.plan")
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	c := start(t, Options{})
	c.initialize(nil)
	c.open(fileURI(path), string(b))
	c.diagnostics()
	p := at(t, string(b), "indicators weight", 0, 0)
	for only, want := range map[string]bool{"refactor": false, "quickfix": true, "": true} {
		ctx := map[string]any{"diagnostics": []any{}}
		if only != "" {
			ctx["only"] = []string{only}
		}
		r := c.call("textDocument/codeAction", map[string]any{"textDocument": map[string]any{"uri": fileURI(path)},
			"range": Range{Start: p, End: p}, "context": ctx})
		if got := string(r.Result) != "[]"; got != want {
			t.Errorf("only %q: %s", only, r.Result)
		}
	}
}
