package piano

import (
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"sync"

	"github.com/piano-plan/piano/lang"
	"gopkg.in/yaml.v3"
)

// Manifest lists the bodies of a batch: each a plan (one file, a folder,
// or several files), its data files and the years to evaluate. Paths are
// relative to the manifest's folder.
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
// plan, its .yaml, .yml and .csv files its data.
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
			b.Plans[j] = filepath.Join(dir, b.Plans[j])
		}
		for j := range b.Data {
			b.Data[j] = filepath.Join(dir, b.Data[j])
		}
	}
	if len(m.Bodies) == 0 {
		return nil, fmt.Errorf("%s lists no bodies", path)
	}
	return &m, nil
}

func folderManifest(dir string) (*Manifest, error) {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return nil, fmt.Errorf("cannot read batch folder: %w", err)
	}
	m := &Manifest{}
	for _, e := range entries {
		if !e.IsDir() {
			continue
		}
		b := Body{Name: e.Name(), Plans: []string{filepath.Join(dir, e.Name())}}
		files, _ := os.ReadDir(filepath.Join(dir, e.Name()))
		for _, f := range files {
			switch filepath.Ext(f.Name()) {
			case ".yaml", ".yml", ".csv":
				if !f.IsDir() {
					b.Data = append(b.Data, filepath.Join(dir, e.Name(), f.Name()))
				}
			}
		}
		m.Bodies = append(m.Bodies, b)
	}
	if len(m.Bodies) == 0 {
		return nil, fmt.Errorf("the folder %s holds no body (one subfolder per body)", dir)
	}
	return m, nil
}

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
// set, is called after each body, from one goroutine at a time.
func Batch(m *Manifest, opts Options, workers int, done func(finished, total int)) [][]BodyYear {
	if workers <= 0 {
		workers = runtime.GOMAXPROCS(0)
	}
	out := make([][]BodyYear, len(m.Bodies))
	jobs := make(chan int)
	var mu sync.Mutex
	finished := 0
	var wg sync.WaitGroup
	for range min(workers, len(m.Bodies)) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range jobs {
				out[i] = evaluateBody(m.Bodies[i], opts)
				if done != nil {
					mu.Lock()
					finished++
					done(finished, len(m.Bodies))
					mu.Unlock()
				}
			}
		}()
	}
	for i := range m.Bodies {
		jobs <- i
	}
	close(jobs)
	wg.Wait()
	return out
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
