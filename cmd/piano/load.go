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
	path  string
	text  []byte
	file  *ast.File
	plan  *check.Plan // nil when the file has syntax errors
	diags lang.Diagnostics
}

// loadPlan reads, parses and checks one .plan file ("-" is standard input).
// The error is for files that cannot be read; problems in the text come back
// as diagnostics.
func loadPlan(path string, stdin io.Reader) (*source, lang.Diagnostics, error) {
	text, err := readSource(path, stdin)
	if err != nil {
		return nil, nil, fmt.Errorf("cannot read plan: %w", err)
	}
	if path == "-" {
		path = "<stdin>"
	}
	s, diags := compile(path, text)
	return s, diags, nil
}

// readSource reads a plan file, or standard input for "-", reading at most
// one byte more than the size limit so that the parser can refuse it.
func readSource(path string, stdin io.Reader) ([]byte, error) {
	r := stdin
	if path != "-" {
		f, err := os.Open(path)
		if err != nil {
			return nil, err
		}
		defer f.Close()
		r = f
	}
	return io.ReadAll(io.LimitReader(r, int64(limits.MaxBytes)+1))
}

// compile parses and checks a plan's text. The plan is checked only once
// its syntax is right.
func compile(name string, text []byte) (*source, lang.Diagnostics) {
	s := &source{path: name, text: text}
	budgetMemory(len(text))
	f, diags := syntax.ParseLimits(name, text, limits)
	s.diags = diags
	if f == nil || diags.HasErrors() {
		return s, diags
	}
	s.file = f
	plan, more := check.Check(f)
	s.plan = plan
	s.diags = append(s.diags, more...)
	s.diags.Sort()
	return s, s.diags
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
