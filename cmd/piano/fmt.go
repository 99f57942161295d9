package main

import (
	"bytes"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/piano-plan/piano"
	"github.com/piano-plan/piano/internal/safefile"
	"github.com/piano-plan/piano/lang"
	"github.com/piano-plan/piano/lang/format"
	"github.com/pmezard/go-difflib/difflib"
	"github.com/spf13/cobra"
)

func fmtCmd() *cobra.Command {
	var write, list, diff, check bool
	cmd := &cobra.Command{
		Use:   "fmt [-w | -l | -d | --check] [FILE or FOLDER...]",
		Short: "Format plans in the canonical layout",
		Long: `Fmt prints each plan in the canonical layout: one statement per line, two spaces of
indentation per block, comments and blank-line sections kept. It changes only
whitespace and canonical spelling, and formatting its output again changes nothing.

Without a file it reads standard input and writes standard output (for editors);
a folder stands for its .plan files.
-w rewrites the files in place (safely: a temporary file in the same folder, then a
rename; a file with syntax errors is never touched). -l lists the files whose
layout differs, -d prints the differences, --check exits 1 when any file would
change (for CI). A file with syntax errors is reported and makes fmt exit 1.`,
		RunE: func(cmd *cobra.Command, args []string) error {
			stdout, stderr := cmd.OutOrStdout(), cmd.ErrOrStderr()
			if len(args) == 0 {
				if write || list {
					return usageError{fmt.Errorf("-w and -l need files")}
				}
				args = []string{"-"}
			}
			failed := false
			var paths []string
			for _, path := range args {
				if fi, err := os.Stat(path); err == nil && fi.IsDir() {
					folder, err := piano.PlanFiles(path)
					if err != nil {
						fmt.Fprintf(stderr, "piano: %v\n", err)
						failed = true
					}
					paths = append(paths, folder...)
					continue
				}
				paths = append(paths, path)
			}
			for _, path := range paths {
				text, name, err := readSource(path, cmd.InOrStdin())
				if err != nil {
					fmt.Fprintf(stderr, "piano: %v\n", err)
					failed = true
					continue
				}
				f, diags := piano.Parse(name, text, options)
				if diags.HasErrors() {
					printDiagnostics(stderr, diags, lang.Sources{name: text})
					failed = true
					continue
				}
				out, err := format.Source(f)
				if err != nil {
					// A statement the formatter cannot print: a bug in
					// Piano, not in the plan. The file is left alone.
					fmt.Fprintf(stderr, "piano: internal error: %s: %v\n", name, err)
					failed = true
					continue
				}
				changed := !bytes.Equal(out, text)
				switch {
				case check:
					if changed {
						fmt.Fprintf(stdout, "%s\n", name)
						failed = true
					}
				case list:
					if changed {
						fmt.Fprintf(stdout, "%s\n", name)
					}
				case diff:
					if changed {
						writeDiff(stdout, name, text, out)
					}
				case write:
					if changed {
						if err := safefile.Write(path, out); err != nil {
							fmt.Fprintf(stderr, "piano: %v\n", err)
							failed = true
						}
					}
				default:
					stdout.Write(out)
				}
			}
			if failed {
				return exitError{exitErrors}
			}
			return nil
		},
	}
	cmd.Flags().BoolVarP(&write, "write", "w", false, "rewrite the files in place")
	cmd.Flags().BoolVarP(&list, "list", "l", false, "list files whose layout differs")
	cmd.Flags().BoolVarP(&diff, "diff", "d", false, "print the differences")
	cmd.Flags().BoolVar(&check, "check", false, "exit 1 when any file would change (lists them)")
	cmd.MarkFlagsMutuallyExclusive("write", "list", "diff", "check")
	return cmd
}

func writeDiff(w io.Writer, name string, a, b []byte) {
	d := difflib.UnifiedDiff{
		A: lines(a), B: lines(b),
		FromFile: name + ".orig", ToFile: name, Context: 3,
	}
	text, _ := difflib.GetUnifiedDiffString(d)
	io.WriteString(w, text)
}

// lines splits text into lines, each with its line end.
func lines(text []byte) []string {
	l := strings.SplitAfter(string(text), "\n")
	if l[len(l)-1] == "" {
		l = l[:len(l)-1]
	}
	return l
}
