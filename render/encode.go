package render

import (
	"encoding/json"
	"io"
	"math"

	"github.com/piano-plan/piano/lang"
	"gopkg.in/yaml.v3"
)

// JSON prints v as JSON indented by two spaces, with <, > and & as they are
// (a target reads >= 900, not \u003e= 900), and a final newline. Every JSON
// output of Piano goes through it.
func JSON(w io.Writer, v any) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(v)
}

// YAML prints v as YAML indented by two spaces. Every YAML output of Piano
// goes through it.
func YAML(w io.Writer, v any) error {
	enc := yaml.NewEncoder(w)
	enc.SetIndent(2)
	if err := enc.Encode(v); err != nil {
		return err
	}
	return enc.Close()
}

// Num is a number that prints in plain decimal notation (lang.Plain), never
// with an exponent, in JSON and YAML alike.
type Num float64

func (n Num) String() string { return lang.Plain(float64(n)) }

// MarshalJSON prints n in plain decimal notation.
func (n Num) MarshalJSON() ([]byte, error) { return []byte(n.String()), nil }

// MarshalYAML prints n in plain decimal notation, tagged as an integer
// when it has no fraction.
func (n Num) MarshalYAML() (any, error) {
	tag := "!!float"
	if float64(n) == math.Trunc(float64(n)) {
		tag = "!!int"
	}
	return &yaml.Node{Kind: yaml.ScalarNode, Tag: tag, Value: n.String()}, nil
}

// figure is x rounded as lang.Figure prints it, nil for none: a score or
// an achievement in JSON and YAML.
func figure(x *float64) *Num {
	if x == nil {
		return nil
	}
	n := Num(lang.Rounded(*x, lang.FigureDecimals))
	return &n
}
