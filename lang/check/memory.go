package check

// Memory is what one check of a plan allocated, kept for the next check
// of the same plan to fill again: an editor checks a plan again at every
// keystroke, and most of what a check allocates is the Plan itself (the
// nodes, the definitions, the drivers, their maps: of the 14.6 MB a check
// of the generated 10k-indicator plan allocates, all but 3.2 MB;
// BenchmarkCheckAgain). Its Check and CheckFiles give what Check and
// CheckFiles give; the Plan the last check with m gave, and anything taken
// from it, must not be used after the next, which writes over it. The zero Memory is ready to use; a nil
// *Memory keeps nothing. A Memory is not safe for concurrent use.
type Memory struct {
	nodes      []Node
	indicators []Indicator
	children   []*Node
	drivers    []Driver

	driverMap    map[string]*Driver
	indicatorMap map[string]*Indicator
}

// prepare makes room for a plan of that many driver declarations,
// indicator definitions and tree nodes: what the last check left, cleared
// whole (so that nothing in it holds on to an older tree), where it is
// large enough and not more than twice what is needed; new memory for the
// rest.
func (m *Memory) prepare(drivers, indicators, nodes int) {
	m.nodes = again(m.nodes, nodes+1)
	m.children = again(m.children, nodes)
	m.drivers = again(m.drivers, drivers)
	// A definition's maps are kept, emptied: indicator fills them again.
	if fits(cap(m.indicators), indicators) {
		all := m.indicators[:cap(m.indicators)]
		for i := range all {
			ind := &all[i]
			b, t := ind.Baselines, ind.Targets
			clear(b)
			clear(t)
			*ind = Indicator{Baselines: b, Targets: t}
		}
		m.indicators = all[:indicators]
	} else {
		m.indicators = make([]Indicator, indicators)
	}
	m.driverMap = againMap(m.driverMap, drivers)
	m.indicatorMap = againMap(m.indicatorMap, indicators)
}

// fits reports whether room for have elements is kept for need of them.
func fits(have, need int) bool { return have >= need && have <= 2*need+64 }

// again returns s cleared whole with length n, or a new slice when s does
// not fit.
func again[T any](s []T, n int) []T {
	if !fits(cap(s), n) {
		return make([]T, n)
	}
	clear(s[:cap(s)])
	return s[:n]
}

// againMap returns m emptied, or a new map with room for n entries when m
// is nil or held more than twice n at its last use.
func againMap[K comparable, V any](m map[K]V, n int) map[K]V {
	if m == nil || len(m) > 2*n+64 {
		return make(map[K]V, n)
	}
	clear(m)
	return m
}
