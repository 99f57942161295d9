package render

import (
	"regexp"
	"strings"
	"testing"

	"github.com/piano-plan/piano/lang"
)

// hostile holds diagnostics whose file, summary, detail and hint carry
// everything that could end a workflow command or start another.
var hostile = lang.Diagnostics{
	{Severity: lang.Error, Code: lang.ESyntax, File: "a,b:c%0A.plan",
		Summary: "unexpected string \"x\r::error file=x.plan::forged\"",
		Detail:  "line one\n::warning::forged\r\nline three", Hint: "100% sure, a::b",
		Subject: lang.Range{Start: lang.MakePos(10, 2, 3), End: lang.MakePos(14, 2, 7)}},
	{Severity: lang.Warning, Code: lang.WUnusedDriver, File: "p.plan", Summary: "%0A::error::x"},
}

// TestGitHubCannotBeForged reads the output as the Actions runner does: it
// splits lines at \r and \n, takes ::command props::message and unescapes.
// Every diagnostic must give exactly one command that reads back to it.
func TestGitHubCannotBeForged(t *testing.T) {
	var b strings.Builder
	if err := GitHub(&b, hostile); err != nil {
		t.Fatal(err)
	}
	lines := regexp.MustCompile(`\r\n|\r|\n`).Split(strings.TrimSuffix(b.String(), "\n"), -1)
	if len(lines) != len(hostile) {
		t.Fatalf("%d lines for %d diagnostics:\n%s", len(lines), len(hostile), b.String())
	}
	unescape := strings.NewReplacer("%0D", "\r", "%0A", "\n", "%3A", ":", "%2C", ",", "%25", "%").Replace
	cmdRe := regexp.MustCompile(`^::(error|warning) ([^:]*)::(.*)$`)
	for i, line := range lines {
		d := hostile[i]
		m := cmdRe.FindStringSubmatch(line)
		if m == nil {
			t.Fatalf("line %d is not one workflow command: %q", i, line)
		}
		if m[1] != d.Severity.String() {
			t.Errorf("line %d: command %s, want %s", i, m[1], d.Severity)
		}
		props := map[string]string{}
		for _, p := range strings.Split(m[2], ",") {
			k, v, ok := strings.Cut(p, "=")
			if !ok {
				t.Fatalf("line %d: property %q has no =", i, p)
			}
			props[k] = unescape(v)
		}
		if props["file"] != d.File {
			t.Errorf("line %d: file %q, want %q", i, props["file"], d.File)
		}
		if want := string(d.Code) + " " + d.Summary; props["title"] != want {
			t.Errorf("line %d: title %q, want %q", i, props["title"], want)
		}
		if got, want := unescape(m[3]), DiagnosticMessage(d); got != want {
			t.Errorf("line %d: message %q, want %q", i, got, want)
		}
	}
	if want := "::error file=a%2Cb%3Ac%250A.plan,line=2,col=3,endLine=2,endColumn=7,"; !strings.HasPrefix(lines[0], want) {
		t.Errorf("first line %q, want it to start %q", lines[0], want)
	}
	if want := "::warning file=p.plan,title=W202 %250A%3A%3Aerror%3A%3Ax::"; !strings.HasPrefix(lines[1], want) {
		t.Errorf("a diagnostic without a position: %q, want it to start %q", lines[1], want)
	}
}
