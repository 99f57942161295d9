package main

import (
	"cmp"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"slices"
	"strings"

	"github.com/piano-plan/piano"
	"github.com/piano-plan/piano/lang"
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
			if err := writeBatch(cmd.OutOrStdout(), records, format); err != nil {
				return err
			}
			if failed := writeRanking(stderr, records); failed > 0 {
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

// batchRecord is one line of piano batch --format jsonl.
type batchRecord struct {
	Body  string   `json:"body"`
	Year  *int     `json:"year"`
	Score *float64 `json:"score"`
	Error *string  `json:"error"`
}

func writeBatch(w io.Writer, records [][]piano.BodyYear, format string) error {
	cw := csv.NewWriter(w)
	if format == "csv" {
		cw.Write([]string{"body", "year", "score", "error"})
	}
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	for _, body := range records {
		for _, r := range body {
			var score *float64
			if r.Score != nil {
				s := lang.Rounded(*r.Score, lang.FigureDecimals)
				score = &s
			}
			if format == "csv" {
				year, sc := "", ""
				if r.Year != 0 {
					year = fmt.Sprint(r.Year)
				}
				if r.Err == "" {
					sc = strings.TrimSuffix(lang.Percent(r.Score), "%")
				}
				cw.Write([]string{r.Body, year, sc, r.Err})
				continue
			}
			rec := batchRecord{Body: r.Body, Score: score}
			if r.Year != 0 {
				y := r.Year
				rec.Year = &y
			}
			if r.Err != "" {
				e := r.Err
				rec.Error = &e
			}
			if err := enc.Encode(rec); err != nil {
				return err
			}
		}
	}
	cw.Flush()
	return cw.Error()
}

// writeRanking prints the bodies ranked by their mean score over their
// years, best first, then those that failed; it returns how many failed.
func writeRanking(w io.Writer, records [][]piano.BodyYear) int {
	type ranked struct {
		body string
		mean float64
		n    int
	}
	var ok []ranked
	var failed []string
	for _, body := range records {
		if len(body) == 0 {
			continue
		}
		if body[0].Err != "" {
			failed = append(failed, body[0].Body)
			continue
		}
		rk := ranked{body: body[0].Body}
		for _, r := range body {
			if r.Score != nil {
				rk.mean += *r.Score
				rk.n++
			}
		}
		if rk.n > 0 {
			rk.mean /= float64(rk.n)
		}
		ok = append(ok, rk)
	}
	slices.SortStableFunc(ok, func(a, b ranked) int { return cmp.Compare(b.mean, a.mean) })
	bodies := fmt.Sprintf("%d bodies", len(ok))
	if len(ok) == 1 {
		bodies = "1 body"
	}
	fmt.Fprintf(w, "Ranking of %s (mean score over the years evaluated):\n", bodies)
	for i, rk := range ok {
		mean := &rk.mean
		if rk.n == 0 {
			mean = nil
		}
		fmt.Fprintf(w, "%4d. %s  %s\n", i+1, lang.Printable(rk.body), lang.Percent(mean))
	}
	if len(failed) > 0 {
		fmt.Fprintf(w, "Failed (%d): %s\n", len(failed), lang.Printable(strings.Join(failed, ", ")))
	}
	return len(failed)
}
