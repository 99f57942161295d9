package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// TestModenaGolden pins every command on the shipped Modena example in
// every format (testdata/golden; go test -update rewrites them), and checks
// that a second run gives byte-identical output.
func TestModenaGolden(t *testing.T) {
	// Run from the repository root so that paths in the output are the
	// ones the README shows.
	t.Chdir("../..")
	base := []string{"examples/modena-2021.plan", "--data", "examples/modena-2021-actuals.yaml", "--year", "2021"}
	tests := []struct {
		golden string
		args   []string
	}{
		{"modena-2021.txt", append([]string{"eval"}, base...)},
		{"modena-2021.json", append([]string{"eval", "--format", "json"}, base...)},
		{"modena-2021.yaml", append([]string{"eval", "--format", "yaml"}, base...)},
		{"modena-2021.csv", append([]string{"eval", "--format", "csv"}, base...)},
		{"modena-2021.md", append([]string{"eval", "--format", "markdown"}, base...)},
		{"modena-2021-export.json", []string{"export", "examples/modena-2021.plan"}},
		{"modena-2021-export.yaml", []string{"export", "--format", "yaml", "examples/modena-2021.plan"}},
		{"modena-2021-check.json", []string{"check", "--format", "json", "examples/modena-2021.plan"}},
		{"diff-gennaio.txt", []string{"diff", "examples/modena-2021-gennaio.plan", "examples/modena-2021.plan"}},
		{"diff-gennaio.md", append([]string{"diff", "--format", "markdown", "--rescore", "examples/modena-2021-gennaio.plan", "examples/modena-2021.plan"}, base[1:]...)},
		{"diff-gennaio.json", append([]string{"diff", "--format", "json", "--rescore", "examples/modena-2021-gennaio.plan", "examples/modena-2021.plan"}, base[1:]...)},
		{"explain-802.S1.txt", append([]string{"explain"}, append(base, "802.S1")...)},
		{"explain-82.B3.2_1.txt", append([]string{"explain"}, append(base, "82.B3.2_1")...)},
		{"explain-71.C2.4_2.txt", append([]string{"explain"}, append(base, "71.C2.4_2")...)},
		{"explain-301.S0.txt", append([]string{"explain"}, append(base, "301.S0")...)},
		{"explain-301.txt", append([]string{"explain"}, append(base, "301")...)},
		{"explain-802.A1.2.json", append([]string{"explain", "--format", "json"}, append(base, "802.A1.2")...)},
	}
	for _, tt := range tests {
		t.Run(tt.golden, func(t *testing.T) {
			run := func() string {
				var stdout, stderr bytes.Buffer
				if code := Main(tt.args, strings.NewReader(""), &stdout, &stderr); code != 0 {
					t.Fatalf("piano %s: exit %d\n%s", strings.Join(tt.args, " "), code, stderr.String())
				}
				return stdout.String()
			}
			got := run()
			if again := run(); again != got {
				t.Fatalf("two runs differ:\n%s", cmp.Diff(got, again))
			}
			path := filepath.Join("testdata/golden", tt.golden)
			if *update {
				if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			want, err := os.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(string(want), got); diff != "" {
				t.Errorf("piano %s differs from %s (-want +got):\n%s", strings.Join(tt.args, " "), path, diff)
			}
		})
	}
}
