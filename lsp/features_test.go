package lsp

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/piano-plan/piano/lang/unit"
)

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
