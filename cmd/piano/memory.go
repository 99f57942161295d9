package main

import (
	"math"
	"os"
	"runtime/debug"
	"sync"
)

// Peak memory. Go's collector lets the heap grow to twice what is live
// before it collects (GOGC=100), and a checked plan keeps about 10 times
// its source live (BENCHMARKS.md, budget 3), so a large plan would peak
// near 20 times its size. Piano therefore gives the collector a soft limit
// in proportion to what it reads, as Go's own compiler tunes its collector
// to its input: near the limit the collector runs more often instead of
// letting the heap grow. It is soft: a plan that needs more still gets it
// (the collector then spends more time). GOMEMLIMIT, when set, wins.
const (
	memoryPerInputByte = 16       // the limit, in bytes per byte of input
	minMemoryLimit     = 64 << 20 // below this the limit is not worth the collector's time
)

// inputBytes is the input read so far, plans and data files: a command
// may hold all of them at once (diff, eval).
var inputBytes int64

// budgetMemory counts n more bytes of input towards the soft memory limit
// and sets the limit.
func budgetMemory(n int) {
	inputBytes += int64(n)
	if os.Getenv("GOMEMLIMIT") != "" { // as for the runtime, empty is unset
		return
	}
	debug.SetMemoryLimit(memoryLimit(inputBytes))
	// Under the limit the collector is off: a run is short, and what it
	// allocates while parsing stays live until the end, so a collection
	// there finds little to free (BENCHMARKS.md, whole process). Near the
	// limit the collector still runs. GOGC, when set, wins.
	if os.Getenv("GOGC") == "" {
		debug.SetGCPercent(-1)
	}
}

// memoryLimit is the soft limit for input bytes of input.
func memoryLimit(input int64) int64 {
	if input > math.MaxInt64/memoryPerInputByte {
		return math.MaxInt64 // no limit
	}
	return max(minMemoryLimit, memoryPerInputByte*input)
}

// batchBudget is the soft memory limit of piano batch. A batch reads many
// small inputs, two or more at a time, each garbage once its body is done:
// under the collector's default it would collect every few megabytes
// allocated, about once every two Modena-sized bodies, for a third of the
// batch's CPU (BENCHMARKS.md, issue 14). So a batch, as one run does, gives
// each body in flight the limit of one run on its largest input, and turns
// the collector off under the sum: for small bodies the floor, 64 MiB in
// all. Peak memory then follows the bodies in flight and their size, never
// their number. GOMEMLIMIT and GOGC, when set, win, as for one run.
type batchBudget struct {
	workers int
	mu      sync.Mutex
	largest int // the largest input read so far
}

// start sets the limit for inputs not yet read and turns the collector
// off under it.
func (b *batchBudget) start() {
	b.set()
	if os.Getenv("GOGC") == "" {
		debug.SetGCPercent(-1)
	}
}

// reading counts an input of n bytes, read by one of the workers.
func (b *batchBudget) reading(n int) {
	b.mu.Lock()
	defer b.mu.Unlock()
	if n > b.largest {
		b.largest = n
		b.set()
	}
}

func (b *batchBudget) set() {
	if os.Getenv("GOMEMLIMIT") != "" {
		return
	}
	debug.SetMemoryLimit(batchLimit(b.workers, int64(b.largest)))
}

// batchLimit is the soft limit of a batch on workers goroutines whose
// largest input so far is largest bytes.
func batchLimit(workers int, largest int64) int64 {
	if largest > math.MaxInt64/memoryPerInputByte/int64(workers) {
		return math.MaxInt64 // no limit
	}
	return max(minMemoryLimit, int64(workers)*memoryPerInputByte*largest)
}
