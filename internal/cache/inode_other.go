//go:build !unix

package cache

import "io/fs"

// Inode is 0: the file system gives none.
func Inode(fs.FileInfo) uint64 { return 0 }
