// Package eval computes a checked plan against actual data: it reads data
// files, binds their values to the plan's drivers and indicators, runs every
// formula (compiled once to expr-lang programs and run on one reused VM),
// scores each indicator against its target under the scoring policy in force,
// and rolls the scores up the tree to one figure for the whole plan.
//
// eval trusts its input: the plan must come from lang/check without errors.
// It never reads .plan text and never prints: package render prints its
// results in every format.
package eval
