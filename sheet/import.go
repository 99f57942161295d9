package sheet

import (
	"fmt"
	"regexp"
	"sort"
	"strconv"
	"strings"

	"github.com/piano-plan/piano"
	"github.com/piano-plan/piano/lang"
	"github.com/piano-plan/piano/lang/ast"
	"github.com/piano-plan/piano/lang/check"
	"github.com/piano-plan/piano/lang/format"
	"github.com/piano-plan/piano/lang/syntax"
	"github.com/xuri/excelize/v2"
)

// Options tell Import how to read a table.
type Options struct {
	// Columns names columns the header row does not, or names them
	// otherwise: column key (ColArea, ..., "baseline-2018", "target-2021",
	// or "header" for the header row's number) to column letter (or row
	// number). See ParseColumns.
	Columns map[string]string
	// PlanName is the name of the .plan written, for the check's
	// diagnostics.
	PlanName string
	// MaxSize bounds the unzipped size of a workbook.
	MaxSize int
}

// ParseColumns reads the --columns flag: key=LETTER pairs separated by
// commas, such as indicator=C,algorithm=D,baseline-2020=E,header=3.
func ParseColumns(s string) (map[string]string, error) {
	m := map[string]string{}
	if strings.TrimSpace(s) == "" {
		return m, nil
	}
	known := map[string]bool{"header": true}
	for _, k := range columnNames {
		known[k] = true
	}
	for _, part := range strings.Split(s, ",") {
		k, v, ok := strings.Cut(strings.TrimSpace(part), "=")
		k, v = strings.ToLower(strings.TrimSpace(k)), strings.ToUpper(strings.TrimSpace(v))
		if !ok || v == "" {
			return nil, fmt.Errorf("--columns: %q is not key=COLUMN", part)
		}
		if yk, _, isYear := yearKey(k); !known[k] && !isYear || isYear && yk == "" {
			return nil, fmt.Errorf("--columns: unknown column %q (known: area, area-weight, strategic, strategic-weight, group, group-weight, objective, objective-weight, indicator, indicator-weight, algorithm, unit, use, owner, note, baseline-YEAR, target-YEAR, header)", k)
		}
		if k == "header" {
			if _, err := strconv.Atoi(v); err != nil {
				return nil, fmt.Errorf("--columns: header=%s is not a row number", v)
			}
		} else if _, err := excelize.ColumnNameToNumber(v); err != nil {
			return nil, fmt.Errorf("--columns: %s=%s is not a column letter", k, v)
		}
		m[k] = v
	}
	return m, nil
}

var yearHeader = regexp.MustCompile(`^(baseline|base line|target)[ -]?(\d{4})$`)

// yearKey reads "baseline 2018", "base line 2018", "target-2021".
func yearKey(s string) (kind string, year int, ok bool) {
	m := yearHeader.FindStringSubmatch(s)
	if m == nil {
		return "", 0, false
	}
	y, _ := strconv.Atoi(m[2])
	if m[1] == "target" {
		return ColTarget, y, true
	}
	return ColBaseline, y, true
}

// layout is where each column of the plan sheet is (0-based).
type layout struct {
	t         *table
	header    int
	cols      map[string]int
	baselines map[int]int // year to column
	targets   map[int]int
}

// Import reads a plan table (package doc) from a workbook or a CSV file and
// returns the plan as formatted .plan text, with every problem: the
// table's at their cells, then the check's on the plan written. The text
// is nil only when nothing of a plan could be read.
func Import(filename string, text []byte, opts Options) ([]byte, lang.Diagnostics) {
	im := &importer{file: filename, opts: opts}
	tables, d := readTables(filename, text, opts.MaxSize)
	if d != nil {
		return nil, lang.Diagnostics{d}
	}
	src := im.run(tables)
	if src == nil {
		im.diags.Sort()
		return nil, im.diags
	}
	name := opts.PlanName
	if name == "" {
		name = "imported.plan"
	}
	tree, pd := syntax.Parse(name, src)
	if pd.HasErrors() {
		return src, append(im.diags, pd...) // a value the table wrote that the language refuses
	}
	out, err := format.Source(tree)
	if err != nil {
		return src, append(im.diags, &lang.Diagnostic{Severity: lang.Error, Code: ETree, File: name, Summary: "the plan cannot be formatted: " + err.Error()})
	}
	im.diags.Sort()
	// checked by the front door, as piano check would
	pl := piano.Load(name, out, piano.Options{})
	diags := append(im.diags, pl.Diagnostics...)
	if baselines, err := pl.CheckBaselines(); err == nil {
		diags = append(diags, baselines...)
	}
	return out, diags
}

type importer struct {
	file  string
	opts  Options
	diags lang.Diagnostics
	out   strings.Builder
}

func (im *importer) at(t *table, row, col int, sev lang.Severity, code lang.Code, p *problem) {
	pos := lang.MakePos(row*1024+min(col+1, 1023), row+1, col+1)
	im.diags = append(im.diags, &lang.Diagnostic{Severity: sev, Code: code, File: im.file, Summary: p.summary, Detail: p.detail, Hint: p.hint,
		Cell: t.ref(row, col), Subject: lang.Range{Start: pos, End: pos}})
}

// infer reports what the table does not say, at its cell, and returns the
// comment the .plan carries for it.
func (im *importer) infer(t *table, row, col int, p *problem) string {
	im.at(t, row, col, lang.Error, EInfer, p)
	return "// piano import: " + p.summary + " (" + t.ref(row, col) + "): " + p.hint + "\n"
}

func (im *importer) fileError(code lang.Code, summary, detail, hint string) {
	im.diags = append(im.diags, &lang.Diagnostic{Severity: lang.Error, Code: code, File: im.file, Summary: summary, Detail: detail, Hint: hint})
}

// findLayout finds the plan sheet: the first whose header row names an
// indicator column.
func (im *importer) findLayout(tables []*table) *layout {
	for _, t := range tables {
		if t.name == SheetHeader || t.name == SheetDrivers {
			continue
		}
		if l := im.headerOf(t); l != nil {
			return l
		}
	}
	return nil
}

func (im *importer) headerOf(t *table) *layout {
	forced := -1
	if h, ok := im.opts.Columns["header"]; ok {
		n, _ := strconv.Atoi(h)
		forced = n - 1
	}
	for r := 0; r < min(len(t.rows), 30); r++ {
		if forced >= 0 && r != forced {
			continue
		}
		l := &layout{t: t, header: r, cols: map[string]int{}, baselines: map[int]int{}, targets: map[int]int{}}
		row := t.rows[r]
		for c := range row {
			name := fold(row[c].text)
			if key, ok := columnNames[name]; ok {
				if _, dup := l.cols[key]; !dup {
					l.cols[key] = c
				}
				continue
			}
			if kind, y, ok := yearKey(name); ok {
				l.year(kind, y, c)
				continue
			}
			if digits(name) && len(name) == 4 {
				// the seed's form: a year under a BASE LINE or TARGET
				// cell of the row above, at or left of it
				for k := c; k >= 0 && r > 0; k-- {
					above := fold(t.at(r-1, k).text)
					if above == "base line" || above == "baseline" || above == "target" {
						y, _ := strconv.Atoi(name)
						kind := ColBaseline
						if above == "target" {
							kind = ColTarget
						}
						l.year(kind, y, c)
						break
					}
				}
			}
		}
		// a column named just "peso" (or "%") before a level's column
		for _, lv := range [][2]string{{ColArea, ColAreaWeight}, {ColStrategic, ColStrategicWeight}, {ColGroup, ColGroupWeight}, {ColObjective, ColObjectiveWeight}, {ColIndicator, ColIndicatorWeight}} {
			if c, ok := l.cols[lv[0]]; ok && c > 0 {
				if _, has := l.cols[lv[1]]; !has {
					if p := fold(row[c-1].text); p == "peso" || p == "%" || p == "peso %" {
						l.cols[lv[1]] = c - 1
					}
				}
			}
		}
		im.applyColumns(l)
		// a header names the indicator column and something else: a data
		// row's "Indicatori" alone is not one
		if _, ok := l.cols[ColIndicator]; ok && len(l.cols)+len(l.baselines)+len(l.targets) >= 2 {
			return l
		}
	}
	return nil
}

func (l *layout) year(kind string, y, c int) {
	if kind == ColTarget {
		l.targets[y] = c
	} else {
		l.baselines[y] = c
	}
}

func (im *importer) applyColumns(l *layout) {
	for k, v := range im.opts.Columns {
		if k == "header" {
			continue
		}
		n, _ := excelize.ColumnNameToNumber(v)
		if kind, y, ok := yearKey(strings.Replace(k, "-", " ", 1)); ok {
			l.year(kind, y, n-1)
			continue
		}
		l.cols[k] = n - 1
	}
}

// years checks that the year columns make a range and returns it.
func (im *importer) years(l *layout, m map[int]int, what string) (int, int, bool) {
	if len(m) == 0 {
		return 0, 0, false
	}
	ys := make([]int, 0, len(m))
	for y := range m {
		ys = append(ys, y)
	}
	sort.Ints(ys)
	for i := 1; i < len(ys); i++ {
		if ys[i] != ys[i-1]+1 {
			im.at(l.t, l.header, m[ys[i]], lang.Error, ELayout, &problem{fmt.Sprintf("the %s years skip from %d to %d", what, ys[i-1], ys[i]),
				"A plan's baseline and target years are each a range without gaps.", fmt.Sprintf("add a column for %d, even if empty", ys[i-1]+1)})
			return 0, 0, false
		}
	}
	return ys[0], ys[len(ys)-1], true
}

// node is a node of the tree being read.
type node struct {
	kind       check.Kind
	code, name string
	weight     string
	row, col   int // the cell that named it
	wcol       int // its weight column, -1 for none
	children   []*node
	ind        *indicatorRow
}

type indicatorRow struct {
	use, unit, formula, algorithm, owner, note string
	arow, acol                                 int // the algorithm cell
	baselines, targets                         map[int]string
	comments                                   string
}

func (n *node) child(kind check.Kind, code string) *node {
	for _, c := range n.children {
		if c.kind == kind && c.code == code {
			return c
		}
	}
	return nil
}

// run reads the tables into plan text.
func (im *importer) run(tables []*table) []byte {
	l := im.findLayout(tables)
	if l == nil {
		im.fileError(ELayout, "no sheet holds a plan table",
			"Piano reads the first sheet whose header row names an indicator column (Indicatore), with the hierarchy (Ambito, Obiettivo strategico, Gruppo, Obiettivo operativo, each after its weight, Peso ...), Algoritmo, and the years (Baseline 2018, Target 2021). README, Spreadsheets, lists the names.",
			"name the columns in the header row, or name them with --columns indicator=J,algorithm=K,...")
		return nil
	}
	header := im.readHeader(tables, l)
	drivers, fromSheet := im.readDrivers(tables)
	root := &node{kind: check.KindPlan}
	im.readRows(l, root, drivers, fromSheet)

	var b strings.Builder
	b.WriteString(header)
	if !fromSheet {
		im.inferDrivers(l.t, root, drivers)
	}
	for _, d := range drivers.order {
		b.WriteString(d.comment)
		if d.unit == "" {
			// not declared, so that check reports the formulas that read it
			b.WriteString("// ")
		}
		fmt.Fprintf(&b, "driver %s %s", d.code, strconv.Quote(d.name))
		if d.unit == "" {
			b.WriteString(" unit ?")
		} else {
			b.WriteString(" unit " + d.unit)
		}
		if d.formula != "" {
			b.WriteString(" = " + d.formula)
		}
		b.WriteString("\n")
	}
	for _, a := range root.children {
		writeNode(&b, a)
	}
	return []byte(b.String())
}

func (im *importer) readHeader(tables []*table, l *layout) string {
	var b strings.Builder
	vals := map[string]string{}
	var ht *table
	for _, t := range tables {
		if t.name == SheetHeader {
			ht = t
			for r := range t.rows {
				vals[fold(t.at(r, 0).text)] = strings.TrimSpace(t.at(r, 1).text)
			}
		}
	}
	title := vals["titolo"]
	if title == "" && ht == nil {
		// the title the sheet gives itself, above the header row
		for r := 0; r < l.header && title == ""; r++ {
			for c := range l.t.rows[r] {
				if s := strings.TrimSpace(l.t.rows[r][c].text); s != "" {
					title = s
					break
				}
			}
		}
	}
	if title == "" {
		b.WriteString(im.infer(l.t, 0, 0, &problem{"the plan has no title", "Neither a sheet Piano (Titolo) nor a line above the header row gives the plan's title.", "add a sheet Piano with Titolo in A1 and the title in B1"}))
	} else {
		b.WriteString("plan " + strconv.Quote(title) + "\n")
	}
	if body := vals["ente"]; body != "" {
		b.WriteString("body " + strconv.Quote(body) + "\n")
	}
	for _, y := range []struct {
		key, what string
		m         map[int]int
	}{{"anni baseline", "baseline", l.baselines}, {"anni target", "target", l.targets}} {
		if v := vals[y.key]; v != "" {
			fmt.Fprintf(&b, "%s years %s\n", y.what, v)
			continue
		}
		if lo, hi, ok := im.years(l, y.m, y.what); ok {
			fmt.Fprintf(&b, "%s years %d..%d\n", y.what, lo, hi)
		} else if len(y.m) > 0 {
			b.WriteString("// piano import: the " + y.what + " years are not a range (" + l.t.ref(l.header, 0) + "): write " + y.what + " years FIRST..LAST\n")
		} else {
			b.WriteString(im.infer(l.t, l.header, 0, &problem{"no " + y.what + " years", "The header row names no " + y.what + " column (" + strings.Title(y.what) + " 2021).", "add the columns " + strings.Title(y.what) + " YEAR to the header row"}))
		}
	}
	if v := vals["scoring"]; v != "" {
		b.WriteString("scoring " + v + "\n")
	}
	if v := vals["missing"]; v != "" {
		b.WriteString("missing " + v + "\n")
	}
	return b.String()
}

// driver is a driver to declare.
type driver struct {
	code, name, unit, formula, comment string
}

type drivers struct {
	order  []*driver
	byCode map[string]*driver
}

func (im *importer) readDrivers(tables []*table) (*drivers, bool) {
	ds := &drivers{byCode: map[string]*driver{}}
	for _, t := range tables {
		if len(t.rows) == 0 || t.name == SheetHeader {
			continue
		}
		cols := map[string]int{}
		for c, x := range t.rows[0] {
			switch fold(x.text) {
			case "codice", "code":
				cols["code"] = c
			case "descrizione", "description":
				cols["name"] = c
			case "unita", "unit", "unita di misura":
				cols["unit"] = c
			case "formula":
				cols["formula"] = c
			}
		}
		_, hasCode := cols["code"]
		_, hasName := cols["name"]
		if t.name != SheetDrivers && !(hasCode && hasName && len(cols) >= 3) {
			continue
		}
		if !hasCode {
			continue
		}
		for r := 1; r < len(t.rows); r++ {
			get := func(k string) string {
				c, ok := cols[k]
				if !ok {
					return ""
				}
				return strings.TrimSpace(t.at(r, c).text)
			}
			code := get("code")
			if code == "" {
				continue
			}
			d := &driver{code: planCode(code), name: get("name"), unit: get("unit"), formula: get("formula")}
			if d.unit == "" {
				d.comment = im.infer(t, r, cols["code"], &problem{"driver " + code + " has no unit", "The Driver sheet gives no unit for it.", "write its unit (N, %, gg, EUR, date) in the Unità column"})
			}
			if _, dup := ds.byCode[d.code]; dup {
				im.at(t, r, cols["code"], lang.Error, ETree, &problem{"driver " + code + " is listed twice", "Each driver is declared once.", "delete one of the two rows"})
				continue
			}
			ds.byCode[d.code] = d
			ds.order = append(ds.order, d)
		}
		return ds, true
	}
	return ds, false
}

// planCode writes a code as the plan does: bare, or in backquotes when it
// cannot be written bare.
func planCode(s string) string {
	if strings.HasPrefix(s, "`") && strings.HasSuffix(s, "`") && len(s) > 1 {
		return s
	}
	return ast.FormatName(s, false)
}

func (im *importer) readRows(l *layout, root *node, ds *drivers, fromSheet bool) {
	t := l.t
	col := func(k string) int {
		if c, ok := l.cols[k]; ok {
			return c
		}
		return -1
	}
	text := func(r, c int) string {
		if c < 0 {
			return ""
		}
		return strings.TrimSpace(t.at(r, c).text)
	}
	var area, strat, group, obj *node
	level := func(r int, parent *node, kind check.Kind, key, wkey string) *node {
		c := col(key)
		s := text(r, c)
		if s == "" {
			return nil
		}
		code, name, p := codeName(s)
		if p != nil {
			im.at(t, r, c, lang.Error, ETree, p)
			return nil
		}
		code = planCode(code)
		n := parent.child(kind, code)
		if n == nil {
			n = &node{kind: kind, code: code, name: name, row: r, col: c, wcol: col(wkey)}
			parent.children = append(parent.children, n)
		}
		im.weight(t, r, n)
		return n
	}
	for r := l.header + 1; r < len(t.rows); r++ {
		blank := true
		for _, c := range t.rows[r] {
			if strings.TrimSpace(c.text) != "" {
				blank = false
				break
			}
		}
		if blank {
			continue
		}
		if n := level(r, root, check.KindArea, ColArea, ColAreaWeight); n != nil {
			if n != area {
				strat, group, obj = nil, nil, nil
			}
			area = n
		}
		if area == nil {
			im.at(t, r, max(col(ColArea), 0), lang.Error, ETree, &problem{"row has no area", "Each row of the plan belongs to an area (Ambito); this row and those above name none.", "write the area, \"1 - Competitività delle imprese\", in the Ambito column"})
			continue
		}
		if n := level(r, area, check.KindStrategic, ColStrategic, ColStrategicWeight); n != nil {
			if n != strat {
				group, obj = nil, nil
			}
			strat = n
		}
		gc := col(ColGroup)
		if g := text(r, gc); g != "" && strat != nil {
			kind := check.KindIndicators
			switch f := fold(g); {
			case strings.HasPrefix(f, "indicator"):
			case strings.HasPrefix(f, "obiettiv") || strings.HasPrefix(f, "operational"):
				kind = check.KindOperational
			default:
				im.at(t, r, gc, lang.Error, ETree, &problem{"unknown group " + strconv.Quote(g), "A strategic objective has two groups: Indicatori (its own indicators) and Obiettivi operativi.", "write Indicatori or Obiettivi operativi"})
				continue
			}
			n := strat.child(kind, "")
			if n == nil {
				n = &node{kind: kind, row: r, col: gc, wcol: col(ColGroupWeight)}
				strat.children = append(strat.children, n)
			}
			if n != group {
				obj = nil
			}
			group = n
			im.weight(t, r, n)
		}
		oc := col(ColObjective)
		if text(r, oc) != "" {
			if strat == nil {
				im.at(t, r, oc, lang.Error, ETree, &problem{"operational objective without a strategic objective", "An operational objective belongs to a strategic objective.", "write the strategic objective in its column"})
				continue
			}
			if group == nil {
				im.at(t, r, oc, lang.Error, ETree, &problem{"operational objective without its group", "The Gruppo column of this row says nothing; an operational objective belongs to the group Obiettivi operativi.", "write Obiettivi operativi, with its weight, in the Gruppo column"})
				continue
			}
			if group.kind != check.KindOperational {
				im.at(t, r, oc, lang.Error, ETree, &problem{"operational objective in the group Indicatori", "Only the group Obiettivi operativi holds operational objectives.", "write Obiettivi operativi in the Gruppo column, or clear this cell"})
				continue
			}
			if n := level(r, group, check.KindObjective, ColObjective, ColObjectiveWeight); n != nil {
				obj = n
			}
		}
		ic := col(ColIndicator)
		if text(r, ic) == "" {
			continue // a row that names levels of the hierarchy only
		}
		var parent *node
		switch {
		case strat == nil:
			im.at(t, r, ic, lang.Error, ETree, &problem{"indicator without a strategic objective", "Each indicator belongs to a strategic objective (Obiettivo strategico); this row and those above name none.", "write the strategic objective in its column"})
			continue
		case group == nil:
			im.at(t, r, max(gc, ic), lang.Error, ETree, &problem{"indicator without its group", "An indicator belongs to the group Indicatori of its strategic objective or to an operational objective; the Gruppo column says neither.", "write Indicatori or Obiettivi operativi, with its weight, in the Gruppo column"})
			continue
		case group.kind == check.KindOperational && obj == nil:
			im.at(t, r, max(oc, ic), lang.Error, ETree, &problem{"indicator without its operational objective", "The row is in the group Obiettivi operativi but names no operational objective.", "write the operational objective in its column"})
			continue
		case group.kind == check.KindOperational:
			parent = obj
		default:
			parent = group
		}
		code, name, p := codeName(text(r, ic))
		if p != nil {
			im.at(t, r, ic, lang.Error, ETree, p)
			continue
		}
		code = planCode(code)
		if parent.child(check.KindIndicator, code) != nil {
			im.at(t, r, ic, lang.Error, ETree, &problem{"indicator " + code + " is listed twice", "Each indicator has one row under its parent.", "delete one of the two rows"})
			continue
		}
		n := &node{kind: check.KindIndicator, code: code, name: name, row: r, col: ic, wcol: col(ColIndicatorWeight)}
		parent.children = append(parent.children, n)
		im.weight(t, r, n)
		n.ind = im.indicator(l, r, ds, fromSheet)
	}
	im.missingWeights(t, root)
}

// weight records a node's weight from row r, once; a second, different
// weight is an error.
func (im *importer) weight(t *table, r int, n *node) {
	if n.wcol < 0 {
		return
	}
	c := t.at(r, n.wcol)
	if strings.TrimSpace(c.text) == "" {
		return
	}
	w, p := parseWeight(c)
	if p != nil {
		im.at(t, r, n.wcol, lang.Error, ECell, p)
		n.weight = "!" // reported: not reported again as missing
		return
	}
	switch n.weight {
	case "":
		n.weight = w
	case "!", w:
	default:
		im.at(t, r, n.wcol, lang.Error, ETree, &problem{"a second weight " + w + " for " + describe(n), "Its weight is given as " + n.weight + " above; a node has one weight.", "give the node one weight, or merge its cells"})
	}
}

func describe(n *node) string {
	switch n.kind {
	case check.KindIndicators:
		return "the group Indicatori"
	case check.KindOperational:
		return "the group Obiettivi operativi"
	}
	return n.code
}

// missingWeights reports the nodes no row gives a weight; their weight is
// written 0% with a comment, and the import fails.
func (im *importer) missingWeights(t *table, n *node) {
	for _, c := range n.children {
		if c.weight == "" || c.weight == "!" {
			col := c.wcol
			if col < 0 {
				col = c.col
			}
			if c.weight == "" {
				c.comment(im.infer(t, c.row, col, &problem{"no weight for " + describe(c), "No row gives its weight, and Piano does not guess it; 0% is written to keep the plan readable.", "write the weight in the column before it (25%, 25 or 25,5%)"}))
			}
			c.weight = "0%"
		}
		im.missingWeights(t, c)
	}
}

func (n *node) comment(s string) {
	if n.ind == nil {
		n.ind = &indicatorRow{}
	}
	n.ind.comments += s
}

func (im *importer) indicator(l *layout, r int, ds *drivers, fromSheet bool) *indicatorRow {
	t := l.t
	ir := &indicatorRow{baselines: map[int]string{}, targets: map[int]string{}}
	get := func(k string) (int, string) {
		c, ok := l.cols[k]
		if !ok {
			return -1, ""
		}
		return c, strings.TrimSpace(t.at(r, c).text)
	}
	_, ir.use = get(ColUse)
	if ir.use != "" {
		ir.use = planCode(ir.use)
		return ir // a use: its definition carries the rest
	}
	_, ir.owner = get(ColOwner)
	_, ir.note = get(ColNote)
	units := map[string]int{} // unit named by a value, to its column
	var unitOrder []string
	addUnit := func(u string, c int) {
		if u == "" {
			return
		}
		if _, ok := units[u]; !ok {
			units[u] = c
			unitOrder = append(unitOrder, u)
		}
	}
	for _, y := range sortedYears(l.baselines) {
		c := l.baselines[y]
		if strings.TrimSpace(t.at(r, c).text) == "" {
			continue
		}
		v, u, p := parseValue(t.at(r, c))
		if p != nil {
			im.at(t, r, c, lang.Error, ECell, p)
			continue
		}
		ir.baselines[y] = v
		addUnit(u, c)
	}
	for _, y := range sortedYears(l.targets) {
		c := l.targets[y]
		if strings.TrimSpace(t.at(r, c).text) == "" {
			continue
		}
		v, u, p := parseTarget(t.at(r, c))
		if p != nil {
			im.at(t, r, c, lang.Error, ECell, p)
			continue
		}
		ir.targets[y] = v
		addUnit(u, c)
	}
	uc, unit := get(ColUnit)
	switch {
	case unit != "":
		ir.unit = unit
		for _, u := range unitOrder {
			if u != unit && !(u == "date" && unit == "date") {
				im.at(t, r, units[u], lang.Error, ECell, &problem{"the value is in " + u + ", the indicator in " + unit,
					"The Unità column says " + unit + ", and this value ends with the unit " + u + "; Piano does not convert or guess.",
					"write the value in " + unit + ", or correct the Unità column"})
				break
			}
		}
	case len(unitOrder) == 1:
		ir.unit = unitOrder[0]
	case len(unitOrder) == 0:
		if uc < 0 {
			uc = l.cols[ColIndicator]
		}
		ir.comments += im.infer(t, r, uc, &problem{"the unit of " + t.at(r, l.cols[ColIndicator]).text + " is not said", "No value of the row ends with a unit (N., %, gg, €) and no Unità column gives one.", "write the unit in an Unità column, or after a value (807 N.)"})
	default:
		c := units[unitOrder[1]]
		ir.comments += im.infer(t, r, c, &problem{"values name two units, " + unitOrder[0] + " and " + unitOrder[1], "The values of one indicator share one unit.", "write the unit in an Unità column, and the values in that unit"})
	}
	ac, alg := get(ColAlgorithm)
	ir.arow, ir.acol = r, ac
	if words, ok := noFormula(alg); ok {
		ir.algorithm = words
	} else if alg != "" {
		words, formula := splitAlgorithm(alg, ds, fromSheet)
		ir.algorithm, ir.formula = words, formula
		if formula == "" {
			ir.comments += im.infer(t, r, ac, &problem{"no formula at the end of the algorithm", "The algorithm in words is followed by the formula over the drivers, (D1.1_2 + D1.1_1) / 1, on its last line or after the words; this cell ends with none Piano can read. An indicator whose value the data give directly ends the cell with the line " + NoFormula + ".", "end the cell with the formula on a line of its own, or with " + NoFormula})
		}
	}
	return ir
}

func sortedYears(m map[int]int) []int {
	ys := make([]int, 0, len(m))
	for y := range m {
		ys = append(ys, y)
	}
	sort.Ints(ys)
	return ys
}

// NoFormula is the last line of an algorithm cell for an indicator without
// a formula, whose value the data give by the indicator's own code.
const NoFormula = "(valore dai dati)"

// noFormula reports an algorithm cell that ends with NoFormula, and
// returns its words.
func noFormula(s string) (string, bool) {
	t := strings.TrimSpace(s)
	if len(t) < len(NoFormula) || !strings.EqualFold(t[len(t)-len(NoFormula):], NoFormula) {
		return "", false
	}
	return strings.TrimSpace(t[:len(t)-len(NoFormula)]), true
}

// splitAlgorithm takes the formula from the end of an algorithm cell: its
// last line when the cell has several, else the longest run of last words
// that reads as a formula whose names are declared drivers (with a Driver
// sheet) or look like codes (a digit, _ or . in them).
func splitAlgorithm(s string, ds *drivers, fromSheet bool) (words, formula string) {
	ok := func(f string) bool {
		refs, good := parseFormula(f)
		if !good {
			return false
		}
		for _, r := range refs {
			if fromSheet {
				if _, known := ds.byCode[ast.FormatName(r, false)]; !known {
					return false
				}
			} else if !strings.ContainsAny(r, "0123456789_.") {
				return false
			}
		}
		return len(refs) > 0
	}
	if i := strings.LastIndex(s, "\n"); i >= 0 {
		if f := strings.TrimSpace(s[i+1:]); ok(f) {
			return strings.TrimRight(s[:i], " \r\n"), f
		}
	}
	fields := strings.Fields(s)
	// the longest run of last words that reads as a formula, preferring one
	// that does not start with a number (the "/ 1" of the words before it)
	for _, numbers := range []bool{false, true} {
		for i := 0; i < len(fields); i++ {
			if !numbers && fields[i][0] >= '0' && fields[i][0] <= '9' {
				continue
			}
			f := strings.Join(fields[i:], " ")
			if ok(f) {
				return strings.Join(fields[:i], " "), f
			}
		}
	}
	return s, ""
}

// parseFormula parses f as a formula and returns the names it reads.
func parseFormula(f string) ([]string, bool) {
	src := "plan \"x\"\nbaseline years 2000..2000\ntarget years 2001..2001\ndriver X__ \"x\" unit N = " + f + "\n"
	tree, ds := syntax.Parse("formula", []byte(src))
	if len(ds) > 0 || tree == nil || len(tree.Drivers) != 1 || tree.Drivers[0].Formula == nil {
		return nil, false
	}
	var names []string
	for _, r := range ast.Refs(tree.Drivers[0].Formula) {
		names = append(names, r.Name)
	}
	return names, true
}

// inferDrivers declares the drivers the formulas read, when no Driver
// sheet lists them: a formula of one driver gives it the algorithm's words
// and the indicator's unit; a sum (+, -, and * or / by numbers) whose
// words split into as many terms gives each driver its term.
func (im *importer) inferDrivers(t *table, root *node, ds *drivers) {
	var walk func(n *node)
	walk = func(n *node) {
		if n.kind == check.KindIndicator && n.ind != nil && n.ind.formula != "" {
			refs, _ := parseFormula(n.ind.formula)
			terms := algorithmTerms(n.ind.algorithm, n.ind.formula)
			sum := isSum(n.ind.formula)
			for i, r := range refs {
				code := ast.FormatName(r, false)
				if ds.byCode[code] != nil {
					continue
				}
				d := &driver{code: code}
				switch {
				case len(refs) == 1:
					d.name = n.ind.algorithm
				case terms != nil:
					d.name = terms[i]
				default:
					d.name = n.ind.algorithm
					d.comment = "// piano import: the description of " + code + " is the whole algorithm of " + n.code + ": its words do not split into one term per driver\n"
				}
				if len(refs) == 1 || sum {
					d.unit = n.ind.unit
				}
				if d.unit == "" {
					d.comment += "// piano import: the unit of " + code + " is not said (" + n.code + " reads it in " + n.ind.formula + "): write it\n"
					im.at(t, n.ind.arow, n.ind.acol, lang.Error, EInfer, &problem{"the unit of driver " + code + " is not said",
						"Without a Driver sheet, a driver's unit is its indicator's when the formula is the driver or a sum of drivers; " + n.ind.formula + " is neither, and Piano does not guess.",
						"add a sheet Driver (Codice, Descrizione, Unità), or write the unit in the .plan"})
				}
				ds.byCode[code] = d
				ds.order = append(ds.order, d)
			}
		}
		for _, c := range n.children {
			walk(c)
		}
	}
	walk(root)
}

var sumRe = regexp.MustCompile(`^[\s()+\-]*[^\s*/()+\-]+([\s()]*[+\-][\s()]*[^\s*/()+\-]+)*[\s()]*([*/]\s*[0-9_.]+\s*)*$`)

// isSum reports a formula of drivers added and subtracted, perhaps then
// multiplied or divided by numbers: its drivers share its unit.
func isSum(f string) bool { return sumRe.MatchString(f) }

// algorithmTerms splits the words of an algorithm at the formula's
// operators: "(A + B) / 1" for "(D1 + D2) / 1" gives A and B; nil when the
// words do not split into one term per driver.
func algorithmTerms(words, formula string) []string {
	refs, ok := parseFormula(formula)
	if !ok || len(refs) < 2 {
		return nil
	}
	split := func(s string) []string {
		var parts []string
		for _, p := range regexp.MustCompile(`\s[+\-*/]\s|\s*/\s*`).Split(s, -1) {
			p = strings.Trim(strings.TrimSpace(p), "()")
			if p = strings.TrimSpace(p); p != "" {
				parts = append(parts, p)
			}
		}
		return parts
	}
	wp, fp := split(words), split(formula)
	if len(wp) != len(fp) {
		return nil
	}
	var terms []string
	for i, f := range fp {
		if digits(strings.ReplaceAll(f, "_", "")) {
			continue
		}
		terms = append(terms, wp[i])
	}
	if len(terms) != len(refs) {
		return nil
	}
	return terms
}

func writeNode(b *strings.Builder, n *node) {
	if n.ind != nil {
		b.WriteString(n.ind.comments)
	}
	switch n.kind {
	case check.KindArea:
		fmt.Fprintf(b, "area %s %s weight %s {\n", n.code, strconv.Quote(n.name), n.weight)
	case check.KindStrategic, check.KindObjective:
		fmt.Fprintf(b, "objective %s %s weight %s {\n", n.code, strconv.Quote(n.name), n.weight)
	case check.KindIndicators:
		fmt.Fprintf(b, "indicators weight %s {\n", n.weight)
	case check.KindOperational:
		fmt.Fprintf(b, "operational weight %s {\n", n.weight)
	case check.KindIndicator:
		ir := n.ind
		if ir.use != "" {
			fmt.Fprintf(b, "use %s as %s weight %s\n", ir.use, n.code, n.weight)
			return
		}
		fmt.Fprintf(b, "indicator %s %s weight %s {\n", n.code, strconv.Quote(n.name), n.weight)
		if ir.unit != "" {
			b.WriteString("unit " + ir.unit + "\n")
		}
		if ir.formula != "" {
			b.WriteString("formula " + ir.formula + "\n")
		}
		if ir.algorithm != "" {
			b.WriteString("algorithm " + strconv.Quote(ir.algorithm) + "\n")
		}
		if ir.owner != "" {
			b.WriteString("owner " + strconv.Quote(ir.owner) + "\n")
		}
		if ir.note != "" {
			b.WriteString("note " + strconv.Quote(ir.note) + "\n")
		}
		for _, f := range []struct {
			kw string
			m  map[int]string
		}{{"baseline", ir.baselines}, {"target", ir.targets}} {
			if len(f.m) == 0 {
				continue
			}
			ys := make([]int, 0, len(f.m))
			for y := range f.m {
				ys = append(ys, y)
			}
			sort.Ints(ys)
			var parts []string
			for _, y := range ys {
				parts = append(parts, fmt.Sprintf("%d: %s", y, f.m[y]))
			}
			b.WriteString(f.kw + " " + strings.Join(parts, ", ") + "\n")
		}
		b.WriteString("}\n")
		return
	}
	for _, c := range n.children {
		writeNode(b, c)
	}
	b.WriteString("}\n")
}
