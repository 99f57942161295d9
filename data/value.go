package data

import (
	"fmt"
	"math"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"
)

var (
	yearRE     = regexp.MustCompile(`^[1-9][0-9]{3}$`)
	numberRE   = regexp.MustCompile(`^[-+]?([0-9]+(\.[0-9]*)?|\.[0-9]+)([eE][-+]?[0-9]+)?$`)
	leadZeroRE = regexp.MustCompile(`^[-+]?0[0-9]+$`)
	dateRE     = regexp.MustCompile(`^[0-9]{4}-[0-9]{2}-[0-9]{2}$`)
	// Dates written another way, for hints.
	looseISORE = regexp.MustCompile(`^([0-9]{4})[-/.]([0-9]{1,2})[-/.]([0-9]{1,2})$`)
	dayFirstRE = regexp.MustCompile(`^([0-9]{1,2})[-/.]([0-9]{1,2})[-/.]([0-9]{4})$`)
	dateTimeRE = regexp.MustCompile(`^([0-9]{4}-[0-9]{1,2}-[0-9]{1,2})([Tt]|[ \t]+)[0-9]`)
	// Numbers written the Italian way: 1.234,5 or 3,40.
	commaRE           = regexp.MustCompile(`^[-+]?([0-9]{1,3}(\.[0-9]{3})+(,[0-9]+)?|[0-9]+,[0-9]+)$`)
	italianNumberRE   = regexp.MustCompile(`^[-+]?([0-9]+|[1-9][0-9]{0,2}(\.[0-9]{3})+)(,[0-9]+)?$`)
	italianDateRE     = regexp.MustCompile(`^([0-9]{1,2})/([0-9]{1,2})/([0-9]{4})$`)
	percentRE         = regexp.MustCompile(`^([-+]?[0-9.,]*[0-9])[ \t]*%$`)
	notAvailableWords = map[string]bool{"nd": true, "n.d.": true, "n.d": true, "na": true, "n/a": true, "n.a.": true, "-": true, "--": true, "—": true, "?": true, "null": true, "none": true}
)

// dataProblem is what is wrong with a value, before it gets a position.
type dataProblem struct {
	summary, detail, hint string
}

const valueHint = "write a number such as 712 or -18.12, a date such as 2021-10-28, or N/D when the value is not available"

func notAValue(what, is string) *dataProblem {
	return &dataProblem{"value is not a number, a date or N/D",
		fmt.Sprintf("%s is %s, which is not a number, a date written YYYY-MM-DD, or N/D.", what, is), valueHint}
}

func missingValue(what string) *dataProblem {
	return &dataProblem{"value is missing", what + " is empty.", "write N/D when the value is not available"}
}

// isNotAvailable reports whether s says "not available". N/D is accepted in
// any letter case, since spreadsheets and people write n/d as often.
func isNotAvailable(s string) bool { return strings.EqualFold(s, "N/D") }

// notDoneWords are the ways a data file says that the work was never done,
// in any letter case and spacing: English, and the Italian of a scheda
// (attività non svolta, obiettivo non svolto).
var notDoneWords = []string{"not done", "non svolto", "non svolta"}

// isNotDone reports whether s says "not done".
func isNotDone(s string) bool {
	return slices.Contains(notDoneWords, strings.ToLower(strings.Join(strings.Fields(s), " ")))
}

// numberFormat is how a data file writes numbers.
type numberFormat int

const (
	// dotNumbers is the default: 1234.5, a dot for decimals and no
	// thousands separator; 2.610 is refused, being Italian thousands to a
	// person and 2.61 to a program.
	dotNumbers numberFormat = iota
	// italianNumbers is declared by a YAML file's numbers: italian, and
	// implied by a CSV separated by semicolons: 1.234,5 is 1234.5, 2.610 is
	// 2610, and a dot that does not separate thousands (2.5) is refused.
	// Dates may also be written day first, 31/10/2021.
	italianNumbers
)

// textDatum reads a value written as text: N/D, not done, a date
// YYYY-MM-DD, or (when numberOK) a number in the file's format nf. what
// names the value in messages ("The value of D1.1_2 for 2021").
func textDatum(s string, numberOK bool, nf numberFormat, what string) (Datum, *dataProblem) {
	s = strings.TrimSpace(s)
	switch {
	case s == "":
		return Datum{}, missingValue(what)
	case isNotAvailable(s):
		return Datum{Kind: NotAvailableDatum}, nil
	case isNotDone(s):
		return Datum{Kind: NotDoneDatum}, nil
	case dateRE.MatchString(s):
		t, err := time.Parse(time.DateOnly, s)
		if err != nil {
			return Datum{}, &dataProblem{"not a calendar date",
				fmt.Sprintf("%s is %s, written YYYY-MM-DD, but no such day exists.", what, s), "check the day and the month"}
		}
		return Datum{Kind: DateDatum, Date: t}, nil
	case nf == italianNumbers && italianDateRE.MatchString(s):
		return italianDate(s, what)
	case numberOK && nf == italianNumbers:
		return italianNumber(s, what)
	case numberOK && thousandsProblem(s, what) != nil:
		return Datum{}, thousandsProblem(s, what)
	case numberRE.MatchString(s):
		f, err := strconv.ParseFloat(s, 64)
		if err != nil || math.IsInf(f, 0) {
			return Datum{}, outOfRange(what, s)
		}
		if !numberOK {
			return Datum{}, &dataProblem{"number is written as text",
				fmt.Sprintf("%s is %q, written as text (in quotes) rather than as a number.", what, s), "remove the quotes: " + s}
		}
		return Datum{Kind: NumberDatum, Number: f}, nil
	}
	return Datum{}, badText(s, nf, what)
}

// italianNumber reads a number of a file in Italian format: digits with an
// optional decimal comma, and dots only between groups of three digits.
func italianNumber(s, what string) (Datum, *dataProblem) {
	if !italianNumberRE.MatchString(s) {
		if numberRE.MatchString(s) && !strings.ContainsAny(s, "eE") {
			return Datum{}, &dataProblem{"number is written with a decimal dot in an Italian file",
				fmt.Sprintf("%s is %s; this file writes numbers the Italian way, where a dot separates thousands and a comma decimals, and the dot of %s does not separate thousands.", what, s, s),
				"write " + strings.ReplaceAll(s, ".", ",") + " for a decimal"}
		}
		return Datum{}, badText(s, italianNumbers, what)
	}
	f, err := strconv.ParseFloat(strings.ReplaceAll(strings.ReplaceAll(s, ".", ""), ",", "."), 64)
	if err != nil || math.IsInf(f, 0) {
		return Datum{}, outOfRange(what, s)
	}
	return Datum{Kind: NumberDatum, Number: f}, nil
}

// italianDate reads a date written day first, 31/10/2021, in a file in
// Italian format.
func italianDate(s, what string) (Datum, *dataProblem) {
	m := italianDateRE.FindStringSubmatch(s)
	t, err := time.Parse("2006-1-2", m[3]+"-"+m[2]+"-"+m[1])
	if err != nil {
		return Datum{}, &dataProblem{"not a calendar date",
			fmt.Sprintf("%s is %s, written day/month/year, but no such day exists.", what, s), "check the day and the month"}
	}
	return Datum{Kind: DateDatum, Date: t}, nil
}

func notFinite(what, s string) *dataProblem {
	return &dataProblem{"value is not a finite number",
		fmt.Sprintf("%s is %s, which stands for infinity or not-a-number.", what, s),
		"write a number, or N/D when the value is not available"}
}

func outOfRange(what, s string) *dataProblem {
	return &dataProblem{"number is out of range",
		fmt.Sprintf("%s is %s, beyond the largest number Piano can hold (about 1.8e308).", what, s),
		"check the value and its unit"}
}

// badText explains a value that is none of the accepted forms, with a hint
// for the usual mistakes.
func badText(s string, nf numberFormat, what string) *dataProblem {
	if m := dateTimeRE.FindStringSubmatch(s); m != nil {
		p := &dataProblem{"date has a time of day",
			fmt.Sprintf("%s is %s; a data file gives the day only.", what, s), "write the day alone, as YYYY-MM-DD"}
		if d, ok := isoDate(m[1]); ok {
			p.hint = "write the day alone: " + d
		}
		return p
	}
	if m := looseISORE.FindStringSubmatch(s); m != nil {
		return badDate(s, what, m[1], m[2], m[3])
	}
	if m := dayFirstRE.FindStringSubmatch(s); m != nil {
		return badDate(s, what, m[3], m[2], m[1])
	}
	if commaRE.MatchString(s) && nf == dotNumbers {
		n := strings.ReplaceAll(strings.ReplaceAll(s, ".", ""), ",", ".")
		return &dataProblem{"number is written with a decimal comma",
			fmt.Sprintf("%s is %s; this file writes numbers with a dot for decimals and no thousands separator.", what, s),
			"write " + n + ", or declare the Italian number format: numbers: italian in a YAML file, a semicolon between CSV fields"}
	}
	if m := percentRE.FindStringSubmatch(s); m != nil {
		return &dataProblem{"value has a % sign",
			fmt.Sprintf("%s is %s; the plan's unit already says whether a value is a percentage.", what, s),
			"write the number without %: " + m[1]}
	}
	switch strings.TrimLeft(strings.ToLower(s), "+-") {
	case "inf", ".inf", "infinity", "nan", ".nan":
		return notFinite(what, s)
	}
	p := notAValue(what, strconv.Quote(s))
	if notAvailableWords[strings.ToLower(s)] {
		p.hint = "write N/D for a value that is not available"
	}
	return p
}

// badDate explains a date written in another order or without leading zeros.
func badDate(s, what, y, m, d string) *dataProblem {
	p := &dataProblem{"date is not written YYYY-MM-DD",
		fmt.Sprintf("%s is %s; data files write dates as year-month-day with four, two and two digits.", what, s),
		"dates are written YYYY-MM-DD, such as 2021-10-31"}
	if iso, ok := isoDate(y + "-" + m + "-" + d); ok {
		p.hint = "dates are written YYYY-MM-DD: " + iso
	}
	return p
}

// isoDate returns s as YYYY-MM-DD if it is a calendar date written Y-M-D.
func isoDate(s string) (string, bool) {
	t, err := time.Parse("2006-1-2", s)
	if err != nil {
		return "", false
	}
	return t.Format(time.DateOnly), true
}
