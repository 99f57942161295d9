package check

import (
	"fmt"
	"math"

	"github.com/piano-plan/piano/lang"
	"github.com/piano-plan/piano/lang/ast"
)

// Scheda is a checked scheda: the owner, the nodes assigned to them with
// their weights in the scheda (percent of the results, summing to 100),
// and the weights of the three parts (results, organisational
// performance, behaviours; percent, summing to 100).
type Scheda struct {
	Code, Name     string
	Assigned       []Assignment
	Results        float64 // weight of the assigned nodes' results
	Organisational float64 // weight of the plan's overall score
	Behaviours     float64 // weight of the behaviour score
	Low, High      float64 // the SMVP's scale of behaviour scores
	Src            *ast.Scheda
}

// Assignment is one node of a scheda with its weight in the scheda's
// results, percent; PlanWeight is true when the weight is the plan's,
// renormalised among the assigned nodes.
type Assignment struct {
	Node       *Node
	Weight     float64
	PlanWeight bool
}

// schede checks the schede: codes, assigned nodes, weights, scales.
func (c *checker) schede() {
	if len(c.file.Schede) == 0 {
		return
	}
	nodes := map[string]*Node{}
	var walk func(n *Node)
	walk = func(n *Node) {
		if n.Code != "" {
			nodes[n.Code] = n
		}
		for _, ch := range n.Children {
			walk(ch)
		}
	}
	walk(c.plan.Root)
	seen := map[string]lang.Range{}
	for _, src := range c.file.Schede {
		bad := false
		fail := func(r lang.Range, hint, format string, args ...any) {
			c.errorf(lang.EScheda, r, hint, format, args...)
			bad = true
		}
		if prev, dup := seen[src.Code.Value]; dup {
			fail(src.Code.Rng, "give each scheda its own code", "scheda %s is declared twice; the first is at %s", src.Code.Value, c.fs.Where(prev))
			continue
		}
		seen[src.Code.Value] = src.Code.Rng
		s := &Scheda{Code: src.Code.Value, Name: src.Name.Value, Src: src}
		if a := src.Assigned; a != nil {
			s.Results = a.Weight.Value.Value
			given, sum, plan := 0, 0.0, 0.0
			for _, an := range a.Nodes {
				n := nodes[an.Code.Value]
				if n == nil || n.Kind == KindPlan {
					var codes []string
					for code := range nodes {
						codes = append(codes, code)
					}
					hint := "assign nodes by the codes the plan gives them"
					if sg := lang.Suggest(an.Code.Value, codes); sg != "" {
						hint = "did you mean " + sg + "?"
					}
					fail(an.Code.Rng, hint, "scheda %s assigns %s, which is no node of the plan", s.Code, an.Code.Value)
					continue
				}
				as := Assignment{Node: n, Weight: n.Weight, PlanWeight: an.Weight == nil}
				if an.Weight != nil {
					given++
					as.Weight = an.Weight.Value
					sum += an.Weight.Value
				}
				plan += n.Weight
				s.Assigned = append(s.Assigned, as)
			}
			switch {
			case given > 0 && given < len(a.Nodes):
				fail(a.Rng, "give every assigned node its weight in the scheda, or none (the plan's weights, renormalised)",
					"scheda %s gives weights to %d of its %d assigned nodes", s.Code, given, len(a.Nodes))
			case given > 0 && math.Abs(sum-100) > Tolerance*float64(given)+1e-9:
				fail(a.Rng, "the weights of the assigned nodes are shares of the results: make them sum to 100%",
					"the assigned nodes of scheda %s weigh %s%%, not 100%%", s.Code, lang.Figure(sum))
			case given == 0 && plan > 0:
				for i := range s.Assigned {
					s.Assigned[i].Weight = s.Assigned[i].Node.Weight / plan * 100
				}
			}
		}
		if o := src.Organisational; o != nil {
			s.Organisational = o.Weight.Value.Value
		}
		if b := src.Behaviours; b != nil {
			s.Behaviours, s.Low, s.High = b.Weight.Value.Value, b.Low.Value, b.High.Value
			if s.Low >= s.High {
				fail(b.Rng, "write the scale from its lowest score up: scale 1..5", "the behaviours' scale %s..%s runs backwards or is empty", b.Low.Text, b.High.Text)
			}
		}
		if sum := s.Results + s.Organisational + s.Behaviours; math.Abs(sum-100) > Tolerance*3+1e-9 {
			fail(src.Code.Rng, "the results, the organisational performance and the behaviours are shares of the scheda: make their weights sum to 100%",
				"the parts of scheda %s weigh %s%%, not 100%% (results %s%%, organisational %s%%, behaviours %s%%)", s.Code,
				lang.Figure(sum), lang.Figure(s.Results), lang.Figure(s.Organisational), lang.Figure(s.Behaviours))
		}
		if !bad {
			c.plan.Schede = append(c.plan.Schede, s)
		}
	}
}

// String names the scheda as messages do.
func (s *Scheda) String() string { return fmt.Sprintf("scheda %s %q", s.Code, s.Name) }
