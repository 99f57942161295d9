package piano_test

import (
	"fmt"
	"os"

	"github.com/piano-plan/piano"
	"github.com/piano-plan/piano/lang"
)

// A program loads a plan, reads the year's data and evaluates it: the five
// lines of the README's "Using Piano from Go".
func Example() {
	plan, err := piano.LoadFile("examples/tour.plan", piano.Options{})
	if err != nil {
		panic(err)
	}
	values, err := plan.ReadDataFiles("examples/tour-actuals.yaml")
	if err != nil {
		panic(err)
	}
	result, diags, err := plan.Evaluate(values, 2021)
	if err != nil || result == nil {
		lang.WriteText(os.Stderr, diags, plan.SourcesWith(values))
		return
	}
	fmt.Printf("%s %d: %.2f%%\n", result.Root.Node.Name, result.Year, *result.Root.Score)
	// Output: Piano della performance 2021 2021: 91.22%
}

// Plans and data may come from memory; every problem is a diagnostic with
// its file, line and column.
func ExampleLoad() {
	plan := piano.Load("bozza.plan", []byte(`plan "Bozza"
baseline years 2020..2020
target years 2021..2021
driver D1 "partecipanti" unit N
area 1 "Area" weight 100% {
  objective 301 "Obiettivo" weight 100% {
    indicators weight 100% {
      indicator I1 "partecipanti" weight 100% { unit N  formula D01  target 2021: >= 2500 }
    }
  }
}
`), piano.Options{})
	for _, d := range plan.Diagnostics {
		fmt.Printf("%s: %s[%s]: %s (%s)\n", lang.Where(d.File, d.Subject), d.Severity, d.Code, d.Summary, d.Hint)
	}
	fmt.Println("can be evaluated:", plan.OK())
	// Output:
	// bozza.plan:4:8: warning[W202]: driver D1 is not used by any formula (remove the declaration, or use it in a formula)
	// bozza.plan:8:65: error[E100]: unknown driver D01 (did you mean D1?)
	// can be evaluated: false
}

// Mid-year monitoring: a value no data file gives is a warning, and its
// indicator is missing rather than an error. The data come from memory, in
// the semicolon CSV of Italian Excel, where 1.035 is one thousand and 35.
func ExamplePlan_Evaluate() {
	plan := piano.Load("monitoraggio.plan", []byte(`plan "Monitoraggio"
baseline years 2020..2020
target years 2021..2021
driver D1 "partecipanti" unit N
driver D2 "imprese" unit N
area 1 "Area" weight 100% {
  objective 301 "Obiettivo" weight 100% {
    indicators weight 100% {
      indicator I1 "partecipanti" weight 50% { unit N  formula D1  target 2021: >= 900 }
      indicator I2 "imprese" weight 50% { unit N  formula D2  target 2021: >= 100 }
    }
  }
}
`), piano.Options{AllowMissing: true})
	values := plan.NewData()
	values.Add("giugno.csv", []byte("codice;anno;valore\nD1;2021;1.035\n"))
	result, diags, err := plan.Evaluate(values, 2021)
	if err != nil {
		panic(err)
	}
	for _, d := range diags {
		fmt.Printf("%s: %s[%s]: %s\n", lang.Where(d.File, d.Subject), d.Severity, d.Code, d.Summary)
	}
	fmt.Printf("missing: %v, overall %.2f%%\n", result.Missing(), *result.Root.Score)
	// Output:
	// monitoraggio.plan:5:1: warning[W302]: no value for driver D2 in 2021: missing
	// missing: [I2], overall 100.00%
}
