// Package syntax reads .plan source text into the tree of package lang/ast.
//
// What participle reads and what is read by hand. Piano scans with its own
// scanner (scanner.go). The grammar is built once with participle/v2: gStmt
// says which statement each keyword starts and what field of it the rest
// fills, and struct tags say what the head of a block up to its "{", a use
// and a range of years are made of (grammar.go). The statement loop reads
// one statement at a time and goes by its keyword straight to that
// alternative (readByKeyword), instead of letting participle try them in
// turn; a test switch sends every statement through gStmt, and the tests
// require the same trees and messages both ways. Participle's parsers for
// the productions read the heads, uses and years. What follows the other
// keywords is read by hand, through participle's Parseable interface,
// straight into lang/ast: formulas (formula.go), baseline and target
// entries (values.go), units, drivers, policies, weights and the one-token
// leaves (leaves.go). The only grammar types that build copies into
// lang/ast are those the struct tags need (grammar.go says which). The
// blocks are read by hand too, by the statement loop (recover.go), which
// gives each block its statements, matches every brace and, after a
// statement that does not parse, reports it and resumes at the next
// statement it can recognise.
//
// The statements themselves are described once, by the statement table
// ast.Statements: its keywords are the ones the statement loop resumes at
// and after which the lexer never cuts the file, its contexts decide where
// each statement may stand, and its argument shapes and contexts make the
// "expected" and "you may write" hints. A test keeps it and gStmt in step.
//
// Parse lexes a file, keeps its comments aside for the formatter, parses
// the statements and builds the typed tree, checking that every statement
// stands where it may. It reports every syntax error of a file in one run
// and returns the tree of the statements that parsed with them. Parse never
// panics on bad input: every problem comes back as a positioned
// diagnostic. Names, weights, units and the rest of the meaning are checked
// later, by package lang/check.
package syntax
