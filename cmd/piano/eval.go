package main

import (
	"fmt"
	"io"
	"math"
	"os"
	"slices"
	"strconv"
	"strings"

	"github.com/piano-plan/piano"
	"github.com/piano-plan/piano/eval"
	"github.com/piano-plan/piano/internal/safefile"
	"github.com/piano-plan/piano/lang"
	"github.com/piano-plan/piano/render"
	"github.com/spf13/cobra"
)

// evalFlags are the flags eval and explain share.
type evalFlags struct {
	data         []string
	year         int    // diff and whatif: one year
	yearText     string // eval and explain: --year 2021, 2021..2023 or 2021,2023
	dataFormat   string // yaml or csv: the format of --data files whatever their names (required for -)
	format       string
	allowMissing bool
}

func (f *evalFlags) register(cmd *cobra.Command, formats string) {
	cmd.Flags().StringArrayVar(&f.data, "data", nil, "data file with actual values (YAML or CSV; - for standard input); repeat for several")
	f.registerDataFormat(cmd)
	cmd.Flags().StringVar(&f.yearText, "year", "", "the year to evaluate (one of the plan's target years); several as 2021..2023 or 2021,2023")
	cmd.Flags().StringVar(&f.format, "format", "", "output format: "+formats)
	cmd.Flags().BoolVar(&f.allowMissing, "allow-missing", false, "mid-year monitoring: values no data file gives are warnings, their indicators are missing and left out")
}

func (f *evalFlags) registerDataFormat(cmd *cobra.Command) {
	cmd.Flags().StringVar(&f.dataFormat, "data-format", "", "yaml or csv: read the --data files in this format, whatever their names (needed for --data -)")
}

// readData reads the --data files: by their extension, or in --data-format
// (standard input for -). The error is a wrong command line or a file that
// cannot be read (exit 2); problems in the text are the data's diagnostics.
func (f *evalFlags) readData(s *piano.Plan, stdin io.Reader) (*piano.Data, error) {
	if f.dataFormat != "" {
		if err := oneOf("data-format", f.dataFormat, "yaml", "csv"); err != nil {
			return nil, err
		}
	}
	if n := slices.Index(f.data, "-"); n >= 0 {
		if f.dataFormat == "" {
			return nil, usageError{fmt.Errorf("--data - needs --data-format yaml or csv: standard input has no name to tell the format by")}
		}
		if slices.Index(f.data[n+1:], "-") >= 0 {
			return nil, usageError{fmt.Errorf("--data - can be given only once")}
		}
	}
	d := s.NewData()
	max := options.MaxDataSize
	for _, path := range f.data {
		if f.dataFormat == "" {
			if err := d.AddFile(path); err != nil {
				return nil, exitError{exitUsage, err}
			}
			continue
		}
		name, r := path, stdin
		if path == "-" {
			name = "<stdin>"
		} else {
			file, err := os.Open(path)
			if err != nil {
				return nil, exitError{exitUsage, fmt.Errorf("cannot read data file: %w", err)}
			}
			defer file.Close()
			r = file
		}
		// One byte over the limit is read so that the data package reports the file as too big.
		text, err := safefile.ReadAtMost(r, max)
		if err != nil {
			return nil, exitError{exitUsage, fmt.Errorf("cannot read data file %s: %w", name, err)}
		}
		d.AddAs(name, f.dataFormat, text)
	}
	return d, nil
}

// yearRange prints years as the plan writes them, 2021..2023, or as a list
// when they are not consecutive.
func yearRange(years []int) string {
	if len(years) == 0 {
		return "(none)"
	}
	if years[len(years)-1]-years[0] == len(years)-1 {
		return fmt.Sprintf("%d..%d", years[0], years[len(years)-1])
	}
	parts := make([]string, len(years))
	for i, y := range years {
		parts[i] = strconv.Itoa(y)
	}
	return strings.Join(parts, ", ")
}

// parseFailUnder reads a --fail-under value: a percentage from 0 to 100,
// written 90, 90.5 or 90%.
func parseFailUnder(v string) (float64, error) {
	t := strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(v), "%"))
	if strings.Contains(t, ",") {
		return 0, usageError{fmt.Errorf("--fail-under %q: write the decimals with a dot (%s)", v, strings.ReplaceAll(t, ",", "."))}
	}
	x, err := strconv.ParseFloat(t, 64)
	if err != nil || math.IsNaN(x) {
		return 0, usageError{fmt.Errorf("--fail-under %q is not a percentage: write a score from 0 to 100, such as 90 or 90%%", v)}
	}
	if x < 0 || x > 100 {
		return 0, usageError{fmt.Errorf("--fail-under %s is outside 0..100: it is a score in percent", v)}
	}
	return x, nil
}

// options are the run's options with the evaluation flags.
func (f *evalFlags) options(explain bool) piano.Options {
	opts := options
	opts.AllowMissing, opts.Explain = f.allowMissing, explain
	return opts
}

// evaluate loads the plan and the data and evaluates the --year years.
// Problems are printed to stderr; a nil result means the run must stop
// with exit 1.
func evaluate(cmd *cobra.Command, paths []string, f *evalFlags) ([]*eval.Result, lang.Diagnostics, error) {
	return evaluateFor(cmd, paths, f, false)
}

// evaluateFor is evaluate, recording the arithmetic in words when explain.
func evaluateFor(cmd *cobra.Command, paths []string, f *evalFlags, explain bool) ([]*eval.Result, lang.Diagnostics, error) {
	if f.yearText == "" {
		return nil, nil, usageError{fmt.Errorf("%s needs --year", cmd.Name())}
	}
	years, err := parseYears(f.yearText)
	if err != nil {
		return nil, nil, err
	}
	if len(f.data) == 0 {
		return nil, nil, usageError{fmt.Errorf("%s needs --data: without data every value would be missing", cmd.Name())}
	}
	if slices.Contains(paths, "-") && slices.Contains(f.data, "-") {
		return nil, nil, usageError{fmt.Errorf("the plan and --data cannot both be read from standard input")}
	}
	s, err := loadPlan(paths, cmd.InOrStdin(), f.options(explain))
	if err != nil {
		return nil, nil, exitError{exitUsage, err}
	}
	return evaluatePlan(cmd, s, f, years)
}

// evaluatePlan evaluates a loaded plan on the data for the years, the plan
// compiled once. The diagnostics of the run are printed to stderr and
// returned, for the JSON and YAML outputs that carry them.
func evaluatePlan(cmd *cobra.Command, s *piano.Plan, f *evalFlags, years []int) ([]*eval.Result, lang.Diagnostics, error) {
	stderr := cmd.ErrOrStderr()
	if !s.OK() {
		printDiagnostics(stderr, s.Diagnostics, s.Sources())
		return nil, nil, exitError{code: exitErrors}
	}
	for _, year := range years {
		if !slices.Contains(s.Checked.TargetYears, year) {
			return nil, nil, usageError{fmt.Errorf("--year %d is not one of the plan's target years %s", year, yearRange(s.Checked.TargetYears))}
		}
	}
	values, err := f.readData(s, cmd.InOrStdin())
	if err != nil {
		return nil, nil, err
	}
	rs, diags, err := s.EvaluateYears(values, years)
	if err != nil {
		fmt.Fprintf(stderr, "piano: %v\n", err)
		return nil, nil, exitError{code: exitErrors}
	}
	if rs == nil {
		printDiagnostics(stderr, diags, s.SourcesWith(values))
		return nil, nil, exitError{code: exitErrors}
	}
	lang.WriteText(stderr, diags, s.SourcesWith(values))
	return rs, diags, nil
}

func evalCmd() *cobra.Command {
	f := &evalFlags{}
	var failUnderText, by string
	var output string
	var csvItalian bool
	var scenarioArgs []string
	cmd := &cobra.Command{
		Use:   "eval PLAN... --data FILE... --year YEAR [--format table|json|yaml|csv|markdown|xlsx] [-o FILE] [--by owner]",
		Short: "Score a plan against actual data for one year",
		Long: `Eval reads the actual values of drivers (and of indicators given directly) from the
data files, computes every indicator's value, scores it against its target for the year
under the plan's scoring policy, and rolls the scores up the tree to one overall score.

--data - reads a data file from standard input; it needs --data-format yaml or
csv, as does a file whose name has no extension (/dev/stdin). --fail-under takes
a score in percent from 0 to 100 (90, 90.5 or 90%) and exits 3 when the plan
scores below it or a value is missing.`,
		Args: atLeastOneFile,
		RunE: func(cmd *cobra.Command, args []string) error {
			if len(scenarioArgs) > 0 {
				if f.format == "" {
					f.format = "table"
				}
				return evalScenarios(cmd, args, f, scenarioArgs, f.format)
			}
			if f.format == "" {
				f.format = "table"
			}
			if err := oneOf("format", f.format, "table", "json", "yaml", "csv", "markdown", "xlsx"); err != nil {
				return err
			}
			if by != "" {
				if err := oneOf("by", by, "owner"); err != nil {
					return err
				}
			}
			failUnder := 0.0
			if cmd.Flags().Changed("fail-under") {
				var err error
				if failUnder, err = parseFailUnder(failUnderText); err != nil {
					return err
				}
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
			rs, diags, err := evaluate(cmd, args, f)
			if err != nil {
				return err
			}
			if len(rs) > 1 && (format == "xlsx" || format == "csv-italian" || by != "") {
				return usageError{fmt.Errorf("--format %s and --by take one --year", f.format)}
			}
			err = writeOutput(cmd, output, func(w io.Writer) error {
				switch {
				case by == "owner":
					return writeSchede(w, rs[0], diags, format)
				case len(rs) == 1:
					return write(w, rs[0], diags, format)
				}
				return writeYears(w, rs, diags, format)
			})
			if err != nil {
				return err
			}
			if !cmd.Flags().Changed("fail-under") {
				return nil
			}
			failed := false
			for _, r := range rs {
				in := ""
				if len(rs) > 1 {
					in = fmt.Sprintf(" in %d", r.Year)
				}
				if missing := r.Missing(); len(missing) > 0 {
					fmt.Fprintf(cmd.ErrOrStderr(), "piano: --fail-under cannot pass while values are missing%s (%s)\n", in, lang.Printable(strings.Join(missing, ", ")))
					failed = true
				} else if r.Root.Score == nil || *r.Root.Score < failUnder {
					fmt.Fprintf(cmd.ErrOrStderr(), "piano: the plan scores %s%s, under --fail-under %g\n", lang.Percent(r.Root.Score), in, failUnder)
					failed = true
				}
			}
			if failed {
				return exitError{code: exitFailUnder}
			}
			return nil
		},
	}
	f.register(cmd, "table, json, yaml, csv, markdown or xlsx (default table)")
	cmd.Flags().StringVarP(&output, "output", "o", "", "write to this file instead of standard output (needed for xlsx)")
	cmd.Flags().BoolVar(&csvItalian, "csv-italian", false, "with --format csv: for Italian spreadsheets (; separator, decimal commas, byte order mark, no field read as a formula)")
	cmd.Flags().StringVar(&failUnderText, "fail-under", "", "exit 3 when the plan's overall score is below this percentage (0-100: 90 or 90%)")
	cmd.Flags().StringArrayVar(&scenarioArgs, "scenarios", nil, "data files or folders of them, each a scenario whose values win over --data's; prints each scenario's score (table or csv)")
	cmd.Flags().StringVar(&by, "by", "", "owner: print each scheda (the plan's schede) with its score and band, and the differentiation summary")
	return cmd
}

// writeSchede prints the schede: JSON and YAML are eval's report, which
// holds them.
func writeSchede(w io.Writer, r *eval.Result, diags lang.Diagnostics, format string) error {
	switch format {
	case "json", "yaml":
		return write(w, r, diags, format)
	case "csv":
		return render.SchedeCSV(w, r)
	case "markdown":
		return render.SchedeMarkdown(w, r)
	}
	return render.SchedeTable(w, r)
}

func write(w io.Writer, r *eval.Result, diags lang.Diagnostics, format string) error {
	switch format {
	case "json":
		return render.EvalJSON(w, r, diags)
	case "yaml":
		return render.EvalYAML(w, r, diags)
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

// writeYears prints the results of several years in one document.
func writeYears(w io.Writer, rs []*eval.Result, diags lang.Diagnostics, format string) error {
	switch format {
	case "json":
		return render.EvalYearsJSON(w, rs, diags)
	case "yaml":
		return render.EvalYearsYAML(w, rs, diags)
	case "csv":
		return render.EvalYearsCSV(w, rs)
	case "markdown":
		return render.EvalYearsMarkdown(w, rs)
	}
	return render.EvalYearsTable(w, rs)
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
			rs, diags, err := evaluateFor(cmd, args[:len(args)-1], f, true)
			if err != nil {
				return err
			}
			var xs []*eval.Explanation
			for _, r := range rs {
				x := r.Explain(args[len(args)-1])
				if s := r.Scheda(args[len(args)-1]); x == nil && s != nil && len(rs) == 1 {
					if f.format != "text" {
						return usageError{fmt.Errorf("explain of scheda %s is text only: its data are in piano eval --by owner --format json", lang.Printable(s.Scheda.Code))}
					}
					return render.SchedaExplainText(cmd.OutOrStdout(), r, s)
				}
				if x == nil {
					fmt.Fprintf(cmd.ErrOrStderr(), "piano: the plan has no node %s\n", lang.Printable(args[len(args)-1]))
					return exitError{code: exitErrors}
				}
				xs = append(xs, x)
			}
			out := cmd.OutOrStdout()
			switch {
			case len(xs) > 1 && f.format == "json":
				return render.ExplainYearsJSON(out, xs, diags)
			case len(xs) > 1:
				return render.ExplainYearsText(out, xs)
			case f.format == "json":
				return render.ExplainJSON(out, xs[0], diags)
			}
			return render.ExplainText(out, xs[0])
		},
	}
	f.register(cmd, "text or json (default text)")
	return cmd
}
