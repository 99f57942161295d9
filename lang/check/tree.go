package check

import (
	"fmt"
	"maps"
	"strings"

	"github.com/piano-plan/piano/lang"
	"github.com/piano-plan/piano/lang/ast"
)

// definitions registers every indicator definition, to be checked by
// indicator, before the tree is built: a use may name an indicator defined
// further down the file.
func (c *checker) definitions() {
	for _, a := range c.file.Areas {
		for _, o := range a.Objectives {
			c.collect(o)
		}
	}
}

// tree builds the weighted tree from the areas down, checking codes and
// weights on the way. It reads of the indicators only their definitions
// (Def) and writes only their Nodes.
func (c *checker) tree() {
	root := c.plan.Root
	root.Children = c.children(len(c.file.Areas))
	for _, a := range c.file.Areas {
		n := c.node(root, KindArea, a.Code, a.Name.Value, a.Weight, a.Fields, a, len(a.Objectives))
		for _, o := range a.Objectives {
			c.strategic(n, o)
		}
		c.weights(n, a.Code.Rng)
	}
	c.weights(root, lang.Range{})
}

// collect registers the indicator definitions under a strategic objective.
func (c *checker) collect(o *ast.Objective) {
	if o.Indicators != nil {
		c.define(o.Indicators.Members)
	}
	if o.Operational != nil {
		for _, op := range o.Operational.Objectives {
			c.define(op.Members)
		}
	}
}

// define registers the indicator definitions among members, the first of
// each code, to be checked by indicators. It notes in c.defined what each
// definition became (nil for a code defined before), for member, which
// meets them in the same order.
func (c *checker) define(members []ast.Member) {
	for _, m := range members {
		if def, ok := m.(*ast.Indicator); ok {
			var ind *Indicator
			if _, dup := c.plan.Indicators[def.Code.Value]; !dup {
				ind = take(&c.indicatorRoom)
				ind.Def = def
				c.plan.Indicators[def.Code.Value] = ind
				c.plan.IndicatorOrder = append(c.plan.IndicatorOrder, ind)
			}
			c.defined = append(c.defined, ind)
		}
	}
}

// newNode returns a zero Node, from the room made for the tree's nodes
// while it lasts.
func (c *checker) newNode() *Node { return take(&c.nodeRoom) }

// take returns the first zero value of *room and drops it from *room; a
// new one when *room is empty.
func take[T any](room *[]T) *T {
	if len(*room) == 0 {
		return new(T)
	}
	p := &(*room)[0]
	*room = (*room)[1:]
	return p
}

// children returns an empty slice with room for n children, nil for none,
// from the room made for the tree's children while it lasts.
func (c *checker) children(n int) []*Node {
	if n == 0 {
		return nil
	}
	if len(c.childRoom) < n {
		return make([]*Node, 0, n)
	}
	s := c.childRoom[:0:n]
	c.childRoom = c.childRoom[n:]
	return s
}

// node makes a tree node under parent, checking its code and weight.
// kids is the number of children it will have.
func (c *checker) node(parent *Node, kind Kind, code ast.Code, name string, w ast.Weight, f ast.Fields, src ast.Node, kids int) *Node {
	n := c.newNode()
	*n = Node{Kind: kind, Code: code.Value, Name: name, Weight: w.Value.Value, Parent: parent,
		Normalize: f.Normalize != nil, Policy: parent.Policy, Src: src, CodeRange: code.Rng, Children: c.children(kids)}
	if f.Scoring != nil {
		n.Policy = c.policy(f.Scoring, parent.Policy)
	}
	if f.Limits != nil {
		n.Limits = c.limits(f.Limits)
	}
	parent.Children = append(parent.Children, n)
	if code.Value != "" {
		if prev, dup := c.codes[code.Value]; dup {
			c.report(lang.Error, lang.EDuplicateCode, code.Rng, fmt.Sprintf("code %s is used twice", code.Value),
				"It was first used at "+c.fs.Where(prev)+". Codes identify nodes in results, explanations and diffs.",
				"give each node its own code; to show one indicator in two places, write use CODE as NEWCODE weight W%")
		} else {
			c.codes[code.Value] = code.Rng
		}
	}
	c.weight(n, w)
	return n
}

func (c *checker) weight(n *Node, w ast.Weight) {
	v := w.Value.Value
	switch {
	case v < 0 || v > 100:
		c.errorf(lang.EWeightRange, w.Rng, "a weight is a share of its group, from 0% to 100%", "weight %s%% is outside 0-100%%", w.Value.Text)
	case v == 0:
		c.report(lang.Warning, lang.WZeroWeight, w.Rng, fmt.Sprintf("%s %s has weight 0%%: it is monitored only", describeKind(n.Kind), n.Code),
			"A zero-weight node is computed and shown but adds nothing to its parent's score.", "")
	}
}

func describeKind(k Kind) string {
	switch k {
	case KindStrategic:
		return "strategic objective"
	case KindObjective:
		return "operational objective"
	case KindIndicators, KindOperational:
		return "group"
	}
	return string(k)
}

func (c *checker) strategic(area *Node, o *ast.Objective) {
	groups := 0
	if o.Indicators != nil {
		groups++
	}
	if o.Operational != nil {
		groups++
	}
	n := c.node(area, KindStrategic, o.Code, o.Name.Value, o.Weight, o.Fields, o, groups)
	if o.Indicators == nil && o.Operational == nil {
		c.errorf(lang.EEmptyGroup, o.Code.Rng, "give it an indicators group, an operational group, or both",
			"strategic objective %s has neither indicators nor operational objectives", o.Code.Value)
	}
	if g := o.Indicators; g != nil {
		gn := c.group(n, KindIndicators, g, len(g.Members))
		for _, m := range g.Members {
			c.member(gn, m)
		}
		c.weights(gn, gn.CodeRange)
	}
	if g := o.Operational; g != nil {
		gn := c.group(n, KindOperational, g, len(g.Objectives))
		for _, op := range g.Objectives {
			on := c.node(gn, KindObjective, op.Code, op.Name.Value, op.Weight, op.Fields, op, len(op.Members))
			for _, m := range op.Members {
				c.member(on, m)
			}
			c.weights(on, op.Code.Rng)
		}
		c.weights(gn, gn.CodeRange)
	}
	c.weights(n, o.Code.Rng)
}

func (c *checker) group(parent *Node, kind Kind, g *ast.Group, kids int) *Node {
	kw := g.Rng
	kw.End = kw.Start
	kw.End.Offset += int32(len(kind))
	kw.End.Column += int32(len(kind))
	code := ast.Code{Rng: kw, Value: parent.Code + ":" + string(kind)}
	name := "Indicatori"
	if kind == KindOperational {
		name = "Obiettivi operativi"
	}
	return c.node(parent, kind, code, name, g.Weight, g.Fields, g, kids)
}

// member places an indicator or a use of one.
func (c *checker) member(parent *Node, m ast.Member) {
	switch m := m.(type) {
	case *ast.Indicator:
		n := c.node(parent, KindIndicator, m.Code, m.Name.Value, m.Weight, m.Fields, m, 0)
		ind := c.defined[0]
		c.defined = c.defined[1:]
		if ind != nil {
			n.Indicator = ind
			ind.Nodes = append(ind.Nodes, n)
		}
	case *ast.Use:
		n := c.node(parent, KindIndicator, m.As, "", m.Weight, ast.Fields{}, m, 0)
		n.Use = m
		ind, ok := c.plan.Indicators[m.Ref.Value]
		if !ok {
			hint := "define the indicator somewhere in the plan, or check the code"
			if s := lang.SuggestAmong(m.Ref.Value, maps.Keys(c.plan.Indicators)); s != "" {
				hint = "did you mean " + s + "?"
			}
			c.report(lang.Error, lang.EUnknownIndicator, m.Ref.Rng, fmt.Sprintf("unknown indicator %s", m.Ref.Value),
				"A use shows an indicator defined elsewhere in the plan; no indicator has this code.", hint)
			return
		}
		n.Name = ind.Def.Name.Value
		n.Indicator = ind
		ind.Nodes = append(ind.Nodes, n)
	}
}

// weights checks that n's children's weights sum to 100%, or, when n
// normalizes them, that the normalization is needed and possible.
func (c *checker) weights(n *Node, at lang.Range) {
	if len(n.Children) == 0 {
		n.Children = nil // room was made for members that placed nothing
		if n.Kind != KindIndicator && n.Kind != KindPlan {
			c.errorf(lang.EEmptyGroup, n.CodeRange, "add what it should hold, or remove it", "%s %s is empty", describeKind(n.Kind), n.Code)
		}
		return
	}
	sum, off := n.WeightSum()
	if !at.Start.IsValid() {
		at = n.Children[0].CodeRange
	}
	what := func() string { return "the weights of " + childrenOf(n) }
	switch {
	case n.Normalize && isZero(sum):
		c.report(lang.Error, lang.EWeightSum, at, what()+" sum to 0%, so they cannot be normalized",
			"", "give at least one child a weight above 0%")
	case n.Normalize && !off:
		c.report(lang.Warning, lang.WNeedlessNorm, at, what()+" already sum to 100%: normalize changes nothing",
			"", "remove the normalize line")
	case !n.Normalize && off:
		parts := make([]string, len(n.Children))
		for i, ch := range n.Children {
			parts[i] = formatNum(ch.Weight)
		}
		tol := Tolerance * float64(len(n.Children))
		c.report(lang.Error, lang.EWeightSum, at, fmt.Sprintf("%s sum to %s%%, not 100%%", what(), formatNum(sum)),
			fmt.Sprintf("%s = %s%%; a group may be off by %s because of rounding.", strings.Join(parts, " + "), formatNum(sum), formatNum(tol)),
			"fix the weights, or write normalize in the block to divide them by their sum")
	}
}

func childrenOf(n *Node) string {
	switch n.Kind {
	case KindPlan:
		return "the areas"
	case KindStrategic:
		return "the groups of strategic objective " + n.Code
	case KindIndicators, KindOperational:
		return "group " + n.Code
	case KindArea:
		return "the strategic objectives of area " + n.Code
	}
	return "the indicators of operational objective " + n.Code
}
