package gen

import (
	"bytes"
	"fmt"
	"math/rand/v2"
	"strconv"
	"strings"
)

// Data returns a YAML data file (README, "Data files") for the given year
// with a value for every driver that plan declares and does not derive: a
// completion date for date drivers, a number for the others, and N/D for
// about one driver in a hundred. Values are random but plausible for the
// driver's unit; the same plan, year and seed give the same bytes.
//
// plan is read line by line, not parsed: each driver declaration must stand
// on one line, as Plan and the Modena example write them.
func Data(plan []byte, year int, seed int64) []byte {
	rng := rand.New(rand.NewPCG(uint64(seed), uint64(year)))
	var b bytes.Buffer
	fmt.Fprintf(&b, "# Synthetic actuals written by internal/gen (seed %d).\nyear: %d\ndrivers:\n", seed, year)
	for _, d := range declaredDrivers(plan) {
		if d.formula != "" {
			continue
		}
		fmt.Fprintf(&b, "  %s: %s\n", yamlKey(d.code), value(rng, d, year))
	}
	return b.Bytes()
}

// value is a random value for d in year.
func value(rng *rand.Rand, d driver, year int) string {
	if rng.Float64() < 0.01 {
		return "N/D"
	}
	f := rng.Float64()
	switch d.unit {
	case "date":
		m := 1 + rng.IntN(12)
		return fmt.Sprintf("%d-%02d-%02d", year, m, 1+rng.IntN(28))
	case "%":
		return strconv.FormatFloat(float64(int(1000*f))/10, 'f', -1, 64)
	case "EUR":
		return strconv.Itoa(500_000 + int(f*1_000_000))
	case "gg*EUR":
		return strconv.Itoa(int((f*50 - 5) * 1_000_000)) // 5 days early to 45 days late, on about a million euro
	case "gg":
		return strconv.Itoa(100 + int(f*5000))
	case "N":
		if strings.HasPrefix(d.code, "S") {
			return strconv.Itoa(20_000 + int(f*60_000)) // a shared denominator: registered firms
		}
		return strconv.Itoa(10 + int(f*2000))
	}
	return strconv.FormatFloat(float64(int(10000*f))/100, 'f', -1, 64)
}

// yamlKey writes a code as a YAML key, quoted unless it is a plain name
// that YAML reads as a string.
func yamlKey(code string) string {
	if code != "" && isBare(code) && (code[0] < '0' || code[0] > '9') {
		return code
	}
	return strconv.Quote(code)
}

// declaredDrivers finds the driver declarations of a plan, one per line:
// driver CODE "NAME" unit UNIT [= FORMULA].
func declaredDrivers(plan []byte) []driver {
	var out []driver
	for line := range bytes.Lines(plan) {
		s := strings.TrimSpace(string(line))
		rest, ok := strings.CutPrefix(s, "driver ")
		if !ok {
			continue
		}
		var d driver
		if strings.HasPrefix(rest, "`") {
			end := strings.IndexByte(rest[1:], '`')
			if end < 0 {
				continue
			}
			d.code, rest = rest[1:end+1], rest[end+2:]
		} else {
			d.code, rest, _ = strings.Cut(rest, " ")
		}
		name, err := strconv.QuotedPrefix(strings.TrimSpace(rest))
		if err != nil {
			continue
		}
		rest = strings.TrimSpace(rest)[len(name):]
		rest, ok = strings.CutPrefix(strings.TrimSpace(rest), "unit ")
		if !ok {
			continue
		}
		if i := strings.Index(rest, "//"); i >= 0 {
			rest = rest[:i]
		}
		u, formula, _ := strings.Cut(rest, "=")
		d.unit, d.formula = strings.Join(strings.Fields(u), ""), strings.TrimSpace(formula)
		out = append(out, d)
	}
	return out
}
