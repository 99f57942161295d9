package render

import "github.com/piano-plan/piano/lang"

// The writers of this package escape plan and data text with the one
// sanitizer in lang/text.go: printable for a terminal, mdText and
// mdPrinted for Markdown. CSV, JSON and YAML keep text as it is.
var (
	printable = lang.Printable
	mdText    = lang.MarkdownText
	mdPrinted = lang.MarkdownPrinted
)
