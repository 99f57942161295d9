package data

import (
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"
	"unicode"

	"github.com/piano-plan/piano/lang"
)

// csvColumns are the header names, in order; kind is optional.
var csvColumns = []string{"code", "year", "value", "kind"}

// csvItalian maps the Italian column names, which a CSV may use too, to the
// English ones.
var csvItalian = map[string]string{"codice": "code", "anno": "year", "valore": "value", "tipo": "kind"}

// csvField is one trimmed field and where its text is written.
type csvField struct {
	text string
	rng  lang.Range
}

func (r *dataReader) readCSV() {
	cr := csv.NewReader(bytes.NewReader(r.src.text))
	if semicolons(r.src.text) {
		// Italian Excel saves CSV with semicolons because the comma is
		// its decimal separator: such a file is in Italian format.
		cr.Comma, r.nf = ';', italianNumbers
	}
	cr.FieldsPerRecord = -1
	cr.TrimLeadingSpace = true // so that a quoted field may follow ", "
	cols, header := 0, true
	for !r.stopped {
		rec, err := cr.Read()
		if err == io.EOF {
			return
		}
		if err != nil {
			var pe *csv.ParseError
			if !errors.As(err, &pe) {
				r.errorf(r.src.start(), "the CSV reader failed", err.Error()+".", "")
				return
			}
			r.csvParseError(pe)
			header = false
			continue
		}
		fs := r.csvFields(cr, rec)
		if header {
			header = false
			var data bool
			if cols, data = r.csvHeader(fs); cols == 0 {
				return
			}
			if !data {
				continue
			}
		}
		if cols == 0 {
			return // the header line could not be read
		}
		r.csvRow(fs, cols)
	}
}

// semicolons reports whether the first line of a CSV file separates its
// fields with semicolons rather than commas.
func semicolons(text []byte) bool {
	line, _, _ := bytes.Cut(text, []byte{'\n'})
	return bytes.Count(line, []byte{';'}) > bytes.Count(line, []byte{','})
}

// csvFields trims the fields of the record just read and finds where their
// text is written.
func (r *dataReader) csvFields(cr *csv.Reader, rec []string) []csvField {
	fs := make([]csvField, len(rec))
	for i, raw := range rec {
		line, col := cr.FieldPos(i)
		p := r.src.bytePos(line, col)
		if i == 0 && line == 1 {
			raw = strings.TrimPrefix(raw, "\uFEFF") // bytePos starts line 1 after it
		}
		trimmed := strings.TrimSpace(raw)
		fs[i].text = trimmed
		fs[i].rng = r.src.at(p)
		if off := int(p.Offset); off < len(r.src.text) && r.src.text[off] == '"' {
			if strings.ContainsAny(raw, "\"\r\n") {
				continue // an escaped quote or a line break: point at the opening quote
			}
			p = p.Advance(`"`)
		}
		lead := raw[:len(raw)-len(strings.TrimLeftFunc(raw, unicode.IsSpace))]
		fs[i].rng = r.src.span(p.Advance(lead), trimmed)
	}
	return fs
}

// csvHeader checks the header line and returns the number of columns (0 if
// the header cannot be read) and whether the line is a row of data instead.
func (r *dataReader) csvHeader(fs []csvField) (cols int, data bool) {
	names := make([]string, len(fs))
	for i, f := range fs {
		names[i] = strings.ToLower(f.text)
		if en, ok := csvItalian[names[i]]; ok {
			names[i] = en
		}
	}
	if slices.Equal(names, csvColumns[:3]) || slices.Equal(names, csvColumns) {
		return len(fs), false
	}
	line := r.csvLine(fs)
	if (len(fs) == 3 || len(fs) == 4) && yearRE.MatchString(fs[1].text) {
		want := strings.Join(csvColumns[:len(fs)], ",")
		r.errorf(line, "the header line is missing",
			fmt.Sprintf("The first line of a CSV data file names its columns, %s; this line holds data.", want),
			"add the line "+want+" at the top of the file")
		return len(fs), true
	}
	detail := fmt.Sprintf("The first line names the columns: code,year,value, or code,year,value,kind. This line is %q.", strings.Join(names, ","))
	for i, name := range names {
		if i >= len(csvColumns) {
			r.errorf(fs[i].rng, "too many columns", detail, "remove the columns after kind")
			return 0, false
		}
		if name == csvColumns[i] {
			continue
		}
		hint := fmt.Sprintf("write %s here: the columns are code,year,value and optionally kind, in this order", csvColumns[i])
		if s := lang.Suggest(name, csvColumns); s != "" && s != name && !slices.Contains(csvColumns, name) {
			hint = "did you mean " + s + "?"
		}
		summary := fmt.Sprintf("unknown column %q", name)
		if name == "" {
			summary = "column name is missing"
		} else if slices.Contains(csvColumns, name) {
			summary = fmt.Sprintf("column %s is out of place", name)
		}
		r.errorf(fs[i].rng, summary, detail, hint)
		return 0, false
	}
	r.errorf(line, "columns are missing", detail, "write the header code,year,value")
	return 0, false
}

// csvLine is the range from the first to the last field of a row, when they
// are on one line.
func (r *dataReader) csvLine(fs []csvField) lang.Range {
	rng := fs[0].rng
	if last := fs[len(fs)-1].rng; last.End.Line == rng.Start.Line {
		rng.End = last.End
	}
	return rng
}

// csvRow reads one row of data.
func (r *dataReader) csvRow(fs []csvField, cols int) {
	if len(fs) != cols {
		hint := "write the missing fields; use N/D for a value that is not available"
		switch {
		case len(fs) < cols:
		case yearRE.MatchString(fs[1].text) && numberRE.MatchString(fs[2].text) && !strings.ContainsAny(fs[2].text, ".eE") && isDigits(fs[3].text):
			hint = fmt.Sprintf("a decimal comma splits the value in two: write %s.%s", fs[2].text, fs[3].text)
		case !yearRE.MatchString(fs[1].text) && yearRE.MatchString(fs[2].text):
			code := fs[0].text + "," + fs[1].text
			if a, b := fs[0].rng.Start, fs[1].rng.End; a.Line == b.Line {
				code = string(r.src.text[a.Offset:b.Offset])
			}
			hint = fmt.Sprintf("quote a code that holds a comma: %q", code)
		default:
			hint = `quote a field that holds a comma: "Controlli, Servizi"`
		}
		r.errorf(r.csvLine(fs), fmt.Sprintf("row has %d fields, expected %d", len(fs), cols),
			fmt.Sprintf("Every row has the %d fields of the header, %s.", cols, strings.Join(csvColumns[:cols], ",")), hint)
		return
	}
	code, yearText, valueText := fs[0].text, fs[1].text, fs[2].text
	ok := true
	if code == "" {
		r.errorf(fs[0].rng, "code is missing", "The row has no code in its first field.", "write the code of a driver or an indicator, such as D1.1_2")
		ok = false
	}
	year := 0
	if yearRE.MatchString(yearText) {
		year, _ = strconv.Atoi(yearText)
	} else {
		r.errorf(fs[1].rng, "not a 4-digit year", fmt.Sprintf("The year of %s is %s; years are written with four digits.", code, quoteOrEmpty(yearText)),
			"write the year with four digits, such as 2021")
		ok = false
	}
	what := "The value of " + code
	if year != 0 {
		what += " for " + yearText
	}
	d, p := textDatum(valueText, true, r.nf, what)
	if p != nil {
		r.problem(fs[2].rng, p)
		ok = false
	}
	kind := AnyEntry
	if cols == 4 {
		switch strings.ToLower(fs[3].text) {
		case "driver":
			kind = DriverEntry
		case "indicator", "indicatore":
			kind = IndicatorEntry
		default:
			hint := "write driver or indicator"
			if s := lang.Suggest(strings.ToLower(fs[3].text), []string{"driver", "indicator"}); s != "" {
				hint = "did you mean " + s + "?"
			}
			r.errorf(fs[3].rng, "kind is not driver or indicator",
				fmt.Sprintf("The kind of %s is %s; it says whether the code names a driver or an indicator.", code, quoteOrEmpty(fs[3].text)), hint)
			ok = false
		}
	}
	if !ok {
		return
	}
	d.File, d.Source = r.src.filename, fs[2].rng
	r.add(Entry{Kind: kind, Code: code, CodeRange: fs[0].rng, Year: year, Value: d}, fs[0].rng)
}

// quoteOrEmpty quotes s for a message, or says that it is empty.
func quoteOrEmpty(s string) string {
	if s == "" {
		return "empty"
	}
	return strconv.Quote(s)
}

func isDigits(s string) bool {
	return s != "" && strings.Trim(s, "0123456789") == ""
}

// csvParseError reports a quoting mistake that encoding/csv found.
func (r *dataReader) csvParseError(pe *csv.ParseError) {
	summary, detail, hint := pe.Err.Error(), fmt.Sprintf("The CSV reader stopped here: %s.", pe.Err), "check the quotes in this row"
	switch {
	case errors.Is(pe.Err, csv.ErrBareQuote):
		summary = `a " in a field that is not quoted`
		detail = `A " may appear only in a field that starts with ", and is written "" there.`
		hint = `quote the whole field and double the quotes inside it: "Servizi ""A"""`
	case errors.Is(pe.Err, csv.ErrQuote):
		summary = "a quoted field is not closed properly"
		detail = `A field that starts with " ends at the next single ", which must come right before a comma or the end of the line.`
		hint = `end a quoted field with " right before the comma, and double any " inside it`
	}
	if pe.StartLine != pe.Line {
		detail += fmt.Sprintf(" The row starts on line %d.", pe.StartLine)
	}
	r.errorf(r.src.at(r.src.bytePos(pe.Line, pe.Column)), summary, detail, hint)
}

// thousandsProblem reports a number written with Italian dots between
// thousands (2.610, 18.450.000), which is never read as a decimal.
func thousandsProblem(v, what string) *dataProblem {
	groups, ok := lang.ItalianThousands(strings.TrimLeft(v, "+-"))
	if !ok {
		return nil
	}
	digits := strings.TrimLeft(v, "+-")
	hint := "for thousands write " + strings.ReplaceAll(v, ".", "") + ", or declare the Italian number format (numbers: italian in a YAML file)"
	if groups == 1 {
		hint += "; if a decimal was meant, write " + strings.TrimSuffix(strings.TrimRight(digits, "0"), ".")
	}
	return &dataProblem{"number is written with a dot between thousands",
		fmt.Sprintf("%s is %s; this file writes a dot only for decimals, and no thousands separator.", what, v), hint}
}
