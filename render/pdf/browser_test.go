package pdf_test

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/cdproto/log"
	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"
	"github.com/piano-plan/piano"
	"github.com/piano-plan/piano/eval"
	"github.com/piano-plan/piano/lang"
	"github.com/piano-plan/piano/lang/check"
	"github.com/piano-plan/piano/render"
	"github.com/piano-plan/piano/render/pdf"
)

// EnvBrowserTest makes TestBrowserReport fail, instead of skip, when no
// browser is found: .ci/run sets it.
const EnvBrowserTest = "PIANO_BROWSER_TEST"

// EnvArtifacts names a folder where TestBrowserReport leaves the report, its
// PDF and a screenshot of its first page for a reviewer; by default they go
// to a temporary folder that the test removes.
const EnvArtifacts = "PIANO_ARTIFACTS"

// modenaPages is the number of A4 pages of the Modena report as measured
// with Debian's Chromium; the test allows 20% either way. It moves when
// the layout does: look at the PDF (PIANO_ARTIFACTS) and update it.
const modenaPages = 38

// browser returns the browser to test with, or skips the test.
func browser(t *testing.T) string {
	t.Helper()
	path, err := pdf.Find("")
	if err != nil {
		if os.Getenv(EnvBrowserTest) != "" {
			t.Fatalf("%s is set but: %v", EnvBrowserTest, err)
		}
		t.Skipf("skipping the browser test: %v (set %s=1 to make this a failure, as .ci/run does)", err, EnvBrowserTest)
	}
	return path
}

// modenaReport is the report of the Modena example for 2021.
func modenaReport(t *testing.T) ([]byte, *eval.Result) {
	t.Helper()
	planPath, dataPath := "../../examples/modena-2021.plan", "../../examples/modena-2021-actuals.yaml"
	p, err := piano.LoadFile(planPath, piano.Options{})
	if err != nil {
		t.Fatal(err)
	}
	d, err := p.ReadDataFiles(dataPath)
	if err != nil {
		t.Fatal(err)
	}
	r, diags, err := p.Evaluate(d, 2021)
	if err != nil || r == nil {
		t.Fatalf("evaluate: %v %v", err, diags)
	}
	in := render.ReportInput{Result: r, Plan: p.Checked, Version: "test"}
	for _, f := range p.Files {
		in.Files = append(in.Files, render.ReportFile{Role: "piano", Name: f.Name, Text: f.Text})
	}
	text, err := os.ReadFile(dataPath)
	if err != nil {
		t.Fatal(err)
	}
	in.Files = append(in.Files, render.ReportFile{Role: "dati", Name: dataPath, Text: text})
	var b bytes.Buffer
	if err := render.Report(&b, in); err != nil {
		t.Fatal(err)
	}
	return b.Bytes(), r
}

// TestBrowserReport opens the Modena report from disk in headless Chromium,
// with the network off, and checks what a reader sees: the overall score,
// every area, every indicator row, the charts drawn, no request and no
// console error; then prints it to PDF.
func TestBrowserReport(t *testing.T) {
	path := browser(t)
	page, r := modenaReport(t)
	dir := os.Getenv(EnvArtifacts)
	if dir == "" {
		dir = t.TempDir()
	} else if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	file, err := filepath.Abs(filepath.Join(dir, "relazione.html"))
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(file, page, 0o644); err != nil {
		t.Fatal(err)
	}
	url := "file://" + file

	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	ctx, cancelAlloc := chromedp.NewExecAllocator(ctx, pdf.AllocatorOptions(path, t.TempDir())...)
	defer cancelAlloc()
	ctx, cancelTab := chromedp.NewContext(ctx)
	defer cancelTab()

	var mu sync.Mutex
	var requests, problems []string
	if err := chromedp.Listen(ctx, func(ev any) {
		mu.Lock()
		defer mu.Unlock()
		switch ev := ev.(type) {
		case *network.EventRequestWillBeSent:
			if ev.Request.URL != url {
				requests = append(requests, ev.Request.URL)
			}
		case *runtime.EventExceptionThrown:
			problems = append(problems, "exception: "+ev.ExceptionDetails.Text)
		case *runtime.EventConsoleAPICalled:
			if ev.Type == runtime.ConsoleAPICalledTypeError || ev.Type == runtime.ConsoleAPICalledTypeWarning {
				problems = append(problems, fmt.Sprintf("console.%s", ev.Type))
			}
		case *log.EventEntryAdded:
			if ev.Entry.Level == log.EntryLevelError || ev.Entry.Level == log.EntryLevelWarning {
				problems = append(problems, "log: "+ev.Entry.Text)
			}
		}
	}); err != nil {
		t.Fatalf("starting %s: %v", path, err)
	}
	// The network off: a request could not reach anything, and is seen.
	if err := chromedp.Do(ctx, chromedp.Func(func(ctx context.Context, tg *chromedp.Target) error {
		_, err := cdp.Call(ctx, tg, network.OverrideNetworkState, network.OverrideNetworkStateParams{Offline: true, DownloadThroughput: -1, UploadThroughput: -1})
		return err
	}), chromedp.Navigate(url)); err != nil {
		t.Fatal(err)
	}

	query := func(js string, v any) {
		t.Helper()
		var err error
		switch v := v.(type) {
		case *string:
			*v, err = chromedp.Run(ctx, chromedp.Evaluate[string](js))
		case *int:
			*v, err = chromedp.Run(ctx, chromedp.Evaluate[int](js))
		case *[]string:
			*v, err = chromedp.Run(ctx, chromedp.Evaluate[[]string](js))
		}
		if err != nil {
			t.Fatalf("%s: %v", js, err)
		}
	}

	// The overall score, as rendered and visible.
	var score string
	query(`(e => e.offsetWidth > 0 && e.offsetHeight > 0 ? e.innerText : "invisible")(document.getElementById("punteggio-complessivo"))`, &score)
	if want := lang.Italian.Percent(r.Root.Score); score != want || want != "93,71%" {
		t.Errorf("overall score reads %q, want %q (93,71%%)", score, want)
	}

	// Every area, visible with its name and score.
	var areas []string
	query(`[...document.querySelectorAll("section.area > h3")].filter(e => e.offsetHeight > 0).map(e => e.innerText)`, &areas)
	if len(areas) != len(r.Root.Children) {
		t.Errorf("%d areas visible, want %d: %q", len(areas), len(r.Root.Children), areas)
	}
	for i, a := range r.Root.Children {
		if want := "Area strategica " + a.Node.Code + " — " + a.Node.Name; i < len(areas) && areas[i] != want {
			t.Errorf("area %d reads %q, want %q", i, areas[i], want)
		}
	}

	// One row per indicator of the tree, uses included.
	indicators := 0
	var walk func(n *eval.NodeResult)
	walk = func(n *eval.NodeResult) {
		if n.Node.Kind == check.KindIndicator {
			indicators++
		}
		for _, c := range n.Children {
			walk(c)
		}
	}
	walk(r.Root)
	var rows int
	query(`[...document.querySelectorAll("tr.indicator")].filter(e => e.offsetHeight > 0).length`, &rows)
	if rows != indicators || rows == 0 {
		t.Errorf("%d indicator rows visible, want %d", rows, indicators)
	}
	var row string
	query(`document.getElementById("indicatore-301.S1").innerText.replace(/\s+/g, " ")`, &row)
	for _, want := range []string{"≥ 900", "780", "86,67%", "−120", "parzialmente raggiunto", "2018: 807 2019: 941 2020: 969"} {
		if !strings.Contains(row, want) {
			t.Errorf("the row of 301.S1 reads %q, without %q", row, want)
		}
	}

	// The charts, drawn with a size, each with a title.
	var charts []string
	query(`[...document.querySelectorAll("figure.chart svg")].map(s => { const b = s.getBoundingClientRect(); return Math.round(b.width) + "x" + Math.round(b.height) + " " + s.querySelector("title").textContent })`, &charts)
	if len(charts) != 3 {
		t.Errorf("%d charts, want 3: %q", len(charts), charts)
	}
	for _, c := range charts {
		if strings.HasPrefix(c, "0x") || strings.Contains(c, "x0 ") {
			t.Errorf("a chart has no size: %s", c)
		}
	}
	var sparks int
	query(`[...document.querySelectorAll("svg.spark")].filter(s => s.getBoundingClientRect().width > 0 && s.querySelector("title").textContent.startsWith("Andamento")).length`, &sparks)
	if sparks == 0 {
		t.Error("no trend line drawn")
	}
	var pageLang string
	query(`document.documentElement.lang`, &pageLang)
	if pageLang != "it" {
		t.Errorf("the page's language is %q, want it", pageLang)
	}

	// The first page as printed, for a reviewer.
	if err := chromedp.Do(ctx, chromedp.Func(func(ctx context.Context, tg *chromedp.Target) error {
		if _, err := cdp.Call(ctx, tg, emulation.SetDeviceMetricsOverride, emulation.SetDeviceMetricsOverrideParams{Width: 794, Height: 1123, DeviceScaleFactor: 1}); err != nil {
			return err
		}
		_, err := cdp.Call(ctx, tg, emulation.SetEmulatedMedia, emulation.SetEmulatedMediaParams{Media: "print"})
		return err
	})); err != nil {
		t.Fatal(err)
	}
	shot, err := chromedp.Run(ctx, chromedp.CaptureScreenshot())
	if err != nil || len(shot) == 0 {
		t.Fatalf("screenshot: %v", err)
	}
	if err := os.WriteFile(filepath.Join(dir, "relazione-pagina-1.png"), shot, 0o644); err != nil {
		t.Fatal(err)
	}

	// The first table of an operational objective, as printed: the
	// chapter of the tables is on landscape pages.
	if err := chromedp.Do(ctx, chromedp.Func(func(ctx context.Context, tg *chromedp.Target) error {
		_, err := cdp.Call(ctx, tg, emulation.SetDeviceMetricsOverride, emulation.SetDeviceMetricsOverrideParams{Width: 1123, Height: 794, DeviceScaleFactor: 1})
		return err
	})); err != nil {
		t.Fatal(err)
	}
	shot, err = chromedp.Run(ctx, chromedp.Screenshot(chromedp.CSS(`div.operational table.indicators`)))
	if err != nil || len(shot) == 0 {
		t.Fatalf("screenshot: %v", err)
	}
	if err := os.WriteFile(filepath.Join(dir, "relazione-obiettivo.png"), shot, 0o644); err != nil {
		t.Fatal(err)
	}

	// The PDF, as piano report --format pdf prints it.
	out, err := pdf.Print(context.Background(), path, page)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.HasPrefix(out, []byte("%PDF-")) {
		t.Fatalf("the PDF starts with %q", out[:min(len(out), 16)])
	}
	if err := os.WriteFile(filepath.Join(dir, "relazione.pdf"), out, 0o644); err != nil {
		t.Fatal(err)
	}
	// The fonts a machine has move a page or two: the count is asserted
	// within a band around the pages measured here, which still tells a
	// paginated report (cover, chapters on new pages) from a broken one.
	if n := pages(out); n < modenaPages*8/10 || n > modenaPages*12/10 {
		t.Errorf("the PDF has %d pages, want about %d (cover, chapters on new pages)", n, modenaPages)
	} else {
		t.Logf("the PDF has %d pages", n)
	}

	mu.Lock()
	defer mu.Unlock()
	if len(requests) > 0 {
		t.Errorf("the report made %d requests: %q", len(requests), requests)
	}
	if len(problems) > 0 {
		t.Errorf("the console reported: %q", problems)
	}
	t.Logf("report, PDF and screenshot in %s", dir)
}

var pageObject = regexp.MustCompile(`/Type\s*/Page[^s]`)

// pages counts the page objects of a PDF.
func pages(pdf []byte) int { return len(pageObject.FindAll(pdf, -1)) }
