package render

import (
	"io"
	"net/url"
	"path/filepath"
	"slices"
	"strings"

	"github.com/piano-plan/piano/lang"
)

// SARIFSchema is the address of the SARIF 2.1.0 JSON schema, named in the
// $schema field of SARIF output.
const SARIFSchema = "https://json.schemastore.org/sarif-2.1.0.json"

// InformationURI is Piano's home page, named in SARIF output.
const InformationURI = "https://github.com/piano-plan/piano"

// SARIFLog is the SARIF 2.1.0 log that check --format sarif prints: one
// run of one tool, a rule for every code that appears (its id is the code)
// and a result for every diagnostic. Only the parts Piano fills are here.
type SARIFLog struct {
	Schema  string     `json:"$schema"`
	Version string     `json:"version"`
	Runs    []SARIFRun `json:"runs"`
}

// SARIFRun is one run of Piano. ColumnKind is "unicodeCodePoints": Piano's
// columns count characters, not UTF-16 code units (SARIF's default).
type SARIFRun struct {
	Tool       SARIFTool     `json:"tool"`
	ColumnKind string        `json:"columnKind"`
	Results    []SARIFResult `json:"results"`
}

// SARIFTool names Piano and its rules.
type SARIFTool struct {
	Driver SARIFDriver `json:"driver"`
}

// SARIFDriver is Piano as a SARIF tool component.
type SARIFDriver struct {
	Name           string      `json:"name"`
	Version        string      `json:"version"`
	InformationURI string      `json:"informationUri"`
	Rules          []SARIFRule `json:"rules"`
}

// SARIFRule is one diagnostic code as a SARIF reporting descriptor.
type SARIFRule struct {
	ID                   string        `json:"id"`
	ShortDescription     SARIFText     `json:"shortDescription"`
	Help                 SARIFText     `json:"help"`
	HelpURI              string        `json:"helpUri"`
	DefaultConfiguration SARIFLevelCfg `json:"defaultConfiguration"`
}

// SARIFLevelCfg is a rule's default level.
type SARIFLevelCfg struct {
	Level string `json:"level"`
}

// SARIFText is a SARIF message or multiformat string in plain text.
type SARIFText struct {
	Text string `json:"text"`
}

// SARIFResult is one diagnostic.
type SARIFResult struct {
	RuleID    string          `json:"ruleId"`
	RuleIndex int             `json:"ruleIndex"`
	Level     string          `json:"level"`
	Message   SARIFText       `json:"message"`
	Locations []SARIFLocation `json:"locations"`
}

// SARIFLocation is where a result is.
type SARIFLocation struct {
	PhysicalLocation SARIFPhysical `json:"physicalLocation"`
}

// SARIFPhysical is a file and, when the diagnostic has a position, a region.
type SARIFPhysical struct {
	ArtifactLocation SARIFArtifact `json:"artifactLocation"`
	Region           *SARIFRegion  `json:"region,omitempty"`
}

// SARIFArtifact is a file as a URI reference: the path as given, with
// forward slashes and percent-escapes.
type SARIFArtifact struct {
	URI string `json:"uri"`
}

// SARIFRegion is a range: lines and columns 1-based, columns counting
// characters, the end column just past the last character (as in lang.Range).
type SARIFRegion struct {
	StartLine   int `json:"startLine"`
	StartColumn int `json:"startColumn"`
	EndLine     int `json:"endLine,omitempty"`
	EndColumn   int `json:"endColumn,omitempty"`
}

// SARIF prints ds as a SARIF 2.1.0 log, for code scanning. version is
// Piano's version, "devel" for a build without one.
func SARIF(w io.Writer, ds lang.Diagnostics, version string) error {
	var codes []lang.Code
	for _, d := range ds {
		if !slices.Contains(codes, d.Code) {
			codes = append(codes, d.Code)
		}
	}
	slices.Sort(codes)
	rules := make([]SARIFRule, 0, len(codes))
	for _, c := range codes {
		desc := lang.Describe(c)
		if desc == "" {
			desc = "a Piano diagnostic"
		}
		rules = append(rules, SARIFRule{
			ID:               string(c),
			ShortDescription: SARIFText{desc},
			Help: SARIFText{string(c) + ": " + desc + ". Each result says what is wrong in full " +
				"and what to do about it; the README lists every diagnostic code."},
			HelpURI:              InformationURI + "#diagnostics",
			DefaultConfiguration: SARIFLevelCfg{codeLevel(c)},
		})
	}
	results := make([]SARIFResult, 0, len(ds))
	for _, d := range ds {
		phys := SARIFPhysical{ArtifactLocation: SARIFArtifact{fileURI(d.File)}}
		if s, e := d.Subject.Start, d.Subject.End; s.IsValid() {
			r := &SARIFRegion{StartLine: int(s.Line), StartColumn: int(s.Column)}
			if e.IsValid() && (e.Line > s.Line || e.Line == s.Line && e.Column >= s.Column) {
				r.EndLine, r.EndColumn = int(e.Line), int(e.Column)
			}
			phys.Region = r
		}
		results = append(results, SARIFResult{
			RuleID:    string(d.Code),
			RuleIndex: slices.Index(codes, d.Code),
			Level:     d.Severity.String(),
			Message:   SARIFText{DiagnosticMessage(d)},
			Locations: []SARIFLocation{{phys}},
		})
	}
	if version == "" {
		version = "devel"
	}
	return JSON(w, SARIFLog{
		Schema:  SARIFSchema,
		Version: "2.1.0",
		Runs: []SARIFRun{{
			Tool: SARIFTool{SARIFDriver{
				Name:           "piano",
				Version:        version,
				InformationURI: InformationURI,
				Rules:          rules,
			}},
			ColumnKind: "unicodeCodePoints",
			Results:    results,
		}},
	})
}

// DiagnosticMessage is the whole text of d on one or more lines: the summary, the
// detail and the hint, as annotations show it.
func DiagnosticMessage(d *lang.Diagnostic) string {
	parts := []string{d.Summary}
	if d.Detail != "" {
		parts = append(parts, d.Detail)
	}
	if d.Hint != "" {
		parts = append(parts, "hint: "+d.Hint)
	}
	return strings.Join(parts, "\n")
}

// codeLevel is the SARIF level of a code: W codes are warnings, the rest
// errors.
func codeLevel(c lang.Code) string {
	if strings.HasPrefix(string(c), "W") {
		return "warning"
	}
	return "error"
}

// fileURI is path as a URI reference: relative paths stay relative (code
// scanning resolves them against the repository), with forward slashes;
// absolute paths become file: URIs.
func fileURI(path string) string {
	p := filepath.ToSlash(path)
	u := url.URL{Path: p}
	if filepath.IsAbs(path) {
		if !strings.HasPrefix(p, "/") {
			p = "/" + p // C:/x becomes /C:/x
		}
		u = url.URL{Scheme: "file", Path: p}
	}
	return u.String()
}
