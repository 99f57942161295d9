package render

import (
	"bytes"
	"crypto/sha256"
	_ "embed"
	"encoding/hex"
	"fmt"
	"html/template"
	"io"
	"math"
	"slices"
	"strings"
	"sync"

	"github.com/piano-plan/piano/data"
	"github.com/piano-plan/piano/eval"
	"github.com/piano-plan/piano/lang"
	"github.com/piano-plan/piano/lang/ast"
	"github.com/piano-plan/piano/lang/check"
	"github.com/piano-plan/piano/lang/format"
	"github.com/piano-plan/piano/lang/unit"
)

// ReportInput is what the Relazione sulla performance is printed from: the
// evaluated year and the provenance an OIV needs to recompute it.
type ReportInput struct {
	Result     *eval.Result
	Plan       *check.Plan  // the plan Result was evaluated from: its header and policies
	Version    string       // Piano's version, as the report names it
	Files      []ReportFile // the plan's and the data files, in the order read
	Monitoring bool         // a mid-year report: missing values are still to come
	// Diagnostics are the evaluation's, carried by the results' JSON.
	Diagnostics lang.Diagnostics
}

// ReportFile is one input file of the report, named as given; the report
// prints its SHA-256.
type ReportFile struct {
	Role string // "piano" or "dati"
	Name string
	Text []byte
}

//go:embed report.html.tmpl
var reportSource string

// reportTemplate is parsed on first use, not at start-up: every piano
// process would pay its parse (about 0.5 ms), and only piano report uses it.
var reportTemplate = sync.OnceValue(func() *template.Template {
	return template.Must(template.New("report").Parse(reportSource))
})

// Report prints the Relazione sulla performance as one self-contained HTML
// page in Italian: cover and summary, the albero della performance, per area
// and objective the table indicator | algorithm | target | actual | degree
// of achievement | scostamento | notes, charts as inline SVG, the schede per
// owner, and an appendix on the method and the provenance with the results
// as JSON. Nothing is fetched: CSS and SVG are inline and the page forbids
// every request (Content-Security-Policy). Every text of the plan is
// escaped by html/template. The same input gives the same bytes.
func Report(w io.Writer, in ReportInput) error {
	v, err := newReportView(in)
	if err != nil {
		return err
	}
	var b bytes.Buffer
	if err := reportTemplate().Execute(&b, v); err != nil {
		return err
	}
	_, err = w.Write(b.Bytes())
	return err
}

// reportView is the report laid out for the template: every number already
// printed the Italian way.
type reportView struct {
	Title, Body   string
	Year          int
	Monitoring    bool
	Score         string
	ScoreClass    string
	ScoreBand     string // "A — Eccellente": the band of the overall score, when the plan has one
	Indicators    int    // rows of the indicator tables
	StatusCounts  []countRow
	OutcomeCounts []countRow
	Tree          []*treeItem
	Areas         []*areaView
	Owners        []*ownerView
	Schede        []reportScheda // the schede the plan declares (scheda), with their scores
	Differ        *differView    // the differentiation summary of the schede
	Charts        chartsView
	Method        methodView
	Version       string
	Files         []fileView
	JSON          template.JS
}

type countRow struct {
	Label, Class string
	N            int
}

type treeItem struct {
	Code, Name, Kind, Weight, Score, Class, Band string
	Children                                     []*treeItem
}

type areaView struct {
	Code, Name, Weight, Score, Owner, Note, Band string
	Objectives                                   []*objectiveView
}

// objectiveView is a strategic objective with its own indicators and its
// operational objectives, or an operational objective with its indicators.
type objectiveView struct {
	Code, Name, Weight, Score, Owner, Note, Band string
	GroupWeight, OperationalWeight               string // the weights of the two groups of a strategic objective
	Rows                                         []*indicatorRow
	Operational                                  []*objectiveView
}

type indicatorRow struct {
	Code, Name, Algorithm, Formula, Weight string
	Baselines                              []string // "2018: 807"
	Target, Actual, Achievement            string
	Deviation, Status, StatusClass         string
	Notes                                  []note
	Trend                                  *sparkline
}

// note is one remark of a row; Lang is set ("en") when the text is eval's.
type note struct{ Text, Lang string }

type ownerView struct {
	Owner string
	Items []ownerItem
}

type reportScheda struct{ Code, Name, Results, Organisational, Behaviours, Score, Band string }

type differView struct {
	Scored                int
	Min, Median, Max, Top string
	Bands                 []countRow
}

type ownerItem struct{ Code, Kind, Name, Weight, Score string }

type methodView struct {
	Policy, Missing string
	Bands           []string // each band table: its name, levels and bands, in Italian
	Policies        []policyUse
}

type policyUse struct{ Code, Name, Policy string }

type fileView struct{ Role, Name, SHA256 string }

func newReportView(in ReportInput) (*reportView, error) {
	r := in.Result
	if r == nil || r.Root == nil {
		return nil, fmt.Errorf("report: no result")
	}
	v := &reportView{Title: r.Root.Node.Name, Year: r.Year, Monitoring: in.Monitoring,
		Score: lang.Italian.Percent(r.Root.Score), ScoreClass: scoreClass(r.Root.Score), ScoreBand: bandOf(r.Root), Version: in.Version}
	if v.Version == "" {
		v.Version = "(sviluppo)"
	}
	if p := in.Plan; p != nil && p.File != nil && p.File.Header.Body != nil {
		v.Body = p.File.Header.Body.Value.Value
	}
	owners := map[string]*ownerView{}
	for _, a := range r.Root.Children {
		v.Tree = append(v.Tree, treeOf(a))
		v.Areas = append(v.Areas, v.areaOf(a, in.Monitoring))
		collectOwners(a, owners, &v.Owners)
	}
	v.StatusCounts, v.OutcomeCounts = statusCounts(r, in.Monitoring), outcomeCounts(r)
	v.Schede, v.Differ = schedeOf(r)
	v.Charts = newCharts(r, v.StatusCounts, v.OutcomeCounts)
	v.Method = methodOf(r, in.Plan)
	for _, f := range in.Files {
		sum := sha256.Sum256(f.Text)
		v.Files = append(v.Files, fileView{Role: f.Role, Name: f.Name, SHA256: hex.EncodeToString(sum[:])})
	}
	var js bytes.Buffer
	if err := EvalJSON(&js, r, in.Diagnostics); err != nil {
		return nil, err
	}
	// In JSON, <, > and & occur only inside strings, where their \u
	// escapes mean the same: the block cannot end the script element.
	v.JSON = template.JS(strings.NewReplacer("<", `\u003c`, ">", `\u003e`, "&", `\u0026`).Replace(js.String()))
	return v, nil
}

func treeOf(n *eval.NodeResult) *treeItem {
	t := &treeItem{Code: n.Node.Code, Name: n.Node.Name, Kind: kindLabel(n.Node.Kind),
		Weight: weightText(n.Node.Weight), Score: lang.Italian.Percent(n.Score), Class: scoreClass(n.Score), Band: bandOf(n)}
	for _, c := range n.Children {
		switch c.Node.Kind {
		case check.KindIndicator:
			continue // the tables show them
		case check.KindIndicators, check.KindOperational:
			g := treeOf(c)
			g.Code, g.Name = "", "" // a group: its kind names it
			t.Children = append(t.Children, g)
		default:
			t.Children = append(t.Children, treeOf(c))
		}
	}
	return t
}

func (v *reportView) areaOf(a *eval.NodeResult, monitoring bool) *areaView {
	owner, nt := fieldsOf(a.Node)
	av := &areaView{Code: a.Node.Code, Name: a.Node.Name, Weight: weightText(a.Node.Weight),
		Score: lang.Italian.Percent(a.Score), Owner: owner, Note: nt, Band: bandOf(a)}
	for _, c := range a.Children {
		av.Objectives = append(av.Objectives, v.objectiveOf(c, monitoring))
	}
	return av
}

func (v *reportView) objectiveOf(o *eval.NodeResult, monitoring bool) *objectiveView {
	owner, nt := fieldsOf(o.Node)
	ov := &objectiveView{Code: o.Node.Code, Name: o.Node.Name, Weight: weightText(o.Node.Weight),
		Score: lang.Italian.Percent(o.Score), Owner: owner, Note: nt, Band: bandOf(o)}
	for _, c := range o.Children {
		switch c.Node.Kind {
		case check.KindIndicator:
			ov.Rows = append(ov.Rows, v.rowOf(c, monitoring))
		case check.KindIndicators:
			ov.GroupWeight = weightText(c.Node.Weight)
			for _, i := range c.Children {
				ov.Rows = append(ov.Rows, v.rowOf(i, monitoring))
			}
		case check.KindOperational:
			ov.OperationalWeight = weightText(c.Node.Weight)
			for _, op := range c.Children {
				ov.Operational = append(ov.Operational, v.objectiveOf(op, monitoring))
			}
		default:
			ov.Operational = append(ov.Operational, v.objectiveOf(c, monitoring))
		}
	}
	return ov
}

// fieldsOf returns the owner and the note a node's statement carries.
func fieldsOf(n *check.Node) (owner, note string) {
	var f *ast.Fields
	switch s := n.Src.(type) {
	case *ast.Area:
		f = &s.Fields
	case *ast.Objective:
		f = &s.Fields
	case *ast.Group:
		f = &s.Fields
	case *ast.Indicator:
		f = &s.Fields
	}
	if f == nil && n.Indicator != nil && n.Indicator.Def != nil {
		f = &n.Indicator.Def.Fields
	}
	if f == nil {
		return "", ""
	}
	if f.Owner != nil {
		owner = f.Owner.Value.Value
	}
	if f.Note != nil {
		note = f.Note.Value.Value
	}
	return owner, note
}

func (v *reportView) rowOf(n *eval.NodeResult, monitoring bool) *indicatorRow {
	v.Indicators++
	rw := &indicatorRow{Code: n.Node.Code, Name: n.Node.Name, Weight: weightText(n.Node.Weight),
		Achievement: "N/D", Status: statusLabel(n.Status, monitoring), StatusClass: statusClass(n.Status)}
	iv := n.Indicator
	if iv == nil {
		return rw
	}
	ind := iv.Indicator
	if ind.Def != nil {
		if ind.Def.Algorithm != nil {
			rw.Algorithm = ind.Def.Algorithm.Value.Value
		}
		if ind.Def.Formula != nil {
			rw.Formula = ast.FormatExpr(ind.Def.Formula.Expr)
		}
	}
	u := ind.Unit
	for _, y := range sortedYears(ind.Baselines) {
		rw.Baselines = append(rw.Baselines, fmt.Sprintf("%d: %s", y, valueText(*ind.Baselines[y], u)))
	}
	rw.Target = targetText(iv.Target, u)
	rw.Actual = datumText(iv.Value, u)
	rw.Achievement = lang.Italian.Percent(iv.Achievement)
	rw.Deviation = deviation(iv, u)
	rw.Notes = notesOf(n, v.Year, monitoring)
	rw.Trend = trendOf(iv, v.Year, rw)
	return rw
}

func sortedYears(m map[int]*ast.Value) []int {
	var ys []int
	for y := range m {
		ys = append(ys, y)
	}
	slices.Sort(ys)
	return ys
}

// numberText prints a number of unit u: 2.500, 54,16%, 472.300,50 €, 12 gg.
func numberText(x float64, u unit.Unit) string {
	switch {
	case u == unit.Pct:
		return lang.Italian.Number(x, 2) + "%"
	case u == unit.EUR:
		return lang.Italian.Euro(x)
	case u == unit.N || u.IsRatio():
		return lang.Italian.Number(x, lang.FigureDecimals)
	}
	return lang.Italian.Number(x, lang.FigureDecimals) + "\u00a0" + u.String()
}

// valueText prints a baseline or a target bound.
func valueText(v ast.Value, u unit.Unit) string {
	switch v.Kind {
	case ast.NotAvailable:
		return "N/D"
	case ast.DateValue:
		return lang.Italian.Date(v.Date)
	}
	if v.Percent && u != unit.Pct {
		return lang.Italian.Number(v.Number.Value, 2) + "%"
	}
	return numberText(v.Number.Value, u)
}

// targetText prints a target: ≥ 900, ≤ 30 gg, da 10 a 20, entro 31/10/2021.
func targetText(t *ast.Target, u unit.Unit) string {
	if t == nil {
		return "—"
	}
	switch t.Op {
	case ast.NoTarget:
		return "N/D"
	case ast.By:
		return "entro il " + valueText(t.Value, u)
	case ast.Between:
		return "da " + valueText(t.Value, u) + " a " + valueText(*t.High, u)
	case ast.AtLeast:
		return "≥ " + valueText(t.Value, u)
	case ast.AtMost:
		return "≤ " + valueText(t.Value, u)
	case ast.Equal:
		return "= " + valueText(t.Value, u)
	}
	return format.Target(*t)
}

// datumText prints an actual value.
func datumText(d data.Datum, u unit.Unit) string {
	switch d.Kind {
	case data.NumberDatum:
		return numberText(d.Number, u)
	case data.DateDatum:
		return lang.Italian.Date(d.Date)
	case data.NotDoneDatum:
		return "non svolto"
	}
	return "N/D"
}

// deviation is the scostamento: the actual value less the target's bound
// (the nearer bound of a range, 0 inside it), in the indicator's unit,
// percentage points for percentages; for a deadline, the days after (+) or
// before (−) the date. Empty when either side is not a number or a date.
func deviation(iv *eval.IndicatorValue, u unit.Unit) string {
	t, d := iv.Target, iv.Value
	if t == nil || t.Op == ast.NoTarget {
		return ""
	}
	if t.Op == ast.By {
		if d.Kind != data.DateDatum || t.Value.Kind != ast.DateValue {
			return ""
		}
		days := int(math.Round(d.Date.Sub(t.Value.Date).Hours() / 24))
		return signed(float64(days), func(x float64) string { return lang.Italian.Number(x, 0) + "\u00a0gg" })
	}
	if d.Kind != data.NumberDatum || t.Value.Kind != ast.NumberValue {
		return ""
	}
	dev := d.Number - t.Value.Number.Value
	if t.Op == ast.Between {
		switch {
		case t.High == nil || t.High.Kind != ast.NumberValue:
			return ""
		case d.Number < t.Value.Number.Value:
		case d.Number > t.High.Number.Value:
			dev = d.Number - t.High.Number.Value
		default:
			dev = 0
		}
	}
	if u == unit.Pct || t.Value.Percent {
		return signed(dev, func(x float64) string { return lang.Italian.Number(x, 2) + "\u00a0p.p." })
	}
	return signed(dev, func(x float64) string { return numberText(x, u) })
}

// signed prints x with its sign: +12, −120 (a minus sign, not a hyphen), 0.
func signed(x float64, f func(float64) string) string {
	s := f(math.Abs(x))
	if s == f(0) {
		return s
	}
	if x < 0 {
		return "−" + s
	}
	return "+" + s
}

// notesOf explains a row: why it has no score, whether it is left out of
// the mean, a deadline met late, a weight of 0%.
func notesOf(n *eval.NodeResult, year int, monitoring bool) []note {
	iv := n.Indicator
	var out []note
	_, nt := fieldsOf(n.Node)
	if nt != "" {
		out = append(out, note{Text: nt})
	}
	switch n.Status {
	case eval.NotAssessed:
		out = append(out, note{Text: fmt.Sprintf("Nessun target per il %d: non valutato, escluso da ogni media.", year)})
	case eval.MissingData:
		what := "il dato"
		if len(iv.Absent) > 0 {
			what = strings.Join(iv.Absent, ", ")
		}
		if monitoring {
			out = append(out, note{Text: "Da rilevare: nessun file di dati fornisce ancora " + what + "."})
		} else {
			out = append(out, note{Text: "Dato mancante: nessun file di dati fornisce " + what + "."})
		}
	case eval.NotAvailable:
		var nd []string
		for _, in := range iv.Inputs {
			if in.Value.Kind == data.NotAvailableDatum {
				nd = append(nd, in.Code)
			}
		}
		if len(nd) > 0 {
			out = append(out, note{Text: "N/D: non è disponibile il dato di " + strings.Join(nd, ", ") + "."})
		} else if iv.Missing != "" {
			out = append(out, note{Text: "N/D: " + iv.Missing, Lang: "en"})
		}
	case eval.Monitored:
		out = append(out, note{Text: "Peso 0%: solo monitoraggio, non concorre al punteggio."})
	case eval.Neutralised:
		if nz := iv.Neutralised; nz != nil {
			out = append(out, note{Text: fmt.Sprintf("Sterilizzato per il %d: %s (decisione di %s). Escluso da ogni media, i pesi degli altri sono riproporzionati.", year, nz.Reason, nz.DecidedBy)})
		}
	}
	if iv != nil && iv.Value.Kind == data.NotDoneDatum {
		out = append(out, note{Text: "Attività non svolta: grado di raggiungimento 0%."})
	}
	if iv != nil && iv.Scoring.LateDays > 0 {
		out = append(out, note{Text: fmt.Sprintf("Completato con %d giorni di ritardo.", iv.Scoring.LateDays)})
	}
	if p := n.Parent; p != nil && slices.Contains(p.LeftOut, n.Node.Code) && n.Status != eval.NotAssessed && n.Status != eval.Neutralised {
		out = append(out, note{Text: "Escluso dal calcolo della media (" + leftOutLabel(n) + "): i pesi degli altri sono riproporzionati."})
	}
	return out
}

func leftOutLabel(n *eval.NodeResult) string {
	switch n.Status {
	case eval.NotAvailable:
		return "N/D"
	case eval.MissingData:
		return "dato mancante"
	case eval.NotAssessed:
		return "non valutato"
	case eval.Neutralised:
		return "sterilizzato"
	}
	return n.LeftOutAs()
}

// statusOrder lists the statuses in the order the report counts them.
var statusOrder = []eval.Status{eval.Achieved, eval.Partial, eval.Missed, eval.NotAvailable,
	eval.MissingData, eval.NotAssessed, eval.Neutralised, eval.Monitored}

func statusLabel(s eval.Status, monitoring bool) string {
	switch s {
	case eval.Achieved:
		return "raggiunto"
	case eval.Partial:
		return "parzialmente raggiunto"
	case eval.Missed:
		return "non raggiunto"
	case eval.NotAvailable:
		return "non disponibile (N/D)"
	case eval.MissingData:
		if monitoring {
			return "da rilevare"
		}
		return "dato mancante"
	case eval.NotAssessed:
		return "non valutato"
	case eval.Monitored:
		return "solo monitoraggio"
	case eval.Neutralised:
		return "sterilizzato"
	}
	return string(s)
}

func statusClass(s eval.Status) string {
	switch s {
	case eval.Achieved:
		return "ok"
	case eval.Partial:
		return "part"
	case eval.Missed:
		return "ko"
	}
	return "na"
}

// scoreClass colours a score: full, partial, zero or none.
func scoreClass(s *float64) string {
	switch {
	case s == nil:
		return "na"
	case eval.Fully(*s):
		return "ok"
	case *s <= 0:
		return "ko"
	}
	return "part"
}

func kindLabel(k check.Kind) string {
	switch k {
	case check.KindArea:
		return "Area strategica"
	case check.KindStrategic:
		return "Obiettivo strategico"
	case check.KindIndicators:
		return "Indicatori dell'obiettivo strategico"
	case check.KindOperational:
		return "Obiettivi operativi"
	case check.KindObjective:
		return "Obiettivo operativo"
	case check.KindIndicator:
		return "Indicatore"
	}
	return string(k)
}

func weightText(w float64) string { return lang.Italian.Figure(w) + "%" }

// statusCounts counts the indicator rows by status, in statusOrder, the
// statuses with no row left out.
func statusCounts(r *eval.Result, monitoring bool) []countRow {
	n := map[eval.Status]int{}
	walk(r.Root, func(x *eval.NodeResult) {
		if x.Node.Kind == check.KindIndicator {
			n[x.Status]++
		}
	})
	var out []countRow
	for _, s := range statusOrder {
		if n[s] > 0 {
			out = append(out, countRow{Label: statusLabel(s, monitoring), Class: statusClass(s), N: n[s]})
		}
	}
	return out
}

// outcomeCounts counts the strategic and operational objectives by outcome:
// fully achieved, partly, not at all, no score.
func outcomeCounts(r *eval.Result) []countRow {
	rows := []countRow{{Label: "raggiunto (100%)", Class: "ok"}, {Label: "parzialmente raggiunto", Class: "part"},
		{Label: "non raggiunto (0%)", Class: "ko"}, {Label: "non valutabile", Class: "na"}}
	walk(r.Root, func(x *eval.NodeResult) {
		if x.Node.Kind != check.KindStrategic && x.Node.Kind != check.KindObjective {
			return
		}
		switch scoreClass(x.Score) {
		case "ok":
			rows[0].N++
		case "part":
			rows[1].N++
		case "ko":
			rows[2].N++
		default:
			rows[3].N++
		}
	})
	return slices.DeleteFunc(rows, func(c countRow) bool { return c.N == 0 })
}

func walk(n *eval.NodeResult, f func(*eval.NodeResult)) {
	f(n)
	for _, c := range n.Children {
		walk(c, f)
	}
}

func collectOwners(n *eval.NodeResult, byOwner map[string]*ownerView, list *[]*ownerView) {
	walk(n, func(x *eval.NodeResult) {
		if x.Node.Kind == check.KindIndicators || x.Node.Kind == check.KindOperational {
			return
		}
		owner, _ := fieldsOf(x.Node)
		if owner == "" {
			return
		}
		o := byOwner[owner]
		if o == nil {
			o = &ownerView{Owner: owner}
			byOwner[owner] = o
			*list = append(*list, o)
		}
		o.Items = append(o.Items, ownerItem{Code: x.Node.Code, Kind: kindLabel(x.Node.Kind), Name: x.Node.Name,
			Weight: weightText(x.Node.Weight), Score: lang.Italian.Percent(x.Score)})
	})
	slices.SortStableFunc(*list, func(a, b *ownerView) int { return strings.Compare(a.Owner, b.Owner) })
}

func methodOf(r *eval.Result, p *check.Plan) methodView {
	m := methodView{Missing: "Un indicatore N/D, non valutato o senza dati è escluso dalla media del nodo che lo contiene; i pesi degli altri figli sono riproporzionati in modo da sommare al 100%."}
	if p == nil {
		return m
	}
	m.Policy = policyText(p.Scoring)
	for _, t := range p.Bands {
		var bands []string
		for _, b := range t.Bands {
			s := b.Code
			if b.Label != "" {
				s += " (" + b.Label + ")"
			}
			s += " da " + lang.Italian.Percent(&b.Low) + " a " + lang.Italian.Percent(&b.High)
			if b.Payout != nil {
				s += ", quota del premio " + lang.Italian.Percent(b.Payout)
			}
			bands = append(bands, s)
		}
		var levels []string
		for _, l := range t.Levels {
			if it, ok := levelNames[l]; ok {
				l = it
			}
			levels = append(levels, l)
		}
		m.Bands = append(m.Bands, t.Name+" ("+strings.Join(levels, ", ")+"): "+strings.Join(bands, "; "))
	}
	if p.MissingAsZero {
		m.Missing = "Un indicatore N/D conta 0% nella media del nodo che lo contiene (missing zero); un indicatore non valutato (senza target per l'anno) resta escluso."
	}
	walk(r.Root, func(x *eval.NodeResult) {
		if x.Node.Kind == check.KindPlan || x.Node.Policy.Src == nil || x.Node.Policy.Src == p.Scoring.Src {
			return
		}
		if par := x.Node.Parent; par != nil && par.Policy.Src == x.Node.Policy.Src {
			return // inherited
		}
		m.Policies = append(m.Policies, policyUse{Code: x.Node.Code, Name: x.Node.Name, Policy: policyText(x.Node.Policy)})
	})
	return m
}

// policyText says a scoring policy in Italian, with the plan's spelling.
func policyText(pol check.Policy) string {
	var s string
	switch pol.Kind {
	case check.Ratio:
		s = "rapporto tra consuntivo e target (per i target \"almeno\"), tra target e consuntivo (per i target \"al massimo\")"
	case check.Threshold:
		s = "soglia: 100% se il target è raggiunto, altrimenti 0%"
	case check.Linear:
		s = "lineare: la quota del percorso dall'ultima baseline al target"
	case check.Custom:
		s = "formula personalizzata"
	default:
		s = string(pol.Kind)
	}
	s += fmt.Sprintf("; grado massimo %s%%", lang.Italian.Figure(pol.Cap))
	if pol.Floor > 0 {
		s += fmt.Sprintf("; sotto il %s%% il grado è 0%%", lang.Italian.Figure(pol.Floor))
	}
	if pol.Late > 0 {
		s += fmt.Sprintf("; per le scadenze, %s%% in meno per ogni giorno di ritardo", lang.Italian.Figure(pol.Late))
	} else {
		s += "; una scadenza mancata vale 0%"
	}
	if pol.Src != nil {
		s += " (scoring " + format.Policy(pol.Src) + ")"
	}
	return s
}

// bandOf names the band that holds a node's score, "A — Eccellente", or
// "" when its level has no band table.
func bandOf(n *eval.NodeResult) string {
	if n.Band == nil {
		return ""
	}
	if n.Band.Label != "" {
		return n.Band.Code + " — " + n.Band.Label
	}
	return n.Band.Code
}

// levelNames are the levels a band table applies to, in Italian.
var levelNames = map[string]string{"indicators": "indicatori", "objectives": "obiettivi", "areas": "aree", "plan": "piano", "schede": "schede individuali"}

// schedeOf lays out the schede of individual performance and their
// differentiation summary; none when the plan declares no scheda.
func schedeOf(r *eval.Result) ([]reportScheda, *differView) {
	if len(r.Schede) == 0 {
		return nil, nil
	}
	var rows []reportScheda
	for _, s := range r.Schede {
		row := reportScheda{Code: s.Scheda.Code, Name: s.Scheda.Name, Results: lang.Italian.Percent(s.Results),
			Organisational: lang.Italian.Percent(s.Organisational), Behaviours: lang.Italian.Percent(s.Behaviours), Score: lang.Italian.Percent(s.Score)}
		if s.Band != nil {
			row.Band = s.Band.Code
			if s.Band.Label != "" {
				row.Band += " — " + s.Band.Label
			}
		}
		rows = append(rows, row)
	}
	d := r.Differentiation()
	dv := &differView{Scored: d.Scored, Min: lang.Italian.Percent(d.Min), Median: lang.Italian.Percent(d.Median),
		Max: lang.Italian.Percent(d.Max), Top: lang.Italian.Percent(d.TopShare)}
	for _, b := range d.Bands {
		label := b.Band.Code
		if b.Band.Label != "" {
			label += " — " + b.Band.Label
		}
		dv.Bands = append(dv.Bands, countRow{Label: label, N: b.Count})
	}
	return rows, dv
}
