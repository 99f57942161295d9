package sheet

import (
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"github.com/piano-plan/piano/lang"
	"github.com/xuri/excelize/v2"
)

// MaxRows is the most rows read in one sheet: a plan is a few hundred
// indicators, and a sheet that claims a million rows is refused at this row.
const MaxRows = 100_000

// maxCols bounds the columns a merged range is expanded over.
const maxCols = 200

// cell is one cell of a table: its text, and for a number cell how it was
// typed (a plain decimal in text, the percentage shown for a % cell, the
// day yyyy-mm-dd for a date cell).
type cell struct {
	text    string
	num     bool
	pct     bool
	date    bool
	formula bool
}

// table is one sheet of a workbook, or a CSV file.
type table struct {
	name string
	rows [][]cell
}

func (t *table) at(row, col int) cell {
	if row < 0 || row >= len(t.rows) || col < 0 || col >= len(t.rows[row]) {
		return cell{}
	}
	return t.rows[row][col]
}

// ref is Sheet!C12 for the 0-based row and col.
func (t *table) ref(row, col int) string {
	name, _ := excelize.CoordinatesToCellName(col+1, row+1)
	return sheetRef(t.name) + "!" + name
}

// sheetRef quotes a sheet name as a cell reference does ('Uff. Tecnico').
func sheetRef(sheet string) string {
	for _, c := range sheet {
		if !(c == '_' || c >= '0' && c <= '9' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c > 127 && c != '\u00a0') {
			return "'" + strings.ReplaceAll(sheet, "'", "''") + "'"
		}
	}
	return sheet
}

// readTables reads a workbook (.xlsx) or a CSV file (; or , between
// fields, a byte order mark allowed) into tables, merged ranges expanded:
// every cell of a merged range holds the range's value.
func readTables(filename string, text []byte, max int) ([]*table, *lang.Diagnostic) {
	fail := func(summary, detail, hint string) *lang.Diagnostic {
		return &lang.Diagnostic{Severity: lang.Error, Code: ELayout, File: filename, Summary: summary, Detail: detail, Hint: hint}
	}
	if !bytes.HasPrefix(text, []byte("PK\x03\x04")) {
		if strings.EqualFold(filepath.Ext(filename), ".xlsx") {
			return nil, fail("the file is not an .xlsx workbook", "An .xlsx workbook is a zip archive, and this file is not one.",
				"save the file from the spreadsheet as Excel workbook (.xlsx), or as CSV")
		}
		return readCSV(filename, text, fail)
	}
	if max <= 0 {
		max = 64 << 20
	}
	f, err := excelize.OpenReader(bytes.NewReader(text), excelize.Options{UnzipSizeLimit: int64(max), UnzipXMLSizeLimit: int64(max)})
	if err != nil {
		if strings.Contains(err.Error(), "unzip size exceeds") {
			d := fail("workbook is too large once unzipped", fmt.Sprintf("The parts of the workbook unzip to more than %d bytes: it may be a zip bomb.", max), "raise --max-size if the workbook is genuine")
			d.Code = lang.ELimit
			return nil, d
		}
		return nil, fail("the file is not an .xlsx workbook", "The zip archive cannot be read as a workbook: "+err.Error()+".",
			"save the file from the spreadsheet as Excel workbook (.xlsx)")
	}
	defer f.Close()
	var tables []*table
	for _, name := range f.GetSheetList() {
		t := &table{name: name}
		rows, err := f.Rows(name)
		if err != nil {
			return nil, fail("sheet "+name+" cannot be read", err.Error(), "save the workbook again from the spreadsheet")
		}
		for r := 0; rows.Next(); r++ {
			if r >= MaxRows {
				d := fail(fmt.Sprintf("sheet has more than %d rows", MaxRows), fmt.Sprintf("Piano reads plan sheets of up to %d rows; this one goes on.", MaxRows),
					"delete the rows below the plan, then save")
				d.Code, d.Cell = lang.ELimit, t.ref(r, 0)
				rows.Close()
				return nil, d
			}
			texts, err := rows.Columns(excelize.Options{RawCellValue: true})
			if err != nil {
				rows.Close()
				return nil, fail("a row of sheet "+name+" cannot be read", err.Error(), "save the workbook again from the spreadsheet")
			}
			row := make([]cell, len(texts))
			for c, s := range texts {
				if strings.TrimSpace(s) == "" {
					continue
				}
				row[c] = typedCell(f, name, c, r, s)
			}
			t.rows = append(t.rows, row)
		}
		rows.Close()
		expandMerged(f, t)
		tables = append(tables, t)
	}
	return tables, nil
}

// typedCell reads a non-empty cell by its type.
func typedCell(f *excelize.File, sheet string, col, row int, raw string) cell {
	ref, _ := excelize.CoordinatesToCellName(col+1, row+1)
	if fm, err := f.GetCellFormula(sheet, ref); err == nil && fm != "" {
		return cell{text: raw, formula: true}
	}
	typ, _ := f.GetCellType(sheet, ref)
	switch typ {
	case excelize.CellTypeSharedString, excelize.CellTypeInlineString, excelize.CellTypeFormula, excelize.CellTypeBool, excelize.CellTypeError:
		return cell{text: raw}
	}
	v, err := strconv.ParseFloat(raw, 64)
	if err != nil {
		return cell{text: raw}
	}
	switch numberKind(f, sheet, ref) {
	case '%':
		return cell{text: lang.Plain(lang.Rounded(v*100, 10)), num: true, pct: true}
	case 'd':
		if t, err := excelize.ExcelDateToTime(v, false); err == nil {
			return cell{text: t.Format("2006-01-02"), num: true, date: true}
		}
	}
	return cell{text: lang.Plain(v), num: true}
}

// numberKind tells a percentage ('%') or a date ('d') cell by its number
// format.
func numberKind(f *excelize.File, sheet, ref string) byte {
	idx, err := f.GetCellStyle(sheet, ref)
	if err != nil || idx == 0 {
		return 0
	}
	st, err := f.GetStyle(idx)
	if err != nil || st == nil {
		return 0
	}
	if st.CustomNumFmt != nil {
		p := strings.ToLower(*st.CustomNumFmt)
		switch {
		case strings.Contains(p, "%"):
			return '%'
		case strings.ContainsAny(p, "yd"):
			return 'd'
		}
		return 0
	}
	switch n := st.NumFmt; {
	case n == 9 || n == 10:
		return '%'
	case n >= 14 && n <= 22:
		return 'd'
	}
	return 0
}

// expandMerged copies each merged range's value into every cell of the
// range, within the rows the sheet has and maxCols columns.
func expandMerged(f *excelize.File, t *table) {
	ms, err := f.GetMergeCells(t.name, true)
	if err != nil {
		return
	}
	width := 0 // a merged range spreads no wider than the sheet's widest row
	for _, r := range t.rows {
		width = max(width, len(r))
	}
	width = min(width, maxCols)
	for _, m := range ms {
		c1, r1, err1 := excelize.CellNameToCoordinates(m.GetStartAxis())
		c2, r2, err2 := excelize.CellNameToCoordinates(m.GetEndAxis())
		if err1 != nil || err2 != nil {
			continue
		}
		v := t.at(r1-1, c1-1)
		for r := r1 - 1; r < min(r2, len(t.rows)); r++ {
			for c := c1 - 1; c < min(c2, width); c++ {
				for len(t.rows[r]) <= c {
					t.rows[r] = append(t.rows[r], cell{})
				}
				if t.rows[r][c].text == "" {
					t.rows[r][c] = v
				}
			}
		}
	}
}

// readCSV reads a CSV file as one table named after the file.
func readCSV(filename string, text []byte, fail func(string, string, string) *lang.Diagnostic) ([]*table, *lang.Diagnostic) {
	text = bytes.TrimPrefix(text, []byte("\xEF\xBB\xBF"))
	first, _, _ := bytes.Cut(text, []byte("\n"))
	r := csv.NewReader(bytes.NewReader(text))
	if bytes.Count(first, []byte(";")) > bytes.Count(first, []byte(",")) {
		r.Comma = ';'
	}
	r.FieldsPerRecord = -1
	r.LazyQuotes = true
	name := strings.TrimSuffix(filepath.Base(filename), filepath.Ext(filename))
	t := &table{name: name}
	for {
		rec, err := r.Read()
		if err != nil {
			if errors.Is(err, io.EOF) {
				break
			}
			return nil, fail("the file cannot be read as CSV", err.Error()+".", "save the sheet again as CSV (UTF-8)")
		}
		if len(t.rows) >= MaxRows {
			d := fail(fmt.Sprintf("file has more than %d rows", MaxRows), "", "delete the rows below the plan")
			d.Code, d.Cell = lang.ELimit, t.ref(len(t.rows), 0)
			return nil, d
		}
		row := make([]cell, len(rec))
		for i, s := range rec {
			row[i] = cell{text: s}
		}
		t.rows = append(t.rows, row)
	}
	return []*table{t}, nil
}

// isoDate reads a day written 31-10-2021, 31/10/2021, 31.10.2021 or
// 2021-10-31.
func isoDate(s string) (string, bool) {
	for _, layout := range []string{"2006-01-02", "02-01-2006", "2-1-2006", "02/01/2006", "2/1/2006", "02.01.2006"} {
		if t, err := time.Parse(layout, s); err == nil {
			return t.Format("2006-01-02"), true
		}
	}
	return "", false
}
