// Package pdf prints a page of Piano (the Relazione sulla performance of
// package render) to PDF with a headless Chromium, driven through the
// DevTools protocol by chromedp. It finds the browser, starts it with no
// network of its own (no background connections, no sync, no updates, a
// new empty profile), loads the page from a file and prints it on A4.
//
// pdf lays out nothing: the page and its print stylesheet come from render.
package pdf

import (
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"time"

	"github.com/chromedp/chromedp"
)

// EnvBrowser names the environment variable that gives the browser's path.
const EnvBrowser = "PIANO_CHROMIUM"

// Names are the programs Find looks for on the PATH, in order.
var Names = []string{"chromium", "chromium-browser", "chromium-headless-shell", "headless-shell", "google-chrome", "google-chrome-stable", "chrome"}

// ErrNoBrowser is returned by Find when no browser is found.
var ErrNoBrowser = errors.New("no Chromium found to print the PDF: install one (on Debian: apt-get install -y chromium), or name it with --chromium PATH or " + EnvBrowser + "=PATH; the HTML report (--format html) needs no browser")

// Find returns the path of the browser to print with: named, when it is not
// empty; else $PIANO_CHROMIUM; else the first of Names on the PATH.
func Find(named string) (string, error) {
	for _, p := range []string{named, os.Getenv(EnvBrowser)} {
		if p == "" {
			continue
		}
		path, err := exec.LookPath(p)
		if err != nil {
			return "", fmt.Errorf("the browser %s cannot be run: %v", p, err)
		}
		return path, nil
	}
	for _, n := range Names {
		if path, err := exec.LookPath(n); err == nil {
			return path, nil
		}
	}
	return "", ErrNoBrowser
}

// AllocatorOptions start the browser at path headless, with no network of
// its own, and with a new profile in userDataDir (which must be empty).
func AllocatorOptions(path, userDataDir string) []chromedp.ExecAllocatorOption {
	return []chromedp.ExecAllocatorOption{
		chromedp.ExecPath(path),
		chromedp.Headless,
		chromedp.NoSandbox,
		chromedp.DisableGPU,
		chromedp.NoFirstRun,
		chromedp.UserDataDir(userDataDir),
		chromedp.Flag("disable-quic", true),
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.Flag("disable-default-apps", true),
		chromedp.Flag("disable-extensions", true),
		chromedp.Flag("no-default-browser-check", true),
		chromedp.Flag("hide-scrollbars", true),
		chromedp.Flag("mute-audio", true),
	}
}

// PrintOptions print on A4 with the page's own margins (the report's @page
// rule), backgrounds included, with the outline of the headings.
var PrintOptions = []chromedp.PDFOption{
	chromedp.PDFPaper(chromedp.PaperA4),
	chromedp.PDFPreferCSSPageSize(),
	chromedp.PDFPrintBackground(),
	chromedp.PDFOutlineAndTagged(),
	chromedp.PDFStream(),
}

// Timeout bounds one print, the browser's start included.
var Timeout = 2 * time.Minute

// Print loads html in the browser at path and prints it to PDF.
func Print(ctx context.Context, path string, html []byte) ([]byte, error) {
	dir, err := os.MkdirTemp("", "piano-pdf-")
	if err != nil {
		return nil, err
	}
	defer os.RemoveAll(dir)
	file := filepath.Join(dir, "relazione.html")
	if err := os.WriteFile(file, html, 0o600); err != nil {
		return nil, err
	}
	profile := filepath.Join(dir, "profile")
	if err := os.Mkdir(profile, 0o700); err != nil {
		return nil, err
	}
	ctx, cancel := context.WithTimeout(ctx, Timeout)
	defer cancel()
	ctx, cancelAlloc := chromedp.NewExecAllocator(ctx, AllocatorOptions(path, profile)...)
	defer cancelAlloc()
	ctx, cancelTab := chromedp.NewContext(ctx)
	defer cancelTab()
	if err := chromedp.Do(ctx, chromedp.Navigate("file://"+file)); err != nil {
		return nil, fmt.Errorf("the browser %s cannot open the report: %w", path, err)
	}
	out, err := chromedp.Run(ctx, chromedp.PrintToPDF(PrintOptions...))
	if err != nil {
		return nil, fmt.Errorf("the browser %s cannot print the report: %w", path, err)
	}
	if len(out) == 0 {
		return nil, fmt.Errorf("the browser %s printed an empty PDF", path)
	}
	return out, nil
}
