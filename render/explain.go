package render

import (
	"fmt"
	"io"

	"github.com/piano-plan/piano/data"
	"github.com/piano-plan/piano/eval"
	"github.com/piano-plan/piano/lang"
	"github.com/piano-plan/piano/lang/ast"
)

// ExplainReport is the JSON shape of an eval.Explanation (piano explain
// --format json; schema piano.explain/v1, schema/explain.json). Scores are
// rounded as in the eval JSON; steps are the sentences the text output
// prints, and the other fields give the same steps as numbers.
type ExplainReport struct {
	Schema       string            `json:"schema"`
	Code         string            `json:"code"`
	Kind         string            `json:"kind"`
	Name         string            `json:"name"`
	Year         int               `json:"year"`
	At           Place             `json:"at"`             // where the node is defined
	Band         *EvalBand         `json:"band,omitempty"` // the band of the score, when the level has a table
	Score        *Num              `json:"score"`
	PlanScore    *Num              `json:"plan_score"`
	Contribution *Num              `json:"contribution"` // points added to the plan's score
	Steps        []string          `json:"steps"`
	Indicator    *ExplainIndicator `json:"indicator"` // null for a weighted mean
	Children     []ExplainChild    `json:"children"`  // null for an indicator
	Shares       []ExplainShare    `json:"shares"`
	Diagnostics  []JSONDiagnostic  `json:"diagnostics"`
}

// Place is where a value was read: a data file, line and column.
type Place struct {
	File   string `json:"file"`
	Line   int    `json:"line"`
	Column int    `json:"column"`
}

// ExplainIndicator is how an indicator's value and achievement came about.
type ExplainIndicator struct {
	Indicator   string          `json:"indicator"` // the definition's code (a use shows another's)
	Unit        string          `json:"unit"`
	Formula     *string         `json:"formula"`
	From        *string         `json:"from"` // "data" (given directly) or "formula"; null without a value
	Value       *Num            `json:"value"`
	ValueDate   *string         `json:"value_date,omitempty"`
	ValueStatus string          `json:"value_status"`
	At          *Place          `json:"at"` // where a value given directly was read
	Drivers     []ExplainDriver `json:"drivers"`
	Target      *Target         `json:"target"`
	Scoring     *ExplainScoring `json:"scoring"` // null when not scored
	Achievement *Num            `json:"achievement"`
	Status      string          `json:"status"`
	Reason      string          `json:"reason,omitempty"`
}

// ExplainDriver is one input of a formula.
type ExplainDriver struct {
	Code        string  `json:"code"`
	Value       *Num    `json:"value"`
	ValueDate   *string `json:"value_date,omitempty"`
	ValueStatus string  `json:"value_status"`
	From        string  `json:"from"` // "data", or the formula it is derived by
	At          *Place  `json:"at"`   // null for a derived driver
	Reason      string  `json:"reason,omitempty"`
}

// ExplainScoring is the policy's arithmetic as numbers.
type ExplainScoring struct {
	Policy      string   `json:"policy"`
	Achievement Num      `json:"achievement"` // rounded as every score
	Met         bool     `json:"met"`
	LateDays    int      `json:"late_days"`
	Steps       []string `json:"steps"`
}

// ExplainChild is one child of a weighted mean.
type ExplainChild struct {
	Code   string `json:"code"`
	Kind   string `json:"kind"`
	Weight Num    `json:"weight"`
	Score  *Num   `json:"score"`
	Share  Num    `json:"share"`  // effective share in the mean, percent
	Counts string `json:"counts"` // counted, counted_as_zero, monitored_only or left_out
}

// ExplainShare is one step of the way up to the plan.
type ExplainShare struct {
	Code         string   `json:"code"`
	Parent       string   `json:"parent"`
	Weight       Num      `json:"weight"`
	Share        Num      `json:"share"`
	Monitored    bool     `json:"monitored_only"`
	LeftOut      bool     `json:"left_out"`
	Renormalised []string `json:"renormalised"`
}

func place(d data.Datum) *Place {
	if d.File == "" {
		return nil
	}
	return &Place{File: d.File, Line: int(d.Source.Start.Line), Column: int(d.Source.Start.Column)}
}

// NewExplainReport returns x and the diagnostics of its run as data.
func NewExplainReport(x *eval.Explanation, ds lang.Diagnostics) *ExplainReport {
	out := &ExplainReport{Schema: SchemaExplain, Code: x.Code, Kind: x.Kind, Name: x.Name, Year: x.Year,
		At:    Place{File: x.File, Line: int(x.At.Start.Line), Column: int(x.At.Start.Column)},
		Band:  explainBand(x),
		Score: figure(x.Score), PlanScore: figure(x.Overall), Contribution: figure(x.Contribution),
		Steps: append(append([]string{}, x.Lines...), x.Path...), Shares: []ExplainShare{}, Diagnostics: diagnostics(ds)}
	if iv := x.Indicator; iv != nil {
		ind := iv.Indicator
		ei := &ExplainIndicator{Indicator: ind.Code, Unit: ind.Unit.String(), Drivers: []ExplainDriver{},
			Target: newTarget(iv.Target), Achievement: figure(iv.Achievement), Status: status(x.Status)}
		if ind.Def.Formula != nil {
			f := ast.FormatExpr(ind.Def.Formula.Expr)
			ei.Formula = &f
		}
		if iv.From != "" {
			from := iv.From
			ei.From = &from
		}
		ei.Value, ei.ValueDate, ei.ValueStatus = datumFields(iv.Value, len(iv.Absent) > 0)
		if iv.From == "data" {
			ei.At = place(iv.Value)
		}
		if iv.From != "data" {
			for _, d := range iv.Inputs {
				ed := ExplainDriver{Code: d.Code, From: d.From, Reason: d.Missing}
				ed.Value, ed.ValueDate, ed.ValueStatus = datumFields(d.Value, d.Absent)
				if d.From == "data" {
					ed.At = place(d.Value)
				}
				ei.Drivers = append(ei.Drivers, ed)
			}
		}
		if iv.Achievement != nil {
			ei.Scoring = &ExplainScoring{Policy: string(x.Policy.Kind), Achievement: *figure(&iv.Scoring.Achievement),
				Met: iv.Scoring.Met, LateDays: iv.Scoring.LateDays, Steps: append([]string{}, iv.Scoring.Steps...)}
		} else {
			ei.Reason = iv.Missing
		}
		out.Indicator = ei
	} else {
		out.Children = []ExplainChild{}
		for _, c := range x.Children {
			counts := "counted"
			switch {
			case c.Node.Weight == 0:
				counts = "monitored_only"
			case c.Score == nil && c.Share > 0:
				counts = "counted_as_zero"
			case c.Score == nil:
				counts = "left_out"
			}
			out.Children = append(out.Children, ExplainChild{Code: c.Node.Code, Kind: string(c.Node.Kind),
				Weight: Num(c.Node.Weight), Score: figure(c.Score), Share: *figure(&c.Share), Counts: counts})
		}
	}
	for _, s := range x.Shares {
		out.Shares = append(out.Shares, ExplainShare{Code: s.Code, Parent: s.Parent, Weight: Num(s.Weight),
			Share: *figure(&s.Share), Monitored: s.Monitored, LeftOut: s.LeftOut,
			Renormalised: append([]string{}, s.Renormalised...)})
	}
	return out
}

// ExplainJSON prints the explanation and the diagnostics of its run as
// JSON (ExplainReport).
func ExplainJSON(w io.Writer, x *eval.Explanation, ds lang.Diagnostics) error {
	return JSON(w, NewExplainReport(x, ds))
}

// ExplainText prints the explanation for people: its steps, the same as
// ExplainReport's.
func ExplainText(w io.Writer, x *eval.Explanation) error {
	fmt.Fprintf(w, "%s %s %q, %d: score %s\n", x.Kind, printable(x.Code), x.Name, x.Year, lang.Percent(x.Score))
	for _, l := range x.Lines {
		fmt.Fprintf(w, "  %s\n", printable(l))
	}
	for _, l := range x.Path {
		fmt.Fprintf(w, "  %s\n", printable(l))
	}
	return nil
}

// explainBand is the band of an explained node's score, as eval's JSON
// gives it.
func explainBand(x *eval.Explanation) *EvalBand {
	if x.Band == nil {
		return nil
	}
	b := &EvalBand{Table: x.BandTable, Code: x.Band.Code, Label: x.Band.Label}
	if x.Band.Payout != nil {
		b.Payout = figure(x.Band.Payout)
	}
	return b
}
