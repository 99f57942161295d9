package main

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/santhosh-tekuri/jsonschema/v6"
	"gopkg.in/yaml.v3"
)

// schemaBase is the $id prefix of the shipped schemas (schema/*.json).
const schemaBase = "https://github.com/piano-plan/piano/schema/"

// compileSchemas compiles schema/*.json, keyed by the shape each names in
// a document's schema field (piano.eval/v1 -> eval.json).
func compileSchemas(t *testing.T, root string) map[string]*jsonschema.Schema {
	t.Helper()
	c := jsonschema.NewCompiler()
	files, err := filepath.Glob(filepath.Join(root, "schema", "*.json"))
	if err != nil || len(files) == 0 {
		t.Fatalf("no schemas in %s/schema: %v", root, err)
	}
	for _, f := range files {
		text, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		doc, err := jsonschema.UnmarshalJSON(bytes.NewReader(text))
		if err != nil {
			t.Fatalf("%s: %v", f, err)
		}
		if err := c.AddResource(schemaBase+filepath.Base(f), doc); err != nil {
			t.Fatalf("%s: %v", f, err)
		}
	}
	out := map[string]*jsonschema.Schema{}
	for _, name := range []string{"eval", "explain", "diff", "export", "diagnostics"} {
		s, err := c.Compile(schemaBase + name + ".json")
		if err != nil {
			t.Fatalf("schema %s: %v", name, err)
		}
		out["piano."+name+"/v1"] = s
	}
	return out
}

// validate checks a JSON document against the schema its schema field names.
func validate(schemas map[string]*jsonschema.Schema, text []byte) error {
	doc, err := jsonschema.UnmarshalJSON(bytes.NewReader(text))
	if err != nil {
		return err
	}
	m, _ := doc.(map[string]any)
	name, _ := m["schema"].(string)
	s := schemas[name]
	if s == nil {
		return &missingSchema{name}
	}
	return s.Validate(doc)
}

type missingSchema struct{ name string }

func (e *missingSchema) Error() string { return "no schema field naming a shipped schema: " + e.name }

// yamlAsJSON turns a YAML document into the JSON it stands for.
func yamlAsJSON(t *testing.T, text []byte) []byte {
	t.Helper()
	var v any
	if err := yaml.Unmarshal(text, &v); err != nil {
		t.Fatal(err)
	}
	out, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// TestGoldensMatchSchemas validates every JSON and YAML golden output, and
// every JSON output of piano on the shipped examples, against the shipped
// schemas.
func TestGoldensMatchSchemas(t *testing.T) {
	t.Chdir("../..")
	schemas := compileSchemas(t, ".")
	goldens, _ := filepath.Glob("testdata/golden/*")
	n := 0
	for _, g := range goldens {
		text, err := os.ReadFile(g)
		if err != nil {
			t.Fatal(err)
		}
		switch filepath.Ext(g) {
		case ".yaml":
			text = yamlAsJSON(t, text)
		case ".json":
		default:
			continue
		}
		n++
		if err := validate(schemas, text); err != nil {
			t.Errorf("%s: %v", g, err)
		}
	}
	if n < 7 {
		t.Errorf("only %d golden JSON and YAML files validated", n)
	}

	plans, _ := filepath.Glob("examples/*.plan")
	validated := 0
	defer func() {
		if validated < 3*len(plans)+8 {
			t.Errorf("only %d outputs of piano on the examples validated", validated)
		}
	}()
	for _, plan := range plans {
		runs := [][]string{
			{"check", "--format", "json", plan},
			{"export", plan},
			{"export", "--format", "yaml", plan},
		}
		if data := strings.TrimSuffix(strings.TrimSuffix(plan, ".plan"), "-gennaio") + "-actuals.yaml"; exists(data) {
			year := yearOf(t, data)
			ev := []string{plan, "--data", data, "--year", year}
			runs = append(runs,
				append([]string{"eval", "--format", "json"}, ev...),
				append([]string{"eval", "--format", "yaml"}, ev...),
				append([]string{"explain", "--format", "json"}, append(ev, firstIndicator(t, ev))...),
				append([]string{"explain", "--format", "json"}, append(ev, "1")...))
			for _, other := range plans {
				runs = append(runs, []string{"diff", "--format", "json", other, plan},
					[]string{"diff", "--format", "json", "--rescore", other, plan, "--data", data, "--year", year})
			}
		}
		for _, args := range runs {
			validated++
			var stdout, stderr bytes.Buffer
			Main(args, strings.NewReader(""), &stdout, &stderr)
			if stdout.Len() == 0 {
				validated--
				continue // the run failed (a rescore across unrelated plans): nothing to validate
			}
			text := stdout.Bytes()
			if slicesContain(args, "yaml") {
				text = yamlAsJSON(t, text)
			}
			if err := validate(schemas, text); err != nil {
				t.Errorf("piano %s: %v", strings.Join(args, " "), err)
			}
		}
	}
}

// TestSMVPMatchesSchema validates eval's JSON and YAML on the illustrative
// SMVP (examples/smvp): bands, score lines that act, deviations and schede.
func TestSMVPMatchesSchema(t *testing.T) {
	t.Chdir("../..")
	schemas := compileSchemas(t, ".")
	for _, format := range []string{"json", "yaml"} {
		args := []string{"eval", "--format", format, "examples/smvp", "--data", "examples/modena-2021-actuals.yaml",
			"--data", "examples/smvp/valutazioni-2021.yaml", "--year", "2021"}
		var stdout, stderr bytes.Buffer
		Main(args, strings.NewReader(""), &stdout, &stderr)
		text := stdout.Bytes()
		if format == "yaml" {
			text = yamlAsJSON(t, text)
		}
		for _, want := range []string{`"band"`, `"limited"`, `"schede"`, `"differentiation"`, `"deviation"`, `"neutralised"`} {
			if !bytes.Contains(text, []byte(want)) {
				t.Errorf("piano %s: no %s in the output", strings.Join(args, " "), want)
			}
		}
		if err := validate(schemas, text); err != nil {
			t.Errorf("piano %s: %v", strings.Join(args, " "), err)
		}
	}
}

func exists(path string) bool { _, err := os.Stat(path); return err == nil }

func slicesContain(ss []string, s string) bool {
	for _, x := range ss {
		if x == s {
			return true
		}
	}
	return false
}

// yearOf reads the year a data file gives values for.
func yearOf(t *testing.T, path string) string {
	t.Helper()
	text, _ := os.ReadFile(path)
	var v struct {
		Year int `yaml:"year"`
	}
	if err := yaml.Unmarshal(text, &v); err != nil || v.Year == 0 {
		t.Fatalf("%s: no year: %v", path, err)
	}
	return strings.TrimSpace(string(must(json.Marshal(v.Year))))
}

func must(b []byte, err error) []byte {
	if err != nil {
		panic(err)
	}
	return b
}

// TestSchemasRefuse pins that the schemas are strict: a document that
// breaks the contract fails validation.
func TestSchemasRefuse(t *testing.T) {
	schemas := compileSchemas(t, "../..")
	good := `{"schema": "piano.eval/v1", "plan": "P", "year": 2021, "score": 50, "diagnostics": [], "nodes": [
	  {"code": "1", "kind": "area", "name": "A", "weight": 100, "score": 50, "children": [
	    {"code": "I", "kind": "indicator", "name": "i", "weight": 100, "score": 50, "band": {"table": "f", "code": "C", "payout": 50}, "value": 1,
	     "value_status": "number", "unit": "N", "deviation": -1, "achievement": 50, "status": "partial", "late_days": 0,
	     "target": {"op": ">=", "value": 2, "high": null, "deadline": null, "text": ">= 2"}}]}]}`
	if err := validate(schemas, []byte(good)); err != nil {
		t.Fatalf("the good document fails: %v", err)
	}
	tests := []struct{ name, from, to string }{
		{"unknown field", `"plan": "P"`, `"plan": "P", "extra": 1`},
		{"no schema field", `"schema": "piano.eval/v1", `, ``},
		{"other version", `piano.eval/v1`, `piano.eval/v2`},
		{"value as text", `"value": 1,`, `"value": "N/D",`},
		{"status with a space", `"status": "partial"`, `"status": "not available"`},
		{"target as text", `"target": {"op": ">=", "value": 2, "high": null, "deadline": null, "text": ">= 2"}`, `"target": ">= 2"`},
		{"indicator without achievement", `"achievement": 50, `, ``},
		{"weight as text", `"weight": 100, "score": 50, "children"`, `"weight": "100%", "score": 50, "children"`},
		{"indicator fields on an area", `"kind": "area", "name": "A",`, `"kind": "area", "name": "A", "status": "partial",`},
		{"deviation as text", `"deviation": -1`, `"deviation": "-1"`},
		{"indicator without deviation", `"deviation": -1, `, ``},
		{"band without its table", `"table": "f", `, ``},
		{"band as text", `"band": {"table": "f", "code": "C", "payout": 50}`, `"band": "C"`},
		{"diagnostic without code", `"diagnostics": []`, `"diagnostics": [{"file": "p", "line": 1, "column": 1, "end": {"line": 1, "column": 2}, "severity": "warning", "message": "m"}]`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			bad := strings.Replace(good, tt.from, tt.to, 1)
			if bad == good {
				t.Fatalf("%q is not in the document", tt.from)
			}
			if err := validate(schemas, []byte(bad)); err == nil {
				t.Errorf("validates:\n%s", bad)
			}
		})
	}
}

// firstIndicator is the code of the first indicator piano eval reports.
func firstIndicator(t *testing.T, ev []string) string {
	t.Helper()
	var stdout, stderr bytes.Buffer
	Main(append([]string{"eval", "--format", "json"}, ev...), strings.NewReader(""), &stdout, &stderr)
	var find func(ns []any) string
	find = func(ns []any) string {
		for _, n := range ns {
			m := n.(map[string]any)
			if m["kind"] == "indicator" {
				return m["code"].(string)
			}
			if kids, ok := m["children"].([]any); ok {
				if c := find(kids); c != "" {
					return c
				}
			}
		}
		return ""
	}
	var doc struct{ Nodes []any }
	if err := json.Unmarshal(stdout.Bytes(), &doc); err != nil {
		t.Fatalf("eval %v: %v\n%s", ev, err, stderr.String())
	}
	return find(doc.Nodes)
}
