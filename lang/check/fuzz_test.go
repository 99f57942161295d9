package check_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/piano-plan/piano/lang/check"
	"github.com/piano-plan/piano/lang/syntax"
	"github.com/rogpeppe/go-internal/txtar"
)

// FuzzCheck checks that no plan that parses makes Check panic, and that
// every diagnostic points into the file.
func FuzzCheck(f *testing.F) {
	for _, glob := range []string{"../../examples/*.plan", "../../testdata/script/*.txtar", "../../testdata/bad/*.txtar"} {
		files, _ := filepath.Glob(glob)
		for _, path := range files {
			if strings.HasSuffix(path, ".plan") {
				// Big seeds slow the fuzzer down a hundredfold; the examples'
				// constructs are all in the small ones.
				if src, _ := os.ReadFile(path); len(src) <= 8<<10 {
					f.Add(src)
				}
				continue
			}
			a, err := txtar.ParseFile(path)
			if err != nil {
				continue
			}
			for _, file := range a.Files {
				if strings.HasSuffix(file.Name, ".plan") {
					f.Add(file.Data)
				}
			}
		}
	}
	f.Fuzz(func(t *testing.T, src []byte) {
		file, diags := syntax.Parse("fuzz.plan", src)
		if diags.HasErrors() {
			return
		}
		plan, diags := check.Check(file)
		if plan == nil || plan.Root == nil {
			t.Fatal("no plan")
		}
		for _, d := range diags {
			if d.Subject.Start.Line < 1 || d.Subject.Start.Offset > len(src) {
				t.Fatalf("diagnostic %s %q at bad position %+v", d.Code, d.Summary, d.Subject.Start)
			}
		}
		plan.Export()
	})
}
