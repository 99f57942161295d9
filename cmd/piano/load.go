package main

import (
	"fmt"
	"io"
	"os"
	"slices"

	"github.com/piano-plan/piano"
	"github.com/piano-plan/piano/lang"
)

// options are the settings of this run, from the --max-* flags; Main sets
// them before any command runs.
var options piano.Options

// loadPlan reads, parses and checks one plan: a .plan file ("-" is
// standard input), a folder of them, or several files named together. The
// error is for files that cannot be read; problems in the text are the
// plan's diagnostics.
func loadPlan(paths []string, stdin io.Reader, opts piano.Options) (*piano.Plan, error) {
	if len(paths) == 1 && paths[0] == "-" {
		text, name, err := readSource("-", stdin)
		if err != nil {
			return nil, fmt.Errorf("cannot read plan: %w", err)
		}
		return piano.Load(name, text, opts), nil
	}
	if slices.Contains(paths, "-") {
		return nil, fmt.Errorf("standard input (-) is a whole plan: it cannot be joined with other files")
	}
	return piano.LoadPaths(paths, opts)
}

// readSource reads a plan file, or standard input for "-" (named <stdin>
// in diagnostics), within the size limit.
func readSource(path string, stdin io.Reader) (text []byte, name string, err error) {
	if path == "-" {
		text, err = piano.ReadLimited(stdin, options)
		return text, "<stdin>", err
	}
	f, err := os.Open(path)
	if err != nil {
		return nil, path, err
	}
	defer f.Close()
	text, err = piano.ReadLimited(f, options)
	return text, path, err
}

// printDiagnostics writes diagnostics as text to w, with a count at the end.
func printDiagnostics(w io.Writer, diags lang.Diagnostics, src lang.Sources) {
	lang.WriteText(w, diags, src)
	if n := len(diags); n > 0 {
		errs := diags.Errors()
		fmt.Fprintf(w, "%s, %s\n", plural(errs, "error"), plural(n-errs, "warning"))
	}
}

func plural(n int, word string) string {
	if n == 1 {
		return "1 " + word
	}
	return fmt.Sprintf("%d %ss", n, word)
}
