package piano

import (
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"gopkg.in/yaml.v3"
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
	bodies := collect(t, m)
	if len(bodies) != 1 {
		t.Fatalf("%d bodies, want 1", len(bodies))
	}
	b := bodies[0]
	want := []string{filepath.Join(dir, "batch", "a", "dati.yaml"), abs}
	if b.Plans[0] != filepath.Join(dir, "batch", "a", "piano.plan") || !slices.Equal(b.Data, want) {
		t.Errorf("plans %v, data %v; want data %v", b.Plans, b.Data, want)
	}
}

// collect reads every body of m.
func collect(t *testing.T, m *Manifest) []Body {
	t.Helper()
	var bodies []Body
	for b, err := range m.All() {
		if err != nil {
			t.Fatal(err)
		}
		bodies = append(bodies, b)
	}
	if len(bodies) != m.Len() {
		t.Fatalf("All yields %d bodies, Len says %d", len(bodies), m.Len())
	}
	return bodies
}

// TestManifestBodyByBody: a manifest read one body at a time gives the
// bodies the whole YAML document gives, and the shapes it cannot read so
// are read whole, with the same bodies or the same error.
func TestManifestBodyByBody(t *testing.T) {
	for _, tc := range []struct {
		name, text string
		byBody     bool // read one body at a time
	}{
		{"block", "bodies:\n  - name: a\n    plan: a.plan\n    data: [a.yaml]\n    years: [2021, 2022]\n  - name: b\n    plans:\n      - b1.plan\n      - b2.plan\n", true},
		{"flow entries", "bodies:\n  - {name: a, plan: a.plan, data: [a.yaml], years: [2021]}\n  - {name: b, plan: b.plan}\n", true},
		{"comments and blanks", "# bodies of 2021\n\nbodies: # all of them\n\n  # the first\n  - name: a # here\n    plan: a.plan\n# at the margin\n\n  - name: b\n    plan: b.plan\n# the end\n", true},
		{"no indentation", "bodies:\n- name: a\n  plan: a.plan\n- name: b\n  plan: b.plan\n", true},
		{"crlf", "bodies:\r\n  - name: a\r\n    plan: a.plan\r\n  - name: b\r\n    plan: b.plan\r\n", true},
		{"no final newline", "bodies:\n  - name: a\n    plan: a.plan", true},
		{"quoted dash", "bodies:\n  - name: \"a - b\"\n    plan: 'x - y.plan'\n", true},
		{"block scalar", "bodies:\n  - name: |\n      a\n      - b\n    plan: a.plan\n", true},
		{"anchor inside a body", "bodies:\n  - name: &n a\n    plan: a.plan\n    data: [*n]\n  - name: b\n    plan: b.plan\n", true},
		{"empty entry", "bodies:\n  -\n  - name: b\n    plan: b.plan\n", true},
		{"quoted across a dash line", "bodies:\n  - name: \"a\n  - b\"\n    plan: a.plan\n", false},
		{"flow across a dash line", "bodies:\n  - {name: a, data: [x,\n  - y]}\n", false},
		{"alias to another body", "bodies:\n  - name: a\n    plan: &p a.plan\n  - name: b\n    plan: *p\n", false},
		{"flow sequence", "bodies: [{name: a, plan: a.plan}, {name: b, plan: b.plan}]\n", false},
		{"another key after", "bodies:\n  - name: a\n    plan: a.plan\nversion: 1\n", false},
		{"another key before", "version: 1\nbodies:\n  - name: a\n    plan: a.plan\n", false},
		{"document start", "---\nbodies:\n  - name: a\n    plan: a.plan\n", false},
		{"a bad body", "bodies:\n  - name: a\n    plan: a.plan\n  - name: [b\n    plan: b.plan\n", false},
		{"no bodies", "bodies:\n", false},
		{"not a list", "bodies:\n  name: a\n", false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			dir := t.TempDir()
			path := filepath.Join(dir, "manifest.yaml")
			if err := os.WriteFile(path, []byte(tc.text), 0o666); err != nil {
				t.Fatal(err)
			}
			var whole Manifest
			wantErr := ""
			if err := yaml.Unmarshal([]byte(tc.text), &whole); err != nil {
				wantErr = fmt.Sprintf("%s: not a manifest: %v", path, err)
			} else if len(whole.Bodies) == 0 {
				wantErr = path + " lists no bodies"
			}
			for i := range whole.Bodies {
				normalize(dir, &whole.Bodies[i])
			}
			m, err := ReadManifest(path)
			if wantErr != "" || err != nil {
				if err == nil || err.Error() != wantErr {
					t.Fatalf("error %v, want %q", err, wantErr)
				}
				return
			}
			if byBody := m.read != nil; byBody != tc.byBody {
				t.Errorf("read one body at a time: %v, want %v", byBody, tc.byBody)
			}
			if got := collect(t, m); !reflect.DeepEqual(got, whole.Bodies) {
				t.Errorf("bodies\n%+v\nwant, as the whole document gives them,\n%+v", got, whole.Bodies)
			}
		})
	}
}

// TestManifestChanged: a manifest read one body at a time that changes
// before the batch reads it again gives an error, not other bodies.
func TestManifestChanged(t *testing.T) {
	path := filepath.Join(t.TempDir(), "manifest.yaml")
	one := "bodies:\n  - {name: a, plan: a.plan}\n"
	if err := os.WriteFile(path, []byte(one), 0o666); err != nil {
		t.Fatal(err)
	}
	m, err := ReadManifest(path)
	if err != nil {
		t.Fatal(err)
	}
	two := one + "  - {name: b, plan: b.plan}\n"
	if err := os.WriteFile(path, []byte(two), 0o666); err != nil {
		t.Fatal(err)
	}
	var got []string
	for b, err := range m.All() {
		if err != nil {
			got = append(got, "error: "+err.Error())
			continue
		}
		got = append(got, b.Name)
	}
	if len(got) != 1 || !strings.Contains(got[0], "changed while the batch ran") {
		t.Errorf("got %q, want one error saying the manifest changed", got)
	}
}
