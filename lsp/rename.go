package lsp

import (
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"

	"github.com/piano-plan/piano/data"
	"github.com/piano-plan/piano/internal/safefile"
	"github.com/piano-plan/piano/lang"
	"github.com/piano-plan/piano/lang/ast"
	"github.com/piano-plan/piano/lang/check"
	"github.com/piano-plan/piano/pianotest"
	"gopkg.in/yaml.v3"
)

// rename renames a driver's or a node's code at its declaration and at
// every reference, in every file of the plan, and where the workspace
// holds the code outside the plan: the data files the settings name (the
// client's and the settings file's), the plan's test files (NAME.test.yaml
// beside each NAME.plan) and the data files their cases name.
//
// In those files it changes only a code written whole: a YAML key under
// drivers:, indicators: or neutralised:, a CSV code cell, a test's
// expected node, as the data and test readers read them. A file it
// cannot read whole (missing, malformed, a workbook holding the code)
// makes it refuse the rename and say which and why: a rename that changed
// the plan and left a data file with the old code would leave the
// workspace half renamed, the values of the old code ignored (W205) and
// the new code without data, to be repaired by hand.
func (s *Server) rename(params json.RawMessage) (any, *rpcError) {
	var rp struct {
		NewName string `json:"newName"`
	}
	if err := json.Unmarshal(params, &rp); err != nil {
		return nil, &rpcError{codeInvalidParams, err.Error()}
	}
	_, a, off, rerr := s.positionParams(params)
	if rerr != nil {
		return nil, rerr
	}
	p := a.model
	t, ok := lookup(p, off)
	if !ok {
		return nil, &rpcError{codeRequestFailed, "there is no driver, indicator or node code here"}
	}
	name := strings.TrimSpace(strings.Trim(rp.NewName, "`"))
	if name == "" || strings.ContainsAny(name, "`\n\r\"") {
		return nil, &rpcError{codeRequestFailed, fmt.Sprintf("%q cannot be a code", rp.NewName)}
	}
	taken := p.Drivers[name] != nil
	walk(p.Root, func(n *check.Node) { taken = taken || n.Code == name })
	if taken {
		return nil, &rpcError{codeRequestFailed, name + " is already a code of the plan"}
	}
	changes := map[string][]TextEdit{}
	for _, r := range occurrences(p, t, true) {
		l := a.loc(r)
		changes[l.URI] = append(changes[l.URI], TextEdit{Range: l.Range, NewText: ast.FormatName(name, false)})
	}
	more, err := s.renameOutside(a, t, name)
	if err != nil {
		return nil, &rpcError{codeRequestFailed, err.Error()}
	}
	for uri, edits := range more {
		changes[uri] = append(changes[uri], edits...)
	}
	return WorkspaceEdit{Changes: changes}, nil
}

// renamed is what a rename changes outside the plan: which entries of a
// data file and which expectations of a test file hold the old code.
type renamed struct {
	old, new string
	plan     *check.Plan
	driver   bool // the code is a driver's
	// indicator: the code is an indicator's, which data give values of;
	// else a node's (an area, an objective, a use's own code), which only
	// tests name.
	indicator bool
}

// entry reports whether a data entry holds the renamed code. A CSV row
// without a kind is a driver's when the plan has a driver of that code,
// else an indicator's, as the evaluation reads it.
func (r *renamed) entry(e data.Entry) bool {
	if e.Code != r.old {
		return false
	}
	switch e.Kind {
	case data.DriverEntry:
		return r.driver
	case data.IndicatorEntry, data.NeutralisedEntry:
		return r.indicator
	case data.AnyEntry:
		return r.driver || r.indicator && r.plan.Drivers[r.old] == nil
	}
	return false
}

// renameOutside returns the edits of the workspace's data and test files,
// or the error that says why the rename is refused.
func (s *Server) renameOutside(a *analysis, t target, name string) (map[string][]TextEdit, error) {
	if len(a.names) == 0 || !strings.HasPrefix(a.uris[a.names[0]], "file:") {
		return nil, nil // a plan not saved has no workspace
	}
	r := &renamed{new: name, plan: a.model}
	switch {
	case t.driver != nil:
		r.old, r.driver = t.driver.Code, true
	case t.isAs():
		r.old = t.node.Code
	case t.indicator != nil:
		r.old, r.indicator = t.indicator.Code, true
	default:
		r.old = t.node.Code
	}
	st := s.settingsFor(a)
	var problems []string
	if st.problem != "" && (r.driver || r.indicator) {
		problems = append(problems, st.problem) // which data files hold the code is not known
	}
	w := &workspaceEdit{s: s, changes: map[string][]TextEdit{}, seen: map[string]bool{}}
	dataFiles := slices.Clone(st.names)
	for _, plan := range a.names {
		path := strings.TrimSuffix(plan, ".plan") + pianotest.Suffix
		if path == plan {
			continue
		}
		text, uri, err := s.readWorkspaceFile(path)
		if errors.Is(err, os.ErrNotExist) {
			continue
		}
		if err != nil {
			problems = append(problems, err.Error())
			continue
		}
		tf := pianotest.Parse(path, text)
		if len(tf.Diagnostics) > 0 {
			x := tf.Diagnostics[0]
			problems = append(problems, fmt.Sprintf("%s: %s (in a test file)", x.Where(), x.Summary))
			continue
		}
		for _, c := range tf.Cases {
			for _, p := range c.DataFiles {
				if p, err := filepath.Abs(p); err == nil && !slices.Contains(dataFiles, p) {
					dataFiles = append(dataFiles, p)
				}
			}
			if c.Inline != nil {
				entries, diags := data.Parse(path, c.Inline, s.opts.Plan.MaxDataSize)
				if diags.HasErrors() {
					problems = append(problems, fmt.Sprintf("%s: %s (in the data of case %q)", diags[0].Where(), diags[0].Summary, c.Name))
					continue
				}
				for _, e := range entries {
					if r.entry(e) {
						problems = w.edit(problems, path, uri, text, e.CodeRange, r, false)
					}
				}
			}
			if r.driver {
				continue
			}
			for _, e := range c.Expect {
				at := e.CodeRange(tf)
				if e.Code == pianotest.PlanCode && at.Start.IsValid() && int(at.End.Offset) <= len(text) &&
					string(text[at.Start.Offset:at.End.Offset]) == "plan" {
					continue // the overall score, not a node coded PLAN
				}
				if e.Code == r.old {
					problems = w.edit(problems, path, uri, text, at, r, false)
				}
			}
		}
	}
	if r.driver || r.indicator {
		for _, path := range dataFiles {
			text, uri, err := s.readWorkspaceFile(path)
			if err != nil {
				problems = append(problems, err.Error())
				continue
			}
			entries, diags := data.Parse(path, text, s.opts.Plan.MaxDataSize)
			if diags.HasErrors() {
				problems = append(problems, fmt.Sprintf("%s: %s (in a data file)", diags[0].Where(), diags[0].Summary))
				continue
			}
			for _, e := range entries {
				switch {
				case !r.entry(e):
				case e.CodeCell != "":
					problems = append(problems, fmt.Sprintf("the workbook %s holds %s at %s: a workbook cannot be edited as text", path, r.old, e.CodeCell))
				default:
					problems = w.edit(problems, path, uri, text, e.CodeRange, r, strings.EqualFold(filepath.Ext(path), ".csv"))
				}
			}
		}
	}
	if len(problems) > 0 {
		return nil, fmt.Errorf("rename refused: %s. The plan, its data files and its tests are renamed together or not at all: fix what is said, or rename by hand",
			strings.Join(problems, "; "))
	}
	for uri := range w.changes {
		slices.SortFunc(w.changes[uri], func(x, y TextEdit) int {
			if before(x.Range.Start, y.Range.Start) {
				return -1
			}
			if before(y.Range.Start, x.Range.Start) {
				return 1
			}
			return 0
		})
	}
	return w.changes, nil
}

// workspaceEdit gathers the edits of files outside the plan.
type workspaceEdit struct {
	s       *Server
	changes map[string][]TextEdit
	seen    map[string]bool // uri and offset of each edit made: a code with values for several years is written once
}

// edit replaces the code written at r in a file's text, after checking that
// the text there is the code, whole (quotes aside). csv says how to quote
// the new code: as a CSV field, else as a YAML key.
func (w *workspaceEdit) edit(problems []string, path, uri string, text []byte, r lang.Range, re *renamed, csv bool) []string {
	from, to := int(r.Start.Offset), int(r.End.Offset)
	if !r.Start.IsValid() || from >= to || to > len(text) {
		return append(problems, fmt.Sprintf("%s: the code %s is written where it cannot be replaced", lang.Where(path, r), re.old))
	}
	key := uri + " " + strconv.Itoa(from)
	if w.seen[key] {
		return problems
	}
	w.seen[key] = true
	written := string(text[from:to])
	var repl string
	switch {
	case csv:
		if written != re.old {
			return append(problems, fmt.Sprintf("%s: %q is not the code %s", lang.Where(path, r), written, re.old))
		}
		repl = csvField(re.new, from > 0 && text[from-1] == '"')
	default:
		var ok bool
		if repl, ok = yamlKey(written, re.old, re.new); !ok {
			return append(problems, fmt.Sprintf("%s: %q is not the code %s", lang.Where(path, r), written, re.old))
		}
	}
	t := newText(string(text))
	rng := Range{Start: t.positionOf(from), End: t.positionOf(to)}
	if strings.HasPrefix(t.s, "\uFEFF") && rng.Start.Line == 0 {
		// Editors do not show a byte order mark: columns count after it.
		rng.Start.Character--
		if rng.End.Line == 0 {
			rng.End.Character--
		}
	}
	w.changes[uri] = append(w.changes[uri], TextEdit{Range: rng, NewText: repl})
	return problems
}

// csvField writes a code as a CSV field: as it is, or in double quotes
// when it holds a separator or spaces at its ends, or when the field was
// quoted (then only its inside is replaced).
func csvField(code string, quoted bool) string {
	if quoted {
		return strings.ReplaceAll(code, `"`, `""`)
	}
	if strings.ContainsAny(code, ",;\"") || strings.TrimSpace(code) != code {
		return `"` + strings.ReplaceAll(code, `"`, `""`) + `"`
	}
	return code
}

// yamlKey returns the new code written as the old one is (plain, 'single'
// or "double" quoted), and whether written is the old code. A plain key is
// quoted when YAML would not read it back as the code, in block or in
// flow style.
func yamlKey(written, old, code string) (string, bool) {
	if written == old {
		if plainYAML(code) {
			return code, true
		}
		return strconv.Quote(code), true
	}
	var n yaml.Node
	if written == "" || written[0] != '"' && written[0] != '\'' || safeYAML([]byte(written), &n) != nil ||
		len(n.Content) != 1 || n.Content[0].Kind != yaml.ScalarNode || n.Content[0].Value != old {
		return "", false
	}
	if written[0] == '\'' {
		return "'" + strings.ReplaceAll(code, "'", "''") + "'", true
	}
	return strconv.Quote(code), true
}

// plainYAML reports whether YAML reads code written bare as a key, in a
// block mapping and in a flow one, as the code itself.
func plainYAML(code string) bool {
	for _, doc := range []string{code + ": 0\n", "{" + code + ": 0}\n"} {
		var n yaml.Node
		if safeYAML([]byte(doc), &n) != nil || len(n.Content) != 1 {
			return false
		}
		m := n.Content[0]
		if m.Kind != yaml.MappingNode || len(m.Content) != 2 || m.Content[0].Kind != yaml.ScalarNode ||
			m.Content[0].Style != 0 || m.Content[0].Value != code {
			return false
		}
	}
	return true
}

// readWorkspaceFile returns a file's text, from the editor when it is open
// there, else from disk, and its URI. The error names the file.
func (s *Server) readWorkspaceFile(path string) ([]byte, string, error) {
	for _, d := range s.docs {
		if d.name == path {
			return []byte(d.text.s), d.uri, nil
		}
	}
	limit := s.opts.Plan.MaxDataSize
	if limit <= 0 {
		limit = data.DefaultMaxSize
	}
	f, err := os.Open(path)
	if pe := (*fs.PathError)(nil); errors.As(err, &pe) {
		err = pe.Err // the path is said once
	}
	if err != nil {
		return nil, "", fmt.Errorf("%s cannot be read: %w", path, err)
	}
	defer f.Close()
	b, err := safefile.ReadAtMost(f, limit)
	switch {
	case err != nil:
		return nil, "", fmt.Errorf("%s cannot be read: %w", path, err)
	case len(b) > limit:
		return nil, "", fmt.Errorf("%s is larger than %d bytes", path, limit)
	}
	return b, fileURI(path), nil
}
