package lang

import (
	"fmt"
	"math"
	"unicode/utf8"
)

// Pos is a place in a source file. Offset counts bytes from the start of the
// file (0-based); Line and Column are 1-based and Column counts characters
// (runes), as editors show them. The zero Pos means "no position".
//
// The fields are 32 bits wide: every node of a tree carries two Pos, and no
// file Piano reads is larger than MaxFileSize, so int would double the
// positions' share of a tree's memory for nothing.
type Pos struct {
	Offset int32
	Line   int32
	Column int32
}

// MaxFileSize is the largest file, in bytes, whose every position fits a
// Pos, the end of the file included (a file of one line of MaxFileSize
// bytes ends at column MaxFileSize+1). The parser and the data reader
// refuse larger files whatever their limits say.
const MaxFileSize = math.MaxInt32 - 1

// IsValid reports whether p refers to a place in a file.
func (p Pos) IsValid() bool { return p.Line > 0 }

// Range is a span of source text in one file. End is exclusive. A range
// does not name its file: every node of a tree has one or more, and the
// tree (ast.File) and each diagnostic (Diagnostic.File) name it once.
type Range struct {
	Start Pos
	End   Pos
}

// Where formats the start of r in file as file:line:col, or file alone
// when r is no position.
func Where(file string, r Range) string {
	if !r.Start.IsValid() {
		return file
	}
	return fmt.Sprintf("%s:%d:%d", file, r.Start.Line, r.Start.Column)
}

// To returns the range from the start of r to the end of other.
func (r Range) To(other Range) Range {
	r.End = other.End
	return r
}

// MakePos returns the Pos at a byte offset, line and column counted in int.
func MakePos(offset, line, column int) Pos {
	return Pos{Offset: int32(offset), Line: int32(line), Column: int32(column)}
}

// Advance returns p moved past text, which must not span lines.
func (p Pos) Advance(text string) Pos {
	p.Offset += int32(len(text))
	p.Column += int32(utf8.RuneCountInString(text))
	return p
}
