package main

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/piano-plan/piano/render"
	"github.com/piano-plan/piano/render/pdf"
	"github.com/spf13/cobra"
)

func reportCmd() *cobra.Command {
	f := &evalFlags{}
	var output, browser string
	cmd := &cobra.Command{
		Use:   "report PLAN... --data FILE... --year YEAR [-o relazione.html|relazione.pdf] [--format html|pdf]",
		Short: "Write the Relazione sulla performance: one HTML page, or a PDF printed by Chromium",
		Long: `Report evaluates the plan like eval and writes the Relazione sulla performance in Italian:
cover and summary, the albero della performance, per area and objective the table of
indicators (algorithm, baselines, target, actual, degree of achievement, scostamento,
status, notes), charts, the schede per responsabile, the method and the provenance
(SHA-256 of every file, the results as JSON).

The HTML is one self-contained file: CSS and SVG inline, nothing fetched. The same
input gives the same bytes. --format pdf (or -o FILE.pdf) prints it on A4 with a
headless Chromium, found by --chromium, $PIANO_CHROMIUM or the PATH. --monitoring is
for mid-year reports: values no data file gives yet are marked "da rilevare".`,
		Args: atLeastOneFile,
		RunE: func(cmd *cobra.Command, args []string) error {
			if f.format == "" {
				f.format = "html"
				if strings.EqualFold(filepath.Ext(output), ".pdf") {
					f.format = "pdf"
				}
			}
			if err := oneOf("format", f.format, "html", "pdf"); err != nil {
				return err
			}
			if f.year == 0 {
				return usageError{fmt.Errorf("report needs --year")}
			}
			if len(f.data) == 0 {
				return usageError{fmt.Errorf("report needs --data: without data every value would be missing")}
			}
			chromium := ""
			if f.format == "pdf" {
				var err error
				if chromium, err = pdf.Find(browser); err != nil {
					fmt.Fprintf(cmd.ErrOrStderr(), "piano: %v\n", err)
					return exitError{code: exitErrors}
				}
			}
			s, err := loadPlan(args, cmd.InOrStdin(), f.options(false))
			if err != nil {
				return exitError{exitUsage, err}
			}
			rs, diags, err := evaluatePlan(cmd, s, f, []int{f.year})
			if err != nil {
				return err
			}
			in := render.ReportInput{Result: rs[0], Plan: s.Checked, Version: version(), Monitoring: f.allowMissing, Diagnostics: diags}
			for _, pf := range s.Files {
				in.Files = append(in.Files, render.ReportFile{Role: "piano", Name: pf.Name, Text: pf.Text})
			}
			for _, d := range f.data {
				text, err := os.ReadFile(d)
				if err != nil {
					return exitError{exitUsage, err}
				}
				in.Files = append(in.Files, render.ReportFile{Role: "dati", Name: d, Text: text})
			}
			var page bytes.Buffer
			if err := render.Report(&page, in); err != nil {
				return err
			}
			out := page.Bytes()
			if f.format == "pdf" {
				if out, err = pdf.Print(context.Background(), chromium, out); err != nil {
					fmt.Fprintf(cmd.ErrOrStderr(), "piano: %v\n", err)
					return exitError{code: exitErrors}
				}
			}
			if output == "" || output == "-" {
				_, err := cmd.OutOrStdout().Write(out)
				return err
			}
			return writeFile(cmd.ErrOrStderr(), output, out)
		},
	}
	cmd.Flags().StringArrayVar(&f.data, "data", nil, "data file with actual values (YAML or CSV); repeat for several")
	cmd.Flags().IntVar(&f.year, "year", 0, "the year to report on (one of the plan's target years)")
	cmd.Flags().StringVar(&f.format, "format", "", "html or pdf (default: pdf when -o ends in .pdf, else html)")
	cmd.Flags().BoolVar(&f.allowMissing, "monitoring", false, "mid-year monitoring report: values no data file gives yet are marked \"da rilevare\" and left out")
	cmd.Flags().StringVarP(&output, "output", "o", "", "file to write (default: standard output)")
	cmd.Flags().StringVar(&browser, "chromium", "", "the Chromium to print the PDF with (default: $"+pdf.EnvBrowser+", else chromium on the PATH)")
	return cmd
}
