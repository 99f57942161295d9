// Command floor is the least a Piano process can cost: a hello world that
// links the libraries Piano is built on (participle, expr, yaml.v3, cobra)
// and starts them as Piano does, building a participle grammar, but reads
// and checks nothing. BenchmarkWholeProcess runs it beside a plain hello
// world and piano eval (budget 5 in BENCHMARKS.md).
package main

import (
	"fmt"

	"github.com/alecthomas/participle/v2"
	"github.com/expr-lang/expr"
	"github.com/spf13/cobra"
	"gopkg.in/yaml.v3"
)

type greeting struct {
	Word string `parser:"@Ident"`
}

func main() {
	parser := participle.MustBuild[greeting]()
	cmd := &cobra.Command{Use: "floor", Run: func(*cobra.Command, []string) {
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
