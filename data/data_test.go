package data

import (
	"bytes"
	"flag"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/google/go-cmp/cmp"
	"github.com/piano-plan/piano/lang"
	"github.com/rogpeppe/go-internal/txtar"
)

var updateData = flag.Bool("update-data", false, "rewrite the want sections of testdata/data/*.txtar")

const dataGoldenDir = "../testdata/data"

// TestDataGolden reads the input of each archive in testdata/data and
// compares the entries and the rendered diagnostics with its want section.
func TestDataGolden(t *testing.T) {
	paths, err := filepath.Glob(filepath.Join(dataGoldenDir, "*.txtar"))
	if err != nil || len(paths) == 0 {
		t.Fatalf("no golden cases in %s (%v)", dataGoldenDir, err)
	}
	for _, path := range paths {
		t.Run(strings.TrimSuffix(filepath.Base(path), ".txtar"), func(t *testing.T) {
			a, err := txtar.ParseFile(path)
			if err != nil {
				t.Fatal(err)
			}
			in, want := dataArchive(t, a)
			entries, diags := Parse(in.Name, in.Data, 0)
			checkDataResult(t, in.Data, entries, diags)
			got := renderData(entries, diags, in.Name, in.Data)
			if *updateData {
				want.Data = []byte(got)
				if err := os.WriteFile(path, txtar.Format(a), 0o666); err != nil {
					t.Fatal(err)
				}
				return
			}
			if diff := cmp.Diff(string(want.Data), got); diff != "" {
				t.Errorf("%s: output differs (-want +got); run go test ./eval -run Data -update-data to accept:\n%s", path, diff)
			}
		})
	}
}

// dataArchive returns the input file of a golden archive and its want
// section, which it adds when missing.
func dataArchive(t *testing.T, a *txtar.Archive) (in, want *txtar.File) {
	for i := range a.Files {
		if a.Files[i].Name == "want" {
			want = &a.Files[i]
		} else if in == nil {
			in = &a.Files[i]
		}
	}
	if in == nil {
		t.Fatal("archive has no input file")
	}
	if want == nil {
		a.Files = append(a.Files, txtar.File{Name: "want"})
		in, want = &a.Files[0], &a.Files[len(a.Files)-1]
	}
	return in, want
}

// renderData prints entries one a line (kind code year value @line:col),
// then the diagnostics as the CLI prints them.
func renderData(entries []Entry, diags lang.Diagnostics, name string, text []byte) string {
	var b strings.Builder
	for _, e := range entries {
		fmt.Fprintf(&b, "%s %q %d %s @%d:%d\n", e.Kind, e.Code, e.Year, e.Value, e.Value.Source.Start.Line, e.Value.Source.Start.Column)
	}
	lang.WriteText(&b, diags, lang.Sources{name: text})
	return b.String()
}

// checkDataResult checks the invariants that every caller relies on: every
// position is inside the file with a consistent offset, line and column,
// numbers are finite, dates are midnight UTC, and no kind, code and year
// comes twice.
func checkDataResult(t *testing.T, text []byte, entries []Entry, diags lang.Diagnostics) {
	t.Helper()
	for _, d := range diags {
		checkDataRange(t, "diagnostic "+d.Summary, text, d.Subject)
		if d.Code != EData && d.Code != lang.ELimit {
			t.Errorf("diagnostic %q has code %s", d.Summary, d.Code)
		}
		if d.Summary == "" {
			t.Errorf("diagnostic at %s has no summary", d.Where())
		}
	}
	seen := map[dataKey]bool{}
	for _, e := range entries {
		checkDataRange(t, "code "+e.Code, text, e.CodeRange)
		checkDataRange(t, "value of "+e.Code, text, e.Value.Source)
		if k := (dataKey{e.Kind, e.Code, e.Year}); seen[k] {
			t.Errorf("%s %s %d given twice", e.Kind, e.Code, e.Year)
		} else {
			seen[k] = true
		}
		if e.Code == "" || e.Year < 1000 || e.Year > 9999 {
			t.Errorf("bad entry %+v", e)
		}
		switch e.Value.Kind {
		case NumberDatum:
			if math.IsInf(e.Value.Number, 0) || math.IsNaN(e.Value.Number) {
				t.Errorf("%s: number %v", e.Code, e.Value.Number)
			}
		case DateDatum:
			if d := e.Value.Date; d.Location() != time.UTC || d.Hour()+d.Minute()+d.Second()+d.Nanosecond() != 0 {
				t.Errorf("%s: date %v is not midnight UTC", e.Code, d)
			}
		}
	}
}

// checkDataRange checks that r is in the file and that the offsets agree
// with the lines and columns (columns count runes; a byte order mark at the
// start of the file takes no column).
func checkDataRange(t *testing.T, what string, text []byte, r lang.Range) {
	t.Helper()
	for _, p := range []lang.Pos{r.Start, r.End} {
		if p.Line < 1 || p.Column < 1 || p.Offset < 0 || int(p.Offset) > len(text) {
			t.Errorf("%s: position %+v outside the file", what, p)
			return
		}
		lineStart := bytes.LastIndexByte(text[:p.Offset], '\n') + 1
		if lineStart == 0 && bytes.HasPrefix(text, utf8BOM) && int(p.Offset) >= len(utf8BOM) {
			lineStart = len(utf8BOM)
		}
		line := bytes.Count(text[:lineStart], []byte{'\n'}) + 1
		col := utf8.RuneCount(text[lineStart:p.Offset]) + 1
		if line != int(p.Line) || col != int(p.Column) {
			t.Errorf("%s: position %+v, but its offset is at %d:%d", what, p, line, col)
		}
	}
	if r.End.Offset < r.Start.Offset {
		t.Errorf("%s: range %+v ends before it starts", what, r)
	}
}

// TestParseDataValues pins the values read, beyond their printed form.
func TestParseDataValues(t *testing.T) {
	day := func(y int, m time.Month, d int) time.Time { return time.Date(y, m, d, 0, 0, 0, 0, time.UTC) }
	type want struct {
		kind  EntryKind
		code  string
		year  int
		value Datum // without Source
	}
	num := func(f float64) Datum { return Datum{Kind: NumberDatum, Number: f} }
	date := func(t time.Time) Datum { return Datum{Kind: DateDatum, Date: t} }
	na := Datum{Kind: NotAvailableDatum}
	tests := []struct {
		name, file, text string
		want             []want
	}{
		{"yaml scalars", "d.yaml", "year: 2021\ndrivers:\n  A: 712\n  B: -18.12\n  C: 2021-10-28\n  D: '2021-10-31'\n  E: N/D\n  F: n/D\n  G: 0\n",
			[]want{{DriverEntry, "A", 2021, num(712)}, {DriverEntry, "B", 2021, num(-18.12)}, {DriverEntry, "C", 2021, date(day(2021, 10, 28))},
				{DriverEntry, "D", 2021, date(day(2021, 10, 31))}, {DriverEntry, "E", 2021, na}, {DriverEntry, "F", 2021, na}, {DriverEntry, "G", 2021, num(0)}}},
		{"yaml year map in file order", "d.yml", "indicators:\n  31.D1.1_1: {2021: 2021-09-04, 2020: N/D}\n",
			[]want{{IndicatorEntry, "31.D1.1_1", 2021, date(day(2021, 9, 4))}, {IndicatorEntry, "31.D1.1_1", 2020, na}}},
		{"yaml codes kept as written", "d.yaml", "year: 2021\ndrivers:\n  1.10: 1\n  12: 2\n  \"D3.1.1+20_2\": 3\n",
			[]want{{DriverEntry, "1.10", 2021, num(1)}, {DriverEntry, "12", 2021, num(2)}, {DriverEntry, "D3.1.1+20_2", 2021, num(3)}}},
		{"csv any", "d.CSV", "code,year,value\nD1.1_1,2021,712\n A ,2020, 2021-01-05 \nB,2019,n/d\n",
			[]want{{AnyEntry, "D1.1_1", 2021, num(712)}, {AnyEntry, "A", 2020, date(day(2021, 1, 5))}, {AnyEntry, "B", 2019, na}}},
		{"csv kind", "d.csv", "code,year,value,kind\nA,2021,1e3,DRIVER\nA,2021,.5,indicator\n",
			[]want{{DriverEntry, "A", 2021, num(1000)}, {IndicatorEntry, "A", 2021, num(0.5)}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			entries, diags := Parse(tt.file, []byte(tt.text), 0)
			if len(diags) > 0 {
				var b strings.Builder
				lang.WriteText(&b, diags, lang.Sources{tt.file: []byte(tt.text)})
				t.Fatalf("unexpected diagnostics:\n%s", b.String())
			}
			checkDataResult(t, []byte(tt.text), entries, diags)
			var got []want
			for _, e := range entries {
				v := e.Value
				v.File, v.Source = "", lang.Range{}
				got = append(got, want{e.Kind, e.Code, e.Year, v})
				if e.Value.File != tt.file {
					t.Errorf("%s: the value names file %q", e.Code, e.Value.File)
				}
			}
			if diff := cmp.Diff(tt.want, got, cmp.AllowUnexported(want{})); diff != "" {
				t.Errorf("entries (-want +got):\n%s", diff)
			}
		})
	}
}

// TestParseDataRanges pins where codes and values are said to be, carets
// included: a quoted code or value covers its quotes.
func TestParseDataRanges(t *testing.T) {
	tests := []struct {
		file, text string
		code, val  string // the source text under CodeRange and Value.Source
	}{
		{"d.yaml", "year: 2021\ndrivers:\n  \"Qualità\": 712\n", `"Qualità"`, "712"},
		{"d.yaml", "year: 2021\ndrivers:\n  'a''b': \"N/D\"\n", `'a''b'`, `"N/D"`},
		{"d.yaml", "drivers:\n  Città: {2021: 2021-10-28}\n", "Città", "2021-10-28"},
		{"d.csv", "code,year,value\n  Città ,2021,  \"3.4\"\n", "Città", "3.4"},
		{"d.csv", "\uFEFFcode,year,value\r\n\"a,b\",2021,N/D\r\n", "a,b", "N/D"},
	}
	for _, tt := range tests {
		entries, diags := Parse(tt.file, []byte(tt.text), 0)
		if len(diags) > 0 || len(entries) != 1 {
			t.Errorf("%q: %d entries, %d diagnostics", tt.text, len(entries), len(diags))
			continue
		}
		e := entries[0]
		under := func(r lang.Range) string { return tt.text[r.Start.Offset:r.End.Offset] }
		if got := under(e.CodeRange); got != tt.code {
			t.Errorf("%q: code range covers %q, want %q", tt.text, got, tt.code)
		}
		if got := under(e.Value.Source); got != tt.val {
			t.Errorf("%q: value range covers %q, want %q", tt.text, got, tt.val)
		}
	}
}

// TestParseDataRefusals pins problems that the golden files cannot hold
// well: bytes that are not UTF-8, and the cap on the number of problems.
func TestParseDataRefusals(t *testing.T) {
	var many strings.Builder
	many.WriteString("code,year,value\n")
	for i := range 300 {
		fmt.Fprintf(&many, "C%d,2021,x\n", i)
	}
	tests := []struct {
		name, file, text string
		n                int    // diagnostics
		last             string // summary of the last one
		at               string // its position
	}{
		{"latin-1 csv", "d.csv", "code,year,value\nCitt\xe0,2021,1\n", 1, "the file is not valid UTF-8 text", "d.csv:2:5"},
		{"utf-16 yaml", "d.yaml", "\xff\xfey\x00e\x00", 1, "the file is not valid UTF-8 text", "d.yaml:1:1"},
		{"no extension", "data", "year: 2021\n", 1, "data file name has no extension", "data:1:1"},
		{"too many problems", "d.csv", many.String(), maxDataProblems + 1, "too many problems; stopped reading", "d.csv:102:11"},
		{"too big", "d.yaml", strings.Repeat("#", DefaultMaxSize+1), 1, "data file is too large", "d.yaml:1:1"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			entries, diags := Parse(tt.file, []byte(tt.text), 0)
			checkDataResult(t, []byte(tt.text), entries, diags)
			if len(entries) != 0 || len(diags) != tt.n {
				t.Fatalf("%d entries and %d diagnostics, want 0 and %d", len(entries), len(diags), tt.n)
			}
			d := diags[len(diags)-1]
			if d.Summary != tt.last || d.Where() != tt.at {
				t.Errorf("last diagnostic %s: %s, want %s: %s", d.Where(), d.Summary, tt.at, tt.last)
			}
		})
	}
}

// TestParseDataAliasBomb checks that a deep alias bomb comes back at once
// with one error: aliases are never followed.
func TestParseDataAliasBomb(t *testing.T) {
	var b strings.Builder
	b.WriteString(`l0: &l0 ["lol","lol","lol","lol","lol","lol","lol","lol","lol","lol"]` + "\n")
	for i := 1; i <= 30; i++ {
		fmt.Fprintf(&b, "l%d: &l%d [%s]\n", i, i, strings.TrimSuffix(strings.Repeat(fmt.Sprintf("*l%d,", i-1), 10), ","))
	}
	b.WriteString("drivers:\n  D1: *l30\n")
	start := time.Now()
	entries, diags := Parse("bomb.yaml", []byte(b.String()), 0)
	if len(entries) != 0 || len(diags) != 1 || diags[0].Summary != "YAML anchors and aliases are not allowed" {
		t.Fatalf("%d entries, diagnostics %v", len(entries), diags)
	}
	if d := time.Since(start); d > 5*time.Second {
		t.Errorf("took %v", d)
	}
}

// TestLoad reads files from disk, and refuses a file over DefaultMaxSize
// before reading it.
func TestLoad(t *testing.T) {
	dir := t.TempDir()
	good := filepath.Join(dir, "actuals.yaml")
	if err := os.WriteFile(good, []byte("year: 2021\ndrivers:\n  D1.1_1: 712\n"), 0o666); err != nil {
		t.Fatal(err)
	}
	text, entries, diags, err := Load(good, 0)
	if err != nil || len(diags) != 0 || len(entries) != 1 || len(text) == 0 || entries[0].Value.File != good {
		t.Errorf("good file: %d bytes, entries %v, diagnostics %v, error %v", len(text), entries, diags, err)
	}

	if _, _, _, err := Load(filepath.Join(dir, "missing.csv"), 0); err == nil || !strings.HasPrefix(err.Error(), "cannot read data file: ") {
		t.Errorf("missing file: error %v", err)
	}

	big := filepath.Join(dir, "big.csv")
	f, err := os.Create(big)
	if err != nil {
		t.Fatal(err)
	}
	// A sparse file: no disk space used, and LoadData must not read it.
	if err := f.Truncate(int64(DefaultMaxSize) + 1); err != nil {
		t.Fatal(err)
	}
	f.Close()
	text, entries, diags, err = Load(big, 0)
	if err != nil || text != nil || entries != nil || len(diags) != 1 || diags[0].Code != lang.ELimit {
		t.Fatalf("big file: %d bytes, %d entries, diagnostics %v, error %v", len(text), len(entries), diags, err)
	}
	if want := big + ":1:1"; diags[0].Where() != want || diags[0].Detail != "The file is 16777217 bytes; Piano reads data files of up to 16777216 bytes." {
		t.Errorf("big file: %s: %s", diags[0].Where(), diags[0].Detail)
	}
}

// FuzzParseData checks that no input makes ParseData panic and that every
// position it returns is consistent and inside the file, read as YAML and as
// CSV.
func FuzzParseData(f *testing.F) {
	paths, _ := filepath.Glob(filepath.Join(dataGoldenDir, "*.txtar"))
	for _, path := range paths {
		a, err := txtar.ParseFile(path)
		if err != nil {
			continue
		}
		for _, file := range a.Files {
			if file.Name != "want" {
				f.Add(file.Data)
			}
		}
	}
	f.Fuzz(func(t *testing.T, text []byte) {
		for _, name := range []string{"fuzz.yaml", "fuzz.csv"} {
			entries, diags := Parse(name, text, 0)
			checkDataResult(t, text, entries, diags)
			if len(diags) > maxDataProblems+1 {
				t.Errorf("%s: %d diagnostics", name, len(diags))
			}
		}
	})
}

func TestThousandsInData(t *testing.T) {
	for _, v := range []string{"2.610", "18.450.000", "-1.435"} {
		if _, p := yamlNumber(v, dotNumbers, "The value"); p == nil || !strings.Contains(p.summary, "thousands") {
			t.Errorf("yamlNumber(%q) = %v, want a thousands problem", v, p)
		}
		if _, p := textDatum(v, true, dotNumbers, "The value"); p == nil || !strings.Contains(p.summary, "thousands") {
			t.Errorf("textDatum(%q) = %v, want a thousands problem", v, p)
		}
	}
	for _, v := range []string{"3.40", "0.500", "33.34", "2610"} {
		if _, p := yamlNumber(v, dotNumbers, "The value"); p != nil {
			t.Errorf("yamlNumber(%q) = %v, want a number", v, p)
		}
	}
}

// TestItalianNumbers pins how a file in Italian format reads its values:
// what a person reads, or a refusal.
func TestItalianNumbers(t *testing.T) {
	for _, tc := range []struct {
		text string
		want string // the value read, or the problem's summary
	}{
		{"1.234,5", "1234.5"},
		{"2.610", "2610"},
		{"12.956.300.000", "12956300000"},
		{"3,40", "3.4"},
		{"-0,5", "-0.5"},
		{"712", "712"},
		{"1234,56", "1234.56"},
		{"31/10/2021", "2021-10-31"},
		{"1/2/2021", "2021-02-01"},
		{"2021-10-31", "2021-10-31"},
		{"N/D", "N/D"},
		{"non svolta", "not done"},
		{"Not  Done", "not done"},
		{"2.5", "number is written with a decimal dot in an Italian file"},
		{"1234.567", "number is written with a decimal dot in an Italian file"},
		{"12.34.567", "value is not a number, a date or N/D"},
		{"31/02/2021", "not a calendar date"},
		{"57,5%", "value has a % sign"},
	} {
		d, p := textDatum(tc.text, true, italianNumbers, "The value")
		got := d.String()
		if p != nil {
			got = p.summary
		}
		if got != tc.want {
			t.Errorf("textDatum(%q, italian) = %s, want %s", tc.text, got, tc.want)
		}
	}
	// YAML resolves 2.610 as a number; in an Italian file it is 2610.
	if d, p := yamlNumber("2.610", italianNumbers, "The value"); p != nil || d.Number != 2610 {
		t.Errorf("yamlNumber(2.610, italian) = %v, %v; want 2610", d, p)
	}
	if _, p := yamlNumber("2.5", italianNumbers, "The value"); p == nil {
		t.Errorf("yamlNumber(2.5, italian) gave a number; want a refusal")
	}
}

var utf8BOM = []byte("\uFEFF")
