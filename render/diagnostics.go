package render

import (
	"io"

	"github.com/piano-plan/piano/lang"
)

// JSONPos is a line and column in JSON output.
type JSONPos struct {
	Line   int `json:"line" yaml:"line"`
	Column int `json:"column" yaml:"column"`
}

// JSONDiagnostic is the JSON form of a lang.Diagnostic, for editors and CI:
// the same shape in check's output and in the diagnostics of eval, explain
// and diff.
type JSONDiagnostic struct {
	File     string    `json:"file" yaml:"file"`
	Cell     string    `json:"cell,omitempty" yaml:"cell,omitempty"` // a workbook's Sheet!C12; line and column are then its row and column number
	Line     int       `json:"line" yaml:"line"`
	Column   int       `json:"column" yaml:"column"`
	End      JSONPos   `json:"end" yaml:"end"`
	Severity string    `json:"severity" yaml:"severity"`
	Code     lang.Code `json:"code" yaml:"code"`
	Message  string    `json:"message" yaml:"message"`
	Detail   string    `json:"detail,omitempty" yaml:"detail,omitempty"`
	Hint     string    `json:"hint,omitempty" yaml:"hint,omitempty"`
}

func newDiagnostic(d *lang.Diagnostic) JSONDiagnostic {
	return JSONDiagnostic{
		File:     d.File,
		Cell:     d.Cell,
		Line:     int(d.Subject.Start.Line),
		Column:   int(d.Subject.Start.Column),
		End:      JSONPos{int(d.Subject.End.Line), int(d.Subject.End.Column)},
		Severity: d.Severity.String(),
		Code:     d.Code,
		Message:  d.Summary,
		Detail:   d.Detail,
		Hint:     d.Hint,
	}
}

// DiagnosticsReport is the JSON output of piano check --format json.
type DiagnosticsReport struct {
	Schema      string           `json:"schema"`
	Diagnostics []JSONDiagnostic `json:"diagnostics"`
}

// DiagnosticsJSON prints ds as a DiagnosticsReport (an empty list when
// there are none). Their text rendering is lang.WriteText.
func DiagnosticsJSON(w io.Writer, ds lang.Diagnostics) error {
	return JSON(w, DiagnosticsReport{Schema: SchemaDiagnostics, Diagnostics: diagnostics(ds)})
}
