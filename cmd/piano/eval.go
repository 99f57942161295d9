package main

import (
	"fmt"
	"io"
	"sort"
	"strconv"
	"strings"

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

// evaluate loads the plan and the data and evaluates one year. Problems are
// printed to stderr; a nil result means the run must stop with exit 1.
func evaluate(cmd *cobra.Command, path string, f *evalFlags) (*eval.Result, error) {
	return evaluateFor(cmd, path, f, false)
}

// evaluateFor is evaluate, recording the arithmetic in words when explain.
func evaluateFor(cmd *cobra.Command, path string, f *evalFlags, explain bool) (*eval.Result, error) {
	if f.year == 0 {
		return nil, usageError{fmt.Errorf("%s needs --year", cmd.Name())}
	}
	if len(f.data) == 0 {
		return nil, usageError{fmt.Errorf("%s needs --data: without data every value would be missing", cmd.Name())}
	}
	s, _, err := loadPlan(path, cmd.InOrStdin())
	if err != nil {
		fmt.Fprintf(cmd.ErrOrStderr(), "piano: %v\n", err)
		return nil, exitError{exitErrors}
	}
	return evaluatePlan(cmd, s, f, explain)
}

// evaluatePlan evaluates a loaded plan on the data for one year.
func evaluatePlan(cmd *cobra.Command, s *source, f *evalFlags, explain bool) (*eval.Result, error) {
	stderr := cmd.ErrOrStderr()
	src := lang.Sources{s.path: s.text}
	diags := s.diags
	if diags.HasErrors() {
		printDiagnostics(stderr, diags, src)
		return nil, exitError{exitErrors}
	}
	if !contains(s.plan.TargetYears, f.year) {
		fmt.Fprintf(stderr, "piano: %d is not one of the plan's target years %v\n", f.year, s.plan.TargetYears)
		return nil, exitError{exitErrors}
	}
	var entries []eval.Entry
	var all lang.Diagnostics
	for _, p := range f.data {
		text, es, ds, err := eval.LoadData(p)
		if err != nil {
			fmt.Fprintf(stderr, "piano: %v\n", err)
			return nil, exitError{exitErrors}
		}
		budgetMemory(len(text))
		src[p] = text
		entries = append(entries, es...)
		all = append(all, ds...)
	}
	data, ds := eval.Bind(s.plan, entries)
	all = append(all, ds...)
	if all.HasErrors() {
		printDiagnostics(stderr, all, src)
		return nil, exitError{exitErrors}
	}
	if !f.allowMissing && !holdsYear(entries, f.year) {
		fmt.Fprintf(stderr, "piano: the data files hold no value for %d; they hold %s\n", f.year, yearsText(entries))
		return nil, exitError{exitErrors}
	}
	ev, err := eval.Compile(s.plan)
	if err != nil {
		return nil, err
	}
	ev.Explain = explain
	ev.AllowMissing = f.allowMissing
	ev.DataFiles = f.data
	r := ev.Evaluate(data, f.year)
	all = append(all, r.Diagnostics...)
	all = append(all, ev.CheckBaselines()...)
	all = append(all, warnings(diags)...)
	if all.HasErrors() {
		printDiagnostics(stderr, all, src)
		return nil, exitError{exitErrors}
	}
	lang.WriteText(stderr, all, src)
	return r, nil
}

// holdsYear reports whether any data entry is for year.
func holdsYear(entries []eval.Entry, year int) bool {
	for _, e := range entries {
		if e.Year == year {
			return true
		}
	}
	return false
}

// yearsText lists the years the data entries hold, in order.
func yearsText(entries []eval.Entry) string {
	seen := map[int]bool{}
	var years []int
	for _, e := range entries {
		if !seen[e.Year] {
			seen[e.Year] = true
			years = append(years, e.Year)
		}
	}
	if len(years) == 0 {
		return "no values at all"
	}
	sort.Ints(years)
	var parts []string
	for _, y := range years {
		parts = append(parts, strconv.Itoa(y))
	}
	return strings.Join(parts, ", ")
}

func warnings(ds lang.Diagnostics) lang.Diagnostics {
	var out lang.Diagnostics
	for _, d := range ds {
		if d.Severity == lang.Warning && d.Code != lang.WZeroWeight && d.Code != lang.WUnusedDriver && d.Code != lang.WLoweredTarget {
			out = append(out, d)
		}
	}
	return out
}

func contains(years []int, y int) bool {
	for _, v := range years {
		if v == y {
			return true
		}
	}
	return false
}

func evalCmd() *cobra.Command {
	f := &evalFlags{}
	var failUnder float64
	cmd := &cobra.Command{
		Use:   "eval PLAN --data FILE... --year YEAR [--format table|json|yaml|csv|markdown]",
		Short: "Score a plan against actual data for one year",
		Long: `Eval reads the actual values of drivers (and of indicators given directly) from the
data files, computes every indicator's value, scores it against its target for the year
under the plan's scoring policy, and rolls the scores up the tree to one overall score.

Exit status: 0 on success, 1 when the plan or the data have errors, 2 on a wrong
command line, 3 when --fail-under is given and the plan scores below it.`,
		Args: exactlyOneFile,
		RunE: func(cmd *cobra.Command, args []string) error {
			if f.format == "" {
				f.format = "table"
			}
			if err := oneOf("format", f.format, "table", "json", "yaml", "csv", "markdown"); err != nil {
				return err
			}
			r, err := evaluate(cmd, args[0], f)
			if err != nil {
				return err
			}
			out := cmd.OutOrStdout()
			if err := write(out, r, f.format); err != nil {
				return err
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
	f.register(cmd, "table, json, yaml, csv or markdown (default table)")
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
	case "markdown":
		return render.EvalMarkdown(w, r)
	}
	return render.EvalTable(w, r)
}

func explainCmd() *cobra.Command {
	f := &evalFlags{}
	cmd := &cobra.Command{
		Use:   "explain PLAN --data FILE... --year YEAR CODE",
		Short: "Show how one node's score came about",
		Long: `Explain evaluates the plan like eval and shows, for one indicator or objective, the
formula, each driver's value and the file and line it came from, the computed value,
the target, the scoring policy and its arithmetic, and the node's weighted share up to
the plan's overall score.`,
		Args: func(cmd *cobra.Command, args []string) error {
			if len(args) != 2 {
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
			r, err := evaluateFor(cmd, args[0], f, true)
			if err != nil {
				return err
			}
			x := r.Explain(args[1])
			if x == nil {
				fmt.Fprintf(cmd.ErrOrStderr(), "piano: the plan has no node %s\n", args[1])
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
