package check

import (
	"runtime"
	"slices"
	"sync"
)

// parallelIndicators is the number of indicator definitions from which
// meaning works on two goroutines.
const parallelIndicators = 1000

// meaning declares and checks the drivers, checks the indicator
// definitions and builds the tree. On a large plan it does so on two
// goroutines: one builds the tree, then checks the first part of the
// definitions once the drivers are declared; the other declares and
// checks the drivers, then checks the rest. Each part has a checker of its
// own, and they share only what they read, except that tree writes the
// indicators' Nodes and indicator their other fields. The diagnostics are
// then put in the order one checker gives: the drivers', the indicators'
// in source order, the tree's. The drivers the indicators' formulas read
// are marked used once all are checked.
func (c *checker) meaning() {
	order := c.plan.IndicatorOrder
	before := c.diags
	c.diags = nil
	fork := func() *checker {
		f := *c
		return &f
	}
	tree, first, second := fork(), fork(), fork()
	if len(order) < parallelIndicators || runtime.GOMAXPROCS(0) < 2 {
		c.drivers()
		for _, ind := range order {
			first.indicator(ind)
		}
		tree.tree()
	} else {
		k := len(order) * 45 / 100 // the tree takes about as long as the drivers and a tenth of the indicators
		declared := make(chan struct{})
		var wg sync.WaitGroup
		var panicked any
		wg.Go(func() {
			// A panic (a bug) goes on in the caller's goroutine, where a
			// server can recover from it.
			defer func() { panicked = recover() }()
			tree.tree()
			<-declared
			for _, ind := range order[:k] {
				first.indicator(ind)
			}
		})
		func() {
			// The goroutine ends before this returns, or panics on.
			defer wg.Wait()
			released := false
			defer func() {
				if !released {
					close(declared)
				}
			}()
			c.drivers()
			close(declared)
			released = true
			for _, ind := range order[k:] {
				second.indicator(ind)
			}
		}()
		if panicked != nil {
			panic(panicked)
		}
	}
	c.diags = slices.Concat(before, c.diags, first.diags, second.diags, tree.diags)
	for _, ind := range order {
		for _, d := range ind.Inputs {
			d.Used = true
		}
	}
}
