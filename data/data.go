// Package data reads the actual values of a plan's drivers and indicators
// from data files: YAML (yaml.go), CSV (csv.go) and Excel workbooks
// (xlsx.go), taking bytes, with every value positioned in its file (a
// workbook's values at their cell, Dati!C12). It owns the value forms (value.go): numbers
// in the default or the Italian format, dates, N/D and not done. It knows
// nothing of plans: eval binds the entries to a checked plan and computes.
package data

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/piano-plan/piano/internal/safefile"
	"github.com/piano-plan/piano/lang"
)

// EData is the diagnostic code of every problem found while reading a data
// file, except its size (lang.ELimit).
const EData lang.Code = "E300" // a data file that cannot be read as data

// DefaultMaxSize is the largest data file Piano reads by default, in bytes.
// A file of actual values is usually a few kilobytes; the limit keeps a
// wrong path (a database dump, a video) from filling memory.
const DefaultMaxSize = 16 << 20

// limit is maxSize, or DefaultMaxSize when maxSize is 0 or less, within
// what positions can address.
func limit(maxSize int) int {
	if maxSize <= 0 {
		maxSize = DefaultMaxSize
	}
	return min(maxSize, lang.MaxFileSize)
}

// maxDataProblems is how many problems ParseData reports before it stops
// reading, so that a file of the wrong kind does not flood the terminal.
const maxDataProblems = 100

// DatumKind tells what a Datum holds.
type DatumKind int

const (
	NumberDatum       DatumKind = iota
	DateDatum                   // the day a deadline indicator's work was completed
	NotAvailableDatum           // N/D
	NotDoneDatum                // "not done" (non svolto): the work was never done; scores 0%
)

func (k DatumKind) String() string {
	switch k {
	case NumberDatum:
		return "number"
	case DateDatum:
		return "date"
	case NotAvailableDatum:
		return "N/D"
	case NotDoneDatum:
		return "not done"
	}
	return "DatumKind(" + strconv.Itoa(int(k)) + ")"
}

// Datum is one actual value and where it was read.
type Datum struct {
	Kind   DatumKind
	Number float64    // NumberDatum: always finite
	Date   time.Time  // DateDatum: midnight UTC
	File   string     // the data file it was read from
	Source lang.Range // where File writes it
	Cell   string     // in a workbook, the cell (Dati!C12); Source then holds its row and column number
}

// Where is the place of d as file:line:col, or file:Sheet!C12 in a workbook.
func (d Datum) Where() string { return lang.WhereCell(d.File, d.Cell, d.Source) }

// String formats d as a data file writes it: 712, 3.4, 2021-10-28, N/D or
// not done.
func (d Datum) String() string {
	switch d.Kind {
	case NumberDatum:
		return lang.Plain(d.Number)
	case DateDatum:
		return d.Date.Format(time.DateOnly)
	case NotDoneDatum:
		return "not done"
	}
	return "N/D"
}

// EntryKind says what an entry's code names.
type EntryKind int

const (
	DriverEntry      EntryKind = iota // from the YAML "drivers" section, or a CSV kind column saying driver
	IndicatorEntry                    // from the YAML "indicators" section, or a CSV kind column saying indicator
	AnyEntry                          // a CSV row without a kind column: a driver, or an indicator when no driver has that code (the caller decides)
	NeutralisedEntry                  // from the YAML "neutralised" section: an indicator left out for the year (Entry.Neutral)
	BehaviourEntry                    // from the YAML "behaviours" section: a scheda's behaviour score, on the SMVP's scale
)

func (k EntryKind) String() string {
	switch k {
	case DriverEntry:
		return "driver"
	case IndicatorEntry:
		return "indicator"
	case AnyEntry:
		return "any"
	case NeutralisedEntry:
		return "neutralised"
	case BehaviourEntry:
		return "behaviour score"
	}
	return "EntryKind(" + strconv.Itoa(int(k)) + ")"
}

// Entry is one value for one code and year. ParseData never returns two
// entries with the same kind, code and year.
type Entry struct {
	Kind      EntryKind
	Code      string
	CodeRange lang.Range // where the code is written, in Value.File
	CodeCell  string     // in a workbook, the cell of the code
	Year      int
	Value     Datum // NeutralisedEntry: N/D, placed at the entry
	Neutral   *Neutralisation
}

// Neutralisation is the decision (sterilizzazione) that leaves an indicator
// out of the evaluation of one year, for causes the office does not
// control: why, and who decided it. It is not in the plan: the OIV decides
// it after the year, in a data file.
type Neutralisation struct {
	Reason, DecidedBy string
}

// extHint is what to do with a data file of an unknown extension.
func extHint(ext string) string {
	switch ext {
	case ".xls", ".xlsm", ".xlsb", ".ods":
		return "save the workbook as Excel workbook (.xlsx)"
	}
	return "rename the file to end in .yaml, .csv or .xlsx"
}

// Parse reads a data file: YAML (.yaml, .yml), CSV (.csv) or an Excel
// workbook (.xlsx, xlsx.go), chosen by the
// file name's extension, in any letter case. It returns the entries it could
// read, in file order, and every problem found; an entry with a problem is
// left out. A text over maxSize bytes (0: DefaultMaxSize) is refused. It
// never panics.
func Parse(filename string, text []byte, maxSize int) ([]Entry, lang.Diagnostics) {
	return ParseAs(filename, "", text, maxSize)
}

// ParseAs is Parse with the format given ("yaml" or "csv") rather than
// told by the name's extension, for standard input and other files whose
// name says nothing; "" means by the extension.
func ParseAs(filename, format string, text []byte, maxSize int) ([]Entry, lang.Diagnostics) {
	r := &dataReader{src: newDataSource(filename, text), seen: map[dataKey]lang.Range{}}
	ext := strings.ToLower(filepath.Ext(filename))
	if format != "" {
		ext = "." + strings.ToLower(format)
	}
	switch {
	case len(text) > limit(maxSize):
		return nil, lang.Diagnostics{tooBig(filename, int64(len(text)), limit(maxSize))}
	case ext == ".xlsx":
		r.entries, r.diags = parseXLSX(filename, text, limit(maxSize))
		return r.entries, r.diags
	case ext != ".yaml" && ext != ".yml" && ext != ".csv":
		summary := fmt.Sprintf("unknown data file type %q", ext)
		if ext == "" {
			summary = "data file name has no extension"
		}
		r.errorf(r.src.start(), summary,
			"Piano reads data files written in YAML (.yaml, .yml), CSV (.csv) or Excel workbooks (.xlsx) and tells them apart by the file name's extension.",
			extHint(ext))
	case !utf8.Valid(text):
		r.invalidUTF8()
	case len(bytes.TrimSpace(bytes.TrimPrefix(text, []byte("\uFEFF")))) == 0:
		hint := yamlEmptyHint
		if ext == ".csv" {
			hint = "write the header code,year,value and then one row per code and year"
		}
		r.errorf(r.src.start(), "empty data file", "The file holds no values.", hint)
	case ext == ".csv":
		r.readCSV()
	default:
		r.readYAML()
	}
	r.diags.Sort()
	return r.entries, r.diags
}

// Load reads and parses a data file from disk. The error is for a file
// that cannot be read at all; problems in its text come back as diagnostics.
// A file larger than maxSize bytes (0: DefaultMaxSize) is not read: text
// and entries are nil and the one diagnostic says so.
func Load(path string, maxSize int) (text []byte, entries []Entry, diags lang.Diagnostics, err error) {
	max := limit(maxSize)
	f, err := os.Open(path)
	if err != nil {
		return nil, nil, nil, fmt.Errorf("cannot read data file: %w", err)
	}
	defer f.Close()
	if fi, err := f.Stat(); err == nil && fi.Mode().IsRegular() && fi.Size() > int64(max) {
		return nil, nil, lang.Diagnostics{tooBig(path, fi.Size(), max)}, nil
	}
	text, err = safefile.ReadAtMost(f, max)
	if err != nil {
		return nil, nil, nil, fmt.Errorf("cannot read data file: %w", err)
	}
	if len(text) > max {
		return nil, nil, lang.Diagnostics{tooBig(path, -1, max)}, nil
	}
	entries, diags = Parse(path, text, max)
	return text, entries, diags, nil
}

// tooBig is the diagnostic for a file over max bytes; size < 0 means unknown.
func tooBig(filename string, size int64, max int) *lang.Diagnostic {
	detail := fmt.Sprintf("The file is larger than %d bytes, the most Piano reads as a data file.", max)
	if size >= 0 {
		detail = fmt.Sprintf("The file is %d bytes; Piano reads data files of up to %d bytes.", size, max)
	}
	p := lang.Pos{Line: 1, Column: 1}
	return &lang.Diagnostic{Severity: lang.Error, Code: lang.ELimit, Summary: "data file is too large", Detail: detail,
		Hint: "check the path (a data file lists one value per code and year and is usually a few kilobytes), or raise --max-data-size",
		File: filename, Subject: lang.Range{Start: p, End: p}}
}

// dataKey identifies an entry for duplicate detection.
type dataKey struct {
	kind EntryKind
	code string
	year int
}

// dataReader holds the state of one ParseData call.
type dataReader struct {
	src     *dataSource
	entries []Entry
	diags   lang.Diagnostics
	seen    map[dataKey]lang.Range // where each kind, code and year was first given
	stopped bool                   // maxDataProblems reached
	nf      numberFormat           // how the file writes numbers
}

// errorf records a problem at r, unless too many have been recorded already.
func (r *dataReader) errorf(rng lang.Range, summary, detail, hint string) {
	if r.stopped {
		return
	}
	if len(r.diags) == maxDataProblems {
		r.stopped = true
		summary, hint = "too many problems; stopped reading", "fix the problems above and run again"
		detail = fmt.Sprintf("Piano stops after %d problems in one data file: the file may not be a data file at all.", maxDataProblems)
	}
	r.diags = append(r.diags, &lang.Diagnostic{Severity: lang.Error, Code: EData, Summary: summary, Detail: detail, Hint: hint,
		File: r.src.filename, Subject: rng})
}

func (r *dataReader) problem(rng lang.Range, p *dataProblem) {
	r.errorf(rng, p.summary, p.detail, p.hint)
}

// add keeps e unless its kind, code and year were given before; where is
// the range a duplicate is reported at.
func (r *dataReader) add(e Entry, where lang.Range) {
	k := dataKey{e.Kind, e.Code, e.Year}
	if first, dup := r.seen[k]; dup {
		r.errorf(where, fmt.Sprintf("%s has two values for %d", e.Code, e.Year),
			fmt.Sprintf("The first value of %s for %d is on line %d, at %s; a code has one value per year.", e.Code, e.Year, first.Start.Line, lang.Where(r.src.filename, first)),
			"keep one of the two values")
		return
	}
	r.seen[k] = where
	r.entries = append(r.entries, e)
}

func (r *dataReader) invalidUTF8() {
	off := 0
	for off < len(r.src.text) {
		c, size := utf8.DecodeRune(r.src.text[off:])
		if c == utf8.RuneError && size <= 1 {
			break
		}
		off += size
	}
	line := bytes.Count(r.src.text[:off], []byte{'\n'}) + 1
	start := bytes.LastIndexByte(r.src.text[:off], '\n') + 1
	p := r.src.bytePos(line, off-start+1)
	r.errorf(lang.Range{Start: p, End: p}, "the file is not valid UTF-8 text",
		fmt.Sprintf("Byte 0x%02x at offset %d is not part of any UTF-8 character.", r.src.text[off], off),
		`save the file as UTF-8 (in a spreadsheet, choose "CSV UTF-8")`)
}
