package render

import (
	"fmt"
	"io"
	"strings"

	"github.com/piano-plan/piano/lang"
	"github.com/piano-plan/piano/lang/ast"
	"github.com/piano-plan/piano/lang/check"
	"github.com/piano-plan/piano/lang/format"
	"github.com/piano-plan/piano/sheet"
	"github.com/xuri/excelize/v2"
)

// PlanXLSXProblems lists what a checked plan says that the workbook of
// PlanXLSX cannot carry (an owner or note above the indicators, a scoring
// policy or normalize on a node): exported anyway, the round trip would
// lose it, so piano export refuses such a plan with these errors (E504).
func PlanXLSXProblems(p *check.Plan) lang.Diagnostics {
	var ds lang.Diagnostics
	add := func(r lang.Range, what, hint string) {
		file, local := p.Locate(r)
		ds = append(ds, &lang.Diagnostic{Severity: lang.Error, Code: sheet.ENotCarried, File: file, Subject: local,
			Summary: what + " cannot be written in the workbook",
			Detail:  "The workbook lays the plan out like an Alberatura della pianificazione: one row per indicator, with an owner and a note per indicator, and the scoring and missing policies of the whole plan. Exported, this would be lost on the way back.",
			Hint:    hint})
	}
	var walk func(n *check.Node)
	walk = func(n *check.Node) {
		if f := nodeFields(n.Src); f != nil {
			if n.Kind != check.KindIndicator {
				if f.Owner != nil {
					add(f.Owner.Rng, "the owner of "+string(n.Kind)+" "+nodeName(n), "state the owner on each indicator, or export as json or yaml")
				}
				if f.Note != nil {
					add(f.Note.Rng, "the note of "+string(n.Kind)+" "+nodeName(n), "move the note to an indicator, or export as json or yaml")
				}
			}
			if f.Scoring != nil {
				add(f.Scoring.Rng, "a scoring policy of one node", "use one scoring policy for the whole plan, or export as json or yaml")
			}
			if f.Normalize != nil {
				add(f.Normalize.Rng, "normalize", "write weights that sum to 100%, or export as json or yaml")
			}
		}
		for _, c := range n.Children {
			walk(c)
		}
	}
	walk(p.Root)
	return ds
}

func nodeName(n *check.Node) string {
	if n.Code != "" {
		return n.Code
	}
	return n.Parent.Code // a group: its objective's
}

func nodeFields(n ast.Node) *ast.Fields {
	switch s := n.(type) {
	case *ast.Area:
		return &s.Fields
	case *ast.Objective:
		return &s.Fields
	case *ast.Group:
		return &s.Fields
	case *ast.Indicator:
		return &s.Fields
	}
	return nil
}

func nodeWeight(n ast.Node) ast.Number {
	switch s := n.(type) {
	case *ast.Area:
		return s.Weight.Value
	case *ast.Objective:
		return s.Weight.Value
	case *ast.Group:
		return s.Weight.Value
	case *ast.Indicator:
		return s.Weight.Value
	case *ast.Use:
		return s.Weight.Value
	}
	return ast.Number{}
}

// PlanXLSX writes a checked plan as a workbook laid out like the seed's
// Alberatura della pianificazione (package sheet describes the columns):
// the sheet Alberatura has one row per indicator, the hierarchy in merged
// cells with a weight in front of each level, "code - name" cells, the
// algorithm in words with the formula on its last line, and baselines and
// targets per year written the Italian way (>= 900 N., <= 3,40 gg, Entro
// 31-10-2021, N/D); the sheet Piano holds the header and Driver the
// drivers, so that piano import gives the same plan back. Numbers keep the
// digits the plan writes (1_435 is 1.435, 3.40 is 3,40).
func PlanXLSX(w io.Writer, p *check.Plan) error {
	f := excelize.NewFile()
	defer f.Close()
	if err := f.SetSheetName("Sheet1", sheet.SheetPlan); err != nil {
		return err
	}
	bold, _ := f.NewStyle(&excelize.Style{Font: &excelize.Font{Bold: true}, Fill: excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"D9E1F2"}}})
	wrap, _ := f.NewStyle(&excelize.Style{Alignment: &excelize.Alignment{WrapText: true, Vertical: "top"}})
	set := func(sheetName string, col, row int, v string) {
		if v == "" {
			return
		}
		cell, _ := excelize.CoordinatesToCellName(col, row)
		f.SetCellStr(sheetName, cell, v)
	}

	// Header sheet.
	if _, err := f.NewSheet(sheet.SheetHeader); err != nil {
		return err
	}
	h := p.File.Header
	str := func(s *ast.StringField) string {
		if s == nil {
			return ""
		}
		return s.Value.Value
	}
	years := func(y []int) string {
		if len(y) == 0 {
			return ""
		}
		return fmt.Sprintf("%d..%d", y[0], y[len(y)-1])
	}
	scoring := ""
	if p.Scoring.Src != nil {
		scoring = format.Policy(p.Scoring.Src)
	}
	missing := ""
	if p.MissingAsZero {
		missing = "zero"
	}
	for i, v := range []string{str(h.Title), str(h.Body), years(p.BaselineYears), years(p.TargetYears), scoring, missing} {
		set(sheet.SheetHeader, 1, i+1, sheet.HeaderKeys[i])
		set(sheet.SheetHeader, 2, i+1, v)
	}

	// Driver sheet.
	if _, err := f.NewSheet(sheet.SheetDrivers); err != nil {
		return err
	}
	for i, t := range sheet.DriverHeader {
		set(sheet.SheetDrivers, i+1, 1, t)
	}
	for i, d := range p.File.Drivers {
		formula := ""
		if d.Formula != nil {
			formula = ast.FormatExpr(d.Formula)
		}
		for j, v := range []string{ast.FormatName(d.Code.Value, false), d.Name.Value, ast.FormatUnit(d.Unit), formula} {
			set(sheet.SheetDrivers, j+1, i+2, v)
		}
	}
	f.SetCellStyle(sheet.SheetDrivers, "A1", "D1", bold)
	f.SetColWidth(sheet.SheetDrivers, "B", "B", 60)

	// Plan sheet.
	s := sheet.SheetPlan
	title := "Alberatura della pianificazione"
	if b := str(h.Body); b != "" {
		title += " - " + b
	}
	set(s, 1, 1, title+" - "+str(h.Title))
	header := append([]string{}, sheet.HeaderTree...)
	for _, y := range p.BaselineYears {
		header = append(header, fmt.Sprintf("Baseline %d", y))
	}
	for _, y := range p.TargetYears {
		header = append(header, fmt.Sprintf("Target %d", y))
	}
	header = append(header, sheet.HeaderAfter...)
	for i, t := range header {
		set(s, i+1, 2, t)
	}
	last, _ := excelize.CoordinatesToCellName(len(header), 2)
	f.SetCellStyle(s, "A2", last, bold)
	f.SetPanes(s, &excelize.Panes{Freeze: true, YSplit: 2, TopLeftCell: "A3", ActivePane: "bottomLeft"})
	for _, c := range []struct {
		col string
		w   float64
	}{{"B", 30}, {"D", 30}, {"F", 14}, {"H", 30}, {"J", 40}, {"K", 50}} {
		f.SetColWidth(s, c.col, c.col, c.w)
	}

	row := 3
	after := len(sheet.HeaderTree) + len(p.BaselineYears) + len(p.TargetYears)
	// level writes a node's weight and name in the columns col, col+1 of
	// the rows it spans, merged when it spans more than one.
	level := func(n *check.Node, col, from, to int, name string) {
		set(s, col, from, italianWeight(nodeWeight(n.Src)))
		set(s, col+1, from, name)
		if to > from {
			for c := col; c <= col+1; c++ {
				a, _ := excelize.CoordinatesToCellName(c, from)
				b, _ := excelize.CoordinatesToCellName(c, to)
				f.MergeCell(s, a, b)
			}
		}
	}
	indicator := func(n *check.Node) {
		set(s, 9, row, italianWeight(nodeWeight(n.Src)))
		set(s, 10, row, ast.FormatName(n.Code, false)+" - "+n.Name)
		if n.Use != nil {
			set(s, after+2, row, ast.FormatName(n.Use.Ref.Value, false))
		}
		if ind := n.Indicator; ind != nil && n.Use == nil {
			def := ind.Def
			unit := ""
			if def.Unit != nil {
				unit = ast.FormatUnit(def.Unit.Unit)
			}
			var alg []string
			if def.Algorithm != nil {
				alg = append(alg, def.Algorithm.Value.Value)
			}
			if def.Formula != nil {
				alg = append(alg, ast.FormatExpr(def.Formula.Expr))
			} else {
				alg = append(alg, sheet.NoFormula)
			}
			set(s, 11, row, strings.Join(alg, "\n"))
			for i, y := range p.BaselineYears {
				if v := ind.Baselines[y]; v != nil {
					set(s, 12+i, row, ItalianValue(*v, unit))
				}
			}
			for i, y := range p.TargetYears {
				if t := ind.Targets[y]; t != nil {
					set(s, 12+len(p.BaselineYears)+i, row, ItalianTarget(*t, unit))
				}
			}
			set(s, after+1, row, unit)
			set(s, after+3, row, str(def.Owner))
			set(s, after+4, row, str(def.Note))
		}
		a, _ := excelize.CoordinatesToCellName(11, row)
		f.SetCellStyle(s, a, a, wrap)
		row++
	}
	var walk func(n *check.Node, depth int)
	walk = func(n *check.Node, depth int) {
		from := row
		if n.Kind == check.KindIndicator {
			indicator(n)
			return
		}
		for _, c := range n.Children {
			walk(c, depth+1)
		}
		if row == from {
			row++ // an empty node still gets its row
		}
		to := row - 1
		switch n.Kind {
		case check.KindArea:
			level(n, 1, from, to, ast.FormatName(n.Code, false)+" - "+n.Name)
		case check.KindStrategic:
			level(n, 3, from, to, ast.FormatName(n.Code, false)+" - "+n.Name)
		case check.KindIndicators:
			level(n, 5, from, to, sheet.GroupIndicators)
		case check.KindOperational:
			level(n, 5, from, to, sheet.GroupOperational)
		case check.KindObjective:
			level(n, 7, from, to, ast.FormatName(n.Code, false)+" - "+n.Name)
		}
	}
	for _, a := range p.Root.Children {
		walk(a, 0)
	}
	f.SetActiveSheet(0)
	_, err := f.WriteTo(w)
	return err
}

// italianDigits writes a plan's number literal the Italian way, keeping
// its digits: 12_956_300_000 is 12.956.300.000, 3.40 is 3,40.
func italianDigits(text string) string {
	return strings.Map(func(r rune) rune {
		switch r {
		case '_':
			return '.'
		case '.':
			return ','
		}
		return r
	}, text)
}

func italianWeight(n ast.Number) string {
	if n.Text == "" {
		return ""
	}
	return italianDigits(strings.TrimSuffix(n.Text, "%")) + "%"
}

// unitSuffix is how the Alberatura writes a unit after a number.
func unitSuffix(unit string) string {
	switch unit {
	case "N":
		return " N."
	case "gg":
		return " gg"
	case "EUR":
		return " €"
	}
	return ""
}

// ItalianValue writes a baseline as the Alberatura does: 807 N., 66,30%,
// 3,40 gg, 12.956.300.000 €, 31-10-2021, N/D.
func ItalianValue(v ast.Value, unit string) string {
	switch v.Kind {
	case ast.NotAvailable:
		return "N/D"
	case ast.DateValue:
		return v.Date.Format("02-01-2006")
	}
	if v.Percent {
		return italianDigits(v.Number.Text) + "%"
	}
	return italianDigits(v.Number.Text) + unitSuffix(unit)
}

// ItalianTarget writes a target as the Alberatura does: >= 900 N.,
// <= 3,40 gg, Entro 31-10-2021, tra 10 e 20 N., N/D.
func ItalianTarget(t ast.Target, unit string) string {
	switch t.Op {
	case ast.NoTarget:
		return "N/D"
	case ast.By:
		return "Entro " + t.Value.Date.Format("02-01-2006")
	case ast.Between:
		return "tra " + ItalianValue(t.Value, "") + " e " + ItalianValue(*t.High, unit)
	}
	return t.Op.String() + " " + ItalianValue(t.Value, unit)
}
