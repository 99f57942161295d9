package eval

import (
	"fmt"
	"math"
	"strings"

	"github.com/piano-plan/piano/lang"
	"github.com/piano-plan/piano/lang/ast"
	"github.com/piano-plan/piano/lang/check"
)

// CheckBaselines recomputes the baselines of composite indicators from the
// baselines of their components and warns where they disagree (W204).
//
// An indicator is a composite when every driver of its formula is, alone,
// the formula of another indicator: the seed's 301.S1 is
// (D1.1_2 + D1.1_1 + D1.1_3) / 1, and 31.D1.1_1, 31.D1.1_2 and 31.D1.1_3
// measure one driver each. For each baseline year in which the composite
// and all its components have a number, the composite's formula is run on
// the components' baselines.
func (e *Evaluator) CheckBaselines() lang.Diagnostics {
	var diags lang.Diagnostics
	single := map[string]*check.Indicator{} // driver code -> first indicator measuring it alone
	for _, ind := range e.plan.IndicatorOrder {
		if ind.Def.Formula == nil || ind.Scale != 1 {
			continue
		}
		if r, ok := ind.Def.Formula.Expr.(*ast.Ref); ok {
			if _, seen := single[r.Name]; !seen {
				single[r.Name] = ind
			}
		}
	}
	for _, ind := range e.plan.IndicatorOrder {
		if ind.Def.Formula == nil || len(ind.Inputs) < 2 {
			continue
		}
		var comps []*check.Indicator
		for _, d := range ind.Inputs {
			c, ok := single[d.Code]
			if !ok || c == ind {
				comps = nil
				break
			}
			comps = append(comps, c)
		}
		if comps == nil {
			continue
		}
		for _, y := range e.plan.BaselineYears {
			if d := e.compareBaseline(ind, comps, y); d != nil {
				diags = append(diags, d)
			}
		}
	}
	return diags
}

func (e *Evaluator) compareBaseline(ind *check.Indicator, comps []*check.Indicator, year int) *lang.Diagnostic {
	stated, ok := ind.Baselines[year]
	if !ok || stated.Kind != ast.NumberValue {
		return nil
	}
	env := Env{}
	var parts []string
	for i, c := range comps {
		b, ok := c.Baselines[year]
		if !ok || b.Kind != ast.NumberValue {
			return nil
		}
		code := ind.Inputs[i].Code
		env[code] = b.Number.Value
		parts = append(parts, fmt.Sprintf("%s = %s (%s)", code, b.Number.Text, c.Code))
	}
	got, err := e.f.run(e.programs[ind.Def.Formula.Expr], env)
	if err != nil {
		return nil
	}
	got *= ind.Scale
	want := stated.Number.Value
	if math.Abs(got-want) <= math.Max(0.01, 0.001*math.Abs(want)) {
		return nil
	}
	return &lang.Diagnostic{Severity: lang.Warning, Code: lang.WBaselineMismatch, File: e.file(stated.Rng), Subject: e.local(stated.Rng),
		Summary: fmt.Sprintf("the %d baseline of %s is %s, but its components' baselines give %s", year, ind.Code, stated.Number.Text, num(got)),
		Detail:  fmt.Sprintf("%s with %s.", ast.FormatExpr(ind.Def.Formula.Expr), strings.Join(parts, ", ")),
		Hint:    "correct the composite's baseline or its components'; if they measure different things, say so in a note"}
}
