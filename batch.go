package piano

import (
	"bufio"
	"bytes"
	"fmt"
	"io"
	"iter"
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
//
// A Manifest made in a program lists its Bodies. One that ReadManifest
// reads from a file or a folder holds only their number (and, for a
// folder, the names of its subfolders): All reads the bodies again, one at
// a time, as a batch asks for them, so that a batch's memory does not grow
// with its bodies.
type Manifest struct {
	Bodies []Body `yaml:"bodies"`

	n    int                               // bodies All yields, when read is set
	read func(yield func(Body) bool) error // reads the bodies again; nil: Bodies
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

// Len is how many bodies m lists.
func (m *Manifest) Len() int {
	if m.read != nil {
		return m.n
	}
	return len(m.Bodies)
}

// All yields m's bodies in order. For a manifest read from a file or a
// folder, it reads them again from there, and yields an error (with a
// zero Body) when they are no longer the ones ReadManifest counted; it
// yields nothing after an error.
func (m *Manifest) All() iter.Seq2[Body, error] {
	return func(yield func(Body, error) bool) {
		if m.read == nil {
			for _, b := range m.Bodies {
				if !yield(b, nil) {
					return
				}
			}
			return
		}
		n, stopped := 0, false
		err := m.read(func(b Body) bool {
			n++
			if n > m.n || !yield(b, nil) {
				stopped = true
				return false
			}
			return true
		})
		if stopped && n <= m.n {
			return
		}
		if err == nil && n != m.n {
			err = fmt.Errorf("the manifest listed %d bodies and now lists %d: it changed while the batch ran", m.n, n)
		}
		if err != nil {
			yield(Body{}, err)
		}
	}
}

// ReadManifest reads a batch manifest (YAML), or a folder of bodies by
// convention: each subfolder is a body named after it, its .plan files one
// plan, its .yaml, .yml and .csv files its data. Names that start with a
// dot (.git, an editor's .piano.yaml) are left out.
//
// A manifest whose bodies are a block sequence under a top-level bodies
// key (as above, each body in block or flow style) is read one body at a
// time, and read again by All: the manifest is YAML, but a whole YAML
// document is held in memory at several kilobytes per body. Any other
// shape (a flow sequence, another key, aliases between bodies) is read as
// one document, and its bodies held.
func ReadManifest(path string) (*Manifest, error) {
	if fi, err := os.Stat(path); err == nil && fi.IsDir() {
		return folderManifest(path)
	}
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("cannot read manifest: %w", err)
	}
	fi, err := f.Stat()
	if err == nil {
		n := 0
		var ok bool
		ok, err = eachManifestBody(f, func(Body) bool { n++; return true })
		if ok && err == nil && n > 0 {
			f.Close()
			dir := filepath.Dir(path)
			read := func(yield func(Body) bool) error {
				return rereadManifest(path, fi, func(b Body) bool {
					normalize(dir, &b)
					return yield(b)
				})
			}
			return &Manifest{n: n, read: read}, nil
		}
		_, err = f.Seek(0, io.SeekStart)
	}
	var text []byte
	if err == nil {
		text, err = io.ReadAll(f)
	}
	f.Close()
	if err != nil {
		return nil, fmt.Errorf("cannot read manifest: %w", err)
	}
	var m Manifest
	if err := yaml.Unmarshal(text, &m); err != nil {
		return nil, fmt.Errorf("%s: not a manifest: %w", path, err)
	}
	dir := filepath.Dir(path)
	for i := range m.Bodies {
		normalize(dir, &m.Bodies[i])
	}
	if len(m.Bodies) == 0 {
		return nil, fmt.Errorf("%s lists no bodies", path)
	}
	return &m, nil
}

// rereadManifest reads the bodies of the manifest at path again, as
// ReadManifest found it (fi); an error says it changed since.
func rereadManifest(path string, fi os.FileInfo, yield func(Body) bool) error {
	f, err := os.Open(path)
	if err != nil {
		return fmt.Errorf("cannot read manifest: %w", err)
	}
	defer f.Close()
	now, err := f.Stat()
	if err != nil {
		return fmt.Errorf("cannot read manifest: %w", err)
	}
	if now.Size() != fi.Size() || !now.ModTime().Equal(fi.ModTime()) {
		return fmt.Errorf("the manifest %s changed while the batch ran", path)
	}
	ok, err := eachManifestBody(f, yield)
	if err == nil && !ok {
		err = fmt.Errorf("the manifest %s changed while the batch ran", path)
	}
	return err
}

// eachManifestBody reads a manifest from r one body at a time, and hands
// each to yield as the whole document would decode it (paths as written).
// It reads one shape only: blank and comment lines, a line "bodies:",
// then a block sequence, each of its entries a line starting with "-" at
// the sequence's indentation and the lines indented further, then blank
// and comment lines. Each entry is decoded as a manifest of its own, the
// line "bodies:" and the entry's lines: the entries of a block sequence
// are independent nodes, and a line at the sequence's indentation that
// starts with "-" ends the entry before it, unless it lies inside a quoted
// scalar or a flow collection, which then leaves that entry unterminated
// and its decoding fails. ok is false when r holds another shape, or an
// entry does not decode alone (a YAML error, an alias to another entry's
// anchor): the whole document must then be decoded. err is for r failing
// to read. yield returning false stops.
func eachManifestBody(r io.Reader, yield func(Body) bool) (ok bool, err error) {
	br := bufio.NewReader(r)
	var header, entry []byte
	indent := -1 // the sequence's, once its first entry is read
	// decode decodes the entry read and hands it to yield: more is false
	// when yield stopped.
	decode := func() (ok, more bool) {
		var m Manifest
		if yaml.Unmarshal(append(slices.Clip(header), entry...), &m) != nil || len(m.Bodies) > 1 {
			return false, false
		}
		if len(m.Bodies) == 0 {
			return true, true // a null entry, which the whole document leaves out too
		}
		return true, yield(m.Bodies[0])
	}
	for {
		line, rerr := br.ReadBytes('\n')
		if rerr != nil && rerr != io.EOF {
			return false, rerr
		}
		text := bytes.TrimRight(line, "\r\n")
		content := bytes.TrimLeft(text, " ")
		lead := len(text) - len(content)
		switch {
		case len(line) == 0:
		case len(content) == 0 || content[0] == '#': // blank or a comment
			entry = append(entry, line...)
		case header == nil:
			if !isBodiesKey(text) {
				return false, nil
			}
			header = append(slices.Clone(text), '\n')
		case indent >= 0 && lead > indent: // the entry goes on
			entry = append(entry, line...)
		case (indent < 0 || lead == indent) && isEntry(content):
			if indent >= 0 {
				if ok, more := decode(); !ok || !more {
					return ok, nil
				}
			}
			indent = lead
			entry = append(entry[:0], line...)
		default:
			return false, nil // the sequence ends and more follows, or there is none
		}
		if rerr == io.EOF {
			break
		}
	}
	if indent < 0 {
		return false, nil
	}
	ok, _ = decode()
	return ok, nil
}

// isBodiesKey reports whether a manifest's line is the key bodies at the
// top level, with nothing after it but a comment.
func isBodiesKey(line []byte) bool {
	rest, found := bytes.CutPrefix(line, []byte("bodies:"))
	if !found || len(rest) == 0 {
		return found
	}
	after := bytes.TrimLeft(rest, " ")
	return len(after) < len(rest) && (len(after) == 0 || after[0] == '#')
}

// isEntry reports whether a line's content (its indentation taken away)
// starts an entry of a block sequence.
func isEntry(content []byte) bool {
	return content[0] == '-' && (len(content) == 1 || content[1] == ' ')
}

// normalize gives b its plans in one list, a name (its first plan's when
// the manifest gives none) and its paths placed in dir, the manifest's
// folder.
func normalize(dir string, b *Body) {
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

// relativeTo places a path of the manifest in dir, the manifest's folder;
// an absolute path stays as it is.
func relativeTo(dir, path string) string {
	if filepath.IsAbs(path) {
		return path
	}
	return filepath.Join(dir, path)
}

// folderManifest lists the subfolders of dir, the bodies, by name; All
// reads each one's files as the batch comes to it.
func folderManifest(dir string) (*Manifest, error) {
	names, err := subfolders(dir)
	if err != nil {
		return nil, fmt.Errorf("cannot read batch folder: %w", err)
	}
	if len(names) == 0 {
		return nil, fmt.Errorf("the folder %s holds no body (one subfolder per body)", dir)
	}
	read := func(yield func(Body) bool) error {
		for _, name := range names {
			if !yield(folderBody(dir, name)) {
				return nil
			}
		}
		return nil
	}
	return &Manifest{n: len(names), read: read}, nil
}

// subfolders lists the subfolders of dir that are not hidden, sorted by
// name, reading dir a part at a time so as to keep the names only.
func subfolders(dir string) ([]string, error) {
	f, err := os.Open(dir)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	var names []string
	for {
		entries, err := f.ReadDir(1024)
		for _, e := range entries {
			if e.IsDir() && !hidden(e.Name()) {
				names = append(names, e.Name())
			}
		}
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, err
		}
	}
	slices.Sort(names)
	return names, nil
}

// folderBody is the body of the subfolder name of dir: its .plan files
// one plan, its .yaml, .yml and .csv files its data.
func folderBody(dir, name string) Body {
	folder := filepath.Join(dir, name)
	b := Body{Name: name}
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
	return b
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
	var err, readErr error
	finished := 0
	bodies := func(yield func(Body) bool) {
		for b, err := range m.All() {
			if err != nil {
				readErr = err // read once the workers end: inOrder waits for them
				return
			}
			if !yield(b) {
				return
			}
		}
	}
	inOrderSeq(bodies, m.Len(), workers, BatchWindow*workers,
		func(_ int, b Body) []BodyYear { return evaluateBody(b, opts) },
		func() {
			if finished++; done != nil {
				done(finished, m.Len())
			}
		},
		func(_ int, records []BodyYear) bool {
			err = emit(records)
			return err == nil
		})
	if err == nil {
		err = readErr
	}
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
	indices := func(yield func(int) bool) {
		for i := range n {
			if !yield(i) {
				return
			}
		}
	}
	inOrderSeq(indices, n, workers, window, job, finished, emit)
}

// inOrderSeq is inOrder over the jobs jobs yields (n of them, for the
// number of workers worth starting), the i-th handed to job and its result
// to emit as i. jobs is ranged over on one goroutine, one job at a time as
// the window lets it: it may read its jobs as they are asked for.
func inOrderSeq[J, T any](jobs iter.Seq[J], n, workers, window int, job func(w int, j J) T, finished func(), emit func(i int, v T) bool) {
	if finished == nil {
		finished = func() {}
	}
	workers = min(workers, n)
	if workers <= 1 {
		i := 0
		for j := range jobs {
			v := job(0, j)
			finished()
			if !emit(i, v) {
				return
			}
			i++
		}
		return
	}
	window = max(window, workers)
	type started struct {
		i int
		j J
	}
	type result struct {
		i int
		v T
	}
	tokens := make(chan struct{}, window) // one per job started and not yet emitted
	feed := make(chan started)
	results := make(chan result, window) // never full: at most window jobs are out
	stop := make(chan struct{})
	go func() {
		defer close(feed)
		i := 0
		for j := range jobs {
			select {
			case tokens <- struct{}{}:
			case <-stop:
				return
			}
			select {
			case feed <- started{i, j}:
			case <-stop:
				return
			}
			i++
		}
	}()
	var wg sync.WaitGroup
	for w := range workers {
		wg.Go(func() {
			for s := range feed {
				results <- result{s.i, job(w, s.j)}
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
