package main

import (
	"fmt"
	"maps"

	"github.com/piano-plan/piano/lang"
	"github.com/piano-plan/piano/render"
	"github.com/spf13/cobra"
)

func checkCmd() *cobra.Command {
	var format string
	cmd := &cobra.Command{
		Use:   "check [--format text|json] FILE...",
		Short: "Check plans for errors and report every problem found",
		Long: `Check parses and checks each plan and reports every problem found: unknown drivers
and indicators, duplicate codes, weights that do not sum to 100%, unit mismatches,
years outside the plan, cycles among derived drivers and more.

Exit status: 0 when there are no errors (warnings allowed), 1 when any file has
errors, 2 on a wrong command line. --format json prints the diagnostics as JSON
(schema piano.diagnostics/v1) on standard output, for editors and CI.`,
		Args: atLeastOneFile,
		RunE: func(cmd *cobra.Command, args []string) error {
			if err := oneOf("format", format, "text", "json"); err != nil {
				return err
			}
			var all lang.Diagnostics
			src := lang.Sources{}
			failed := false
			for _, path := range args {
				s, err := loadPlan([]string{path}, cmd.InOrStdin(), options)
				if err != nil {
					fmt.Fprintf(cmd.ErrOrStderr(), "piano: %v\n", err)
					failed = true
					continue
				}
				maps.Copy(src, s.Sources())
				all = append(all, s.Diagnostics...)
				baselines, err := s.CheckBaselines()
				if err != nil {
					return err
				}
				all = append(all, baselines...)
			}
			if format == "json" {
				if err := render.DiagnosticsJSON(cmd.OutOrStdout(), all); err != nil {
					return err
				}
			} else {
				printDiagnostics(cmd.ErrOrStderr(), all, src)
			}
			if failed || all.HasErrors() {
				return exitError{exitErrors}
			}
			return nil
		},
	}
	cmd.Flags().StringVar(&format, "format", "text", "output format: text or json")
	return cmd
}
