package syntax

import (
	"fmt"
	"math"
	"os"
	"path/filepath"
	"reflect"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/piano-plan/piano/internal/corpus"
	"github.com/piano-plan/piano/lang"
	"github.com/piano-plan/piano/lang/ast"
)

// FuzzParse checks that no input makes Parse panic, and that every
// diagnostic points into the file.
func FuzzParse(f *testing.F) {
	for _, seed := range corpus.Plans("../../examples/*.plan", "../../testdata/script/*.txtar") {
		f.Add(seed)
	}
	f.Fuzz(func(t *testing.T, src []byte) {
		file, diags := Parse("fuzz.plan", src)
		if file == nil && !diags.HasErrors() {
			t.Fatal("no tree and no error")
		}
		for _, d := range diags {
			if d.Subject.Start.Line < 1 || int(d.Subject.Start.Offset) > len(src) {
				t.Fatalf("diagnostic %q at bad position %+v", d.Summary, d.Subject.Start)
			}
		}
		noGrammarNames(t, diags)
		sameChunked(t, src)
	})
}

// noGrammarNames checks that no diagnostic names a type of the grammar.
func noGrammarNames(t *testing.T, diags lang.Diagnostics) {
	t.Helper()
	for _, d := range diags {
		if name := grammarName.FindString(d.Detail); name != "" {
			t.Fatalf("participle's name %s reaches the message %q", name, d.Detail)
		}
	}
}

// grammarName matches the name of a grammar type (gWord, GNode) in a message.
var grammarName = regexp.MustCompile(`\b[gG][A-Z][A-Za-z]*\b`)

// sameChunked checks that cutting the token stream into chunks (lexer.go)
// and reading statements by hand (readByHand) change nothing: the file
// parsed with a cut at every place one may go, with none, and with every
// statement read by participle, gives the same tree and the same
// diagnostics.
func sameChunked(t *testing.T, src []byte) {
	t.Helper()
	parseWith := func(n int, participleOnly bool) (*ast.File, lang.Diagnostics, string) {
		saved, savedForce := chunkTokens, forceParticiple
		defer func() { chunkTokens, forceParticiple = saved, savedForce }()
		chunkTokens, forceParticiple = n, participleOnly
		f, diags := Parse("p.plan", src)
		var b strings.Builder
		lang.WriteText(&b, diags, lang.Sources{"p.plan": src})
		return f, diags, b.String()
	}
	whole, _, wholeDiags := parseWith(math.MaxInt, false)
	cut, _, cutDiags := parseWith(0, false)
	if wholeDiags != cutDiags {
		t.Fatalf("diagnostics differ when the file is cut into chunks:\n%s\nwhole:\n%s", cutDiags, wholeDiags)
	}
	if !reflect.DeepEqual(whole, cut) {
		t.Fatalf("tree differs when the file is cut into chunks")
	}
	hand, handList, handDiags := parseWith(defaultChunkTokens, false)
	part, partList, partDiags := parseWith(defaultChunkTokens, true)
	if handDiags != partDiags || !reflect.DeepEqual(handList, partList) {
		t.Fatalf("diagnostics differ when participle reads every statement:\n%s\nby hand:\n%s", partDiags, handDiags)
	}
	if !reflect.DeepEqual(hand, part) {
		t.Fatalf("tree differs when participle reads every statement")
	}
}

// TestChunks runs sameChunked on every example and test plan, and on plans
// whose statements break off just where a chunk may be cut.
func TestChunks(t *testing.T) {
	header := "plan \"P\"\nbaseline years 2018..2020\ntarget years 2021..2023\n"
	cases := corpus.Plans("../../testdata/script/*.txtar", "../../testdata/bad/*.txtar")
	examples, _ := filepath.Glob("../../examples/*.plan")
	for _, path := range examples {
		src, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		cases = append(cases, src)
	}
	for _, end := range []string{"", "unit", "unit N *", "= D1 +", "= (D1", "weight", "missing", "scoring ratio cap",
		"years", "`q`", "}", "{", "%", ")", "N/D", "2021-01-01", "use", "as", "\"s\""} {
		cases = append(cases, []byte(header+"driver D1 \"d\" unit N "+end+"\ndriver D2 \"e\" unit N\narea 1 \"A\" weight 100% {}\n"))
		cases = append(cases, []byte(header+"area 1 \"A\" weight 100% {\n} "+end+"\narea 2 \"B\" weight 0% {}\ndriver D9 \"x\" unit N\n"))
	}
	// A number broken off at the end of a line, before a line where a
	// chunk may start: the number is missing there, the next line's
	// keyword is no number.
	cases = append(cases, []byte("plan \"P\"\nband D1\ndriver D9 \"x\" unit N\n"))
	// A keyword that a statement reads as its own word (a driver's unit)
	// is no place to cut.
	cases = append(cases, []byte("driver D1 \"d\"\nunit N\narea 1 \"A\" weight 100% {\nobjective 1 \"O\" weight 100% {}\n}\n"))
	for _, src := range cases {
		sameChunked(t, src)
	}
}

// TestParseConstructs pins how each construct of the language is read.
func TestParseConstructs(t *testing.T) {
	src := `plan "P"
baseline years 2018..2020
target years 2021..2023
scoring ratio cap 120% floor 50% late 2%
missing zero
driver D1.1_2 "Voucher" unit N
driver ` + "`D3.1.1+20_2`" + ` "Linee" unit gg*EUR/EUR
driver TOT "Totale" unit N = (D1.1_2 + 1) * -2 / max(D1.1_2, 3)
area 1 "A" weight 33.34% {
  objective 301 "O" weight 100% {
    owner "Area promozione"
    indicators weight 50% {
      normalize
      indicator 301.S0 "I" weight 5% {
        unit EUR
        formula D1.1_2
        algorithm "Valore esportazioni"
        baseline 2018: 12_956_300_000, 2019: N/D, 2020: 8.5%
        target 2021: >= 11_500, 2022: <= -18, 2023: = 1
        target 2024: 10..20
        note "nota"
        scoring custom = min(100 * value / target, 120)
      }
      use 301.S0 as 82.S0 weight 95%
    }
    operational weight 50% {
      objective 301.D1.1 "OO" weight 100% {
        indicator 31.D1.1_1 "D" weight 100% {
          unit date
          baseline 2019: 2019-09-04
          target 2021: by 2021-10-31, 2022: N/D
        }
      }
    }
  }
}
`
	f, diags := Parse("p.plan", []byte(src))
	if len(diags) > 0 {
		t.Fatalf("unexpected diagnostics: %v", diags[0].Summary)
	}
	h := f.Header
	if h.Title.Value.Value != "P" || h.BaselineYears.From.Value != 2018 || h.TargetYears.To.Value != 2023 || h.Missing.Value != "zero" {
		t.Errorf("header: %+v", h)
	}
	if len(h.Scoring.Options) != 3 || h.Scoring.Options[2].Key.Value != "late" || h.Scoring.Options[0].Value.Value != 120 {
		t.Errorf("scoring options: %+v", h.Scoring.Options)
	}
	if len(f.Drivers) != 3 || f.Drivers[1].Code.Value != "D3.1.1+20_2" || !f.Drivers[1].Code.Quoted {
		t.Errorf("drivers: %+v", f.Drivers)
	}
	if got := ast.FormatUnit(f.Drivers[1].Unit); got != "gg*EUR/EUR" {
		t.Errorf("unit = %s", got)
	}
	if got := ast.FormatExpr(f.Drivers[2].Formula); got != "(D1.1_2 + 1) * -2 / max(D1.1_2, 3)" {
		t.Errorf("formula = %s", got)
	}
	// * binds tighter than +, and operators associate to the left.
	bin := f.Drivers[2].Formula.(*ast.Binary)
	if bin.Op != '/' || bin.X.(*ast.Binary).Op != '*' {
		t.Errorf("precedence: %s", ast.FormatExpr(bin))
	}
	o := f.Areas[0].Objectives[0]
	if o.Kind != ast.KindStrategic || o.Owner.Value.Value != "Area promozione" || o.Indicators.Normalize == nil {
		t.Errorf("objective: %+v", o)
	}
	ind := o.Indicators.Members[0].(*ast.Indicator)
	if ind.Weight.Value.Value != 5 || len(ind.Baselines) != 3 || len(ind.Targets) != 4 {
		t.Errorf("indicator: weight %v, %d baselines, %d targets", ind.Weight.Value.Value, len(ind.Baselines), len(ind.Targets))
	}
	if b := ind.Baselines[0].Value; b.Number.Value != 12956300000 || b.Number.Text != "12_956_300_000" {
		t.Errorf("baseline 2018 = %+v", b)
	}
	if b := ind.Baselines[1].Value; b.Kind != ast.NotAvailable {
		t.Errorf("baseline 2019 = %+v", b)
	}
	if b := ind.Baselines[2].Value; !b.Percent || b.Number.Value != 8.5 {
		t.Errorf("baseline 2020 = %+v", b)
	}
	ops := []ast.Op{ast.AtLeast, ast.AtMost, ast.Equal, ast.Between}
	for i, tg := range ind.Targets {
		if tg.Target.Op != ops[i] {
			t.Errorf("target %d op = %v, want %v", tg.Year.Value, tg.Target.Op, ops[i])
		}
	}
	if v := ind.Targets[1].Target.Value.Number.Value; v != -18 {
		t.Errorf("negative target = %v", v)
	}
	if r := ind.Targets[3].Target; r.Value.Number.Value != 10 || r.High.Number.Value != 20 {
		t.Errorf("range = %+v", r)
	}
	if ind.Scoring == nil || ind.Scoring.Custom == nil || ind.Note.Value.Value != "nota" || ind.Algorithm == nil {
		t.Errorf("indicator fields: %+v", ind.Fields)
	}
	use := o.Indicators.Members[1].(*ast.Use)
	if use.Ref.Value != "301.S0" || use.As.Value != "82.S0" || use.Weight.Value.Value != 95 {
		t.Errorf("use: %+v", use)
	}
	op := o.Operational.Objectives[0]
	if op.Kind != ast.KindOperational {
		t.Errorf("operational objective kind = %v", op.Kind)
	}
	dl := op.Members[0].(*ast.Indicator)
	if tg := dl.Targets[0].Target; tg.Op != ast.By || tg.Value.Date.Format("2006-01-02") != "2021-10-31" {
		t.Errorf("deadline = %+v", tg)
	}
	if dl.Targets[1].Target.Op != ast.NoTarget {
		t.Errorf("N/D target = %+v", dl.Targets[1].Target)
	}
	// Positions: the code of the indicator, line 14, column 17, 6 characters.
	if r := ind.Code.Rng; r.Start.Line != 14 || r.Start.Column != 17 || r.End.Column != 23 {
		t.Errorf("code range = %+v", r)
	}
}

// TestPositionsCountCharacters checks that columns count characters, not
// bytes, after non-ASCII text.
func TestPositionsCountCharacters(t *testing.T) {
	src := "plan \"Competitività\" body \"è\"\n"
	f, diags := Parse("p.plan", []byte(src))
	if len(diags) > 0 {
		t.Fatal(diags[0].Summary)
	}
	if r := f.Header.Body.Value.Rng; r.Start.Column != 27 || r.Start.Offset != 27 {
		t.Errorf("body string at %+v, want column 27, offset 27", r.Start)
	}
}

// TestDocComments checks that the comment lines right above a node are its
// doc, and that a blank line or a trailing comment is not.
func TestDocComments(t *testing.T) {
	src := `plan "P" // trailing, not a doc
// Partecipanti:
# two lines
driver D1 "d" unit N
// separated by a blank line

driver D2 "d" unit N
`
	f, diags := Parse("p.plan", []byte(src))
	if len(diags) > 0 {
		t.Fatal(diags[0].Summary)
	}
	if got := ast.DocText(f.Drivers[0].Doc); got != "Partecipanti:\ntwo lines" {
		t.Errorf("doc of D1 = %q", got)
	}
	if len(f.Drivers[1].Doc) != 0 {
		t.Errorf("doc of D2 = %q, want none", ast.DocText(f.Drivers[1].Doc))
	}
	if f.Comments[0].OwnLine || !f.Comments[1].OwnLine {
		t.Errorf("own-line flags: %v %v", f.Comments[0].OwnLine, f.Comments[1].OwnLine)
	}
}

// TestDocBelongsToOne pins two regressions: a doc above a line holding an
// area and its objective is the area's only, and a section heading above
// the first driver of a section is not that driver's doc.
func TestDocBelongsToOne(t *testing.T) {
	src := `#0
area 0 "" weight 0% {objective 0 "" weight 0% {}}
// ---------------------------------------------------------------------------
// Drivers of area 1 - Competitività delle imprese
// ---------------------------------------------------------------------------
driver D1 "d" unit N
// ===========
// weight filled from the siblings
area 1 "A" weight 100% {}
`
	f, diags := Parse("p.plan", []byte(src))
	if len(diags) > 0 {
		t.Fatal(diags[0].Summary)
	}
	a := f.Areas[0]
	if got := ast.DocText(a.Doc); got != "0" {
		t.Errorf("doc of area 0 = %q, want \"0\"", got)
	}
	if len(a.Objectives[0].Doc) != 0 {
		t.Errorf("doc of objective 0 = %q, want none", ast.DocText(a.Objectives[0].Doc))
	}
	if len(f.Drivers[0].Doc) != 0 {
		t.Errorf("doc of D1 = %q, want none: a section heading", ast.DocText(f.Drivers[0].Doc))
	}
	if got := ast.DocText(f.Areas[1].Doc); got != "weight filled from the siblings" {
		t.Errorf("doc of area 1 = %q", got)
	}
}

// TestRecover checks that the parse goes on after a broken statement: each
// one is reported at its own place, and the tree holds every statement
// that parsed.
func TestRecover(t *testing.T) {
	src := `plan "P"
baseline years 2018..2020
target years 2021..2023
driver D1 "Voucher" unit N
driver D2 "Imprese" N
driver D3 "Altro" unit N
area 1 "A" weight 100% {
  objective 301 "O" weight 100% {
    owner Area
    indicators weight 100% {
      indicator 301.S1 "I" weight 100% {
        unit N
        formula D1 +
        baseline 2018: 5, 2019 6
        target 2021: >= 5
      }
    }
  }
}
area 2 "B" weight 0 {
  objective 302 "P" weight 100% {
  }
}
`
	f, diags := Parse("p.plan", []byte(src))
	var got []string
	for _, d := range diags {
		got = append(got, fmt.Sprintf("%d:%d %s %s", d.Subject.Start.Line, d.Subject.Start.Column, d.Code, d.Summary))
	}
	want := []string{
		`5:21 E001 unexpected name "N"`,
		`9:11 E001 unexpected name "Area"`,
		`13:21 E001 unexpected end of line`,
		`14:32 E001 unexpected name "6"`,
		`20:21 E001 unexpected "{"`,
	}
	if !slices.Equal(got, want) {
		t.Fatalf("diagnostics:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	if f == nil {
		t.Fatal("no tree")
	}
	var codes []string
	for _, d := range f.Drivers {
		codes = append(codes, d.Code.Value)
	}
	if !slices.Equal(codes, []string{"D1", "D3"}) {
		t.Errorf("drivers = %v, want D1 D3", codes)
	}
	if len(f.Areas) != 1 || f.Areas[0].Code.Value != "1" {
		t.Fatalf("areas = %d, want area 1 only (area 2's head is broken)", len(f.Areas))
	}
	o := f.Areas[0].Objectives[0]
	if o.Owner != nil || o.Indicators == nil {
		t.Fatalf("objective 301: owner %v, indicators %v", o.Owner, o.Indicators)
	}
	ind := o.Indicators.Members[0].(*ast.Indicator)
	if ind.Unit == nil || ind.Formula != nil || len(ind.Baselines) != 0 || len(ind.Targets) != 1 {
		t.Errorf("indicator: unit %v, formula %v, %d baselines, %d targets", ind.Unit, ind.Formula, len(ind.Baselines), len(ind.Targets))
	}
	if r := ind.Rng; r.Start.Line != 11 || r.End.Line != 16 {
		t.Errorf("indicator range %+v, want lines 11 to 16", r)
	}
}

// TestRecoverBraces checks where an unclosed block and a stray brace are
// reported, and that the builder's placement errors that follow from the
// wrong nesting are left out.
func TestRecoverBraces(t *testing.T) {
	header := "plan \"P\"\nbaseline years 2018..2020\ntarget years 2021..2023\n"
	cases := []struct{ body, want string }{
		{"area 1 \"A\" weight 100% {\n  objective 1 \"O\" weight 50% {\n  objective 2 \"P\" weight 50% {\n  }\n}\n",
			"5:3 objective 1, opened at 5:3, is not closed"},
		{"area 1 \"A\" weight 100% {\n", "4:1 area 1, opened at 4:1, is not closed"},
		{"}\n", `4:1 unexpected "}"`},
		{"area 1 \"A\" weight 100% {\n  objective 1 \"O\" weight 50% {\n    }\n  }\n  objective 2 \"P\" weight 50% {\n  }\n}\n",
			`6:5 unexpected "}"`},
		{"area 0 \"\" weight 0 {objective 0 \"\" weight 0% {}\n", "4:1 area 0, opened at 4:1, is not closed\n" +
			`4:20 unexpected "{"`},
		{"area 1 \"A\" weight 100%\n  objective 1 \"O\" weight 100% {\n  }\n}\n", "4:23 unexpected end of line"},
	}
	for _, c := range cases {
		_, diags := Parse("p.plan", []byte(header+c.body))
		var got []string
		for _, d := range diags {
			got = append(got, fmt.Sprintf("%d:%d %s", d.Subject.Start.Line, d.Subject.Start.Column, d.Summary))
		}
		if g := strings.Join(got, "\n"); g != c.want {
			t.Errorf("%s:\ngot  %s\nwant %s", c.body, g, c.want)
		}
	}
}

// statementSamples holds a statement of each row of the table.
var statementSamples = map[string]string{
	"plan": `plan "P"`, "body": `body "B"`, "baseline years": "baseline years 2018..2020",
	"target years": "target years 2021..2023", "objective": `objective 9 "X" weight 1% {}`,
	"indicators": "indicators weight 1% {}", "operational": "operational weight 1% {}",
	"indicator": `indicator 9 "X" weight 1% {}`, "use": "use 8 as 9 weight 1%", "unit": "unit N",
	"formula": "formula D1 + 2", "algorithm": `algorithm "A"`, "baseline": "baseline 2018: 1",
	"target": "target 2021: >= 1", "owner": `owner "O"`, "note": `note "N"`, "scoring": "scoring ratio cap 120%",
	"missing": "missing zero", "driver": `driver D1 "D" unit N`, "area": `area 9 "X" weight 1% {}`,
	"normalize": "normalize", "score": "score cap 100% floor 60%",
	"bands": "bands F for objectives {\n}", "scheda": `scheda D1 "Mario Rossi" {}`,
	"assigned": "assigned 1: 60%, 2: 40% weight 50%", "organisational": "organisational weight 20%",
	"behaviours": "behaviours weight 30% scale 1..5", "band": `band A 0%..100% "Tutto" payout 100% colour green`,
}

// TestGrammarTable checks that the statement table (ast.Statements) and
// the grammar agree: gStmt has an alternative for each row and no other,
// the statement loop knows every keyword, and a sample of each row parses
// into a node of that row where the table lets it stand, and is refused
// with a placement error everywhere else.
func TestGrammarTable(t *testing.T) {
	keywords := regexp.MustCompile(`^\W*@?'([a-z]+)'(?: '([a-z]+)')?`)
	grammar := map[string]bool{}
	typ := reflect.TypeOf(gStmt{})
	for i := range typ.NumField() {
		if m := keywords.FindStringSubmatch(typ.Field(i).Tag.Get("parser")); m != nil {
			grammar[strings.TrimSpace(m[1]+" "+m[2])] = true
		}
	}
	table := map[string]bool{}
	for _, s := range ast.Statements {
		table[s.Name()] = true
	}
	if !reflect.DeepEqual(grammar, table) {
		t.Errorf("the grammar's statements %v, the table's %v", grammar, table)
	}
	starts := map[string]bool{}
	for name := range grammar {
		starts[strings.Fields(name)[0]] = true
	}
	if !reflect.DeepEqual(starts, statementKeywords) {
		t.Errorf("statementKeywords = %v, want the grammar's %v", statementKeywords, starts)
	}

	wrap := [ast.NumContexts][2]string{
		ast.InFile:             {"", ""},
		ast.InArea:             {`area 1 "A" weight 100% {` + "\n", "\n}"},
		ast.InStrategic:        {`area 1 "A" weight 100% { objective 1 "O" weight 100% {` + "\n", "\n} }"},
		ast.InIndicatorGroup:   {`area 1 "A" weight 100% { objective 1 "O" weight 100% { indicators weight 100% {` + "\n", "\n} } }"},
		ast.InOperationalGroup: {`area 1 "A" weight 100% { objective 1 "O" weight 100% { operational weight 100% {` + "\n", "\n} } }"},
		ast.InOperational: {`area 1 "A" weight 100% { objective 1 "O" weight 100% { operational weight 100% { objective 2 "P" weight 100% {` + "\n",
			"\n} } } }"},
		ast.InIndicator: {`area 1 "A" weight 100% { objective 1 "O" weight 100% { indicators weight 100% { indicator 3 "I" weight 100% {` + "\n",
			"\n} } } }"},
		ast.InBands:  {"bands F for plan {\n", "\n}"},
		ast.InScheda: {"scheda D1 \"M\" {\n", "\n}"},
	}
	for i := range ast.Statements {
		row := &ast.Statements[i]
		sample, ok := statementSamples[row.Name()]
		if !ok {
			t.Errorf("no sample for the statement %s", row.Name())
			continue
		}
		for c := range ast.NumContexts {
			src := wrap[c][0] + sample + wrap[c][1]
			f, diags := Parse("p.plan", []byte(src))
			placement := false
			for _, d := range diags {
				switch d.Code {
				case lang.EPlacement:
					placement = true
				case lang.ESyntax:
					t.Errorf("%s in %s: %s", row.Name(), c, d.Summary)
				}
			}
			if row.In.Has(c) == placement {
				t.Errorf("%s in %s: placement error %v, the table allows it %v", row.Name(), c, placement, row.In.Has(c))
			}
			if !row.In.Has(c) {
				continue
			}
			at := int32(len(wrap[c][0]))
			var found ast.Stmt
			ast.InspectStmts(f.Stmts, func(s ast.Stmt) {
				if s.Span().Start.Offset == at {
					found = s
				}
			})
			if got := ast.StatementOf(found); got != row {
				t.Errorf("%s in %s parses to %T, a node of %v", row.Name(), c, found, got)
			}
		}
	}
}

// TestTooManyErrors checks that the parse stops after maxSyntaxErrors.
func TestTooManyErrors(t *testing.T) {
	src := "plan \"P\"\n" + strings.Repeat("owner x\n", 200)
	_, diags := Parse("p.plan", []byte(src))
	if n := len(diags); n != maxSyntaxErrors+1 || diags[n-1].Summary != "too many syntax errors" {
		t.Fatalf("%d diagnostics, last %q", n, diags[n-1].Summary)
	}
	if l := diags[maxSyntaxErrors].Subject.Start.Line; l != maxSyntaxErrors+2 {
		t.Errorf("stopped at line %d, want %d", l, maxSyntaxErrors+2)
	}
}

// TestHandRead checks the statements read by hand (handField): each case
// fills the field of gStmt whose alternative starts with its keyword, and
// each statement of the table, whole or broken off in every way a tail
// below breaks it, in every block, gives the tree and the diagnostics
// participle gives, which name no grammar type.
func TestHandRead(t *testing.T) {
	keyword := regexp.MustCompile(`^\W*'([a-z]+)'(?: '([a-z]+)')? @@|^\W*@'([a-z]+)'`)
	typ := reflect.TypeOf(gStmt{})
	fieldOf := map[string]string{}
	for i := range typ.NumField() {
		if m := keyword.FindStringSubmatch(typ.Field(i).Tag.Get("parser")); m != nil {
			fieldOf[strings.TrimSpace(m[1]+" "+m[2]+m[3])] = typ.Field(i).Name
		}
	}
	for _, s := range ast.Statements {
		st := &stream{watch: watch{lim: DefaultLimits}}
		st.s.init(statementSamples[s.Name()])
		g, ok, err := (&statements{stmts: new(gStmts)}).readByKeyword(newTokens(64, nil).load(st))
		if !ok || err != nil {
			t.Errorf("%s is not read by its keyword: %v", s.Name(), err)
			continue
		}
		v := reflect.ValueOf(*g)
		var set []string
		for i := 1; i < v.NumField(); i++ {
			if !v.Field(i).IsZero() {
				set = append(set, typ.Field(i).Name)
			}
		}
		if want := fieldOf[s.Name()]; len(set) != 1 || set[0] != want {
			t.Errorf("%s read by its keyword sets %v, the grammar's alternative fills %q", s.Name(), set, want)
		}
	}
	tails := []string{"", `"s"`, `"a\q"`, "}", "{", "D1", "`q`", "2021", "2021:", "2021: >=", "2021: 5", "2021: 5..", "-", "- x",
		"N/D", "2021-02-30", "years", "years 2018", "weight", "weight 5", "weight 5%", "weight x%", "ratio cap", "steps 60%: 60%",
		"cap 5% floor", "A 1%..2% \"L\" colour", "A 1%..", "1: 60%, 2", "1, 2 weight 5%", "weight 30% scale 1..", "D1 \"d\" unit",
		"D1 \"d\" unit N = (", "D1 \"d\" unit N = D2 +", "N * ", "EUR/gg", "(D1 + 2) / max(D1, 3)", "zero", "%", ")", "1,5", "12.345,6"}
	wrap := [][2]string{
		{"", ""},
		{"plan \"P\"\n", "\ndriver D9 \"x\" unit N\n"},
		{`area 1 "A" weight 100% { objective 1 "O" weight 100% { indicators weight 100% { indicator 3 "I" weight 100% {` + "\n", "\nunit N\n} } } }"},
		{`area 1 "A" weight 100% { objective 1 "O" weight 100% {` + "\n", "\n} }"},
		{"bands F for plan {\n", "\n}"},
		{"scheda D1 \"M\" {\n", "\n}"},
	}
	for _, s := range ast.Statements {
		for _, tail := range tails {
			for _, w := range wrap {
				for _, sep := range []string{" ", "\n"} {
					src := []byte(w[0] + s.Name() + sep + tail + w[1])
					_, diags := Parse("p.plan", src)
					noGrammarNames(t, diags)
					sameChunked(t, src)
				}
			}
		}
	}
}
