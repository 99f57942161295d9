package render

import (
	"cmp"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io"
	"math"
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
// their years, from the records as they come. It keeps, per body, its
// name and mean score only, in a few flat slices (the names one after
// another in one buffer): about 12 bytes and the name per body, so that a
// batch of 100,000 bodies ranks them in a megabyte or two.
type BatchRanking struct {
	names  []byte    // every body's name, one after another, in the order of Add
	ends   []uint32  // where each body's name ends in names
	means  []float64 // each body's mean score over its years with a score
	scored []uint64  // a bit per body: some year has a score (else the mean is N/D)
	failed []uint32  // the bodies that failed, by their place in the order of Add
}

// Add counts one body's records.
func (rk *BatchRanking) Add(body []piano.BodyYear) {
	if len(body) == 0 {
		return
	}
	name := body[0].Body
	if len(rk.names)+len(name) > math.MaxUint32 || len(rk.ends) == math.MaxUint32 {
		panic("piano batch: more bodies, or longer names, than the ranking holds (4 GiB)")
	}
	i := len(rk.ends)
	rk.names = append(rk.names, name...)
	rk.ends = append(rk.ends, uint32(len(rk.names)))
	if i%64 == 0 {
		rk.scored = append(rk.scored, 0)
	}
	mean, n := 0.0, 0
	if body[0].Err != "" {
		rk.failed = append(rk.failed, uint32(i))
	} else {
		for _, r := range body {
			if r.Score != nil {
				mean += *r.Score
				n++
			}
		}
	}
	if n > 0 {
		mean /= float64(n)
		rk.scored[i/64] |= 1 << (i % 64)
	}
	rk.means = append(rk.means, mean)
}

// name is the name of the i-th body added.
func (rk *BatchRanking) name(i uint32) string {
	start := uint32(0)
	if i > 0 {
		start = rk.ends[i-1]
	}
	return string(rk.names[start:rk.ends[i]])
}

// Write prints the bodies ranked, best first (in the order of Add among
// equals), then those that failed; it returns how many failed.
func (rk *BatchRanking) Write(w io.Writer) int {
	ok := make([]uint32, 0, len(rk.ends)-len(rk.failed))
	failed := rk.failed
	for i := range uint32(len(rk.ends)) {
		if len(failed) > 0 && failed[0] == i {
			failed = failed[1:]
			continue
		}
		ok = append(ok, i)
	}
	slices.SortStableFunc(ok, func(a, b uint32) int { return cmp.Compare(rk.means[b], rk.means[a]) })
	bodies := fmt.Sprintf("%d bodies", len(ok))
	if len(ok) == 1 {
		bodies = "1 body"
	}
	fmt.Fprintf(w, "Ranking of %s (mean score over the years evaluated):\n", bodies)
	for place, i := range ok {
		var mean *float64
		if rk.scored[i/64]&(1<<(i%64)) != 0 {
			mean = &rk.means[i]
		}
		fmt.Fprintf(w, "%4d. %s  %s\n", place+1, lang.Printable(rk.name(i)), lang.Percent(mean))
	}
	if len(rk.failed) > 0 {
		names := make([]string, len(rk.failed))
		for j, i := range rk.failed {
			names[j] = rk.name(i)
		}
		fmt.Fprintf(w, "Failed (%d): %s\n", len(rk.failed), lang.Printable(strings.Join(names, ", ")))
	}
	return len(rk.failed)
}
