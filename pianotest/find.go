package pianotest

import (
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
)

// Find lists the test files that args name: a plan NAME.plan names
// NAME.test.yaml beside it, a test file itself, and a folder every
// *.test.yaml in it whose plan is there too (not its subfolders). No
// argument means the current folder. The error is for an argument that
// names no test file.
func Find(args []string) ([]string, error) {
	if len(args) == 0 {
		args = []string{"."}
	}
	var out []string
	for _, arg := range args {
		fi, err := os.Stat(arg)
		switch {
		case os.IsNotExist(err):
			return nil, fmt.Errorf("%s: no such plan, test file or folder", arg)
		case err != nil:
			return nil, err
		case fi.IsDir():
			found, _ := filepath.Glob(filepath.Join(arg, "*"+Suffix))
			n := 0
			for _, t := range found {
				if _, err := os.Stat(PlanFor(t)); err == nil {
					out = append(out, t)
					n++
				}
			}
			if n == 0 {
				return nil, fmt.Errorf("no test files in %s: a test file NAME%s stands beside its plan NAME.plan", arg, Suffix)
			}
		case strings.HasSuffix(arg, Suffix):
			out = append(out, arg)
		case strings.HasSuffix(arg, ".plan"):
			t := strings.TrimSuffix(arg, ".plan") + Suffix
			if _, err := os.Stat(t); err != nil {
				return nil, fmt.Errorf("no test file %s for the plan %s", t, arg)
			}
			out = append(out, t)
		default:
			return nil, fmt.Errorf("%s is not a plan, a test file (NAME%s) or a folder", arg, Suffix)
		}
	}
	return slices.Compact(out), nil
}
