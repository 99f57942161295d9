//go:build unix

package safefile

import (
	"fmt"
	"io/fs"
	"os"
	"syscall"
)

// links is the number of hard links to the file.
func links(fi fs.FileInfo) uint64 {
	if st, ok := fi.Sys().(*syscall.Stat_t); ok {
		return uint64(st.Nlink)
	}
	return 1
}

// keepOwner gives tmp the owner and group of the original file fi; it
// returns a warning when the process may not (only root may give a file
// away).
func keepOwner(tmp *os.File, fi fs.FileInfo, path string) string {
	st, ok := fi.Sys().(*syscall.Stat_t)
	if !ok {
		return ""
	}
	now, err := tmp.Stat()
	if err != nil {
		return ""
	}
	if cur, ok := now.Sys().(*syscall.Stat_t); ok && cur.Uid == st.Uid && cur.Gid == st.Gid {
		return ""
	}
	if err := tmp.Chown(int(st.Uid), int(st.Gid)); err != nil {
		// Keep at least the group, which a member may set.
		tmp.Chown(-1, int(st.Gid))
		return fmt.Sprintf("%s was owned by uid %d gid %d; it now belongs to this user (%v)", path, st.Uid, st.Gid, err)
	}
	return ""
}
