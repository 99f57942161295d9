package main

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"os/exec"
	"strings"

	"github.com/piano-plan/piano"
	"github.com/piano-plan/piano/eval"
	"github.com/piano-plan/piano/lang"
	"github.com/piano-plan/piano/lang/ast"
	"github.com/piano-plan/piano/lang/diff"
	"github.com/piano-plan/piano/lang/format"
	"github.com/piano-plan/piano/render"
	"github.com/spf13/cobra"
)

func diffCmd() *cobra.Command {
	var format, gitBase string
	var exitCode, rescore bool
	f := &evalFlags{}
	cmd := &cobra.Command{
		Use:   "diff OLD NEW | diff --git BASE PATH",
		Short: "Compare two revisions of a plan by meaning",
		Long: `Diff compares two revisions of a plan node by node, matching nodes by code: a node
that moved or was reordered is reported as moved, not removed and added. It reports
added, removed, moved and renamed nodes; weights changed; targets raised or lowered per
year (for an at-most target a lower number is a raise; for a deadline an earlier date);
comparators and deadlines changed; baselines corrected; formulas, units and drivers
changed; and weight sums that no longer hold. Owners, notes, algorithms and driver
descriptions that changed are reported apart, as text changes: they are published but
move no score.

Each side is a .plan file, - for standard input, or REV:PATH read with git show (PATH
as git reads it, from the repository's top, or ./PATH from the current folder);
--git BASE PATH compares BASE:./PATH with the file PATH. With --git, a file the
change adds (not in BASE) shows every node added, and one it deletes (no longer
in the folder) every node removed. A revision starting with - is refused: git
would read it as an option.

--rescore evaluates both revisions on the same data (--data, --year) and shows how
each changed node's score and the plan's overall score would move.
--exit-code exits 4 when there are differences.`,
		Args: func(cmd *cobra.Command, args []string) error {
			if gitBase != "" && len(args) == 1 {
				return nil
			}
			if gitBase == "" && len(args) == 2 {
				return nil
			}
			return usageError{fmt.Errorf("diff takes OLD and NEW, or --git BASE and one PATH")}
		},
		RunE: func(cmd *cobra.Command, args []string) error {
			if format == "" {
				format = "text"
			}
			if err := oneOf("format", format, "text", "markdown", "json"); err != nil {
				return err
			}
			if strings.HasPrefix(gitBase, "-") {
				return usageError{fmt.Errorf("--git %q: a revision cannot start with -", gitBase)}
			}
			if args[0] == "-" && len(args) == 2 && args[1] == "-" {
				return usageError{fmt.Errorf("only one side can be read from standard input")}
			}
			if rescore && f.year == 0 {
				return usageError{fmt.Errorf("--rescore needs --year and --data")}
			}
			stderr := cmd.ErrOrStderr()
			var sides [2]*piano.Plan
			var texts [2][]byte
			var names [2]string
			var missing [2]bool // with --git: the file is added or deleted by the change
			if gitBase != "" {
				path := args[0]
				if strings.HasPrefix(path, "-") {
					path = "./" + path
				}
				spec := gitBase + ":./" + strings.TrimPrefix(path, "./")
				names = [2]string{spec, args[0]}
				var err error
				if missing[0], err = gitMissing(gitBase, spec); err != nil {
					fmt.Fprintf(stderr, "piano: %v\n", err)
					return exitError{code: exitUsage}
				}
				if _, err := os.Lstat(args[0]); errors.Is(err, fs.ErrNotExist) {
					missing[1] = true
				}
				if missing[0] && missing[1] {
					fmt.Fprintf(stderr, "piano: %s is neither in %s nor in the folder\n", lang.Printable(args[0]), lang.Printable(gitBase))
					return exitError{code: exitUsage}
				}
				args = []string{spec, args[0]}
			}
			var folder [2]bool // a side that is a plan folder
			for i, arg := range args {
				if fi, err := os.Stat(arg); err == nil && fi.IsDir() && gitBase == "" {
					folder[i] = true
					continue
				}
				if missing[i] {
					continue
				}
				text, name, err := readSide(arg, cmd.InOrStdin())
				if err != nil {
					return err
				}
				texts[i], names[i] = text, name
			}
			// A side the change adds or deletes is the other side's header
			// with no drivers and no nodes: everything is added or removed.
			var err error
			for i := range missing {
				if missing[i] {
					other := piano.Load(names[1-i], texts[1-i], f.options(false))
					if other.File == nil {
						printDiagnostics(stderr, other.Diagnostics, other.Sources())
						return exitError{code: exitErrors}
					}
					if texts[i], err = headerOnly(other.File); err != nil {
						return err
					}
				}
			}
			for i := range sides {
				s := piano.Load(names[i], texts[i], f.options(false))
				if folder[i] {
					if s, err = piano.LoadFile(args[i], f.options(false)); err != nil {
						return exitError{exitUsage, err}
					}
				}
				if s.Checked == nil || (rescore && !s.OK()) {
					printDiagnostics(stderr, s.Diagnostics, s.Sources())
					return exitError{code: exitErrors}
				}
				sides[i] = s
			}
			r := diff.Compare(sides[0].Checked, sides[1].Checked)
			r.Old, r.New = sides[0].Name, sides[1].Name
			var diags lang.Diagnostics // the rescoring's, for the JSON
			if rescore {
				var res [2]*eval.Result
				for i, s := range sides {
					rs, ds, _ := evaluatePlan(cmd, s, f, []int{f.year})
					diags = append(diags, ds...)
					if rs == nil {
						return exitError{code: exitErrors}
					}
					res[i] = rs[0]
				}
				r.Rescore(f.year, res[0].Root.Score, res[1].Root.Score, scores(res[0]), scores(res[1]))
			}
			out := cmd.OutOrStdout()
			err = nil
			switch format {
			case "markdown":
				err = render.DiffMarkdown(out, r)
			case "json":
				err = render.DiffJSON(out, r, diags)
			default:
				err = render.DiffText(out, r)
			}
			if err != nil {
				return err
			}
			if exitCode && !r.Empty() {
				return exitError{code: exitDiffers}
			}
			return nil
		},
	}
	cmd.Flags().StringVar(&format, "format", "", "output format: text, markdown or json (default text)")
	cmd.Flags().StringVar(&gitBase, "git", "", "compare the file PATH with its revision BASE in git")
	cmd.Flags().BoolVar(&exitCode, "exit-code", false, "exit 4 when the revisions differ")
	cmd.Flags().BoolVar(&rescore, "rescore", false, "evaluate both revisions on --data for --year and show how scores move")
	cmd.Flags().StringArrayVar(&f.data, "data", nil, "data file for --rescore (YAML or CSV; - for standard input); repeat for several")
	f.registerDataFormat(cmd)
	cmd.Flags().IntVar(&f.year, "year", 0, "the year for --rescore")
	cmd.Flags().BoolVar(&f.allowMissing, "allow-missing", false, "with --rescore: values no data file gives are warnings, their indicators are missing and left out")
	return cmd
}

// readSide reads a .plan file, standard input for "-", or REV:PATH from git
// when no such file exists. An error is I/O trouble (exit 2) or a usage
// error.
func readSide(arg string, stdin io.Reader) (text []byte, name string, err error) {
	if _, statErr := os.Stat(arg); arg == "-" || statErr == nil || !strings.Contains(arg, ":") {
		text, name, err = readSource(arg, stdin)
		if err != nil {
			return nil, name, exitError{exitUsage, fmt.Errorf("cannot read plan: %w", err)}
		}
		return text, name, nil
	}
	if strings.HasPrefix(arg, "-") {
		return nil, arg, usageError{fmt.Errorf("%q: a revision cannot start with -", arg)}
	}
	var stderr bytes.Buffer
	// --end-of-options: whatever the argument holds, git reads it as a revision.
	git := exec.Command("git", "show", "--end-of-options", arg)
	git.Stderr = &stderr
	text, err = git.Output()
	if err != nil {
		return nil, arg, exitError{exitUsage, fmt.Errorf("git show %s: %s", arg, strings.TrimSpace(stderr.String()))}
	}
	return text, arg, nil
}

// gitMissing reports whether spec (REV:./PATH) names no file in the
// revision rev, which must exist.
func gitMissing(rev, spec string) (bool, error) {
	var stderr bytes.Buffer
	verify := exec.Command("git", "rev-parse", "--verify", "--quiet", "--end-of-options", rev+"^{commit}")
	verify.Stderr = &stderr
	if err := verify.Run(); err != nil {
		return false, fmt.Errorf("--git %s: not a revision of this repository %s", rev, strings.TrimSpace(stderr.String()))
	}
	return exec.Command("git", "cat-file", "-e", "--end-of-options", spec).Run() != nil, nil
}

// headerOnly prints f's header lines (title, years, policy) without its
// drivers and tree: the plan before it was added, or after it was deleted.
func headerOnly(f *ast.File) ([]byte, error) {
	h := *f
	h.Stmts, h.Drivers, h.Areas, h.Comments = nil, nil, nil, nil
	for _, st := range f.Stmts {
		switch st.(type) {
		case *ast.Driver, *ast.Area:
		default:
			h.Stmts = append(h.Stmts, st)
		}
	}
	return format.Source(&h)
}

func scores(r *eval.Result) diff.Scores {
	return func(code string) (*float64, bool) {
		if code == "plan" {
			return nil, false
		}
		n := r.Find(code)
		if n == nil {
			return nil, false
		}
		return n.Score, true
	}
}
