package main

import (
	"bytes"
	"fmt"
	"io"

	"github.com/spf13/cobra"
)

// writeOutput writes what write produces to standard output, or (path not
// "" or "-") to the file at path, atomically through internal/safefile, so
// that a failed run never leaves half a workbook.
func writeOutput(cmd *cobra.Command, path string, write func(io.Writer) error) error {
	if path == "" || path == "-" {
		return write(cmd.OutOrStdout())
	}
	var b bytes.Buffer
	if err := write(&b); err != nil {
		return err
	}
	return writeFile(cmd.ErrOrStderr(), path, b.Bytes())
}

// binaryFormat refuses to print a workbook to the terminal.
func binaryFormat(format, output string) error {
	if format == "xlsx" && (output == "" || output == "-") {
		return usageError{fmt.Errorf("--format xlsx writes a workbook: name it with -o FILE.xlsx")}
	}
	return nil
}
