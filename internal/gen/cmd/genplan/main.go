// Command genplan prints a synthetic plan, or a data file for it, for manual
// profiling:
//
//	go run ./internal/gen/cmd/genplan -n 10000 > /tmp/p.plan
//	go run ./internal/gen/cmd/genplan -n 10000 -data 2021 > /tmp/p.yaml
//	piano eval /tmp/p.plan --data /tmp/p.yaml --year 2021
package main

import (
	"flag"
	"fmt"
	"os"

	"github.com/piano-plan/piano/internal/gen"
)

func main() {
	n := flag.Int("n", 1000, "about how many indicators the plan has")
	seed := flag.Int64("seed", 1, "random seed; the same seed gives the same plan")
	year := flag.Int("data", 0, "print a YAML data file for this year instead of the plan")
	flag.Parse()
	if flag.NArg() > 0 || *n < 0 {
		flag.Usage()
		os.Exit(2)
	}
	out := gen.Plan(*n, *seed)
	if *year != 0 {
		out = gen.Data(out, *year, *seed)
	}
	if _, err := os.Stdout.Write(out); err != nil {
		fmt.Fprintf(os.Stderr, "genplan: %v\n", err)
		os.Exit(1)
	}
}
