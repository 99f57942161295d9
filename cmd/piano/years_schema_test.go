package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestYearsMatchSchemas validates the several-years outputs of eval and
// explain against the shipped schemas.
func TestYearsMatchSchemas(t *testing.T) {
	schemas := compileSchemas(t, "../..")
	dataFile := filepath.Join(t.TempDir(), "data.yaml")
	os.WriteFile(dataFile, []byte("drivers:\n  D1.1_1: {2021: 712, 2022: 760, 2023: 800}\n  D1.1_2: {2021: 30, 2022: 150, 2023: 260}\n"), 0o666)
	ev := []string{"../../examples/tour.plan", "--data", dataFile, "--year", "2021..2023"}
	for _, args := range [][]string{
		append([]string{"eval", "--format", "json"}, ev...),
		append([]string{"eval", "--format", "yaml"}, ev...),
		append([]string{"explain", "--format", "json"}, append(ev, "301.S1")...),
		append([]string{"explain", "--format", "json"}, append(ev, "1")...),
	} {
		var stdout, stderr bytes.Buffer
		if code := Main(args, strings.NewReader(""), &stdout, &stderr); code != 0 {
			t.Fatalf("%v: exit %d\n%s", args, code, stderr.String())
		}
		text := stdout.Bytes()
		if args[2] == "yaml" {
			text = yamlAsJSON(t, text)
		}
		if !bytes.Contains(text, []byte(`"years"`)) {
			t.Errorf("%v: no years array", args)
		}
		if err := validate(schemas, text); err != nil {
			t.Errorf("%v: %v", args, err)
		}
	}
}
