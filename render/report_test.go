package render_test

import (
	"bytes"
	"os"
	"strings"
	"testing"

	"github.com/piano-plan/piano"
	"github.com/piano-plan/piano/render"
)

// modenaPage prints the report of the Modena example for 2021, each time
// from a new load and evaluation.
func modenaPage(t *testing.T) string {
	t.Helper()
	p, err := piano.LoadFile("../examples/modena-2021.plan", piano.Options{})
	if err != nil {
		t.Fatal(err)
	}
	d, err := p.ReadDataFiles("../examples/modena-2021-actuals.yaml")
	if err != nil {
		t.Fatal(err)
	}
	r, diags, err := p.Evaluate(d, 2021)
	if err != nil || r == nil {
		t.Fatalf("evaluate: %v %v", err, diags)
	}
	text, _ := os.ReadFile("../examples/modena-2021-actuals.yaml")
	var b bytes.Buffer
	err = render.Report(&b, render.ReportInput{Result: r, Plan: p.Checked, Version: "test",
		Files: []render.ReportFile{{Role: "piano", Name: p.Name, Text: p.Files[0].Text}, {Role: "dati", Name: "dati.yaml", Text: text}}})
	if err != nil {
		t.Fatal(err)
	}
	return b.String()
}

func TestReportModena(t *testing.T) {
	page := modenaPage(t)
	if again := modenaPage(t); again != page {
		t.Fatal("two reports of the same input differ")
	}
	for _, want := range []string{
		`id="punteggio-complessivo">93,71%<`,
		"<td class=\"num\">≥ 11.500.000.000,00\u00a0€</td>", // a target in euro
		"2018: 12.956.300.000,00\u00a0€",                    // a baseline in euro
		`N/D: non è disponibile il dato di Driver_Export.`,
		`Nessun target per il 2021: non valutato, escluso da ogni media.`,
		`Peso 0%: solo monitoraggio, non concorre al punteggio.`,
		`entro il 31/10/2021`, // a deadline, the Italian way
	} {
		if !strings.Contains(page, want) {
			t.Errorf("the report has no %q", want)
		}
	}
	if n := strings.Count(page, `<tr class="indicator"`); n != 96 {
		t.Errorf("%d indicator rows, want 96", n)
	}
	for _, bad := range []string{"http://", "https://", "<script>", "<link", "@import", "url("} {
		if strings.Contains(page, bad) {
			t.Errorf("the report holds %q: it must fetch nothing", bad)
		}
	}
}
