package main

import (
	"fmt"
	"io"
	"slices"

	"github.com/piano-plan/piano/render"
	"github.com/spf13/cobra"
)

func templateCmd() *cobra.Command {
	var year int
	var output string
	cmd := &cobra.Command{
		Use:   "template PLAN... --year YEAR -o raccolta-YEAR.xlsx",
		Short: "Write a data-collection workbook for one year",
		Long: `Template writes an Excel workbook to collect a year's actual values: one row per
driver (and per indicator without a formula) with its description, unit, the
indicators it feeds, their last baselines and the owner, and an input cell that takes a
number, a date, N/D or not done. Everything but the input cells is protected; each
owner gets a sheet. The filled workbook reads back with --data as it is.`,
		Args: atLeastOneFile,
		RunE: func(cmd *cobra.Command, args []string) error {
			if year == 0 {
				return usageError{fmt.Errorf("template needs --year")}
			}
			if err := binaryFormat("xlsx", output); err != nil {
				return err
			}
			s, err := loadPlan(args, cmd.InOrStdin(), options)
			if err != nil {
				return exitError{exitUsage, err}
			}
			if !s.OK() {
				printDiagnostics(cmd.ErrOrStderr(), s.Diagnostics, s.Sources())
				return exitError{code: exitErrors}
			}
			if !slices.Contains(s.Checked.TargetYears, year) {
				return usageError{fmt.Errorf("--year %d is not one of the plan's target years %s", year, yearRange(s.Checked.TargetYears))}
			}
			return writeOutput(cmd, output, func(w io.Writer) error { return render.TemplateXLSX(w, s.Checked, year) })
		},
	}
	cmd.Flags().IntVar(&year, "year", 0, "the year whose values the workbook collects (one of the plan's target years)")
	cmd.Flags().StringVarP(&output, "output", "o", "", "the workbook to write (.xlsx)")
	return cmd
}
