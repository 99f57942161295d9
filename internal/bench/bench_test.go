// Package bench measures Piano against its performance budgets (see
// BENCHMARKS.md at the repository root). It holds benchmarks only:
//
//	go test ./internal/bench -run XXX -bench . -benchmem -count 3 -timeout 30m
//
// The whole run takes about ten minutes on two cores with -short, past go
// test's default ten-minute timeout, hence -timeout; without -short,
// BenchmarkBatchMemory also runs a batch of 100,000 bodies (one and a half
// to two minutes an iteration). Plans come from internal/gen;
// the 100k-indicator cases are skipped with -short. Benchmarks that run
// whole processes build the piano binary and a hello-world binary into a
// temporary folder first; the peak-memory one needs GNU time.
package bench

import (
	"bytes"
	"fmt"
	"io"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"runtime/metrics"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/piano-plan/piano"
	"github.com/piano-plan/piano/data"
	"github.com/piano-plan/piano/eval"
	"github.com/piano-plan/piano/internal/gen"
	"github.com/piano-plan/piano/lang/check"
	"github.com/piano-plan/piano/lang/syntax"
	"github.com/piano-plan/piano/render"
)

const (
	seed = 1
	year = 2021

	modenaPlan = "../../examples/modena-2021.plan"
	modenaData = "../../examples/modena-2021-actuals.yaml"
)

// sizes are the plan sizes, in indicators, of the scaling benchmarks.
// size is a generated plan's number of indicators, and its name.
type size struct {
	name string
	n    int
}

var sizes = []size{{"1k", 1_000}, {"10k", 10_000}, {"100k", 100_000}}

// corpus is one generated plan and its data, generated once per run.
type corpus struct {
	src, data  []byte
	indicators int // indicator definitions in src
}

var (
	corporaMu sync.Mutex
	corpora   = map[int]*corpus{}
)

// plan returns the generated plan of about n indicators, skipping the
// benchmark for the largest sizes under -short.
func plan(b *testing.B, n int) *corpus {
	b.Helper()
	if n >= 100_000 && testing.Short() {
		b.Skip("100k indicators: skipped with -short")
	}
	corporaMu.Lock()
	defer corporaMu.Unlock()
	if c, ok := corpora[n]; ok {
		return c
	}
	src := gen.Plan(n, seed)
	c := &corpus{src: src, data: gen.Data(src, year, seed)}
	for line := range bytes.Lines(src) {
		if bytes.HasPrefix(bytes.TrimLeft(line, " "), []byte("indicator ")) {
			c.indicators++
		}
	}
	corpora[n] = c
	return c
}

// perIndicator reports the time per indicator of one iteration.
func perIndicator(b *testing.B, indicators int) {
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/float64(indicators), "ns/indicator")
}

func parse(b *testing.B, src []byte) {
	f, diags := syntax.Parse("gen.plan", src)
	if f == nil || diags.HasErrors() {
		b.Fatalf("the generated plan does not parse: %d diagnostics", len(diags))
	}
}

func parseCheck(b *testing.B, src []byte) *check.Plan {
	f, diags := syntax.Parse("gen.plan", src)
	if f == nil || diags.HasErrors() {
		b.Fatalf("the generated plan does not parse: %d diagnostics", len(diags))
	}
	p, diags := check.Check(f)
	if diags.HasErrors() {
		b.Fatalf("the generated plan does not check: %d errors", diags.Errors())
	}
	return p
}

// lastChecked keeps the checked plan of the last corpus asked for, so that
// the -count repetitions of Compile and Evaluate on 100k indicators do not
// parse it again each time; asking for another corpus lets it go.
var lastChecked struct {
	c *corpus
	p *check.Plan
}

// checked returns the checked plan of c, outside any timer.
func checked(b *testing.B, c *corpus) *check.Plan {
	if lastChecked.c != c {
		lastChecked.c, lastChecked.p = nil, nil
		runtime.GC()
		lastChecked.c, lastChecked.p = c, parseCheck(b, c.src)
	}
	return lastChecked.p
}

// compiled checks, compiles and binds a corpus, outside any timer.
func compiled(b *testing.B, c *corpus) (*eval.Evaluator, *eval.Data) {
	p := checked(b, c)
	ev, err := eval.Compile(p)
	if err != nil {
		b.Fatal(err)
	}
	entries, diags := data.Parse("gen.yaml", c.data, 0)
	if diags.HasErrors() {
		b.Fatalf("the generated data do not parse: %d errors", diags.Errors())
	}
	data, diags := eval.Bind(p, entries)
	if diags.HasErrors() {
		b.Fatalf("the generated data do not bind: %d errors", diags.Errors())
	}
	return ev, data
}

// BenchmarkParse is syntax.Parse on generated plans.
func BenchmarkParse(b *testing.B) {
	throughput(b, sizes, func(b *testing.B, src []byte) { parse(b, src) })
}

// BenchmarkCheck is Parse and Check, the checking throughput budget
// (at least 5 MB/s of plan source).
func BenchmarkCheck(b *testing.B) {
	throughput(b, sizes, func(b *testing.B, src []byte) { parseCheck(b, src) })
}

// BenchmarkCheckCommand is what piano check does in one process after
// reading the file: Parse, Check, and the composite-baseline warnings
// (W204, eval.CheckBaselines, which compiles only the composites'
// formulas). Not run on 100k indicators, where it would only add W204's
// small share to Check's.
func BenchmarkCheckCommand(b *testing.B) {
	throughput(b, sizes[:2], func(b *testing.B, src []byte) {
		if _, err := eval.CheckBaselines(parseCheck(b, src)); err != nil {
			b.Fatal(err)
		}
	})
}

// throughput runs work on the source of a generated plan of each size,
// reporting bytes per second and time per indicator.
func throughput(b *testing.B, sizes []size, work func(b *testing.B, src []byte)) {
	for _, s := range sizes {
		b.Run(s.name, func(b *testing.B) {
			c := plan(b, s.n)
			b.SetBytes(int64(len(c.src)))
			b.ReportAllocs()
			for b.Loop() {
				work(b, c.src)
			}
			perIndicator(b, c.indicators)
		})
	}
}

// BenchmarkCompile is eval.Compile alone on a checked plan.
func BenchmarkCompile(b *testing.B) {
	for _, s := range sizes {
		b.Run(s.name, func(b *testing.B) {
			c := plan(b, s.n)
			p := checked(b, c)
			b.ReportAllocs()
			for b.Loop() {
				if _, err := eval.Compile(p); err != nil {
					b.Fatal(err)
				}
			}
			perIndicator(b, c.indicators)
		})
	}
}

// BenchmarkEvaluate evaluates one year of one compiled plan.
func BenchmarkEvaluate(b *testing.B) {
	for _, s := range sizes {
		b.Run(s.name, func(b *testing.B) {
			c := plan(b, s.n)
			ev, data := compiled(b, c)
			b.ReportAllocs()
			for b.Loop() {
				if r := ev.Evaluate(data, year); r.Diagnostics.HasErrors() {
					b.Fatal("evaluation errors")
				}
			}
			perIndicator(b, c.indicators)
		})
	}
	lastChecked.c, lastChecked.p = nil, nil // let the largest plan go before the next benchmarks
}

// BenchmarkEvaluate1000DataSets evaluates the Modena example against 1,000
// data sets, the actuals with every value perturbed; one iteration is all
// 1,000 (budget: under one second).
func BenchmarkEvaluate1000DataSets(b *testing.B) {
	src, text := modena(b)
	f, diags := syntax.Parse(modenaPlan, src)
	if f == nil || diags.HasErrors() {
		b.Fatal("the Modena plan does not parse")
	}
	p, diags := check.Check(f)
	if diags.HasErrors() {
		b.Fatal("the Modena plan does not check")
	}
	ev, err := eval.Compile(p)
	if err != nil {
		b.Fatal(err)
	}
	entries, diags := data.Parse(modenaData, text, 0)
	if diags.HasErrors() {
		b.Fatal("the Modena actuals do not parse")
	}
	sets := make([]*eval.Data, 1000)
	rng := rand.New(rand.NewPCG(seed, 0))
	for i := range sets {
		d, diags := eval.Bind(p, perturb(rng, entries))
		if diags.HasErrors() {
			b.Fatal("a perturbed data set does not bind")
		}
		sets[i] = d
	}
	b.ReportAllocs()
	for b.Loop() {
		for _, d := range sets {
			ev.Evaluate(d, year)
		}
	}
	perSet := float64(b.Elapsed().Nanoseconds()) / float64(b.N) / float64(len(sets))
	b.ReportMetric(perSet/1e3, "µs/data-set")
	b.ReportMetric(perSet*float64(len(sets))/1e6, "ms/1000-sets")
}

// BenchmarkModenaStages times each stage of piano eval on the Modena
// example in this process, to tell where the whole-process time goes.
func BenchmarkModenaStages(b *testing.B) {
	src, text := modena(b)
	f, _ := syntax.Parse(modenaPlan, src)
	p, _ := check.Check(f)
	ev, err := eval.Compile(p)
	if err != nil {
		b.Fatal(err)
	}
	entries, _ := data.Parse(modenaData, text, 0)
	values, _ := eval.Bind(p, entries)
	r := ev.Evaluate(values, year)
	stages := []struct {
		name string
		run  func()
	}{
		{"parse", func() { syntax.Parse(modenaPlan, src) }},
		{"check", func() { check.Check(f) }},
		{"compile", func() { eval.Compile(p) }},
		{"baselines", func() { ev.CheckBaselines() }},
		{"data", func() { data.Parse(modenaData, text, 0) }},
		{"bind", func() { eval.Bind(p, entries) }},
		{"evaluate", func() { ev.Evaluate(values, year) }},
		{"table", func() { render.EvalTable(io.Discard, r) }},
	}
	for _, s := range stages {
		b.Run(s.name, func(b *testing.B) {
			if s.name == "parse" {
				b.SetBytes(int64(len(src)))
			}
			b.ReportAllocs()
			for b.Loop() {
				s.run()
			}
		})
	}
}

// perturb copies entries with each number scaled by 0.7-1.3, each date
// moved by up to 30 days, and one value in fifty made N/D.
func perturb(rng *rand.Rand, entries []data.Entry) []data.Entry {
	out := make([]data.Entry, len(entries))
	for i, e := range entries {
		switch {
		case rng.IntN(50) == 0:
			e.Value.Kind = data.NotAvailableDatum
		case e.Value.Kind == data.NumberDatum:
			e.Value.Number *= 0.7 + 0.6*rng.Float64()
		case e.Value.Kind == data.DateDatum:
			e.Value.Date = e.Value.Date.AddDate(0, 0, rng.IntN(61)-30)
		}
		out[i] = e
	}
	return out
}

// BenchmarkLinearity compares the time per indicator of Parse and Check at
// 10k and 100k indicators: each iteration checks the 10k plan ten times and
// the 100k plan once, the same work. A ratio near 1 means linear growth.
func BenchmarkLinearity(b *testing.B) {
	small, large := plan(b, 10_000), plan(b, 100_000)
	var ts, tl time.Duration
	for b.Loop() {
		start := time.Now()
		for range 10 {
			parseCheck(b, small.src)
		}
		ts += time.Since(start)
		start = time.Now()
		parseCheck(b, large.src)
		tl += time.Since(start)
	}
	ns := float64(ts.Nanoseconds()) / float64(b.N) / 10 / float64(small.indicators)
	nl := float64(tl.Nanoseconds()) / float64(b.N) / float64(large.indicators)
	b.ReportMetric(ns, "ns/indicator-10k")
	b.ReportMetric(nl, "ns/indicator-100k")
	b.ReportMetric(nl/ns, "ratio")
}

// BenchmarkPeakMemory measures peak memory against source size (budget:
// under 20x). "process" runs the built piano check on the plan and reads
// the child's maximum resident set size, as /usr/bin/time -v does;
// "heap" samples the live heap while Parse, Check and Compile run in this
// process.
func BenchmarkPeakMemory(b *testing.B) {
	for _, s := range sizes[1:] {
		b.Run(s.name+"/process", func(b *testing.B) {
			c := plan(b, s.n)
			bin := binaries(b)
			path := filepath.Join(bin.dir, fmt.Sprintf("gen-%s.plan", s.name))
			if err := os.WriteFile(path, c.src, 0o666); err != nil {
				b.Fatal(err)
			}
			defer os.Remove(path)
			var peak int64
			for b.Loop() {
				peak = max(peak, maxRSS(b, bin, bin.piano, "check", path))
			}
			b.ReportMetric(float64(peak)/(1<<20), "peak-RSS-MiB")
			b.ReportMetric(float64(peak)/float64(len(c.src)), "RSS/source")
			b.ReportMetric(float64(len(c.src))/(1<<20), "source-MiB")
		})
		if s.n > 10_000 {
			continue // the process figure is the budget's; the heap is sampled on 10k only, to keep the run short
		}
		b.Run(s.name+"/heap", func(b *testing.B) {
			c := plan(b, s.n)
			var peak uint64
			for b.Loop() {
				peak = max(peak, peakHeap(func() {
					if _, err := eval.Compile(parseCheck(b, c.src)); err != nil {
						b.Fatal(err)
					}
				}))
			}
			b.ReportMetric(float64(peak)/(1<<20), "peak-heap-MiB")
			b.ReportMetric(float64(peak)/float64(len(c.src)), "heap/source")
		})
	}
}

// maxRSS runs a command under GNU time and returns its maximum resident
// set size in bytes. The rusage of a child started from this process
// cannot be used: Linux carries the parent's high-water mark over to a
// child forked with a shared address space, as os/exec does, so that
// every child of a large test process would look large.
func maxRSS(b *testing.B, bin *built, name string, args ...string) int64 {
	gnuTime := "/usr/bin/time"
	if _, err := os.Stat(gnuTime); err != nil {
		b.Skip("needs GNU time at /usr/bin/time (apt-get install time)")
	}
	out := filepath.Join(bin.dir, "rss.txt")
	cmd := exec.Command(gnuTime, append([]string{"-f", "%M", "-o", out, name}, args...)...)
	cmd.Stdout, cmd.Stderr = io.Discard, io.Discard
	if err := cmd.Run(); err != nil {
		b.Fatalf("%s: %v", name, err)
	}
	text, err := os.ReadFile(out)
	if err != nil {
		b.Fatal(err)
	}
	lines := strings.Fields(string(text))
	kib, err := strconv.ParseInt(lines[len(lines)-1], 10, 64)
	if err != nil {
		b.Fatalf("GNU time wrote %q: %v", text, err)
	}
	return kib * 1024
}

// peakHeap runs f and returns the most heap memory its objects held at
// once, above what was live before, sampled every millisecond.
func peakHeap(f func()) uint64 {
	runtime.GC()
	sample := []metrics.Sample{{Name: "/memory/classes/heap/objects:bytes"}}
	read := func() uint64 { metrics.Read(sample); return sample[0].Value.Uint64() }
	base := read()
	done, peak := make(chan struct{}), make(chan uint64)
	go func() {
		var top uint64
		t := time.NewTicker(time.Millisecond)
		defer t.Stop()
		for {
			top = max(top, read())
			select {
			case <-done:
				peak <- top
				return
			case <-t.C:
			}
		}
	}()
	f()
	close(done)
	return <-peak - base
}

// BenchmarkWholeProcess runs, in turn, a Go hello world, the floor program
// (a hello world linked with Piano's libraries, internal/bench/floor), the
// same built with -tags floorall (also linking excelize, chromedp and
// x/term, as piano does) and piano eval on the Modena example (check and
// evaluate, output to /dev/null), all built beforehand with the README's
// build command (CGO_ENABLED=0). Issue 14 asks piano under 5 times the
// hello world; BENCHMARKS.md says why it is not.
func BenchmarkWholeProcess(b *testing.B) {
	bin := binaries(b)
	devNull, err := os.OpenFile(os.DevNull, os.O_WRONLY, 0)
	if err != nil {
		b.Fatal(err)
	}
	defer devNull.Close()
	run := func(name string, args ...string) time.Duration {
		cmd := exec.Command(name, args...)
		cmd.Stdout, cmd.Stderr = devNull, devNull
		start := time.Now()
		if err := cmd.Run(); err != nil {
			b.Fatalf("%s: %v", name, err)
		}
		return time.Since(start)
	}
	var hello, floor, floorall, piano time.Duration
	for b.Loop() {
		hello += run(bin.hello)
		floor += run(bin.floor)
		floorall += run(bin.floorall)
		piano += run(bin.piano, "eval", modenaPlan, "--data", modenaData, "--year", fmt.Sprint(year))
	}
	b.ReportMetric(float64(hello.Microseconds())/float64(b.N)/1e3, "hello-ms")
	b.ReportMetric(float64(floor.Microseconds())/float64(b.N)/1e3, "floor-ms")
	b.ReportMetric(float64(floorall.Microseconds())/float64(b.N)/1e3, "floorall-ms")
	b.ReportMetric(float64(piano.Microseconds())/float64(b.N)/1e3, "piano-ms")
	b.ReportMetric(float64(floor)/float64(hello), "floor-ratio")
	b.ReportMetric(float64(floorall)/float64(hello), "floorall-ratio")
	b.ReportMetric(float64(piano)/float64(hello), "ratio")
}

// built holds the binaries the whole-process benchmarks run.
type built struct {
	dir, piano, hello, floor, floorall string
	err                                error
}

var (
	buildOnce sync.Once
	bins      built
)

const helloSource = `package main

import "fmt"

func main() { fmt.Println("hello, world") }
`

// binaries builds piano, the floor programs and a hello world once per
// run, as the README builds piano (CGO_ENABLED=0), into a folder that
// TestMain removes.
func binaries(b *testing.B) *built {
	buildOnce.Do(func() {
		dir, err := os.MkdirTemp("", "piano-bench-")
		if err != nil {
			bins.err = err
			return
		}
		bins = built{dir: dir, piano: filepath.Join(dir, "piano"), hello: filepath.Join(dir, "hello"), floor: filepath.Join(dir, "floor"), floorall: filepath.Join(dir, "floorall")}
		helloDir := filepath.Join(dir, "hellosrc")
		if err := os.Mkdir(helloDir, 0o777); err != nil {
			bins.err = err
			return
		}
		files := map[string]string{"go.mod": "module hello\n\ngo 1.26\n", "main.go": helloSource}
		for name, text := range files {
			if err := os.WriteFile(filepath.Join(helloDir, name), []byte(text), 0o666); err != nil {
				bins.err = err
				return
			}
		}
		for _, c := range []*exec.Cmd{
			exec.Command("go", "build", "-o", bins.piano, "github.com/piano-plan/piano/cmd/piano"),
			exec.Command("go", "build", "-o", bins.floor, "github.com/piano-plan/piano/internal/bench/floor"),
			exec.Command("go", "build", "-tags", "floorall", "-o", bins.floorall, "github.com/piano-plan/piano/internal/bench/floor"),
			exec.Command("go", "build", "-o", bins.hello, "."),
		} {
			if c.Args[len(c.Args)-1] == "." {
				c.Dir = helloDir
			}
			c.Env = append(os.Environ(), "CGO_ENABLED=0") // the README's build: linked statically
			if out, err := c.CombinedOutput(); err != nil {
				bins.err = fmt.Errorf("%v: %v\n%s", c.Args, err, out)
				return
			}
		}
	})
	if bins.err != nil {
		b.Fatal(bins.err)
	}
	return &bins
}

func TestMain(m *testing.M) {
	code := m.Run()
	if bins.dir != "" {
		os.RemoveAll(bins.dir)
	}
	os.Exit(code)
}

// BenchmarkFrontDoor runs the whole pipeline on the Modena example through
// the front door, in one process: load and check the plan, read the data,
// evaluate 2021. It is what a program that embeds Piano pays per body.
func BenchmarkFrontDoor(b *testing.B) {
	src, text := modena(b)
	b.ReportAllocs()
	for b.Loop() {
		plan := piano.Load(modenaPlan, src, piano.Options{})
		values := plan.NewData()
		values.Add(modenaData, text)
		if r, _, err := plan.Evaluate(values, year); r == nil || err != nil {
			b.Fatalf("the Modena example does not evaluate: %v", err)
		}
	}
}

// modena reads the Modena example's plan and actuals.
func modena(b *testing.B) (plan, actuals []byte) {
	b.Helper()
	plan, err := os.ReadFile(modenaPlan)
	if err != nil {
		b.Fatal(err)
	}
	actuals, err = os.ReadFile(modenaData)
	if err != nil {
		b.Fatal(err)
	}
	return plan, actuals
}

// modenaScenarios compiles the Modena example and makes n scenarios of it:
// the actuals with every value perturbed (the same n give the same ones).
func modenaScenarios(b *testing.B, n int) (*piano.Compiled, *piano.Data, []*piano.Data) {
	b.Helper()
	src, text := modena(b)
	plan := piano.Load(modenaPlan, src, piano.Options{})
	base := plan.NewData()
	base.Add(modenaData, text)
	c, err := plan.Compile()
	if err != nil {
		b.Fatal(err)
	}
	rng := rand.New(rand.NewPCG(seed, 0))
	scenarios := make([]*piano.Data, n)
	for i := range scenarios {
		d := plan.NewData()
		d.Entries = perturb(rng, base.Entries)
		scenarios[i] = d
	}
	return c, base, scenarios
}

// BenchmarkScenarios evaluates the Modena example on 1,000 scenarios
// through the front door, the plan parsed and compiled once: each scenario
// is the actuals with every value perturbed, layered over the actuals
// (budget of issue 14: 1,000 scenarios in at most 0.2 s).
func BenchmarkScenarios(b *testing.B) {
	c, base, scenarios := modenaScenarios(b, 1000)
	b.ReportAllocs()
	for b.Loop() {
		for _, r := range c.Scenarios(base, scenarios, year) {
			if r.Result == nil {
				b.Fatalf("scenario %s: %v %v", r.Name, r.Err, r.Diagnostics)
			}
		}
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/1e6, "ms/1000-scenarios")
}

// BenchmarkEachScenario is BenchmarkScenarios as piano eval --scenarios
// runs it: each result handed out in order as it comes and only its score
// kept, so that the results do not pile up for the collector to scan.
func BenchmarkEachScenario(b *testing.B) {
	c, base, scenarios := modenaScenarios(b, 1000)
	scores := make([]*float64, len(scenarios))
	b.ReportAllocs()
	for b.Loop() {
		c.EachScenario(base, scenarios, year, func(i int, r piano.ScenarioResult) bool {
			if r.Result == nil {
				b.Fatalf("scenario %s: %v %v", r.Name, r.Err, r.Diagnostics)
			}
			scores[i] = r.Result.Root.Score
			return true
		})
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/1e6, "ms/1000-scenarios")
}

// BenchmarkBatch runs piano batch in process on 100 bodies that are each
// the Modena example (plan and actuals, 2021), one worker per core, the
// records handed out in order as the bodies finish (piano.BatchEach, as the
// command runs it); the metric is the time per body.
func BenchmarkBatch(b *testing.B) {
	m := modenaBodies(b, 100)
	b.ReportAllocs()
	for b.Loop() {
		err := piano.BatchEach(m, piano.Options{}, 0, nil, func(body []piano.BodyYear) error {
			if len(body) != 1 || body[0].Err != "" {
				return fmt.Errorf("a body failed: %+v", body)
			}
			return nil
		})
		if err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/100/1e6, "ms/body")
}

// modenaBodies is a manifest of n bodies that are each the Modena example
// (copies: the same plan and actuals), for 2021.
func modenaBodies(b *testing.B, n int) *piano.Manifest {
	plan, err := filepath.Abs(modenaPlan)
	if err != nil {
		b.Fatal(err)
	}
	actuals, err := filepath.Abs(modenaData)
	if err != nil {
		b.Fatal(err)
	}
	m := &piano.Manifest{}
	for i := range n {
		m.Bodies = append(m.Bodies, piano.Body{Name: fmt.Sprintf("b%05d", i), Plans: []string{plan}, Data: []string{actuals}, Years: []int{year}})
	}
	return m
}

// BenchmarkBatchMemory runs the built piano batch on a manifest of 1,000,
// 10,000 and 100,000 bodies (each a copy of the Modena example: the
// manifest names the same two files every time) and reads the process's
// peak resident set size: it must not grow with the number of bodies
// (the manifest is read one body at a time; the ranking keeps a name and a
// mean per body). One iteration is one whole batch; the records go to
// /dev/null. 100,000 bodies, a few minutes on two cores, are skipped with
// -short.
func BenchmarkBatchMemory(b *testing.B) {
	for _, n := range []int{1_000, 10_000, 100_000} {
		b.Run(fmt.Sprintf("%d", n), func(b *testing.B) {
			if n >= 100_000 && testing.Short() {
				b.Skip("100,000 bodies: skipped with -short")
			}
			bin := binaries(b)
			plan, _ := filepath.Abs(modenaPlan)
			actuals, _ := filepath.Abs(modenaData)
			var manifest strings.Builder
			manifest.WriteString("bodies:\n")
			for i := range n {
				fmt.Fprintf(&manifest, "  - {name: b%05d, plan: %s, data: [%s], years: [%d]}\n", i, plan, actuals, year)
			}
			path := filepath.Join(bin.dir, fmt.Sprintf("manifest-%d.yaml", n))
			if err := os.WriteFile(path, []byte(manifest.String()), 0o666); err != nil {
				b.Fatal(err)
			}
			defer os.Remove(path)
			var peak int64
			for b.Loop() {
				peak = max(peak, maxRSS(b, bin, bin.piano, "batch", path))
			}
			b.ReportMetric(float64(peak)/(1<<20), "peak-RSS-MiB")
			b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/float64(n)/1e6, "ms/body")
		})
	}
}
