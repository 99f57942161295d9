package main

import (
	"fmt"
	"io"
	"os"

	"github.com/piano-plan/piano/internal/safefile"
	"github.com/piano-plan/piano/lang"
	"github.com/piano-plan/piano/sheet"
	"github.com/spf13/cobra"
)

func importCmd() *cobra.Command {
	var output, columns string
	cmd := &cobra.Command{
		Use:   "import FILE.xlsx|FILE.csv [-o PLAN] [--columns KEY=COL,...]",
		Short: "Read a plan table (an Alberatura della pianificazione) into a .plan",
		Long: `Import reads a plan laid out as a table, the way bodies publish their Alberatura
della pianificazione: one row per indicator (or per node), the hierarchy Ambito,
Obiettivo strategico, Gruppo, Obiettivo operativo and Indicatore with a weight
(Peso) before each, "code - name" cells, the algorithm in words ending with the
formula, and the baselines and targets per year (Baseline 2018, Target 2021)
written >= 900 N., <= 3,40 gg, Entro 31-10-2021 or N/D. Merged cells are
expanded. The columns are found by the header row; --columns names those it does
not (indicator=J,algorithm=K,baseline-2018=L,header=3). Optional sheets Piano
(the header) and Driver (Codice, Descrizione, Unità, Formula) are read when
present; without Driver, the drivers are declared from the formulas.

The plan is written formatted to -o (standard output without it) and checked.
Every problem of the table is an error at its cell (Sheet!C12); what the table
does not say is a comment in the plan and an error, never a guess: import then
exits 1, and the plan is still written for you to complete.`,
		Args: cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			cols, err := sheet.ParseColumns(columns)
			if err != nil {
				return usageError{err}
			}
			text, err := readLimited(args[0], options.Limits.MaxBytes)
			if err != nil {
				return exitError{exitUsage, err}
			}
			name := output
			if name == "" || name == "-" {
				name = "<stdout>"
			}
			src, diags := sheet.Import(args[0], text, sheet.Options{Columns: cols, PlanName: name, MaxSize: options.Limits.MaxBytes})
			if src != nil {
				if err := writeOutput(cmd, output, func(w io.Writer) error { _, err := w.Write(src); return err }); err != nil {
					return err
				}
			}
			printDiagnostics(cmd.ErrOrStderr(), diags, lang.Sources{name: src})
			if diags.HasErrors() {
				return exitError{code: exitErrors}
			}
			return nil
		},
	}
	cmd.Flags().StringVarP(&output, "output", "o", "", "the .plan to write (standard output without it)")
	cmd.Flags().StringVar(&columns, "columns", "", "columns the header row does not name: key=COLUMN,... (see --help)")
	return cmd
}

// readLimited reads a file of at most max bytes.
func readLimited(path string, max int) ([]byte, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	b, err := safefile.ReadAtMost(f, max)
	if err != nil {
		return nil, err
	}
	if len(b) > max {
		return nil, fmt.Errorf("%s is larger than --max-size (%d bytes)", path, max)
	}
	return b, nil
}
