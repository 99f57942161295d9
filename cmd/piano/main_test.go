package main

import (
	"bytes"
	"flag"
	"os"
	"strings"
	"syscall"
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
	scored := write("scored.plan", `plan "P"
baseline years 2018..2020
target years 2021..2023
driver D1 "d" unit N
area 1 "A" weight 100% {
  objective 301 "O" weight 100% {
    indicators weight 100% {
      indicator 301.S1 "I" weight 100% {
        unit N
        formula D1
        target 2021: >= 10
      }
    }
  }
}
`)
	other := write("other.plan", strings.Replace(mustRead(t, scored), ">= 10", ">= 20", 1))
	ugly := write("ugly.plan", "plan   \"P\"\nbaseline years 2018..2020\ntarget years 2021..2023\n")
	values := write("data.yaml", "year: 2021\ndrivers:\n  D1: 5\n")
	badData := write("bad.yaml", "year: 2021\ndrivers:\n  D9: 5\n")
	eval := []string{"eval", scored, "--data", values, "--year", "2021"}
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
		{"missing file", []string{"check", dir + "/nope.plan"}, 2, "cannot read plan"},
		{"missing file beats errors", []string{"check", bad, dir + "/nope.plan"}, 2, "error[E001]"},
		{"no file", []string{"check"}, 2, "needs at least one .plan file"},
		{"bad format", []string{"check", "--format", "xml", good}, 2, "--format must be one of"},
		{"unknown flag", []string{"check", "--frmat", "json", good}, 2, "unknown flag"},
		{"unknown command", []string{"chek", good}, 2, "unknown command"},
		{"export clean", []string{"export", good}, 0, `"title": "P"`},
		{"export with errors", []string{"export", bad}, 1, "error[E001]"},
		{"export the same file twice", []string{"export", good, good}, 2, "is named twice"},
		{"export missing file", []string{"export", dir + "/nope.plan"}, 2, "cannot read plan"},

		{"eval", eval, 0, "Overall score for 2021: 50.00%"},
		{"eval data errors", []string{"eval", scored, "--data", badData, "--year", "2021"}, 1, "error[E"},
		{"eval missing data file", []string{"eval", scored, "--data", dir + "/nope.yaml", "--year", "2021"}, 2, "cannot read data file"},
		{"eval year outside the plan", []string{"eval", scored, "--data", values, "--year", "2030"}, 2, "target years 2021..2023"},
		{"eval under --fail-under", append(eval, "--fail-under", "90%"), 3, "under --fail-under 90"},
		{"eval over --fail-under", append(eval, "--fail-under", "40"), 0, ""},
		{"--fail-under over 100", append(eval, "--fail-under", "150"), 2, "outside 0..100"},
		{"--fail-under decimal comma", append(eval, "--fail-under", "90,5"), 2, "with a dot (90.5)"},
		{"--data - without --data-format", []string{"eval", scored, "--data", "-", "--year", "2021"}, 2, "needs --data-format"},

		{"diff same", []string{"diff", "--exit-code", scored, scored}, 0, "no differences"},
		{"diff differences", []string{"diff", "--exit-code", scored, other}, 4, "raised"},
		{"diff differences without --exit-code", []string{"diff", scored, other}, 0, "raised"},
		{"diff with errors", []string{"diff", "--exit-code", bad, other}, 1, "error[E001]"},
		{"diff missing file", []string{"diff", scored, dir + "/nope.plan"}, 2, "cannot read plan"},
		{"diff revision starting with -", []string{"diff", "--git", "--output=x", scored}, 2, "cannot start with -"},

		{"fmt --check clean", []string{"fmt", "--check", good}, 0, ""},
		{"fmt --check would reformat", []string{"fmt", "--check", ugly}, 4, "ugly.plan"},
		{"fmt --check syntax error", []string{"fmt", "--check", ugly, bad}, 1, "error[E001]"},
		{"fmt -l lists", []string{"fmt", "-l", ugly}, 0, "ugly.plan"},
		{"fmt missing file", []string{"fmt", "--check", ugly, bad, dir + "/nope.plan"}, 2, "nope.plan"},

		{"version", []string{"version"}, 0, "piano devel"},
		{"--version", []string{"--version"}, 0, "piano devel"},
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

func mustRead(t *testing.T, path string) string {
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// TestExitCodesOfTrouble pins the codes no input file reaches: a bug (a
// panic), a write error on standard output and a closed pipe.
func TestExitCodesOfTrouble(t *testing.T) {
	t.Run("panic", func(t *testing.T) {
		beforeRun = func() { panic("boom") }
		defer func() { beforeRun = nil }()
		var out, errOut bytes.Buffer
		got := Main([]string{"check", "-"}, strings.NewReader(""), &out, &errOut)
		if got != 70 {
			t.Errorf("exit %d, want 70", got)
		}
		for _, want := range []string{"piano: internal error: boom", "please report it at https://", "goroutine"} {
			if !strings.Contains(errOut.String(), want) {
				t.Errorf("stderr does not contain %q:\n%s", want, errOut.String())
			}
		}
	})
	plan := "plan \"P\"\nbaseline years 2018..2020\ntarget years 2021..2023\n"
	for _, tt := range []struct {
		name string
		err  error
		want int
		msg  string
	}{
		{"disk full", syscall.ENOSPC, 2, "cannot write standard output"},
		{"closed pipe", syscall.EPIPE, 141, ""},
	} {
		t.Run(tt.name, func(t *testing.T) {
			var errOut bytes.Buffer
			got := Main([]string{"fmt"}, strings.NewReader(plan), failingWriter{tt.err}, &errOut)
			if got != tt.want {
				t.Errorf("exit %d, want %d; stderr:\n%s", got, tt.want, errOut.String())
			}
			if tt.msg == "" && errOut.Len() > 0 || !strings.Contains(errOut.String(), tt.msg) {
				t.Errorf("stderr %q, want %q", errOut.String(), tt.msg)
			}
		})
	}
}

type failingWriter struct{ err error }

func (w failingWriter) Write([]byte) (int, error) {
	return 0, &os.PathError{Op: "write", Path: "/dev/stdout", Err: w.err}
}
