package lang

import "fmt"

// Pos is a place in a source file. Offset counts bytes from the start of the
// file (0-based); Line and Column are 1-based and Column counts characters
// (runes), as editors show them. The zero Pos means "no position".
type Pos struct {
	Offset int
	Line   int
	Column int
}

// IsValid reports whether p refers to a place in a file.
func (p Pos) IsValid() bool { return p.Line > 0 }

// Range is a span of source text in one file. End is exclusive.
type Range struct {
	Filename string
	Start    Pos
	End      Pos
}

// String formats the start of r as file:line:col.
func (r Range) String() string {
	if !r.Start.IsValid() {
		return r.Filename
	}
	return fmt.Sprintf("%s:%d:%d", r.Filename, r.Start.Line, r.Start.Column)
}

// To returns the range from the start of r to the end of other.
func (r Range) To(other Range) Range {
	r.End = other.End
	return r
}
