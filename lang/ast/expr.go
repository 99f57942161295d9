package ast

import "github.com/piano-plan/piano/lang"

// Expr is a formula: the algorithm of an indicator or derived driver, or a
// custom scoring rule. Formulas are parsed by Piano's grammar (so that names
// such as D1.1_2 stay bare) and compiled to expr-lang programs by package eval.
type Expr interface {
	Node
	expr()
}

// NumberLit is a number in a formula. Numbers are untyped: they take the unit
// of what they are added to or compared with, and are pure in * and /.
type NumberLit struct {
	Number
}

// Ref names a driver (or, in a custom scoring rule, value, target or
// baseline). Quoted is true for `backquoted` names.
type Ref struct {
	Rng    lang.Range
	Name   string
	Quoted bool
}

// Binary is X Op Y with Op one of + - * /.
type Binary struct {
	Rng   lang.Range
	Op    byte
	OpRng lang.Range
	X, Y  Expr
}

// Unary is -X.
type Unary struct {
	Rng lang.Range
	X   Expr
}

// Paren is (X), kept so the formatter prints the parentheses the user wrote.
type Paren struct {
	Rng lang.Range
	X   Expr
}

// Call is a function call: min(a, b), max(a, b), abs(a).
type Call struct {
	Rng  lang.Range
	Func Word
	Args []Expr
}

func (n *NumberLit) Span() lang.Range { return n.Rng }
func (n *Ref) Span() lang.Range       { return n.Rng }
func (n *Binary) Span() lang.Range    { return n.Rng }
func (n *Unary) Span() lang.Range     { return n.Rng }
func (n *Paren) Span() lang.Range     { return n.Rng }
func (n *Call) Span() lang.Range      { return n.Rng }

func (*NumberLit) expr() {}
func (*Ref) expr()       {}
func (*Binary) expr()    {}
func (*Unary) expr()     {}
func (*Paren) expr()     {}
func (*Call) expr()      {}

// Inspect calls f for e and every expression inside it, depth first, parents
// before children.
func Inspect(e Expr, f func(Expr)) {
	if e == nil {
		return
	}
	f(e)
	switch e := e.(type) {
	case *Binary:
		Inspect(e.X, f)
		Inspect(e.Y, f)
	case *Unary:
		Inspect(e.X, f)
	case *Paren:
		Inspect(e.X, f)
	case *Call:
		for _, a := range e.Args {
			Inspect(a, f)
		}
	}
}

// Refs returns the names e refers to, in order of appearance, each once.
func Refs(e Expr) []*Ref {
	var out []*Ref
	seen := map[string]bool{}
	Inspect(e, func(x Expr) {
		if r, ok := x.(*Ref); ok && !seen[r.Name] {
			seen[r.Name] = true
			out = append(out, r)
		}
	})
	return out
}
