// Package format prints a parsed plan in its canonical layout: one statement
// per line, two spaces of indentation per block, one space between the parts
// of a statement, every indicator field on its own line.
//
// Formatting changes only whitespace and the canonical spelling of what the
// language lets one write two ways (string escapes, backquotes around names
// that need none). It keeps every comment, and keeps a blank line wherever the
// source had one or more between two statements. Its output parses back to
// the same tree, and formatting it again changes nothing.
package format

import (
	"bytes"
	"fmt"
	"strconv"
	"strings"

	"github.com/piano-plan/piano/lang"
	"github.com/piano-plan/piano/lang/ast"
)

// Source formats a file. The file must have parsed without errors. It
// returns an error, and no text, for a node of the tree that it cannot
// print (a statement added to the language and not to the printer), so
// that no statement is ever dropped from a file silently.
func Source(f *ast.File) ([]byte, error) {
	p := &printer{comments: f.Comments}
	if err := p.stmts(f.Stmts); err != nil {
		return nil, err
	}
	p.flushComments(-1)
	out := p.buf.Bytes()
	out = bytes.TrimLeft(out, "\n")
	if len(out) == 0 {
		return out, nil
	}
	return append(bytes.TrimRight(out, "\n"), '\n'), nil
}

type printer struct {
	buf      bytes.Buffer
	indent   int
	comments []*ast.Comment
	lastLine int32 // source line of the last thing printed, 0 at the start
}

// blankBefore writes an empty line when the source had one before line.
func (p *printer) blankBefore(line int32) {
	if p.lastLine > 0 && line > p.lastLine+1 {
		p.buf.WriteByte('\n')
	}
}

func (p *printer) line(srcLine int32, text string) {
	p.blankBefore(srcLine)
	p.buf.WriteString(strings.Repeat("  ", p.indent))
	p.buf.WriteString(text)
}

// flushComments prints, each on its own line, the comments that start
// before offset (all of them when offset is -1).
func (p *printer) flushComments(offset int32) {
	for len(p.comments) > 0 && (offset < 0 || p.comments[0].Rng.Start.Offset < offset) {
		c := p.comments[0]
		p.comments = p.comments[1:]
		p.line(c.Rng.Start.Line, c.Text)
		p.buf.WriteByte('\n')
		p.lastLine = c.Rng.Start.Line
	}
}

// endLine finishes a printed line: comments that started inside the
// statement, or after it on its last line, follow it on the same line.
func (p *printer) endLine(r lang.Range) {
	for len(p.comments) > 0 {
		c := p.comments[0]
		inside := c.Rng.Start.Offset < r.End.Offset
		sameLine := c.Rng.Start.Line == r.End.Line
		if !inside && !sameLine {
			break
		}
		p.comments = p.comments[1:]
		p.buf.WriteString("  ")
		p.buf.WriteString(c.Text)
		if len(p.comments) > 0 && (p.comments[0].Rng.Start.Offset < r.End.Offset || p.comments[0].Rng.Start.Line == r.End.Line) {
			// Two comments on one line cannot be: the first runs to the end
			// of its line. More comments inside go on lines of their own.
			p.buf.WriteByte('\n')
			p.buf.WriteString(strings.Repeat("  ", p.indent+1))
			p.buf.WriteString(strings.TrimLeft(p.comments[0].Text, " "))
			p.comments = p.comments[1:]
		}
	}
	p.buf.WriteByte('\n')
	p.lastLine = r.End.Line
}

func (p *printer) stmts(list []ast.Stmt) error {
	for _, s := range list {
		p.flushComments(s.Span().Start.Offset)
		if err := p.stmt(s); err != nil {
			return err
		}
	}
	return nil
}

// block prints "head {", the items one level in, and "}".
func (p *printer) block(head string, r lang.Range, items []ast.Stmt) error {
	p.line(r.Start.Line, head+" {")
	p.headerComments(r.Start.Line)
	p.lastLine = r.Start.Line
	p.indent++
	if err := p.stmts(items); err != nil {
		return err
	}
	p.flushComments(r.End.Offset)
	p.indent--
	p.buf.WriteString(strings.Repeat("  ", p.indent))
	p.buf.WriteString("}")
	p.endLine(lang.Range{Start: r.End, End: r.End})
	return nil
}

// headerComments ends a block's first line, with the comment that follows
// its brace on the same source line, if any.
func (p *printer) headerComments(line int32) {
	if len(p.comments) > 0 && p.comments[0].Rng.Start.Line == line {
		p.buf.WriteString("  ")
		p.buf.WriteString(p.comments[0].Text)
		p.comments = p.comments[1:]
	}
	p.buf.WriteByte('\n')
}

func (p *printer) simple(r lang.Range, text string) {
	p.line(r.Start.Line, text)
	p.endLine(r)
}

// stmt prints a statement in the layout the statement table gives it
// (ast.Statements): one line, or a block of the statements it holds.
func (p *printer) stmt(s ast.Stmt) error {
	row := ast.StatementOf(s)
	text, items, ok := layout(s)
	if row == nil || !ok {
		start := s.Span().Start
		return fmt.Errorf("format: %d:%d: no layout for the statement %T", start.Line, start.Column, s)
	}
	if row.Layout == ast.Block {
		return p.block(text, s.Span(), items)
	}
	p.simple(s.Span(), text)
	return nil
}

// layout returns a statement's text, without the "{" of a block, and the
// statements a block holds; ok is false for a node it does not know.
func layout(s ast.Stmt) (text string, items []ast.Stmt, ok bool) {
	switch s := s.(type) {
	case *ast.StringField:
		text = s.Keyword + " " + quote(s.Value.Value)
	case *ast.Years:
		text = s.Kind + " years " + strconv.Itoa(s.From.Value) + ".." + strconv.Itoa(s.To.Value)
	case *ast.Policy:
		text = "scoring " + Policy(s)
	case *ast.Limits:
		text = Limits(s)
	case *ast.Bands:
		var levels []string
		for _, w := range s.For {
			levels = append(levels, w.Value)
		}
		text, items = "bands "+code(s.Name)+" for "+strings.Join(levels, ", "), s.Items
	case *ast.Scheda:
		text, items = "scheda "+code(s.Code)+" "+quote(s.Name.Value), s.Items
	case *ast.Assigned:
		var parts []string
		for _, n := range s.Nodes {
			part := code(n.Code)
			if n.Weight != nil {
				part += ": " + n.Weight.Text + "%"
			}
			parts = append(parts, part)
		}
		text = "assigned " + strings.Join(parts, ", ") + " weight " + weight(s.Weight)
	case *ast.Organisational:
		text = "organisational weight " + weight(s.Weight)
	case *ast.Behaviours:
		text = "behaviours weight " + weight(s.Weight) + " scale " + s.Low.Text + ".." + s.High.Text
	case *ast.Band:
		text = "band " + code(s.Code) + " " + s.Low.Text + "%.." + s.High.Text + "%"
		if s.Label != nil {
			text += " " + quote(s.Label.Value)
		}
		if s.Payout != nil {
			text += " payout " + s.Payout.Value.Text + "%"
		}
		if s.Colour != nil {
			text += " colour " + s.Colour.Value
		}
	case *ast.MissingStmt:
		text = "missing " + s.Value.Value
	case *ast.Flag:
		text = s.Keyword
	case *ast.Driver:
		text = "driver " + code(s.Code) + " " + quote(s.Name.Value) + " unit " + ast.FormatUnit(s.Unit)
		if s.Formula != nil {
			text += " = " + ast.FormatExpr(s.Formula)
		}
	case *ast.UnitField:
		text = "unit " + ast.FormatUnit(s.Unit)
	case *ast.FormulaField:
		text = "formula " + ast.FormatExpr(s.Expr)
	case *ast.BaselineField:
		var parts []string
		for _, e := range s.Entries {
			parts = append(parts, strconv.Itoa(e.Year.Value)+": "+Value(e.Value))
		}
		text = "baseline " + strings.Join(parts, ", ")
	case *ast.TargetField:
		var parts []string
		for _, e := range s.Entries {
			parts = append(parts, strconv.Itoa(e.Year.Value)+": "+Target(e.Target))
		}
		text = "target " + strings.Join(parts, ", ")
	case *ast.Use:
		text = "use " + code(s.Ref) + " as " + code(s.As) + " weight " + weight(s.Weight)
	case *ast.Area:
		text, items = "area "+code(s.Code)+" "+quote(s.Name.Value)+" weight "+weight(s.Weight), s.Items
	case *ast.Objective:
		text, items = "objective "+code(s.Code)+" "+quote(s.Name.Value)+" weight "+weight(s.Weight), s.Items
	case *ast.Indicator:
		text, items = "indicator "+code(s.Code)+" "+quote(s.Name.Value)+" weight "+weight(s.Weight), s.Items
	case *ast.Group:
		kw := "indicators"
		if s.Kind == ast.OperationalGroup {
			kw = "operational"
		}
		text, items = kw+" weight "+weight(s.Weight), s.Items
	default:
		return "", nil, false
	}
	return text, items, true
}

func quote(s string) string { return strconv.Quote(s) }

func code(c ast.Code) string { return ast.FormatName(c.Value, false) }

func weight(w ast.Weight) string { return w.Value.Text + "%" }

// Value prints a baseline or target value as the language writes it.
func Value(v ast.Value) string {
	switch v.Kind {
	case ast.NotAvailable:
		return "N/D"
	case ast.DateValue:
		return v.Text
	}
	if v.Percent {
		return v.Number.Text + "%"
	}
	return v.Number.Text
}

// Target prints a target: ">= 900", "10..20", "by 2021-10-31", "N/D".
func Target(t ast.Target) string {
	if r := t.Relative; r != nil && !t.Resolved {
		if r.Within {
			return Relative(r)
		}
		return t.Op.String() + " " + Relative(r)
	}
	switch t.Op {
	case ast.NoTarget:
		return "N/D"
	case ast.By:
		return "by " + t.Value.Text
	case ast.Between:
		return Value(t.Value) + ".." + Value(*t.High)
	}
	return t.Op.String() + " " + Value(t.Value)
}

// Policy prints a scoring policy without its keyword: "ratio cap 120%".
func Policy(pol *ast.Policy) string {
	s := pol.Name.Value
	steps := func(list []*ast.Step, unit string) string {
		var parts []string
		for _, st := range list {
			parts = append(parts, st.At.Text+unit+": "+st.Score.Text+"%")
		}
		return strings.Join(parts, ", ")
	}
	if len(pol.Steps) > 0 {
		s += " " + steps(pol.Steps, "%")
	}
	for _, o := range pol.Options {
		s += " " + o.Key.Value + " " + o.Value.Text + "%"
	}
	if len(pol.Late) > 0 {
		s += " late " + steps(pol.Late, " days")
	}
	if pol.Custom != nil {
		s += " = " + ast.FormatExpr(pol.Custom)
	}
	return s
}

// Limits prints a score line: "score cap 100% floor 60%".
func Limits(l *ast.Limits) string {
	text := "score"
	for _, o := range l.Options {
		text += " " + o.Key.Value + " " + o.Value.Text + "%"
	}
	return text
}

// Relative prints the baseline side of a relative target: "baseline 2020
// + 5%", "baseline 2020 within 2%".
func Relative(r *ast.Relative) string {
	s := "baseline " + strconv.Itoa(r.Year.Value)
	switch {
	case r.Change == nil:
	case r.Within:
		s += " within " + Value(*r.Change)
	default:
		s += " " + string(r.Sign) + " " + Value(*r.Change)
	}
	return s
}
