package render

import (
	"fmt"
	"io"
	"strings"

	"github.com/piano-plan/piano"
	"github.com/piano-plan/piano/data"
	"github.com/piano-plan/piano/lang"
	"github.com/piano-plan/piano/lang/unit"
)

// WhatIfText prints what one indicator needs, with its arithmetic and the
// check by re-evaluation.
func WhatIfText(w io.Writer, a *piano.Answer, year int) error {
	ind := a.Indicator
	fmt.Fprintf(w, "indicator %s %q, %d: to reach %s%% (now %s)\n", printable(ind.Code), printable(ind.Def.Name.Value), year,
		lang.Figure(a.Achievement), lang.Percent(a.Current.Achievement))
	if !a.Possible {
		fmt.Fprintf(w, "  not possible: %s\n", a.Why)
		return nil
	}
	fmt.Fprintf(w, "  value needed: %s (now %s%s)\n", needValue(a.Value, ind.Unit), needValue(a.Current.Value, ind.Unit), changeText(a))
	for _, s := range a.Steps {
		fmt.Fprintf(w, "  %s\n", s)
	}
	fmt.Fprintf(w, "  checked: given %s, %s scores %s and the plan %s (now %s)\n", needValue(a.Value, ind.Unit), printable(ind.Code),
		lang.Percent(a.AchievementAfter), lang.Percent(a.OverallAfter), lang.Percent(a.OverallBefore))
	return nil
}

// WhatIfOverallText prints, ranked, what each indicator alone would need
// to lift the plan's score to goal.
func WhatIfOverallText(w io.Writer, answers []*piano.Answer, before *float64, goal float64, year int) error {
	fmt.Fprintf(w, "the plan scores %s in %d; to reach %s%%, one indicator at a time, smallest change first:\n", lang.Percent(before), year, lang.Figure(goal))
	if before != nil && *before >= goal {
		fmt.Fprintf(w, "  nothing is needed: the plan already scores %s\n", lang.Percent(before))
		return nil
	}
	for _, a := range answers {
		ind := a.Indicator
		if !a.Possible {
			fmt.Fprintf(w, "  %s: not possible: %s\n", printable(ind.Code), a.Why)
			continue
		}
		fmt.Fprintf(w, "  %s: %s -> %s%s, achievement %s -> %s; checked: the plan scores %s\n", printable(ind.Code),
			needValue(a.Current.Value, ind.Unit), needValue(a.Value, ind.Unit), changeText(a),
			lang.Percent(a.Current.Achievement), lang.Percent(a.AchievementAfter), lang.Percent(a.OverallAfter))
	}
	return nil
}

func needValue(d data.Datum, u unit.Unit) string {
	switch d.Kind {
	case data.NumberDatum:
		s := lang.Figure(d.Number)
		if u == unit.Pct {
			return s + "%"
		}
		return s + " " + u.String()
	case data.DateDatum:
		return d.Date.Format("2006-01-02")
	}
	return d.String()
}

func changeText(a *piano.Answer) string {
	switch {
	case a.Value.Kind == data.DateDatum && a.Current.Value.Kind == data.DateDatum:
		if a.Value.Date.Before(a.Current.Value.Date) {
			return fmt.Sprintf(", %s days earlier", lang.Figure(a.Change))
		}
		return fmt.Sprintf(", %s days later", lang.Figure(a.Change))
	case a.Current.Value.Kind != data.NumberDatum || a.Value.Kind != data.NumberDatum:
		return ""
	}
	sign := "+"
	if a.Value.Number < a.Current.Value.Number {
		sign = "-"
	}
	return ", " + sign + strings.TrimPrefix(lang.Figure(a.Change), "-") + "%"
}
