//go:build !unix

package cache

import "io/fs"

// Inodes tells that the file system gives inode numbers (Inode).
const Inodes = false

// Inode is 0: the file system gives none.
func Inode(fs.FileInfo) uint64 { return 0 }
