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

// WhereCell is Where, or file:cell when cell (a workbook's Sheet!C12) is set.
func WhereCell(file, cell string, r Range) string {
	if cell != "" {
		return file + ":" + cell
	}
	return Where(file, r)
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

// FileSet is the files of one plan. Like go/token's FileSet, it gives each
// file a base: the Offset of every position in a file's tree counts from
// its base, so that a position alone tells which file it is in, and a
// Range stays two Pos. The first file's base is 0, so a plan of one file
// has the file's own offsets. Diagnostics are made with Locate, and hold
// the file's name and its own offsets.
type FileSet struct {
	files []SetFile
}

// SetFile is one file of a FileSet.
type SetFile struct {
	Name string
	Base int // offset of the file's first byte
	Size int // bytes
}

// Add adds a file of size bytes and returns its base: one past the end of
// the file before it, so that even end-of-file positions are distinct. ok
// is false when the files together exceed what a Pos can address.
func (s *FileSet) Add(name string, size int) (base int, ok bool) {
	if n := len(s.files); n > 0 {
		last := s.files[n-1]
		base = last.Base + last.Size + 1
	}
	if base > MaxFileSize-size {
		return 0, false
	}
	s.files = append(s.files, SetFile{Name: name, Base: base, Size: size})
	return base, true
}

// Files lists the set's files in the order added.
func (s *FileSet) Files() []SetFile { return s.files }

// file returns the file that holds offset, or nil.
func (s *FileSet) file(offset int) *SetFile {
	for i := len(s.files) - 1; i >= 0; i-- {
		if f := &s.files[i]; offset >= f.Base {
			if offset <= f.Base+f.Size {
				return f
			}
			return nil
		}
	}
	return nil
}

// Locate returns the name of the file that holds r and r with the file's
// own offsets. A position that is no position, or a nil set, gives the
// first file's name (or "") and r unchanged.
func (s *FileSet) Locate(r Range) (string, Range) {
	if s == nil || len(s.files) == 0 {
		return "", r
	}
	if !r.Start.IsValid() {
		return s.files[0].Name, r
	}
	f := s.file(int(r.Start.Offset))
	if f == nil {
		return s.files[0].Name, r
	}
	r.Start.Offset -= int32(f.Base)
	if r.End.IsValid() {
		r.End.Offset -= int32(f.Base)
	}
	return f.Name, r
}

// Where formats the start of r as file:line:col, in the file that holds it.
func (s *FileSet) Where(r Range) string {
	name, local := s.Locate(r)
	return Where(name, local)
}
