package check

import (
	"fmt"
	"maps"
	"strings"

	"github.com/piano-plan/piano/lang"
	"github.com/piano-plan/piano/lang/ast"
	"github.com/piano-plan/piano/lang/unit"
)

// drivers declares every driver, then checks derived drivers' formulas and
// orders all drivers so that each comes after its inputs.
func (c *checker) drivers() {
	p := c.plan
	c.declared = make([]*Driver, len(c.file.Drivers))
	room := c.driverRoom // one allocation for all
	for i, d := range c.file.Drivers {
		if prev, dup := p.Drivers[d.Code.Value]; dup {
			c.report(lang.Error, lang.EDuplicateDriver, d.Code.Rng, fmt.Sprintf("driver %s is declared twice", d.Code.Value),
				"It was first declared at "+c.fs.Where(prev.Decl.Code.Rng)+".", "keep one declaration")
			continue
		}
		u, _ := c.lookupUnit(d.Unit)
		drv := &room[i]
		*drv = Driver{Decl: d, Code: d.Code.Value, Unit: u, Scale: 1}
		p.Drivers[d.Code.Value] = drv
		c.declared[i] = drv
	}
	for i, d := range c.file.Drivers {
		drv := c.declared[i]
		if drv == nil || d.Formula == nil {
			continue
		}
		t := c.formula(d.Formula, c.driverNames(&drv.Inputs))
		for _, in := range drv.Inputs {
			in.Used = true
		}
		if t.bad {
			continue
		}
		scale, ok := conform(t, drv.Unit)
		if !ok {
			c.report(lang.Error, lang.EUnitMismatch, d.Formula.Span(),
				fmt.Sprintf("driver %s is declared in %s but its formula gives %s", d.Code.Value, drv.Unit, t.unit),
				"", mismatchHint(t.unit, drv.Unit))
		}
		drv.Scale = scale
		if scale == 100 {
			c.timesHundred(d.Formula, "driver "+d.Code.Value)
		}
	}
	c.orderDrivers()
}

// driverNames resolves driver names for a formula, collecting them into
// inputs (the caller marks them used). It is c's one driver scope, so
// that a formula's check allocates nothing for it: a formula's check must
// end before the next one of c starts.
func (c *checker) driverNames(inputs *[]*Driver) names {
	c.scope = driverScope{c, inputs}
	return &c.scope
}

type driverScope struct {
	c      *checker
	inputs *[]*Driver
}

func (s *driverScope) unit(name string) (unit.Unit, bool) {
	d, ok := s.c.plan.Drivers[name]
	if !ok {
		return unit.Unit{}, false
	}
	for _, in := range *s.inputs {
		if in == d {
			return d.Unit, true
		}
	}
	*s.inputs = append(*s.inputs, d)
	return d.Unit, true
}

func (s *driverScope) unknown(r *ast.Ref) {
	c := s.c
	hint := "declare it: driver " + ast.FormatName(r.Name, false) + ` "description" unit N`
	if s := lang.SuggestAmong(r.Name, maps.Keys(c.plan.Drivers)); s != "" {
		hint = "did you mean " + s + "?"
	}
	c.report(lang.Error, lang.EUnknownDriver, r.Rng, fmt.Sprintf("unknown driver %s", r.Name),
		"No driver with this code is declared in the plan.", hint)
}

// orderDrivers sorts drivers so that inputs come first, reporting cycles.
// Drivers caught in a cycle are left out of the order.
func (c *checker) orderDrivers() {
	const (
		unvisited = iota
		visiting
		done
	)
	state := make(map[*Driver]int, len(c.plan.Drivers))
	c.plan.DriverOrder = room[*Driver](len(c.plan.Drivers))
	var stack []*Driver
	var visit func(d *Driver) bool
	visit = func(d *Driver) bool {
		switch state[d] {
		case done:
			return true
		case visiting:
			i := len(stack) - 1
			for stack[i] != d {
				i--
			}
			var names []string
			for _, s := range stack[i:] {
				names = append(names, s.Code)
			}
			names = append(names, d.Code)
			c.report(lang.Error, lang.EDriverCycle, d.Decl.Code.Rng,
				fmt.Sprintf("derived driver %s depends on itself", d.Code),
				"The formulas form a cycle: "+strings.Join(names, " -> ")+".",
				"one of these drivers must come from data, not from a formula")
			return false
		}
		state[d] = visiting
		stack = append(stack, d)
		ok := true
		for _, in := range d.Inputs {
			if !visit(in) {
				ok = false
				break
			}
		}
		stack = stack[:len(stack)-1]
		state[d] = done
		if ok {
			c.plan.DriverOrder = append(c.plan.DriverOrder, d)
		}
		return ok
	}
	for _, d := range c.declared {
		if d != nil {
			visit(d)
		}
	}
	if len(c.plan.DriverOrder) == 0 {
		c.plan.DriverOrder = nil // every driver in a cycle: as if none were ordered
	}
}

func (c *checker) unusedDrivers() {
	for _, d := range c.declared {
		if d != nil && !d.Used {
			c.report(lang.Warning, lang.WUnusedDriver, d.Decl.Code.Rng, fmt.Sprintf("driver %s is not used by any formula", d.Code),
				"Values given for it in data files will be read and ignored.", "remove the declaration, or use it in a formula")
		}
	}
}
