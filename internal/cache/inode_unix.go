//go:build unix

package cache

import (
	"io/fs"
	"syscall"
)

// Inodes tells that the file system gives inode numbers (Inode).
const Inodes = true

// Inode is the file's inode number: a file replaced by another with the
// same size and time is told apart by it.
func Inode(st fs.FileInfo) uint64 {
	if s, ok := st.Sys().(*syscall.Stat_t); ok {
		return uint64(s.Ino)
	}
	return 0
}
