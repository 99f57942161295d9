package check

import (
	"fmt"

	"github.com/piano-plan/piano/lang"
	"github.com/piano-plan/piano/lang/ast"
	"github.com/piano-plan/piano/lang/unit"
)

// Functions a formula may call, with their number of arguments.
var functions = map[string]int{"min": -2, "max": -2, "abs": 1} // -n: at least n

// typed is the unit of a formula part; untyped parts are bare numbers, which
// take the unit of what they are added to (as Go's untyped constants do).
type typed struct {
	unit    unit.Unit
	untyped bool
	bad     bool // an error was reported inside; say nothing more
}

// names resolves the names a formula reads: unit gives the unit of a name,
// unknown reports a name unit does not know.
type names interface {
	unit(name string) (unit.Unit, bool)
	unknown(r *ast.Ref)
}

// formula infers the unit of e, whose names env resolves.
func (c *checker) formula(e ast.Expr, env names) typed {
	switch e := e.(type) {
	case *ast.NumberLit:
		return typed{unit: unit.Ratio, untyped: true}
	case *ast.Ref:
		u, ok := env.unit(e.Name)
		if !ok {
			env.unknown(e)
			return typed{bad: true}
		}
		return typed{unit: u}
	case *ast.Paren:
		return c.formula(e.X, env)
	case *ast.Unary:
		x := c.formula(e.X, env)
		if !x.bad && x.unit.IsDate() {
			c.errorf(lang.EUnitArith, e.Rng, "a date can only be compared with a deadline (by YYYY-MM-DD)", "a date cannot be negated")
			return typed{bad: true}
		}
		return x
	case *ast.Call:
		return c.call(e, env)
	case *ast.Binary:
		x := c.formula(e.X, env)
		y := c.formula(e.Y, env)
		if e.Op == '/' && isLiteralZero(e.Y) {
			c.report(lang.Error, lang.EDivZero, e.Y.Span(), "division by zero",
				"This divisor is the constant 0, so the formula can never give a value.", "divide by a driver or a non-zero number")
			return typed{bad: true}
		}
		if x.bad || y.bad {
			return typed{bad: true}
		}
		if x.unit.IsDate() || y.unit.IsDate() {
			c.errorf(lang.EUnitArith, e.OpRng, "a date can only be compared with a deadline (by YYYY-MM-DD)",
				"dates take no arithmetic (%s)", string(e.Op))
			return typed{bad: true}
		}
		switch e.Op {
		case '+', '-':
			return c.same(e.OpRng, x, y, func(a, b unit.Unit) string {
				verb := "add"
				if e.Op == '-' {
					verb = "subtract"
				}
				return fmt.Sprintf("cannot %s %s and %s", verb, a.Describe(), b.Describe())
			})
		case '*':
			u, ok := x.unit.Mul(y.unit)
			if !ok {
				return c.exponent(e.OpRng, u, exponentHint)
			}
			return typed{unit: u, untyped: x.untyped && y.untyped}
		default:
			if y.unit == unit.N && !x.untyped && !x.unit.IsRatio() && !x.unit.HasCount() {
				// An average per item: total days / number of cases is days.
				return x
			}
			u, ok := x.unit.Div(y.unit)
			if !ok {
				return c.exponent(e.OpRng, u, exponentHint)
			}
			return typed{unit: u, untyped: x.untyped && y.untyped}
		}
	}
	return typed{bad: true}
}

// exponent reports a product or quotient at r whose unit u has a power past
// unit.MaxExponent.
func (c *checker) exponent(r lang.Range, u unit.Unit, hint string) typed {
	p, name := u.Exponent()
	c.report(lang.Error, lang.EUnitExponent, r, fmt.Sprintf("the unit here would be %s to the power %d", name, p),
		fmt.Sprintf("Piano keeps powers of a unit within ±%d; no indicator measures more.", unit.MaxExponent), hint)
	return typed{bad: true}
}

const exponentHint = "check the formula for a repeated factor, or divide before multiplying"

// same is the unit of an addition or min/max: both sides alike, or one an
// untyped number.
func (c *checker) same(r lang.Range, x, y typed, msg func(a, b unit.Unit) string) typed {
	switch {
	case x.untyped:
		return y
	case y.untyped:
		return x
	case x.unit != y.unit:
		c.report(lang.Error, lang.EUnitArith, r, msg(x.unit, y.unit),
			fmt.Sprintf("The left side is in %s, the right side in %s.", x.unit, y.unit),
			"check the drivers' units, or convert one side with * or /")
		return typed{bad: true}
	}
	return x
}

func (c *checker) call(e *ast.Call, env names) typed {
	n, ok := functions[e.Func.Value]
	if !ok {
		c.errorf(lang.EUnknownFunc, e.Func.Rng, "formulas may call min, max and abs", "unknown function %q", e.Func.Value)
		return typed{bad: true}
	}
	if (n > 0 && len(e.Args) != n) || (n < 0 && len(e.Args) < -n) {
		want := fmt.Sprint(n)
		if n < 0 {
			want = fmt.Sprintf("at least %d", -n)
		}
		c.errorf(lang.EUnknownFunc, e.Rng, "", "%s takes %s arguments, not %d", e.Func.Value, want, len(e.Args))
		return typed{bad: true}
	}
	var out typed
	for i, a := range e.Args {
		t := c.formula(a, env)
		if t.bad {
			return t
		}
		if t.unit.IsDate() {
			c.errorf(lang.EUnitArith, a.Span(), "a date can only be compared with a deadline", "%s cannot take a date", e.Func.Value)
			return typed{bad: true}
		}
		if i == 0 {
			out = t
			continue
		}
		out = c.same(a.Span(), out, t, func(a, b unit.Unit) string {
			return fmt.Sprintf("%s of %s and %s", e.Func.Value, a.Describe(), b.Describe())
		})
		if out.bad {
			return out
		}
	}
	return out
}

func isLiteralZero(e ast.Expr) bool {
	switch e := e.(type) {
	case *ast.NumberLit:
		return isZero(e.Value)
	case *ast.Paren:
		return isLiteralZero(e.X)
	case *ast.Unary:
		return isLiteralZero(e.X)
	}
	return false
}

// conform decides how a formula's unit feeds a declared unit: the same unit
// (scale 1), or a pure ratio into a percentage (scale 100). ok is false on a
// mismatch, which the caller reports.
func conform(formula typed, declared unit.Unit) (scale float64, ok bool) {
	switch {
	case formula.unit == declared:
		return 1, true
	case formula.untyped && !declared.IsDate():
		return 1, true
	case declared == unit.Pct && formula.unit.IsRatio():
		return 100, true
	}
	return 0, false
}

// timesHundred warns about each literal 100 that multiplies a product in
// e, a formula whose pure ratio Piano already turns into a percent (scale
// 100): N30 * 100 / NT, 100 * A / B, (A / B) * 100. The value would be 100
// times too big: 50 of 100 would be 5000%. of names the formula's owner.
func (c *checker) timesHundred(e ast.Expr, of string) {
	for _, lit := range hundreds(e) {
		c.report(lang.Warning, lang.WTimesHundred, lit.Rng,
			fmt.Sprintf("the formula of %s multiplies a ratio by 100, and Piano makes the ratio a percent too", of),
			"The formula divides like units, so its result is a pure ratio, which a % unit shows times 100; with this "+
				"factor the value is 100 times too big: 50 of 100 would be 5000%.",
			"drop the factor 100: Piano shows a ratio of like units as a percent")
	}
}

// hundreds returns the literal 100s that are factors of a product (not of
// a divisor) anywhere in e, whatever the order and grouping of the product.
func hundreds(e ast.Expr) []*ast.NumberLit {
	var out []*ast.NumberLit
	var walk func(e ast.Expr)
	walk = func(e ast.Expr) {
		switch e := e.(type) {
		case *ast.Paren:
			walk(e.X)
		case *ast.Unary:
			walk(e.X)
		case *ast.Call:
			for _, a := range e.Args {
				walk(a)
			}
		case *ast.Binary:
			if e.Op == '+' || e.Op == '-' {
				walk(e.X)
				walk(e.Y)
				return
			}
			var factors []ast.Expr
			var num []*ast.NumberLit
			product(e, true, &factors, &num)
			out = append(out, num...)
			for _, f := range factors {
				walk(f)
			}
		}
	}
	walk(e)
	return out
}

// product flattens the product or quotient e into its factors: literal
// 100s in the numerator go to hundreds, every other factor that is not
// itself a product to factors.
func product(e ast.Expr, numerator bool, factors *[]ast.Expr, hundreds *[]*ast.NumberLit) {
	switch x := e.(type) {
	case *ast.Paren:
		product(x.X, numerator, factors, hundreds)
		return
	case *ast.Unary:
		product(x.X, numerator, factors, hundreds)
		return
	case *ast.Binary:
		switch x.Op {
		case '*':
			product(x.X, numerator, factors, hundreds)
			product(x.Y, numerator, factors, hundreds)
			return
		case '/':
			product(x.X, numerator, factors, hundreds)
			product(x.Y, !numerator, factors, hundreds)
			return
		}
	case *ast.NumberLit:
		if numerator && x.Value == 100 {
			*hundreds = append(*hundreds, x)
			return
		}
	}
	*factors = append(*factors, e)
}

// ggEUR is days times euro, the unit of the payment-timeliness driver.
var ggEUR, _ = unit.GG.Mul(unit.EUR)

func mismatchHint(formula, declared unit.Unit) string {
	switch {
	case declared.IsDate():
		return "a deadline indicator's formula is a single driver declared with unit date"
	case formula == ggEUR && declared == unit.GG:
		return "divide by the amount in EUR: days × euro / euro gives days"
	case declared == unit.Pct:
		return "a percentage comes from a driver in % or from a ratio of like units (N / N), which Piano multiplies by 100"
	}
	return fmt.Sprintf("declare unit %s, or change the formula", formula)
}
