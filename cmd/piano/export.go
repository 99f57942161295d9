package main

import (
	"io"

	"github.com/piano-plan/piano/render"
	"github.com/spf13/cobra"
)

func exportCmd() *cobra.Command {
	var format, output string
	cmd := &cobra.Command{
		Use:   "export PLAN... [--format json|yaml|xlsx -o FILE.xlsx]",
		Short: "Print a checked plan as JSON or YAML data",
		Long: `Export checks the plan and prints it as data: every node with its code, kind,
name and weight, and the owner and note it states (left out when none), and every
indicator with its unit, formula, algorithm, baselines and targets per year. The
output is deterministic. A plan with errors is not exported.

--format xlsx -o FILE.xlsx writes the plan as a workbook laid out like an
Alberatura della pianificazione (one row per indicator, the hierarchy in merged
cells, a weight before each level, baselines and targets written the Italian
way), with the sheets Piano (the header) and Driver, which piano import reads
back into the same plan.`,
		Args: atLeastOneFile,
		RunE: func(cmd *cobra.Command, args []string) error {
			if err := oneOf("format", format, "json", "yaml", "xlsx"); err != nil {
				return err
			}
			if err := binaryFormat(format, output); err != nil {
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
			if format == "xlsx" {
				if ds := render.PlanXLSXProblems(s.Checked); len(ds) > 0 {
					printDiagnostics(cmd.ErrOrStderr(), ds, s.Sources())
					return exitError{code: exitErrors}
				}
				return writeOutput(cmd, output, func(w io.Writer) error { return render.PlanXLSX(w, s.Checked) })
			}
			if format == "yaml" {
				return render.ExportYAML(cmd.OutOrStdout(), s.Checked)
			}
			return render.ExportJSON(cmd.OutOrStdout(), s.Checked)
		},
	}
	cmd.Flags().StringVar(&format, "format", "json", "output format: json, yaml or xlsx")
	cmd.Flags().StringVarP(&output, "output", "o", "", "the workbook to write (--format xlsx)")
	return cmd
}
