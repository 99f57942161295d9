package main

import (
	"github.com/piano-plan/piano/render"
	"github.com/spf13/cobra"
)

func exportCmd() *cobra.Command {
	var format string
	cmd := &cobra.Command{
		Use:   "export PLAN... [--format json|yaml]",
		Short: "Print a checked plan as JSON or YAML data",
		Long: `Export checks the plan and prints it as data: every node with its code, kind,
name and weight, and the owner and note it states (left out when none), and every
indicator with its unit, formula, algorithm, baselines and targets per year. The
output is deterministic. A plan with errors is not exported.`,
		Args: atLeastOneFile,
		RunE: func(cmd *cobra.Command, args []string) error {
			if err := oneOf("format", format, "json", "yaml"); err != nil {
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
			if format == "yaml" {
				return render.ExportYAML(cmd.OutOrStdout(), s.Checked)
			}
			return render.ExportJSON(cmd.OutOrStdout(), s.Checked)
		},
	}
	cmd.Flags().StringVar(&format, "format", "json", "output format: json or yaml")
	return cmd
}
