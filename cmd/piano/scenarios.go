package main

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/piano-plan/piano"
	"github.com/piano-plan/piano/lang"
	"github.com/piano-plan/piano/render"
	"github.com/spf13/cobra"
)

// scenarioFiles lists the scenario data files the --scenarios arguments
// name: files as given, and the data files of a folder in name order,
// but those whose name starts with a dot.
func scenarioFiles(args []string) ([]string, error) {
	var out []string
	for _, a := range args {
		fi, err := os.Stat(a)
		if err != nil {
			return nil, fmt.Errorf("cannot read scenarios: %w", err)
		}
		if !fi.IsDir() {
			out = append(out, a)
			continue
		}
		entries, err := os.ReadDir(a)
		if err != nil {
			return nil, fmt.Errorf("cannot read scenarios: %w", err)
		}
		for _, e := range entries {
			if strings.HasPrefix(e.Name(), ".") {
				continue // an editor's or a tool's file, not a scenario
			}
			switch strings.ToLower(filepath.Ext(e.Name())) {
			case ".yaml", ".yml", ".csv", ".xlsx":
				if !e.IsDir() {
					out = append(out, filepath.Join(a, e.Name()))
				}
			}
		}
	}
	if len(out) == 0 {
		return nil, fmt.Errorf("--scenarios names no data file")
	}
	return out, nil
}

// evalScenarios is eval --scenarios: the plan compiled once, evaluated on
// the base data and on each scenario layered over it.
func evalScenarios(cmd *cobra.Command, args []string, f *evalFlags, scenarioArgs []string, format string) error {
	years, err := parseYears(f.yearText)
	if err != nil {
		return err
	}
	if len(years) != 1 {
		return usageError{fmt.Errorf("--scenarios takes one --year")}
	}
	if format != "table" && format != "csv" {
		return usageError{fmt.Errorf("--scenarios prints a table or csv, not %s", format)}
	}
	year := years[0]
	paths, err := scenarioFiles(scenarioArgs)
	if err != nil {
		return exitError{exitUsage, err}
	}
	s, err := loadPlan(args, cmd.InOrStdin(), f.options(false))
	if err != nil {
		return exitError{exitUsage, err}
	}
	if !s.OK() {
		printDiagnostics(cmd.ErrOrStderr(), s.Diagnostics, s.Sources())
		return exitError{code: exitErrors}
	}
	base, err := f.readData(s, cmd.InOrStdin())
	if err != nil {
		return err
	}
	c, err := s.Compile()
	if err != nil {
		return err
	}
	r, diags, err := c.Evaluate(base, year)
	if done := reportRun(cmd, s, base, diags, err, r != nil); done != nil {
		return done
	}
	var scenarios []*piano.Data
	for _, p := range paths {
		d := s.NewData()
		if err := d.AddFile(p); err != nil {
			return exitError{exitUsage, err}
		}
		scenarios = append(scenarios, d)
	}
	// Each result is printed from and let go: a line per scenario is kept.
	var lines []render.ScenarioScore
	failed := false
	c.EachScenario(base, scenarios, year, func(i int, r piano.ScenarioResult) bool {
		if r.Result == nil {
			failed = true
			if r.Err != nil {
				fmt.Fprintf(cmd.ErrOrStderr(), "piano: scenario %s: %s\n", lang.Printable(r.Name), lang.Printable(r.Err.Error()))
			} else {
				printDiagnostics(cmd.ErrOrStderr(), r.Diagnostics, s.SourcesWith(base.With(scenarios[i])))
			}
		}
		lines = append(lines, render.NewScenarioScore(r))
		return true
	})
	if err := render.Scenarios(cmd.OutOrStdout(), r.Root.Score, lines, year, format); err != nil {
		return err
	}
	if failed {
		return exitError{code: exitErrors}
	}
	return nil
}
