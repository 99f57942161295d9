package main

import (
	"fmt"
	"slices"
	"strconv"
	"strings"
)

// parseYears reads a --year value: one year (2021), a range (2021..2023), a
// list (2021,2023), or a list of both (2021..2022,2024). The years come
// sorted; a year named twice is an error.
func parseYears(v string) ([]int, error) {
	bad := func(why string) error {
		return usageError{fmt.Errorf("--year %q: %s; write a year (2021), a range (2021..2023) or a list (2021,2023)", v, why)}
	}
	year := func(t string) (int, error) {
		y, err := strconv.Atoi(strings.TrimSpace(t))
		if err != nil || y < 1000 || y > 9999 {
			return 0, bad(fmt.Sprintf("%q is not a year", strings.TrimSpace(t)))
		}
		return y, nil
	}
	var years []int
	for _, part := range strings.Split(v, ",") {
		from, to, isRange := strings.Cut(part, "..")
		a, err := year(from)
		if err != nil {
			return nil, err
		}
		b := a
		if isRange {
			if b, err = year(to); err != nil {
				return nil, err
			}
			if b < a {
				return nil, bad(fmt.Sprintf("the range %d..%d runs backwards", a, b))
			}
		}
		for y := a; y <= b; y++ {
			if slices.Contains(years, y) {
				return nil, bad(fmt.Sprintf("%d is named twice", y))
			}
			years = append(years, y)
		}
	}
	slices.Sort(years)
	return years, nil
}
