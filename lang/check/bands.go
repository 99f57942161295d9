package check

import (
	"fmt"
	"math"
	"slices"
	"strings"

	"github.com/piano-plan/piano/lang"
	"github.com/piano-plan/piano/lang/ast"
)

// BandTable is a checked band table (fasce): its bands from the lowest
// up, without gaps or overlaps, starting at 0% and reaching the highest
// score the nodes of its levels can have.
type BandTable struct {
	Name   string
	Bands  []*Band // by Low, ascending
	Levels []string
	Src    *ast.Bands
}

// Band is one band of a table. It holds the scores from Low (included) to
// High (not included), except the table's top band, which holds High too.
type Band struct {
	Code, Label, Colour string
	Low, High           float64  // percent
	Payout              *float64 // percent of the bonus; nil when not given
	Src                 *ast.Band
}

// Levels are the levels a band table may be attached to, in the order
// messages list them.
var Levels = []string{"indicators", "groups", "objectives", "areas", "plan", "schede"}

// Level is the level a node of kind k belongs to, for band tables.
func Level(k Kind) string {
	switch k {
	case KindIndicator:
		return "indicators"
	case KindIndicators, KindOperational:
		return "groups"
	case KindStrategic, KindObjective:
		return "objectives"
	case KindArea:
		return "areas"
	}
	return "plan"
}

// bands checks the band tables and attaches each to its levels. It runs
// after the tree is built: a table must reach the highest score its
// levels' nodes can have.
func (c *checker) bands() {
	names := map[string]*ast.Bands{}
	claimed := map[string]string{} // level -> the table that claims it
	c.plan.BandsFor = map[string]*BandTable{}
	for _, src := range c.file.Bands {
		if prev, dup := names[src.Name.Value]; dup {
			c.report(lang.Error, lang.EBandTable, src.Name.Rng, fmt.Sprintf("bands %s is declared twice", src.Name.Value),
				"It was first declared at "+c.fs.Where(prev.Name.Rng)+".", "give each band table its own name")
			continue
		}
		names[src.Name.Value] = src
		t := &BandTable{Name: src.Name.Value, Src: src}
		for _, w := range src.For {
			switch prev, taken := claimed[w.Value]; {
			case !slices.Contains(Levels, w.Value):
				hint := "band tables are for " + strings.Join(Levels, ", ")
				if s := lang.Suggest(w.Value, Levels); s != "" {
					hint = "did you mean " + s + "?"
				}
				c.errorf(lang.EBandTable, w.Rng, hint, "unknown level %q for bands %s", w.Value, t.Name)
			case taken:
				have := "the " + w.Value + " already have"
				if w.Value == "plan" {
					have = "the plan already has"
				}
				c.errorf(lang.EBandTable, w.Rng, "keep one table for each level", "%s bands %s", have, prev)
			default:
				claimed[w.Value] = t.Name
				t.Levels = append(t.Levels, w.Value)
			}
		}
		if c.bandTable(t, src) {
			c.plan.Bands = append(c.plan.Bands, t)
			for _, l := range t.Levels {
				c.plan.BandsFor[l] = t
			}
		}
	}
}

// bandTable checks one table's bands; it reports whether the table can be
// used.
func (c *checker) bandTable(t *BandTable, src *ast.Bands) bool {
	ok := true
	bad := func(code lang.Code, r lang.Range, hint, format string, args ...any) {
		c.errorf(code, r, hint, format, args...)
		ok = false
	}
	codes := map[string]bool{}
	for _, b := range src.Bands {
		band := &Band{Code: b.Code.Value, Low: b.Low.Value, High: b.High.Value, Src: b}
		if b.Label != nil {
			band.Label = b.Label.Value
		}
		if b.Colour != nil {
			band.Colour = b.Colour.Value
		}
		if codes[band.Code] {
			bad(lang.EBandTable, b.Code.Rng, "give each band of a table its own code", "band %s is given twice in bands %s", band.Code, t.Name)
		}
		codes[band.Code] = true
		if b.Payout != nil {
			v := b.Payout.Value.Value
			if v < 0 || v > 100 {
				bad(lang.EBandRange, b.Payout.Rng, "a payout is a share of the bonus, 0-100%", "payout %s%% is outside 0-100%%", b.Payout.Value.Text)
			}
			band.Payout = &v
		}
		switch {
		case band.Low < 0:
			bad(lang.EBandRange, b.Rng, "scores are never below 0%", "band %s starts at %s%%, below 0%%", band.Code, b.Low.Text)
		case band.Low >= band.High:
			bad(lang.EBandRange, b.Rng, "write the low bound first: band B 90%..95%",
				"band %s runs from %s%% to %s%%: its low bound is not below its high bound", band.Code, b.Low.Text, b.High.Text)
		}
		t.Bands = append(t.Bands, band)
	}
	if len(t.Bands) == 0 {
		bad(lang.EBandTable, src.Name.Rng, `write one line per band: band A 95%..100% "Eccellente"`, "bands %s has no band", t.Name)
		return false
	}
	if !ok {
		return false
	}
	slices.SortStableFunc(t.Bands, func(a, b *Band) int {
		switch {
		case a.Low < b.Low:
			return -1
		case a.Low > b.Low:
			return 1
		}
		return 0
	})
	if first := t.Bands[0]; first.Low > 0 {
		bad(lang.EBandGap, first.Src.Rng, fmt.Sprintf("add a band from 0%% to %s%%, or start band %s at 0%%", lang.Figure(first.Low), first.Code),
			"scores from 0%% to %s%% have no band in bands %s: the lowest band, %s, starts at %s%%", lang.Figure(first.Low), t.Name, first.Code, lang.Figure(first.Low))
	}
	for i := 1; i < len(t.Bands); i++ {
		lo, hi := t.Bands[i-1], t.Bands[i]
		switch {
		case lo.High < hi.Low:
			bad(lang.EBandGap, hi.Src.Rng, fmt.Sprintf("a band holds its low bound and not its high one: write band %s %s%%..%s%%", lo.Code, lang.Figure(lo.Low), lang.Figure(hi.Low)),
				"scores from %s%% to %s%% have no band in bands %s: band %s ends at %s%% and band %s starts at %s%%",
				lang.Figure(lo.High), lang.Figure(hi.Low), t.Name, lo.Code, lang.Figure(lo.High), hi.Code, lang.Figure(hi.Low))
		case lo.High > hi.Low:
			bad(lang.EBandOverlap, hi.Src.Rng, "a score must fall in one band only: end the lower band where the next one starts",
				"bands %s and %s of bands %s overlap from %s%% to %s%%: %s runs %s%%..%s%%, %s runs %s%%..%s%%",
				lo.Code, hi.Code, t.Name, lang.Figure(hi.Low), lang.Figure(math.Min(lo.High, hi.High)),
				lo.Code, lang.Figure(lo.Low), lang.Figure(lo.High), hi.Code, lang.Figure(hi.Low), lang.Figure(hi.High))
		}
	}
	if !ok {
		return false
	}
	// The achievable range: the highest score a node of the table's levels
	// can have, under the policies' caps and the nodes' score lines.
	top := t.Bands[len(t.Bands)-1]
	high, who := -1.0, ""
	var walk func(n *Node) float64
	walk = func(n *Node) float64 {
		m := -1.0
		if n.Kind == KindIndicator {
			m = n.Policy.Cap
			for _, def := range n.Indicator.Nodes {
				if def.Use == nil {
					m = def.Policy.Cap // scored under the policy where it is defined
				}
			}
		}
		for _, ch := range n.Children {
			if s := walk(ch); ch.Weight > 0 && s > m {
				m = s
			}
		}
		if n.Limits.Cap > 0 && m > n.Limits.Cap {
			m = n.Limits.Cap
		}
		if slices.Contains(t.Levels, Level(n.Kind)) && m > high {
			high, who = m, nodeName(n)
		}
		return m
	}
	walk(c.plan.Root)
	switch {
	case high < 0:
	case top.High < high:
		bad(lang.EBandRange, top.Src.Rng, fmt.Sprintf("end the top band at %s%%, or cap the scores with score cap %s%%", lang.Figure(high), lang.Figure(top.High)),
			"scores from %s%% to %s%% have no band in bands %s: %s can score up to %s%%, and the top band, %s, ends at %s%%",
			lang.Figure(top.High), lang.Figure(high), t.Name, who, lang.Figure(high), top.Code, lang.Figure(top.High))
	case top.Low > high:
		bad(lang.EBandRange, top.Src.Rng, "drop the band, or let the scores reach it (scoring ... cap P%)",
			"band %s of bands %s starts at %s%%, out of reach: no node it is for can score more than %s%%",
			top.Code, t.Name, lang.Figure(top.Low), lang.Figure(high))
	}
	return ok
}

func nodeName(n *Node) string {
	if n.Kind == KindPlan {
		return "the plan"
	}
	return string(n.Kind) + " " + n.Code
}

// BandOf returns the band of t that holds score, with cmp the comparison
// of scoring (eval's, which rounds both sides first); nil when none does,
// which a checked table rules out for scores in its range.
func (t *BandTable) BandOf(score float64, cmp func(a, b float64) int) *Band {
	for i, b := range t.Bands {
		top := i == len(t.Bands)-1
		if cmp(score, b.Low) >= 0 && (cmp(score, b.High) < 0 || top && cmp(score, b.High) == 0) {
			return b
		}
	}
	return nil
}
