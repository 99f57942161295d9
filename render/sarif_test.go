package render

import (
	"encoding/json"
	"net/url"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/piano-plan/piano/lang"
)

// TestSARIFStructure checks the parts of the SARIF 2.1.0 schema that code
// scanning relies on, on output read back as plain JSON: the version, one
// run with its tool and column kind, a rule for each code with texts, and
// results that point at their rule, with a level, a message, a URI reference
// and a region of 1-based positions.
func TestSARIFStructure(t *testing.T) {
	ds := append(lang.Diagnostics{
		{Severity: lang.Error, Code: lang.EUnknownDriver, File: `dir\sub/my plan.plan`, Summary: "unknown driver X",
			Subject: lang.Range{Start: lang.MakePos(5, 1, 6), End: lang.MakePos(6, 1, 7)}},
		{Severity: lang.Error, Code: lang.EUnknownDriver, File: "b.plan", Summary: "unknown driver Y",
			Subject: lang.Range{Start: lang.MakePos(5, 2, 1), End: lang.MakePos(6, 2, 2)}},
		{Severity: lang.Error, Code: "E999", File: "/abs/c.plan", Summary: "a code without a description"},
	}, hostile...)
	var b strings.Builder
	if err := SARIF(&b, ds, ""); err != nil {
		t.Fatal(err)
	}
	var log struct {
		Schema  string `json:"$schema"`
		Version string
		Runs    []struct {
			Tool struct {
				Driver struct {
					Name, Version, InformationURI string
					Rules                         []struct {
						ID               string
						ShortDescription struct{ Text string }
						Help             struct{ Text string }
						HelpURI          string
					}
				}
			}
			ColumnKind string
			Results    []struct {
				RuleID    string
				RuleIndex int
				Level     string
				Message   struct{ Text string }
				Locations []struct {
					PhysicalLocation struct {
						ArtifactLocation struct{ URI string }
						Region           *struct{ StartLine, StartColumn, EndLine, EndColumn int }
					}
				}
			}
		}
	}
	if err := json.Unmarshal([]byte(b.String()), &log); err != nil {
		t.Fatal(err)
	}
	if log.Version != "2.1.0" || log.Schema == "" || len(log.Runs) != 1 {
		t.Fatalf("version %q, $schema %q, %d runs", log.Version, log.Schema, len(log.Runs))
	}
	run := log.Runs[0]
	if d := run.Tool.Driver; d.Name != "piano" || d.Version != "devel" || d.InformationURI == "" {
		t.Errorf("driver %+v", d)
	}
	if run.ColumnKind != "unicodeCodePoints" {
		t.Errorf("columnKind %q: Piano's columns count characters", run.ColumnKind)
	}
	var ids []string
	for _, r := range run.Tool.Driver.Rules {
		if slices.Contains(ids, r.ID) {
			t.Errorf("rule %s given twice", r.ID)
		}
		ids = append(ids, r.ID)
		if r.ShortDescription.Text == "" || !strings.HasPrefix(r.Help.Text, r.ID+": ") || r.HelpURI == "" {
			t.Errorf("rule %s: %+v", r.ID, r)
		}
	}
	if want := []string{"E001", "E100", "E999", "W202"}; !slices.Equal(ids, want) {
		t.Errorf("rules %v, want %v (each code once, in order)", ids, want)
	}
	if len(run.Results) != len(ds) {
		t.Fatalf("%d results for %d diagnostics", len(run.Results), len(ds))
	}
	for i, r := range run.Results {
		d := ds[i]
		if r.RuleID != string(d.Code) || ids[r.RuleIndex] != r.RuleID {
			t.Errorf("result %d: ruleId %s, ruleIndex %d, want %s", i, r.RuleID, r.RuleIndex, d.Code)
		}
		if r.Level != d.Severity.String() || r.Message.Text != DiagnosticMessage(d) {
			t.Errorf("result %d: level %q, message %q", i, r.Level, r.Message.Text)
		}
		if len(r.Locations) != 1 {
			t.Fatalf("result %d: %d locations", i, len(r.Locations))
		}
		loc := r.Locations[0].PhysicalLocation
		u, err := url.Parse(loc.ArtifactLocation.URI)
		if err != nil || strings.ContainsAny(loc.ArtifactLocation.URI, `\ `) {
			t.Errorf("result %d: uri %q is not a URI reference (%v)", i, loc.ArtifactLocation.URI, err)
		} else if strings.TrimPrefix(u.Path, "./") != filepath.ToSlash(d.File) {
			t.Errorf("result %d: uri %q reads back as %q, want %q", i, loc.ArtifactLocation.URI, u.Path, d.File)
		}
		if filepath.IsAbs(d.File) != (u.Scheme == "file") {
			t.Errorf("result %d: uri %q: an absolute path is a file: URI, a relative one stays relative", i, loc.ArtifactLocation.URI)
		}
		if !d.Subject.Start.IsValid() {
			if loc.Region != nil {
				t.Errorf("result %d: a region for a diagnostic without a position", i)
			}
			continue
		}
		want := struct{ StartLine, StartColumn, EndLine, EndColumn int }{int(d.Subject.Start.Line),
			int(d.Subject.Start.Column), int(d.Subject.End.Line), int(d.Subject.End.Column)}
		if loc.Region == nil || *loc.Region != want {
			t.Errorf("result %d: region %+v, want %+v", i, loc.Region, want)
		}
	}
}
