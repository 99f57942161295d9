package main

import (
	"bufio"
	"fmt"
	"io"
	"os"
	"runtime"
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
			// The bar is for a person at a terminal: Main buffers standard
			// error, so each drawing is flushed through to it.
			var progress func(int, int)
			finished := 0
			if terminal(stderr) {
				progress = func(done, total int) {
					finished = done
					drawProgress(stderr, done, total)
					flush(stderr)
				}
			}
			// Bodies are read at once on several goroutines, each with the
			// memory budget of one run (batchBudget). Records are printed as
			// bodies finish, in the manifest's order, and the ranking keeps a
			// name and a mean per body: peak memory follows the bodies in
			// flight, not the number of bodies.
			workers := jobs
			if workers <= 0 {
				workers = runtime.GOMAXPROCS(0)
			}
			budget := &batchBudget{workers: workers}
			budget.start()
			opts := options
			opts.Reading = budget.reading
			out := render.NewBatchWriter(cmd.OutOrStdout(), format)
			var ranking render.BatchRanking
			err = piano.BatchEach(m, opts, workers, progress, func(records []piano.BodyYear) error {
				ranking.Add(records)
				if progress == nil {
					return out.Write(records)
				}
				// The records may go to the same terminal: the bar stays below them.
				fmt.Fprint(stderr, "\r\033[K")
				flush(stderr)
				err := out.Write(records)
				flush(cmd.OutOrStdout())
				drawProgress(stderr, finished, m.Len())
				flush(stderr)
				return err
			})
			if err == nil {
				err = out.Flush()
			}
			if progress != nil {
				fmt.Fprint(stderr, "\r\033[K")
			}
			if err != nil {
				return err
			}
			if failed := ranking.Write(stderr); failed > 0 {
				return exitError{code: exitErrors}
			}
			return nil
		},
	}
	cmd.Flags().StringVar(&format, "format", "", "output format: jsonl or csv (default jsonl)")
	cmd.Flags().IntVar(&jobs, "jobs", 0, "bodies evaluated at once (default: one per core)")
	return cmd
}

// terminal reports whether w is standard error on a terminal: the file
// itself, or the buffer Main writes it through.
func terminal(w io.Writer) bool {
	switch w := w.(type) {
	case *os.File:
		return term.IsTerminal(int(w.Fd()))
	case *bufio.Writer:
		return term.IsTerminal(int(os.Stderr.Fd()))
	}
	return false
}

// flush sends what w holds on, when w is a buffer.
func flush(w io.Writer) {
	if f, ok := w.(interface{ Flush() error }); ok {
		f.Flush()
	}
}

func drawProgress(w io.Writer, done, total int) {
	const width = 30
	n := done * width / total
	fmt.Fprintf(w, "\r[%s%s] %d/%d", strings.Repeat("#", n), strings.Repeat(" ", width-n), done, total)
}
