package lsp

import (
	"encoding/json"
	"os"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/piano-plan/piano/lang/ast"
)

// TestGrammarKeywords checks the VS Code grammar's keywords against the
// statement table: the words that start a statement, and the words inside
// one (years, weight, as, by, cap, floor, late).
func TestGrammarKeywords(t *testing.T) {
	b, err := os.ReadFile("../editors/vscode/syntaxes/plan.tmLanguage.json")
	if err != nil {
		t.Fatal(err)
	}
	var g struct {
		Repository map[string]struct {
			Match string `json:"match"`
		} `json:"repository"`
	}
	if err := json.Unmarshal(b, &g); err != nil {
		t.Fatal(err)
	}
	alternatives := func(key string) []string {
		m := regexp.MustCompile(`^\\b\(\?:([a-z|]+)\)\\b$`).FindStringSubmatch(g.Repository[key].Match)
		if m == nil {
			t.Fatalf("repository.%s.match is %q, not \\b(?:a|b|...)\\b", key, g.Repository[key].Match)
		}
		words := strings.Split(m[1], "|")
		slices.Sort(words)
		return words
	}
	starts, _ := ast.Keywords()
	var wantStarts, wantWords []string
	for w := range starts {
		wantStarts = append(wantStarts, w)
	}
	for _, s := range ast.Statements {
		for _, w := range append([]string{s.Then}, s.Words...) {
			if w != "" && !starts[w] && !slices.Contains(wantWords, w) {
				wantWords = append(wantWords, w)
			}
		}
	}
	slices.Sort(wantStarts)
	slices.Sort(wantWords)
	if got := alternatives("keywords"); !slices.Equal(got, wantStarts) {
		t.Errorf("grammar keywords %v\n   statement table %v", got, wantStarts)
	}
	if got := alternatives("words"); !slices.Equal(got, wantWords) {
		t.Errorf("grammar words %v\n   statement table %v", got, wantWords)
	}
}
