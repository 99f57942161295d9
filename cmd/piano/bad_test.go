package main

import (
	"bytes"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/rogpeppe/go-internal/txtar"
)

// TestBadInput runs each case of the bad-input corpus in testdata/bad: every
// one must exit 1 with the positioned diagnostics of its want section (go
// test -update rewrites them), never a panic or a Go error string.
func TestBadInput(t *testing.T) {
	files, _ := filepath.Glob("../../testdata/bad/*.txtar")
	if len(files) == 0 {
		t.Fatal("no cases")
	}
	for _, path := range files {
		path, _ = filepath.Abs(path)
		t.Run(filepath.Base(path), func(t *testing.T) {
			a, err := txtar.ParseFile(path)
			if err != nil {
				t.Fatal(err)
			}
			dir := t.TempDir()
			args := []string{"check", "input.plan"}
			var want []byte
			for _, f := range a.Files {
				switch f.Name {
				case "args":
					args = strings.Fields(string(f.Data))
				case "want":
					want = f.Data
				default:
					if err := os.WriteFile(filepath.Join(dir, f.Name), f.Data, 0o644); err != nil {
						t.Fatal(err)
					}
				}
			}
			t.Chdir(dir)
			stderr := runBad(t, args)
			if *update {
				for i := range a.Files {
					if a.Files[i].Name == "want" {
						a.Files[i].Data = []byte(stderr)
					}
				}
				if err := os.WriteFile(path, txtar.Format(a), 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			if diff := cmp.Diff(string(want), stderr); diff != "" {
				t.Errorf("piano %s (-want +got):\n%s", strings.Join(args, " "), diff)
			}
		})
	}
}

// runBad runs piano and checks the exit status and the shape of the output.
func runBad(t *testing.T, args []string) string {
	t.Helper()
	var stdout, stderr bytes.Buffer
	code := Main(args, strings.NewReader(""), &stdout, &stderr)
	if code != exitErrors {
		t.Errorf("piano %s: exit %d, want 1\n%s", strings.Join(args, " "), code, stderr.String())
	}
	out := stderr.String()
	for _, bad := range []string{"panic", "goroutine ", "runtime error", "yaml: ", "participle"} {
		if strings.Contains(out, bad) {
			t.Errorf("output contains %q:\n%s", bad, out)
		}
	}
	if !strings.Contains(out, ":1:") && !strings.Contains(out, ": error[") {
		t.Errorf("no positioned diagnostic:\n%s", out)
	}
	return out
}

// TestBadInputGenerated covers the cases too large or too binary for a text
// archive: each exits 1 with the expected diagnostic at the expected place.
func TestBadInputGenerated(t *testing.T) {
	header := "plan \"P\"\nbaseline years 2018..2020\ntarget years 2021..2023\ndriver A \"a\" unit N\n"
	rng := rand.New(rand.NewPCG(1, 2))
	garbage := make([]byte, 4096)
	for i := range garbage {
		garbage[i] = byte(rng.IntN(256))
	}
	tests := []struct {
		name string
		src  []byte
		want string // a piece of the first diagnostic line
	}{
		{"binary garbage", garbage, "input.plan:1:"},
		{"invalid UTF-8", []byte(header + "area 1 \"Competitivit\xe0\" weight 100% {}\n"), "input.plan:5:21: error[E005]: the file is not valid UTF-8 text"},
		{"10,000 nested braces", []byte(header + strings.Repeat("area 1 \"A\" weight 1% {\n", 10_000)), "input.plan:37:22: error[E006]: nesting depth exceeds the limit of 32"},
		{"10,000 nested parentheses", []byte(header + "driver B \"b\" unit N = " + strings.Repeat("(", 10_000) + "A" + strings.Repeat(")", 10_000) + "\n"), "input.plan:5:55: error[E006]: nesting depth exceeds the limit of 32"},
		{"100,000-term formula", []byte(header + "driver B \"b\" unit N = A" + strings.Repeat(" + A", 99_999) + "\n"), "input.plan:5:4023: error[E006]: a formula of more than 1000 terms exceeds the limit of 1000"},
		{"100,000 unary minuses", []byte(header + "driver B \"b\" unit N = " + strings.Repeat("-", 100_000) + "A\n"), "error[E006]"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			if err := os.WriteFile(filepath.Join(dir, "input.plan"), tt.src, 0o644); err != nil {
				t.Fatal(err)
			}
			t.Chdir(dir)
			out := runBad(t, []string{"check", "input.plan"})
			if !strings.Contains(out, tt.want) {
				t.Errorf("output lacks %q:\n%s", tt.want, firstLines(out, 8))
			}
		})
	}
}

func firstLines(s string, n int) string {
	lines := strings.SplitN(s, "\n", n+1)
	if len(lines) > n {
		lines = append(lines[:n], fmt.Sprintf("... (%d bytes)", len(s)))
	}
	return strings.Join(lines, "\n")
}
