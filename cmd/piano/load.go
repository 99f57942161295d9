package main

import (
	"fmt"
	"io"
	"os"

	"github.com/piano-plan/piano/lang"
	"github.com/piano-plan/piano/lang/ast"
	"github.com/piano-plan/piano/lang/check"
	"github.com/piano-plan/piano/lang/syntax"
)

// source is one plan read, parsed and checked.
type source struct {
	path string
	text []byte
	file *ast.File
	plan *check.Plan // nil when the file has syntax errors
}

// loadPlan reads, parses and checks one .plan file ("-" is standard input).
// The error is for files that cannot be read; problems in the text come back
// as diagnostics.
func loadPlan(path string, stdin io.Reader) (*source, lang.Diagnostics, error) {
	var text []byte
	var err error
	if path == "-" {
		text, err = io.ReadAll(stdin)
		path = "<stdin>"
	} else {
		text, err = os.ReadFile(path)
	}
	if err != nil {
		return nil, nil, fmt.Errorf("cannot read plan: %w", err)
	}
	s := &source{path: path, text: text}
	f, diags := syntax.Parse(path, text)
	if f == nil {
		return s, diags, nil
	}
	s.file = f
	if diags.HasErrors() {
		return s, diags, nil // meaning is checked once the syntax is right
	}
	plan, more := check.Check(f)
	s.plan = plan
	diags = append(diags, more...)
	diags.Sort()
	return s, diags, nil
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
