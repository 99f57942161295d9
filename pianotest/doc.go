// Package pianotest reads and runs the test files of plans: given data
// (inline or by file) and expected results (the overall score, and nodes'
// scores, achievements and statuses, each within a tolerance), it
// evaluates the plan through the front door (package piano) and reports
// each expectation not met as a diagnostic at its place in the test file.
//
// A test file is named NAME.test.yaml and tests the plan NAME.plan beside
// it. Its shape:
//
//	cases:
//	  - name: year-end actuals
//	    year: 2021
//	    data: [modena-2021-actuals.yaml]   # files relative to the test file
//	    options: {allow_missing: false}
//	    tolerance: 0.005                   # percentage points (the default)
//	    expect:
//	      plan: 93.71                      # the overall score
//	      nodes:
//	        301.S1: 86.67                  # a number is the score
//	        71.C2.4_2: {score: 0, status: missed}
//	  - name: a deadline not done
//	    year: 2021
//	    data:                              # inline, as a data file writes it
//	      drivers: {A1.2.1: not done}
//
// The package also measures coverage (which weighted indicators no case
// exercises), writes JUnit XML and rewrites a test file's expectations
// with the current results (Update). It computes no score itself and
// prints only its own reports: diagnostics go through lang.WriteText.
package pianotest
