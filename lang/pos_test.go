package lang

import "testing"

func TestFileSet(t *testing.T) {
	var fs FileSet
	a, _ := fs.Add("a.plan", 10)
	b, _ := fs.Add("b.plan", 20)
	if a != 0 || b != 11 {
		t.Fatalf("bases %d, %d; want 0, 11", a, b)
	}
	at := func(off int) Range { p := MakePos(off, 1, 1); return Range{Start: p, End: p} }
	for _, tc := range []struct {
		off      int
		file     string
		localOff int32
	}{
		{0, "a.plan", 0},
		{10, "a.plan", 10}, // the end of a.plan
		{11, "b.plan", 0},
		{31, "b.plan", 20},
	} {
		name, r := fs.Locate(at(tc.off))
		if name != tc.file || r.Start.Offset != tc.localOff {
			t.Errorf("Locate(%d) = %s %d, want %s %d", tc.off, name, r.Start.Offset, tc.file, tc.localOff)
		}
	}
	if _, ok := fs.Add("huge.plan", MaxFileSize); ok {
		t.Errorf("a file past what positions address was added")
	}
}
