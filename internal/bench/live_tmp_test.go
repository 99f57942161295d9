package bench

import (
	"fmt"
	"os"
	"runtime"
	"testing"

	"github.com/piano-plan/piano/eval"
	"github.com/piano-plan/piano/lang/check"
	"github.com/piano-plan/piano/lang/syntax"
)

func live() float64 {
	runtime.GC()
	runtime.GC()
	var m runtime.MemStats
	runtime.ReadMemStats(&m)
	return float64(m.HeapAlloc) / (1 << 20)
}

func TestLiveTmp(t *testing.T) {
	src, _ := os.ReadFile("/tmp/p10k.plan")
	base := live()
	f, _ := syntax.Parse("p.plan", src)
	a := live()
	p, _ := check.Check(f)
	c := live()
	ev, _ := eval.Compile(p)
	d := live()
	fmt.Printf("src %.1f parse +%.1f check +%.1f compile +%.1f total %.1f MiB = %.1fx\n", float64(len(src))/(1<<20), a-base, c-a, d-c, d-base+float64(len(src))/(1<<20), (d-base)/(float64(len(src))/(1<<20)))
	runtime.KeepAlive(ev)
	runtime.KeepAlive(src)
}
