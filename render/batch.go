package render

import (
	"cmp"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io"
	"slices"
	"strings"

	"github.com/piano-plan/piano"
	"github.com/piano-plan/piano/lang"
)

// batchRecord is one line of piano batch --format jsonl.
type batchRecord struct {
	Body  string   `json:"body"`
	Year  *int     `json:"year"`
	Score *float64 `json:"score"`
	Error *string  `json:"error"`
}

// BatchRecords prints one record per body and year of piano batch: JSON
// Lines (one compact object a line) or, format "csv", CSV.
func BatchRecords(w io.Writer, records [][]piano.BodyYear, format string) error {
	cw := csv.NewWriter(w)
	if format == "csv" {
		cw.Write([]string{"body", "year", "score", "error"})
	}
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	for _, body := range records {
		for _, r := range body {
			var score *float64
			if r.Score != nil {
				s := lang.Rounded(*r.Score, lang.FigureDecimals)
				score = &s
			}
			if format == "csv" {
				year, sc := "", ""
				if r.Year != 0 {
					year = fmt.Sprint(r.Year)
				}
				if r.Err == "" {
					sc = strings.TrimSuffix(lang.Percent(r.Score), "%")
				}
				cw.Write([]string{r.Body, year, sc, r.Err})
				continue
			}
			rec := batchRecord{Body: r.Body, Score: score}
			if r.Year != 0 {
				y := r.Year
				rec.Year = &y
			}
			if r.Err != "" {
				e := r.Err
				rec.Error = &e
			}
			if err := enc.Encode(rec); err != nil {
				return err
			}
		}
	}
	cw.Flush()
	return cw.Error()
}

// BatchRanking prints the bodies ranked by their mean score over their
// years, best first, then those that failed; it returns how many failed.
func BatchRanking(w io.Writer, records [][]piano.BodyYear) int {
	type ranked struct {
		body string
		mean float64
		n    int
	}
	var ok []ranked
	var failed []string
	for _, body := range records {
		if len(body) == 0 {
			continue
		}
		if body[0].Err != "" {
			failed = append(failed, body[0].Body)
			continue
		}
		rk := ranked{body: body[0].Body}
		for _, r := range body {
			if r.Score != nil {
				rk.mean += *r.Score
				rk.n++
			}
		}
		if rk.n > 0 {
			rk.mean /= float64(rk.n)
		}
		ok = append(ok, rk)
	}
	slices.SortStableFunc(ok, func(a, b ranked) int { return cmp.Compare(b.mean, a.mean) })
	bodies := fmt.Sprintf("%d bodies", len(ok))
	if len(ok) == 1 {
		bodies = "1 body"
	}
	fmt.Fprintf(w, "Ranking of %s (mean score over the years evaluated):\n", bodies)
	for i, rk := range ok {
		mean := &rk.mean
		if rk.n == 0 {
			mean = nil
		}
		fmt.Fprintf(w, "%4d. %s  %s\n", i+1, lang.Printable(rk.body), lang.Percent(mean))
	}
	if len(failed) > 0 {
		fmt.Fprintf(w, "Failed (%d): %s\n", len(failed), lang.Printable(strings.Join(failed, ", ")))
	}
	return len(failed)
}
