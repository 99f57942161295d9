package main

import (
	"math"
	"os"
	"runtime/debug"
	"runtime/metrics"
	"time"

	"github.com/piano-plan/piano/lsp"
	"github.com/spf13/cobra"
)

func lspCmd() *cobra.Command {
	var debounce time.Duration
	cmd := &cobra.Command{
		Use:   "lsp",
		Short: "Run the language server for editors, on standard input and output",
		Long: `Lsp runs Piano's language server (Language Server Protocol 3.17) on standard input
and output, for an editor to start: diagnostics as you type (the codes and text of
piano check), hover, definition, references, rename, completion, document and
workspace symbols, folding, formatting, inlay hints (each weight's share of the
plan), did-you-mean quick fixes, semantic tokens and, with data configured, a score
on every node.

The client configures data in its initialization options or the "piano" settings:
{"data": ["dati.yaml"], "year": 2021}; relative paths are taken from the plan's folder.

The server keeps its memory near 14 times the size of the plans it holds open
(at least 64 MiB, and more for a plan that keeps more live): the collector runs
more often as it nears that soft limit. GOMEMLIMIT, when set, is the limit
instead.`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			opts := options
			opts.Reading = nil // one long session: the memory budget of one run does not apply
			return lsp.Serve(cmd.Context(), cmd.InOrStdin(), cmd.OutOrStdout(),
				lsp.Options{Plan: opts, Debounce: debounce, Budget: lspBudget})
		},
	}
	cmd.Flags().DurationVar(&debounce, "debounce", lsp.DefaultDebounce, "pause after a change before the plan is checked again")
	return cmd
}

// lspMemoryPerTextByte is the soft memory limit of piano lsp, in bytes per
// byte of the plans it keeps parsed. An editing session lives long and
// allocates at every keystroke (a new text, and the whole plan checked
// again): under the collector's default the heap grows to twice what is
// live, and more while a collection runs, about 28 times the text of the
// generated 10k-indicator plan, of which about 9 times is live (the trees,
// the checked plan and the texts). At 14 times the collector runs about
// once a keystroke and a keystroke's p95 stays under its goal; at 13 times
// it runs without pause (BENCHMARKS.md, "Editor"). The limit follows the
// plans, so a larger plan gets room in proportion.
const lspMemoryPerTextByte = 14

// lspMemoryRoom is, in bytes per byte of the plans held, the least room the
// limit leaves above what the last collection found live: what a keystroke
// allocates (about twice the text) and the runtime's own overhead. A plan
// that keeps more live per byte than the generated plans do gets it, so
// that the collector never runs without pause.
const lspMemoryRoom = 4

// lspBudget sets the soft memory limit of piano lsp for textBytes of plans
// held; GOMEMLIMIT, when set, wins, as for the other commands.
func lspBudget(textBytes int) {
	if os.Getenv("GOMEMLIMIT") != "" {
		return
	}
	live := []metrics.Sample{{Name: "/gc/heap/live:bytes"}}
	metrics.Read(live)
	var n uint64
	if live[0].Value.Kind() == metrics.KindUint64 {
		n = live[0].Value.Uint64()
	}
	debug.SetMemoryLimit(lspMemoryLimit(int64(textBytes), int64(min(n, math.MaxInt64/2))))
}

// lspMemoryLimit is the soft limit of piano lsp for textBytes of plans,
// with live bytes found live by the last collection.
func lspMemoryLimit(textBytes, live int64) int64 {
	if textBytes > math.MaxInt64/2/lspMemoryPerTextByte {
		return math.MaxInt64 // no limit
	}
	return max(minMemoryLimit, lspMemoryPerTextByte*textBytes, live+lspMemoryRoom*textBytes)
}
