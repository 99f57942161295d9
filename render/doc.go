// Package render prints the results of every Piano command in every format:
// a scored plan (eval: table, JSON, YAML, CSV, Markdown), an explanation
// (explain: text, JSON), a diff report (diff: text, Markdown, JSON), a
// checked plan as data (export: JSON, YAML, the export shape) and
// diagnostics as JSON (check --format json). It owns the shapes of the JSON
// and YAML output (each names itself in a schema field, described by
// schema/*.json; adding a field keeps the version, removing, renaming or
// retyping one bumps it), the one JSON writer
// (JSON) and the one YAML writer (YAML).
//
// render computes nothing: scores, explanations' sentences and changes come
// from eval and lang/diff, and render only lays them out. Numbers are printed
// with lang.Figure, lang.Percent and lang.Number, the one number formatter,
// which lives in lang because eval's explanations and lang/check's
// diagnostics print numbers too and may not import render. The text
// rendering of diagnostics stays in lang (lang.WriteText), the vocabulary
// every package shares.
//
// render imports eval, lang/check and lang/diff; none of them imports
// render.
package render
