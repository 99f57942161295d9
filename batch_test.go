package piano

import (
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"sync/atomic"
	"testing"
	"time"
)

// TestInOrder checks the reorder window of batches and scenarios: results
// come in the order of the jobs, whatever order the jobs end in, no job
// starts more than window places after the next result to emit, and
// stopping starts no further job.
func TestInOrder(t *testing.T) {
	for _, tc := range []struct{ n, workers, window, stopAt int }{
		{500, 2, 4, -1}, {500, 3, 16, -1}, {1, 2, 4, -1}, {0, 2, 4, -1}, {100, 1, 1, -1}, {300, 2, 8, 50},
	} {
		var emitted atomic.Int64
		var started, finished atomic.Int64
		next := 0
		inOrder(tc.n, tc.workers, tc.window,
			func(_, i int) int {
				started.Add(1)
				if ahead := int64(i) - emitted.Load(); ahead >= int64(max(tc.window, tc.workers)) {
					t.Errorf("%+v: job %d started %d places ahead of the next to emit", tc, i, ahead)
				}
				if rand.IntN(4) == 0 {
					time.Sleep(time.Duration(rand.IntN(200)) * time.Microsecond)
				}
				return i * i
			},
			func() { finished.Add(1) },
			func(i, v int) bool {
				if i != next || v != i*i {
					t.Fatalf("%+v: got job %d (%d), want %d", tc, i, v, next)
				}
				next++
				emitted.Store(int64(next))
				return i != tc.stopAt
			})
		want := tc.n
		if tc.stopAt >= 0 {
			want = tc.stopAt + 1
			if s := started.Load(); s > int64(want+max(tc.window, tc.workers)) {
				t.Errorf("%+v: %d jobs started after stopping at %d", tc, s, tc.stopAt)
			}
		} else if finished.Load() != int64(tc.n) {
			t.Errorf("%+v: finished called %d times, want %d", tc, finished.Load(), tc.n)
		}
		if next != want {
			t.Errorf("%+v: %d results, want %d", tc, next, want)
		}
	}
}

// TestReadManifestPaths: a manifest's paths are relative to its folder,
// unless absolute.
func TestReadManifestPaths(t *testing.T) {
	dir := t.TempDir()
	abs := filepath.Join(dir, "elsewhere", "dati.yaml")
	text := "bodies:\n  - {name: a, plan: a/piano.plan, data: [a/dati.yaml, " + abs + "]}\n"
	path := filepath.Join(dir, "batch", "manifest.yaml")
	if err := os.MkdirAll(filepath.Dir(path), 0o777); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, []byte(text), 0o666); err != nil {
		t.Fatal(err)
	}
	m, err := ReadManifest(path)
	if err != nil {
		t.Fatal(err)
	}
	b := m.Bodies[0]
	want := []string{filepath.Join(dir, "batch", "a", "dati.yaml"), abs}
	if b.Plans[0] != filepath.Join(dir, "batch", "a", "piano.plan") || !slices.Equal(b.Data, want) {
		t.Errorf("plans %v, data %v; want data %v", b.Plans, b.Data, want)
	}
}
