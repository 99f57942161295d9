package check

import (
	"fmt"

	"github.com/piano-plan/piano/lang"
	"github.com/piano-plan/piano/lang/ast"
	"github.com/piano-plan/piano/lang/unit"
)

// PolicyKind names a scoring policy.
type PolicyKind string

const (
	// Ratio scores value/target (at least) or target/value (at most).
	Ratio PolicyKind = "ratio"
	// Threshold scores 100% when the target is met, else 0%.
	Threshold PolicyKind = "threshold"
	// Linear scores the way from the last baseline to the target.
	Linear PolicyKind = "linear"
	// Custom scores with a formula over value, target and baseline.
	Custom PolicyKind = "custom"
	// Steps scores the ratio's achievement by steps: from each step's
	// achievement, its score; under the lowest step, 0%.
	Steps PolicyKind = "steps"
)

// Step is one step of a steps policy (At in percent of the target) or of
// late bands (At in days late); Score in percent.
type Step struct {
	At, Score float64
}

// Policy says how an indicator's value becomes an achievement (0-100%, or
// more when Cap allows over-achievement).
type Policy struct {
	Kind  PolicyKind
	Cap   float64 // highest achievement, percent (100 unless "cap")
	Floor float64 // achievements below this percent count as 0
	Late  float64 // deadline targets lose this many percent per day late; 0: all or nothing
	// Steps are a steps policy's steps, by At ascending.
	Steps []Step
	// LateSteps are the late bands of deadlines, by At (days) ascending: up
	// to At days late, Score; later than the last, 0%. They replace Late.
	LateSteps []Step
	Custom    ast.Expr // Custom: the achievement in percent
	Src       *ast.Policy
}

// DefaultPolicy is what chambers of commerce report: ratio, capped at 100%.
var DefaultPolicy = Policy{Kind: Ratio, Cap: 100}

// CustomVars are the names a custom scoring formula may use.
var CustomVars = []string{"value", "target", "baseline"}

// policy checks a scoring line. Options not written take their defaults: a
// scoring line replaces the inherited policy as a whole.
func (c *checker) policy(p *ast.Policy, inherited Policy) Policy {
	out := Policy{Kind: PolicyKind(p.Name.Value), Cap: 100, Src: p}
	switch out.Kind {
	case Ratio, Threshold, Linear, Custom, Steps:
	default:
		hint := "policies are ratio, threshold, linear, steps and custom"
		if s := lang.Suggest(p.Name.Value, []string{"ratio", "threshold", "linear", "steps", "custom"}); s != "" {
			hint = "did you mean " + s + "?"
		}
		c.errorf(lang.EBadPolicy, p.Name.Rng, hint, "unknown scoring policy %q", p.Name.Value)
		return inherited
	}
	seen := map[string]bool{}
	for _, o := range p.Options {
		v := o.Value.Value
		if seen[o.Key.Value] {
			c.errorf(lang.EBadPolicy, o.Rng, "keep one", "%s is given twice", o.Key.Value)
		}
		seen[o.Key.Value] = true
		switch o.Key.Value {
		case "cap":
			if v < 100 {
				c.errorf(lang.EBadPolicy, o.Rng, "a cap allows over-achievement: cap 120% lets an indicator score up to 120%",
					"cap %s%% is below 100%%", o.Value.Text)
			}
			out.Cap = v
		case "floor":
			if v < 0 || v >= 100 {
				c.errorf(lang.EBadPolicy, o.Rng, "a floor such as floor 50% scores achievements under 50% as 0%", "floor %s%% is outside 0-100%%", o.Value.Text)
			}
			out.Floor = v
		case "late":
			if v <= 0 || v > 100 {
				c.errorf(lang.EBadPolicy, o.Rng, "late 2% takes 2 points off a deadline's achievement for each day late", "late %s%% is outside 0-100%%", o.Value.Text)
			}
			out.Late = v
		}
	}
	out.Steps = c.steps(p.Steps, out.Cap, false)
	if len(p.Late) > 0 {
		if seen["late"] {
			c.errorf(lang.EBadPolicy, p.Late[0].Rng, "keep late P% or late bands, not both", "late is given twice")
		}
		out.LateSteps = c.steps(p.Late, 100, true)
	}
	switch {
	case out.Kind == Custom && p.Custom == nil:
		c.errorf(lang.EBadPolicy, p.Rng, "write scoring custom = min(100 * value / target, 120)", "a custom policy needs a formula")
	case out.Kind != Custom && p.Custom != nil:
		c.errorf(lang.EBadPolicy, p.Custom.Span(), "write scoring custom = ... to score with a formula", "only a custom policy takes a formula")
	case p.Custom != nil:
		out.Custom = p.Custom
		c.formula(p.Custom, customScope{c})
	}
	return out
}

// customScope resolves the names of a custom scoring formula: CustomVars.
type customScope struct{ c *checker }

func (customScope) unit(name string) (unit.Unit, bool) {
	for _, v := range CustomVars {
		if v == name {
			return unit.Ratio, true
		}
	}
	return unit.Unit{}, false
}

func (s customScope) unknown(r *ast.Ref) {
	hint := "a custom scoring formula may use value, target and baseline"
	if sg := lang.Suggest(r.Name, CustomVars); sg != "" {
		hint = "did you mean " + sg + "?"
	}
	s.c.errorf(lang.EUnknownDriver, r.Rng, hint, "unknown name %q in a scoring formula", r.Name)
}

// Limits are the bounds a score line puts on one node's own score, after
// its children are rolled up: first the cap, then the floor.
type Limits struct {
	Cap   float64 // highest score, percent; 0: none
	Floor float64 // a score below this percent counts as 0 (an access threshold); 0: none
	Src   *ast.Limits
}

// limits checks a score line.
func (c *checker) limits(l *ast.Limits) Limits {
	out := Limits{Src: l}
	seen := map[string]bool{}
	for _, o := range l.Options {
		v := o.Value.Value
		if seen[o.Key.Value] {
			c.errorf(lang.EBadLimits, o.Rng, "keep one", "%s is given twice", o.Key.Value)
		}
		seen[o.Key.Value] = true
		switch o.Key.Value {
		case "cap":
			if v <= 0 {
				c.errorf(lang.EBadLimits, o.Rng, "cap 100% stops an over-achieving child from making up for a missed one",
					"cap %s%% is not above 0%%", o.Value.Text)
				continue
			}
			out.Cap = v
		case "floor":
			if v <= 0 || v >= 100 {
				c.errorf(lang.EBadLimits, o.Rng, "floor 60% scores a node under 60% as 0%", "floor %s%% is outside 0-100%%", o.Value.Text)
				continue
			}
			out.Floor = v
		}
	}
	if out.Cap > 0 && out.Floor > 0 && out.Floor >= out.Cap {
		c.errorf(lang.EBadLimits, l.Rng, "a floor must be below the cap",
			"floor %s%% is not below cap %s%%: every score would be 0%% or at most the cap", lang.Figure(out.Floor), lang.Figure(out.Cap))
	}
	return out
}

// steps checks the entries of a steps policy or of late bands: ascending
// and distinct, each score within 0% and the highest (the cap; 100% for
// late bands), scores that never rise as the days late grow.
func (c *checker) steps(list []*ast.Step, high float64, days bool) []Step {
	var out []Step
	u := "%"
	if days {
		u = " days"
	}
	for i, st := range list {
		at, score := st.At.Value, st.Score.Value
		switch {
		case days && (at < 1 || at != float64(int(at))):
			c.errorf(lang.EBadPolicy, st.Rng, "late bands count whole days late, from 1", "late band %s days is not a whole number of days from 1", st.At.Text)
		case !days && at <= 0:
			c.errorf(lang.EBadPolicy, st.Rng, "a step starts above 0% of the target; under the lowest step the score is 0%", "step %s%% is not above 0%%", st.At.Text)
		case i > 0 && at <= list[i-1].At.Value:
			c.errorf(lang.EBadPolicy, st.Rng, "write the steps from the lowest up", "step %s%s does not come after %s%s: steps go up", st.At.Text, u, list[i-1].At.Text, u)
		case score < 0 || score > high:
			c.errorf(lang.EBadPolicy, st.Rng, fmt.Sprintf("a score is within 0%% and %s%% (raise the cap to score higher)", lang.Figure(high)),
				"the score %s%% is outside 0-%s%%", st.Score.Text, lang.Figure(high))
		case days && i > 0 && score > list[i-1].Score.Value:
			c.errorf(lang.EBadPolicy, st.Rng, "a later deadline never scores more than an earlier one", "%s days late scores %s%%, more than %s days (%s%%)",
				st.At.Text, st.Score.Text, list[i-1].At.Text, list[i-1].Score.Text)
		}
		out = append(out, Step{At: at, Score: score})
	}
	return out
}
