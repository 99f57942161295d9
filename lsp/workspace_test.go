package lsp

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/piano-plan/piano"
	"github.com/piano-plan/piano/pianotest"
)

// workspace opens testdata/workspace/piano.plan in a server whose
// workspace folder is testdata/workspace (or dir, a copy of it), with the
// given client settings.
func openWorkspace(t *testing.T, dir string, opts any) (*client, string, string) {
	t.Helper()
	if dir == "" {
		var err error
		if dir, err = filepath.Abs("testdata/workspace"); err != nil {
			t.Fatal(err)
		}
	}
	path := filepath.Join(dir, "piano.plan")
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	c := start(t, Options{})
	c.initializeAt(dir, opts)
	c.open(fileURI(path), string(b))
	c.diagnostics()
	return c, fileURI(path), string(b)
}

// copyWorkspace copies testdata/workspace into a new folder.
func copyWorkspace(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	entries, err := os.ReadDir("testdata/workspace")
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		b, err := os.ReadFile(filepath.Join("testdata/workspace", e.Name()))
		if err != nil {
			t.Fatal(err)
		}
		write(t, filepath.Join(dir, e.Name()), string(b))
	}
	return dir
}

func write(t *testing.T, path, text string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
}

// TestRenameWorkspaceRefused: a data or test file that cannot be read
// whole, or a settings file with errors, refuses the rename, naming the
// file; the server goes on.
func TestRenameWorkspaceRefused(t *testing.T) {
	tests := []struct {
		name    string
		prepare func(dir string)
		want    string
	}{
		{"a data file with errors", func(dir string) { write(t, filepath.Join(dir, "dati.yaml"), "drivers:\n  D1: [1, 2]\nyear: 2021\n") },
			"%DIR%/dati.yaml:2:7: value is a list (in a data file)"},
		{"a data file missing", func(dir string) { os.Remove(filepath.Join(dir, "dati.csv")) }, "dati.csv cannot be read"},
		{"a settings file with errors", func(dir string) { write(t, filepath.Join(dir, ".piano.yaml"), "daat: [dati.yaml]\n") },
			`%DIR%/.piano.yaml:1:1: unknown key "daat" in the settings file (the settings file is not used until it is fixed)`},
		{"a test file with errors", func(dir string) {
			write(t, filepath.Join(dir, "piano.test.yaml"), "cases:\n  - name: x\n    data: [dati.yaml]\n")
		}, "%DIR%/piano.test.yaml:2:5: a case has no year (in a test file)"},
		{"a test's data with errors", func(dir string) {
			write(t, filepath.Join(dir, "piano.test.yaml"), "cases:\n  - name: x\n    year: 2021\n    data:\n      drivers:\n        D1: abc\n")
		}, `%DIR%/piano.test.yaml:6:13: `},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := copyWorkspace(t)
			tt.prepare(dir)
			c, uri, plan := openWorkspace(t, dir, nil)
			r := c.call("textDocument/rename", map[string]any{"textDocument": map[string]any{"uri": uri},
				"position": at(t, plan, "D1 +", 0, 0), "newName": "D2"})
			want := strings.ReplaceAll(tt.want, "%DIR%", dir)
			if r.Error == nil || r.Error.Code != codeRequestFailed || !strings.Contains(r.Error.Message, want) ||
				!strings.HasPrefix(r.Error.Message, "rename refused: ") {
				t.Fatalf("rename: %s %+v\nwant an error with %q", r.Result, r.Error, want)
			}
			// The code of an objective is in no data file: only test files
			// stop its rename.
			r = c.call("textDocument/rename", map[string]any{"textDocument": map[string]any{"uri": uri},
				"position": at(t, plan, "301.D1", 0, 0), "newName": "301.D9"})
			if refused := r.Error != nil; refused != strings.Contains(tt.name, "test") {
				t.Errorf("rename of an objective: %s %+v", r.Result, r.Error)
			}
		})
	}
}

// TestYAMLKeyAndCSVField: a new code is written as the old one was, quoted
// where its file would not read it back.
func TestYAMLKeyAndCSVField(t *testing.T) {
	for _, c := range []struct{ written, code, want string }{
		{"D1", "D2", "D2"},
		{"D1", "N 2", "N 2"},
		{"D1", "D: 1", `"D: 1"`},
		{"D1", "a, b", `"a, b"`},
		{"D1", "#1", `"#1"`},
		{"D1", "2021", "2021"},
		{`"D1"`, "D2", `"D2"`},
		{"'D1'", "l'ora", "'l''ora'"},
	} {
		if got, ok := yamlKey(c.written, "D1", c.code); !ok || got != c.want {
			t.Errorf("yamlKey(%s, %s) = %s, %v; want %s", c.written, c.code, got, ok, c.want)
		}
	}
	if _, ok := yamlKey("D10", "D1", "D2"); ok {
		t.Error("yamlKey takes D10 for D1")
	}
	for _, c := range []struct {
		code   string
		quoted bool
		want   string
	}{{"D2", false, "D2"}, {"a, b", false, `"a, b"`}, {"a; b", false, `"a; b"`}, {"a, b", true, "a, b"}} {
		if got := csvField(c.code, c.quoted); got != c.want {
			t.Errorf("csvField(%s, %v) = %s, want %s", c.code, c.quoted, got, c.want)
		}
	}
}

// lens returns the titles of the code lenses of a document.
func lens(t *testing.T, c *client, uri string) []string {
	t.Helper()
	r := c.call("textDocument/codeLens", map[string]any{"textDocument": map[string]any{"uri": uri}})
	var ls []CodeLens
	if err := json.Unmarshal(r.Result, &ls); err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, l := range ls {
		out = append(out, l.Command.Title)
	}
	return out
}

// TestSettingsFileErrors: a settings file with errors is published with
// its diagnostics and not used; fixed, its diagnostics are cleared and the
// plan is scored, without a change to the plan.
func TestSettingsFileErrors(t *testing.T) {
	dir := copyWorkspace(t)
	settings := filepath.Join(dir, ".piano.yaml")
	write(t, settings, "# settings\ndaat: [dati.yaml]\nyear: 20210\n")
	c, uri, plan := openWorkspace(t, dir, nil)
	if got := lens(t, c, uri); len(got) != 0 {
		t.Errorf("code lens with a bad settings file: %v", got)
	}
	var published *PublishDiagnosticsParams
	for _, m := range c.notes {
		var p PublishDiagnosticsParams
		if m.Method == "textDocument/publishDiagnostics" && json.Unmarshal(m.Params, &p) == nil && p.URI == fileURI(settings) {
			published = &p
		}
	}
	if published == nil {
		t.Fatal("no diagnostics for the settings file")
	}
	// Their text and ranges: testdata/features/settings.txtar.
	if len(published.Diagnostics) != 2 {
		t.Errorf("diagnostics of the settings file: %+v, want two", published.Diagnostics)
	}
	r := c.call("textDocument/hover", map[string]any{"textDocument": map[string]any{"uri": uri}, "position": at(t, plan, "301 ", 0, 0)})
	if !strings.Contains(string(r.Result), "no score: "+settings+`:2:1: unknown key \"daat\" in the settings file (the settings file is not used until it is fixed)`) {
		t.Errorf("hover: %s", r.Result)
	}

	c.notes = nil
	write(t, settings, "data: [dati.yaml]\nyear: 2021\n")
	if got := lens(t, c, uri); len(got) == 0 || !strings.HasPrefix(got[0], "score 2021: ") {
		t.Errorf("code lens with the settings file fixed: %v", got)
	}
	cleared := false
	for _, m := range c.notes {
		var p PublishDiagnosticsParams
		if m.Method == "textDocument/publishDiagnostics" && json.Unmarshal(m.Params, &p) == nil && p.URI == fileURI(settings) {
			cleared = len(p.Diagnostics) == 0
		}
	}
	if !cleared {
		t.Error("the settings file's diagnostics were not cleared")
	}

	// Gone: no data, no score.
	os.Remove(settings)
	if got := lens(t, c, uri); len(got) != 0 {
		t.Errorf("code lens without a settings file: %v", got)
	}
}

// TestSettingsFileLookup looks for .piano.yaml from the plan's folder up to
// the workspace folder, and not above it.
func TestSettingsFileLookup(t *testing.T) {
	top := t.TempDir()
	ws := copyWorkspace(t)
	b, err := os.ReadFile(filepath.Join(ws, "piano.plan"))
	if err != nil {
		t.Fatal(err)
	}
	sub := filepath.Join(top, "ente", "piani")
	write(t, filepath.Join(sub, "piano.plan"), string(b))
	data, _ := os.ReadFile(filepath.Join(ws, "dati.yaml"))
	write(t, filepath.Join(top, "dati.yaml"), string(data))
	write(t, filepath.Join(top, ".piano.yaml"), "data: [dati.yaml]\nyear: 2021\n")
	uri := fileURI(filepath.Join(sub, "piano.plan"))
	for _, tt := range []struct {
		root  string
		found bool
	}{{top, true}, {filepath.Join(top, "ente"), false}, {sub, false}, {filepath.Join(t.TempDir(), "altro"), false}} {
		c := start(t, Options{})
		c.initializeAt(tt.root, nil)
		c.open(uri, string(b))
		c.diagnostics()
		if got := lens(t, c, uri); (len(got) > 0) != tt.found {
			t.Errorf("root %s: code lens %v, want a settings file found: %v", tt.root, got, tt.found)
		}
	}
}

// TestRenameModena renames a driver, an indicator and an objective of the
// Modena plan with its actuals and its test file in the workspace, applies
// the edits to the files, and runs the tests: they still pass, so every
// file that held a code was renamed together.
func TestRenameModena(t *testing.T) {
	dir := t.TempDir()
	for _, name := range []string{"modena-2021.plan", "modena-2021-actuals.yaml", "modena-2021.test.yaml"} {
		b, err := os.ReadFile(filepath.Join("..", "examples", name))
		if err != nil {
			t.Fatal(err)
		}
		write(t, filepath.Join(dir, name), string(b))
	}
	write(t, filepath.Join(dir, ".piano.yaml"), "data: [modena-2021-actuals.yaml]\nyear: 2021\n")
	path := filepath.Join(dir, "modena-2021.plan")
	for _, tt := range []struct{ needle, newName string }{
		{"driver D1.1_2 ", "D1.1_2bis"}, {"indicator 301.S1 ", "301.S1bis"}, {"indicator 71.C2.4_2 ", "71.C2.4_2bis"}, {"objective 701.C2.1 ", "701.C2.1bis"},
	} {
		plan, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		c := start(t, Options{})
		c.initializeAt(dir, nil)
		c.open(fileURI(path), string(plan))
		c.diagnostics()
		code := strings.Fields(tt.needle)[1]
		r := c.call("textDocument/rename", map[string]any{"textDocument": map[string]any{"uri": fileURI(path)},
			"position": at(t, string(plan), tt.needle, 0, len(tt.needle)-len(code)-1), "newName": tt.newName})
		if r.Error != nil {
			t.Fatalf("rename %s: %s", code, r.Error.Message)
		}
		var edit WorkspaceEdit
		if err := json.Unmarshal(r.Result, &edit); err != nil {
			t.Fatal(err)
		}
		if len(edit.Changes) < 2 {
			t.Errorf("rename %s changes only %d files", code, len(edit.Changes))
		}
		for uri, edits := range edit.Changes {
			b, err := os.ReadFile(fileName(uri))
			if err != nil {
				t.Fatal(err)
			}
			write(t, fileName(uri), applyEdits(string(b), edits))
		}
		tf, err := pianotest.ReadFile(filepath.Join(dir, "modena-2021.test.yaml"))
		if err != nil {
			t.Fatal(err)
		}
		if res := pianotest.Run(tf, piano.Options{}); !res.Passed() {
			t.Errorf("after renaming %s the tests fail: %+v %v %v", code, res.Problems, res.PlanDiagnostics, res.Err)
			for _, cr := range res.Cases {
				t.Logf("%s: %v %v", cr.Case.Name, cr.Errors, cr.Failures)
			}
		}
	}
}

// TestWorkspaceFoldersCapability: the server says it takes the workspace
// folders and their changes (testdata/features/settings.txtar changes them).
func TestWorkspaceFoldersCapability(t *testing.T) {
	c := start(t, Options{})
	r := c.call("initialize", map[string]any{"rootUri": "file:///"})
	var got struct {
		Capabilities struct {
			Workspace struct {
				WorkspaceFolders struct{ Supported, ChangeNotifications bool }
			}
		}
	}
	if err := json.Unmarshal(r.Result, &got); err != nil {
		t.Fatal(err)
	}
	if wf := got.Capabilities.Workspace.WorkspaceFolders; !wf.Supported || !wf.ChangeNotifications {
		t.Errorf("workspace folders: %+v in %s", wf, r.Result)
	}
}
