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

// Scenarios prints the base score and each scenario's, with the change:
// an aligned table, or format "csv".
func Scenarios(w io.Writer, base *float64, results []piano.ScenarioResult, year int, format string) error {
	change := func(s *float64) string {
		if s == nil || base == nil {
			return ""
		}
		return fmt.Sprintf("%+.2f", *s-*base)
	}
	type row struct{ name, score, change, err string }
	rows := []row{{"(base)", lang.Percent(base), "", ""}}
	for _, r := range results {
		if r.Result == nil {
			msg := "errors in the data"
			if r.Err != nil {
				msg = r.Err.Error()
			}
			rows = append(rows, row{r.Name, "", "", msg})
			continue
		}
		rows = append(rows, row{r.Name, lang.Percent(r.Result.Root.Score), change(r.Result.Root.Score), ""})
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
