package main

import (
	"math"
	"os"
	"runtime/debug"
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
