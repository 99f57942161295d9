// Command floorall is internal/bench/floor linked with every library the
// piano binary links, the workbook and browser ones too (excelize,
// chromedp, golang.org/x/term), whose package initialisation every piano
// process pays even when it reads no workbook and starts no browser. It
// does the same nothing as floor; BENCHMARKS.md (issue 14) runs it beside
// floor, a hello world and piano eval.
package main

import (
	"fmt"

	"github.com/alecthomas/participle/v2"
	_ "github.com/chromedp/chromedp"
	"github.com/expr-lang/expr"
	"github.com/spf13/cobra"
	_ "github.com/xuri/excelize/v2"
	_ "golang.org/x/term"
	"gopkg.in/yaml.v3"
)

type greeting struct {
	Word string `parser:"@Ident"`
}

func main() {
	parser := participle.MustBuild[greeting]()
	cmd := &cobra.Command{Use: "floorall", Run: func(*cobra.Command, []string) {
		g, err := parser.ParseString("", "hello")
		if err != nil {
			panic(err)
		}
		var world string
		if err := yaml.Unmarshal([]byte("world"), &world); err != nil {
			panic(err)
		}
		comma, err := expr.Eval(`", "`, nil)
		if err != nil {
			panic(err)
		}
		fmt.Println(g.Word + comma.(string) + world)
	}}
	if err := cmd.Execute(); err != nil {
		panic(err)
	}
}
