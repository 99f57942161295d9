package main

import (
	"archive/zip"
	"bytes"
	"fmt"
	"io"
	"os"
	"strconv"
	"strings"
	"time"

	"github.com/rogpeppe/go-internal/testscript"
	"github.com/xuri/excelize/v2"
)

// xlsxCommands are the testscript commands for workbooks, which a script
// cannot write as text:
//
//	xlsx SPEC OUT.xlsx   builds a workbook from a text spec (see buildXLSX)
//	xlsxset FILE.xlsx SHEET!CELL VALUE...  fills cells (VALUE as in a spec)
//	xlsxcat FILE.xlsx    prints every non-empty cell: Sheet!A1 value, or
//	                     Sheet!A1 =formula -> the value excelize computes
var xlsxCommands = map[string]func(ts *testscript.TestScript, neg bool, args []string){
	"xlsx": func(ts *testscript.TestScript, neg bool, args []string) {
		if len(args) != 2 {
			ts.Fatalf("usage: xlsx SPEC OUT.xlsx")
		}
		b, err := buildXLSX(ts.ReadFile(args[0]))
		if err == nil {
			err = os.WriteFile(ts.MkAbs(args[1]), b, 0o644)
		}
		if err != nil && !neg {
			ts.Fatalf("xlsx: %v", err)
		}
	},
	"xlsxset": func(ts *testscript.TestScript, neg bool, args []string) {
		if len(args) < 3 || len(args)%2 == 0 {
			ts.Fatalf("usage: xlsxset FILE.xlsx SHEET!CELL VALUE...")
		}
		f, err := excelize.OpenFile(ts.MkAbs(args[0]))
		if err != nil {
			ts.Fatalf("xlsxset: %v", err)
		}
		defer f.Close()
		for i := 1; i < len(args); i += 2 {
			sheet, cell, _ := strings.Cut(args[i], "!")
			if err := setCell(f, sheet, cell, args[i+1]); err != nil {
				ts.Fatalf("xlsxset %s: %v", args[i], err)
			}
		}
		if err := f.Save(); err != nil {
			ts.Fatalf("xlsxset: %v", err)
		}
	},
	"xlsxcat": func(ts *testscript.TestScript, neg bool, args []string) {
		if len(args) != 1 {
			ts.Fatalf("usage: xlsxcat FILE.xlsx")
		}
		out, err := catXLSX(ts.MkAbs(args[0]))
		if err != nil {
			ts.Fatalf("xlsxcat: %v", err)
		}
		fmt.Fprint(ts.Stdout(), out)
	},
}

// buildXLSX builds a workbook from a spec, one instruction a line:
//
//	sheet NAME            add a sheet (the first replaces Sheet1) and write there
//	A1 text               a text cell (the rest of the line)
//	A1 "text"             a text cell, quoted (for text that looks like a number)
//	A1 #712               a number cell
//	A1 %0.85              a number cell formatted as a percentage
//	A1 @2021-10-28        a date cell (a number formatted as a date)
//	A1 =B1*2              a formula
//	merge A1:B3           merge a range
//	rows XML              put XML at the end of the sheet's data (a row far down)
//	after XML             put XML after the sheet's data (a merge excelize would expand)
//	bomb N                add a part of N zero bytes (it zips to almost nothing)
//
// Blank lines and lines starting with // are skipped.
func buildXLSX(spec string) ([]byte, error) {
	f := excelize.NewFile()
	sheet, first := "Sheet1", true
	sheets := 1
	type patch struct{ part, old, new string }
	var patches []patch
	bomb := 0
	for n, line := range strings.Split(spec, "\n") {
		line = strings.TrimSpace(line)
		if line == "" || strings.HasPrefix(line, "//") {
			continue
		}
		head, rest, _ := strings.Cut(line, " ")
		var err error
		switch {
		case head == "sheet" && first:
			err = f.SetSheetName(sheet, rest)
			sheet, first = rest, false
		case head == "sheet":
			_, err = f.NewSheet(rest)
			sheet = rest
			sheets++
		case head == "rows" || head == "after":
			part := fmt.Sprintf("xl/worksheets/sheet%d.xml", sheets)
			if head == "rows" {
				patches = append(patches, patch{part, "</sheetData>", rest + "</sheetData>"})
			} else {
				patches = append(patches, patch{part, "</sheetData>", "</sheetData>" + rest})
			}
		case head == "bomb":
			bomb, err = strconv.Atoi(rest)
		case head == "merge":
			a, b, _ := strings.Cut(rest, ":")
			err = f.MergeCell(sheet, a, b)
		default:
			err = setCell(f, sheet, head, rest)
		}
		if err != nil {
			return nil, fmt.Errorf("line %d: %v", n+1, err)
		}
	}
	var b bytes.Buffer
	if _, err := f.WriteTo(&b); err != nil {
		return nil, err
	}
	if len(patches) == 0 && bomb == 0 {
		return b.Bytes(), nil
	}
	zr, err := zip.NewReader(bytes.NewReader(b.Bytes()), int64(b.Len()))
	if err != nil {
		return nil, err
	}
	var out bytes.Buffer
	zw := zip.NewWriter(&out)
	for _, zf := range zr.File {
		r, err := zf.Open()
		if err != nil {
			return nil, err
		}
		body, err := io.ReadAll(r)
		if err != nil {
			return nil, err
		}
		for _, p := range patches {
			if p.part == zf.Name {
				body = bytes.Replace(body, []byte(p.old), []byte(p.new), 1)
			}
		}
		w, err := zw.Create(zf.Name)
		if err != nil {
			return nil, err
		}
		w.Write(body)
	}
	if bomb > 0 {
		w, err := zw.Create("xl/media/bomb.bin")
		if err != nil {
			return nil, err
		}
		w.Write(make([]byte, bomb))
	}
	if err := zw.Close(); err != nil {
		return nil, err
	}
	return out.Bytes(), nil
}

// catXLSX lists the non-empty cells of every sheet, with formulas and the
// values excelize computes for them.
func catXLSX(path string) (string, error) {
	f, err := excelize.OpenFile(path)
	if err != nil {
		return "", err
	}
	defer f.Close()
	var b strings.Builder
	for _, sheet := range f.GetSheetList() {
		rows, err := f.GetRows(sheet, excelize.Options{RawCellValue: true})
		if err != nil {
			return "", err
		}
		for r, row := range rows {
			for c := range row {
				ref, _ := excelize.CoordinatesToCellName(c+1, r+1)
				formula, _ := f.GetCellFormula(sheet, ref)
				switch {
				case formula != "":
					v, err := f.CalcCellValue(sheet, ref)
					if err != nil {
						v = "error: " + err.Error()
					}
					fmt.Fprintf(&b, "%s!%s =%s -> %s\n", sheet, ref, formula, v)
				case row[c] != "":
					fmt.Fprintf(&b, "%s!%s %s\n", sheet, ref, row[c])
				}
			}
		}
	}
	return b.String(), nil
}

// setCell writes one cell as the spec says: #number, %percent, @date,
// =formula, "quoted text" or text. A percentage or a date keeps the
// cell's own style when it has one (a template's input cell).
func setCell(f *excelize.File, sheet, cell, v string) error {
	styled := func(numFmt int) error {
		if id, _ := f.GetCellStyle(sheet, cell); id != 0 {
			return nil
		}
		id, err := f.NewStyle(&excelize.Style{NumFmt: numFmt})
		if err != nil {
			return err
		}
		return f.SetCellStyle(sheet, cell, cell, id)
	}
	switch {
	case strings.HasPrefix(v, "#"):
		n, err := strconv.ParseFloat(v[1:], 64)
		if err != nil {
			return err
		}
		return f.SetCellValue(sheet, cell, n)
	case strings.HasPrefix(v, "%"):
		n, err := strconv.ParseFloat(v[1:], 64)
		if err != nil {
			return err
		}
		if err := f.SetCellValue(sheet, cell, n); err != nil {
			return err
		}
		return styled(9)
	case strings.HasPrefix(v, "@"):
		t, err := time.Parse(time.DateOnly, v[1:])
		if err != nil {
			return err
		}
		if err := f.SetCellValue(sheet, cell, t); err != nil {
			return err
		}
		return styled(14)
	case strings.HasPrefix(v, "="):
		return f.SetCellFormula(sheet, cell, v[1:])
	case strings.HasPrefix(v, `"`):
		s, err := strconv.Unquote(v)
		if err != nil {
			return err
		}
		return f.SetCellStr(sheet, cell, s)
	}
	return f.SetCellStr(sheet, cell, v)
}
