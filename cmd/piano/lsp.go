package main

import (
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
{"data": ["dati.yaml"], "year": 2021}; relative paths are taken from the plan's folder.`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			opts := options
			opts.Reading = nil // one long session: the memory budget of one run does not apply
			return lsp.Serve(cmd.Context(), cmd.InOrStdin(), cmd.OutOrStdout(), lsp.Options{Plan: opts, Debounce: debounce})
		},
	}
	cmd.Flags().DurationVar(&debounce, "debounce", lsp.DefaultDebounce, "pause after a change before the plan is checked again")
	return cmd
}
