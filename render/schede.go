package render

import (
	"bytes"
	"encoding/csv"
	"fmt"
	"io"
	"strings"
	"text/tabwriter"

	"github.com/piano-plan/piano/eval"
	"github.com/piano-plan/piano/lang"
)

// EvalScheda is one owner's scheda as data: the scores of its three parts
// (results, organisational, behaviours; null when left out or not in the
// scheda), the behaviour score as the data give it, the scheda's score
// and band, and the assigned nodes with their weights and scores.
type EvalScheda struct {
	Code           string        `json:"code" yaml:"code"`
	Name           string        `json:"name" yaml:"name"`
	Score          *Num          `json:"score" yaml:"score"`
	Band           *EvalBand     `json:"band,omitempty" yaml:"band,omitempty"`
	Results        *Num          `json:"results" yaml:"results"`
	Organisational *Num          `json:"organisational" yaml:"organisational"`
	Behaviours     *Num          `json:"behaviours" yaml:"behaviours"`
	BehaviourScore *Num          `json:"behaviour_score" yaml:"behaviour_score"`
	Weights        SchedaWeights `json:"weights" yaml:"weights"`
	Assigned       []SchedaNode  `json:"assigned" yaml:"assigned"`
	LeftOut        []string      `json:"left_out,omitempty" yaml:"left_out,omitempty"`
}

// SchedaWeights are the weights of a scheda's parts, percent.
type SchedaWeights struct {
	Results        Num `json:"results" yaml:"results"`
	Organisational Num `json:"organisational" yaml:"organisational"`
	Behaviours     Num `json:"behaviours" yaml:"behaviours"`
}

// SchedaNode is a node assigned to a scheda: its weight in the scheda's
// results and its score.
type SchedaNode struct {
	Code   string `json:"code" yaml:"code"`
	Weight Num    `json:"weight" yaml:"weight"`
	Score  *Num   `json:"score" yaml:"score"`
}

// EvalDifferentiation is the distribution of the schede's scores.
type EvalDifferentiation struct {
	Scored   int          `json:"scored" yaml:"scored"`
	Min      *Num         `json:"min" yaml:"min"`
	Median   *Num         `json:"median" yaml:"median"`
	Max      *Num         `json:"max" yaml:"max"`
	Bands    []EvalBandOf `json:"bands,omitempty" yaml:"bands,omitempty"`
	TopShare *Num         `json:"top_share" yaml:"top_share"`
}

// EvalBandOf is how many schede fall in a band.
type EvalBandOf struct {
	Code  string `json:"code" yaml:"code"`
	Count int    `json:"count" yaml:"count"`
}

func newEvalSchede(r *eval.Result) ([]*EvalScheda, *EvalDifferentiation) {
	if len(r.Plan.Schede) == 0 {
		return nil, nil
	}
	var out []*EvalScheda
	for _, s := range r.Schede {
		sc := s.Scheda
		es := &EvalScheda{Code: sc.Code, Name: sc.Name, Score: figure(s.Score), Results: figure(s.Results),
			Organisational: figure(s.Organisational), Behaviours: figure(s.Behaviours), LeftOut: s.LeftOut,
			Weights:  SchedaWeights{Results: Num(sc.Results), Organisational: Num(sc.Organisational), Behaviours: Num(sc.Behaviours)},
			Assigned: []SchedaNode{}}
		if s.Behaviour != nil {
			es.BehaviourScore = figure(&s.Behaviour.Number)
		}
		if s.Band != nil {
			t := r.Plan.BandsFor["schede"]
			es.Band = &EvalBand{Table: t.Name, Code: s.Band.Code, Label: s.Band.Label}
			if s.Band.Payout != nil {
				es.Band.Payout = figure(s.Band.Payout)
			}
		}
		for _, a := range sc.Assigned {
			var score *float64
			if n := r.Find(a.Node.Code); n != nil {
				score = n.Score
			}
			es.Assigned = append(es.Assigned, SchedaNode{Code: a.Node.Code, Weight: Num(a.Weight), Score: figure(score)})
		}
		out = append(out, es)
	}
	d := r.Differentiation()
	ed := &EvalDifferentiation{Scored: d.Scored, Min: figure(d.Min), Median: figure(d.Median), Max: figure(d.Max), TopShare: figure(d.TopShare)}
	for _, b := range d.Bands {
		ed.Bands = append(ed.Bands, EvalBandOf{Code: b.Band.Code, Count: b.Count})
	}
	return out, ed
}

// schedaRow is one scheda flattened for tables, CSV and Markdown.
type schedaRow struct {
	code, name, results, org, beh, score, band string
}

func schedaRows(r *eval.Result) []schedaRow {
	var out []schedaRow
	for _, s := range r.Schede {
		rw := schedaRow{code: s.Scheda.Code, name: s.Scheda.Name, score: lang.Percent(s.Score)}
		part := func(w float64, v *float64) string {
			if w == 0 {
				return ""
			}
			return lang.Percent(v) + " × " + lang.Figure(w) + "%"
		}
		rw.results = part(s.Scheda.Results, s.Results)
		rw.org = part(s.Scheda.Organisational, s.Organisational)
		rw.beh = part(s.Scheda.Behaviours, s.Behaviours)
		if s.Behaviour != nil && rw.beh != "" {
			rw.beh += " (" + lang.Figure(s.Behaviour.Number) + ")"
		}
		if s.Band != nil {
			rw.band = s.Band.Code
		}
		out = append(out, rw)
	}
	return out
}

// differentiationLines are the summary of the schede's scores in words.
func differentiationLines(r *eval.Result) []string {
	d := r.Differentiation()
	if d.Scored == 0 {
		return []string{"No scheda has a score."}
	}
	lines := []string{fmt.Sprintf("Differentiation: %d schede scored; lowest %s, median %s, highest %s", d.Scored,
		lang.Percent(d.Min), lang.Percent(d.Median), lang.Percent(d.Max))}
	if len(d.Bands) > 0 {
		var parts []string
		for _, b := range d.Bands {
			parts = append(parts, fmt.Sprintf("%s %d", b.Band.Code, b.Count))
		}
		lines = append(lines, "By band: "+strings.Join(parts, ", ")+fmt.Sprintf("; %s in the top band (%s)", lang.Percent(d.TopShare), d.Bands[0].Band.Code))
	}
	return lines
}

// SchedeTable prints every scheda with its parts, score and band, then the
// differentiation summary.
func SchedeTable(w io.Writer, r *eval.Result) error {
	var b bytes.Buffer
	tw := tabwriter.NewWriter(&b, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "SCHEDA\tNAME\tRESULTS\tORGANISATIONAL\tBEHAVIOURS\tSCORE\tBAND")
	for _, rw := range schedaRows(r) {
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\t%s\t%s\n", printable(rw.code), printable(shorten(rw.name, 40)), rw.results, rw.org, rw.beh, rw.score, printable(rw.band))
	}
	tw.Flush()
	for _, line := range strings.SplitAfter(b.String(), "\n") {
		io.WriteString(w, strings.TrimRight(line, " \n"))
		if strings.HasSuffix(line, "\n") {
			io.WriteString(w, "\n")
		}
	}
	fmt.Fprintln(w)
	for _, l := range differentiationLines(r) {
		fmt.Fprintln(w, printable(l))
	}
	return nil
}

// SchedeCSV prints one row per scheda: the parts' scores and weights, the
// behaviour score as given, the score and the band.
func SchedeCSV(w io.Writer, r *eval.Result) error {
	cw := csv.NewWriter(w)
	cw.Write([]string{"scheda", "name", "results", "results_weight", "organisational", "organisational_weight", "behaviours", "behaviours_weight", "behaviour_score", "score", "band"})
	bare := func(v *float64) string {
		if v == nil {
			return ""
		}
		return strings.TrimSuffix(lang.Percent(v), "%")
	}
	for _, s := range r.Schede {
		sc := s.Scheda
		beh, band := "", ""
		if s.Behaviour != nil {
			beh = lang.Figure(s.Behaviour.Number)
		}
		if s.Band != nil {
			band = s.Band.Code
		}
		cw.Write([]string{sc.Code, sc.Name, bare(s.Results), lang.Figure(sc.Results), bare(s.Organisational), lang.Figure(sc.Organisational),
			bare(s.Behaviours), lang.Figure(sc.Behaviours), beh, bare(s.Score), band})
	}
	cw.Flush()
	return cw.Error()
}

// SchedeMarkdown prints the schede as a Markdown table and the
// differentiation summary.
func SchedeMarkdown(w io.Writer, r *eval.Result) error {
	fmt.Fprintf(w, "## %s — %d: schede\n\n", mdText(r.Root.Node.Name), r.Year)
	fmt.Fprintln(w, "| scheda | name | results | organisational | behaviours | score | band |")
	fmt.Fprintln(w, "|---|---|---:|---:|---:|---:|---|")
	for _, rw := range schedaRows(r) {
		fmt.Fprintf(w, "| %s | %s | %s | %s | %s | %s | %s |\n", mdText(rw.code), mdText(rw.name), rw.results, rw.org, rw.beh, rw.score, mdText(rw.band))
	}
	fmt.Fprintln(w)
	for _, l := range differentiationLines(r) {
		fmt.Fprintln(w, mdText(l)+"\n")
	}
	return nil
}

// SchedaExplainText prints how one scheda's score came about.
func SchedaExplainText(w io.Writer, r *eval.Result, s *eval.SchedaResult) error {
	fmt.Fprintf(w, "scheda %s %s, %d: score %s\n", printable(s.Scheda.Code), printable(fmt.Sprintf("%q", s.Scheda.Name)), r.Year, lang.Percent(s.Score))
	for _, l := range s.Lines {
		fmt.Fprintln(w, "  "+printable(l))
	}
	return nil
}
