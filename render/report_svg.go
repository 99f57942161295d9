package render

import (
	"fmt"
	"math"
	"strings"

	"github.com/piano-plan/piano/data"
	"github.com/piano-plan/piano/eval"
	"github.com/piano-plan/piano/lang"
	"github.com/piano-plan/piano/lang/ast"
)

// The charts of the report are drawn here as plain numbers for the SVG of
// the template: coordinates are printed with one decimal, so the same
// result gives the same bytes.

type chartsView struct {
	Scores, Statuses, Outcomes *barChart
}

// barChart is a horizontal bar chart: one labelled bar per row.
type barChart struct {
	ID, Title, Desc string
	Width, Height   int
	LabelWidth      int
	Bars            []bar
	Ticks           []tick
	Bottom          string // y of the axis
}

type bar struct {
	Label, Value, Class, Indent string
	Y, TextY, W, ValueX         string
	width                       float64
}

type tick struct{ X, Label string }

const (
	chartWidth = 680
	barArea    = 300
	rowHeight  = 20
	chartTop   = 8
)

func px(x float64) string { return lang.Number(x, 1) }

func newCharts(r *eval.Result, statuses, outcomes []countRow) chartsView {
	var rows []bar
	var desc []string
	var scores []*float64
	for _, a := range r.Root.Children {
		rows = append(rows, bar{Label: a.Node.Code + " " + a.Node.Name, Class: scoreClass(a.Score)})
		scores = append(scores, a.Score)
		for _, o := range a.Children {
			rows = append(rows, bar{Label: o.Node.Code + " " + o.Node.Name, Class: scoreClass(o.Score), Indent: "1"})
			scores = append(scores, o.Score)
		}
	}
	top := 100.0
	for _, s := range scores {
		if s != nil && *s > top {
			top = *s
		}
	}
	for i := range rows {
		rows[i].Value = lang.Italian.Percent(scores[i])
		if scores[i] != nil {
			rows[i].width = math.Max(0, *scores[i]) / top * barArea
		}
		desc = append(desc, rows[i].Label+": "+rows[i].Value)
	}
	scoreChart := layout("grafico-punteggi", "Grado di raggiungimento per area e obiettivo strategico", desc, rows)
	for _, t := range []float64{0, 25, 50, 75, 100} {
		scoreChart.Ticks = append(scoreChart.Ticks, tick{X: px(float64(scoreChart.LabelWidth) + t/top*barArea), Label: lang.Italian.Number(t, 0) + "%"})
	}
	return chartsView{
		Scores:   scoreChart,
		Statuses: countChart("grafico-stati", "Distribuzione degli indicatori per esito", statuses),
		Outcomes: countChart("grafico-esiti", "Distribuzione degli obiettivi strategici e operativi per esito", outcomes),
	}
}

func countChart(id, title string, counts []countRow) *barChart {
	most := 1
	for _, c := range counts {
		most = max(most, c.N)
	}
	var rows []bar
	var desc []string
	for _, c := range counts {
		rows = append(rows, bar{Label: c.Label, Value: fmt.Sprint(c.N), Class: c.Class, width: float64(c.N) / float64(most) * barArea})
		desc = append(desc, fmt.Sprintf("%s: %d", c.Label, c.N))
	}
	return layout(id, title, desc, rows)
}

// layout places the bars one under the other.
func layout(id, title string, desc []string, rows []bar) *barChart {
	c := &barChart{ID: id, Title: title, Desc: strings.Join(desc, "; ") + ".", Width: chartWidth, LabelWidth: chartWidth - barArea - 80}
	for i := range rows {
		y := float64(chartTop + i*rowHeight)
		rows[i].Y = px(y + 3)
		rows[i].TextY = px(y + 14)
		rows[i].W = px(rows[i].width)
		rows[i].ValueX = px(float64(c.LabelWidth) + rows[i].width + 6)
		rows[i].Label = shorten(rows[i].Label, 52)
	}
	c.Bars = rows
	c.Bottom = px(float64(chartTop + len(rows)*rowHeight))
	c.Height = chartTop + len(rows)*rowHeight + 22
	return c
}

// sparkline is the baseline-to-actual trend of one indicator.
type sparkline struct {
	Title    string
	Points   string // the polyline
	LastX    string
	LastY    string
	TargetY  string // "" when the target is not one number
	Width    int
	Height   int
	HasTrend bool
}

// trendOf draws the baselines and the actual value of a numeric indicator,
// and its target as a dashed line; nil when there are fewer than two
// numbers to draw.
func trendOf(iv *eval.IndicatorValue, year int, rw *indicatorRow) *sparkline {
	ind := iv.Indicator
	type pt struct {
		year int
		v    float64
	}
	var pts []pt
	for _, y := range sortedYears(ind.Baselines) {
		if b := ind.Baselines[y]; b.Kind == ast.NumberValue && y < year {
			pts = append(pts, pt{y, b.Number.Value})
		}
	}
	if iv.Value.Kind != data.NumberDatum || ind.Unit.IsDate() {
		return nil
	}
	pts = append(pts, pt{year, iv.Value.Number})
	if len(pts) < 2 {
		return nil
	}
	lo, hi := math.Inf(1), math.Inf(-1)
	for _, p := range pts {
		lo, hi = math.Min(lo, p.v), math.Max(hi, p.v)
	}
	target := math.NaN()
	if t := iv.Target; t != nil && t.Op != ast.Between && t.Op != ast.By && t.Op != ast.NoTarget && t.Value.Kind == ast.NumberValue {
		target = t.Value.Number.Value
		lo, hi = math.Min(lo, target), math.Max(hi, target)
	}
	if hi == lo {
		hi, lo = hi+1, lo-1
	}
	const w, h, pad = 64, 24, 3
	xOf := func(i int) float64 { return pad + float64(i)*(w-2*pad)/float64(len(pts)-1) }
	yOf := func(v float64) float64 { return h - pad - (v-lo)/(hi-lo)*(h-2*pad) }
	var coords, words []string
	for i, p := range pts {
		coords = append(coords, px(xOf(i))+","+px(yOf(p.v)))
		words = append(words, fmt.Sprintf("%d %s", p.year, numberText(p.v, ind.Unit)))
	}
	s := &sparkline{Points: strings.Join(coords, " "), Width: w, Height: h,
		LastX: px(xOf(len(pts) - 1)), LastY: px(yOf(pts[len(pts)-1].v))}
	s.Title = "Andamento di " + rw.Code + ": " + strings.Join(words, ", ") + " (consuntivo)"
	if !math.IsNaN(target) {
		s.TargetY = px(yOf(target))
		s.Title += "; target " + rw.Target
	}
	return s
}
