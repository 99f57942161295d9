package render

import (
	"io"

	"github.com/piano-plan/piano/lang"
)

// JSONPos is a line and column in JSON output.
type JSONPos struct {
	Line   int `json:"line"`
	Column int `json:"column"`
}

// JSONDiagnostic is the JSON form of a lang.Diagnostic, for editors and CI.
// Fields are added, never renamed.
type JSONDiagnostic struct {
	File     string    `json:"file"`
	Cell     string    `json:"cell,omitempty"` // a workbook's Sheet!C12; line and column are then its row and column number
	Line     int       `json:"line"`
	Column   int       `json:"column"`
	End      JSONPos   `json:"end"`
	Severity string    `json:"severity"`
	Code     lang.Code `json:"code"`
	Message  string    `json:"message"`
	Detail   string    `json:"detail,omitempty"`
	Hint     string    `json:"hint,omitempty"`
}

// DiagnosticsJSON prints ds as a JSON array (an empty array when there are
// none). Their text rendering is lang.WriteText.
func DiagnosticsJSON(w io.Writer, ds lang.Diagnostics) error {
	out := make([]JSONDiagnostic, 0, len(ds))
	for _, d := range ds {
		out = append(out, JSONDiagnostic{
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
		})
	}
	return JSON(w, out)
}
