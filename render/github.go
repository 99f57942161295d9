package render

import (
	"fmt"
	"io"
	"strings"

	"github.com/piano-plan/piano/lang"
)

// GitHub prints ds as GitHub Actions workflow commands, one line per
// diagnostic:
//
//	::error file=F,line=L,col=C,endLine=L,endColumn=C,title=CODE summary::message
//
// with ::warning for warnings. The runner turns them into annotations on
// the pull request. Plan text is data: every property and the message are
// escaped as the workflow-command rules say, so no name, path or message
// can end the line or start a second command.
func GitHub(w io.Writer, ds lang.Diagnostics) error {
	var b strings.Builder
	for _, d := range ds {
		props := []string{"file=" + githubProperty(d.File)}
		if s, e := d.Subject.Start, d.Subject.End; s.IsValid() {
			props = append(props, fmt.Sprintf("line=%d", s.Line), fmt.Sprintf("col=%d", s.Column))
			if e.IsValid() && (e.Line > s.Line || e.Line == s.Line && e.Column >= s.Column) {
				props = append(props, fmt.Sprintf("endLine=%d", e.Line), fmt.Sprintf("endColumn=%d", e.Column))
			}
		}
		props = append(props, "title="+githubProperty(string(d.Code)+" "+d.Summary))
		fmt.Fprintf(&b, "::%s %s::%s\n", d.Severity, strings.Join(props, ","), githubMessage(DiagnosticMessage(d)))
	}
	_, err := io.WriteString(w, b.String())
	return err
}

// githubMessage escapes the message of a workflow command.
var githubMessage = strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A").Replace

// githubProperty escapes a property value of a workflow command.
var githubProperty = strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A", ":", "%3A", ",", "%2C").Replace
