package main

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"slices"

	"github.com/piano-plan/piano"
	"github.com/piano-plan/piano/data"
	"github.com/piano-plan/piano/lang"
	"github.com/piano-plan/piano/lang/syntax"
	"github.com/spf13/cobra"
)

// Exit codes.
const (
	exitOK        = 0
	exitErrors    = 1 // the input has errors
	exitUsage     = 2 // the command line is wrong
	exitFailUnder = 3 // piano eval --fail-under: the plan scored below the bar
)

// exitError ends a command with a given code after its output is written.
type exitError struct{ code int }

func (e exitError) Error() string { return fmt.Sprintf("exit %d", e.code) }

// Main runs piano with args and returns the process exit code.
func Main(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	root := &cobra.Command{
		Use:   "piano",
		Short: "Piano compiles performance plans (piani della performance) written as .plan files",
		Long: `Piano compiles performance plans (piani della performance) written as .plan files:
it checks them, exports them as data and scores them against actual data.`,
		SilenceErrors: true,
		SilenceUsage:  true,
	}
	// Output goes through buffers, flushed once at the end: a table is
	// hundreds of small writes.
	out, errOut := bufio.NewWriter(stdout), bufio.NewWriter(stderr)
	defer out.Flush()
	defer errOut.Flush()
	stdout, stderr = out, errOut
	root.SetArgs(args)
	root.SetIn(stdin)
	root.SetOut(stdout)
	root.SetErr(stderr)
	root.SetFlagErrorFunc(func(c *cobra.Command, err error) error {
		return usageError{err}
	})
	options = piano.Options{Limits: syntax.DefaultLimits, MaxDataSize: data.DefaultMaxSize, Reading: budgetMemory}
	lim, dataSize := &options.Limits, &options.MaxDataSize
	pf := root.PersistentFlags()
	pf.IntVar(&lim.MaxBytes, "max-size", lim.MaxBytes, "largest plan file read, in bytes")
	pf.IntVar(&lim.MaxDepth, "max-depth", lim.MaxDepth, "deepest nesting of { } and ( ) in a plan")
	pf.IntVar(&lim.MaxFormulaTerms, "max-formula-terms", lim.MaxFormulaTerms, "most names and numbers in one formula")
	pf.IntVar(&lim.MaxNodes, "max-nodes", lim.MaxNodes, "most nodes (areas, objectives, indicators, drivers...) in a plan")
	pf.IntVar(dataSize, "max-data-size", *dataSize, "largest data file read, in bytes")
	root.PersistentPreRunE = func(*cobra.Command, []string) error {
		// Positions are 32-bit (lang.Pos): no file may be larger than lang.MaxFileSize.
		for _, f := range []struct {
			name string
			v    int
		}{{"max-size", lim.MaxBytes}, {"max-data-size", *dataSize}} {
			if f.v < 1 || f.v > lang.MaxFileSize {
				return usageError{fmt.Errorf("--%s must be between 1 and %d bytes", f.name, lang.MaxFileSize)}
			}
		}
		return nil
	}
	root.AddCommand(checkCmd(), exportCmd(), fmtCmd(), evalCmd(), explainCmd(), diffCmd(), templateCmd())

	err := root.Execute()
	var ee exitError
	switch {
	case err == nil:
		return exitOK
	case errors.As(err, &ee):
		return ee.code
	default:
		fmt.Fprintf(stderr, "piano: %v\n", err)
		fmt.Fprintln(stderr, "Run 'piano --help' for usage.")
		return exitUsage
	}
}

// usageError is a mistake on the command line.
type usageError struct{ err error }

func (e usageError) Error() string { return e.err.Error() }

// atLeastOneFile is the argument rule of commands that take files.
func atLeastOneFile(cmd *cobra.Command, args []string) error {
	if len(args) == 0 {
		return usageError{fmt.Errorf("%s needs at least one .plan file", cmd.Name())}
	}
	for i, a := range args {
		if slices.Contains(args[:i], a) {
			return usageError{fmt.Errorf("%s is named twice", a)}
		}
	}
	return nil
}

func exactlyOneFile(cmd *cobra.Command, args []string) error {
	if len(args) != 1 {
		return usageError{fmt.Errorf("%s takes one .plan file, got %d arguments", cmd.Name(), len(args))}
	}
	return nil
}

// oneOf checks a --format value.
func oneOf(flag, value string, allowed ...string) error {
	for _, a := range allowed {
		if value == a {
			return nil
		}
	}
	return usageError{fmt.Errorf("--%s must be one of %v, not %q", flag, allowed, value)}
}
