package safefile

import (
	"errors"
	"os"
	"path/filepath"
	"testing"
)

func TestWriteKeepsModeAndLeavesNoTemporary(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "plan.plan")
	if err := os.WriteFile(path, []byte("old"), 0o600); err != nil {
		t.Fatal(err)
	}
	if _, err := Write(path, []byte("new")); err != nil {
		t.Fatal(err)
	}
	got, _ := os.ReadFile(path)
	fi, _ := os.Stat(path)
	if string(got) != "new" || fi.Mode().Perm() != 0o600 {
		t.Errorf("got %q mode %v, want \"new\" 0600", got, fi.Mode().Perm())
	}
	entries, _ := os.ReadDir(dir)
	if len(entries) != 1 {
		t.Errorf("%d files in the folder, want 1: %v", len(entries), entries)
	}
}

func TestInterruptedWriteKeepsOriginal(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "plan.plan")
	if err := os.WriteFile(path, []byte("old"), 0o644); err != nil {
		t.Fatal(err)
	}
	beforeRename = func() error { return errors.New("interrupted") }
	defer func() { beforeRename = func() error { return nil } }()
	if _, err := Write(path, []byte("new")); err == nil {
		t.Fatal("interrupted write reported success")
	}
	if got, _ := os.ReadFile(path); string(got) != "old" {
		t.Errorf("original is now %q", got)
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 1 {
		t.Errorf("the temporary file was left behind: %v", entries)
	}
}

func TestWriteThroughSymlinkKeepsTheLink(t *testing.T) {
	dir := t.TempDir()
	real, link := filepath.Join(dir, "real.plan"), filepath.Join(dir, "link.plan")
	if err := os.WriteFile(real, []byte("old"), 0o640); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink("real.plan", link); err != nil {
		t.Skip(err)
	}
	if _, err := Write(link, []byte("new")); err != nil {
		t.Fatal(err)
	}
	if fi, _ := os.Lstat(link); fi.Mode()&os.ModeSymlink == 0 {
		t.Errorf("the link became %v", fi.Mode())
	}
	got, _ := os.ReadFile(real)
	fi, _ := os.Stat(real)
	if string(got) != "new" || fi.Mode().Perm() != 0o640 {
		t.Errorf("target holds %q mode %v, want \"new\" 0640", got, fi.Mode().Perm())
	}
}

func TestWriteKeepsHardLinks(t *testing.T) {
	dir := t.TempDir()
	a, b := filepath.Join(dir, "a.plan"), filepath.Join(dir, "b.plan")
	if err := os.WriteFile(a, []byte("old text"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Link(a, b); err != nil {
		t.Skip(err)
	}
	if _, err := Write(a, []byte("new")); err != nil {
		t.Fatal(err)
	}
	if got, _ := os.ReadFile(b); string(got) != "new" {
		t.Errorf("the other link reads %q, want \"new\"", got)
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 2 {
		t.Errorf("want the two links only: %v", entries)
	}
}

func TestInterruptedInPlaceWriteKeepsBackup(t *testing.T) {
	dir := t.TempDir()
	a := filepath.Join(dir, "a.plan")
	if err := os.WriteFile(a, []byte("old"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Link(a, filepath.Join(dir, "b.plan")); err != nil {
		t.Skip(err)
	}
	beforeRename = func() error { return errors.New("interrupted") }
	defer func() { beforeRename = func() error { return nil } }()
	if _, err := Write(a, []byte("new")); err == nil {
		t.Fatal("interrupted write reported success")
	}
	if got, _ := os.ReadFile(a); string(got) != "old" {
		t.Errorf("original is now %q", got)
	}
	backups, _ := filepath.Glob(filepath.Join(dir, ".a.plan.orig*"))
	if len(backups) != 1 {
		t.Fatalf("want one backup, got %v", backups)
	}
	if got, _ := os.ReadFile(backups[0]); string(got) != "old" {
		t.Errorf("backup holds %q", got)
	}
}
