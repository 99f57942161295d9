package eval

import (
	"fmt"
	"math"

	exprast "github.com/expr-lang/expr/ast"
	"github.com/expr-lang/expr/checker"
	"github.com/expr-lang/expr/compiler"
	"github.com/expr-lang/expr/conf"
	"github.com/expr-lang/expr/optimizer"
	"github.com/expr-lang/expr/parser"
	"github.com/expr-lang/expr/vm"
	"github.com/piano-plan/piano/lang/ast"
)

// Env holds the values a formula reads, by name. Formulas read float64s only.
type Env map[string]float64

// compiler turns plan formulas into expr programs with one shared
// configuration, and runs them on one VM. It is not safe for concurrent use.
type formulas struct {
	conf *conf.Config
	vm   vm.VM
}

// newFormulas prepares the configuration for formulas over the given names,
// so that expr checks every name and knows it is a number.
func newFormulas(names []string) *formulas {
	env := Env{}
	for _, n := range names {
		env[n] = 0
	}
	return &formulas{conf: conf.New(env)}
}

// compile builds the program of a formula. The plan's grammar has already
// parsed it (so names such as D1.1_2 need no escaping); this turns our tree
// into expr's and lets expr check, optimize and compile it.
func (f *formulas) compile(e ast.Expr) (*vm.Program, error) {
	tree := &parser.Tree{Node: toExpr(e)}
	if _, err := checker.Check(tree, f.conf); err != nil {
		return nil, fmt.Errorf("formula %s: %w", ast.FormatExpr(e), err)
	}
	if err := optimizer.Optimize(&tree.Node, f.conf); err != nil {
		return nil, fmt.Errorf("formula %s: %w", ast.FormatExpr(e), err)
	}
	return compiler.Compile(tree, f.conf)
}

// run runs a program on env. A result that is not a finite number is an error.
func (f *formulas) run(p *vm.Program, env Env) (float64, error) {
	out, err := f.vm.Run(p, env)
	if err != nil {
		return 0, err
	}
	var x float64
	switch v := out.(type) {
	case float64:
		x = v
	case int:
		x = float64(v)
	default:
		return 0, fmt.Errorf("formula gave %T, not a number", out)
	}
	if math.IsNaN(x) || math.IsInf(x, 0) {
		return 0, errNotFinite
	}
	return x, nil
}

var errNotFinite = fmt.Errorf("the result is not a finite number")

// toExpr converts a plan formula into expr's tree. Every number becomes a
// float so that 1 / 3 is a third, not zero.
func toExpr(e ast.Expr) exprast.Node {
	switch e := e.(type) {
	case *ast.NumberLit:
		return &exprast.FloatNode{Value: e.Value}
	case *ast.Ref:
		return &exprast.IdentifierNode{Value: e.Name}
	case *ast.Paren:
		return toExpr(e.X)
	case *ast.Unary:
		return &exprast.UnaryNode{Operator: "-", Node: toExpr(e.X)}
	case *ast.Binary:
		return &exprast.BinaryNode{Operator: string(e.Op), Left: toExpr(e.X), Right: toExpr(e.Y)}
	case *ast.Call:
		args := make([]exprast.Node, len(e.Args))
		for i, a := range e.Args {
			args[i] = toExpr(a)
		}
		return &exprast.BuiltinNode{Name: e.Func.Value, Arguments: args}
	}
	panic(fmt.Sprintf("eval: unexpected formula node %T", e))
}

// zeroDivisors names the divisors of e that are zero in env: drivers by code,
// other divisors as written. It explains a formula that gave no number.
func (f *formulas) zeroDivisors(e ast.Expr, env Env) []string {
	var out []string
	ast.Inspect(e, func(x ast.Expr) {
		b, ok := x.(*ast.Binary)
		if !ok || b.Op != '/' {
			return
		}
		p, err := f.compile(b.Y)
		if err != nil {
			return
		}
		if v, err := f.run(p, env); err == nil && v == 0 {
			out = append(out, ast.FormatExpr(b.Y))
		}
	})
	return out
}
