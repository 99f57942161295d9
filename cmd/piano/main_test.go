package main

import (
	"bytes"
	"flag"
	"os"
	"strings"
	"testing"

	"github.com/rogpeppe/go-internal/testscript"
)

var update = flag.Bool("update", false, "rewrite the want sections of testdata/script/*.txtar with actual output")

func TestMain(m *testing.M) {
	testscript.Main(m, map[string]func(){
		"piano": func() { os.Exit(Main(os.Args[1:], os.Stdin, os.Stdout, os.Stderr)) },
	})
}

// TestScripts runs the end-to-end scripts in testdata/script: each is a
// txtar archive with the commands, the input files and the exact output.
func TestScripts(t *testing.T) {
	testscript.Run(t, testscript.Params{
		Dir:           "../../testdata/script",
		UpdateScripts: *update,
		Cmds:          xlsxCommands,
		Setup: func(env *testscript.Env) error {
			env.Setenv("EXAMPLES", mustAbs(t, "../../examples"))
			return nil
		},
	})
}

func mustAbs(t *testing.T, path string) string {
	wd, err := os.Getwd()
	if err != nil {
		t.Fatal(err)
	}
	return wd + "/" + path
}

// TestExitCodes pins the exit status pipelines rely on.
func TestExitCodes(t *testing.T) {
	dir := t.TempDir()
	write := func(name, text string) string {
		p := dir + "/" + name
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	good := write("good.plan", "plan \"P\"\nbaseline years 2018..2020\ntarget years 2021..2023\n")
	bad := write("bad.plan", "plan \"P\"\narea {\n")
	binary := write("binary.plan", "plan \"\xff\xfe\"\n")
	tests := []struct {
		name string
		args []string
		want int
		out  string // a piece of the output
	}{
		{"clean", []string{"check", good}, 0, ""},
		{"syntax error", []string{"check", bad}, 1, "error[E001]"},
		{"one bad among good", []string{"check", good, bad}, 1, "bad.plan:2:6"},
		{"invalid UTF-8", []string{"check", binary}, 1, "error[E005]"},
		{"missing file", []string{"check", dir + "/nope.plan"}, 1, "cannot read plan"},
		{"no file", []string{"check"}, 2, "needs at least one .plan file"},
		{"bad format", []string{"check", "--format", "xml", good}, 2, "--format must be one of"},
		{"unknown flag", []string{"check", "--frmat", "json", good}, 2, "unknown flag"},
		{"unknown command", []string{"chek", good}, 2, "unknown command"},
		{"export clean", []string{"export", good}, 0, `"title": "P"`},
		{"export with errors", []string{"export", bad}, 1, "error[E001]"},
		{"export the same file twice", []string{"export", good, good}, 2, "is named twice"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var out bytes.Buffer
			got := Main(tt.args, strings.NewReader(""), &out, &out)
			if got != tt.want {
				t.Errorf("exit %d, want %d; output:\n%s", got, tt.want, out.String())
			}
			if !strings.Contains(out.String(), tt.out) {
				t.Errorf("output does not contain %q:\n%s", tt.out, out.String())
			}
		})
	}
}
