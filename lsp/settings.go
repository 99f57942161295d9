package lsp

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"github.com/piano-plan/piano/lang"
	"gopkg.in/yaml.v3"
)

// SettingsFile is the name of the workspace settings file: the data files
// and the year the server scores a plan on, for the plans of its folder and
// of the folders below it.
//
//	# .piano.yaml
//	data: [dati-2021.yaml, ../comune/dati.csv]   # relative to this file
//	year: 2021
//
// The server looks for it in the plan's folder, then in each parent up to
// the workspace folder that holds the plan (rootUri, workspaceFolders, as
// workspace/didChangeWorkspaceFolders changes them);
// the first found is used. A plan outside every workspace folder looks in
// its own folder only. The client's settings (initialization options, the
// piano section of its configuration) win over the file, key by key.
//
// The file is read strictly: a key other than data and year, a year that
// is not a year, or data that are not file names are errors, published as
// diagnostics on the file with the plan's diagnostics (after each check of
// a plan, when they changed), and the file is not used until they are
// fixed (no score, no rename into data files), never half read.
const SettingsFile = ".piano.yaml"

// workspace is what the server knows of the client's workspace: its
// folders, and the settings files read.
type workspace struct {
	roots []string                 // the workspace folders, cleaned paths
	files map[string]*settingsFile // by path, as last read
}

// settingsFile is one settings file read.
type settingsFile struct {
	path  string
	stamp string   // its size and modification time when read
	text  *text    // as read
	data  []string // absolute paths
	year  int
	diags lang.Diagnostics // why it cannot be used; nil when it can
}

// planSettings are the settings a plan is scored with.
type planSettings struct {
	data []string // the data files, absolute; none: no score
	year int      // 0: the last year of the data that the plan targets
	// names are every data file the client's settings and the settings
	// file name, used or not: what a rename changes.
	names   []string
	file    *settingsFile // the settings file found, nil if none
	problem string        // why the settings file cannot be used
}

// rootsOf returns the workspace folders an initialize request names, as
// paths.
func rootsOf(p InitializeParams) []string {
	return changeRoots(nil, append([]WorkspaceFolder{{URI: p.RootURI}}, p.WorkspaceFolders...), nil)
}

// changeRoots returns the workspace folders roots with the folders added
// and without those removed, as sorted paths; only file URIs count.
func changeRoots(roots []string, added, removed []WorkspaceFolder) []string {
	paths := func(fs []WorkspaceFolder) []string {
		var out []string
		for _, f := range fs {
			if strings.HasPrefix(f.URI, "file:") {
				out = append(out, fileName(f.URI))
			}
		}
		return out
	}
	gone := paths(removed)
	out := slices.DeleteFunc(slices.Clone(roots), func(r string) bool { return slices.Contains(gone, r) })
	out = append(out, paths(added)...)
	slices.Sort(out)
	return slices.Compact(out)
}

// didChangeWorkspaceFolders takes the folders the client added to its
// workspace and removed from it: settings files are looked up within the
// folders as they are now, so every plan is scored again, and the
// settings file each open plan now has is looked up at once (its
// diagnostics published, as after a check).
func (s *Server) didChangeWorkspaceFolders(params json.RawMessage) (any, *rpcError) {
	var p struct {
		Event struct {
			Added   []WorkspaceFolder `json:"added"`
			Removed []WorkspaceFolder `json:"removed"`
		} `json:"event"`
	}
	if err := json.Unmarshal(params, &p); err != nil {
		return nil, &rpcError{codeInvalidParams, err.Error()}
	}
	s.ws.roots = changeRoots(s.ws.roots, p.Event.Added, p.Event.Removed)
	uris := make([]string, 0, len(s.docs))
	for uri, d := range s.docs {
		if d.a != nil {
			d.a.scored = false
			uris = append(uris, uri)
		}
	}
	slices.Sort(uris)
	for _, uri := range uris {
		s.settingsFileOf(s.docs[uri].a)
	}
	return nil, nil
}

// settingsFor returns the settings of the plan the analysis is: the
// client's over the settings file's.
func (s *Server) settingsFor(a *analysis) planSettings {
	var st planSettings
	if len(a.names) == 0 {
		return st
	}
	st.file = s.settingsFileOf(a)
	if f := st.file; f != nil && len(f.diags) > 0 {
		st.problem = fmt.Sprintf("%s: %s (the settings file is not used until it is fixed)", f.diags[0].Where(), f.diags[0].Summary)
	}
	client := make([]string, 0, len(s.settings.Data))
	for _, p := range s.settings.Data {
		if !filepath.IsAbs(p) {
			p = filepath.Join(filepath.Dir(a.names[0]), p)
		}
		client = append(client, filepath.Clean(p))
	}
	st.data, st.year, st.names = client, s.settings.Year, client
	if f := st.file; f != nil && st.problem == "" {
		if len(st.data) == 0 {
			st.data = f.data
		}
		if st.year == 0 {
			st.year = f.year
		}
		for _, p := range f.data {
			if !slices.Contains(st.names, p) {
				st.names = append(slices.Clip(st.names), p)
			}
		}
	}
	return st
}

// settingsFileOf returns the settings file of the plan the analysis is,
// nil when there is none or the plan is not in files. Looking it up
// publishes its diagnostics when they changed (findSettings): check calls
// it after each check, so that they reach the client with the plan's.
func (s *Server) settingsFileOf(a *analysis) *settingsFile {
	if len(a.names) == 0 || !strings.HasPrefix(a.uris[a.names[0]], "file:") {
		return nil
	}
	return s.findSettings(filepath.Dir(a.names[0]))
}

// findSettings returns the settings file for the plans of dir, nil when
// there is none. A file read before is read again only when its size or
// time changed; then every plan is scored again, and the file's
// diagnostics are published (or cleared).
func (s *Server) findSettings(dir string) *settingsFile {
	stop := ""
	for _, r := range s.ws.roots {
		if within(dir, r) && len(r) > len(stop) {
			stop = r
		}
	}
	for d := dir; ; d = filepath.Dir(d) {
		if f := s.settingsAt(filepath.Join(d, SettingsFile)); f != nil {
			return f
		}
		if stop == "" || d == stop || filepath.Dir(d) == d {
			return nil
		}
	}
}

// within reports whether path is root or inside it.
func within(path, root string) bool {
	rel, err := filepath.Rel(root, path)
	return err == nil && rel != ".." && !strings.HasPrefix(rel, ".."+string(filepath.Separator))
}

// settingsAt reads the settings file at path, nil when there is none.
func (s *Server) settingsAt(path string) *settingsFile {
	prev := s.ws.files[path]
	fi, err := os.Stat(path)
	if err != nil || !fi.Mode().IsRegular() {
		if prev != nil {
			// Gone: its diagnostics go, and the plans are scored without it.
			delete(s.ws.files, path)
			s.settingsChanged(prev, nil)
		}
		return nil
	}
	stamp := fmt.Sprintf("%d %d", fi.Size(), fi.ModTime().UnixNano())
	if prev != nil && prev.stamp == stamp {
		return prev
	}
	f := &settingsFile{path: path, stamp: stamp, text: newText("")}
	switch text, err := os.ReadFile(path); {
	case err != nil:
		f.diags = lang.Diagnostics{{Severity: lang.Error, File: path, Subject: lang.Range{Start: lang.MakePos(0, 1, 1), End: lang.MakePos(0, 1, 1)},
			Summary: "the settings file cannot be read", Detail: upper(err.Error()) + ".", Hint: "check the file's permissions"}}
	case fi.Size() > maxSettingsSize:
		f.diags = lang.Diagnostics{{Severity: lang.Error, File: path, Subject: lang.Range{Start: lang.MakePos(0, 1, 1), End: lang.MakePos(0, 1, 1)},
			Summary: "the settings file is too large", Detail: fmt.Sprintf("A settings file holds at most %d bytes: data: and year:.", maxSettingsSize),
			Hint: "write only data: and year: in it"}}
	default:
		f.text = newText(string(text))
		parseSettings(f, text)
	}
	if s.ws.files == nil {
		s.ws.files = map[string]*settingsFile{}
	}
	s.ws.files[path] = f
	s.settingsChanged(prev, f)
	return f
}

// maxSettingsSize bounds a settings file: it holds a few lines.
const maxSettingsSize = 1 << 20

func upper(s string) string {
	if s == "" {
		return s
	}
	return strings.ToUpper(s[:1]) + s[1:]
}

// settingsChanged scores every plan again, and publishes the diagnostics
// of the settings file now (none when it is fine or gone), when it had
// some or has some.
func (s *Server) settingsChanged(prev, now *settingsFile) {
	for _, d := range s.docs {
		if d.a != nil {
			d.a.scored = false
		}
	}
	if (prev == nil || len(prev.diags) == 0) && (now == nil || len(now.diags) == 0) {
		return
	}
	f := prev
	if now != nil {
		f = now
	}
	out := []Diagnostic{}
	if now != nil {
		for _, x := range now.diags {
			out = append(out, s.diagnostic(now.text, x))
		}
	}
	s.publish(fileURI(f.path), nil, out)
}

var settingsKeys = []string{"data", "year"}

// yamlLine reads the line out of a yaml.v3 error: "yaml: line 3: ...".
var yamlLine = regexp.MustCompile(`^yaml: line ([0-9]+): `)

// parseSettings reads a settings file's text into f, or its problems into
// f.diags.
func parseSettings(f *settingsFile, text []byte) {
	errorf := func(n *yaml.Node, summary, detail, hint string) {
		line, col := 1, 1
		if n != nil {
			line, col = n.Line, n.Column
		}
		start := lang.MakePos(0, line, col)
		end := start
		if n != nil && n.Kind == yaml.ScalarNode && n.Style == 0 && !strings.Contains(n.Value, "\n") {
			end = start.Advance(n.Value)
		}
		f.diags = append(f.diags, &lang.Diagnostic{Severity: lang.Error, File: f.path, Subject: lang.Range{Start: start, End: end},
			Summary: summary, Detail: detail, Hint: hint})
	}
	const shape = "A settings file is a mapping with the keys data (the data files, relative to it) and year."
	const example = "write data: [dati-2021.yaml] and year: 2021, each on its own line"
	var doc yaml.Node
	if err := safeYAML(text, &doc); err != nil {
		msg := err.Error()
		var at *yaml.Node
		if m := yamlLine.FindStringSubmatch(msg); m != nil {
			line, _ := strconv.Atoi(m[1])
			at, msg = &yaml.Node{Line: line, Column: 1}, msg[len(m[0]):]
		}
		errorf(at, "invalid YAML: "+strings.TrimPrefix(msg, "yaml: "), "The settings file is not valid YAML, so it is not used.", "check the indentation and the quotes on this line and the one before")
		return
	}
	if len(doc.Content) == 0 {
		return // empty, or only comments: no settings
	}
	root := doc.Content[0]
	if root.Kind == yaml.ScalarNode && root.ShortTag() == "!!null" {
		return
	}
	if root.Kind != yaml.MappingNode {
		errorf(root, "the settings file is not a mapping", shape, example)
		return
	}
	dir := filepath.Dir(f.path)
	seen := map[string]bool{}
	for i := 0; i+1 < len(root.Content); i += 2 {
		k, v := root.Content[i], root.Content[i+1]
		if k.Kind != yaml.ScalarNode {
			errorf(k, "a key of the settings file is not a name", shape, example)
			continue
		}
		if seen[k.Value] {
			errorf(k, k.Value+" is given twice", "Each key of the settings file is written once.", "keep one "+k.Value+": line")
			continue
		}
		seen[k.Value] = true
		switch k.Value {
		case "data":
			files := []*yaml.Node{v}
			if v.Kind == yaml.SequenceNode {
				files = v.Content
				if len(files) == 0 {
					errorf(v, "no data files", "data: lists the data files the plans are scored on, relative to the settings file.", "write data: [dati-2021.yaml]")
				}
			}
			for _, n := range files {
				if n.Kind != yaml.ScalarNode || n.ShortTag() != "!!str" || strings.TrimSpace(n.Value) == "" {
					errorf(n, "a data file is not a file name", "data: lists the data files the plans are scored on, relative to the settings file.", "write data: [dati-2021.yaml]")
					continue
				}
				p := n.Value
				if !filepath.IsAbs(p) {
					p = filepath.Join(dir, p)
				}
				f.data = append(f.data, filepath.Clean(p))
			}
		case "year":
			y, err := strconv.Atoi(v.Value)
			if v.Kind != yaml.ScalarNode || v.ShortTag() != "!!int" || err != nil || y < 1000 || y > 9999 {
				errorf(v, "the year is not a year", "year: is the year the plans are scored for, written with four digits.", "write year: 2021")
				continue
			}
			f.year = y
		default:
			hint := "the settings file has only data: and year:"
			if sug := lang.Suggest(k.Value, settingsKeys); sug != "" {
				hint = "did you mean " + sug + "?"
			}
			errorf(k, fmt.Sprintf("unknown key %q in the settings file", k.Value), shape, hint)
		}
	}
	if len(f.diags) > 0 {
		f.data, f.year = nil, 0
	}
}

// safeYAML decodes one YAML document, turning a panic of the YAML library
// into an error, and refusing a second document.
func safeYAML(text []byte, doc *yaml.Node) (err error) {
	defer func() {
		if v := recover(); v != nil {
			err = fmt.Errorf("the YAML reader failed: %v", v)
		}
	}()
	dec := yaml.NewDecoder(bytes.NewReader(text))
	if err := dec.Decode(doc); err != nil {
		if errors.Is(err, io.EOF) {
			*doc = yaml.Node{}
			return nil
		}
		return err
	}
	var next yaml.Node
	if dec.Decode(&next) == nil {
		return fmt.Errorf("yaml: line %d: a second YAML document (---): a settings file is one", next.Line)
	}
	return nil
}
