package main

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"runtime/debug"
	"slices"
	"syscall"

	"github.com/piano-plan/piano"
	"github.com/piano-plan/piano/data"
	"github.com/piano-plan/piano/lang"
	"github.com/piano-plan/piano/lang/syntax"
	"github.com/spf13/cobra"
)

// Exit codes: one table for every command (exitHelp, README "Exit status").
const (
	exitOK        = 0
	exitErrors    = 1   // the plan, the data or the tests have problems (diagnostics with errors)
	exitUsage     = 2   // a wrong command line, or a file that cannot be read or written
	exitFailUnder = 3   // piano eval --fail-under: the plan scored below the bar
	exitDiffers   = 4   // diff --exit-code found differences; fmt --check found files to reformat
	exitInternal  = 70  // a bug in Piano (EX_SOFTWARE): reported as an internal error
	exitPipe      = 141 // standard output was closed (| head): 128 + SIGPIPE, as the shell reports it
)

// exitHelp is the exit-code table, printed in every command's help.
const exitHelp = `Exit status (the same for every command):
  0    success
  1    the plan or the data have problems (errors in the diagnostics)
  2    a wrong command line, or a file that cannot be read or written
  3    eval --fail-under: the plan scores below the bar
  4    diff --exit-code: the revisions differ; fmt --check: a file would be reformatted
  70   internal error: a bug in Piano, please report it
  141  standard output was closed early (| head): piano stops quietly
When several apply, the first of 2, 1, 4, 3 in that order wins.`

// reportURL is where an internal error asks to be reported.
const reportURL = "https://github.com/piano-plan/piano/issues"

// exitError ends a command with a given code after its output is written;
// Main prints err, when set, as the one line that says why.
type exitError struct {
	code int
	err  error
}

func (e exitError) Error() string {
	if e.err != nil {
		return e.err.Error()
	}
	return fmt.Sprintf("exit %d", e.code)
}

func (e exitError) Unwrap() error { return e.err }

// beforeRun, when set, runs before every command; tests use it to reach
// code paths no input reaches, such as a panic.
var beforeRun func()

// Main runs piano with args and returns the process exit code. It never
// panics: a panic is a bug, reported as an internal error with its stack
// and exit code 70.
func Main(args []string, stdin io.Reader, stdout, stderr io.Writer) (code int) {
	// Output goes through buffers, flushed once at the end: a table is
	// hundreds of small writes.
	out, errOut := bufio.NewWriter(stdout), bufio.NewWriter(stderr)
	defer func() {
		if r := recover(); r != nil {
			// What the command printed so far is left out: it may be half a table.
			errOut.Flush()
			fmt.Fprintf(stderr, "piano: internal error: %v\nThis is a bug in Piano: please report it at %s with the command line and this message.\n\n%s",
				r, reportURL, debug.Stack())
			code = exitInternal
		}
	}()
	code = run(args, stdin, out, errOut)
	if err := out.Flush(); err != nil {
		code = writeFailed(errOut, err)
	}
	errOut.Flush()
	return code
}

// writeFailed reports an error writing standard output and returns the
// exit code: a closed pipe ends quietly, as Unix tools do; any other
// write error (a full disk, /dev/full) is I/O trouble.
func writeFailed(stderr io.Writer, err error) int {
	if errors.Is(err, syscall.EPIPE) {
		return exitPipe
	}
	fmt.Fprintf(stderr, "piano: cannot write standard output: %v\n", err)
	return exitUsage
}

func run(args []string, stdin io.Reader, stdout, stderr *bufio.Writer) int {
	root := &cobra.Command{
		Use:   "piano",
		Short: "Piano compiles performance plans (piani della performance) written as .plan files",
		Long: `Piano compiles performance plans (piani della performance) written as .plan files:
it checks them, exports them as data and scores them against actual data.`,
		Version:       version(),
		SilenceErrors: true,
		SilenceUsage:  true,
	}
	root.SetVersionTemplate("piano {{.Version}}\n")
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
		if beforeRun != nil {
			beforeRun()
		}
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
	root.AddCommand(checkCmd(), exportCmd(), fmtCmd(), evalCmd(), explainCmd(), diffCmd(), versionCmd(), whatifCmd(), testCmd(), reportCmd(), templateCmd(), batchCmd(), importCmd(), lspCmd())
	root.Long += "\n\n" + exitHelp
	for _, c := range root.Commands() {
		c.Long += "\n\n" + exitHelp
	}

	err := root.Execute()
	var ee exitError
	var ue usageError
	switch {
	case err == nil:
		return exitOK
	case errors.As(err, &ee):
		if ee.err != nil {
			fmt.Fprintf(stderr, "piano: %s\n", lang.Printable(ee.err.Error()))
		}
		return ee.code
	case errors.As(err, &ue):
		fmt.Fprintf(stderr, "piano: %s\n", lang.Printable(err.Error()))
		fmt.Fprintln(stderr, "Run 'piano --help' for usage.")
		return exitUsage
	case errors.Is(err, syscall.EPIPE):
		return exitPipe
	default:
		// Writing the output failed, or a file could not be read.
		fmt.Fprintf(stderr, "piano: %s\n", lang.Printable(err.Error()))
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

// oneOf checks a --format value.
func oneOf(flag, value string, allowed ...string) error {
	for _, a := range allowed {
		if value == a {
			return nil
		}
	}
	return usageError{fmt.Errorf("--%s must be one of %v, not %q", flag, allowed, value)}
}
