package data

import (
	"bytes"
	"fmt"
	"io"
	"math"
	"regexp"
	"strconv"
	"strings"

	"github.com/piano-plan/piano/lang"
	"gopkg.in/yaml.v3"
)

var yamlKeys = []string{"year", "numbers", "drivers", "indicators", "neutralised", "behaviours"}

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
				"The top level of a data file has the keys year, numbers, drivers, indicators, neutralised and behaviours.", "write year:, drivers: or indicators:")
			continue
		}
		switch k.Value {
		case "year", "numbers", "drivers", "indicators", "neutralised", "behaviours":
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
				"The top level of a data file has the keys year, numbers, drivers, indicators, neutralised and behaviours.", hint)
		}
	}
	// About one entry per code: room for them at once.
	codes := 0
	for i := 1; i < len(pairs); i += 2 {
		codes += len(pairs[i].Content) / 2
	}
	r.entries = make([]Entry, 0, codes)
	r.seen = make(map[dataKey]lang.Range, codes)
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
		case "neutralised":
			r.yamlNeutralised(k, v, year)
		case "behaviours":
			r.yamlSection(BehaviourEntry, k, v, year)
		}
	}
}

// yamlNeutralised reads the neutralised: section, one indicator a key:
//
//	neutralised:
//	  301.S0: {reason: "...", decided_by: "..."}
//
// for the file's year. Both fields are required.
func (r *dataReader) yamlNeutralised(key, n *yaml.Node, year int) {
	hint := `write CODE: {reason: "why", decided_by: "who, and the act"} under neutralised:`
	switch {
	case n.Kind == yaml.ScalarNode && n.ShortTag() == "!!null":
		return
	case n.Kind != yaml.MappingNode:
		r.errorf(r.src.nodeRange(n), "neutralised holds no codes", "Under neutralised: each key is an indicator's code, with its reason and who decided it.", hint)
		return
	case year == yamlYearNone:
		r.errorf(r.src.nodeRange(key), "neutralised without a year", "A neutralisation holds for one year, and the file sets no year:.", "add year: 2021 at the top of the file")
		return
	case year == yamlYearBad:
		return
	}
	for i := 0; i+1 < len(n.Content) && !r.stopped; i += 2 {
		k, v := n.Content[i], n.Content[i+1]
		if k.Kind != yaml.ScalarNode || strings.TrimSpace(k.Value) == "" {
			r.errorf(r.src.nodeRange(k), "code is not a name", "Under neutralised: each key is an indicator's code.", hint)
			continue
		}
		if v.Kind != yaml.MappingNode {
			r.errorf(r.src.nodeRange(v), "neutralisation of "+k.Value+" gives no reason",
				"A neutralisation records why the indicator is left out and who decided it.", hint)
			continue
		}
		nt := &Neutralisation{}
		ok := true
		for j := 0; j+1 < len(v.Content); j += 2 {
			fk, fv := v.Content[j], v.Content[j+1]
			text := strings.TrimSpace(fv.Value)
			if fv.Kind != yaml.ScalarNode || fv.ShortTag() == "!!null" {
				text = ""
			}
			switch fk.Value {
			case "reason":
				nt.Reason = text
			case "decided_by":
				nt.DecidedBy = text
			default:
				h := "a neutralisation has reason: and decided_by:"
				if s := lang.Suggest(fk.Value, []string{"reason", "decided_by"}); s != "" {
					h = "did you mean " + s + "?"
				}
				r.errorf(r.src.nodeRange(fk), fmt.Sprintf("unknown key %q in the neutralisation of %s", fk.Value, k.Value), "", h)
				ok = false
			}
		}
		for _, f := range []struct{ name, value string }{{"reason", nt.Reason}, {"decided_by", nt.DecidedBy}} {
			if f.value == "" {
				r.errorf(r.src.nodeRange(k), fmt.Sprintf("the neutralisation of %s has no %s", k.Value, f.name),
					"A neutralisation records why the indicator is left out (reason) and who decided it (decided_by); both are required.", hint)
				ok = false
			}
		}
		if !ok {
			continue
		}
		cr := r.src.nodeRange(k)
		r.add(Entry{Kind: NeutralisedEntry, Code: k.Value, CodeRange: cr, Year: year, Neutral: nt,
			Value: Datum{Kind: NotAvailableDatum, File: r.src.filename, Source: cr}}, cr)
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
	if y, ok := yamlYearOf(n); ok {
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

// yamlYearOf reads a 4-digit year from a scalar node, if it holds one.
func yamlYearOf(n *yaml.Node) (int, bool) {
	if n.Kind == yaml.ScalarNode && (n.ShortTag() == "!!int" || n.ShortTag() == "!!str") && yearRE.MatchString(n.Value) {
		y, _ := strconv.Atoi(n.Value)
		return y, true
	}
	return 0, false
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
				y, ok := yamlYearOf(yk)
				if !ok {
					y = r.yamlYear(yk, fmt.Sprintf("A key under %s", code), fmt.Sprintf("map years to values: %s: {2021: 30, 2020: 202}", code))
				}
				d, ok := r.yamlDatum(yv, func() string { return fmt.Sprintf("The value of %s for %s", code, yk.Value) })
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
			d, ok := r.yamlDatum(v, func() string { return "The value of " + code })
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
// when the node is not a number, a date or N/D. what names the value in
// the problem's words; it is asked for only when there is a problem.
func (r *dataReader) yamlDatum(n *yaml.Node, what func() string) (Datum, bool) {
	d, p := r.yamlValue(n, "")
	if p != nil {
		_, p = r.yamlValue(n, what()) // the same reading, now with words
		r.problem(r.src.nodeRange(n), p)
		return Datum{}, false
	}
	d.File, d.Source = r.src.filename, r.src.nodeRange(n)
	return d, true
}

// yamlValue is the reading of yamlDatum; what names the value in the
// problem it returns.
func (r *dataReader) yamlValue(n *yaml.Node, what string) (Datum, *dataProblem) {
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
	return d, p
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
