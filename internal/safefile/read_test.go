package safefile

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestReadAtMost(t *testing.T) {
	dir := t.TempDir()
	for _, tc := range []struct {
		name string
		text string
		max  int
		want string // what is read: the text, or max+1 bytes of it
	}{
		{"empty", "", 10, ""},
		{"short", "abc", 10, "abc"},
		{"exactly max", "0123456789", 10, "0123456789"},
		{"one over", "0123456789x", 10, "0123456789x"},
		{"far over", strings.Repeat("y", 5000), 10, "yyyyyyyyyyy"},
		{"large", strings.Repeat("z", 100_000), 1 << 20, strings.Repeat("z", 100_000)},
	} {
		t.Run(tc.name, func(t *testing.T) {
			path := filepath.Join(dir, tc.name)
			if err := os.WriteFile(path, []byte(tc.text), 0o644); err != nil {
				t.Fatal(err)
			}
			f, err := os.Open(path)
			if err != nil {
				t.Fatal(err)
			}
			defer f.Close()
			got, err := ReadAtMost(f, tc.max)
			if err != nil || string(got) != tc.want {
				t.Errorf("file: got %d bytes, %v; want %d bytes", len(got), err, len(tc.want))
			}
			// Not a file: a pipe or standard input.
			got, err = ReadAtMost(bytes.NewReader([]byte(tc.text)), tc.max)
			if err != nil || string(got) != tc.want {
				t.Errorf("reader: got %d bytes, %v; want %d bytes", len(got), err, len(tc.want))
			}
		})
	}
}
