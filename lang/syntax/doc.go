// Package syntax reads .plan source text into the tree of package lang/ast.
//
// The grammar is built once with participle/v2, over Piano's own scanner;
// formulas, values, targets, units, weights, drivers and policies are read
// through participle's Parseable interface (see grammar.go). Parse lexes a
// file, keeps its comments aside for the formatter, parses the tokens and
// builds the typed tree, checking that every statement stands where it may.
// Parse never panics on bad input: every problem comes back as a positioned
// diagnostic. Names, weights, units and the rest of the meaning are checked
// later, by package lang/check.
package syntax
