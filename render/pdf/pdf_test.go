package pdf

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestFind(t *testing.T) {
	dir := t.TempDir()
	t.Setenv("PATH", dir)
	t.Setenv(EnvBrowser, "")
	if _, err := Find(""); !errors.Is(err, ErrNoBrowser) {
		t.Fatalf("no browser on the PATH: got %v, want ErrNoBrowser", err)
	}
	if !strings.Contains(ErrNoBrowser.Error(), "apt-get install -y chromium") {
		t.Errorf("the error does not say how to install one: %v", ErrNoBrowser)
	}
	fake := filepath.Join(dir, "chromium")
	if err := os.WriteFile(fake, []byte("#!/bin/sh\n"), 0o755); err != nil {
		t.Fatal(err)
	}
	if got, err := Find(""); err != nil || got != fake {
		t.Errorf("on the PATH: got %q, %v; want %q", got, err, fake)
	}
	t.Setenv(EnvBrowser, "/nowhere/chrome")
	if _, err := Find(""); err == nil || !strings.Contains(err.Error(), "/nowhere/chrome cannot be run") {
		t.Errorf("$%s names a missing browser: got %v", EnvBrowser, err)
	}
	if got, err := Find(fake); err != nil || got != fake {
		t.Errorf("named: got %q, %v; want %q (the flag wins over the environment)", got, err, fake)
	}
}
