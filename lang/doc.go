// Package lang is the shared vocabulary of the Piano language tools: source
// positions and ranges, diagnostics with stable codes and their text
// rendering, "did you mean" suggestions, and how numbers are read and
// printed (the one number formatter: Figure, Percent, Number). The JSON of
// diagnostics, like every other output format, is in package render.
//
// It owns no syntax: the lexer and parser live in lang/syntax, the tree in
// lang/ast, the semantic checks in lang/check and units in lang/unit. Every
// package of the pipeline reports problems as Diagnostics from this package,
// so that one renderer prints them all alike.
package lang
