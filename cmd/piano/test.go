package main

import (
	"bytes"
	"fmt"
	"io"

	"github.com/piano-plan/piano/internal/safefile"
	"github.com/piano-plan/piano/lang"
	"github.com/piano-plan/piano/pianotest"
	"github.com/spf13/cobra"
)

func testCmd() *cobra.Command {
	var (
		junit        string
		update       bool
		verbose      bool
		coverageList bool
		threshold    float64
	)
	cmd := &cobra.Command{
		Use:   "test [PLAN or folder...]",
		Short: "Run the test files of plans: given data, expected scores",
		Long: `Test runs the test files of plans. A test file NAME.test.yaml beside NAME.plan holds
cases: data (inline or by file) for a year, and the expected overall score and nodes'
scores, achievements and statuses, within a tolerance. Each expectation not met is
reported at its place in the test file. A folder runs every *.test.yaml whose plan is
there; no argument runs the current folder.

Exit status: 0 when every case passes, 1 when a case fails, a test file or its plan
has errors, or the coverage is under --coverage-threshold; 2 on a wrong command line
or a file that cannot be read or written.`,
		RunE: func(cmd *cobra.Command, args []string) error {
			if threshold < 0 || threshold > 100 {
				return usageError{fmt.Errorf("--coverage-threshold must be between 0 and 100, not %g", threshold)}
			}
			stderr := cmd.ErrOrStderr()
			paths, err := pianotest.Find(args)
			if err != nil {
				return exitError{exitUsage, err}
			}
			report := &pianotest.Report{}
			for _, path := range paths {
				f, err := pianotest.ReadFile(path)
				if err != nil {
					return exitError{exitUsage, err}
				}
				report.Files = append(report.Files, pianotest.Run(f, options))
			}
			if update {
				return updateTests(cmd, report)
			}
			if err := report.WriteDiagnostics(stderr, verbose); err != nil {
				return err
			}
			if err := report.WriteText(cmd.OutOrStdout(), pianotest.ReportOptions{Verbose: verbose, CoverageList: coverageList}); err != nil {
				return err
			}
			if junit != "" {
				var b bytes.Buffer
				if err := report.WriteJUnit(&b); err != nil {
					return err
				}
				if err := writeFile(stderr, junit, b.Bytes()); err != nil {
					return err
				}
			}
			if !report.Passed() {
				return exitError{code: exitErrors}
			}
			if cov := report.Coverage(); cmd.Flags().Changed("coverage-threshold") && cov.Percent() < threshold {
				fmt.Fprintf(stderr, "piano: coverage %s is under --coverage-threshold %g%%\n", cov, threshold)
				return exitError{code: exitErrors}
			}
			return nil
		},
	}
	fl := cmd.Flags()
	fl.StringVar(&junit, "junit", "", "also write the results as JUnit XML to this file")
	fl.BoolVarP(&update, "update", "u", false, "write the current results as the expected values into the test files")
	fl.BoolVarP(&verbose, "verbose", "v", false, "also print the evaluations' warnings and the indicators no case covers")
	fl.BoolVar(&coverageList, "coverage-list", false, "list the weighted indicators no case covers")
	fl.Float64Var(&threshold, "coverage-threshold", 0, "exit 1 when under this percentage of the weighted indicators is covered")
	return cmd
}

// updateTests rewrites each test file's expectations with the current
// results; cases that cannot run are reported and left as they are.
func updateTests(cmd *cobra.Command, report *pianotest.Report) error {
	stdout, stderr := cmd.OutOrStdout(), cmd.ErrOrStderr()
	failed := false
	for _, r := range report.Files {
		for _, c := range r.Cases {
			if c.Result == nil {
				failed = true
			}
		}
		if len(r.Problems) > 0 || len(r.PlanDiagnostics) > 0 {
			failed = true
		}
		text, n, err := pianotest.Update(r)
		if err != nil {
			return err
		}
		if text == nil {
			fmt.Fprintf(stdout, "%s: up to date\n", r.File.Path)
			continue
		}
		if err := writeFile(stderr, r.File.Path, text); err != nil {
			return err
		}
		fmt.Fprintf(stdout, "%s: wrote %d expected values\n", r.File.Path, n)
	}
	if failed {
		// Print only what could not run: the rest was just written.
		for _, r := range report.Files {
			for _, c := range r.Cases {
				c.Failures = nil
			}
		}
		report.WriteDiagnostics(stderr, false)
		return exitError{code: exitErrors}
	}
	return nil
}

// writeFile writes a file atomically, printing safefile's warnings; a file
// that cannot be written is I/O trouble (exit 2).
func writeFile(stderr io.Writer, path string, text []byte) error {
	warnings, err := safefile.Write(path, text)
	for _, w := range warnings {
		fmt.Fprintf(stderr, "piano: warning: %s\n", lang.Printable(w))
	}
	if err != nil {
		return exitError{exitUsage, fmt.Errorf("cannot write %s: %w", path, err)}
	}
	return nil
}
