package ast

import "github.com/piano-plan/piano/lang"

// Shift moves every position of f's tree by base bytes: the parser gives a
// file's own offsets, and a plan of several files places each file at its
// base in a lang.FileSet. Positions that are no position stay so.
func Shift(f *File, base int32) {
	if base != 0 {
		ShiftFrom(f, 0, base, 0)
	}
}

// ShiftFrom moves the positions of f's tree that are at offset from or
// after it by off bytes and lines lines: what a re-parse does to the
// statements after the one it read again (lang/syntax's Tree.Reparse).
// Columns do not change: the caller makes sure that no position after
// from shares a line with the text that changed.
//
// The walk is written out, node type by node type, because it runs on
// every keystroke in an editor; TestShiftFrom compares it with a walk by
// reflection over every field, so that a field added to a node and
// forgotten here fails the test. The typed views (Header, Area.Objectives,
// Indicator.Baselines, ...) hold the same nodes as the statement lists and
// are not walked again, but for Header.Missing, which is a copy. Doc
// comments are the file's comments, walked once.
func ShiftFrom(f *File, from, off, lines int32) {
	s := shifter{from: from, off: off, lines: lines}
	for _, c := range f.Comments {
		if c.Rng.End.Offset >= from {
			s.rng(&c.Rng)
		}
	}
	s.stmts(f.Stmts)
	if m := f.Header.Missing; m != nil {
		s.rng(&m.Rng)
	}
}

type shifter struct{ from, off, lines int32 }

func (s *shifter) pos(p *lang.Pos) {
	if p.IsValid() && p.Offset >= s.from {
		p.Offset += s.off
		p.Line += s.lines
	}
}

func (s *shifter) rng(r *lang.Range) {
	s.pos(&r.Start)
	s.pos(&r.End)
}

func (s *shifter) stmts(list []Stmt) {
	for _, st := range list {
		if st.Span().End.Offset < s.from {
			continue // wholly before: nothing in it moves
		}
		s.stmt(st)
	}
}

func (s *shifter) stmt(st Stmt) {
	switch n := st.(type) {
	case *StringField:
		s.rng(&n.Rng)
		s.rng(&n.Value.Rng)
	case *MissingStmt:
		s.rng(&n.Rng)
		s.rng(&n.Value.Rng)
	case *Years:
		s.rng(&n.Rng)
		s.rng(&n.From.Rng)
		s.rng(&n.To.Rng)
	case *Driver:
		s.rng(&n.Rng)
		s.rng(&n.Code.Rng)
		s.rng(&n.Name.Rng)
		s.unit(n.Unit)
		s.expr(n.Formula)
	case *Area:
		s.rng(&n.Rng)
		s.rng(&n.Code.Rng)
		s.rng(&n.Name.Rng)
		s.weight(&n.Weight)
		s.stmts(n.Items)
	case *Objective:
		s.rng(&n.Rng)
		s.rng(&n.Code.Rng)
		s.rng(&n.Name.Rng)
		s.weight(&n.Weight)
		s.stmts(n.Items)
	case *Group:
		s.rng(&n.Rng)
		s.weight(&n.Weight)
		s.stmts(n.Items)
	case *Indicator:
		s.rng(&n.Rng)
		s.rng(&n.Code.Rng)
		s.rng(&n.Name.Rng)
		s.weight(&n.Weight)
		s.stmts(n.Items)
	case *Use:
		s.rng(&n.Rng)
		s.rng(&n.Ref.Rng)
		s.rng(&n.As.Rng)
		s.weight(&n.Weight)
	case *Flag:
		s.rng(&n.Rng)
	case *Policy:
		s.rng(&n.Rng)
		s.rng(&n.Name.Rng)
		s.steps(n.Steps)
		s.options(n.Options)
		s.steps(n.Late)
		s.expr(n.Custom)
	case *Limits:
		s.rng(&n.Rng)
		s.options(n.Options)
	case *Bands:
		s.rng(&n.Rng)
		s.rng(&n.Name.Rng)
		for i := range n.For {
			s.rng(&n.For[i].Rng)
		}
		s.stmts(n.Items)
	case *Band:
		s.rng(&n.Rng)
		s.rng(&n.Code.Rng)
		s.rng(&n.Low.Rng)
		s.rng(&n.High.Rng)
		if n.Label != nil {
			s.rng(&n.Label.Rng)
		}
		if n.Payout != nil {
			s.option(n.Payout)
		}
		if n.Colour != nil {
			s.rng(&n.Colour.Rng)
		}
	case *Behaviours:
		s.rng(&n.Rng)
		s.weight(&n.Weight)
		s.rng(&n.Low.Rng)
		s.rng(&n.High.Rng)
	case *Organisational:
		s.rng(&n.Rng)
		s.weight(&n.Weight)
	case *Assigned:
		s.rng(&n.Rng)
		for _, a := range n.Nodes {
			s.rng(&a.Rng)
			s.rng(&a.Code.Rng)
			if a.Weight != nil {
				s.rng(&a.Weight.Rng)
			}
		}
		s.weight(&n.Weight)
	case *Scheda:
		s.rng(&n.Rng)
		s.rng(&n.Code.Rng)
		s.rng(&n.Name.Rng)
		s.stmts(n.Items)
	case *UnitField:
		s.rng(&n.Rng)
		s.unit(n.Unit)
	case *FormulaField:
		s.rng(&n.Rng)
		s.expr(n.Expr)
	case *BaselineField:
		s.rng(&n.Rng)
		for _, e := range n.Entries {
			s.rng(&e.Rng)
			s.rng(&e.Year.Rng)
			s.value(&e.Value)
		}
	case *TargetField:
		s.rng(&n.Rng)
		for _, e := range n.Entries {
			s.rng(&e.Rng)
			s.rng(&e.Year.Rng)
			s.target(&e.Target)
		}
	}
}

func (s *shifter) weight(w *Weight) {
	s.rng(&w.Rng)
	s.rng(&w.Value.Rng)
}

func (s *shifter) value(v *Value) {
	s.rng(&v.Rng)
	s.rng(&v.Number.Rng)
}

func (s *shifter) target(t *Target) {
	s.rng(&t.Rng)
	s.value(&t.Value)
	if t.High != nil {
		s.value(t.High)
	}
	if r := t.Relative; r != nil {
		s.rng(&r.Rng)
		s.rng(&r.Year.Rng)
		if r.Change != nil {
			s.value(r.Change)
		}
	}
}

func (s *shifter) unit(u *UnitExpr) {
	if u == nil {
		return
	}
	s.rng(&u.Rng)
	for i := range u.Factors {
		s.rng(&u.Factors[i].Rng)
	}
}

func (s *shifter) steps(list []*Step) {
	for _, st := range list {
		s.rng(&st.Rng)
		s.rng(&st.At.Rng)
		s.rng(&st.Score.Rng)
	}
}

func (s *shifter) options(list []*PolicyOption) {
	for _, o := range list {
		s.option(o)
	}
}

func (s *shifter) option(o *PolicyOption) {
	s.rng(&o.Rng)
	s.rng(&o.Key.Rng)
	s.rng(&o.Value.Rng)
}

func (s *shifter) expr(e Expr) {
	Inspect(e, func(x Expr) {
		switch x := x.(type) {
		case *NumberLit:
			s.rng(&x.Rng)
		case *Ref:
			s.rng(&x.Rng)
		case *Binary:
			s.rng(&x.Rng)
			s.rng(&x.OpRng)
		case *Unary:
			s.rng(&x.Rng)
		case *Paren:
			s.rng(&x.Rng)
		case *Call:
			s.rng(&x.Rng)
			s.rng(&x.Func.Rng)
		}
	})
}
