package safefile

import (
	"io"
	"os"
)

// ReadAtMost reads r to its end, but never more than max+1 bytes, so that
// the caller can tell a text over max bytes from one of exactly max and
// refuse it without reading all of it. A regular file is read into a
// buffer of its size, allocated once; io.ReadAll would start small and
// copy the text as it doubles (for a short process, fresh memory is paid
// in page faults).
func ReadAtMost(r io.Reader, max int) ([]byte, error) {
	size := 512
	if f, ok := r.(*os.File); ok {
		if fi, err := f.Stat(); err == nil && fi.Mode().IsRegular() {
			if n := fi.Size(); n < int64(max) {
				size = int(n)
			} else {
				size = max
			}
		}
	}
	b := make([]byte, 0, size+1) // one more, to see the end without growing
	lr := io.LimitReader(r, int64(max)+1)
	for {
		n, err := lr.Read(b[len(b):cap(b)])
		b = b[:len(b)+n]
		if err == io.EOF {
			return b, nil
		}
		if err != nil {
			return b, err
		}
		if len(b) == cap(b) {
			b = append(b, 0)[:len(b)] // the file grew, or r is not a file
		}
	}
}
