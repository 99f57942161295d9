package main

import (
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/piano-plan/piano/lang"
)

// TestEveryCodeIsPinned checks that each diagnostic code Piano defines
// appears, rendered with its position, in at least one golden file, and in
// the README's table, and has a description (lang.Describe).
func TestEveryCodeIsPinned(t *testing.T) {
	var defs []string
	var sources []string
	filepath.WalkDir("../..", func(path string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() && strings.HasSuffix(path, ".go") && !strings.HasSuffix(path, "_test.go") {
			sources = append(sources, path)
		}
		return err
	})
	for _, path := range sources {
		src, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		for _, m := range regexp.MustCompile(`lang\.Code = "([EW]\d+)"|Code += "([EW]\d+)"`).FindAllStringSubmatch(string(src), -1) {
			defs = append(defs, m[1]+m[2])
		}
	}
	if len(defs) < 30 {
		t.Fatalf("found only %d codes: %v", len(defs), defs)
	}
	var golden strings.Builder
	for _, glob := range []string{"../../testdata/*/*.txtar", "../../testdata/golden/*"} {
		files, _ := filepath.Glob(glob)
		for _, f := range files {
			b, _ := os.ReadFile(f)
			golden.Write(b)
		}
	}
	generated, _ := os.ReadFile("bad_test.go") // cases too big for an archive
	readme, _ := os.ReadFile("../../README.md")
	for _, code := range defs {
		// a place in a file (:12:5:) or a cell of a workbook (:Dati!C12:, :'Uff. 1'!C12:)
		rendered := regexp.MustCompile(`:(\d+:\d+|[^\s:!]+![A-Z]+\d+|'[^']+'![A-Z]+\d+): (error|warning)\[` + code + `\]`)
		if !rendered.MatchString(golden.String()) && !rendered.Match(generated) {
			t.Errorf("%s is not pinned with its position in any golden file", code)
		}
		if !strings.Contains(string(readme), code) {
			t.Errorf("%s is not in the README", code)
		}
		if lang.Describe(lang.Code(code)) == "" {
			t.Errorf("%s has no description in lang/codes.go (SARIF rules need one)", code)
		}
	}
}
