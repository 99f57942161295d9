// Package safefile writes files so that a reader never sees half of one and
// an interrupted write never loses the original, and so that a file stays
// the file it was:
//
//   - the new text goes to a temporary file in the same folder, which then
//     replaces the original by a rename, keeping its permissions and, where
//     the process may, its owner and group (a warning says when it may not);
//   - through a symbolic link, the link's target is written and the link is
//     kept;
//   - a file with several hard links cannot be renamed over without breaking
//     the links, so it is rewritten in place, through the same inode, after a
//     copy of its old text is written and synced beside it; the copy is
//     removed once the new text is synced, and kept (and named in the error)
//     if the write fails half way.
//
// It also reads a file within a size limit (ReadAtMost), the one way Piano
// reads its inputs.
package safefile

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
)

// Write replaces the text of the file at path with data. The warnings are
// for what it could not keep (the owner); the error is for a write that did
// not happen, in which case the original is unchanged.
func Write(path string, data []byte) (warnings []string, err error) {
	target, err := filepath.EvalSymlinks(path)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		target = path // a new file (or a dangling link: written as a file)
	case err != nil:
		return nil, err
	}
	mode := os.FileMode(0o644)
	fi, err := os.Stat(target)
	if err == nil {
		if !fi.Mode().IsRegular() {
			return nil, fmt.Errorf("%s is not a regular file", path)
		}
		mode = fi.Mode().Perm()
		if links(fi) > 1 {
			return nil, writeInPlace(target, data)
		}
	}
	tmp, err := os.CreateTemp(filepath.Dir(target), "."+filepath.Base(target)+".tmp*")
	if err != nil {
		return nil, err
	}
	defer func() {
		if err != nil {
			tmp.Close()
			os.Remove(tmp.Name())
		}
	}()
	if _, err = tmp.Write(data); err != nil {
		return nil, err
	}
	if err = tmp.Sync(); err != nil {
		return nil, err
	}
	if err = tmp.Chmod(mode); err != nil {
		return nil, err
	}
	if fi != nil {
		if w := keepOwner(tmp, fi, path); w != "" {
			warnings = append(warnings, w)
		}
	}
	if err = tmp.Close(); err != nil {
		return nil, err
	}
	if err = beforeRename(); err != nil {
		return nil, err
	}
	return warnings, os.Rename(tmp.Name(), target)
}

// writeInPlace rewrites a hard-linked file through its own inode, so that
// every link keeps seeing it, after writing its old text to a backup beside
// it.
func writeInPlace(target string, data []byte) error {
	old, err := os.ReadFile(target)
	if err != nil {
		return err
	}
	backup, err := os.CreateTemp(filepath.Dir(target), "."+filepath.Base(target)+".orig*")
	if err != nil {
		return err
	}
	_, err = backup.Write(old)
	if err == nil {
		err = backup.Sync()
	}
	if cerr := backup.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		os.Remove(backup.Name())
		return err
	}
	f, err := os.OpenFile(target, os.O_WRONLY, 0)
	if err != nil {
		os.Remove(backup.Name())
		return err
	}
	err = beforeRename()
	if err == nil {
		err = f.Truncate(0)
	}
	if err == nil {
		_, err = f.WriteAt(data, 0)
	}
	if err == nil {
		err = f.Sync()
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return fmt.Errorf("rewriting %s in place: %w; its old text is in %s", target, err, backup.Name())
	}
	return os.Remove(backup.Name())
}

// beforeRename lets tests interrupt a write at its last step.
var beforeRename = func() error { return nil }
