//go:build floorall

package main

// Built with -tags floorall, floor also links every library the piano
// binary links besides its own four, the workbook and browser ones too
// (excelize, chromedp, golang.org/x/term), whose package initialisation
// every piano process pays even when it reads no workbook and starts no
// browser (BENCHMARKS.md, issue 14):
//
//	CGO_ENABLED=0 go build -tags floorall -o /tmp/floorall ./internal/bench/floor
import (
	_ "github.com/chromedp/chromedp"
	_ "github.com/xuri/excelize/v2"
	_ "golang.org/x/term"
)
