package main

import (
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"strings"

	"github.com/piano-plan/piano"
	"github.com/piano-plan/piano/eval"
	"github.com/piano-plan/piano/lang"
	"github.com/piano-plan/piano/lang/diff"
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

Each side is a .plan file or REV:PATH read with git show (PATH as git reads it, from
the repository's top, or ./PATH from the current folder); --git BASE PATH compares
BASE:./PATH with the file PATH.

--rescore evaluates both revisions on the same data (--data, --year) and shows how
each changed node's score and the plan's overall score would move.
--exit-code exits 1 when there are differences.`,
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
			if gitBase != "" {
				args = []string{gitBase + ":./" + strings.TrimPrefix(args[0], "./"), args[0]}
			}
			if rescore && f.year == 0 {
				return usageError{fmt.Errorf("--rescore needs --year and --data")}
			}
			stderr := cmd.ErrOrStderr()
			var sides [2]*piano.Plan
			for i, arg := range args {
				s, err := loadSide(arg, f.options(false))
				if err != nil {
					fmt.Fprintf(stderr, "piano: %v\n", err)
					return exitError{exitErrors}
				}
				if s.Checked == nil || (rescore && !s.OK()) {
					printDiagnostics(stderr, s.Diagnostics, s.Sources())
					return exitError{exitErrors}
				}
				sides[i] = s
			}
			r := diff.Compare(sides[0].Checked, sides[1].Checked)
			r.Old, r.New = sides[0].Name, sides[1].Name
			var diags lang.Diagnostics // the rescoring's, for the JSON
			if rescore {
				var res [2]*eval.Result
				for i, s := range sides {
					var ds lang.Diagnostics
					res[i], ds, _ = evaluatePlan(cmd, s, f)
					diags = append(diags, ds...)
					if res[i] == nil {
						return exitError{exitErrors}
					}
				}
				r.Rescore(f.year, res[0].Root.Score, res[1].Root.Score, scores(res[0]), scores(res[1]))
			}
			out := cmd.OutOrStdout()
			var err error
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
				return exitError{exitErrors}
			}
			return nil
		},
	}
	cmd.Flags().StringVar(&format, "format", "", "output format: text, markdown or json (default text)")
	cmd.Flags().StringVar(&gitBase, "git", "", "compare the file PATH with its revision BASE in git")
	cmd.Flags().BoolVar(&exitCode, "exit-code", false, "exit 1 when the revisions differ")
	cmd.Flags().BoolVar(&rescore, "rescore", false, "evaluate both revisions on --data for --year and show how scores move")
	cmd.Flags().StringArrayVar(&f.data, "data", nil, "data file for --rescore (YAML or CSV); repeat for several")
	cmd.Flags().IntVar(&f.year, "year", 0, "the year for --rescore")
	cmd.Flags().BoolVar(&f.allowMissing, "allow-missing", false, "with --rescore: values no data file gives are warnings, their indicators are missing and left out")
	return cmd
}

// loadSide loads one side of a diff: a .plan file, a plan folder, or
// REV:PATH from git when no such file exists.
func loadSide(arg string, opts piano.Options) (*piano.Plan, error) {
	if fi, err := os.Stat(arg); err == nil && fi.IsDir() {
		return piano.LoadFile(arg, opts)
	}
	text, name, err := readSide(arg)
	if err != nil {
		return nil, err
	}
	return piano.Load(name, text, opts), nil
}

// readSide reads a .plan file, or REV:PATH from git when no such file exists.
func readSide(arg string) (text []byte, name string, err error) {
	if _, statErr := os.Stat(arg); statErr == nil || !strings.Contains(arg, ":") {
		text, _, err = readSource(arg, nil)
		if err != nil {
			return nil, arg, fmt.Errorf("cannot read plan: %w", err)
		}
		return text, arg, nil
	}
	var stderr bytes.Buffer
	git := exec.Command("git", "show", arg)
	git.Stderr = &stderr
	text, err = git.Output()
	if err != nil {
		return nil, arg, fmt.Errorf("git show %s: %s", arg, strings.TrimSpace(stderr.String()))
	}
	return text, arg, nil
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
