package pianotest

import (
	"bytes"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/piano-plan/piano/eval"
	"github.com/piano-plan/piano/internal/safefile"
	"github.com/piano-plan/piano/lang"
	"gopkg.in/yaml.v3"
)

// Codes of the diagnostics of piano test.
const (
	ETestFailed lang.Code = "E400" // an expectation not met
	EBadTest    lang.Code = "E401" // a test file that cannot be read as tests
)

// Suffix ends the name of every test file: NAME.test.yaml tests NAME.plan.
const Suffix = ".test.yaml"

// DefaultTolerance is how far, in percentage points, a score or an
// achievement may be from the expected one: the rounding of two decimals.
const DefaultTolerance = 0.005

// File is a test file read: its cases, and the problems of its text.
type File struct {
	Path string // as given: diagnostics name it
	Text []byte
	Plan string // the plan it tests: NAME.plan beside it
	// Cases are the cases read; a case with problems is left out.
	Cases []*Case
	// Diagnostics are the problems of the text (EBadTest): a file with
	// any is not run.
	Diagnostics lang.Diagnostics

	doc *yaml.Node
	lines
}

// Case is one case of a test file: data for a year and what the plan must
// give on them.
type Case struct {
	Name string
	Year int
	At   lang.Range // the case's name
	// DataFiles are the data files, relative to the current folder; empty
	// when the data are inline.
	DataFiles []string
	// Inline is the text of inline data, shaped as a data file and
	// positioned as in the test file (the rest of the file is blanked).
	Inline       []byte
	AllowMissing bool
	Tolerance    float64
	Expect       []*Expectation

	node     *yaml.Node // the case's mapping
	expect   *yaml.Node // its expect: mapping, nil when absent
	yearNode *yaml.Node
	dataNode *yaml.Node
}

// What an expectation asserts.
const (
	Score       = "score"
	Achievement = "achievement"
	StatusOf    = "status"
)

// Expectation is one expected result: the score, achievement or status of
// a node (the overall score when Code is PlanCode).
type Expectation struct {
	Code      string
	What      string      // Score, Achievement or StatusOf
	Number    *float64    // Score and Achievement: nil means N/D
	Status    eval.Status // StatusOf
	Tolerance float64
	At        lang.Range // the expected value in the test file

	node *yaml.Node // the value node, for Update
	key  *yaml.Node // the code (or plan:) it is written under
}

// PlanCode is the code of the overall score in expectations and reports.
const PlanCode = "PLAN"

// ReadFile reads a test file from disk. The error is for a file that
// cannot be read; problems in its text are the File's Diagnostics.
func ReadFile(path string) (*File, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("cannot read test file: %w", err)
	}
	defer f.Close()
	text, err := safefile.ReadAtMost(f, lang.MaxFileSize)
	if err != nil {
		return nil, fmt.Errorf("cannot read test file: %w", err)
	}
	return Parse(path, text), nil
}

// PlanFor is the plan a test file tests: NAME.plan for NAME.test.yaml.
func PlanFor(testFile string) string {
	return strings.TrimSuffix(testFile, Suffix) + ".plan"
}

// Parse reads a test file's text; path names it in diagnostics and data
// files are found relative to its folder.
func Parse(path string, text []byte) *File {
	f := &File{Path: path, Text: text, Plan: PlanFor(path), lines: newLines(text)}
	if len(text) > lang.MaxFileSize {
		f.errorf(lang.Range{}, "test file too large", fmt.Sprintf("A test file holds at most %d bytes.", lang.MaxFileSize), "split the cases over several test files")
		return f
	}
	if !utf8.Valid(text) {
		f.errorf(f.at(1, 1), "test file is not UTF-8 text", "A test file is YAML text in UTF-8.", "save the file as UTF-8")
		return f
	}
	f.read()
	f.Diagnostics.Sort()
	return f
}

func (f *File) read() {
	defer func() {
		if v := recover(); v != nil {
			f.errorf(f.at(1, 1), "the YAML reader failed on this file",
				fmt.Sprintf("The YAML library stopped with an internal error (%v).", v), "check the file's syntax")
		}
	}()
	var doc yaml.Node
	if err := yaml.Unmarshal(f.Text, &doc); err != nil {
		line := 1
		msg := strings.TrimPrefix(err.Error(), "yaml: ")
		if rest, ok := strings.CutPrefix(msg, "line "); ok {
			if n, after, ok := strings.Cut(rest, ": "); ok {
				if l, err := strconv.Atoi(n); err == nil {
					line, msg = l, after
				}
			}
		}
		f.errorf(f.at(line, 1), "invalid YAML: "+msg, "The test file is not valid YAML, so no case was run.", "check the indentation and the quotes on this line and the one before")
		return
	}
	if n := firstAlias(&doc); n != nil {
		f.errorf(f.nodeRange(n), "YAML anchors and aliases are not allowed", "Anchors (&name) and aliases (*name) make one value stand for another; a test file writes every value out.", "write the value itself wherever it is needed")
		return
	}
	f.doc = &doc
	if len(doc.Content) == 0 {
		f.errorf(f.at(1, 1), "empty test file", "The file holds no cases.", "write cases: with one - name: ... per case")
		return
	}
	root := doc.Content[0]
	if root.Kind != yaml.MappingNode {
		f.errorf(f.nodeRange(root), "test file is not a mapping", "A test file is a mapping with the key cases.", "write cases: with one - name: ... per case")
		return
	}
	var cases *yaml.Node
	f.mapping(root, []string{"cases"}, func(k, v *yaml.Node) {
		cases = v
	})
	if cases == nil && len(f.Diagnostics) == 0 {
		f.errorf(f.nodeRange(root), "no cases", "A test file lists its cases under cases:.", "write cases: with one - name: ... per case")
		return
	}
	if cases == nil {
		return
	}
	if cases.Kind != yaml.SequenceNode {
		f.errorf(f.nodeRange(cases), "cases is not a list", "cases: holds a list of cases, each starting with - name:.", "write each case as - name: ... under cases:")
		return
	}
	names := map[string]int{}
	for _, n := range cases.Content {
		c := f.readCase(n)
		if c == nil {
			continue
		}
		if line, dup := names[c.Name]; dup {
			f.errorf(c.At, fmt.Sprintf("two cases named %q", c.Name), fmt.Sprintf("The first is on line %d; reports and JUnit name cases by name.", line), "give each case its own name")
			continue
		}
		names[c.Name] = int(c.At.Start.Line)
		f.Cases = append(f.Cases, c)
	}
}

var caseKeys = []string{"name", "year", "data", "options", "tolerance", "expect"}

// readCase reads one case; nil when it has problems.
func (f *File) readCase(n *yaml.Node) *Case {
	if n.Kind != yaml.MappingNode {
		f.errorf(f.nodeRange(n), "a case is not a mapping", "Each case is a mapping with name, year, data and expect.", "write - name: ... with year:, data: and expect: under it")
		return nil
	}
	before := len(f.Diagnostics)
	c := &Case{node: n, Tolerance: DefaultTolerance}
	var expect, name *yaml.Node
	f.mapping(n, caseKeys, func(k, v *yaml.Node) {
		switch k.Value {
		case "name":
			if v.Kind != yaml.ScalarNode || strings.TrimSpace(v.Value) == "" {
				f.errorf(f.nodeRange(v), "the name of a case is not a text", "A case's name is one line of text.", `write name: "what the case shows"`)
				return
			}
			c.Name, c.At, name = v.Value, f.nodeRange(v), v
		case "year":
			c.yearNode = v
			y, err := strconv.Atoi(v.Value)
			if v.Kind != yaml.ScalarNode || err != nil || y < 1000 || y > 9999 {
				f.errorf(f.nodeRange(v), "the year is not a year", "A case evaluates one of the plan's target years, written with four digits.", "write year: 2021")
				return
			}
			c.Year = y
		case "data":
			c.dataNode = v
			f.readData(c, v)
		case "options":
			f.mapping(v, []string{"allow_missing"}, func(k, v *yaml.Node) {
				switch v.Value {
				case "true":
					c.AllowMissing = true
				case "false":
				default:
					f.errorf(f.nodeRange(v), "allow_missing is not true or false", "allow_missing: true makes values no data file gives warnings, as piano eval --allow-missing.", "write allow_missing: true or allow_missing: false")
				}
			})
		case "tolerance":
			if t, ok := f.tolerance(v); ok {
				c.Tolerance = t
			}
		case "expect":
			expect = v
		}
	})
	if name == nil {
		f.errorf(f.nodeRange(n), "a case has no name", "Reports and JUnit name cases by name.", `write name: "what the case shows"`)
	}
	if c.yearNode == nil {
		f.errorf(f.nodeRange(n), "a case has no year", "A case evaluates one of the plan's target years.", "write year: 2021")
	}
	if c.dataNode == nil {
		f.errorf(f.nodeRange(n), "a case has no data", "A case gives data inline (drivers:, indicators:) or as files.", "write data: [actuals.yaml], or data: with drivers: under it")
	}
	c.expect = expect
	if expect != nil {
		f.readExpect(c, expect)
	}
	if len(f.Diagnostics) > before {
		return nil
	}
	return c
}

// readData reads a case's data: a file name, a list of them, or a mapping
// shaped as a data file.
func (f *File) readData(c *Case, v *yaml.Node) {
	dir := filepath.Dir(f.Path)
	file := func(n *yaml.Node) {
		if n.Kind != yaml.ScalarNode || n.Value == "" || n.Tag == "!!null" {
			f.errorf(f.nodeRange(n), "a data file name is not a text", "data: lists data files, relative to the test file.", "write data: [actuals.yaml]")
			return
		}
		c.DataFiles = append(c.DataFiles, filepath.Join(dir, n.Value))
	}
	switch v.Kind {
	case yaml.ScalarNode:
		file(v)
	case yaml.SequenceNode:
		if len(v.Content) == 0 {
			f.errorf(f.nodeRange(v), "no data files", "data: lists data files, relative to the test file.", "write data: [actuals.yaml]")
		}
		for _, n := range v.Content {
			file(n)
		}
	case yaml.MappingNode:
		c.Inline = f.inline(c, v)
	default:
		f.errorf(f.nodeRange(v), "data are not a mapping or a list of files", "data: lists data files, or gives the values inline as a data file writes them.", "write data: [actuals.yaml], or data: with drivers: under it")
	}
}

// inline returns the text of inline data as a data file whose every value
// stands at its line and column in the test file: the rest of the file is
// blanked with spaces, and the case's year is added at the end when the
// data do not give one.
func (f *File) inline(c *Case, v *yaml.Node) []byte {
	hasYear := false
	for i := 0; i+1 < len(v.Content); i += 2 {
		if v.Content[i].Value == "year" {
			hasYear = true
		}
	}
	if v.Style&yaml.FlowStyle != 0 && !hasYear {
		f.errorf(f.nodeRange(v), "inline data in braces without a year", "Inline data written in braces must give their own year; in block style the case's year is used.", "write the data in block style, one key per line, or add year: inside the braces")
		return nil
	}
	start := f.offset(v.Line, v.Column)
	end := len(f.Text)
	if next := nextLine(f.doc, v); next > 0 {
		end = f.lineStart(next)
	}
	out := bytes.Repeat([]byte{' '}, len(f.Text))
	for i, b := range f.Text {
		if b == '\n' || b == '\r' {
			out[i] = b
		}
	}
	copy(out[start:end], f.Text[start:end])
	if !hasYear {
		if len(out) > 0 && out[len(out)-1] != '\n' {
			out = append(out, '\n')
		}
		out = fmt.Appendf(out, "%syear: %d\n", strings.Repeat(" ", v.Column-1), c.Year)
	}
	return out
}

// nextLine is the line of the first node after n's subtree in the
// document, 0 when there is none.
func nextLine(doc *yaml.Node, n *yaml.Node) int {
	var order []*yaml.Node
	var walk func(*yaml.Node)
	walk = func(x *yaml.Node) {
		order = append(order, x)
		for _, c := range x.Content {
			walk(c)
		}
	}
	walk(doc)
	last := n
	for len(last.Content) > 0 {
		last = last.Content[len(last.Content)-1]
	}
	j := slices.Index(order, last)
	for _, x := range order[j+1:] {
		if x.Line > last.Line {
			return x.Line
		}
	}
	return 0
}

// readExpect reads a case's expect: mapping.
func (f *File) readExpect(c *Case, v *yaml.Node) {
	f.mapping(v, []string{"plan", "nodes"}, func(k, v *yaml.Node) {
		switch k.Value {
		case "plan":
			if e := f.number(PlanCode, Score, v, c.Tolerance); e != nil {
				e.key = k
				c.Expect = append(c.Expect, e)
			}
		case "nodes":
			if v.Kind != yaml.MappingNode {
				f.errorf(f.nodeRange(v), "nodes is not a mapping", "nodes: maps node codes to their expected score, or to score:, achievement: and status:.", "write one CODE: SCORE per line under nodes:")
				return
			}
			for i := 0; i+1 < len(v.Content); i += 2 {
				f.readNode(c, v.Content[i], v.Content[i+1])
			}
		}
	})
}

// readNode reads the expectations of one node: a score, or a mapping.
func (f *File) readNode(c *Case, k, v *yaml.Node) {
	code := k.Value
	if v.Kind == yaml.ScalarNode {
		if e := f.number(code, Score, v, c.Tolerance); e != nil {
			e.key = k
			c.Expect = append(c.Expect, e)
		}
		return
	}
	tol := c.Tolerance
	for i := 0; i+1 < len(v.Content); i += 2 {
		if v.Content[i].Value == "tolerance" {
			if t, ok := f.tolerance(v.Content[i+1]); ok {
				tol = t
			}
		}
	}
	n := 0
	key := k
	f.mapping(v, []string{"score", "achievement", "status", "tolerance"}, func(k, v *yaml.Node) {
		switch k.Value {
		case "score", "achievement":
			n++
			if e := f.number(code, k.Value, v, tol); e != nil {
				e.key = key
				c.Expect = append(c.Expect, e)
			}
		case "status":
			n++
			s := eval.Status(strings.ReplaceAll(v.Value, "_", " "))
			if v.Kind != yaml.ScalarNode || !slices.Contains(statuses, s) {
				hint := "write one of: " + statusList()
				if sug := lang.Suggest(v.Value, statusNames()); sug != "" {
					hint = "did you mean " + sug + "?"
				}
				f.errorf(f.nodeRange(v), fmt.Sprintf("unknown status %q", v.Value), "A status is one of those piano eval gives.", hint)
				return
			}
			c.Expect = append(c.Expect, &Expectation{Code: code, What: StatusOf, Status: s, At: f.nodeRange(v), node: v, key: key})
		}
	})
	if n == 0 && v.Kind == yaml.MappingNode {
		f.errorf(f.nodeRange(k), "nothing expected of "+code, "A node's expectations are score:, achievement: or status:.", "write "+code+": {score: 100, status: achieved}")
	}
}

var statuses = []eval.Status{eval.Achieved, eval.Partial, eval.Missed, eval.NotAvailable, eval.NotAssessed, eval.MissingData, eval.Monitored}

func statusNames() []string {
	var s []string
	for _, st := range statuses {
		s = append(s, string(st))
	}
	return s
}

func statusList() string { return strings.Join(statusNames(), ", ") }

// number reads an expected score or achievement in percent: a number
// (93.71 or 93.71%), or N/D (or null) for none.
func (f *File) number(code, what string, v *yaml.Node, tol float64) *Expectation {
	e := &Expectation{Code: code, What: what, Tolerance: tol, At: f.nodeRange(v), node: v}
	if v.Kind != yaml.ScalarNode {
		f.errorf(f.nodeRange(v), fmt.Sprintf("the expected %s of %s is not a number", what, code), "A score or an achievement is a percentage, such as 93.71, or N/D.", "write "+what+": 93.71")
		return nil
	}
	if v.Value == "N/D" || v.Tag == "!!null" {
		return e
	}
	x, err := strconv.ParseFloat(strings.TrimSuffix(v.Value, "%"), 64)
	if err != nil || math.IsNaN(x) || math.IsInf(x, 0) {
		hint := "write " + what + ": 93.71, or N/D for none"
		if plain, ok := lang.DecimalComma(v.Value); ok {
			hint = "write " + plain
		}
		f.errorf(f.nodeRange(v), fmt.Sprintf("the expected %s of %s is not a number: %q", what, code, v.Value), "A score or an achievement is a percentage, such as 93.71, or N/D.", hint)
		return nil
	}
	e.Number = &x
	return e
}

func (f *File) tolerance(v *yaml.Node) (float64, bool) {
	t, err := strconv.ParseFloat(strings.TrimSuffix(v.Value, "%"), 64)
	if v.Kind != yaml.ScalarNode || err != nil || !(t >= 0 && t <= 100) {
		f.errorf(f.nodeRange(v), "the tolerance is not a number of percentage points", "A tolerance is how far a score may be from the expected one, in percentage points, from 0 to 100.", "write tolerance: 0.005")
		return 0, false
	}
	return t, true
}

// mapping calls fn for each pair of n, a mapping with the given keys,
// reporting other keys and keys given twice.
func (f *File) mapping(n *yaml.Node, keys []string, fn func(k, v *yaml.Node)) {
	if n.Kind != yaml.MappingNode {
		f.errorf(f.nodeRange(n), "not a mapping", "This place holds the keys "+strings.Join(keys, ", ")+".", "write one KEY: VALUE per line")
		return
	}
	seen := map[string]bool{}
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, v := n.Content[i], n.Content[i+1]
		switch {
		case !slices.Contains(keys, k.Value):
			hint := "the keys here are " + strings.Join(keys, ", ")
			if s := lang.Suggest(k.Value, keys); s != "" {
				hint = "did you mean " + s + "?"
			}
			f.errorf(f.nodeRange(k), fmt.Sprintf("unknown key %q", k.Value), "This place holds the keys "+strings.Join(keys, ", ")+".", hint)
		case seen[k.Value]:
			f.errorf(f.nodeRange(k), k.Value+" is given twice", "Each key is given once.", "keep one "+k.Value+":")
		default:
			seen[k.Value] = true
			fn(k, v)
		}
	}
}

func (f *File) errorf(r lang.Range, summary, detail, hint string) {
	f.Diagnostics = append(f.Diagnostics, &lang.Diagnostic{
		Severity: lang.Error, Code: EBadTest, Summary: summary, Detail: detail, Hint: hint, File: f.Path, Subject: r,
	})
}

// lines finds offsets from the lines and columns yaml.v3 gives.
type lines struct {
	text  []byte
	start []int // byte offset of each line's start, line 1 first
}

func newLines(text []byte) lines {
	l := lines{text: text, start: []int{0}}
	for i, b := range text {
		if b == '\n' {
			l.start = append(l.start, i+1)
		}
	}
	return l
}

func (l lines) lineStart(line int) int {
	if line < 1 {
		return 0
	}
	if line > len(l.start) {
		return len(l.text)
	}
	return l.start[line-1]
}

// offset is the byte offset of a line and a column in characters.
func (l lines) offset(line, col int) int {
	off := l.lineStart(line)
	for c := 1; c < col && off < len(l.text) && l.text[off] != '\n'; c++ {
		_, size := utf8.DecodeRune(l.text[off:])
		off += size
	}
	return off
}

func (l lines) at(line, col int) lang.Range {
	p := lang.MakePos(l.offset(line, col), line, col)
	return lang.Range{Start: p, End: p}
}

// nodeRange is the range of a node's first line: a scalar's whole text.
func (l lines) nodeRange(n *yaml.Node) lang.Range {
	r := l.at(n.Line, n.Column)
	if n.Kind == yaml.ScalarNode {
		text := n.Value
		if n.Style&(yaml.DoubleQuotedStyle|yaml.SingleQuotedStyle) != 0 {
			text = `"` + text + `"`
		}
		if !strings.Contains(text, "\n") {
			r.End = r.Start.Advance(text)
		}
	} else {
		r.End = r.Start.Advance(" ")
	}
	return r
}

// firstAlias returns the first node with an anchor or an alias, nil when
// there is none. Aliases are not followed.
func firstAlias(n *yaml.Node) *yaml.Node {
	if n.Kind == yaml.AliasNode || n.Anchor != "" {
		return n
	}
	for _, c := range n.Content {
		if a := firstAlias(c); a != nil {
			return a
		}
	}
	return nil
}
