package pianotest

import (
	"bytes"
	"math"
	"strings"

	"github.com/piano-plan/piano/eval"
	"github.com/piano-plan/piano/lang"
	"github.com/piano-plan/piano/lang/check"
	"gopkg.in/yaml.v3"
)

// Update rewrites the test file's expectations with the current results,
// for review in git: each expectation not met gets the value the plan now
// gives, and a case with no expect: gets one with the overall score and
// every indicator's score and status. Cases that could not run are left
// as they are. It returns the new text and how many values it wrote; the
// text is nil when nothing changed. The file is reprinted by yaml.v3,
// which keeps comments but not every detail of the layout.
func Update(r *FileResult) ([]byte, int, error) {
	f := r.File
	if f.doc == nil || len(f.Diagnostics) > 0 {
		return nil, 0, nil
	}
	changed := 0
	for _, cr := range r.Cases {
		res := cr.Result
		if res == nil {
			continue
		}
		c := cr.Case
		if c.expect == nil {
			changed += generate(c, res)
			continue
		}
		for _, e := range c.Expect {
			if e.met(res) {
				continue
			}
			x, st, _ := e.actual(res)
			if e.What == StatusOf {
				setScalar(e.node, string(st))
			} else {
				setScalar(e.node, figure(x, e.Tolerance))
			}
			changed++
		}
	}
	if changed == 0 {
		return nil, 0, nil
	}
	var b bytes.Buffer
	enc := yaml.NewEncoder(&b)
	enc.SetIndent(2)
	if err := enc.Encode(f.doc); err != nil {
		return nil, 0, err
	}
	if err := enc.Close(); err != nil {
		return nil, 0, err
	}
	return b.Bytes(), changed, nil
}

// generate adds an expect: section to a case that has none.
func generate(c *Case, res *eval.Result) int {
	nodes := &yaml.Node{Kind: yaml.MappingNode}
	n := 1
	var walk func(*eval.NodeResult)
	walk = func(nr *eval.NodeResult) {
		if nr.Node.Kind == check.KindIndicator {
			m := &yaml.Node{Kind: yaml.MappingNode, Style: yaml.FlowStyle}
			if nr.Score != nil {
				m.Content = append(m.Content, scalar("score"), scalar(figure(nr.Score, c.Tolerance)))
			}
			m.Content = append(m.Content, scalar("status"), scalar(string(nr.Status)))
			nodes.Content = append(nodes.Content, scalar(nr.Node.Code), m)
			n += len(m.Content) / 2
		}
		for _, ch := range nr.Children {
			walk(ch)
		}
	}
	walk(res.Root)
	expect := &yaml.Node{Kind: yaml.MappingNode, Content: []*yaml.Node{
		scalar("plan"), scalar(figure(res.Root.Score, c.Tolerance)),
		scalar("nodes"), nodes,
	}}
	c.node.Content = append(c.node.Content, scalar("expect"), expect)
	return n
}

func scalar(s string) *yaml.Node {
	n := &yaml.Node{Kind: yaml.ScalarNode}
	setScalar(n, s)
	return n
}

// setScalar sets a node's text, quoted only where YAML needs it.
func setScalar(n *yaml.Node, s string) {
	n.Kind, n.Value, n.Tag, n.Style = yaml.ScalarNode, s, "", 0
	var probe any
	if err := yaml.Unmarshal([]byte(s), &probe); err != nil {
		n.Style = yaml.DoubleQuotedStyle
	}
}

// figure prints a score with as many decimals as the tolerance needs
// (two for the default), without trailing zeros; N/D for none.
func figure(x *float64, tol float64) string {
	if x == nil {
		return "N/D"
	}
	d := 0
	for d < 6 && 0.5*math.Pow(10, -float64(d)) > tol+1e-12 {
		d++
	}
	s := lang.Number(*x, d)
	if strings.Contains(s, ".") {
		s = strings.TrimRight(strings.TrimRight(s, "0"), ".")
	}
	if s == "-0" {
		s = "0"
	}
	return s
}
