// Package syntax reads .plan source text into the tree of package lang/ast.
//
// Piano scans with its own scanner (scanner.go). The grammar is built once
// with participle/v2 and reads one statement at a time: which statement a
// keyword starts, and the head of a block up to its "{" (grammar.go). What
// follows a keyword is mostly read by hand, through participle's Parseable
// interface: formulas (formula.go), baseline and target entries
// (values.go), units, weights, drivers, policies and the one-token leaves
// (leaves.go). The blocks are read by hand too, by the statement loop
// (recover.go), which gives each block its statements, matches every brace
// and, after a statement that does not parse, reports it and resumes at
// the next statement it can recognise.
//
// Parse lexes a file, keeps its comments aside for the formatter, parses
// the statements and builds the typed tree, checking that every statement
// stands where it may. It reports every syntax error of a file in one run
// and returns the tree of the statements that parsed with them. Parse never
// panics on bad input: every problem comes back as a positioned
// diagnostic. Names, weights, units and the rest of the meaning are checked
// later, by package lang/check.
package syntax
