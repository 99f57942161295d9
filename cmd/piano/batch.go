package main

import (
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/piano-plan/piano"
	"github.com/piano-plan/piano/render"
	"github.com/spf13/cobra"
	"golang.org/x/term"
)

func batchCmd() *cobra.Command {
	var format string
	var jobs int
	cmd := &cobra.Command{
		Use:   "batch MANIFEST [--format jsonl|csv] [--jobs N]",
		Short: "Evaluate many bodies' plans in one run, on every core",
		Long: `Batch evaluates every body a manifest lists (YAML: bodies, each with plan or plans,
data and years, paths relative to the manifest), or every subfolder of a folder (its
.plan files one plan, its .yaml, .yml and .csv files its data, every target year the
data hold). It prints one record per body and year, then a ranking of the bodies on
standard error. A body with errors is reported in its record and never stops the
others; the exit status is 1 when any body failed.`,
		Args: func(cmd *cobra.Command, args []string) error {
			if len(args) != 1 {
				return usageError{fmt.Errorf("batch takes one manifest or folder, got %d arguments", len(args))}
			}
			return nil
		},
		RunE: func(cmd *cobra.Command, args []string) error {
			if format == "" {
				format = "jsonl"
			}
			if err := oneOf("format", format, "jsonl", "csv"); err != nil {
				return err
			}
			m, err := piano.ReadManifest(args[0])
			if err != nil {
				return exitError{exitUsage, err}
			}
			stderr := cmd.ErrOrStderr()
			var progress func(int, int)
			if f, ok := stderr.(*os.File); ok && term.IsTerminal(int(f.Fd())) {
				progress = func(done, total int) { drawProgress(stderr, done, total) }
			}
			// Bodies are read at once on several goroutines: the memory limit
			// is not tuned to each input (budgetMemory is for one run), and the
			// collector keeps its default, so peak memory follows the bodies in
			// flight, not the number of bodies.
			opts := options
			opts.Reading = nil
			records := piano.Batch(m, opts, jobs, progress)
			if progress != nil {
				fmt.Fprint(stderr, "\r\033[K")
			}
			if err := render.BatchRecords(cmd.OutOrStdout(), records, format); err != nil {
				return err
			}
			if failed := render.BatchRanking(stderr, records); failed > 0 {
				return exitError{code: exitErrors}
			}
			return nil
		},
	}
	cmd.Flags().StringVar(&format, "format", "", "output format: jsonl or csv (default jsonl)")
	cmd.Flags().IntVar(&jobs, "jobs", 0, "bodies evaluated at once (default: one per core)")
	return cmd
}

func drawProgress(w io.Writer, done, total int) {
	const width = 30
	n := done * width / total
	fmt.Fprintf(w, "\r[%s%s] %d/%d", strings.Repeat("#", n), strings.Repeat(" ", width-n), done, total)
}
