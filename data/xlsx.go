package data

import (
	"bytes"
	"errors"
	"fmt"
	"math"
	"strconv"
	"strings"
	"time"

	"github.com/piano-plan/piano/lang"
	"github.com/xuri/excelize/v2"
)

// MaxSheetRows is the most rows Piano reads in one sheet of a data
// workbook: a year of values is a few hundred rows, and a sheet that claims
// a million (Excel's limit) is refused at this row instead of being walked.
const MaxSheetRows = 100_000

// Workbook column names, English and Italian, for code, year, value and kind.
var xlsxColumns = map[string]string{
	"code": "code", "codice": "code",
	"year": "year", "anno": "year",
	"value": "value", "valore": "value",
	"kind": "kind", "tipo": "kind",
}

// xlsxReader holds the state of reading one workbook.
type xlsxReader struct {
	filename string
	f        *excelize.File
	date1904 bool
	entries  []Entry
	diags    lang.Diagnostics
	seen     map[dataKey]string // the cell of each kind, code and year first given
	rows     int                // rows read so far in all sheets, to order diagnostics
	stopped  bool
}

// xlsxCell is one cell of a data sheet and its place.
type xlsxCell struct {
	ref string     // Sheet!C12, as Excel writes it
	rng lang.Range // line = row, column = column number
}

// parseXLSX reads the data sheets of a workbook (.xlsx): each sheet whose
// first non-empty row names a code column (code or codice), and the year
// and value columns (year/anno, value/valore) and optionally a kind column
// (kind/tipo), in any order; other columns (a description, a unit) are
// left alone. Cells are typed: a number, a date, a percentage (the number
// the cell shows, 85 for 85%), or text N/D, not done, or a date written
// 2021-10-28 or 31/10/2021. A row whose value cell is empty gives no value.
// The workbook may unzip to at most max bytes.
func parseXLSX(filename string, text []byte, max int) ([]Entry, lang.Diagnostics) {
	x := &xlsxReader{filename: filename, seen: map[dataKey]string{}}
	if !bytes.HasPrefix(text, []byte("PK\x03\x04")) {
		x.notWorkbook(text)
		return nil, x.diags
	}
	f, err := excelize.OpenReader(bytes.NewReader(text), excelize.Options{UnzipSizeLimit: int64(max), UnzipXMLSizeLimit: int64(max)})
	if err != nil {
		x.openError(err, max)
		return nil, x.diags
	}
	defer f.Close()
	x.f = f
	if props, err := f.GetWorkbookProps(); err == nil && props.Date1904 != nil {
		x.date1904 = *props.Date1904
	}
	found := false
	for _, sheet := range f.GetSheetList() {
		if x.stopped {
			break
		}
		if x.readSheet(sheet) {
			found = true
		}
	}
	if !found && len(x.diags) == 0 {
		x.fileError("no sheet holds data",
			"Piano reads the sheets whose first row names the columns code, year and value (or codice, anno, valore), and optionally kind (tipo); no sheet of this workbook does.",
			"write the header code, year, value in the first row of the data sheet")
	}
	x.diags.Sort()
	return x.entries, x.diags
}

// notWorkbook explains a file named .xlsx that is not a zip archive.
func (x *xlsxReader) notWorkbook(text []byte) {
	detail := "An .xlsx workbook is a zip archive, and this file is not one."
	hint := "save the file from the spreadsheet as Excel workbook (.xlsx)"
	switch {
	case bytes.HasPrefix(text, []byte("\xD0\xCF\x11\xE0")):
		detail = "The file is an old binary Excel file (.xls) or a workbook protected by a password; Piano reads .xlsx workbooks without a password."
		hint = "save it as Excel workbook (.xlsx) without a password to open"
	case len(bytes.TrimSpace(text)) == 0:
		detail = "The file is empty."
	}
	x.fileError("the file is not an .xlsx workbook", detail, hint)
}

// openError explains why excelize could not open a zip archive.
func (x *xlsxReader) openError(err error, max int) {
	if strings.Contains(err.Error(), "unzip size exceeds") {
		x.diags = append(x.diags, &lang.Diagnostic{Severity: lang.Error, Code: lang.ELimit, File: x.filename,
			Summary: "workbook is too large once unzipped",
			Detail:  fmt.Sprintf("The parts of the workbook unzip to more than %d bytes, the most Piano reads as a data file: it may be a zip bomb, or a workbook of much more than values.", max),
			Hint:    "keep the values in a workbook of their own, or raise --max-data-size"})
		return
	}
	detail := "The zip archive cannot be read as a workbook: " + err.Error() + "."
	if errors.Is(err, excelize.ErrWorkbookFileFormat) {
		detail = "The zip archive holds no Excel workbook (an .xlsx has xl/workbook.xml); it may be another kind of document."
	}
	x.fileError("the file is not an .xlsx workbook", detail, "save the file from the spreadsheet as Excel workbook (.xlsx)")
}

// fileError is a problem with the whole workbook: it has no cell, and no
// line is quoted.
func (x *xlsxReader) fileError(summary, detail, hint string) {
	x.diags = append(x.diags, &lang.Diagnostic{Severity: lang.Error, Code: EData, File: x.filename, Summary: summary, Detail: detail, Hint: hint})
}

// errorf records a problem at a cell, unless too many have been recorded.
func (x *xlsxReader) errorf(c xlsxCell, summary, detail, hint string) {
	if x.stopped {
		return
	}
	if len(x.diags) == maxDataProblems {
		x.stopped = true
		summary, hint = "too many problems; stopped reading", "fix the problems above and run again"
		detail = fmt.Sprintf("Piano stops after %d problems in one data file: the file may not be a data file at all.", maxDataProblems)
	}
	x.diags = append(x.diags, &lang.Diagnostic{Severity: lang.Error, Code: EData, Summary: summary, Detail: detail, Hint: hint,
		File: x.filename, Subject: c.rng, Cell: c.ref})
}

// cell names the cell at col and row (1-based) of sheet.
func (x *xlsxReader) cell(sheet string, col, row int) xlsxCell {
	name, _ := excelize.CoordinatesToCellName(col, row)
	p := lang.MakePos(x.rows*1024+min(col, 1023), row, col)
	return xlsxCell{ref: SheetRef(sheet) + "!" + name, rng: lang.Range{Start: p, End: p}}
}

// SheetRef is a sheet's name as a cell reference writes it: quoted when it
// holds anything but letters, digits and _ ('Uff. Tecnico'!C12).
func SheetRef(sheet string) string {
	for _, c := range sheet {
		if !(c == '_' || c >= '0' && c <= '9' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c > 127 && c != '\u00a0') {
			return "'" + strings.ReplaceAll(sheet, "'", "''") + "'"
		}
	}
	return sheet
}

// readSheet reads one sheet and reports whether it is a data sheet.
func (x *xlsxReader) readSheet(sheet string) bool {
	rows, err := x.f.Rows(sheet)
	if err != nil {
		x.fileError("sheet "+sheet+" cannot be read", "The sheet's XML cannot be read: "+err.Error()+".", "save the workbook again from the spreadsheet")
		return false
	}
	defer rows.Close()
	var cols map[string]int // column name to column number
	for row := 1; rows.Next() && !x.stopped; row++ {
		x.rows++
		if row > MaxSheetRows {
			x.errorf(x.cell(sheet, 1, row), fmt.Sprintf("sheet has more than %d rows", MaxSheetRows),
				fmt.Sprintf("Piano reads data sheets of up to %d rows; this one goes on.", MaxSheetRows),
				"delete the rows below the data (select them, Elimina righe), then save")
			return true
		}
		texts, err := rows.Columns(excelize.Options{RawCellValue: true})
		if err != nil {
			x.errorf(x.cell(sheet, 1, row), "row cannot be read", "The row's XML cannot be read: "+err.Error()+".", "save the workbook again from the spreadsheet")
			continue
		}
		if blank(texts) {
			continue
		}
		if cols == nil {
			if cols = x.header(sheet, row, texts); cols == nil {
				return false
			}
			if len(cols) == 0 {
				return true // a header with problems: reported
			}
			if x.merged(sheet, row) {
				return true // the rows under a merged range cannot be told apart
			}
			continue
		}
		x.row(sheet, row, cols, texts)
	}
	if err := rows.Error(); err != nil {
		x.fileError("sheet "+sheet+" cannot be read", "The sheet's XML cannot be read: "+err.Error()+".", "save the workbook again from the spreadsheet")
	}
	return cols != nil
}

func blank(texts []string) bool {
	for _, t := range texts {
		if strings.TrimSpace(t) != "" {
			return false
		}
	}
	return true
}

// header reads a sheet's first non-empty row. It returns nil when the row
// names no code column (the sheet holds no data), and an empty map when
// the header has problems, which it reports.
func (x *xlsxReader) header(sheet string, row int, texts []string) map[string]int {
	cols := map[string]int{}
	for i, t := range texts {
		name, ok := xlsxColumns[strings.ToLower(strings.TrimSpace(t))]
		if !ok {
			continue
		}
		if first, dup := cols[name]; dup {
			c, _ := excelize.CoordinatesToCellName(first, row)
			x.errorf(x.cell(sheet, i+1, row), fmt.Sprintf("two %s columns", name),
				fmt.Sprintf("Column %s is named in %s too.", name, c), "rename or delete one of the two columns")
			return map[string]int{}
		}
		cols[name] = i + 1
	}
	if _, ok := cols["code"]; !ok {
		return nil
	}
	for _, need := range []string{"year", "value"} {
		if _, ok := cols[need]; !ok {
			it := map[string]string{"year": "year (anno)", "value": "value (valore)"}[need]
			x.errorf(x.cell(sheet, len(texts)+1, row), "column "+need+" is missing",
				"A data sheet's first row names the columns code, year and value (or codice, anno, valore), and optionally kind (tipo), in any order.",
				"add the column "+it+" to the header row")
			return map[string]int{}
		}
	}
	return cols
}

// merged reports a merged range below the header: a merged cell has its
// value in its first cell only, and the rows it covers would silently lose
// it. It reports whether there is one.
func (x *xlsxReader) merged(sheet string, header int) bool {
	ms, err := x.f.GetMergeCells(sheet, true)
	if err != nil {
		return false
	}
	found := false
	for _, m := range ms {
		c, r, err := excelize.CellNameToCoordinates(m.GetStartAxis())
		_, r2, err2 := excelize.CellNameToCoordinates(m.GetEndAxis())
		if err != nil || err2 != nil || r2 <= header {
			continue
		}
		x.errorf(x.cell(sheet, c, r), "merged cells in a data sheet",
			fmt.Sprintf("The cells %s:%s are merged; a merged range holds one value, in its first cell, and Piano would not know which rows it is meant for.", m.GetStartAxis(), m.GetEndAxis()),
			"unmerge the cells (Unisci e allinea al centro, off) and write the value in each row")
		found = true
	}
	return found
}

// row reads one row of data.
func (x *xlsxReader) row(sheet string, row int, cols map[string]int, texts []string) {
	at := func(name string) (xlsxCell, string) {
		col := cols[name]
		t := ""
		if col > 0 && col <= len(texts) {
			t = strings.TrimSpace(texts[col-1])
		}
		return x.cell(sheet, col, row), t
	}
	codeCell, code := at("code")
	yearCell, yearText := at("year")
	valueCell, valueText := at("value")
	formula := x.hasFormula(sheet, valueCell)
	if valueText == "" && !formula {
		return // no value given: eval reports it missing if the plan needs it
	}
	ok := !formula
	if code == "" {
		x.errorf(codeCell, "code is missing", "The row has a value but no code.", "write the code of a driver or an indicator, such as D1.1_2")
		ok = false
	}
	if x.hasFormula(sheet, codeCell) || x.hasFormula(sheet, yearCell) {
		ok = false
	}
	year := 0
	if y, err := strconv.ParseFloat(yearText, 64); err == nil && y == math.Trunc(y) && yearRE.MatchString(strconv.Itoa(int(y))) {
		year = int(y)
	} else if yearText == "" {
		x.errorf(yearCell, "year is missing", fmt.Sprintf("The row of %s has no year.", code), "write the year with four digits, such as 2021")
		ok = false
	} else {
		x.errorf(yearCell, "not a 4-digit year", fmt.Sprintf("The year of %s is %s; years are written with four digits.", code, strconv.Quote(yearText)),
			"write the year with four digits, such as 2021")
		ok = false
	}
	what := "The value of " + code
	if year != 0 {
		what += " for " + strconv.Itoa(year)
	}
	var d Datum
	if !formula {
		var p *dataProblem
		if d, p = x.value(sheet, valueCell, valueText, what); p != nil {
			x.errorf(valueCell, p.summary, p.detail, p.hint)
			ok = false
		}
	}
	kind := AnyEntry
	if col := cols["kind"]; col > 0 {
		kindCell, k := at("kind")
		switch strings.ToLower(k) {
		case "driver":
			kind = DriverEntry
		case "indicator", "indicatore":
			kind = IndicatorEntry
		case "":
		default:
			hint := "write driver or indicator, or leave the cell empty"
			if s := lang.Suggest(strings.ToLower(k), []string{"driver", "indicator"}); s != "" {
				hint = "did you mean " + s + "?"
			}
			x.errorf(kindCell, "kind is not driver or indicator",
				fmt.Sprintf("The kind of %s is %s; it says whether the code names a driver or an indicator.", code, strconv.Quote(k)), hint)
			ok = false
		}
	}
	if !ok {
		return
	}
	d.File, d.Source, d.Cell = x.filename, valueCell.rng, valueCell.ref
	key := dataKey{kind, code, year}
	if first, dup := x.seen[key]; dup {
		x.errorf(codeCell, fmt.Sprintf("%s has two values for %d", code, year),
			fmt.Sprintf("The first value of %s for %d is at %s; a code has one value per year.", code, year, first), "keep one of the two values")
		return
	}
	x.seen[key] = codeCell.ref
	x.entries = append(x.entries, Entry{Kind: kind, Code: code, CodeRange: codeCell.rng, CodeCell: codeCell.ref, Year: year, Value: d})
}

// hasFormula reports, as a problem, a formula in a cell that holds data.
func (x *xlsxReader) hasFormula(sheet string, c xlsxCell) bool {
	ref := c.ref[strings.LastIndexByte(c.ref, '!')+1:]
	formula, err := x.f.GetCellFormula(sheet, ref)
	if err != nil || formula == "" {
		return false
	}
	x.errorf(c, "cell holds a formula",
		fmt.Sprintf("The cell holds the formula =%s. Piano reads values, not the result a spreadsheet last saved for a formula, which may be stale.", formula),
		"copy the cells and paste them back as values (Incolla speciale, Valori)")
	return true
}

// value reads a value cell, which holds no formula, by its type.
func (x *xlsxReader) value(sheet string, c xlsxCell, raw, what string) (Datum, *dataProblem) {
	ref := c.ref[strings.LastIndexByte(c.ref, '!')+1:]
	typ, _ := x.f.GetCellType(sheet, ref)
	switch typ {
	case excelize.CellTypeSharedString, excelize.CellTypeInlineString:
		return xlsxText(raw, what)
	case excelize.CellTypeBool:
		return Datum{}, &dataProblem{"value is TRUE or FALSE", what + " is a logical value (TRUE or FALSE).", valueHint}
	case excelize.CellTypeError:
		return Datum{}, &dataProblem{"cell holds an error", fmt.Sprintf("%s is the error %s.", what, raw), valueHint}
	case excelize.CellTypeDate:
		t, err := time.Parse(time.RFC3339Nano, raw)
		if err != nil {
			if t, err = time.Parse("2006-01-02T15:04:05", raw); err != nil {
				return xlsxText(raw, what)
			}
		}
		return dayOnly(t, what)
	}
	f, err := strconv.ParseFloat(raw, 64)
	if err != nil || math.IsInf(f, 0) || math.IsNaN(f) {
		return xlsxText(raw, what)
	}
	switch x.numberKind(sheet, ref) {
	case 'd':
		t, err := excelize.ExcelDateToTime(f, x.date1904)
		if err != nil || f < 1 {
			return Datum{}, &dataProblem{"not a calendar date", fmt.Sprintf("%s is the date serial %s, which is no calendar day.", what, raw), "type the date again, such as 28/10/2021"}
		}
		return dayOnly(t, what)
	case '%':
		// The percentage the cell shows: 85% is stored 0.85 and is 85,
		// as data files write percentages.
		f, _ = strconv.ParseFloat(strconv.FormatFloat(f*100, 'g', 15, 64), 64)
	}
	return Datum{Kind: NumberDatum, Number: f}, nil
}

// dayOnly keeps the day of t, refusing a time of day.
func dayOnly(t time.Time, what string) (Datum, *dataProblem) {
	day := time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, time.UTC)
	if h, m, s := t.Clock(); h != 0 || m != 0 || s != 0 {
		return Datum{}, &dataProblem{"date has a time of day",
			fmt.Sprintf("%s is %s; a data file gives the day only.", what, t.Format("2006-01-02 15:04")), "write the day alone: " + day.Format(time.DateOnly)}
	}
	return Datum{Kind: DateDatum, Date: day}, nil
}

// xlsxText reads a text cell: N/D, not done, or a date. A number stored as
// text is refused rather than guessed (is 2.610 two thousand or two?).
func xlsxText(s, what string) (Datum, *dataProblem) {
	s = strings.TrimSpace(s)
	if numberRE.MatchString(s) || italianNumberRE.MatchString(s) || commaRE.MatchString(s) {
		return Datum{}, &dataProblem{"number is stored as text",
			fmt.Sprintf("%s is the text %q. In a workbook a number is a number cell; text could be read in two ways (2.610 is two thousand six hundred and ten in Italian, 2.61 elsewhere).", what, s),
			"format the cell as Numero or Generale and type the value again"}
	}
	if italianDateRE.MatchString(s) {
		return italianDate(s, what)
	}
	return textDatum(s, false, dotNumbers, what)
}

// numberKind tells by a number cell's format whether it shows a date ('d'),
// a percentage ('%') or a number (0).
func (x *xlsxReader) numberKind(sheet, ref string) byte {
	idx, err := x.f.GetCellStyle(sheet, ref)
	if err != nil || idx == 0 {
		return 0
	}
	st, err := x.f.GetStyle(idx)
	if err != nil || st == nil {
		return 0
	}
	if st.CustomNumFmt != nil {
		return formatKind(*st.CustomNumFmt)
	}
	switch n := st.NumFmt; {
	case n == 9 || n == 10:
		return '%'
	case n >= 14 && n <= 22 || n >= 27 && n <= 36 || n >= 45 && n <= 47 || n >= 50 && n <= 58:
		return 'd'
	}
	return 0
}

// formatKind reads a custom number format code: a date when it shows a
// year or a day, a percentage when it has a % outside quotes.
func formatKind(code string) byte {
	var plain strings.Builder
	quoted, bracket := false, false
	for i := 0; i < len(code); i++ {
		c := code[i]
		switch {
		case c == '"':
			quoted = !quoted
		case quoted:
		case c == '\\' || c == '_' || c == '*':
			i++
		case c == '[':
			bracket = true
		case c == ']':
			bracket = false
		case !bracket:
			plain.WriteByte(c)
		}
	}
	p := strings.ToLower(plain.String())
	switch {
	case strings.ContainsAny(p, "yd"):
		return 'd'
	case strings.Contains(p, "%"):
		return '%'
	}
	return 0
}
