package piano

import (
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"sync"

	"github.com/piano-plan/piano/lang"
	"gopkg.in/yaml.v3"
)

// Manifest lists the bodies of a batch: each a plan (one file, a folder,
// or several files), its data files and the years to evaluate. Paths are
// relative to the manifest's folder, unless absolute.
//
//	bodies:
//	  - name: modena
//	    plan: modena/piano.plan
//	    data: [modena/dati.yaml]
//	    years: [2021, 2022, 2023]
type Manifest struct {
	Bodies []Body `yaml:"bodies"`
}

// Body is one body of a batch. Without years, every target year the data
// hold a value for is evaluated.
type Body struct {
	Name  string   `yaml:"name"`
	Plan  string   `yaml:"plan"`
	Plans []string `yaml:"plans"`
	Data  []string `yaml:"data"`
	Years []int    `yaml:"years"`
}

// ReadManifest reads a batch manifest (YAML), or a folder of bodies by
// convention: each subfolder is a body named after it, its .plan files one
// plan, its .yaml, .yml and .csv files its data. Names that start with a
// dot (.git, an editor's .piano.yaml) are left out.
func ReadManifest(path string) (*Manifest, error) {
	if fi, err := os.Stat(path); err == nil && fi.IsDir() {
		return folderManifest(path)
	}
	text, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("cannot read manifest: %w", err)
	}
	var m Manifest
	if err := yaml.Unmarshal(text, &m); err != nil {
		return nil, fmt.Errorf("%s: not a manifest: %w", path, err)
	}
	dir := filepath.Dir(path)
	for i := range m.Bodies {
		b := &m.Bodies[i]
		if b.Plan != "" {
			b.Plans = append([]string{b.Plan}, b.Plans...)
			b.Plan = ""
		}
		if b.Name == "" && len(b.Plans) > 0 {
			b.Name = b.Plans[0]
		}
		for j := range b.Plans {
			b.Plans[j] = relativeTo(dir, b.Plans[j])
		}
		for j := range b.Data {
			b.Data[j] = relativeTo(dir, b.Data[j])
		}
	}
	if len(m.Bodies) == 0 {
		return nil, fmt.Errorf("%s lists no bodies", path)
	}
	return &m, nil
}

// relativeTo places a path of the manifest in dir, the manifest's folder;
// an absolute path stays as it is.
func relativeTo(dir, path string) string {
	if filepath.IsAbs(path) {
		return path
	}
	return filepath.Join(dir, path)
}

func folderManifest(dir string) (*Manifest, error) {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return nil, fmt.Errorf("cannot read batch folder: %w", err)
	}
	m := &Manifest{}
	for _, e := range entries {
		if !e.IsDir() || hidden(e.Name()) {
			continue
		}
		folder := filepath.Join(dir, e.Name())
		b := Body{Name: e.Name()}
		files, _ := os.ReadDir(folder)
		for _, f := range files {
			if f.IsDir() || hidden(f.Name()) {
				continue
			}
			switch filepath.Ext(f.Name()) {
			case ".plan":
				b.Plans = append(b.Plans, filepath.Join(folder, f.Name()))
			case ".yaml", ".yml", ".csv":
				b.Data = append(b.Data, filepath.Join(folder, f.Name()))
			}
		}
		if len(b.Plans) == 0 {
			b.Plans = []string{folder} // for the loader's error: the folder holds no .plan file
		}
		m.Bodies = append(m.Bodies, b)
	}
	if len(m.Bodies) == 0 {
		return nil, fmt.Errorf("the folder %s holds no body (one subfolder per body)", dir)
	}
	return m, nil
}

// hidden reports whether a file or folder name starts with a dot: an
// editor's or a tool's (.piano.yaml, .git), never a body or its data.
func hidden(name string) bool { return strings.HasPrefix(name, ".") }

// BodyYear is one record of a batch: a body's score in one year, or why
// there is none. Score is nil when Err is set or the score is N/D.
type BodyYear struct {
	Body  string
	Year  int // 0 when the body failed before any year
	Score *float64
	Err   string // the body's problem: a file, the plan's or the data's first error
	Nerrs int    // how many error diagnostics
}

// Batch evaluates every body of m on workers goroutines (0: one per core),
// each with its own compiled plans, and returns the records in the
// manifest's order, one per body and year (one per failed body). done, when
// set, is called after each body, from one goroutine at a time. It holds
// every record until the end: BatchEach hands them out as they come.
func Batch(m *Manifest, opts Options, workers int, done func(finished, total int)) [][]BodyYear {
	out := make([][]BodyYear, 0, len(m.Bodies))
	BatchEach(m, opts, workers, done, func(records []BodyYear) error {
		out = append(out, records)
		return nil
	})
	return out
}

// BatchEach is Batch with the records handed to emit, one body's at a
// time, in the manifest's order, on the calling goroutine, while the next
// bodies are evaluated. No worker runs more than BatchWindow bodies per
// worker ahead of emit, so memory follows the workers, not the number of
// bodies: a body's plan, data and results are garbage once its records are
// made, and at most the window's records wait for the ones before them.
// done is called as each body finishes, from the calling goroutine. An
// error from emit stops the batch (no body starts after it) and is
// returned.
func BatchEach(m *Manifest, opts Options, workers int, done func(finished, total int), emit func(records []BodyYear) error) error {
	if workers <= 0 {
		workers = runtime.GOMAXPROCS(0)
	}
	var err error
	finished := 0
	inOrder(len(m.Bodies), workers, BatchWindow*workers,
		func(_, i int) []BodyYear { return evaluateBody(m.Bodies[i], opts) },
		func() {
			if finished++; done != nil {
				done(finished, len(m.Bodies))
			}
		},
		func(_ int, records []BodyYear) bool {
			err = emit(records)
			return err == nil
		})
	return err
}

// BatchWindow is how many bodies per worker a batch may evaluate ahead of
// the one whose records are handed out next.
const BatchWindow = 16

// inOrder runs job(w, i) for every i < n on workers goroutines (w is the
// worker's number, for state of its own) and hands each result to emit in
// the order of i, on the calling goroutine; finished, when set, is called
// there as each job ends, in the order they end. No job starts more than
// window places after the next result to emit, so at most window results
// are held at once. emit returning false stops: no job starts after it,
// and inOrder returns once the running ones end.
func inOrder[T any](n, workers, window int, job func(w, i int) T, finished func(), emit func(i int, v T) bool) {
	if finished == nil {
		finished = func() {}
	}
	workers = min(workers, n)
	if workers <= 1 {
		for i := range n {
			v := job(0, i)
			finished()
			if !emit(i, v) {
				return
			}
		}
		return
	}
	window = max(window, workers)
	type result struct {
		i int
		v T
	}
	tokens := make(chan struct{}, window) // one per job started and not yet emitted
	jobs := make(chan int)
	results := make(chan result, window) // never full: at most window jobs are out
	stop := make(chan struct{})
	go func() {
		defer close(jobs)
		for i := range n {
			select {
			case tokens <- struct{}{}:
			case <-stop:
				return
			}
			select {
			case jobs <- i:
			case <-stop:
				return
			}
		}
	}()
	var wg sync.WaitGroup
	for w := range workers {
		wg.Go(func() {
			for i := range jobs {
				results <- result{i, job(w, i)}
			}
		})
	}
	go func() {
		wg.Wait()
		close(results)
	}()
	ring := make([]T, window)
	have := make([]bool, window)
	next, stopped := 0, false
	for r := range results {
		if stopped {
			continue // the running jobs end; their results are dropped
		}
		finished()
		ring[r.i%window], have[r.i%window] = r.v, true
		for have[next%window] {
			v := ring[next%window]
			var zero T
			ring[next%window], have[next%window] = zero, false
			if !emit(next, v) {
				stopped = true
				close(stop)
				break
			}
			<-tokens
			next++
		}
	}
}

func evaluateBody(b Body, opts Options) []BodyYear {
	fail := func(year int, why string, n int) []BodyYear {
		return []BodyYear{{Body: b.Name, Year: year, Err: why, Nerrs: n}}
	}
	if len(b.Plans) == 0 {
		return fail(0, "the manifest names no plan for this body", 1)
	}
	p, err := LoadPaths(b.Plans, opts)
	if err != nil {
		return fail(0, err.Error(), 1)
	}
	if !p.OK() {
		return fail(0, firstError(p.Diagnostics), p.Diagnostics.Errors())
	}
	d, err := p.ReadDataFiles(b.Data...)
	if err != nil {
		return fail(0, err.Error(), 1)
	}
	years := b.Years
	if len(years) == 0 {
		for _, y := range d.Years() {
			if slices.Contains(p.Checked.TargetYears, y) {
				years = append(years, y)
			}
		}
		if len(years) == 0 {
			return fail(0, "the data hold no value for any of the plan's target years", 1)
		}
	}
	rs, diags, err := p.EvaluateYears(d, years)
	if err != nil {
		return fail(0, err.Error(), 1)
	}
	if rs == nil {
		return fail(0, firstError(diags), diags.Errors())
	}
	var out []BodyYear
	for _, r := range rs {
		out = append(out, BodyYear{Body: b.Name, Year: r.Year, Score: r.Root.Score})
	}
	return out
}

// firstError is the first error of ds, as file:line:col: error[CODE]: summary.
func firstError(ds lang.Diagnostics) string {
	for _, d := range ds {
		if d.Severity == lang.Error {
			return fmt.Sprintf("%s: error[%s]: %s", d.Where(), d.Code, d.Summary)
		}
	}
	return "errors"
}
