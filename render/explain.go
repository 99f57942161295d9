package render

import (
	"fmt"
	"io"

	"github.com/piano-plan/piano/eval"
	"github.com/piano-plan/piano/lang"
)

// explanation is the JSON shape of an eval.Explanation (piano explain
// --format json). Scores are rounded as in the eval JSON. Fields are added,
// never renamed.
type explanation struct {
	Code    string   `json:"code"`
	Kind    string   `json:"kind"`
	Name    string   `json:"name"`
	Year    int      `json:"year"`
	Score   *Num     `json:"score"`
	Lines   []string `json:"lines"`
	Path    []string `json:"path"` // the weighted shares up to the plan
	Overall *Num     `json:"plan_score"`
}

// ExplainJSON prints the explanation as JSON.
func ExplainJSON(w io.Writer, x *eval.Explanation) error {
	return JSON(w, explanation{Code: x.Code, Kind: x.Kind, Name: x.Name, Year: x.Year, Score: figure(x.Score),
		Lines: x.Lines, Path: x.Path, Overall: figure(x.Overall)})
}

// ExplainText prints the explanation for people.
func ExplainText(w io.Writer, x *eval.Explanation) error {
	fmt.Fprintf(w, "%s %s %q, %d: score %s\n", x.Kind, printable(x.Code), x.Name, x.Year, lang.Percent(x.Score))
	for _, l := range x.Lines {
		fmt.Fprintf(w, "  %s\n", printable(l))
	}
	for _, l := range x.Path {
		fmt.Fprintf(w, "  %s\n", printable(l))
	}
	return nil
}
