package eval

import (
	"fmt"
	"math"
	"strings"

	"github.com/expr-lang/expr/vm"
	"github.com/piano-plan/piano/data"
	"github.com/piano-plan/piano/lang"
	"github.com/piano-plan/piano/lang/ast"
	"github.com/piano-plan/piano/lang/check"
	"github.com/piano-plan/piano/lang/unit"
)

// Evaluator is a compiled plan: every formula compiled once, ready to be
// evaluated against many data sets. It is not safe for concurrent use.
type Evaluator struct {
	// Explain makes Evaluate record the arithmetic of every achievement in
	// words, for Result.Explain. It costs time; eval and diff leave it off.
	Explain bool
	// AllowMissing makes a value no data file gives a warning instead of an
	// error: its indicators get the status missing and are left out of the
	// roll-up (mid-year monitoring).
	AllowMissing bool
	// DataFiles names the files the data came from, for the missing-value
	// diagnostics.
	DataFiles []string

	plan     *check.Plan
	names    []string // the names formulas may read
	f        *formulas
	programs map[ast.Expr]*vm.Program
	layout   *layout
	env      Env // the formulas' values, cleared at each evaluation
}

// Compile prepares a checked plan (one without errors) for evaluation.
func Compile(p *check.Plan) (*Evaluator, error) {
	names := append([]string{}, check.CustomVars...)
	for _, d := range p.DriverOrder {
		names = append(names, d.Code)
	}
	e := &Evaluator{plan: p, names: names, f: newFormulas(names), programs: map[ast.Expr]*vm.Program{}, layout: newLayout(p), env: make(Env, len(p.DriverOrder))}
	add := func(x ast.Expr) error {
		if x == nil {
			return nil
		}
		prog, err := e.f.compile(x)
		e.programs[x] = prog
		return err
	}
	for _, d := range p.DriverOrder {
		if err := add(d.Decl.Formula); err != nil {
			return nil, err
		}
	}
	for _, ind := range p.IndicatorOrder {
		if ind.Def.Formula != nil {
			if err := add(ind.Def.Formula.Expr); err != nil {
				return nil, err
			}
		}
	}
	var policies func(n *check.Node) error
	policies = func(n *check.Node) error {
		if err := add(n.Policy.Custom); err != nil {
			return err
		}
		for _, c := range n.Children {
			if err := policies(c); err != nil {
				return err
			}
		}
		return nil
	}
	if err := policies(p.Root); err != nil {
		return nil, err
	}
	return e, nil
}

// Clone returns an evaluator of the same compiled plan for another
// goroutine: the programs and the plan's layout are shared (they are only
// read), the VM, the formulas' configuration and the buffers are its own.
func (e *Evaluator) Clone() *Evaluator {
	c := *e
	c.f = newFormulas(e.names)
	c.env = make(Env, len(e.plan.DriverOrder))
	c.DataFiles = nil
	return &c
}

// file and local place a range of the plan's tree in its file, for a
// diagnostic.
func (e *Evaluator) file(r lang.Range) string      { f, _ := e.plan.Locate(r); return f }
func (e *Evaluator) local(r lang.Range) lang.Range { _, l := e.plan.Locate(r); return l }

// Plan returns the plan e evaluates.
func (e *Evaluator) Plan() *check.Plan { return e.plan }

// DriverValue is a driver's value in the evaluated year and where it came from.
type DriverValue struct {
	Code    string
	Value   data.Datum
	From    string // "data" or "formula"
	Missing string // why there is no value, when Value is N/D
	Absent  bool   // no data file gives a value (itself or an input): missing, not N/D
}

// IndicatorValue is an indicator's value, target and achievement in one year.
type IndicatorValue struct {
	Indicator   *check.Indicator
	Value       data.Datum
	From        string // "data", "formula" or ""
	Missing     string // why there is no value or score
	Target      *ast.Target
	Baseline    float64 // last numeric baseline, NaN if none
	Achievement *float64
	NotAssessed bool            // no target for the year: left out of every roll-up
	Neutralised *Neutralisation // left out of every roll-up by a decision recorded in a data file
	Absent      []string        // drivers (or the indicator itself) no data file gives a value for: missing
	Scoring     Scoring
	Policy      check.Policy // the scoring policy in force where the indicator is defined
	Inputs      []*DriverValue
	// Deviation is the scostamento (LG 2/2017): the value minus the target
	// in the indicator's unit (for a range, the distance past its nearer
	// end, 0 inside it); for a deadline, the days done after it (negative:
	// early). Nil when there is no value or no target.
	Deviation *float64
}

// Result is a plan evaluated for one year.
type Result struct {
	Plan        *check.Plan // the plan evaluated
	Year        int
	Root        *NodeResult
	Drivers     map[string]*DriverValue
	Indicators  map[*check.Indicator]*IndicatorValue
	Schede      []*SchedaResult  // the plan's schede, in source order
	Diagnostics lang.Diagnostics // problems found while computing
}

// NodeResult is one node of the scored tree.
type NodeResult struct {
	Node      *check.Node
	Score     *float64 // percent; nil when not available
	Status    Status   // indicators only
	Indicator *IndicatorValue
	Children  []*NodeResult
	Parent    *NodeResult
	LeftOut   []string // codes of children left out of the mean (N/D)
	Share     float64  // this node's effective weight in its parent, percent; 0 when left out
	// Mean is the weighted mean of the children before the node's own
	// score line acted on it, and Limited says how it acted ("cap" or
	// "floor"); Limited is "" when the score is the mean.
	Mean    *float64
	Limited string
	// Band is the band of the plan's table for the node's level that holds
	// its score; nil when the level has no table or the node no score.
	Band *check.Band
}

// Evaluate computes the plan for one year with the given data.
func (e *Evaluator) Evaluate(values *Data, year int) *Result {
	l := e.layout
	ds, is := e.plan.DriverOrder, e.plan.IndicatorOrder
	r := &Result{Plan: e.plan, Year: year, Drivers: make(map[string]*DriverValue, len(ds)), Indicators: make(map[*check.Indicator]*IndicatorValue, len(is))}
	b := &block{nodes: make([]NodeResult, l.nodes), children: make([]*NodeResult, l.children), inputs: make([]*DriverValue, l.inputs)}
	dvs := make([]DriverValue, len(ds))
	env := e.env
	clear(env)
	var inputs []*DriverValue       // a derived driver's, reused
	bySlot := values.plan == e.plan // else the data were bound to another plan: find values by code
	for i, d := range ds {
		dv := &dvs[i]
		*dv = DriverValue{Code: d.Code, Value: data.Datum{Kind: data.NotAvailableDatum}}
		r.Drivers[d.Code] = dv
		var v data.Datum
		var ok bool
		if bySlot {
			v, ok = values.driver(i, year)
		} else {
			v, ok = values.Driver(d.Code, year)
		}
		if ok {
			dv.Value, dv.From = v, "data"
		} else if d.Derived() {
			dv.From = "formula"
			inputs = inputs[:0]
			for _, j := range l.drvInputs[i] {
				inputs = append(inputs, &dvs[j])
			}
			if nd := notDone(d.Inputs, inputs); len(nd) > 0 {
				dv.Value = data.Datum{Kind: data.NotDoneDatum}
				dv.Missing = "not done because " + strings.Join(nd, ", ") + " " + isAre(len(nd)) + " not done"
			} else {
				e.compute(d.Decl.Formula, d.Inputs, inputs, d.Scale, env, r, dv, "driver", d.Code)
			}
			for _, in := range inputs {
				dv.Absent = dv.Absent || in.Absent
			}
		} else {
			dv.Absent = true
			dv.Missing = fmt.Sprintf("missing: no data file gives a value for %d", year)
		}
		if dv.Value.Kind == data.NumberDatum {
			env[d.Code] = dv.Value.Number
		}
	}
	ivs := make([]IndicatorValue, len(is))
	for i, ind := range is {
		iv := &ivs[i]
		if n := len(l.indInputs[i]); n > 0 {
			iv.Inputs = b.takeInputs(n)
			for k, j := range l.indInputs[i] {
				iv.Inputs[k] = &dvs[j]
			}
		}
		e.indicator(i, ind, iv, values, bySlot, year, env, r, b)
		r.Indicators[ind] = iv
	}
	r.Root = e.rollUp(e.plan.Root, nil, r, b)
	e.schede(values, r)
	e.reportMissing(r)
	r.Diagnostics.Sort()
	return r
}

// EMissing is reported for a value no data file gives, where a weighted
// indicator needs it: an error, or a warning when the evaluation allows
// missing values (mid-year monitoring).
const (
	EMissing lang.Code = "E302"
	WMissing lang.Code = "W302" // the same, under --allow-missing
)

// reportMissing reports every driver (or directly valued indicator) that no
// data file gives a value for and that a weighted indicator needs.
func (e *Evaluator) reportMissing(r *Result) {
	feeds := map[string][]string{}
	var order []string
	for i, ind := range e.plan.IndicatorOrder {
		iv := r.Indicators[ind]
		if len(iv.Absent) == 0 || !e.layout.weighted[i] {
			continue
		}
		for _, c := range iv.Absent {
			if feeds[c] == nil {
				order = append(order, c)
			}
			feeds[c] = append(feeds[c], ind.Code)
		}
	}
	sev, code := lang.Error, EMissing
	if e.AllowMissing {
		sev, code = lang.Warning, WMissing
	}
	files := "no data file"
	if len(e.DataFiles) > 0 {
		files = strings.Join(e.DataFiles, ", ")
	}
	for _, c := range order {
		what, subject := "driver", lang.Range{}
		detail := fmt.Sprintf("It feeds %s. Files read: %s.", strings.Join(feeds[c], ", "), files)
		if d, ok := e.plan.Drivers[c]; ok {
			subject = d.Decl.Rng
		} else if ind, ok := e.plan.Indicators[c]; ok {
			what, subject = "indicator", ind.Def.Rng
			detail = fmt.Sprintf("It has no formula, so its value comes straight from the data. Files read: %s.", files)
		}
		r.Diagnostics = append(r.Diagnostics, &lang.Diagnostic{Severity: sev, Code: code, File: e.file(subject), Subject: e.local(subject),
			Summary: fmt.Sprintf("no value for %s %s in %d: missing", what, c, r.Year),
			Detail:  detail,
			Hint:    "give it a value in a data file, or N/D if it is not available; --allow-missing scores the rest for monitoring"})
	}
}

// weighted reports whether an indicator carries weight at some place of the tree.
func weighted(ind *check.Indicator) bool {
	for _, n := range ind.Nodes {
		if n.Weight > 0 {
			return true
		}
	}
	return false
}

// Missing lists the codes of the indicators that are missing a value.
func (r *Result) Missing() []string {
	var out []string
	var walk func(n *NodeResult)
	walk = func(n *NodeResult) {
		if n.Status == MissingData {
			out = append(out, n.Node.Code)
		}
		for _, c := range n.Children {
			walk(c)
		}
	}
	walk(r.Root)
	return out
}

// compute runs a formula whose inputs are known, filling dv; values are
// the inputs' values, in the order of inputs. what and code name the
// driver or indicator in a diagnostic.
func (e *Evaluator) compute(x ast.Expr, inputs []*check.Driver, values []*DriverValue, scale float64, env Env, r *Result, dv *DriverValue, what, code string) {
	var missing []string
	for k, in := range inputs {
		if values[k].Value.Kind != data.NumberDatum { // only numbers are in env
			missing = append(missing, in.Code)
		}
	}
	if len(missing) > 0 {
		dv.Missing = "N/D because " + strings.Join(missing, ", ") + " " + isAre(len(missing)) + " not available"
		return
	}
	v, err := e.f.run(e.programs[x], env)
	if err != nil {
		why := err.Error()
		if zs := e.f.zeroDivisors(x, env); len(zs) > 0 {
			why = "division by zero: " + strings.Join(zs, ", ") + " " + isAre(len(zs)) + " 0"
		}
		dv.Missing = "N/D because of a " + why
		r.Diagnostics = append(r.Diagnostics, &lang.Diagnostic{Severity: lang.Warning, Code: WNotComputable,
			Summary: fmt.Sprintf("%s %s has no value for %d: %s", what, code, r.Year, why), File: e.file(x.Span()), Subject: e.local(x.Span()),
			Hint: "check the data of the drivers in the formula"})
		return
	}
	dv.Value = data.Datum{Kind: data.NumberDatum, Number: v * scale}
}

// WNotComputable is reported when a formula gives no finite number.
const WNotComputable lang.Code = "W301"

func isAre(n int) string {
	if n == 1 {
		return "is"
	}
	return "are"
}

// indicator fills iv, whose Inputs are set, with the value, target and
// achievement of indicator i of IndicatorOrder.
func (e *Evaluator) indicator(i int, ind *check.Indicator, iv *IndicatorValue, values *Data, bySlot bool, year int, env Env, r *Result, b *block) {
	iv.Indicator, iv.Value, iv.Baseline = ind, data.Datum{Kind: data.NotAvailableDatum}, e.layout.baseline[i]
	nd := notDone(ind.Inputs, iv.Inputs)
	var v data.Datum
	var ok bool
	if bySlot {
		v, ok = values.indicator(i, year)
	} else {
		v, ok = values.Indicator(ind.Code, year)
	}
	switch {
	case ok:
		iv.Value, iv.From = v, "data"
	case ind.Def.Formula != nil && len(nd) > 0:
		iv.From = "formula"
		iv.Value = data.Datum{Kind: data.NotDoneDatum}
		iv.Missing = strings.Join(nd, ", ") + " " + isAre(len(nd)) + " not done"
	case ind.Def.Formula != nil && ind.Unit.IsDate():
		iv.From = "formula"
		if len(ind.Inputs) == 1 {
			dv := iv.Inputs[0]
			iv.Value, iv.Missing = dv.Value, dv.Missing
		}
	case ind.Def.Formula != nil:
		iv.From = "formula"
		dv := &DriverValue{Value: data.Datum{Kind: data.NotAvailableDatum}}
		e.compute(ind.Def.Formula.Expr, ind.Inputs, iv.Inputs, ind.Scale, env, r, dv, "indicator", ind.Code)
		iv.Value, iv.Missing = dv.Value, dv.Missing
	default:
		iv.Missing = fmt.Sprintf("the indicator has no formula and the data give no value for %d", year)
	}
	if iv.From == "formula" {
		for k, in := range ind.Inputs {
			if iv.Inputs[k].Absent {
				iv.Absent = append(iv.Absent, in.Code)
			}
		}
	} else if iv.From == "" {
		iv.Absent = []string{ind.Code}
	}
	if len(iv.Absent) > 0 {
		iv.Value = data.Datum{Kind: data.NotAvailableDatum}
		iv.Missing = "missing: no data file gives a value for " + strings.Join(iv.Absent, ", ")
	}
	if iv.Value.Kind == data.NotAvailableDatum && iv.Missing == "" {
		iv.Missing = "the data say N/D"
	}
	if t, ok := ind.Targets[year]; ok && t.Op != ast.NoTarget {
		iv.Target = t
	}
	if n := values.Neutral(ind.Code, year); n != nil {
		// Left out, whatever its value: no data is needed, and missing
		// zero does not count it.
		iv.Neutralised, iv.Absent = n, nil
		iv.Missing = fmt.Sprintf("neutralised for %d: %s (decided by %s, at %s)", year, n.Reason, n.DecidedBy, n.Where())
		if d, ok := deviation(iv.Target, iv.Value); ok {
			iv.Deviation = b.float(d)
		}
		return
	}
	e.checkShare(ind, iv, r)
	if d, ok := deviation(iv.Target, iv.Value); ok {
		iv.Deviation = b.float(d)
	}
	switch {
	case len(iv.Absent) > 0:
	case iv.Target == nil:
		iv.NotAssessed = true
		iv.Missing = fmt.Sprintf("no target for %d: not assessed", year)
	case iv.Value.Kind == data.NotAvailableDatum:
	case iv.Value.Kind == data.NotDoneDatum:
		// Never done: 0%, and never left out, whatever the policy.
		if iv.Missing == "" {
			iv.Missing = "the data say " + ind.Code + " is not done (" + iv.Value.Where() + ")"
		}
		iv.Scoring = Scoring{Steps: []string{"not done: " + iv.Missing + ", so the achievement is 0% whatever the policy"}}
		iv.Achievement = b.float(0)
	default:
		e.scoreIndicator(i, ind, iv, r, b)
	}
}

// deviation is the scostamento of v against t: value minus target, or
// the days after a deadline; false when either is missing or their kinds
// differ.
func deviation(t *ast.Target, v data.Datum) (float64, bool) {
	if t == nil {
		return 0, false
	}
	var d float64
	minus := func(a, b float64) float64 {
		if compare(a, b) == 0 {
			return 0 // past float noise: 0.1 + 0.2 against = 0.3 is on target
		}
		return Round(a - b)
	}
	switch {
	case t.Op == ast.By && v.Kind == data.DateDatum:
		d = math.Round(v.Date.Sub(t.Value.Date).Hours() / 24)
	case t.Op == ast.By || v.Kind != data.NumberDatum:
		return 0, false
	case t.Op == ast.Between && compare(v.Number, t.Value.Number.Value) < 0:
		d = minus(v.Number, t.Value.Number.Value)
	case t.Op == ast.Between && compare(v.Number, t.High.Number.Value) > 0:
		d = minus(v.Number, t.High.Number.Value)
	case t.Op != ast.Between:
		d = minus(v.Number, t.Value.Number.Value)
	}
	return d, true
}

// WShareOver100 is reported for a percentage above 100% whose target and
// baselines are all within 0-100%: a share that cannot exceed 100%, most
// often a formula that multiplies by 100 a ratio Piano already shows as a
// percentage.
const WShareOver100 lang.Code = "W304"

// checkShare warns when a percentage indicator's value exceeds 100% while
// everything the plan says of it (target and baselines) is a share.
func (e *Evaluator) checkShare(ind *check.Indicator, iv *IndicatorValue, r *Result) {
	if ind.Unit != unit.Pct || iv.Value.Kind != data.NumberDatum || compare(iv.Value.Number, 100) <= 0 || iv.Target == nil {
		return
	}
	values := []float64{iv.Target.Value.Number.Value}
	if iv.Target.Op == ast.Between {
		values = append(values, iv.Target.High.Number.Value)
	}
	for _, b := range ind.Baselines {
		if b.Kind == ast.NumberValue {
			values = append(values, b.Number.Value)
		}
	}
	for _, v := range values {
		if v < 0 || compare(v, 100) > 0 {
			return
		}
	}
	d := &lang.Diagnostic{Severity: lang.Warning, Code: WShareOver100, File: e.file(ind.Def.Rng), Subject: e.local(ind.Def.Rng),
		Summary: fmt.Sprintf("indicator %s is %s%% in %d, above 100%%, while its target and baselines are shares of at most 100%%", ind.Code, num(iv.Value.Number), r.Year),
		Detail:  "The value is scored as computed.",
	}
	switch {
	case iv.From == "data":
		d.File, d.Subject, d.Cell = iv.Value.File, iv.Value.Source, iv.Value.Cell
		d.Hint = "check the value: a percentage is written 57 for 57%, and a share cannot exceed 100%"
	case ind.Def.Formula != nil:
		d.File, d.Subject = e.plan.Locate(ind.Def.Formula.Expr.Span())
		var codes []string
		for _, in := range ind.Inputs {
			codes = append(codes, in.Code)
		}
		d.Hint = "check the data of " + strings.Join(codes, ", ") + "; if the formula multiplies by 100, drop the * 100: Piano already shows a ratio of like units as a percentage"
	}
	r.Diagnostics = append(r.Diagnostics, d)
}

// notDone lists the inputs whose value is "not done", directly in the data
// (with where it is written) or through a derived driver; values are the
// inputs' values, in the order of inputs.
func notDone(inputs []*check.Driver, values []*DriverValue) []string {
	var out []string
	for k, in := range inputs {
		switch dv := values[k]; {
		case dv.Value.Kind != data.NotDoneDatum:
		case dv.From == "data":
			out = append(out, in.Code+" (at "+dv.Value.Where()+")")
		default:
			out = append(out, in.Code)
		}
	}
	return out
}

func (e *Evaluator) scoreIndicator(i int, ind *check.Indicator, iv *IndicatorValue, r *Result, b *block) {
	// The policy is the one in force where the indicator is defined.
	p := *e.layout.policy[i]
	iv.Policy = p
	var custom func(v, t, b float64) (float64, error)
	if p.Kind == check.Custom {
		custom = func(v, t, b float64) (float64, error) {
			return e.f.run(e.programs[p.Custom], Env{"value": v, "target": t, "baseline": b})
		}
	}
	if (iv.Target.Op == ast.By) != (iv.Value.Kind == data.DateDatum) {
		iv.Missing = "the value is not of the target's kind (a date for a deadline, a number otherwise)"
		return
	}
	s, err := score(p, *iv.Target, iv.Value.Number, iv.Value.Date, iv.Baseline, custom, e.Explain)
	if err != nil {
		iv.Missing = "the custom scoring formula gave no number: " + err.Error()
		r.Diagnostics = append(r.Diagnostics, &lang.Diagnostic{Severity: lang.Warning, Code: WNotComputable,
			Summary: fmt.Sprintf("indicator %s could not be scored for %d: %v", ind.Code, r.Year, err),
			File:    e.file(p.Src.Rng), Subject: e.local(p.Src.Rng)})
		return
	}
	iv.Scoring = s
	iv.Achievement = b.float(s.Achievement)
}

// rollUp scores n: an indicator's score is its achievement; any other node's
// is the weighted mean of its children's scores. Zero-weight children count
// for nothing; N/D children are left out and the other weights
// renormalised, or count as 0% when the plan says missing zero.
func (e *Evaluator) rollUp(n *check.Node, parent *NodeResult, r *Result, b *block) *NodeResult {
	nr := b.node()
	nr.Node, nr.Parent = n, parent
	if n.Kind == check.KindIndicator {
		iv := r.Indicators[n.Indicator]
		nr.Indicator = iv
		nr.Score = iv.Achievement
		nr.Status = status(n, iv)
		nr.band(e.plan)
		return nr
	}
	var sum, wsum float64
	nr.Children = b.take(len(n.Children))
	for _, c := range n.Children {
		cr := e.rollUp(c, nr, r, b)
		nr.Children = append(nr.Children, cr)
		switch {
		case c.Weight == 0:
		case cr.Score == nil && e.plan.MissingAsZero && !cr.leftOutAlways():
			wsum += c.Weight
		case cr.Score == nil:
			nr.LeftOut = append(nr.LeftOut, c.Code)
		default:
			sum += c.Weight * *cr.Score
			wsum += c.Weight
		}
	}
	for _, cr := range nr.Children {
		if wsum > 0 && cr.Node.Weight > 0 && (cr.Score != nil || e.plan.MissingAsZero && !cr.leftOutAlways()) {
			cr.Share = cr.Node.Weight / wsum * 100
		}
	}
	if wsum > 0 {
		nr.Score = b.float(sum / wsum)
		nr.limit(n.Limits, b)
	}
	nr.band(e.plan)
	return nr
}

// band places the node's score in the band table of its level.
func (nr *NodeResult) band(p *check.Plan) {
	if t := p.BandsFor[check.Level(nr.Node.Kind)]; t != nil && nr.Score != nil {
		nr.Band = t.BandOf(*nr.Score, compare)
	}
}

// limit applies a node's score line to its weighted mean: the cap first,
// then the floor (an access threshold: below it the node counts 0%).
func (nr *NodeResult) limit(l check.Limits, b *block) {
	mean := *nr.Score
	s := mean
	switch {
	case l.Cap > 0 && compare(s, l.Cap) > 0:
		s, nr.Limited = l.Cap, "cap"
	case l.Floor > 0 && compare(s, l.Floor) < 0:
		s, nr.Limited = 0, "floor"
	}
	if nr.Limited != "" {
		nr.Mean, nr.Score = b.float(mean), b.float(s)
	}
}

// leftOutAlways reports whether n, or every weighted child of n, is not
// assessed (no target for the year), missing (no data file gives its
// value) or neutralised: such a node is left out of every roll-up, under
// missing zero too.
func (n *NodeResult) leftOutAlways() bool {
	if n.Indicator != nil {
		return n.Indicator.NotAssessed || len(n.Indicator.Absent) > 0 || n.Indicator.Neutralised != nil
	}
	for _, c := range n.Children {
		if c.Node.Weight > 0 && !c.leftOutAlways() {
			return false
		}
	}
	return true
}

func status(n *check.Node, iv *IndicatorValue) Status {
	switch {
	case n.Weight == 0:
		return Monitored
	case iv.Neutralised != nil:
		return Neutralised
	case len(iv.Absent) > 0:
		return MissingData
	case iv.NotAssessed:
		return NotAssessed
	case iv.Achievement == nil:
		return NotAvailable
	case Fully(*iv.Achievement):
		return Achieved
	case *iv.Achievement > 0:
		return Partial
	}
	return Missed
}

// Find returns the result of the node with the given code.
func (r *Result) Find(code string) *NodeResult {
	var walk func(n *NodeResult) *NodeResult
	walk = func(n *NodeResult) *NodeResult {
		if n.Node.Code == code {
			return n
		}
		for _, c := range n.Children {
			if f := walk(c); f != nil {
				return f
			}
		}
		return nil
	}
	return walk(r.Root)
}
