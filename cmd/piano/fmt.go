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
-w rewrites the files in place, safely: a temporary file in the same folder, then a
rename, keeping the file's permissions and (where allowed) its owner; a file
with syntax errors is never touched. Through a symbolic link -w rewrites the
link's target and keeps the link; a file with several hard links is rewritten
in place, so every link keeps seeing it (a copy of the old text is kept beside
it until the new text is written). -l lists the files whose layout differs,
-d prints the differences, --check lists them and exits 4 when any file would
change (for CI). A file with syntax errors is reported and makes fmt exit 1; a
file that cannot be read or written, exit 2.`,
		RunE: func(cmd *cobra.Command, args []string) error {
			stdout, stderr := cmd.OutOrStdout(), cmd.ErrOrStderr()
			if len(args) == 0 {
				if write || list {
					return usageError{fmt.Errorf("-w and -l need files")}
				}
				args = []string{"-"}
			}
			// The exit code: the first of 2, 1, 4 that applies.
			ioTrouble, failed, differs := false, false, false
			var paths []string
			for _, path := range args {
				if fi, err := os.Stat(path); err == nil && fi.IsDir() {
					folder, err := piano.PlanFiles(path)
					if err != nil {
						fmt.Fprintf(stderr, "piano: %v\n", err)
						ioTrouble = true
					}
					paths = append(paths, folder...)
					continue
				}
				paths = append(paths, path)
			}
			for _, path := range paths {
				text, name, err := readSource(path, cmd.InOrStdin())
				if err != nil {
					fmt.Fprintf(stderr, "piano: %s\n", lang.Printable(err.Error()))
					ioTrouble = true
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
						fmt.Fprintf(stdout, "%s\n", lang.Printable(name))
						differs = true
					}
				case list:
					if changed {
						fmt.Fprintf(stdout, "%s\n", lang.Printable(name))
					}
				case diff:
					if changed {
						writeDiff(stdout, name, text, out)
					}
				case write:
					if changed {
						warnings, err := safefile.Write(path, out)
						for _, w := range warnings {
							fmt.Fprintf(stderr, "piano: warning: %s\n", lang.Printable(w))
						}
						if err != nil {
							fmt.Fprintf(stderr, "piano: %s\n", lang.Printable(err.Error()))
							ioTrouble = true
						}
					}
				default:
					stdout.Write(out)
				}
			}
			switch {
			case ioTrouble:
				return exitError{code: exitUsage}
			case failed:
				return exitError{code: exitErrors}
			case differs:
				return exitError{code: exitDiffers}
			}
			return nil
		},
	}
	cmd.Flags().BoolVarP(&write, "write", "w", false, "rewrite the files in place")
	cmd.Flags().BoolVarP(&list, "list", "l", false, "list files whose layout differs")
	cmd.Flags().BoolVarP(&diff, "diff", "d", false, "print the differences")
	cmd.Flags().BoolVar(&check, "check", false, "exit 4 when any file would change (lists them)")
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
