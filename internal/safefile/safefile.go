// Package safefile writes files so that a reader never sees half of one and
// an interrupted write never loses the original: the new text goes to a
// temporary file in the same folder, which then replaces the original by a
// rename, keeping its permissions.
package safefile

import (
	"fmt"
	"os"
	"path/filepath"
)

// Write replaces the file at path with data, atomically.
func Write(path string, data []byte) (err error) {
	mode := os.FileMode(0o644)
	if fi, err := os.Stat(path); err == nil {
		if !fi.Mode().IsRegular() {
			return fmt.Errorf("%s is not a regular file", path)
		}
		mode = fi.Mode().Perm()
	}
	tmp, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".tmp*")
	if err != nil {
		return err
	}
	defer func() {
		if err != nil {
			tmp.Close()
			os.Remove(tmp.Name())
		}
	}()
	if _, err = tmp.Write(data); err != nil {
		return err
	}
	if err = tmp.Sync(); err != nil {
		return err
	}
	if err = tmp.Chmod(mode); err != nil {
		return err
	}
	if err = tmp.Close(); err != nil {
		return err
	}
	if err = beforeRename(); err != nil {
		return err
	}
	return os.Rename(tmp.Name(), path)
}

// beforeRename lets tests interrupt a write at its last step.
var beforeRename = func() error { return nil }
