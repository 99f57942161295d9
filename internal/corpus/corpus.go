// Package corpus collects the .plan texts of the repository's examples and
// test archives, as seeds for fuzz tests.
package corpus

import (
	"os"
	"path/filepath"
	"strings"

	"github.com/rogpeppe/go-internal/txtar"
)

// MaxSeed is the largest seed returned: Go's fuzzer slows down a
// hundredfold on seeds of many kilobytes, and the small files hold every
// construct anyway.
const MaxSeed = 8 << 10

// Plans returns the .plan files matched by globs, and the .plan sections of
// the .txtar archives they match, up to MaxSeed bytes each.
func Plans(globs ...string) [][]byte {
	var out [][]byte
	add := func(b []byte) {
		if len(b) <= MaxSeed {
			out = append(out, b)
		}
	}
	for _, glob := range globs {
		files, _ := filepath.Glob(glob)
		for _, path := range files {
			switch {
			case strings.HasSuffix(path, ".plan"):
				if b, err := os.ReadFile(path); err == nil {
					add(b)
				}
			case strings.HasSuffix(path, ".txtar"):
				a, err := txtar.ParseFile(path)
				if err != nil {
					continue
				}
				for _, f := range a.Files {
					if strings.HasSuffix(f.Name, ".plan") {
						add(f.Data)
					}
				}
			}
		}
	}
	return out
}
