package render

import (
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"

	"github.com/piano-plan/piano/lang/ast"
	"github.com/piano-plan/piano/lang/check"
	"github.com/xuri/excelize/v2"
)

// templateRow is one value to collect: a driver read from data, or an
// indicator that has no formula.
type templateRow struct {
	code, name, unit, kind string
	date                   bool
	feeds                  []string // the indicators it feeds
	baselines              []string // their last baselines, for reference
	owner                  string
}

// TemplateXLSX writes a data-collection workbook for one year: one row per
// driver the data give (and per indicator without a formula) with its code,
// description, unit, the indicators it feeds, their last baselines for
// reference, the owner, the year, and an empty input cell (Valore) that
// accepts a number, a date, N/D or not done. Everything but the input cells
// is protected (without a password: it guards against slips, not people).
// When the plan names owners, each owner gets a sheet of the values of the
// indicators it owns; values without an owner go to the sheet Dati. The
// filled workbook reads back with --data as it is: its columns are codice,
// anno, valore and tipo, among others the reader leaves alone.
func TemplateXLSX(w io.Writer, p *check.Plan, year int) error {
	rows := templateRows(p, year)
	f := excelize.NewFile()
	defer f.Close()
	sheets := map[string][]*templateRow{}
	var order []string
	for _, r := range rows {
		name := r.owner
		if name == "" {
			name = "Dati"
		}
		if _, ok := sheets[name]; !ok {
			order = append(order, name)
		}
		sheets[name] = append(sheets[name], r)
	}
	if len(order) == 0 {
		order = []string{"Dati"}
	}
	header, _ := f.NewStyle(&excelize.Style{Font: &excelize.Font{Bold: true}, Fill: excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"D9E1F2"}}})
	input, _ := f.NewStyle(&excelize.Style{Protection: &excelize.Protection{Locked: false}, Fill: excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"FFF2CC"}}})
	dateInput, _ := f.NewStyle(&excelize.Style{NumFmt: 14, Protection: &excelize.Protection{Locked: false}, Fill: excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"FFF2CC"}}})
	used := map[string]bool{}
	for i, owner := range order {
		name := sheetName(owner, used)
		var err error
		if i == 0 {
			err = f.SetSheetName("Sheet1", name)
		} else {
			_, err = f.NewSheet(name)
		}
		if err != nil {
			return err
		}
		if err := templateSheet(f, name, year, sheets[owner], header, input, dateInput); err != nil {
			return err
		}
	}
	_, err := f.WriteTo(w)
	return err
}

// Columns of the template; the reader reads codice, anno, valore and tipo.
var templateHeader = []string{"Codice", "Descrizione", "Unità", "Indicatori", "Baseline (ultimi)", "Responsabile", "Anno", "Valore", "Tipo"}

func templateSheet(f *excelize.File, sheet string, year int, rows []*templateRow, header, input, dateInput int) error {
	set := func(col, row int, v any) error {
		cell, _ := excelize.CoordinatesToCellName(col, row)
		return f.SetCellValue(sheet, cell, v)
	}
	for i, h := range templateHeader {
		if err := set(i+1, 1, h); err != nil {
			return err
		}
	}
	if err := f.SetCellStyle(sheet, "A1", "I1", header); err != nil {
		return err
	}
	for i, r := range rows {
		row := i + 2
		for col, v := range []any{r.code, r.name, r.unit, strings.Join(r.feeds, ", "), strings.Join(r.baselines, "; "), r.owner, year, nil, r.kind} {
			if v == nil {
				continue
			}
			if err := set(col+1, row, v); err != nil {
				return err
			}
		}
		cell := "H" + strconv.Itoa(row)
		st := input
		if r.date {
			st = dateInput
		}
		if err := f.SetCellStyle(sheet, cell, cell, st); err != nil {
			return err
		}
	}
	if len(rows) > 0 {
		last := strconv.Itoa(len(rows) + 1)
		dv := excelize.NewDataValidation(true)
		dv.Sqref = "H2:H" + last
		dv.Type = "custom"
		dv.Formula1 = `<formula1>OR(ISNUMBER(H2),UPPER(H2)="N/D",LOWER(H2)="not done",LOWER(H2)="non svolto")</formula1>`
		dv.SetError(excelize.DataValidationErrorStyleStop, "Valore non valido", "Scrivi un numero, una data, N/D oppure non svolto.")
		dv.SetInput("Valore", "Un numero, una data, N/D oppure non svolto")
		if err := f.AddDataValidation(sheet, dv); err != nil {
			return err
		}
	}
	for col, width := range map[string]float64{"A": 14, "B": 40, "D": 24, "E": 28, "F": 24, "H": 16} {
		if err := f.SetColWidth(sheet, col, col, width); err != nil {
			return err
		}
	}
	if err := f.SetPanes(sheet, &excelize.Panes{Freeze: true, YSplit: 1, TopLeftCell: "A2", ActivePane: "bottomLeft"}); err != nil {
		return err
	}
	return f.ProtectSheet(sheet, &excelize.SheetProtectionOptions{SelectLockedCells: true, SelectUnlockedCells: true, FormatColumns: true, FormatRows: true})
}

// templateRows lists the values a year's data must give, in declaration
// order: drivers first, then indicators without a formula.
func templateRows(p *check.Plan, year int) []*templateRow {
	byDriver := map[string]*templateRow{}
	var rows []*templateRow
	for _, d := range p.DriverOrder {
		if d.Derived() {
			continue
		}
		r := &templateRow{code: d.Code, name: d.Decl.Name.Value, unit: d.Unit.String(), kind: "driver", date: d.Unit.IsDate()}
		byDriver[d.Code] = r
		rows = append(rows, r)
	}
	for _, ind := range p.IndicatorOrder {
		var def *check.Node
		for _, n := range ind.Nodes {
			if n.Use == nil {
				def = n
			}
		}
		owner := nodeOwner(def)
		base := lastBaseline(ind, year)
		if ind.Def.Formula == nil {
			r := &templateRow{code: ind.Code, name: ind.Def.Name.Value, unit: ind.Unit.String(), kind: "indicator", date: ind.Unit.IsDate(), owner: owner}
			if base != "" {
				r.baselines = []string{base}
			}
			rows = append(rows, r)
			continue
		}
		for _, d := range dataInputs(ind.Inputs) {
			r := byDriver[d.Code]
			if r == nil || slices.Contains(r.feeds, ind.Code) {
				continue
			}
			r.feeds = append(r.feeds, ind.Code)
			if base != "" {
				r.baselines = append(r.baselines, ind.Code+" "+base)
			}
			if r.owner == "" {
				r.owner = owner
			}
		}
	}
	return rows
}

// dataInputs are the drivers read from data behind ds.
func dataInputs(ds []*check.Driver) []*check.Driver {
	var out []*check.Driver
	seen := map[string]bool{}
	var walk func(ds []*check.Driver)
	walk = func(ds []*check.Driver) {
		for _, d := range ds {
			if seen[d.Code] {
				continue
			}
			seen[d.Code] = true
			if d.Derived() {
				walk(d.Inputs)
			} else {
				out = append(out, d)
			}
		}
	}
	walk(ds)
	return out
}

// lastBaseline is an indicator's last baseline before year, as year: value.
func lastBaseline(ind *check.Indicator, year int) string {
	best := 0
	for y := range ind.Baselines {
		if y < year && y > best {
			best = y
		}
	}
	if best == 0 {
		return ""
	}
	return fmt.Sprintf("%d: %s", best, valueText(*ind.Baselines[best], ind.Unit))
}

// nodeOwner is the owner stated on n or the nearest node above it.
func nodeOwner(n *check.Node) string {
	for ; n != nil; n = n.Parent {
		var f ast.Fields
		switch src := n.Src.(type) {
		case *ast.Area:
			f = src.Fields
		case *ast.Objective:
			f = src.Fields
		case *ast.Group:
			f = src.Fields
		case *ast.Indicator:
			f = src.Fields
		}
		if f.Owner != nil {
			return f.Owner.Value.Value
		}
	}
	return ""
}

// sheetName makes owner a sheet name Excel accepts: at most 31 characters,
// none of : \ / ? * [ ], and unique.
func sheetName(owner string, used map[string]bool) string {
	name := strings.Map(func(r rune) rune {
		if strings.ContainsRune(`:\/?*[]`, r) {
			return '-'
		}
		return r
	}, strings.TrimSpace(owner))
	name = strings.Trim(name, "'")
	if name == "" {
		name = "Dati"
	}
	if r := []rune(name); len(r) > 31 {
		name = string(r[:31])
	}
	base := []rune(name)
	for i := 2; used[strings.ToLower(name)]; i++ {
		suffix := " " + strconv.Itoa(i)
		name = string(base[:min(len(base), 31-len(suffix))]) + suffix
	}
	used[strings.ToLower(name)] = true
	return name
}
