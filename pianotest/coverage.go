package pianotest

import (
	"fmt"
	"math"

	"github.com/piano-plan/piano"
	"github.com/piano-plan/piano/eval"
	"github.com/piano-plan/piano/lang/check"
)

// Coverage says which weighted indicators of a plan the cases exercise.
//
// A weighted indicator is an indicator node (a use counts at its own
// place) whose weight and every ancestor's weight are above 0%: one that
// can move the overall score. A case exercises it when it asserts the
// indicator's score, achievement or status, or asserts the score of one of
// its ancestors (the overall score included) and the indicator has a
// score in that case (it is not left out as not available, not assessed or
// missing).
type Coverage struct {
	Plan      string
	Weighted  []*check.Node // in the plan's order
	Exercised map[string]bool
}

func newCoverage(p *piano.Plan) Coverage {
	c := Coverage{Plan: p.Name, Exercised: map[string]bool{}}
	var walk func(*check.Node)
	walk = func(n *check.Node) {
		if n != p.Checked.Root && n.Weight <= 0 {
			return
		}
		if n.Kind == check.KindIndicator {
			c.Weighted = append(c.Weighted, n)
		}
		for _, ch := range n.Children {
			walk(ch)
		}
	}
	walk(p.Checked.Root)
	return c
}

// add records what a case exercises.
func (c *Coverage) add(cr *CaseResult) {
	if cr.Result == nil {
		return
	}
	for _, e := range cr.Case.Expect {
		n := cr.Result.Root
		if e.Code != PlanCode {
			n = cr.Result.Find(e.Code)
		}
		if n == nil {
			continue
		}
		if n.Node.Kind == check.KindIndicator {
			c.Exercised[n.Node.Code] = true
			continue
		}
		if e.What == Score {
			c.below(n)
		}
	}
}

func (c *Coverage) below(n *eval.NodeResult) {
	if n.Node.Kind == check.KindIndicator && n.Score != nil && n.Status != eval.Monitored {
		c.Exercised[n.Node.Code] = true
	}
	for _, ch := range n.Children {
		c.below(ch)
	}
}

// Uncovered lists the weighted indicators no case exercises, in the
// plan's order.
func (c Coverage) Uncovered() []*check.Node {
	var out []*check.Node
	for _, n := range c.Weighted {
		if !c.Exercised[n.Code] {
			out = append(out, n)
		}
	}
	return out
}

// Total is the coverage of several plans together.
type Total struct{ Covered, Weighted, Plans int }

// Add counts one plan's coverage in the total.
func (t *Total) Add(c Coverage) {
	if c.Exercised == nil {
		return // the plan could not be loaded: nothing was measured
	}
	t.Plans++
	t.Weighted += len(c.Weighted)
	t.Covered += len(c.Weighted) - len(c.Uncovered())
}

// Percent is the share covered: 100 when there is nothing to cover, 0
// when no plan was measured.
func (t Total) Percent() float64 {
	if t.Plans == 0 {
		return 0
	}
	if t.Weighted == 0 {
		return 100
	}
	return 100 * float64(t.Covered) / float64(t.Weighted)
}

// String prints the total as "40 of 52 weighted indicators (76.9%)", the
// share rounded down so that it never shows a threshold passed that is not.
func (t Total) String() string {
	if t.Plans == 0 {
		return "not measured: no plan could be evaluated"
	}
	p := math.Floor(t.Percent()*10+1e-9) / 10
	return fmt.Sprintf("%d of %d weighted indicators (%.1f%%)", t.Covered, t.Weighted, p)
}
