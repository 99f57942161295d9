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
		Use:   "check [--format text|json|sarif|github] FILE...",
		Short: "Check plans for errors and report every problem found",
		Long: `Check parses and checks each plan and reports every problem found: unknown drivers
and indicators, duplicate codes, weights that do not sum to 100%, unit mismatches,
years outside the plan, cycles among derived drivers and more.

--format json prints the diagnostics as JSON (schema piano.diagnostics/v1) on
standard output, for editors and CI; --format sarif prints a SARIF 2.1.0 log for code
scanning; --format github prints GitHub Actions workflow commands
(::error file=...,line=...::message), which the runner shows as annotations. A file
that cannot be read makes check exit 2, after checking the others.`,
		Args: atLeastOneFile,
		RunE: func(cmd *cobra.Command, args []string) error {
			if err := oneOf("format", format, "text", "json", "sarif", "github"); err != nil {
				return err
			}
			var all lang.Diagnostics
			src := lang.Sources{}
			unreadable := false
			for _, path := range args {
				s, err := loadPlan([]string{path}, cmd.InOrStdin(), options)
				if err != nil {
					fmt.Fprintf(cmd.ErrOrStderr(), "piano: %s\n", lang.Printable(err.Error()))
					unreadable = true
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
			var err error
			switch format {
			case "json":
				err = render.DiagnosticsJSON(cmd.OutOrStdout(), all)
			case "sarif":
				err = render.SARIF(cmd.OutOrStdout(), all, moduleVersion())
			case "github":
				err = render.GitHub(cmd.OutOrStdout(), all)
			default:
				printDiagnostics(cmd.ErrOrStderr(), all, src)
			}
			if err != nil {
				return err
			}
			if unreadable {
				return exitError{code: exitUsage}
			}
			if all.HasErrors() {
				return exitError{code: exitErrors}
			}
			return nil
		},
	}
	cmd.Flags().StringVar(&format, "format", "text", "output format: text, json, sarif or github")
	return cmd
}
