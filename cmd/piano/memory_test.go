package main

import (
	"math"
	"runtime/debug"
	"testing"
)

func TestMemoryLimit(t *testing.T) {
	tests := []struct {
		input, want int64
	}{
		{0, 64 << 20},
		{70_000, 64 << 20}, // the Modena plan: the floor
		{4 << 20, 64 << 20},
		{5_887_892, 16 * 5_887_892}, // the 10k plan
		{59_148_591, 16 * 59_148_591},
		{math.MaxInt64 / 8, math.MaxInt64},
	}
	for _, tt := range tests {
		if got := memoryLimit(tt.input); got != tt.want {
			t.Errorf("memoryLimit(%d) = %d, want %d", tt.input, got, tt.want)
		}
	}
}

// TestBudgetMemory checks that reading input sets the runtime's soft limit
// to the sum of all input read, and that GOMEMLIMIT wins.
func TestBudgetMemory(t *testing.T) {
	saved, savedInput := debug.SetMemoryLimit(-1), inputBytes
	t.Cleanup(func() { debug.SetMemoryLimit(saved); inputBytes = savedInput })

	t.Setenv("GOMEMLIMIT", "") // empty is unset, for the runtime as for Piano
	inputBytes = 0
	budgetMemory(5 << 20)
	budgetMemory(3 << 20) // a second file, held at the same time
	if got, want := debug.SetMemoryLimit(-1), int64(16*(8<<20)); got != want {
		t.Errorf("limit after 8 MiB of input = %d, want %d", got, want)
	}

	t.Setenv("GOMEMLIMIT", "1GiB")
	debug.SetMemoryLimit(1 << 30)
	budgetMemory(10 << 20)
	if got := debug.SetMemoryLimit(-1); got != 1<<30 {
		t.Errorf("with GOMEMLIMIT set, limit = %d, want it left at 1 GiB", got)
	}
}

func TestBatchLimit(t *testing.T) {
	tests := []struct {
		workers int
		largest int64
		want    int64
	}{
		{2, 0, 64 << 20},
		{2, 70_000, 64 << 20}, // Modena-sized bodies: the floor, for the whole batch
		{2, 5_887_892, 2 * 16 * 5_887_892},
		{1, 5_887_892, 16 * 5_887_892},
		{4, math.MaxInt64 / 32, math.MaxInt64},
	}
	for _, tt := range tests {
		if got := batchLimit(tt.workers, tt.largest); got != tt.want {
			t.Errorf("batchLimit(%d, %d) = %d, want %d", tt.workers, tt.largest, got, tt.want)
		}
	}
}

// TestBatchBudget: the batch's limit follows the largest input read, and
// GOMEMLIMIT wins.
func TestBatchBudget(t *testing.T) {
	saved, savedGC := debug.SetMemoryLimit(-1), debug.SetGCPercent(100)
	t.Cleanup(func() { debug.SetMemoryLimit(saved); debug.SetGCPercent(savedGC) })
	t.Setenv("GOMEMLIMIT", "")
	t.Setenv("GOGC", "")
	b := &batchBudget{workers: 2}
	b.start()
	if got := debug.SetMemoryLimit(-1); got != 64<<20 {
		t.Errorf("limit before any input = %d, want 64 MiB", got)
	}
	b.reading(8 << 20)
	b.reading(1 << 20) // smaller: the limit stays
	if got, want := debug.SetMemoryLimit(-1), int64(2*16*(8<<20)); got != want {
		t.Errorf("limit after a largest input of 8 MiB = %d, want %d", got, want)
	}
	t.Setenv("GOMEMLIMIT", "1GiB")
	debug.SetMemoryLimit(1 << 30)
	b.reading(20 << 20)
	if got := debug.SetMemoryLimit(-1); got != 1<<30 {
		t.Errorf("with GOMEMLIMIT set, limit = %d, want it left at 1 GiB", got)
	}
}
