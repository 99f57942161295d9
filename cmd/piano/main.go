// Command piano is the plan-as-code compiler: it checks, exports and
// evaluates performance plans written as .plan files.
//
// This package only wires command-line flags to the packages of the
// pipeline (lang/syntax, lang/check, eval); it holds no logic of its own
// beyond the process's settings (its soft memory limit, memory.go).
package main

import "os"

func main() {
	os.Exit(Main(os.Args[1:], os.Stdin, os.Stdout, os.Stderr))
}
