package render

import (
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/piano-plan/piano/lang"
	"github.com/piano-plan/piano/lang/ast"
	"github.com/piano-plan/piano/lang/diff"
)

// move prints a score change: "88.33% -> 90.12% (+1.79)".
func move(a, b *float64) string {
	s := lang.Percent(a) + " -> " + lang.Percent(b)
	if a != nil && b != nil {
		s += fmt.Sprintf(" (%+.2f)", *b-*a)
	}
	return s
}

// scoreMove prints how the node's score moves; an added node has only a
// new score and a removed one only an old.
func scoreMove(c diff.Change) string {
	switch c.Kind {
	case diff.Added:
		return lang.Percent(c.NewScore)
	case diff.Removed:
		return "was " + lang.Percent(c.OldScore)
	}
	return move(c.OldScore, c.NewScore)
}

func describe(c diff.Change) string {
	var b strings.Builder
	b.WriteString(string(c.Kind))
	if c.Class == diff.ClassText {
		if c.At != nil {
			b.WriteString(" at " + c.At.String())
		}
		fmt.Fprintf(&b, ": %s -> %s", quoted(c.Old), quoted(c.New))
		return b.String()
	}
	if c.Year != 0 {
		fmt.Fprintf(&b, " %d", c.Year)
	}
	if c.Detail != "" && c.Kind != diff.HeaderChanged {
		b.WriteString(" " + c.Detail)
	}
	if c.Kind == diff.HeaderChanged {
		b.WriteString(" (" + c.Detail + ")")
	}
	switch {
	case c.Old != "" && c.New != "":
		fmt.Fprintf(&b, ": %s -> %s", c.Old, c.New)
	case c.New != "":
		fmt.Fprintf(&b, ": %s", c.New)
	case c.Old != "":
		fmt.Fprintf(&b, ": %s", c.Old)
	}
	return b.String()
}

func sign(k diff.Kind) string {
	switch k {
	case diff.Added, diff.DriverAdded:
		return "+"
	case diff.Removed, diff.DriverRemoved:
		return "-"
	}
	return "~"
}

// DiffText prints the changes grouped by node, for a terminal.
func DiffText(w io.Writer, r *diff.Report) error {
	if r.Empty() {
		_, err := fmt.Fprintln(w, "no differences")
		return err
	}
	last := ""
	for _, c := range r.Changes {
		if c.Code != last {
			name := ""
			if c.Name != "" {
				name = fmt.Sprintf(" %q", c.Name)
			}
			fmt.Fprintf(w, "%s %s%s\n", sign(c.Kind), printable(c.Code), name)
			last = c.Code
			if r.Rescored && (c.OldScore != nil || c.NewScore != nil) {
				fmt.Fprintf(w, "    score: %s\n", scoreMove(c))
			}
		}
		fmt.Fprintf(w, "    %s\n", printable(describe(c)))
	}
	fmt.Fprintf(w, "\n%s\n", summary(r))
	if r.Rescored {
		fmt.Fprintf(w, "overall score %d: %s\n", r.Year, move(r.OldPlanScore, r.NewPlanScore))
	}
	return nil
}

func summary(r *diff.Report) string {
	counts := map[diff.Kind]int{}
	var order []diff.Kind
	for _, c := range r.Changes {
		if counts[c.Kind] == 0 {
			order = append(order, c.Kind)
		}
		counts[c.Kind]++
	}
	var parts []string
	for _, k := range order {
		parts = append(parts, fmt.Sprintf("%d %s", counts[k], k))
	}
	n := fmt.Sprintf("%d changes", len(r.Changes))
	if len(r.Changes) == 1 {
		n = "1 change"
	}
	s := n + ": " + strings.Join(parts, ", ")
	texts := 0
	for _, c := range r.Changes {
		if c.Class == diff.ClassText {
			texts++
		}
	}
	switch {
	case texts == 0:
	case texts == len(r.Changes):
		s += " (text only: no score moves)"
	default:
		s += fmt.Sprintf(" (%d text only: they move no score)", texts)
	}
	return s
}

// quoted prints a text of the plan for a terminal: in quotes, with control
// characters and any other invisible rune escaped; "(none)" when empty.
func quoted(s string) string {
	if s == "" {
		return "(none)"
	}
	return strconv.Quote(s)
}

// DiffMarkdown prints the changes as tables ready to paste into a
// pull-request comment, with the three classes of the plans' own legend.
func DiffMarkdown(w io.Writer, r *diff.Report) error {
	fmt.Fprintf(w, "### Plan changes: %s → %s\n\n", mdText(r.Old), mdText(r.New))
	if r.Empty() {
		_, err := fmt.Fprintln(w, "No differences.")
		return err
	}
	if r.Rescored {
		fmt.Fprintf(w, "**Overall score %d: %s**\n\n", r.Year, move(r.OldPlanScore, r.NewPlanScore))
	}
	esc := mdPrinted
	scoreCol, scoreSep := "", ""
	if r.Rescored {
		scoreCol, scoreSep = " score |", "---|"
	}
	table := func(title string, keep func(diff.Change) bool, withYear bool) {
		var rows []diff.Change
		for _, c := range r.Changes {
			if keep(c) {
				rows = append(rows, c)
			}
		}
		if len(rows) == 0 {
			return
		}
		fmt.Fprintf(w, "#### %s (%d)\n\n", title, len(rows))
		if withYear {
			fmt.Fprintf(w, "| code | name | year | old | new |%s\n|---|---|---|---|---|%s\n", scoreCol, scoreSep)
		} else {
			fmt.Fprintf(w, "| code | name | change | old | new |%s\n|---|---|---|---|---|%s\n", scoreCol, scoreSep)
		}
		for _, c := range rows {
			third := string(c.Kind)
			if c.Detail != "" {
				third += " (" + c.Detail + ")"
			}
			if withYear {
				third = fmt.Sprint(c.Year)
			}
			oldCell, newCell := esc(c.Old), esc(c.New)
			if c.Kind == diff.HeaderChanged && (c.Detail == "title" || c.Detail == "body") {
				oldCell, newCell = mdText(c.Old), mdText(c.New)
			}
			fmt.Fprintf(w, "| %s | %s | %s | %s | %s |", mdText(c.Code), mdText(c.Name), esc(third), oldCell, newCell)
			if r.Rescored {
				fmt.Fprintf(w, " %s |", scoreMove(c))
			}
			fmt.Fprintln(w)
		}
		fmt.Fprintln(w)
	}
	is := func(k diff.Kind) func(diff.Change) bool { return func(c diff.Change) bool { return c.Kind == k } }
	table("Pesi % modificati — weights changed", is(diff.WeightChanged), false)
	table("Target incrementati — targets raised", is(diff.TargetRaised), true)
	table("Target diminuiti — targets lowered", is(diff.TargetLowered), true)
	table("Other changes", func(c diff.Change) bool {
		return c.Kind != diff.WeightChanged && c.Kind != diff.TargetRaised && c.Kind != diff.TargetLowered && c.Class != diff.ClassText
	}, false)
	textTable(w, r)
	_, err := fmt.Fprintln(w, summary(r))
	return err
}

// textTable prints the text changes: what the plan publishes changed, and
// no score with it, so the table has no score column.
func textTable(w io.Writer, r *diff.Report) {
	var rows []diff.Change
	for _, c := range r.Changes {
		if c.Class == diff.ClassText {
			rows = append(rows, c)
		}
	}
	if len(rows) == 0 {
		return
	}
	fmt.Fprintf(w, "#### Testi modificati — text changed, no score moves (%d)\n\n", len(rows))
	fmt.Fprintf(w, "| code | name | change | at | old | new |\n|---|---|---|---|---|---|\n")
	for _, c := range rows {
		at := ""
		if c.At != nil {
			at = mdText(c.At.String())
		}
		fmt.Fprintf(w, "| %s | %s | %s | %s | %s | %s |\n", mdText(c.Code), mdText(c.Name), c.Kind, at, mdText(c.Old), mdText(c.New))
	}
	fmt.Fprintln(w)
}

// DiffReport is a diff report as data: the JSON output of piano diff
// (schema piano.diff/v1, schema/diff.json). The scores are there when the
// diff was rescored, rounded as lang.Figure prints them.
type DiffReport struct {
	Schema      string           `json:"schema"`
	Old         string           `json:"old"`
	New         string           `json:"new"`
	Rescored    bool             `json:"rescored"`
	Year        *int             `json:"year"`
	OldScore    *Num             `json:"old_score"`
	NewScore    *Num             `json:"new_score"`
	Changes     []DiffChange     `json:"changes"`
	Diagnostics []JSONDiagnostic `json:"diagnostics"`
}

// DiffChange is one change. Its change kind is snake_case
// (weight_changed); old and new are the text as written, except where a
// typed pair says the same: old_weight and new_weight (percent) for
// weights and weight sums, old_target and new_target for targets,
// old_baseline and new_baseline for baselines.
type DiffChange struct {
	Code        string       `json:"code"`
	Kind        string       `json:"kind,omitempty"` // the node's kind; none for a driver or the header
	Name        string       `json:"name,omitempty"`
	Change      string       `json:"change"`
	Class       string       `json:"class"` // "text" for a change of published text only, else "score"
	Year        int          `json:"year,omitempty"`
	Old         *string      `json:"old,omitempty"`
	New         *string      `json:"new,omitempty"`
	OldWeight   *Num         `json:"old_weight,omitempty"`
	NewWeight   *Num         `json:"new_weight,omitempty"`
	OldTarget   *Target      `json:"old_target,omitempty"`
	NewTarget   *Target      `json:"new_target,omitempty"`
	OldBaseline *ExportValue `json:"old_baseline,omitempty"`
	NewBaseline *ExportValue `json:"new_baseline,omitempty"`
	Detail      string       `json:"detail,omitempty"`
	At          *diff.Place  `json:"at,omitempty"`
	OldScore    *Num         `json:"old_score,omitempty"`
	NewScore    *Num         `json:"new_score,omitempty"`
}

// NewDiffReport returns r and the diagnostics of its rescoring as data.
func NewDiffReport(r *diff.Report, ds lang.Diagnostics) *DiffReport {
	out := &DiffReport{Schema: SchemaDiff, Old: r.Old, New: r.New, Rescored: r.Rescored,
		Changes: []DiffChange{}, Diagnostics: diagnostics(ds)}
	if r.Rescored {
		y := r.Year
		out.Year, out.OldScore, out.NewScore = &y, figure(r.OldPlanScore), figure(r.NewPlanScore)
	}
	for _, c := range r.Changes {
		dc := DiffChange{Code: c.Code, Kind: string(c.NodeKind), Name: c.Name, Change: enum(string(c.Kind)),
			Class: "score", Year: c.Year, Detail: c.Detail, At: c.At}
		if c.Class == diff.ClassText {
			dc.Class = "text"
		}
		if r.Rescored {
			dc.OldScore, dc.NewScore = figure(c.OldScore), figure(c.NewScore)
		}
		text := func(s string) *string {
			if s == "" {
				return nil
			}
			return &s
		}
		switch {
		case c.OldWeight != nil || c.NewWeight != nil:
			dc.OldWeight, dc.NewWeight = weight(c.OldWeight), weight(c.NewWeight)
		case c.Kind == diff.TargetAdded || c.Kind == diff.TargetRemoved || c.Kind == diff.TargetChanged ||
			c.Kind == diff.TargetRaised || c.Kind == diff.TargetLowered:
			dc.OldTarget, dc.NewTarget = newTarget(c.OldTarget), newTarget(c.NewTarget)
		case c.Kind == diff.BaselineChanged:
			dc.OldBaseline, dc.NewBaseline = baseline(c.OldBaseline), baseline(c.NewBaseline)
		default:
			dc.Old, dc.New = text(c.Old), text(c.New)
		}
		out.Changes = append(out.Changes, dc)
	}
	return out
}

func weight(x *float64) *Num {
	if x == nil {
		return nil
	}
	n := Num(*x)
	return &n
}

func baseline(v *ast.Value) *ExportValue {
	if v == nil {
		return nil
	}
	b := exportValue(*v)
	return &b
}

// DiffJSON prints the report and the diagnostics of its rescoring as JSON
// (DiffReport).
func DiffJSON(w io.Writer, r *diff.Report, ds lang.Diagnostics) error {
	return JSON(w, NewDiffReport(r, ds))
}
