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

// BatchWriter prints the records of piano batch as they come, one record
// per body and year: JSON Lines (one compact object a line) or, format
// "csv", CSV with a header. It holds no record: a batch of any size prints
// in the same memory.
type BatchWriter struct {
	w      io.Writer
	csv    *csv.Writer // nil for JSON Lines
	enc    *json.Encoder
	header bool
}

// NewBatchWriter returns a writer of batch records in format (jsonl or csv).
func NewBatchWriter(w io.Writer, format string) *BatchWriter {
	bw := &BatchWriter{w: w}
	if format == "csv" {
		bw.csv = csv.NewWriter(w)
	} else {
		bw.enc = json.NewEncoder(w)
		bw.enc.SetEscapeHTML(false)
	}
	return bw
}

// Write prints one body's records.
func (bw *BatchWriter) Write(body []piano.BodyYear) error {
	if bw.csv != nil && !bw.header {
		bw.header = true
		bw.csv.Write([]string{"body", "year", "score", "error"})
	}
	for _, r := range body {
		if bw.csv != nil {
			year, sc := "", ""
			if r.Year != 0 {
				year = fmt.Sprint(r.Year)
			}
			if r.Err == "" {
				sc = strings.TrimSuffix(lang.Percent(r.Score), "%")
			}
			bw.csv.Write([]string{r.Body, year, sc, r.Err})
			continue
		}
		rec := batchRecord{Body: r.Body}
		if r.Score != nil {
			s := lang.Rounded(*r.Score, lang.FigureDecimals)
			rec.Score = &s
		}
		if r.Year != 0 {
			y := r.Year
			rec.Year = &y
		}
		if r.Err != "" {
			e := r.Err
			rec.Error = &e
		}
		if err := bw.enc.Encode(rec); err != nil {
			return err
		}
	}
	if bw.csv != nil {
		bw.csv.Flush()
		return bw.csv.Error()
	}
	return nil
}

// Flush ends the output: the CSV header of a batch without records.
func (bw *BatchWriter) Flush() error {
	if bw.csv != nil && !bw.header {
		bw.header = true
		bw.csv.Write([]string{"body", "year", "score", "error"})
		bw.csv.Flush()
		return bw.csv.Error()
	}
	return nil
}

// BatchRanking ranks the bodies of piano batch by their mean score over
// their years, from the records as they come. It keeps, per body, its name
// and mean score only.
type BatchRanking struct {
	ok     []rankedBody
	failed []string
}

type rankedBody struct {
	body string
	mean float64
	n    int // years with a score
}

// Add counts one body's records.
func (rk *BatchRanking) Add(body []piano.BodyYear) {
	if len(body) == 0 {
		return
	}
	if body[0].Err != "" {
		rk.failed = append(rk.failed, body[0].Body)
		return
	}
	b := rankedBody{body: body[0].Body}
	for _, r := range body {
		if r.Score != nil {
			b.mean += *r.Score
			b.n++
		}
	}
	if b.n > 0 {
		b.mean /= float64(b.n)
	}
	rk.ok = append(rk.ok, b)
}

// Write prints the bodies ranked, best first, then those that failed; it
// returns how many failed.
func (rk *BatchRanking) Write(w io.Writer) int {
	ok := rk.ok
	slices.SortStableFunc(ok, func(a, b rankedBody) int { return cmp.Compare(b.mean, a.mean) })
	bodies := fmt.Sprintf("%d bodies", len(ok))
	if len(ok) == 1 {
		bodies = "1 body"
	}
	fmt.Fprintf(w, "Ranking of %s (mean score over the years evaluated):\n", bodies)
	for i, b := range ok {
		mean := &b.mean
		if b.n == 0 {
			mean = nil
		}
		fmt.Fprintf(w, "%4d. %s  %s\n", i+1, lang.Printable(b.body), lang.Percent(mean))
	}
	if len(rk.failed) > 0 {
		fmt.Fprintf(w, "Failed (%d): %s\n", len(rk.failed), lang.Printable(strings.Join(rk.failed, ", ")))
	}
	return len(rk.failed)
}
