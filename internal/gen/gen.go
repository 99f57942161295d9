// Package gen writes synthetic plans and data files in the style of
// examples/modena-2021.plan, for benchmarks, tests and manual profiling.
//
// A generated plan is valid: piano check reports no errors on it (warnings,
// such as lowered targets and monitored-only indicators, are there on
// purpose, as they are in the published plans). Its shape follows the Modena
// plan: 3-10 areas; strategic objectives, each with an indicators group and
// an operational group; operational objectives with 2-8 indicators; drivers
// declared at the top, about one per indicator, plus shared denominators and
// derived drivers; count, percentage, days, euro, ratio and deadline
// indicators; baselines for 2018-2020 and targets for 2021-2023.
//
// Output depends only on the arguments: the same size and seed give the same
// bytes on every platform and Go version (math/rand/v2's PCG is specified).
// The package is not for fuzzing the language: it writes only plans that
// check, in one layout.
package gen

import (
	"bytes"
	"fmt"
	"math"
	"math/rand/v2"
	"strconv"
	"strings"
)

// Plan returns the source of a synthetic plan with about the given number
// of indicator definitions (a few more, since objectives are generated
// whole; at least 3 areas with one strategic objective each).
func Plan(indicators int, seed int64) []byte {
	g := newGenerator(seed)
	g.build(indicators)
	return g.write(seed, indicators)
}

// generator holds the plan being built.
type generator struct {
	rng        *rand.Rand
	areas      []*area
	drivers    []*driver // every driver, in declaration order
	shared     []*driver // count drivers any indicator may divide by
	indicators int
}

type area struct {
	code, name string
	drivers    []*driver // declared under this area's heading
	objectives []*strategic
}

type strategic struct {
	code, name string
	own        []member
	ops        []*operational
	comment    string
}

type operational struct {
	code, name string
	members    []member
	normalize  bool
	owner      string
}

// member is an indicator definition or a use of one.
type member interface{ isMember() }

type indicator struct {
	code, name, unit, formula, algorithm string
	baselines, targets                   []string // "2018: 807", "2021: >= 900"
	scoring, owner, note, comment        string
	drivers                              []*driver // the drivers its formula reads
	base                                 []float64 // numeric baselines 2018-2020, NaN for N/D (counts only)
}

type use struct{ ref, as string }

func (*indicator) isMember() {}
func (*use) isMember()       {}

// driver is a driver declaration; formula is empty unless derived.
type driver struct {
	code, name, unit, formula string
}

// ref is how a formula writes the driver.
func (d *driver) ref() string {
	if isBare(d.code) {
		return d.code
	}
	return "`" + d.code + "`"
}

func newGenerator(seed int64) *generator {
	return &generator{rng: rand.New(rand.NewPCG(uint64(seed), 0x9e3779b97f4a7c15))}
}

// build makes areas and strategic objectives, round robin over the areas,
// until the plan has at least n indicators.
func (g *generator) build(n int) {
	nAreas := 3 + g.rng.IntN(8)
	if n/15 < nAreas {
		nAreas = max(3, n/15) // small plans: enough indicators for every area
	}
	for i := range nAreas {
		a := &area{code: strconv.Itoa(i + 1), name: pick(g.rng, areaNames)}
		g.areas = append(g.areas, a)
	}
	// A pool of shared denominators, such as the registered firms S0 of
	// the Modena plan: about one per fifty indicators.
	for i := range max(3, n/50) {
		a := g.areas[i%nAreas]
		d := &driver{code: fmt.Sprintf("S%d", i), name: "Imprese " + pick(g.rng, sharedNames), unit: "N"}
		g.declare(a, d)
		g.shared = append(g.shared, d)
	}
	for k := 0; g.indicators < n || k < nAreas; k++ {
		a := g.areas[k%nAreas]
		a.objectives = append(a.objectives, g.strategic(a, k/nAreas+1))
	}
}

func (g *generator) declare(a *area, d *driver) *driver {
	a.drivers = append(a.drivers, d)
	g.drivers = append(g.drivers, d)
	return d
}

// strategic makes strategic objective number k of area a: its operational
// objectives first, so that the own indicators may be composites of theirs.
func (g *generator) strategic(a *area, k int) *strategic {
	o := &strategic{code: fmt.Sprintf("%s.%d", a.code, k), name: pick(g.rng, strategicNames) + " " + pick(g.rng, topics)}
	if g.chance(0.1) {
		o.comment = "obiettivo rimodulato nell'aggiornamento di settembre"
	}
	var singles []*indicator // operational indicators that measure one count driver alone
	for j := range 1 + g.rng.IntN(4) {
		op := &operational{code: fmt.Sprintf("%s.D%d", o.code, j+1), name: pick(g.rng, operationalNames) + " " + pick(g.rng, topics)}
		if g.chance(0.05) {
			op.owner = "Ufficio " + pick(g.rng, offices)
		}
		for i := range 2 + g.rng.IntN(7) {
			ind := g.indicator(a, fmt.Sprintf("%s_%d", op.code, i+1))
			op.members = append(op.members, ind)
			if len(ind.drivers) == 1 && ind.unit == "N" && ind.formula == ind.drivers[0].ref() {
				singles = append(singles, ind)
			}
		}
		op.normalize = g.chance(0.02)
		o.ops = append(o.ops, op)
	}
	for i := range 1 + g.rng.IntN(3) {
		code := fmt.Sprintf("%s.S%d", o.code, i+1)
		if i == 0 && len(singles) >= 2 && g.chance(0.4) {
			o.own = append(o.own, g.composite(code, singles))
			continue
		}
		o.own = append(o.own, g.indicator(a, code))
	}
	// Show one of the strategic indicators again in an operational
	// objective, as the Modena plan does with 601.S52 and 701.S3.
	if g.chance(0.15) {
		op := o.ops[g.rng.IntN(len(o.ops))]
		ref := o.own[g.rng.IntN(len(o.own))].(*indicator).code
		op.members = append(op.members, &use{ref: ref, as: fmt.Sprintf("%s_U%d", op.code, len(op.members)+1)})
	}
	return o
}

// composite is an indicator summing the drivers of operational indicators,
// like 301.S1 = (D1.1_2 + D1.1_1 + D1.1_3) / 1. Its baselines are the sums
// of its components', except now and then one that disagrees (W204), as
// 301.S1's 2020 baseline does.
func (g *generator) composite(code string, singles []*indicator) *indicator {
	n := min(len(singles), 2+g.rng.IntN(2))
	comps := singles[len(singles)-n:]
	ind := &indicator{code: code, name: "Partecipanti ai programmi di " + pick(g.rng, topics), unit: "N"}
	var refs, names []string
	sums := make([]float64, 3)
	for _, c := range comps {
		d := c.drivers[0]
		ind.drivers = append(ind.drivers, d)
		refs, names = append(refs, d.ref()), append(names, d.name)
		for i, b := range c.base {
			sums[i] += b
		}
	}
	ind.formula, ind.algorithm = "("+strings.Join(refs, " + ")+") / 1", "("+strings.Join(names, " + ")+") / 1"
	g.indicators++
	if g.chance(0.15) {
		sums[2] *= 0.8
	}
	for i, s := range sums {
		if math.IsNaN(s) {
			ind.baselines = append(ind.baselines, fmt.Sprintf("%d: N/D", 2018+i))
		} else {
			ind.baselines = append(ind.baselines, fmt.Sprintf("%d: %s", 2018+i, count3(s)))
		}
	}
	g.targets(ind, sums[2])
	return ind
}

// kinds of indicators, with their relative frequency.
var kinds = []struct {
	name   string
	weight int
}{
	{"single", 34}, {"sum", 14}, {"percent", 12}, {"percentDriver", 3}, {"days", 8}, {"average", 3},
	{"date", 8}, {"ratio", 4}, {"derived", 7}, {"euro", 3}, {"max", 2}, {"range", 2},
}

var kindTotal = func() int {
	t := 0
	for _, k := range kinds {
		t += k.weight
	}
	return t
}()

func (g *generator) kind() string {
	r := g.rng.IntN(kindTotal)
	for _, k := range kinds {
		if r < k.weight {
			return k.name
		}
		r -= k.weight
	}
	panic("unreachable")
}

// indicator makes one indicator of area a, with its drivers.
func (g *generator) indicator(a *area, code string) *indicator {
	g.indicators++
	topic := pick(g.rng, topics)
	ind := &indicator{code: code}
	base := strings.ReplaceAll(code, ".D", ".") // driver codes follow the indicator's: 1.2.D3_4 -> D1.2.3_4
	newDriver := func(prefix, name, unit string) *driver {
		c := prefix + base
		if prefix == "D" && g.chance(0.01) {
			c += "+20" // a code that must be quoted, as `D3.1.1+20_2` in Modena
		}
		c += strings.Repeat("_", len(ind.drivers)) // a second driver of the same indicator
		d := g.declare(a, &driver{code: c, name: name, unit: unit})
		ind.drivers = append(ind.drivers, d)
		return d
	}
	count := func() *driver {
		return newDriver("D", "N. "+pick(g.rng, subjects)+" "+pick(g.rng, qualifiers)+" "+topic, "N")
	}
	shared := func() *driver {
		d := g.shared[g.rng.IntN(len(g.shared))]
		ind.drivers = append(ind.drivers, d)
		return d
	}
	switch kind := g.kind(); kind {
	case "single":
		d := count()
		ind.unit, ind.name, ind.formula, ind.algorithm = "N", d.name, d.ref(), d.name
		g.counts(ind, 10+g.rng.Float64()*2000)
	case "sum", "range":
		var refs, names []string
		for range 2 + g.rng.IntN(2) {
			d := count()
			refs, names = append(refs, d.ref()), append(names, d.name)
		}
		ind.unit, ind.name = "N", "Partecipanti alle iniziative di "+topic
		ind.formula, ind.algorithm = strings.Join(refs, " + "), strings.Join(names, " + ")
		if len(refs) == 3 {
			ind.formula, ind.algorithm = "("+ind.formula+") / 1", "("+ind.algorithm+") / 1"
		}
		if kind == "range" {
			ind.targets = []string{fmt.Sprintf("2021: %s..%s", count3(900), count3(1500))}
		}
		g.counts(ind, 50+g.rng.Float64()*3000)
	case "percent":
		num := count()
		var den *driver
		if g.chance(0.3) {
			den = newDriver("N", "N. "+pick(g.rng, subjects)+" totali", "N")
		} else {
			den = shared()
		}
		ind.unit, ind.name = "%", "% "+pick(g.rng, subjects)+" "+pick(g.rng, qualifiers)+" "+topic
		ind.formula, ind.algorithm = num.ref()+" / "+den.ref(), num.name+" / "+den.name
		g.percents(ind)
	case "percentDriver":
		d := newDriver("P", "Percentuale di pratiche evase entro 5 giorni - "+topic, "%")
		ind.unit, ind.name, ind.formula, ind.algorithm = "%", d.name, d.ref(), d.name
		g.percents(ind)
	case "days":
		gg := newDriver("GG", "Somma gg di ritardo x importo dovuto per fattura - "+topic, "gg*EUR")
		eur := newDriver("EUR", "Sommatoria importi pagati per fatture - "+topic, "EUR")
		ind.unit, ind.name = "gg", "Indicatore di tempestività dei pagamenti - "+topic
		ind.formula, ind.algorithm = gg.ref()+" / "+eur.ref(), "Somma gg di ritardo x importo / Sommatoria importi pagati"
		g.days(ind)
	case "average":
		gg := newDriver("GG", "Sommatoria dei giorni tra la presentazione dell'istanza e l'evasione - "+topic, "gg")
		n := newDriver("N", "Numero di istanze evase nell'anno - "+topic, "N")
		ind.unit, ind.name = "gg", "Tempo medio di evasione delle istanze - "+topic
		ind.formula, ind.algorithm = gg.ref()+" / "+n.ref(), gg.name+" / "+n.name
		g.days(ind)
	case "date":
		d := newDriver("A", pick(g.rng, deadlines)+" - "+topic+" entro la data", "date")
		ind.unit, ind.name, ind.formula, ind.algorithm = "date", d.name, d.ref(), d.name
		g.dates(ind)
	case "ratio":
		d := count()
		s := shared()
		ind.unit, ind.name = "ratio", "Indice di coinvolgimento delle imprese (per mille) - "+topic
		ind.formula, ind.algorithm = d.ref()+" * 1000 / "+s.ref(), d.name+" * 1000 / "+s.name
		g.ratios(ind)
	case "derived":
		x, y := count(), count()
		t := &driver{code: "T" + base, name: "Totale " + topic, unit: "N", formula: x.ref() + " + " + y.ref()}
		g.declare(a, t)
		ind.drivers = append(ind.drivers, t)
		ind.unit, ind.name, ind.formula, ind.algorithm = "N", t.name, t.ref(), x.name+" + "+y.name
		if g.chance(0.3) {
			z := count()
			ind.formula, ind.algorithm = t.ref()+" + "+z.ref(), ind.algorithm+" + "+z.name
		}
		g.counts(ind, 100+g.rng.Float64()*4000)
	case "euro":
		d := newDriver("E", "Valore "+pick(g.rng, subjects)+" - "+topic, "EUR")
		ind.unit, ind.name, ind.formula, ind.algorithm = "EUR", d.name, d.ref(), d.name
		g.counts(ind, 1e6+g.rng.Float64()*1e10)
	case "max":
		x, y := count(), count()
		ind.unit, ind.name = "N", "Massimo tra "+x.name+" e "+y.name
		ind.formula, ind.algorithm = "max("+x.ref()+", "+y.ref()+")", ind.name
		g.counts(ind, 10+g.rng.Float64()*1000)
	}
	g.extras(ind)
	return ind
}

// extras adds the occasional scoring policy, owner, note and comment.
func (g *generator) extras(ind *indicator) {
	switch r := g.rng.Float64(); {
	case ind.unit == "date" && r < 0.1:
		ind.scoring = "ratio late 2%"
	case ind.unit == "date":
	case r < 0.05:
		ind.scoring = "threshold"
	case r < 0.08:
		ind.scoring = "linear"
	case r < 0.10:
		ind.scoring = "ratio cap 120%"
	case r < 0.11:
		ind.scoring = "ratio floor 50%"
	case r < 0.115 && ind.unit == "N" && len(ind.targets) > 0 && strings.Contains(ind.targets[0], ">="):
		ind.scoring = "custom cap 150% = min(100 * value / target, 150)"
	}
	if g.chance(0.05) {
		ind.owner = "Ufficio " + pick(g.rng, offices)
	}
	if g.chance(0.03) {
		ind.note = "Indicatore di legge (D.Lgs. 33/2013)"
	}
	if g.chance(0.08) {
		ind.comment = pick(g.rng, comments)
	}
}

// counts fills baselines and at-least targets around b.
func (g *generator) counts(ind *indicator, b float64) {
	for y := 2018; y <= 2020; y++ {
		if g.chance(0.1) {
			ind.base = append(ind.base, math.NaN())
			ind.baselines = append(ind.baselines, fmt.Sprintf("%d: N/D", y))
			continue
		}
		v := math.Round(b * (0.7 + 0.6*g.rng.Float64()))
		ind.base = append(ind.base, v)
		ind.baselines = append(ind.baselines, fmt.Sprintf("%d: %s", y, count3(v)))
	}
	if ind.targets == nil {
		g.targets(ind, b)
	}
}

// targets fills at-least targets around b for 2021 and, often, later years.
func (g *generator) targets(ind *indicator, b float64) {
	if math.IsNaN(b) {
		b = 100
	}
	for y := 2021; y <= 2023; y++ {
		switch {
		case y > 2021 && g.chance(0.4):
			return
		case g.chance(0.05):
			ind.targets = append(ind.targets, fmt.Sprintf("%d: N/D", y))
		default:
			ind.targets = append(ind.targets, fmt.Sprintf("%d: >= %s", y, count3(b*(1+0.3*g.rng.Float64()))))
		}
	}
}

func (g *generator) percents(ind *indicator) {
	b := 20 + 70*g.rng.Float64()
	sign := "%"
	if g.chance(0.3) {
		sign = "" // the % sign is optional on values of % indicators
	}
	for y := 2018; y <= 2020; y++ {
		ind.baselines = append(ind.baselines, fmt.Sprintf("%d: %.2f%s", y, math.Min(100, b*(0.9+0.2*g.rng.Float64())), sign))
	}
	ind.targets = append(ind.targets, fmt.Sprintf("2021: >= %.2f%s", math.Min(100, b*(0.95+0.1*g.rng.Float64())), sign))
	if g.chance(0.5) {
		ind.targets = append(ind.targets, fmt.Sprintf("2022: >= %.2f%s", math.Min(100, b), sign))
	}
}

func (g *generator) days(ind *indicator) {
	b := 5 + 40*g.rng.Float64()
	if g.chance(0.2) {
		b = -b // payments made before they are due, as in 82.B3.2_1
	}
	for y := 2018; y <= 2020; y++ {
		ind.baselines = append(ind.baselines, fmt.Sprintf("%d: %.2f", y, b*(0.8+0.4*g.rng.Float64())))
	}
	ind.targets = append(ind.targets, fmt.Sprintf("2021: <= %.0f", math.Round(b)), "2022: N/D")
}

func (g *generator) dates(ind *indicator) {
	ind.baselines = []string{"2018: N/D", "2019: N/D", "2020: N/D"}
	if g.chance(0.4) {
		ind.baselines[2] = "2020: " + g.date(2020)
	}
	ind.targets = append(ind.targets, "2021: by "+g.date(2021))
	if g.chance(0.3) {
		ind.targets = append(ind.targets, "2022: by "+g.date(2022))
	}
}

func (g *generator) ratios(ind *indicator) {
	b := 0.5 + 3*g.rng.Float64()
	for y := 2018; y <= 2020; y++ {
		ind.baselines = append(ind.baselines, fmt.Sprintf("%d: %.2f", y, b*(0.8+0.4*g.rng.Float64())))
	}
	ind.targets = append(ind.targets, fmt.Sprintf("2021: >= %.2f", b), fmt.Sprintf("2022: >= %.2f", b*1.05))
}

// date is the last day of a random month of year y.
func (g *generator) date(y int) string {
	m := 1 + g.rng.IntN(12)
	last := [...]int{31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31}[m-1]
	return fmt.Sprintf("%d-%02d-%02d", y, m, last)
}

func (g *generator) chance(p float64) bool { return g.rng.Float64() < p }

// weights splits 100% among n siblings in hundredths that sum to exactly
// 10000: equal shares (33.34 + 33.33 + 33.33) or random ones, and now and
// then a monitored-only 0%.
func (g *generator) weights(n int) []int {
	w := make([]int, n)
	if g.chance(0.5) {
		for i := range w {
			w[i] = 10000 / n
		}
		for i := range 10000 % n {
			w[i]++
		}
		return w
	}
	r, sum := make([]int, n), 0
	for i := range r {
		r[i] = 1 + g.rng.IntN(9)
		if n >= 3 && i == n-1 && g.chance(0.03) {
			r[i] = 0
		}
		sum += r[i]
	}
	total := 0
	for i := range w {
		w[i] = 10000 * r[i] / sum
		total += w[i]
	}
	w[0] += 10000 - total
	return w
}

// loose weights are whole percentages that need not sum to 100, for a block
// that says normalize.
func (g *generator) loose(n int) []int {
	w := make([]int, n)
	for i := range w {
		w[i] = 100 * (5 + g.rng.IntN(46))
	}
	return w
}

// count3 writes a count the way the Modena plan does: 1_435.
func count3(x float64) string {
	s := strconv.FormatInt(int64(math.Round(x)), 10)
	if len(s) <= 3 {
		return s
	}
	var b strings.Builder
	for i, c := range s {
		if i > 0 && (len(s)-i)%3 == 0 {
			b.WriteByte('_')
		}
		b.WriteRune(c)
	}
	return b.String()
}

// pct writes a weight in hundredths of a percent: 33.34%, 5%.
func pct(h int) string {
	if h%100 == 0 {
		return strconv.Itoa(h/100) + "%"
	}
	return fmt.Sprintf("%d.%02d%%", h/100, h%100)
}

func pick(r *rand.Rand, xs []string) string { return xs[r.IntN(len(xs))] }

// isBare reports whether a code can be written without backquotes.
func isBare(s string) bool {
	if s == "" || s[0] == '.' || s[len(s)-1] == '.' || strings.Contains(s, "..") {
		return false
	}
	for _, c := range s {
		if !(c == '_' || c == '.' || '0' <= c && c <= '9' || 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z') {
			return false
		}
	}
	return true
}

// write prints the plan: header, drivers by area, then the tree.
func (g *generator) write(seed int64, n int) []byte {
	var b bytes.Buffer
	b.Grow(650 * g.indicators)
	fmt.Fprintf(&b, "// Synthetic plan written by internal/gen (about %d indicators, seed %d), in the style of\n", n, seed)
	b.WriteString("// examples/modena-2021.plan. Figures are random; piano check reports no errors on it.\n")
	fmt.Fprintf(&b, "plan %q\n", fmt.Sprintf("Piano della performance 2021 - sintetico (seed %d)", seed))
	b.WriteString("body \"Camera di commercio sintetica\"\nbaseline years 2018..2020\ntarget years 2021..2023\nscoring ratio\nmissing renormalize\n")
	for _, a := range g.areas {
		b.WriteString("\n// ---------------------------------------------------------------------------\n")
		fmt.Fprintf(&b, "// Drivers of area %s - %s\n", a.code, a.name)
		b.WriteString("// ---------------------------------------------------------------------------\n")
		for _, d := range a.drivers {
			fmt.Fprintf(&b, "driver %s %s unit %s", d.ref(), strconv.Quote(d.name), d.unit)
			if d.formula != "" {
				b.WriteString(" = " + d.formula)
			}
			b.WriteByte('\n')
		}
	}
	b.WriteString("\n// ===========================================================================\n")
	aw := g.weights(len(g.areas))
	for i, a := range g.areas {
		if i > 0 {
			b.WriteByte('\n')
		}
		fmt.Fprintf(&b, "area %s %s weight %s {\n", a.code, strconv.Quote(a.name), pct(aw[i]))
		ow := g.weights(len(a.objectives))
		for j, o := range a.objectives {
			g.writeStrategic(&b, o, ow[j])
		}
		b.WriteString("}\n")
	}
	return b.Bytes()
}

func (g *generator) writeStrategic(b *bytes.Buffer, o *strategic, w int) {
	b.WriteByte('\n')
	if o.comment != "" {
		fmt.Fprintf(b, "  // %s\n", o.comment)
	}
	fmt.Fprintf(b, "  objective %s %s weight %s {\n", o.code, strconv.Quote(o.name), pct(w))
	gw := g.weights(2)
	fmt.Fprintf(b, "    indicators weight %s {\n", pct(gw[0]))
	g.writeMembers(b, o.own, g.weights(len(o.own)), "      ")
	b.WriteString("    }\n")
	fmt.Fprintf(b, "    operational weight %s {\n", pct(gw[1]))
	opw := g.weights(len(o.ops))
	for i, op := range o.ops {
		fmt.Fprintf(b, "      objective %s %s weight %s {\n", op.code, strconv.Quote(op.name), pct(opw[i]))
		if op.owner != "" {
			fmt.Fprintf(b, "        owner %q\n", op.owner)
		}
		mw := g.weights(len(op.members))
		if op.normalize {
			b.WriteString("        // the printed weights do not add up: normalized\n        normalize\n")
			mw = g.loose(len(op.members))
		}
		g.writeMembers(b, op.members, mw, "        ")
		b.WriteString("      }\n")
	}
	b.WriteString("    }\n  }\n")
}

func (g *generator) writeMembers(b *bytes.Buffer, ms []member, ws []int, indent string) {
	for i, m := range ms {
		switch m := m.(type) {
		case *use:
			fmt.Fprintf(b, "%suse %s as %s weight %s\n", indent, m.ref, m.as, pct(ws[i]))
		case *indicator:
			if m.comment != "" {
				fmt.Fprintf(b, "%s// %s\n", indent, m.comment)
			}
			fmt.Fprintf(b, "%sindicator %s %s weight %s {\n", indent, m.code, strconv.Quote(m.name), pct(ws[i]))
			in := indent + "  "
			fmt.Fprintf(b, "%sunit %s\n%sformula %s\n%salgorithm %s\n", in, m.unit, in, m.formula, in, strconv.Quote(m.algorithm))
			fmt.Fprintf(b, "%sbaseline %s\n", in, strings.Join(m.baselines, ", "))
			if len(m.targets) > 0 {
				fmt.Fprintf(b, "%starget %s\n", in, strings.Join(m.targets, ", "))
			}
			if m.scoring != "" {
				fmt.Fprintf(b, "%sscoring %s\n", in, m.scoring)
			}
			if m.owner != "" {
				fmt.Fprintf(b, "%sowner %s\n", in, strconv.Quote(m.owner))
			}
			if m.note != "" {
				fmt.Fprintf(b, "%snote %s\n", in, strconv.Quote(m.note))
			}
			b.WriteString(indent + "}\n")
		}
	}
}
