package main

import (
	"errors"
	"fmt"

	"github.com/piano-plan/piano"
	"github.com/piano-plan/piano/lang"
	"github.com/piano-plan/piano/render"
	"github.com/spf13/cobra"
)

func whatifCmd() *cobra.Command {
	f := &evalFlags{}
	var achievement, overall float64
	cmd := &cobra.Command{
		Use:   "whatif PLAN... --data FILE... --year YEAR (CODE [--achievement P] | --overall P)",
		Short: "Say what value an indicator needs, or which change lifts the plan to a score",
		Long: `Whatif answers the June question: what value does an indicator need by December?

With CODE it gives the value the indicator needs to reach --achievement (default 100%),
inverting the scoring policy in force where it can (ratio, linear, threshold, ranges,
deadlines) and searching where it cannot (custom), with the arithmetic. With --overall P
it gives, for every weighted indicator, the smallest change of that one indicator that
lifts the plan's overall score to P%, ranked. Every answer is checked by evaluating the
plan again with the value found given directly for the indicator.`,
		Args: func(cmd *cobra.Command, args []string) error {
			switch {
			case cmd.Flags().Changed("overall") && cmd.Flags().Changed("achievement"):
				return usageError{fmt.Errorf("give --achievement with an indicator's code, or --overall alone")}
			case cmd.Flags().Changed("overall") && len(args) < 1, !cmd.Flags().Changed("overall") && len(args) < 2:
				return usageError{fmt.Errorf("whatif takes a plan and an indicator's code, or a plan and --overall")}
			}
			return nil
		},
		RunE: func(cmd *cobra.Command, args []string) error {
			if f.year == 0 || len(f.data) == 0 {
				return usageError{fmt.Errorf("whatif needs --data and --year")}
			}
			paths := args
			if !cmd.Flags().Changed("overall") {
				paths = args[:len(args)-1]
			}
			s, err := loadPlan(paths, cmd.InOrStdin(), f.options(false))
			if err != nil {
				return exitError{exitUsage, err}
			}
			values, err := f.readData(s, cmd.InOrStdin())
			if err != nil {
				return err
			}
			out := cmd.OutOrStdout()
			if cmd.Flags().Changed("overall") {
				answers, before, diags, err := s.WhatIfOverall(values, f.year, overall)
				if done := reportRun(cmd, s, values, diags, err, err == nil && !diags.HasErrors()); done != nil {
					return done
				}
				return render.WhatIfOverallText(out, answers, before, overall, f.year)
			}
			ans, diags, err := s.WhatIf(values, f.year, args[len(args)-1], achievement)
			if done := reportRun(cmd, s, values, diags, err, ans != nil); done != nil {
				return done
			}
			return render.WhatIfText(out, ans, f.year)
		},
	}
	cmd.Flags().StringArrayVar(&f.data, "data", nil, "data file with actual values (YAML or CSV; - for standard input); repeat for several")
	f.registerDataFormat(cmd)
	cmd.Flags().IntVar(&f.year, "year", 0, "the year to evaluate")
	cmd.Flags().BoolVar(&f.allowMissing, "allow-missing", false, "mid-year monitoring: values no data file gives are warnings")
	cmd.Flags().Float64Var(&achievement, "achievement", 100, "the achievement the indicator should reach, percent")
	cmd.Flags().Float64Var(&overall, "overall", 0, "the plan's overall score to reach, percent")
	return cmd
}

// reportRun prints the problems of a run and says whether it must stop.
func reportRun(cmd *cobra.Command, s *piano.Plan, values *piano.Data, diags lang.Diagnostics, err error, ok bool) error {
	stderr := cmd.ErrOrStderr()
	switch {
	case errors.Is(err, piano.ErrPlan):
		printDiagnostics(stderr, diags, s.Sources())
		return exitError{code: exitErrors}
	case err != nil:
		fmt.Fprintf(stderr, "piano: %v\n", err)
		return exitError{code: exitErrors}
	case !ok:
		printDiagnostics(stderr, diags, s.SourcesWith(values))
		return exitError{code: exitErrors}
	}
	lang.WriteText(stderr, diags, s.SourcesWith(values))
	return nil
}
