package render

import (
	"encoding/csv"
	"fmt"
	"io"
	"regexp"
	"strings"

	"github.com/piano-plan/piano/eval"
)

var (
	plainNumberRE = regexp.MustCompile(`^-?[0-9]+(\.[0-9]+)?$`)
	decimalDotRE  = regexp.MustCompile(`([0-9])\.([0-9])`)
)

// EvalCSVItalian prints the rows of EvalCSV for a spreadsheet in Italian:
// a byte order mark (so that Excel reads UTF-8), fields separated by
// semicolons, CRLF line ends, decimal commas (66,67; a target >= 2,5), and
// no field a spreadsheet would take for a formula: a field that starts
// with = + - @, a tab or a carriage return and is not a number gets a
// leading apostrophe, as OWASP recommends against formula injection, so
// that the target = 100% opens as the text '= 100% and not as a formula.
func EvalCSVItalian(w io.Writer, r *eval.Result) error {
	if _, err := io.WriteString(w, "\uFEFF"); err != nil {
		return err
	}
	cw := csv.NewWriter(w)
	cw.Comma, cw.UseCRLF = ';', true
	cw.Write([]string{"codice", "tipo", "livello", "nome", "peso", "punteggio", "valore", "target", "raggiungimento", "stato", "giorni_ritardo"})
	for _, rw := range evalRows(r) {
		late := ""
		if rw.late > 0 {
			late = fmt.Sprint(rw.late)
		}
		rec := []string{rw.code, rw.kind, fmt.Sprint(rw.depth), rw.name, italianFigure(strings.TrimSuffix(rw.weight, "%")),
			italianFigure(strings.TrimSuffix(rw.score, "%")), italianFigure(strings.TrimSuffix(rw.value, "%")),
			decimalDotRE.ReplaceAllString(rw.target, "$1,$2"), italianFigure(strings.TrimSuffix(rw.ach, "%")), rw.status, late}
		for i, f := range rec {
			rec[i] = notFormula(f)
		}
		cw.Write(rec)
	}
	cw.Flush()
	return cw.Error()
}

// italianFigure writes a plain number with a decimal comma.
func italianFigure(s string) string {
	if plainNumberRE.MatchString(s) {
		return strings.Replace(s, ".", ",", 1)
	}
	return s
}

// notFormula keeps a spreadsheet from reading a text field as a formula.
func notFormula(s string) string {
	if s == "" || !strings.ContainsRune("=+-@\t\r", rune(s[0])) || plainNumberRE.MatchString(strings.Replace(s, ",", ".", 1)) {
		return s
	}
	return "'" + s
}
