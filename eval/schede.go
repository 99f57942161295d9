package eval

import (
	"fmt"
	"slices"
	"strings"

	"github.com/piano-plan/piano/data"
	"github.com/piano-plan/piano/lang"
	"github.com/piano-plan/piano/lang/check"
)

// SchedaResult is one owner's scheda scored for a year: the results of the
// nodes assigned to them (a weighted mean with the scheda's weights), the
// plan's overall score, the behaviour score mapped from the SMVP's scale
// to a percentage, and the weighted mean of the three. A part without a
// score is left out and the others renormalised, and LeftOut says so.
type SchedaResult struct {
	Scheda         *check.Scheda
	Results        *float64 // percent
	Organisational *float64
	Behaviour      *data.Datum // as the data give it, on the scale
	Behaviours     *float64    // percent
	Score          *float64
	Band           *check.Band
	LeftOut        []string // parts left out: "results", "organisational", "behaviours"
	Lines          []string // how the score came about, for explain
}

// schede scores every scheda of the plan.
func (e *Evaluator) schede(values *Data, r *Result) {
	for _, s := range e.plan.Schede {
		sr := &SchedaResult{Scheda: s}
		say := func(format string, args ...any) { sr.Lines = append(sr.Lines, fmt.Sprintf(format, args...)) }
		var terms, weights []string
		var sum, wsum float64
		part := func(name string, w float64, score *float64) {
			switch {
			case w == 0:
			case score == nil:
				sr.LeftOut = append(sr.LeftOut, name)
			default:
				sum += w * *score
				wsum += w
				terms = append(terms, fmt.Sprintf("%s x %s", num(w), num(*score)))
				weights = append(weights, num(w))
			}
		}
		if s.Results > 0 {
			var rs, rw float64
			var rt, rws []string
			for _, a := range s.Assigned {
				n := r.Find(a.Node.Code)
				from := "its weight in the scheda"
				if a.PlanWeight {
					from = "the plan's weight " + num(a.Node.Weight) + "%, renormalised"
				}
				if n == nil || n.Score == nil {
					say("  %s: weight %s%% (%s), no score: left out", a.Node.Code, num(a.Weight), from)
					continue
				}
				say("  %s: weight %s%% (%s), score %s", a.Node.Code, num(a.Weight), from, lang.Percent(n.Score))
				rs += a.Weight * *n.Score
				rw += a.Weight
				rt = append(rt, fmt.Sprintf("%s x %s", num(a.Weight), num(*n.Score)))
				rws = append(rws, num(a.Weight))
			}
			if rw > 0 {
				v := rs / rw
				sr.Results = &v
				say("results: (%s) / (%s) = %s", strings.Join(rt, " + "), strings.Join(rws, " + "), lang.Percent(&v))
			} else {
				say("results: no assigned node has a score")
			}
		}
		if s.Organisational > 0 {
			sr.Organisational = r.Root.Score
			say("organisational performance: the plan's score, %s", lang.Percent(r.Root.Score))
		}
		if s.Behaviours > 0 {
			if v, ok := values.Behaviour(s.Code, r.Year); ok {
				sr.Behaviour = &v
				p := (v.Number - s.Low) / (s.High - s.Low) * 100
				sr.Behaviours = &p
				say("behaviours: %s on the scale %s..%s, (%s - %s) / (%s - %s) = %s (from %s)", num(v.Number), num(s.Low), num(s.High),
					num(v.Number), num(s.Low), num(s.High), num(s.Low), lang.Percent(&p), v.Where())
			} else {
				say("behaviours: no data file gives a score for %d: left out", r.Year)
			}
		}
		part("results", s.Results, sr.Results)
		part("organisational", s.Organisational, sr.Organisational)
		part("behaviours", s.Behaviours, sr.Behaviours)
		if wsum > 0 {
			v := sum / wsum
			sr.Score = &v
			renorm := ""
			if len(sr.LeftOut) > 0 {
				renorm = " (renormalised: " + strings.Join(sr.LeftOut, ", ") + " left out)"
			}
			say("scheda: (%s) / (%s) = %s%s", strings.Join(terms, " + "), strings.Join(weights, " + "), lang.Percent(&v), renorm)
			if t := e.plan.BandsFor["schede"]; t != nil {
				sr.Band = t.BandOf(v, compare)
				if sr.Band != nil {
					say("%s", BandText(t, sr.Band, sr.Score))
				}
			}
		} else {
			say("no part of the scheda has a score, so it is N/D")
		}
		r.Schede = append(r.Schede, sr)
	}
}

// Differentiation is the distribution of the schede's scores (LG 5/2019
// asks that evaluations be differentiated): how many fall in each band of
// the schede's table, the lowest, median and highest score, and the share
// of schede in the top band.
type Differentiation struct {
	Scored           int // schede with a score
	Min, Median, Max *float64
	Bands            []BandCount // from the top band down; empty without a table
	TopShare         *float64    // percent of the scored schede in the top band
}

// BandCount is how many schede fall in one band.
type BandCount struct {
	Band  *check.Band
	Count int
}

// Differentiation summarises the schede's scores.
func (r *Result) Differentiation() *Differentiation {
	d := &Differentiation{}
	var scores []float64
	for _, s := range r.Schede {
		if s.Score != nil {
			scores = append(scores, *s.Score)
		}
	}
	d.Scored = len(scores)
	if len(scores) == 0 {
		return d
	}
	slices.Sort(scores)
	lo, hi := scores[0], scores[len(scores)-1]
	med := scores[len(scores)/2]
	if len(scores)%2 == 0 {
		med = (scores[len(scores)/2-1] + scores[len(scores)/2]) / 2
	}
	d.Min, d.Median, d.Max = &lo, &med, &hi
	if t := r.Plan.BandsFor["schede"]; t != nil {
		for i := len(t.Bands) - 1; i >= 0; i-- {
			bc := BandCount{Band: t.Bands[i]}
			for _, s := range r.Schede {
				if s.Band == t.Bands[i] {
					bc.Count++
				}
			}
			d.Bands = append(d.Bands, bc)
		}
		top := float64(d.Bands[0].Count) / float64(d.Scored) * 100
		d.TopShare = &top
	}
	return d
}

// Scheda returns the scored scheda with the given code, or nil.
func (r *Result) Scheda(code string) *SchedaResult {
	for _, s := range r.Schede {
		if s.Scheda.Code == code {
			return s
		}
	}
	return nil
}
