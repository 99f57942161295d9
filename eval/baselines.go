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
	composites := findComposites(e.plan)
	programs := make([]*vm.Program, len(composites))
	for i, c := range composites {
		programs[i] = e.programs[c.ind.Def.Formula.Expr]
	}
	return baselineWarnings(e.plan, e.f, composites, programs)
}

// CheckBaselines is Evaluator.CheckBaselines without compiling the whole
// plan: it compiles the composites' formulas only, the way Compile does,
// and runs them the way Evaluate does. It is what piano check and the
// language server need. The plan must have no errors; the error is for a
// composite's formula that does not compile, which a checked plan rules out.
func CheckBaselines(p *check.Plan) (lang.Diagnostics, error) {
	composites := findComposites(p)
	if len(composites) == 0 {
		return nil, nil
	}
	f, programs, err := compileComposites(composites)
	if err != nil {
		return nil, err
	}
	return baselineWarnings(p, f, composites, programs), nil
}

// compileComposites compiles the composites' formulas. They read the
// composites' inputs only: a configuration that knows those names compiles
// them as one that knows every driver does.
func compileComposites(composites []composite) (*formulas, []*vm.Program, error) {
	names := append([]string{}, check.CustomVars...)
	for _, c := range composites {
		for _, d := range c.ind.Inputs {
			names = append(names, d.Code)
		}
	}
	f := newFormulas(names)
	programs := make([]*vm.Program, len(composites))
	for i, c := range composites {
		prog, err := f.compile(c.ind.Def.Formula.Expr)
		if err != nil {
			return nil, nil, err
		}
		programs[i] = prog
	}
	return f, programs, nil
}

// composite is an indicator whose formula's drivers are each measured
// alone by another indicator: comps, in the order of ind.Inputs.
type composite struct {
	ind   *check.Indicator
	comps []*check.Indicator
}

// findComposites returns the composites of p in source order.
func findComposites(p *check.Plan) []composite {
	single := make(map[string]*check.Indicator, len(p.IndicatorOrder)) // driver code -> first indicator measuring it alone
	for _, ind := range p.IndicatorOrder {
		if ind.Def.Formula == nil || ind.Scale != 1 {
			continue
		}
		if r, ok := ind.Def.Formula.Expr.(*ast.Ref); ok {
			if _, seen := single[r.Name]; !seen {
				single[r.Name] = ind
			}
		}
	}
	var out []composite
	for _, ind := range p.IndicatorOrder {
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
		if comps != nil {
			out = append(out, composite{ind, comps})
		}
	}
	return out
}

// baselineWarnings compares each composite's stated baselines with its
// formula (programs[i] is composites[i]'s) run by f on its components'.
func baselineWarnings(p *check.Plan, f *formulas, composites []composite, programs []*vm.Program) lang.Diagnostics {
	var diags lang.Diagnostics
	for i, c := range composites {
		for _, y := range p.BaselineYears {
			if d := compareBaseline(p, f, programs[i], c.ind, c.comps, y); d != nil {
				diags = append(diags, d)
			}
		}
	}
	return diags
}

func compareBaseline(p *check.Plan, f *formulas, prog *vm.Program, ind *check.Indicator, comps []*check.Indicator, year int) *lang.Diagnostic {
	stated, ok := ind.Baselines[year]
	if !ok || stated.Kind != ast.NumberValue {
		return nil
	}
	env := Env{}
	for i, c := range comps {
		b, ok := c.Baselines[year]
		if !ok || b.Kind != ast.NumberValue {
			return nil
		}
		env[ind.Inputs[i].Code] = b.Number.Value
	}
	got, err := f.run(prog, env)
	if err != nil {
		return nil
	}
	got *= ind.Scale
	want := stated.Number.Value
	if math.Abs(got-want) <= math.Max(0.01, 0.001*math.Abs(want)) {
		return nil
	}
	parts := make([]string, len(comps))
	for i, c := range comps {
		parts[i] = fmt.Sprintf("%s = %s (%s)", ind.Inputs[i].Code, c.Baselines[year].Number.Text, c.Code)
	}
	file, local := p.Locate(stated.Rng)
	return &lang.Diagnostic{Severity: lang.Warning, Code: lang.WBaselineMismatch, File: file, Subject: local,
		Summary: fmt.Sprintf("the %d baseline of %s is %s, but its components' baselines give %s", year, ind.Code, stated.Number.Text, num(got)),
		Detail:  fmt.Sprintf("%s with %s.", ast.FormatExpr(ind.Def.Formula.Expr), strings.Join(parts, ", ")),
		Hint:    "correct the composite's baseline or its components'; if they measure different things, say so in a note"}
}
