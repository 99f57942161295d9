package eval

import (
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"math"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/piano-plan/piano/lang"
	"gopkg.in/yaml.v3"
)

// EData is the diagnostic code of every problem found while reading a data
// file, except its size (lang.ELimit).
const EData lang.Code = "E300" // a data file that cannot be read as data

// MaxDataSize is the largest data file Piano reads, in bytes. A file of
// actual values is usually a few kilobytes; the limit keeps a wrong path (a
// database dump, a video) from filling memory.
var MaxDataSize = 16 << 20

// maxData is MaxDataSize, within what positions can address.
func maxData() int { return min(MaxDataSize, lang.MaxFileSize) }

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
}

// Where is the place of d as file:line:col.
func (d Datum) Where() string { return lang.Where(d.File, d.Source) }

// String formats d as a data file writes it: 712, 3.4, 2021-10-28, N/D or
// not done.
func (d Datum) String() string {
	switch d.Kind {
	case NumberDatum:
		return strconv.FormatFloat(d.Number, 'g', -1, 64)
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
	DriverEntry    EntryKind = iota // from the YAML "drivers" section, or a CSV kind column saying driver
	IndicatorEntry                  // from the YAML "indicators" section, or a CSV kind column saying indicator
	AnyEntry                        // a CSV row without a kind column: a driver, or an indicator when no driver has that code (the caller decides)
)

func (k EntryKind) String() string {
	switch k {
	case DriverEntry:
		return "driver"
	case IndicatorEntry:
		return "indicator"
	case AnyEntry:
		return "any"
	}
	return "EntryKind(" + strconv.Itoa(int(k)) + ")"
}

// Entry is one value for one code and year. ParseData never returns two
// entries with the same kind, code and year.
type Entry struct {
	Kind      EntryKind
	Code      string
	CodeRange lang.Range // where the code is written, in Value.File
	Year      int
	Value     Datum
}

// ParseData reads a data file: YAML (.yaml, .yml) or CSV (.csv), chosen by
// the file name's extension, in any letter case. It returns the entries it
// could read, in file order, and every problem found; an entry with a problem
// is left out. It never panics.
func ParseData(filename string, text []byte) ([]Entry, lang.Diagnostics) {
	r := &dataReader{src: newDataSource(filename, text), seen: map[dataKey]lang.Range{}}
	ext := strings.ToLower(filepath.Ext(filename))
	switch {
	case len(text) > maxData():
		return nil, lang.Diagnostics{tooBig(filename, int64(len(text)))}
	case ext != ".yaml" && ext != ".yml" && ext != ".csv":
		summary := fmt.Sprintf("unknown data file type %q", ext)
		if ext == "" {
			summary = "data file name has no extension"
		}
		r.errorf(r.src.start(), summary,
			"Piano reads data files written in YAML (.yaml, .yml) or CSV (.csv) and tells them apart by the file name's extension.",
			"rename the file to end in .yaml or .csv")
	case !utf8.Valid(text):
		r.invalidUTF8()
	case len(bytes.TrimSpace(bytes.TrimPrefix(text, utf8BOM))) == 0:
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

// LoadData reads and parses a data file from disk. The error is for a file
// that cannot be read at all; problems in its text come back as diagnostics.
// A file larger than MaxDataSize is not read: text and entries are nil and
// the one diagnostic says so.
func LoadData(path string) (text []byte, entries []Entry, diags lang.Diagnostics, err error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, nil, nil, fmt.Errorf("cannot read data file: %w", err)
	}
	defer f.Close()
	if fi, err := f.Stat(); err == nil && fi.Mode().IsRegular() && fi.Size() > int64(maxData()) {
		return nil, nil, lang.Diagnostics{tooBig(path, fi.Size())}, nil
	}
	text, err = io.ReadAll(io.LimitReader(f, int64(maxData())+1))
	if err != nil {
		return nil, nil, nil, fmt.Errorf("cannot read data file: %w", err)
	}
	if len(text) > maxData() {
		return nil, nil, lang.Diagnostics{tooBig(path, -1)}, nil
	}
	entries, diags = ParseData(path, text)
	return text, entries, diags, nil
}

// tooBig is the diagnostic for a file over MaxDataSize; size < 0 means unknown.
func tooBig(filename string, size int64) *lang.Diagnostic {
	detail := fmt.Sprintf("The file is larger than %d bytes, the most Piano reads as a data file.", maxData())
	if size >= 0 {
		detail = fmt.Sprintf("The file is %d bytes; Piano reads data files of up to %d bytes.", size, maxData())
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

// ---- positions

var utf8BOM = []byte("\uFEFF")

// dataSource maps the line and column positions that the YAML and CSV
// readers report to lang positions with byte offsets.
type dataSource struct {
	filename string
	text     []byte
	lines    []int // byte offset where each line starts; line 1 starts after a byte order mark
}

func newDataSource(filename string, text []byte) *dataSource {
	s := &dataSource{filename: filename, text: text, lines: []int{0}}
	if bytes.HasPrefix(text, utf8BOM) {
		s.lines[0] = len(utf8BOM)
	}
	for i, c := range text {
		if c == '\n' {
			s.lines = append(s.lines, i+1)
		}
	}
	return s
}

// lineEnd is the offset of the end of line (its '\n', or the end of text).
func (s *dataSource) lineEnd(line int) int {
	if line < len(s.lines) {
		return s.lines[line] - 1
	}
	return len(s.text)
}

// clampLine keeps line within the file.
func (s *dataSource) clampLine(line int) int {
	return min(max(line, 1), len(s.lines))
}

// pos converts a 1-based line and character column (as yaml.v3 counts them)
// into a Pos; a place beyond the end of its line is moved to the line end.
func (s *dataSource) pos(line, col int) lang.Pos {
	line = s.clampLine(line)
	off, end, c := s.lines[line-1], s.lineEnd(line), 1
	for ; c < col && off < end; c++ {
		_, size := utf8.DecodeRune(s.text[off:end])
		off += size
	}
	return lang.MakePos(off, line, c)
}

// bytePos converts a 1-based line and byte column (as encoding/csv counts
// them, from the very start of the line) into a Pos.
func (s *dataSource) bytePos(line, bcol int) lang.Pos {
	line = s.clampLine(line)
	start, end := s.lines[line-1], s.lineEnd(line)
	raw := start
	if line == 1 {
		raw = 0
	}
	off := min(max(raw+bcol-1, start), end)
	for off > start && off < len(s.text) && !utf8.RuneStart(s.text[off]) {
		off--
	}
	return lang.MakePos(off, line, 1+utf8.RuneCount(s.text[start:off]))
}

// start is the range of the first character of the file.
func (s *dataSource) start() lang.Range {
	p := s.pos(1, 1)
	return lang.Range{Start: p, End: p}
}

// at is the empty range at p.
func (s *dataSource) at(p lang.Pos) lang.Range {
	return lang.Range{Start: p, End: p}
}

// span is the range of written at p, when the text there is written as is
// on one line, and the empty range at p otherwise.
func (s *dataSource) span(p lang.Pos, written string) lang.Range {
	r := s.at(p)
	if written != "" && !strings.ContainsAny(written, "\r\n") && bytes.HasPrefix(s.text[p.Offset:], []byte(written)) {
		r.End = p.Advance(written)
	}
	return r
}

// nodeRange is the range of a YAML node: the whole of a one-line scalar,
// quotes included, or the first character of anything else.
func (s *dataSource) nodeRange(n *yaml.Node) lang.Range {
	p := s.pos(n.Line, n.Column)
	switch {
	case n.Kind == yaml.AliasNode:
		return s.span(p, "*"+n.Value)
	case n.Kind != yaml.ScalarNode || n.Anchor != "" || n.Style&yaml.TaggedStyle != 0:
		return s.at(p)
	case n.Style&(yaml.DoubleQuotedStyle|yaml.SingleQuotedStyle) != 0:
		return s.quoted(p)
	case n.Style&(yaml.LiteralStyle|yaml.FoldedStyle) != 0:
		return s.at(p)
	}
	return s.span(p, n.Value)
}

// quoted is the range of the quoted string that starts at p, when it closes
// on the same line.
func (s *dataSource) quoted(p lang.Pos) lang.Range {
	start, end := int(p.Offset), s.lineEnd(int(p.Line))
	if start >= end {
		return s.at(p)
	}
	q := s.text[start]
	for i := start + 1; i < end; i++ {
		switch c := s.text[i]; {
		case c == '\\' && q == '"':
			i++
		case c == q && q == '\'' && i+1 < end && s.text[i+1] == '\'':
			i++
		case c == q:
			return s.span(p, string(s.text[start:i+1]))
		}
	}
	return s.at(p)
}

// ---- values

var (
	yearRE     = regexp.MustCompile(`^[1-9][0-9]{3}$`)
	numberRE   = regexp.MustCompile(`^[-+]?([0-9]+(\.[0-9]*)?|\.[0-9]+)([eE][-+]?[0-9]+)?$`)
	leadZeroRE = regexp.MustCompile(`^[-+]?0[0-9]+$`)
	dateRE     = regexp.MustCompile(`^[0-9]{4}-[0-9]{2}-[0-9]{2}$`)
	// Dates written another way, for hints.
	looseISORE = regexp.MustCompile(`^([0-9]{4})[-/.]([0-9]{1,2})[-/.]([0-9]{1,2})$`)
	dayFirstRE = regexp.MustCompile(`^([0-9]{1,2})[-/.]([0-9]{1,2})[-/.]([0-9]{4})$`)
	dateTimeRE = regexp.MustCompile(`^([0-9]{4}-[0-9]{1,2}-[0-9]{1,2})([Tt]|[ \t]+)[0-9]`)
	// Numbers written the Italian way: 1.234,5 or 3,40.
	commaRE           = regexp.MustCompile(`^[-+]?([0-9]{1,3}(\.[0-9]{3})+(,[0-9]+)?|[0-9]+,[0-9]+)$`)
	italianNumberRE   = regexp.MustCompile(`^[-+]?([0-9]+|[1-9][0-9]{0,2}(\.[0-9]{3})+)(,[0-9]+)?$`)
	italianDateRE     = regexp.MustCompile(`^([0-9]{1,2})/([0-9]{1,2})/([0-9]{4})$`)
	percentRE         = regexp.MustCompile(`^([-+]?[0-9.,]*[0-9])[ \t]*%$`)
	notAvailableWords = map[string]bool{"nd": true, "n.d.": true, "n.d": true, "na": true, "n/a": true, "n.a.": true, "-": true, "--": true, "—": true, "?": true, "null": true, "none": true}
)

// dataProblem is what is wrong with a value, before it gets a position.
type dataProblem struct {
	summary, detail, hint string
}

const valueHint = "write a number such as 712 or -18.12, a date such as 2021-10-28, or N/D when the value is not available"

func notAValue(what, is string) *dataProblem {
	return &dataProblem{"value is not a number, a date or N/D",
		fmt.Sprintf("%s is %s, which is not a number, a date written YYYY-MM-DD, or N/D.", what, is), valueHint}
}

func missingValue(what string) *dataProblem {
	return &dataProblem{"value is missing", what + " is empty.", "write N/D when the value is not available"}
}

// isNotAvailable reports whether s says "not available". N/D is accepted in
// any letter case, since spreadsheets and people write n/d as often.
func isNotAvailable(s string) bool { return strings.EqualFold(s, "N/D") }

// notDoneWords are the ways a data file says that the work was never done,
// in any letter case and spacing: English, and the Italian of a scheda
// (attività non svolta, obiettivo non svolto).
var notDoneWords = []string{"not done", "non svolto", "non svolta"}

// isNotDone reports whether s says "not done".
func isNotDone(s string) bool {
	return slices.Contains(notDoneWords, strings.ToLower(strings.Join(strings.Fields(s), " ")))
}

// numberFormat is how a data file writes numbers.
type numberFormat int

const (
	// dotNumbers is the default: 1234.5, a dot for decimals and no
	// thousands separator; 2.610 is refused, being Italian thousands to a
	// person and 2.61 to a program.
	dotNumbers numberFormat = iota
	// italianNumbers is declared by a YAML file's numbers: italian, and
	// implied by a CSV separated by semicolons: 1.234,5 is 1234.5, 2.610 is
	// 2610, and a dot that does not separate thousands (2.5) is refused.
	// Dates may also be written day first, 31/10/2021.
	italianNumbers
)

// textDatum reads a value written as text: N/D, not done, a date
// YYYY-MM-DD, or (when numberOK) a number in the file's format nf. what
// names the value in messages ("The value of D1.1_2 for 2021").
func textDatum(s string, numberOK bool, nf numberFormat, what string) (Datum, *dataProblem) {
	s = strings.TrimSpace(s)
	switch {
	case s == "":
		return Datum{}, missingValue(what)
	case isNotAvailable(s):
		return Datum{Kind: NotAvailableDatum}, nil
	case isNotDone(s):
		return Datum{Kind: NotDoneDatum}, nil
	case dateRE.MatchString(s):
		t, err := time.Parse(time.DateOnly, s)
		if err != nil {
			return Datum{}, &dataProblem{"not a calendar date",
				fmt.Sprintf("%s is %s, written YYYY-MM-DD, but no such day exists.", what, s), "check the day and the month"}
		}
		return Datum{Kind: DateDatum, Date: t}, nil
	case nf == italianNumbers && italianDateRE.MatchString(s):
		return italianDate(s, what)
	case numberOK && nf == italianNumbers:
		return italianNumber(s, what)
	case numberOK && thousandsProblem(s, what) != nil:
		return Datum{}, thousandsProblem(s, what)
	case numberRE.MatchString(s):
		f, err := strconv.ParseFloat(s, 64)
		if err != nil || math.IsInf(f, 0) {
			return Datum{}, outOfRange(what, s)
		}
		if !numberOK {
			return Datum{}, &dataProblem{"number is written as text",
				fmt.Sprintf("%s is %q, written as text (in quotes) rather than as a number.", what, s), "remove the quotes: " + s}
		}
		return Datum{Kind: NumberDatum, Number: f}, nil
	}
	return Datum{}, badText(s, nf, what)
}

// italianNumber reads a number of a file in Italian format: digits with an
// optional decimal comma, and dots only between groups of three digits.
func italianNumber(s, what string) (Datum, *dataProblem) {
	if !italianNumberRE.MatchString(s) {
		if numberRE.MatchString(s) && !strings.ContainsAny(s, "eE") {
			return Datum{}, &dataProblem{"number is written with a decimal dot in an Italian file",
				fmt.Sprintf("%s is %s; this file writes numbers the Italian way, where a dot separates thousands and a comma decimals, and the dot of %s does not separate thousands.", what, s, s),
				"write " + strings.ReplaceAll(s, ".", ",") + " for a decimal"}
		}
		return Datum{}, badText(s, italianNumbers, what)
	}
	f, err := strconv.ParseFloat(strings.ReplaceAll(strings.ReplaceAll(s, ".", ""), ",", "."), 64)
	if err != nil || math.IsInf(f, 0) {
		return Datum{}, outOfRange(what, s)
	}
	return Datum{Kind: NumberDatum, Number: f}, nil
}

// italianDate reads a date written day first, 31/10/2021, in a file in
// Italian format.
func italianDate(s, what string) (Datum, *dataProblem) {
	m := italianDateRE.FindStringSubmatch(s)
	t, err := time.Parse("2006-1-2", m[3]+"-"+m[2]+"-"+m[1])
	if err != nil {
		return Datum{}, &dataProblem{"not a calendar date",
			fmt.Sprintf("%s is %s, written day/month/year, but no such day exists.", what, s), "check the day and the month"}
	}
	return Datum{Kind: DateDatum, Date: t}, nil
}

func notFinite(what, s string) *dataProblem {
	return &dataProblem{"value is not a finite number",
		fmt.Sprintf("%s is %s, which stands for infinity or not-a-number.", what, s),
		"write a number, or N/D when the value is not available"}
}

func outOfRange(what, s string) *dataProblem {
	return &dataProblem{"number is out of range",
		fmt.Sprintf("%s is %s, beyond the largest number Piano can hold (about 1.8e308).", what, s),
		"check the value and its unit"}
}

// badText explains a value that is none of the accepted forms, with a hint
// for the usual mistakes.
func badText(s string, nf numberFormat, what string) *dataProblem {
	if m := dateTimeRE.FindStringSubmatch(s); m != nil {
		p := &dataProblem{"date has a time of day",
			fmt.Sprintf("%s is %s; a data file gives the day only.", what, s), "write the day alone, as YYYY-MM-DD"}
		if d, ok := isoDate(m[1]); ok {
			p.hint = "write the day alone: " + d
		}
		return p
	}
	if m := looseISORE.FindStringSubmatch(s); m != nil {
		return badDate(s, what, m[1], m[2], m[3])
	}
	if m := dayFirstRE.FindStringSubmatch(s); m != nil {
		return badDate(s, what, m[3], m[2], m[1])
	}
	if commaRE.MatchString(s) && nf == dotNumbers {
		n := strings.ReplaceAll(strings.ReplaceAll(s, ".", ""), ",", ".")
		return &dataProblem{"number is written with a decimal comma",
			fmt.Sprintf("%s is %s; this file writes numbers with a dot for decimals and no thousands separator.", what, s),
			"write " + n + ", or declare the Italian number format: numbers: italian in a YAML file, a semicolon between CSV fields"}
	}
	if m := percentRE.FindStringSubmatch(s); m != nil {
		return &dataProblem{"value has a % sign",
			fmt.Sprintf("%s is %s; the plan's unit already says whether a value is a percentage.", what, s),
			"write the number without %: " + m[1]}
	}
	switch strings.TrimLeft(strings.ToLower(s), "+-") {
	case "inf", ".inf", "infinity", "nan", ".nan":
		return notFinite(what, s)
	}
	p := notAValue(what, strconv.Quote(s))
	if notAvailableWords[strings.ToLower(s)] {
		p.hint = "write N/D for a value that is not available"
	}
	return p
}

// badDate explains a date written in another order or without leading zeros.
func badDate(s, what, y, m, d string) *dataProblem {
	p := &dataProblem{"date is not written YYYY-MM-DD",
		fmt.Sprintf("%s is %s; data files write dates as year-month-day with four, two and two digits.", what, s),
		"dates are written YYYY-MM-DD, such as 2021-10-31"}
	if iso, ok := isoDate(y + "-" + m + "-" + d); ok {
		p.hint = "dates are written YYYY-MM-DD: " + iso
	}
	return p
}

// isoDate returns s as YYYY-MM-DD if it is a calendar date written Y-M-D.
func isoDate(s string) (string, bool) {
	t, err := time.Parse("2006-1-2", s)
	if err != nil {
		return "", false
	}
	return t.Format(time.DateOnly), true
}

// ---- YAML

var yamlKeys = []string{"year", "numbers", "drivers", "indicators"}

const yamlEmptyHint = "write drivers: and indicators: sections, with one CODE: VALUE per line under them"

// yamlYearNone and yamlYearBad are the states of the top-level year besides
// a valid year.
const (
	yamlYearNone = 0
	yamlYearBad  = -1
)

func (r *dataReader) readYAML() {
	doc := r.yamlDocument()
	if doc == nil || r.refuseAliases(doc) {
		return
	}
	root := doc
	if doc.Kind == yaml.DocumentNode {
		if len(doc.Content) == 0 {
			r.errorf(r.src.start(), "empty data file", "The file holds no values.", yamlEmptyHint)
			return
		}
		root = doc.Content[0]
	}
	hint := `write year:, drivers: and indicators: at the start of their lines, with one "CODE: VALUE" per line under drivers: and indicators:`
	if looksLikePlan(r.src.text) {
		hint = "this looks like a plan: give it to piano as the .plan file, and the actual values in a separate data file"
	}
	switch {
	case root.Kind == yaml.ScalarNode && root.ShortTag() == "!!null":
		r.errorf(r.src.start(), "empty data file", "The file holds no values.", yamlEmptyHint)
		return
	case root.Kind == yaml.SequenceNode:
		r.errorf(r.src.nodeRange(root), "data file is a list, not a mapping",
			"A YAML data file is a mapping with the keys year, drivers and indicators; this file is a list of items.", hint)
		return
	case root.Kind != yaml.MappingNode:
		r.errorf(r.src.nodeRange(root), "data file is not a mapping",
			"A YAML data file is a mapping with the keys year, drivers and indicators; this file holds a single piece of text.", hint)
		return
	}

	// The year applies to scalar values wherever it is written, so read it first.
	year, firstKey := yamlYearNone, map[string]*yaml.Node{}
	pairs := root.Content
	for i := 0; i+1 < len(pairs); i += 2 {
		k, v := pairs[i], pairs[i+1]
		if k.Kind != yaml.ScalarNode {
			r.errorf(r.src.nodeRange(k), "top-level key is not a name",
				"The top level of a data file has the keys year, numbers, drivers and indicators.", "write year:, drivers: or indicators:")
			continue
		}
		switch k.Value {
		case "year", "numbers", "drivers", "indicators":
			if first := yamlKeyAt(firstKey, k); first != nil {
				detail := fmt.Sprintf("%s: is first written on line %d. ", k.Value, first.Line)
				if k.Value == "year" || k.Value == "numbers" {
					r.errorf(r.src.nodeRange(k), "year is given twice", detail+"This one is ignored.", "keep one year: line")
				} else {
					r.errorf(r.src.nodeRange(k), k.Value+" is given twice", detail+"Both are read.", "keep one "+k.Value+": section")
				}
				continue
			}
			switch k.Value {
			case "year":
				year = r.yamlYear(v, "The year of the data file", "")
			case "numbers":
				r.yamlNumbers(v)
			}
		default:
			hint := `the top level has only year:, numbers:, drivers: and indicators:; codes go under drivers: or indicators:`
			if s := lang.Suggest(k.Value, yamlKeys); s != "" {
				hint = "did you mean " + s + "?"
			} else if strings.EqualFold(k.Value, "anno") {
				hint = "did you mean year?"
			}
			r.errorf(r.src.nodeRange(k), fmt.Sprintf("unknown key %q", k.Value),
				"The top level of a data file has the keys year, numbers, drivers and indicators.", hint)
		}
	}
	for i := 0; i+1 < len(pairs) && !r.stopped; i += 2 {
		k, v := pairs[i], pairs[i+1]
		if k.Kind != yaml.ScalarNode {
			continue
		}
		switch k.Value {
		case "drivers":
			r.yamlSection(DriverEntry, k, v, year)
		case "indicators":
			r.yamlSection(IndicatorEntry, k, v, year)
		}
	}
}

// yamlNumbers reads the number format a YAML file declares.
func (r *dataReader) yamlNumbers(v *yaml.Node) {
	if v.Kind == yaml.ScalarNode && (v.Value == "italian" || v.Value == "italiano") {
		r.nf = italianNumbers
		return
	}
	r.errorf(r.src.nodeRange(v), "unknown number format",
		"numbers: declares how the file writes numbers; the only format to declare is italian (1.234,5), since the default is 1234.5.",
		"write numbers: italian, or remove the line to write numbers as 1234.5")
}

// yamlKeyAt remembers the first node of each top-level key and returns it
// when k repeats one.
func yamlKeyAt(first map[string]*yaml.Node, k *yaml.Node) *yaml.Node {
	if prev, ok := first[k.Value]; ok {
		return prev
	}
	first[k.Value] = k
	return nil
}

// yamlDocument parses the text into its first YAML document, reporting
// syntax errors and further documents. It returns nil when there is nothing
// to read.
func (r *dataReader) yamlDocument() (doc *yaml.Node) {
	defer func() {
		// yaml.v3 has panicked on some malformed inputs in the past: report
		// it as a problem in the file rather than crash.
		if v := recover(); v != nil {
			r.errorf(r.src.start(), "the YAML reader failed on this file",
				fmt.Sprintf("The YAML library stopped with an internal error (%v).", v), "check the file's syntax")
		}
	}()
	dec := yaml.NewDecoder(bytes.NewReader(r.src.text))
	var first yaml.Node
	switch err := dec.Decode(&first); {
	case err == io.EOF:
		r.errorf(r.src.start(), "empty data file", "The file holds only comments.", yamlEmptyHint)
		return nil
	case err != nil:
		r.yamlSyntaxError(err)
		return nil
	}
	doc = &first
	var next yaml.Node
	switch err := dec.Decode(&next); {
	case err == nil:
		r.errorf(r.src.at(r.src.pos(next.Line, next.Column)), "more than one YAML document",
			"A line --- starts a second YAML document; a data file is one document, and only the first was read.",
			"remove the --- line, or split the file in two")
	case err != io.EOF:
		r.yamlSyntaxError(err)
	}
	return doc
}

var (
	yamlLineRE   = regexp.MustCompile(`^line ([0-9]+): `)
	yamlAnchorRE = regexp.MustCompile(`^unknown anchor '(.*)' referenced$`)
)

// yamlSyntaxError turns a yaml.v3 error ("yaml: line 3: could not find
// expected ':'") into a diagnostic at the start of that line.
func (r *dataReader) yamlSyntaxError(err error) {
	msg := strings.TrimPrefix(err.Error(), "yaml: ")
	line := 1
	if m := yamlLineRE.FindStringSubmatch(msg); m != nil {
		line, _ = strconv.Atoi(m[1])
		msg = msg[len(m[0]):]
	}
	if m := yamlAnchorRE.FindStringSubmatch(msg); m != nil {
		// An alias whose anchor is missing: refuse it like any alias.
		p := r.src.start()
		if i := bytes.Index(r.src.text, []byte("*"+m[1])); i >= 0 {
			l := bytes.Count(r.src.text[:i], []byte{'\n'}) + 1
			p = r.src.span(r.src.bytePos(l, i-(bytes.LastIndexByte(r.src.text[:i], '\n')+1)+1), "*"+m[1])
		}
		r.errorf(p, "YAML aliases are not allowed", aliasDetail, aliasHint)
		return
	}
	hint := "check the indentation and the quotes on this line and the one before"
	switch {
	case looksLikePlan(r.src.text):
		hint = "this looks like a plan: give it to piano as the .plan file, and the actual values in a separate data file"
	case strings.Contains(msg, "could not find expected ':'"):
		hint = `write one "CODE: VALUE" per line, with a colon and a space between them`
	case strings.Contains(msg, "mapping values are not allowed"):
		hint = `put each "CODE: VALUE" on its own line, and quote a value that holds ": "`
	case strings.Contains(msg, "found character that cannot start any token"):
		hint = "indent with spaces, not tabs, and quote a value that starts with @ or `"
	}
	p := r.src.pos(line, 1)
	r.errorf(r.src.at(p), "invalid YAML: "+msg,
		fmt.Sprintf("The file is not valid YAML, so none of its values were read. The YAML reader stopped on line %d; the mistake may be on a line before.", p.Line),
		hint)
}

const (
	aliasDetail = "Anchors (&name) and aliases (*name) make one value stand for another; a data file writes every value out, so Piano refuses them and reads nothing from the file."
	aliasHint   = "write the value itself wherever it is needed"
)

// refuseAliases reports the first anchor or alias in the document, without
// following any alias, and says whether there was one.
func (r *dataReader) refuseAliases(doc *yaml.Node) bool {
	var first *yaml.Node
	count := 0
	var walk func(n *yaml.Node)
	walk = func(n *yaml.Node) {
		if n.Kind == yaml.AliasNode || n.Anchor != "" {
			if count++; first == nil {
				first = n
			}
		}
		if n.Kind == yaml.AliasNode {
			return
		}
		for _, c := range n.Content {
			walk(c)
		}
	}
	walk(doc)
	if first == nil {
		return false
	}
	rng := r.src.nodeRange(first)
	if first.Kind != yaml.AliasNode {
		rng = r.src.span(rng.Start, "&"+first.Anchor)
	}
	detail := aliasDetail
	if count > 1 {
		detail += fmt.Sprintf(" The file has %d anchors and aliases; this is the first.", count)
	}
	r.errorf(rng, "YAML anchors and aliases are not allowed", detail, aliasHint)
	return true
}

// looksLikePlan reports whether text seems to be a .plan file.
func looksLikePlan(text []byte) bool {
	for _, line := range strings.Split(string(text), "\n") {
		line = strings.TrimSpace(line)
		if strings.HasPrefix(line, `plan "`) || strings.HasPrefix(line, "baseline years ") || strings.HasPrefix(line, "target years ") {
			return true
		}
	}
	return false
}

// yamlYear reads a 4-digit year from a scalar node; it returns yamlYearBad
// after reporting a problem.
func (r *dataReader) yamlYear(n *yaml.Node, what, hint string) int {
	if n.Kind == yaml.ScalarNode && (n.ShortTag() == "!!int" || n.ShortTag() == "!!str") && yearRE.MatchString(n.Value) {
		y, _ := strconv.Atoi(n.Value)
		return y
	}
	is := "empty"
	switch {
	case n.Kind == yaml.MappingNode:
		is = "a mapping"
	case n.Kind == yaml.SequenceNode:
		is = "a list"
	case n.ShortTag() != "!!null":
		is = strconv.Quote(n.Value)
	}
	if hint == "" {
		hint = "write the year with four digits, such as 2021"
	}
	r.errorf(r.src.nodeRange(n), "not a 4-digit year", fmt.Sprintf("%s is %s; years are written with four digits.", what, is), hint)
	return yamlYearBad
}

// yamlSection reads the codes and values under drivers: or indicators:.
func (r *dataReader) yamlSection(kind EntryKind, key, n *yaml.Node, year int) {
	switch {
	case n.Kind == yaml.ScalarNode && n.ShortTag() == "!!null":
		return // an empty section
	case n.Kind == yaml.SequenceNode:
		r.errorf(r.src.nodeRange(n), key.Value+" is a list, not a mapping",
			fmt.Sprintf("Under %s: each line is a code, a colon and its value; a dash makes a list item.", key.Value),
			`remove the dashes: write "CODE: VALUE" indented under `+key.Value+":")
		return
	case n.Kind != yaml.MappingNode:
		r.errorf(r.src.nodeRange(n), key.Value+" holds no codes",
			fmt.Sprintf("Under %s: each line is a code, a colon and its value.", key.Value),
			`write "CODE: VALUE" on its own indented line under `+key.Value+":")
		return
	}
	for i := 0; i+1 < len(n.Content) && !r.stopped; i += 2 {
		k, v := n.Content[i], n.Content[i+1]
		code := k.Value
		switch {
		case k.Kind != yaml.ScalarNode:
			r.errorf(r.src.nodeRange(k), "code is not a name",
				fmt.Sprintf("Under %s: each key is the code of a %s.", key.Value, kind), "write the code, such as D1.1_2, before the colon")
			continue
		case strings.TrimSpace(code) == "": // a key written NULL or ~ is a code as written
			r.errorf(r.src.nodeRange(k), "code is missing", "A value has no code before its colon.", "write the code, such as D1.1_2, before the colon")
			continue
		case strings.ContainsAny(code, "\r\n"):
			r.errorf(r.src.nodeRange(k), "code spans lines", fmt.Sprintf("The code %q holds a line break.", code), "write the code on one line")
			continue
		}
		codeRange := r.src.nodeRange(k)
		switch v.Kind {
		case yaml.MappingNode:
			for j := 0; j+1 < len(v.Content) && !r.stopped; j += 2 {
				yk, yv := v.Content[j], v.Content[j+1]
				y := r.yamlYear(yk, fmt.Sprintf("A key under %s", code), fmt.Sprintf("map years to values: %s: {2021: 30, 2020: 202}", code))
				d, ok := r.yamlDatum(yv, fmt.Sprintf("The value of %s for %s", code, yk.Value))
				if y == yamlYearBad || !ok {
					continue
				}
				r.add(Entry{Kind: kind, Code: code, CodeRange: codeRange, Year: y, Value: d}, r.src.nodeRange(yk))
			}
		case yaml.SequenceNode:
			r.errorf(r.src.nodeRange(v), "value is a list",
				fmt.Sprintf("The value of %s is a list; a code has one value, or one value per year.", code),
				fmt.Sprintf("for values by year write %s: {2021: 30, 2020: 202}", code))
		default:
			d, ok := r.yamlDatum(v, "The value of "+code)
			if ok && year == yamlYearNone {
				r.errorf(r.src.nodeRange(v), "value without a year",
					fmt.Sprintf("The value of %s has no year, and the file sets no year: for such values.", code),
					fmt.Sprintf("add year: 2021 at the top of the file, or write %s: {2021: %s}", code, v.Value))
				continue
			}
			if !ok || year == yamlYearBad {
				continue
			}
			r.add(Entry{Kind: kind, Code: code, CodeRange: codeRange, Year: year, Value: d}, codeRange)
		}
	}
}

// yamlDatum reads one value node. It reports a problem and returns false
// when the node is not a number, a date or N/D.
func (r *dataReader) yamlDatum(n *yaml.Node, what string) (Datum, bool) {
	rng := r.src.nodeRange(n)
	var d Datum
	var p *dataProblem
	switch tag := n.ShortTag(); {
	case n.Kind == yaml.MappingNode:
		p = &dataProblem{"value is a mapping", what + " is a mapping; a year has one value.", "write one value, such as 2021: 30"}
	case n.Kind == yaml.SequenceNode:
		p = &dataProblem{"value is a list", what + " is a list; a year has one value.", "write one value, such as 2021: 30"}
	case n.Kind != yaml.ScalarNode:
		p = notAValue(what, "not a value")
	case n.Style&(yaml.LiteralStyle|yaml.FoldedStyle) != 0:
		p = notAValue(what, "a block of text")
	case tag == "!!null":
		p = missingValue(what)
	case tag == "!!bool":
		p = notAValue(what, n.Value+", a yes/no value")
	case tag == "!!int" || tag == "!!float":
		d, p = yamlNumber(n.Value, r.nf, what)
	case tag == "!!timestamp":
		d, p = textDatum(n.Value, false, r.nf, what)
	case tag == "!!str":
		plain := n.Style&(yaml.DoubleQuotedStyle|yaml.SingleQuotedStyle|yaml.TaggedStyle) == 0
		d, p = textDatum(n.Value, plain, r.nf, what)
	default:
		p = notAValue(what, fmt.Sprintf("a value tagged %s", tag))
	}
	if p != nil {
		r.problem(rng, p)
		return Datum{}, false
	}
	d.File, d.Source = r.src.filename, rng
	return d, true
}

// yamlNumber reads a scalar that YAML resolved as a number. Only plain
// decimal forms are taken: YAML also reads 0x1F, 0o17, 1_000 and (for
// compatibility with YAML 1.1) 012 as octal, which in a table of actual
// values is almost always a slip. In a file in Italian format, YAML's
// number 2.610 is read as the Italian 2610.
func yamlNumber(v string, nf numberFormat, what string) (Datum, *dataProblem) {
	switch strings.ToLower(strings.TrimLeft(v, "+-")) {
	case ".inf", ".nan":
		return Datum{}, notFinite(what, v)
	}
	if nf == italianNumbers {
		return italianNumber(v, what)
	}
	if p := thousandsProblem(v, what); p != nil {
		return Datum{}, p
	}
	if !numberRE.MatchString(v) {
		p := &dataProblem{"number is not written in decimal",
			fmt.Sprintf("%s is %s; data files take plain decimal numbers such as 712, 3.4 or -18.12.", what, v),
			"write the number in decimal digits"}
		if i, err := strconv.ParseInt(strings.ReplaceAll(v, "_", ""), 0, 64); err == nil {
			p.hint = "write " + strconv.FormatInt(i, 10)
		}
		return Datum{}, p
	}
	if leadZeroRE.MatchString(v) {
		digits := strings.TrimLeft(strings.TrimLeft(v, "+-"), "0")
		if digits == "" {
			digits = "0"
		}
		if strings.HasPrefix(v, "-") {
			digits = "-" + digits
		}
		return Datum{}, &dataProblem{"number has a leading zero",
			fmt.Sprintf("%s is %s; YAML reads some numbers with a leading zero as octal (012 is 10).", what, v),
			"write " + digits}
	}
	f, err := strconv.ParseFloat(v, 64)
	if err != nil || math.IsInf(f, 0) {
		return Datum{}, outOfRange(what, v)
	}
	return Datum{Kind: NumberDatum, Number: f}, nil
}

// ---- CSV

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
