package main

import (
	"slices"
	"testing"
)

func TestParseYears(t *testing.T) {
	for _, tc := range []struct {
		in   string
		want []int
	}{
		{"2021", []int{2021}},
		{"2021..2023", []int{2021, 2022, 2023}},
		{"2023,2021", []int{2021, 2023}},
		{"2021..2022, 2024", []int{2021, 2022, 2024}},
		{"2023..2021", nil},
		{"2021,2021", nil},
		{"2021..2022,2022", nil},
		{"21", nil},
		{"", nil},
		{"2021,", nil},
		{"2021...2023", nil},
	} {
		got, err := parseYears(tc.in)
		if tc.want == nil {
			if err == nil {
				t.Errorf("parseYears(%q) = %v, want an error", tc.in, got)
			}
			continue
		}
		if err != nil || !slices.Equal(got, tc.want) {
			t.Errorf("parseYears(%q) = %v, %v, want %v", tc.in, got, err, tc.want)
		}
	}
}
