package render

import (
	"encoding/csv"
	"fmt"
	"io"
	"strings"
	"text/tabwriter"

	"github.com/piano-plan/piano"
	"github.com/piano-plan/piano/lang"
)

// ScenarioScore is one scenario's line of piano eval --scenarios: its
// name and the plan's score, or why there is none.
type ScenarioScore struct {
	Name   string
	Score  *float64 // nil: N/D, or no result
	Failed bool     // no result: the data have errors, or Err
	Err    error
}

// NewScenarioScore keeps of a scenario's result what its line prints.
func NewScenarioScore(r piano.ScenarioResult) ScenarioScore {
	s := ScenarioScore{Name: r.Name, Failed: r.Result == nil, Err: r.Err}
	if r.Result != nil {
		s.Score = r.Result.Root.Score
	}
	return s
}

// Scenarios prints the base score and each scenario's, with the change:
// an aligned table, or format "csv".
func Scenarios(w io.Writer, base *float64, results []ScenarioScore, year int, format string) error {
	change := func(s *float64) string {
		if s == nil || base == nil {
			return ""
		}
		return fmt.Sprintf("%+.2f", *s-*base)
	}
	type row struct{ name, score, change, err string }
	rows := []row{{"(base)", lang.Percent(base), "", ""}}
	for _, r := range results {
		if r.Failed {
			msg := "errors in the data"
			if r.Err != nil {
				msg = r.Err.Error()
			}
			rows = append(rows, row{r.Name, "", "", msg})
			continue
		}
		rows = append(rows, row{r.Name, lang.Percent(r.Score), change(r.Score), ""})
	}
	if format == "csv" {
		cw := csv.NewWriter(w)
		cw.Write([]string{"scenario", "year", "score", "change", "error"})
		for _, r := range rows {
			cw.Write([]string{r.name, fmt.Sprint(year), strings.TrimSuffix(r.score, "%"), r.change, r.err})
		}
		cw.Flush()
		return cw.Error()
	}
	var b strings.Builder
	tw := tabwriter.NewWriter(&b, 0, 0, 2, ' ', 0)
	fmt.Fprintf(tw, "SCENARIO\tSCORE %d\tCHANGE\n", year)
	for _, r := range rows {
		cell := r.score
		if r.err != "" {
			cell = "error: " + r.err
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\n", lang.Printable(r.name), cell, r.change)
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	for _, line := range strings.SplitAfter(b.String(), "\n") {
		if line != "" {
			if _, err := io.WriteString(w, strings.TrimRight(line, " \n")+"\n"); err != nil {
				return err
			}
		}
	}
	return nil
}
