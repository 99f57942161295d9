package main

import (
	"fmt"
	"io"
	"slices"
	"strings"

	"github.com/piano-plan/piano"
	"github.com/piano-plan/piano/eval"
	"github.com/piano-plan/piano/lang"
	"github.com/piano-plan/piano/render"
	"github.com/spf13/cobra"
)

// evalFlags are the flags eval and explain share.
type evalFlags struct {
	data         []string
	year         int
	format       string
	allowMissing bool
}

func (f *evalFlags) register(cmd *cobra.Command, formats string) {
	cmd.Flags().StringArrayVar(&f.data, "data", nil, "data file with actual values (YAML or CSV); repeat for several")
	cmd.Flags().IntVar(&f.year, "year", 0, "the year to evaluate (one of the plan's target years)")
	cmd.Flags().StringVar(&f.format, "format", "", "output format: "+formats)
	cmd.Flags().BoolVar(&f.allowMissing, "allow-missing", false, "mid-year monitoring: values no data file gives are warnings, their indicators are missing and left out")
}

// options are the run's options with the evaluation flags.
func (f *evalFlags) options(explain bool) piano.Options {
	opts := options
	opts.AllowMissing, opts.Explain = f.allowMissing, explain
	return opts
}

// evaluate loads the plan and the data and evaluates one year. Problems are
// printed to stderr; a nil result means the run must stop with exit 1.
func evaluate(cmd *cobra.Command, paths []string, f *evalFlags) (*eval.Result, error) {
	return evaluateFor(cmd, paths, f, false)
}

// evaluateFor is evaluate, recording the arithmetic in words when explain.
func evaluateFor(cmd *cobra.Command, paths []string, f *evalFlags, explain bool) (*eval.Result, error) {
	if f.year == 0 {
		return nil, usageError{fmt.Errorf("%s needs --year", cmd.Name())}
	}
	if len(f.data) == 0 {
		return nil, usageError{fmt.Errorf("%s needs --data: without data every value would be missing", cmd.Name())}
	}
	s, err := loadPlan(paths, cmd.InOrStdin(), f.options(explain))
	if err != nil {
		fmt.Fprintf(cmd.ErrOrStderr(), "piano: %v\n", err)
		return nil, exitError{exitErrors}
	}
	return evaluatePlan(cmd, s, f)
}

// evaluatePlan evaluates a loaded plan on the data for one year.
func evaluatePlan(cmd *cobra.Command, s *piano.Plan, f *evalFlags) (*eval.Result, error) {
	stderr := cmd.ErrOrStderr()
	if !s.OK() {
		printDiagnostics(stderr, s.Diagnostics, s.Sources())
		return nil, exitError{exitErrors}
	}
	if !slices.Contains(s.Checked.TargetYears, f.year) {
		fmt.Fprintf(stderr, "piano: %d is not one of the plan's target years %v\n", f.year, s.Checked.TargetYears)
		return nil, exitError{exitErrors}
	}
	values, err := s.ReadDataFiles(f.data...)
	if err != nil {
		fmt.Fprintf(stderr, "piano: %v\n", err)
		return nil, exitError{exitErrors}
	}
	r, diags, err := s.Evaluate(values, f.year)
	if err != nil {
		fmt.Fprintf(stderr, "piano: %v\n", err)
		return nil, exitError{exitErrors}
	}
	if r == nil {
		printDiagnostics(stderr, diags, s.SourcesWith(values))
		return nil, exitError{exitErrors}
	}
	lang.WriteText(stderr, diags, s.SourcesWith(values))
	return r, nil
}

func evalCmd() *cobra.Command {
	f := &evalFlags{}
	var failUnder float64
	var output string
	var csvItalian bool
	cmd := &cobra.Command{
		Use:   "eval PLAN... --data FILE... --year YEAR [--format table|json|yaml|csv|markdown|xlsx] [-o FILE]",
		Short: "Score a plan against actual data for one year",
		Long: `Eval reads the actual values of drivers (and of indicators given directly) from the
data files, computes every indicator's value, scores it against its target for the year
under the plan's scoring policy, and rolls the scores up the tree to one overall score.

Exit status: 0 on success, 1 when the plan or the data have errors, 2 on a wrong
command line, 3 when --fail-under is given and the plan scores below it.`,
		Args: atLeastOneFile,
		RunE: func(cmd *cobra.Command, args []string) error {
			if f.format == "" {
				f.format = "table"
			}
			if err := oneOf("format", f.format, "table", "json", "yaml", "csv", "markdown", "xlsx"); err != nil {
				return err
			}
			if err := binaryFormat(f.format, output); err != nil {
				return err
			}
			format := f.format
			if csvItalian {
				if format != "csv" {
					return usageError{fmt.Errorf("--csv-italian goes with --format csv")}
				}
				format = "csv-italian"
			}
			r, err := evaluate(cmd, args, f)
			if err != nil {
				return err
			}
			if err := writeOutput(cmd.OutOrStdout(), output, func(w io.Writer) error { return write(w, r, format) }); err != nil {
				fmt.Fprintf(cmd.ErrOrStderr(), "piano: %v\n", err)
				return exitError{exitErrors}
			}
			if missing := r.Missing(); cmd.Flags().Changed("fail-under") && len(missing) > 0 {
				fmt.Fprintf(cmd.ErrOrStderr(), "piano: --fail-under cannot pass while values are missing (%s)\n", strings.Join(missing, ", "))
				return exitError{exitFailUnder}
			}
			if cmd.Flags().Changed("fail-under") && (r.Root.Score == nil || *r.Root.Score < failUnder) {
				fmt.Fprintf(cmd.ErrOrStderr(), "piano: the plan scores %s, under --fail-under %g\n", lang.Percent(r.Root.Score), failUnder)
				return exitError{exitFailUnder}
			}
			return nil
		},
	}
	f.register(cmd, "table, json, yaml, csv, markdown or xlsx (default table)")
	cmd.Flags().StringVarP(&output, "output", "o", "", "write to this file instead of standard output (needed for xlsx)")
	cmd.Flags().BoolVar(&csvItalian, "csv-italian", false, "with --format csv: for Italian spreadsheets (; separator, decimal commas, byte order mark, no field read as a formula)")
	cmd.Flags().Float64Var(&failUnder, "fail-under", 0, "exit 3 when the plan's overall score (percent) is below this")
	return cmd
}

func write(w io.Writer, r *eval.Result, format string) error {
	switch format {
	case "json":
		return render.EvalJSON(w, r)
	case "yaml":
		return render.EvalYAML(w, r)
	case "csv":
		return render.EvalCSV(w, r)
	case "csv-italian":
		return render.EvalCSVItalian(w, r)
	case "markdown":
		return render.EvalMarkdown(w, r)
	case "xlsx":
		return render.EvalXLSX(w, r)
	}
	return render.EvalTable(w, r)
}

func explainCmd() *cobra.Command {
	f := &evalFlags{}
	cmd := &cobra.Command{
		Use:   "explain PLAN... --data FILE... --year YEAR CODE",
		Short: "Show how one node's score came about",
		Long: `Explain evaluates the plan like eval and shows, for one indicator or objective, the
formula, each driver's value and the file and line it came from, the computed value,
the target, the scoring policy and its arithmetic, and the node's weighted share up to
the plan's overall score.`,
		Args: func(cmd *cobra.Command, args []string) error {
			if len(args) < 2 {
				return usageError{fmt.Errorf("explain takes a plan and a node code, got %d arguments", len(args))}
			}
			return nil
		},
		RunE: func(cmd *cobra.Command, args []string) error {
			if f.format == "" {
				f.format = "text"
			}
			if err := oneOf("format", f.format, "text", "json"); err != nil {
				return err
			}
			r, err := evaluateFor(cmd, args[:len(args)-1], f, true)
			if err != nil {
				return err
			}
			x := r.Explain(args[len(args)-1])
			if x == nil {
				fmt.Fprintf(cmd.ErrOrStderr(), "piano: the plan has no node %s\n", args[len(args)-1])
				return exitError{exitErrors}
			}
			if f.format == "json" {
				return render.ExplainJSON(cmd.OutOrStdout(), x)
			}
			return render.ExplainText(cmd.OutOrStdout(), x)
		},
	}
	f.register(cmd, "text or json (default text)")
	return cmd
}
