package main

import (
	"fmt"

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

--format json prints the diagnostics as a JSON array on standard output, for
editors and CI. A file that cannot be read makes check exit 2, after checking
the others.`,
		Args: atLeastOneFile,
		RunE: func(cmd *cobra.Command, args []string) error {
			if err := oneOf("format", format, "text", "json"); err != nil {
				return err
			}
			var all lang.Diagnostics
			src := lang.Sources{}
			unreadable := false
			for _, path := range args {
				s, err := loadPlan(path, cmd.InOrStdin(), options)
				if err != nil {
					fmt.Fprintf(cmd.ErrOrStderr(), "piano: %s\n", lang.Printable(err.Error()))
					unreadable = true
					continue
				}
				src[s.Name] = s.Text
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
			if unreadable {
				return exitError{code: exitUsage}
			}
			if all.HasErrors() {
				return exitError{code: exitErrors}
			}
			return nil
		},
	}
	cmd.Flags().StringVar(&format, "format", "text", "output format: text or json")
	return cmd
}
