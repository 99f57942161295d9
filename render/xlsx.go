package render

import (
	"fmt"
	"io"
	"math"
	"strconv"
	"strings"

	"github.com/piano-plan/piano/data"
	"github.com/piano-plan/piano/eval"
	"github.com/piano-plan/piano/lang/ast"
	"github.com/piano-plan/piano/lang/check"
	"github.com/xuri/excelize/v2"
)

// ResultsSheet is the sheet of the results workbook that holds the tree.
const ResultsSheet = "Risultati"

// Columns of the results sheet.
const (
	colCode     = "A"
	colName     = "B"
	colKind     = "C"
	colWeight   = "D" // percent
	colValue    = "E"
	colUnit     = "F"
	colTarget   = "G" // as the plan writes it
	colLow      = "H" // the target's number or date (the low end of a range)
	colHigh     = "I" // the high end of a range
	colBaseline = "J"
	colRaw      = "K" // the achievement before cap, zero and floor
	colAchieved = "L"
	colScore    = "M"
	colStatus   = "N"
	colGap      = "O" // scostamento: value - target
	colNote     = "P"
)

// EvalXLSX writes r as a results workbook: one row per node of the tree,
// indented, with weight, value, target, achievement, score, status and
// scostamento, colours by status, and Excel formulas that recompute every
// achievement from the value, target and baseline cells and every roll-up
// as the weighted mean of the children's score cells, so that a controller
// or the OIV can audit the arithmetic without Piano. Which children count
// (N/D, missing, not assessed are left out) is Piano's decision, stated in
// the note column; a custom scoring policy is written as Piano's number.
func EvalXLSX(w io.Writer, r *eval.Result) error {
	f := excelize.NewFile()
	defer f.Close()
	x := &resultsWriter{f: f, r: r}
	if err := x.write(); err != nil {
		return err
	}
	_, err := f.WriteTo(w)
	return err
}

type resultsWriter struct {
	f      *excelize.File
	r      *eval.Result
	row    int
	err    error
	styles map[string]int
}

func (x *resultsWriter) set(cell string, v any) {
	if x.err == nil {
		x.err = x.f.SetCellValue(ResultsSheet, cell, v)
	}
}

func (x *resultsWriter) formula(cell, formula string) {
	if x.err == nil {
		x.err = x.f.SetCellFormula(ResultsSheet, cell, formula)
	}
}

func (x *resultsWriter) style(cell, name string) {
	if x.err == nil {
		x.err = x.f.SetCellStyle(ResultsSheet, cell, cell, x.styles[name])
	}
}

func (x *resultsWriter) write() error {
	f := x.f
	if err := f.SetSheetName("Sheet1", ResultsSheet); err != nil {
		return err
	}
	x.styles = map[string]int{}
	for name, st := range map[string]*excelize.Style{
		"header": {Font: &excelize.Font{Bold: true}, Fill: excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"D9E1F2"}}},
		"date":   {NumFmt: 14},
		"number": {CustomNumFmt: ptr("0.00")},
	} {
		id, err := f.NewStyle(st)
		if err != nil {
			return err
		}
		x.styles[name] = id
	}
	headers := []string{"Codice", "Nome", "Tipo", "Peso %", "Valore", "Unità", "Target", "Target (numero)", "Target (fino a)", "Baseline",
		"Raggiungimento grezzo %", "Raggiungimento %", "Punteggio %", "Stato", "Scostamento", "Note"}
	for i, h := range headers {
		cell, _ := excelize.CoordinatesToCellName(i+1, 1)
		x.set(cell, h)
		x.style(cell, "header")
	}
	x.row = 1
	x.node(x.r.Root, 0)
	if x.err != nil {
		return x.err
	}
	last := strconv.Itoa(x.row)
	for _, c := range []struct {
		status string
		color  string
	}{{string(eval.Achieved), "C6EFCE"}, {string(eval.Partial), "FFEB9C"}, {string(eval.Missed), "FFC7CE"}} {
		id, err := f.NewConditionalStyle(&excelize.Style{Fill: excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{c.color}}})
		if err != nil {
			return err
		}
		err = f.SetConditionalFormat(ResultsSheet, colStatus+"2:"+colStatus+last, []excelize.ConditionalFormatOptions{
			{Type: "cell", Criteria: "==", Value: strconv.Quote(c.status), Format: &id}})
		if err != nil {
			return err
		}
	}
	for col, width := range map[string]float64{colName: 48, colTarget: 18, colNote: 60, colStatus: 14} {
		if err := f.SetColWidth(ResultsSheet, col, col, width); err != nil {
			return err
		}
	}
	return f.SetPanes(ResultsSheet, &excelize.Panes{Freeze: true, YSplit: 1, TopLeftCell: "A2", ActivePane: "bottomLeft"})
}

// node writes n and its subtree and returns n's row.
func (x *resultsWriter) node(n *eval.NodeResult, depth int) int {
	x.row++
	row := x.row
	at := func(col string) string { return col + strconv.Itoa(row) }
	code := n.Node.Code
	if n.Parent == nil && code == "" {
		code = "PLAN" // as the CSV output names the plan
	}
	x.set(at(colCode), code)
	x.set(at(colName), n.Node.Name)
	if depth > 0 && x.err == nil {
		id, err := x.f.NewStyle(&excelize.Style{Alignment: &excelize.Alignment{Indent: depth}})
		if err == nil {
			err = x.f.SetCellStyle(ResultsSheet, at(colName), at(colName), id)
		}
		x.err = err
	}
	x.set(at(colKind), string(n.Node.Kind))
	x.set(at(colWeight), n.Node.Weight)
	if n.Indicator != nil {
		x.indicator(n, row)
		return row
	}
	var rows []int
	for _, c := range n.Children {
		rows = append(rows, x.node(c, depth+1))
	}
	var num, den []string
	for i, c := range n.Children {
		w := colWeight + strconv.Itoa(rows[i])
		switch {
		case c.Node.Weight == 0:
		case c.Share == 0:
		case c.Score == nil: // missing zero: counts as 0%
			den = append(den, w)
		default:
			num = append(num, w+"*"+colScore+strconv.Itoa(rows[i]))
			den = append(den, w)
		}
	}
	if n.Score == nil || len(den) == 0 {
		x.set(at(colScore), "N/D")
	} else {
		numer := strings.Join(num, "+")
		if numer == "" {
			numer = "0"
		}
		x.formula(at(colScore), "("+numer+")/("+strings.Join(den, "+")+")")
		x.style(at(colScore), "number")
	}
	if len(n.LeftOut) > 0 {
		x.set(at(colNote), "left out of the mean: "+strings.Join(n.LeftOut, ", "))
	}
	return row
}

// indicator writes an indicator's row.
func (x *resultsWriter) indicator(n *eval.NodeResult, row int) {
	iv := n.Indicator
	at := func(col string) string { return col + strconv.Itoa(row) }
	x.set(at(colUnit), iv.Indicator.Unit.String())
	x.set(at(colStatus), string(n.Status))
	switch iv.Value.Kind {
	case data.NumberDatum:
		x.set(at(colValue), eval.Round(iv.Value.Number)) // as Piano compares it: 57 for 57 / 100 * 100
	case data.DateDatum:
		x.set(at(colValue), iv.Value.Date)
		x.style(at(colValue), "date")
	default:
		if iv.From != "" || len(iv.Absent) == 0 {
			x.set(at(colValue), iv.Value.String())
		}
	}
	if iv.Target != nil {
		x.set(at(colTarget), target(iv.Target))
		x.bound(at(colLow), iv.Target.Value)
		if iv.Target.High != nil {
			x.bound(at(colHigh), *iv.Target.High)
		}
	}
	if !math.IsNaN(iv.Baseline) {
		x.set(at(colBaseline), eval.Round(iv.Baseline))
	}
	if iv.Achievement == nil {
		x.set(at(colScore), "N/D")
		x.set(at(colNote), iv.Missing)
		return
	}
	raw, note := achievementFormula(iv, row)
	if raw == "" {
		x.set(at(colRaw), *iv.Achievement)
	} else {
		x.formula(at(colRaw), raw)
	}
	p := iv.Policy
	bounded := fmt.Sprintf("MAX(0,MIN(%s,%s))", excelNumber(p.Cap), at(colRaw))
	if p.Floor > 0 {
		bounded = fmt.Sprintf("IF(%s<%s,0,%s)", bounded, excelNumber(p.Floor), bounded)
	}
	x.formula(at(colAchieved), bounded)
	x.formula(at(colScore), at(colAchieved))
	for _, c := range []string{colRaw, colAchieved, colScore} {
		x.style(at(c), "number")
	}
	if iv.Value.Kind == data.NumberDatum && iv.Target.Op != ast.By {
		x.formula(at(colGap), at(colValue)+"-"+at(colLow))
	} else if iv.Value.Kind == data.DateDatum {
		x.formula(at(colGap), at(colValue)+"-"+at(colLow)) // days late (negative: early)
	}
	x.set(at(colNote), note)
}

// bound writes a target's number or date.
func (x *resultsWriter) bound(cell string, v ast.Value) {
	if v.Date.IsZero() {
		x.set(cell, v.Number.Value)
		return
	}
	x.set(cell, v.Date)
	x.style(cell, "date")
}

// achievementFormula is the Excel formula of an indicator's achievement
// before cap, zero and floor, following the branch of eval's score that the
// policy, the target and the baseline select (the ones that depend on the
// value are IFs), and a note in words. It is "" for a custom policy, whose
// expression Piano computes.
func achievementFormula(iv *eval.IndicatorValue, row int) (string, string) {
	r := strconv.Itoa(row)
	V, T, H, B := colValue+r, colLow+r, colHigh+r, colBaseline+r
	p, t := iv.Policy, iv.Target
	var met string
	switch t.Op {
	case ast.AtLeast:
		met = V + ">=" + T
	case ast.AtMost:
		met = V + "<=" + T
	case ast.Equal:
		met = V + "=" + T
	case ast.Between:
		met = "AND(" + V + ">=" + T + "," + V + "<=" + H + ")"
	case ast.By:
		met = V + "<=" + T
	}
	all := "IF(" + met + ",100,0)"
	switch {
	case p.Kind == check.Custom:
		return "", "custom policy " + ast.FormatExpr(p.Custom) + ": computed by Piano"
	case t.Op == ast.By:
		if p.Late > 0 && p.Kind != check.Threshold {
			return fmt.Sprintf("IF(%s,100,MAX(0,100-%s*(%s-%s)))", met, excelNumber(p.Late), V, T),
				fmt.Sprintf("deadline: 100%% on time, %s%% less per day late", excelNumber(p.Late))
		}
		return all, "deadline: 100% on time, 0% late"
	case p.Kind == check.Threshold || t.Op == ast.Equal || t.Op == ast.Between:
		return all, "threshold: 100% when met, else 0%"
	case p.Kind == check.Linear && !math.IsNaN(iv.Baseline) && eval.Round(iv.Baseline) != eval.Round(t.Value.Number.Value) && !baselineMeets(t, iv.Baseline):
		return fmt.Sprintf("(%s-%s)/(%s-%s)*100", V, B, T, B), "linear from the baseline to the target"
	}
	ratio := V + "/" + T + "*100"
	if t.Op == ast.AtMost {
		ratio = T + "/" + V + "*100"
	}
	return fmt.Sprintf("IF(OR(%s<=0,%s<=0),%s,%s)", T, V, all, ratio), "ratio of value and target"
}

// baselineMeets tells whether the baseline already meets a one-sided target.
func baselineMeets(t *ast.Target, b float64) bool {
	T := eval.Round(t.Value.Number.Value)
	switch t.Op {
	case ast.AtLeast:
		return eval.Round(b) >= T
	case ast.AtMost:
		return eval.Round(b) <= T
	}
	return false
}

// excelNumber writes x for a formula.
func excelNumber(x float64) string { return strconv.FormatFloat(x, 'g', -1, 64) }

func ptr[T any](v T) *T { return &v }
