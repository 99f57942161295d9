package eval

import (
	"fmt"
	"math"
	"strings"

	"github.com/expr-lang/expr/vm"
	"github.com/piano-plan/piano/lang"
	"github.com/piano-plan/piano/lang/ast"
	"github.com/piano-plan/piano/lang/check"
)

// Evaluator is a compiled plan: every formula compiled once, ready to be
// evaluated against many data sets. It is not safe for concurrent use.
type Evaluator struct {
	// Explain makes Evaluate record the arithmetic of every achievement in
	// words, for Result.Explain. It costs time; eval and diff leave it off.
	Explain bool

	plan     *check.Plan
	f        *formulas
	programs map[ast.Expr]*vm.Program
}

// Compile prepares a checked plan (one without errors) for evaluation.
func Compile(p *check.Plan) (*Evaluator, error) {
	names := append([]string{}, check.CustomVars...)
	for _, d := range p.DriverOrder {
		names = append(names, d.Code)
	}
	e := &Evaluator{plan: p, f: newFormulas(names), programs: map[ast.Expr]*vm.Program{}}
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

// Plan returns the plan e evaluates.
func (e *Evaluator) Plan() *check.Plan { return e.plan }

// DriverValue is a driver's value in the evaluated year and where it came from.
type DriverValue struct {
	Code    string
	Value   Datum
	From    string // "data" or "formula"
	Missing string // why there is no value, when Value is N/D
}

// IndicatorValue is an indicator's value, target and achievement in one year.
type IndicatorValue struct {
	Indicator   *check.Indicator
	Value       Datum
	From        string // "data", "formula" or ""
	Missing     string // why there is no value or score
	Target      *ast.Target
	Baseline    float64 // last numeric baseline, NaN if none
	Achievement *float64
	NotAssessed bool // no target for the year: left out of every roll-up
	Scoring     Scoring
	Inputs      []*DriverValue
}

// Result is a plan evaluated for one year.
type Result struct {
	Year        int
	Root        *NodeResult
	Drivers     map[string]*DriverValue
	Indicators  map[*check.Indicator]*IndicatorValue
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
}

// Evaluate computes the plan for one year with the given data.
func (e *Evaluator) Evaluate(data *Data, year int) *Result {
	r := &Result{Year: year, Drivers: map[string]*DriverValue{}, Indicators: map[*check.Indicator]*IndicatorValue{}}
	env := Env{}
	for _, d := range e.plan.DriverOrder {
		dv := &DriverValue{Code: d.Code, Value: Datum{Kind: NotAvailableDatum}}
		r.Drivers[d.Code] = dv
		if v, ok := data.Driver(d.Code, year); ok {
			dv.Value, dv.From = v, "data"
		} else if d.Derived() {
			dv.From = "formula"
			e.compute(d.Decl.Formula, d.Inputs, d.Scale, env, r, dv, "driver "+d.Code)
		} else {
			dv.Missing = fmt.Sprintf("no value for %d in the data", year)
		}
		if dv.Value.Kind == NumberDatum {
			env[d.Code] = dv.Value.Number
		}
	}
	for _, ind := range e.plan.IndicatorOrder {
		r.Indicators[ind] = e.indicator(ind, data, year, env, r)
	}
	r.Root = e.rollUp(e.plan.Root, nil, r)
	r.Diagnostics.Sort()
	return r
}

// compute runs a formula whose inputs are known, filling dv.
func (e *Evaluator) compute(x ast.Expr, inputs []*check.Driver, scale float64, env Env, r *Result, dv *DriverValue, what string) {
	var missing []string
	for _, in := range inputs {
		if _, ok := env[in.Code]; !ok {
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
			Summary: fmt.Sprintf("%s has no value for %d: %s", what, r.Year, why), File: e.plan.File.Name, Subject: x.Span(),
			Hint: "check the data of the drivers in the formula"})
		return
	}
	dv.Value = Datum{Kind: NumberDatum, Number: v * scale}
}

// WNotComputable is reported when a formula gives no finite number.
const WNotComputable lang.Code = "W301"

func isAre(n int) string {
	if n == 1 {
		return "is"
	}
	return "are"
}

func (e *Evaluator) indicator(ind *check.Indicator, data *Data, year int, env Env, r *Result) *IndicatorValue {
	iv := &IndicatorValue{Indicator: ind, Value: Datum{Kind: NotAvailableDatum}, Baseline: math.NaN()}
	for _, in := range ind.Inputs {
		iv.Inputs = append(iv.Inputs, r.Drivers[in.Code])
	}
	for _, y := range e.plan.BaselineYears {
		if b, ok := ind.Baselines[y]; ok && b.Kind == ast.NumberValue {
			iv.Baseline = b.Number.Value
		}
	}
	switch v, ok := data.Indicator(ind.Code, year); {
	case ok:
		iv.Value, iv.From = v, "data"
	case ind.Def.Formula != nil && ind.Unit.IsDate():
		iv.From = "formula"
		if len(ind.Inputs) == 1 {
			dv := r.Drivers[ind.Inputs[0].Code]
			iv.Value, iv.Missing = dv.Value, dv.Missing
		}
	case ind.Def.Formula != nil:
		iv.From = "formula"
		dv := &DriverValue{Value: Datum{Kind: NotAvailableDatum}}
		e.compute(ind.Def.Formula.Expr, ind.Inputs, ind.Scale, env, r, dv, "indicator "+ind.Code)
		iv.Value, iv.Missing = dv.Value, dv.Missing
	default:
		iv.Missing = fmt.Sprintf("the indicator has no formula and the data give no value for %d", year)
	}
	if iv.Value.Kind == NotAvailableDatum && iv.Missing == "" {
		iv.Missing = "the data say N/D"
	}
	if t, ok := ind.Targets[year]; ok && t.Op != ast.NoTarget {
		iv.Target = t
	}
	switch {
	case iv.Target == nil:
		iv.NotAssessed = true
		iv.Missing = fmt.Sprintf("no target for %d: not assessed", year)
	case iv.Value.Kind == NotAvailableDatum:
	default:
		e.scoreIndicator(ind, iv, r)
	}
	return iv
}

func (e *Evaluator) scoreIndicator(ind *check.Indicator, iv *IndicatorValue, r *Result) {
	// The policy is the one in force where the indicator is defined.
	p := e.plan.Scoring
	for _, n := range ind.Nodes {
		if n.Use == nil {
			p = n.Policy
		}
	}
	custom := func(v, t, b float64) (float64, error) {
		return e.f.run(e.programs[p.Custom], Env{"value": v, "target": t, "baseline": b})
	}
	if (iv.Target.Op == ast.By) != (iv.Value.Kind == DateDatum) {
		iv.Missing = "the value is not of the target's kind (a date for a deadline, a number otherwise)"
		return
	}
	s, err := score(p, *iv.Target, iv.Value.Number, iv.Value.Date, iv.Baseline, custom, e.Explain)
	if err != nil {
		iv.Missing = "the custom scoring formula gave no number: " + err.Error()
		r.Diagnostics = append(r.Diagnostics, &lang.Diagnostic{Severity: lang.Warning, Code: WNotComputable,
			Summary: fmt.Sprintf("indicator %s could not be scored for %d: %v", ind.Code, r.Year, err),
			File:    e.plan.File.Name, Subject: p.Src.Rng})
		return
	}
	iv.Scoring = s
	a := s.Achievement
	iv.Achievement = &a
}

// rollUp scores n: an indicator's score is its achievement; any other node's
// is the weighted mean of its children's scores. Zero-weight children count
// for nothing; N/D children are left out and the other weights
// renormalised, or count as 0% when the plan says missing zero.
func (e *Evaluator) rollUp(n *check.Node, parent *NodeResult, r *Result) *NodeResult {
	nr := &NodeResult{Node: n, Parent: parent}
	if n.Kind == check.KindIndicator {
		iv := r.Indicators[n.Indicator]
		nr.Indicator = iv
		nr.Score = iv.Achievement
		nr.Status = status(n, iv)
		return nr
	}
	var sum, wsum float64
	for _, c := range n.Children {
		cr := e.rollUp(c, nr, r)
		nr.Children = append(nr.Children, cr)
		switch {
		case c.Weight == 0:
		case cr.Score == nil && e.plan.MissingAsZero && !cr.notAssessed():
			wsum += c.Weight
		case cr.Score == nil:
			nr.LeftOut = append(nr.LeftOut, c.Code)
		default:
			sum += c.Weight * *cr.Score
			wsum += c.Weight
		}
	}
	for _, cr := range nr.Children {
		if wsum > 0 && cr.Node.Weight > 0 && (cr.Score != nil || e.plan.MissingAsZero && !cr.notAssessed()) {
			cr.Share = cr.Node.Weight / wsum * 100
		}
	}
	if wsum > 0 {
		s := sum / wsum
		nr.Score = &s
	}
	return nr
}

// notAssessed reports whether no child of n, or n itself when an indicator,
// has a target for the year: such a node is left out of every roll-up, under
// missing zero too.
func (n *NodeResult) notAssessed() bool {
	if n.Indicator != nil {
		return n.Indicator.NotAssessed
	}
	for _, c := range n.Children {
		if c.Node.Weight > 0 && !c.notAssessed() {
			return false
		}
	}
	return true
}

func status(n *check.Node, iv *IndicatorValue) Status {
	switch {
	case n.Weight == 0:
		return Monitored
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
