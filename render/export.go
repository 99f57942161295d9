package render

import (
	"io"
	"strconv"

	"github.com/piano-plan/piano/lang"
	"github.com/piano-plan/piano/lang/ast"
	"github.com/piano-plan/piano/lang/check"
)

// Export is a checked plan as plain data, for dashboards and other tools
// (piano export; schema piano.export/v1, schema/export.json).
type Export struct {
	Schema        string         `json:"schema" yaml:"schema"`
	Title         string         `json:"title" yaml:"title"`
	Body          string         `json:"body,omitempty" yaml:"body,omitempty"`
	BaselineYears []int          `json:"baseline_years" yaml:"baseline_years,flow"`
	TargetYears   []int          `json:"target_years" yaml:"target_years,flow"`
	Scoring       ExportPolicy   `json:"scoring" yaml:"scoring"`
	Missing       string         `json:"missing" yaml:"missing"`
	Drivers       []ExportDriver `json:"drivers" yaml:"drivers"`
	Areas         []*ExportNode  `json:"areas" yaml:"areas"`
}

// ExportPolicy is a scoring policy as data.
type ExportPolicy struct {
	Policy string `json:"policy" yaml:"policy"`
	Cap    Num    `json:"cap" yaml:"cap"`
	Floor  Num    `json:"floor,omitempty" yaml:"floor,omitempty"`
	Late   Num    `json:"late,omitempty" yaml:"late,omitempty"`
	Custom string `json:"custom,omitempty" yaml:"custom,omitempty"`
}

// ExportDriver is a driver as data.
type ExportDriver struct {
	Code    string `json:"code" yaml:"code"`
	Name    string `json:"name" yaml:"name"`
	Unit    string `json:"unit" yaml:"unit"`
	Formula string `json:"formula,omitempty" yaml:"formula,omitempty"`
	Doc     string `json:"doc,omitempty" yaml:"doc,omitempty"`
	At      Place  `json:"at" yaml:"at,flow"` // where the declaration stands
}

// ExportNode is a node of the tree as data; indicator fields are empty for
// other kinds. Owner and note are those the node itself states (a use
// states none: its indicator's definition carries them).
type ExportNode struct {
	Code      string                 `json:"code" yaml:"code"`
	Kind      check.Kind             `json:"kind" yaml:"kind"`
	Name      string                 `json:"name" yaml:"name"`
	Weight    Num                    `json:"weight" yaml:"weight"`
	Normalize bool                   `json:"normalize,omitempty" yaml:"normalize,omitempty"`
	Scoring   *ExportPolicy          `json:"scoring,omitempty" yaml:"scoring,omitempty"`
	Uses      string                 `json:"uses,omitempty" yaml:"uses,omitempty"`
	Unit      string                 `json:"unit,omitempty" yaml:"unit,omitempty"`
	Formula   string                 `json:"formula,omitempty" yaml:"formula,omitempty"`
	Algorithm string                 `json:"algorithm,omitempty" yaml:"algorithm,omitempty"`
	Owner     string                 `json:"owner,omitempty" yaml:"owner,omitempty"`
	Note      string                 `json:"note,omitempty" yaml:"note,omitempty"`
	Doc       string                 `json:"doc,omitempty" yaml:"doc,omitempty"`
	At        Place                  `json:"at" yaml:"at,flow"` // where the statement stands
	Baselines map[string]ExportValue `json:"baselines,omitempty" yaml:"baselines,omitempty"`
	Targets   map[string]*Target     `json:"targets,omitempty" yaml:"targets,omitempty"`
	Children  []*ExportNode          `json:"children,omitempty" yaml:"children,omitempty"`
}

// ExportValue is a value the plan writes (a baseline): a number, or a date
// in value_date; null value and no date for N/D.
type ExportValue struct {
	Value     *Num    `json:"value" yaml:"value"`
	ValueDate *string `json:"value_date,omitempty" yaml:"value_date,omitempty"`
}

// NewExport returns the plan as data.
func NewExport(p *check.Plan) *Export {
	h := p.File.Header
	e := &Export{Schema: SchemaExport, Title: p.Root.Name, BaselineYears: p.BaselineYears, TargetYears: p.TargetYears,
		Scoring: exportPolicy(p.Scoring), Missing: "renormalize", Drivers: []ExportDriver{}, Areas: []*ExportNode{}}
	if h.Body != nil {
		e.Body = h.Body.Value.Value
	}
	if p.MissingAsZero {
		e.Missing = "zero"
	}
	for _, decl := range p.File.Drivers {
		d := ExportDriver{Code: decl.Code.Value, Name: decl.Name.Value, Unit: ast.FormatUnit(decl.Unit), Doc: ast.DocText(decl.Doc), At: located(p, decl.Rng)}
		if decl.Formula != nil {
			d.Formula = ast.FormatExpr(decl.Formula)
		}
		e.Drivers = append(e.Drivers, d)
	}
	for _, a := range p.Root.Children {
		e.Areas = append(e.Areas, exportNode(p, a))
	}
	return e
}

func exportPolicy(p check.Policy) ExportPolicy {
	out := ExportPolicy{Policy: string(p.Kind), Cap: Num(p.Cap), Floor: Num(p.Floor), Late: Num(p.Late)}
	if p.Custom != nil {
		out.Custom = ast.FormatExpr(p.Custom)
	}
	return out
}

// located is the place of r in its own file of p.
func located(p *check.Plan, r lang.Range) Place {
	file, local := p.Locate(r)
	return Place{File: file, Line: int(local.Start.Line), Column: int(local.Start.Column)}
}

func exportNode(p *check.Plan, n *check.Node) *ExportNode {
	out := &ExportNode{Code: n.Code, Kind: n.Kind, Name: n.Name, Weight: Num(n.Weight), Normalize: n.Normalize, At: located(p, n.Src.Span())}
	if n.Policy.Src != nil && (n.Parent == nil || n.Parent.Policy.Src != n.Policy.Src) {
		p := exportPolicy(n.Policy)
		out.Scoring = &p
	}
	if n.Use != nil {
		out.Uses = n.Use.Ref.Value
	}
	var f ast.Fields // a use has none of its own
	switch src := n.Src.(type) {
	case *ast.Area:
		out.Doc, f = ast.DocText(src.Doc), src.Fields
	case *ast.Objective:
		out.Doc, f = ast.DocText(src.Doc), src.Fields
	case *ast.Group:
		f = src.Fields
	case *ast.Indicator:
		out.Doc, f = ast.DocText(src.Doc), src.Fields
	}
	if f.Owner != nil {
		out.Owner = f.Owner.Value.Value
	}
	if f.Note != nil {
		out.Note = f.Note.Value.Value
	}
	if ind := n.Indicator; ind != nil && n.Use == nil {
		def := ind.Def
		if def.Unit != nil {
			out.Unit = ast.FormatUnit(def.Unit.Unit)
		}
		if def.Formula != nil {
			out.Formula = ast.FormatExpr(def.Formula.Expr)
		}
		if def.Algorithm != nil {
			out.Algorithm = def.Algorithm.Value.Value
		}
		out.Baselines = map[string]ExportValue{}
		for y, v := range ind.Baselines {
			out.Baselines[strconv.Itoa(y)] = exportValue(*v)
		}
		out.Targets = map[string]*Target{}
		for y, t := range ind.Targets {
			out.Targets[strconv.Itoa(y)] = newTarget(t)
		}
	}
	for _, ch := range n.Children {
		out.Children = append(out.Children, exportNode(p, ch))
	}
	return out
}

func exportValue(v ast.Value) ExportValue {
	switch v.Kind {
	case ast.NotAvailable:
		return ExportValue{}
	case ast.DateValue:
		d := v.Date.Format("2006-01-02")
		return ExportValue{ValueDate: &d}
	}
	n := Num(v.Number.Value)
	return ExportValue{Value: &n}
}

// ExportJSON prints the plan as JSON (Export).
func ExportJSON(w io.Writer, p *check.Plan) error { return JSON(w, NewExport(p)) }

// ExportYAML prints the plan as YAML (Export).
func ExportYAML(w io.Writer, p *check.Plan) error { return YAML(w, NewExport(p)) }
