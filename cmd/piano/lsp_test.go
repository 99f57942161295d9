package main

import (
	"math"
	"runtime/debug"
	"testing"
)

func TestLSPMemoryLimit(t *testing.T) {
	tests := []struct {
		text, live, want int64
	}{
		{0, 0, 64 << 20},
		{70_000, 10 << 20, 64 << 20},                // the Modena plan: the floor
		{5_887_892, 53 << 20, 14 * 5_887_892},       // the 10k plan
		{5_887_892, 70 << 20, 70<<20 + 4*5_887_892}, // a plan that keeps more live
		{math.MaxInt64 / 8, 0, math.MaxInt64},
	}
	for _, tt := range tests {
		if got := lspMemoryLimit(tt.text, tt.live); got != tt.want {
			t.Errorf("lspMemoryLimit(%d, %d) = %d, want %d", tt.text, tt.live, got, tt.want)
		}
	}
}

// TestLSPBudget checks that the server's budget sets the runtime's soft
// limit, and that GOMEMLIMIT wins.
func TestLSPBudget(t *testing.T) {
	saved := debug.SetMemoryLimit(-1)
	t.Cleanup(func() { debug.SetMemoryLimit(saved) })
	t.Setenv("GOMEMLIMIT", "")
	lspBudget(10 << 20) // more than this test keeps live, by far
	if got, want := debug.SetMemoryLimit(-1), int64(14*(10<<20)); got != want {
		t.Errorf("limit for 10 MiB of plans = %d, want %d", got, want)
	}
	t.Setenv("GOMEMLIMIT", "1GiB")
	lspBudget(20 << 20)
	if got, want := debug.SetMemoryLimit(-1), int64(14*(10<<20)); got != want {
		t.Errorf("with GOMEMLIMIT set, the limit = %d, want it left at %d", got, want)
	}
}
