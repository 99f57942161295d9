package eval

import (
	"math"

	"github.com/piano-plan/piano/lang/ast"
	"github.com/piano-plan/piano/lang/check"
)

// layout numbers what an evaluation computes, once per plan at Compile
// time: every driver by its place in DriverOrder, every indicator by its
// place in IndicatorOrder, every node of the tree in depth-first order. An
// evaluation then allocates its results in a few blocks of those sizes and
// finds a driver's inputs by index, not by code; what depends on the plan
// alone (the policy in force, the last baseline) is worked out here once.
type layout struct {
	index
	drvInputs [][]int         // by driver: the indices of its inputs
	indInputs [][]int         // by indicator: the indices of its formula's drivers
	policy    []*check.Policy // by indicator: the policy in force where it is defined
	baseline  []float64       // by indicator: the last numeric baseline, NaN if none
	weighted  []bool          // by indicator: it carries weight somewhere in the tree
	nodes     int             // nodes of the tree
	children  int             // children of all nodes
	inputs    int             // inputs of all indicators
}

// index finds a driver or an indicator by code: the slot of its values in
// a bound Data. It depends on the plan alone.
type index struct {
	drivers    map[string]int
	indicators map[string]int
	codes      []string // every driver's code, then every indicator's, for suggestions
}

// lookup finds code in one of x's maps; a nil x (the zero Data) finds nothing.
func (x *index) lookup(m map[string]int, code string) (int, bool) {
	if x == nil {
		return 0, false
	}
	i, ok := m[code]
	return i, ok
}

func newIndex(p *check.Plan) index {
	x := index{drivers: make(map[string]int, len(p.DriverOrder)), indicators: make(map[string]int, len(p.IndicatorOrder)),
		codes: make([]string, 0, len(p.DriverOrder)+len(p.IndicatorOrder))}
	for i, d := range p.DriverOrder {
		x.drivers[d.Code] = i
		x.codes = append(x.codes, d.Code)
	}
	for i, ind := range p.IndicatorOrder {
		x.indicators[ind.Code] = i
		x.codes = append(x.codes, ind.Code)
	}
	return x
}

func newLayout(p *check.Plan) *layout {
	nd, ni := len(p.DriverOrder), len(p.IndicatorOrder)
	l := &layout{index: newIndex(p),
		drvInputs: make([][]int, nd), indInputs: make([][]int, ni),
		policy: make([]*check.Policy, ni), baseline: make([]float64, ni), weighted: make([]bool, ni)}
	n := 0
	for _, d := range p.DriverOrder {
		n += len(d.Inputs)
	}
	for _, ind := range p.IndicatorOrder {
		n += len(ind.Inputs)
	}
	all := make([]int, 0, n) // every input's index, in one block
	inputs := func(ds []*check.Driver) []int {
		start := len(all)
		for _, d := range ds {
			all = append(all, l.drivers[d.Code])
		}
		return all[start:len(all):len(all)]
	}
	for i, d := range p.DriverOrder {
		l.drvInputs[i] = inputs(d.Inputs)
	}
	for i, ind := range p.IndicatorOrder {
		l.indInputs[i] = inputs(ind.Inputs)
		l.inputs += len(ind.Inputs)
		l.policy[i] = &p.Scoring
		for _, n := range ind.Nodes {
			if n.Use == nil {
				l.policy[i] = &n.Policy
			}
		}
		l.baseline[i] = math.NaN()
		for _, y := range p.BaselineYears {
			if v, ok := ind.Baselines[y]; ok && v.Kind == ast.NumberValue {
				l.baseline[i] = v.Number.Value
			}
		}
		l.weighted[i] = weighted(ind)
	}
	var count func(n *check.Node)
	count = func(n *check.Node) {
		l.nodes++
		l.children += len(n.Children)
		for _, c := range n.Children {
			count(c)
		}
	}
	count(p.Root)
	return l
}

// block hands out the parts of one Result from a few allocations sized by
// the layout: one slice each of driver values, indicator values, nodes,
// child pointers and input pointers, and floats in chunks.
type block struct {
	nodes    []NodeResult
	children []*NodeResult
	inputs   []*DriverValue
	floats   []float64
}

// float returns a pointer to a new float64 holding x.
func (b *block) float(x float64) *float64 {
	if len(b.floats) == 0 {
		b.floats = make([]float64, 64)
	}
	p := &b.floats[0]
	*p = x
	b.floats = b.floats[1:]
	return p
}

// node returns the next node of the block.
func (b *block) node() *NodeResult {
	n := &b.nodes[0]
	b.nodes = b.nodes[1:]
	return n
}

// take returns the next n child pointers, nil for none; the slice cannot
// grow into its neighbour's.
func (b *block) take(n int) []*NodeResult {
	if n == 0 {
		return nil
	}
	s := b.children[:0:n]
	b.children = b.children[n:]
	return s
}

// takeInputs returns the next n input pointers, nil for none.
func (b *block) takeInputs(n int) []*DriverValue {
	if n == 0 {
		return nil
	}
	s := b.inputs[:n:n]
	b.inputs = b.inputs[n:]
	return s
}
