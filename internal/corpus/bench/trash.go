package main

import (
	"os"
	"path/filepath"
	"strconv"
)

// trash holds what the benchmark would delete between runs until it ends.
//
// On this project's machines (ext4 without a journal) making a file right
// after many were deleted is slow: the allocator skips every inode freed
// in the last one to six minutes (ext4's recently_deleted) and looks each
// one up again for every new file, so the cost of creating a file grows
// with the number just deleted. Writing the same 61,000 files took 2-3 s
// of system time on a quiet disk and 14-42 s right after an output of that
// size was deleted, which made the system time of one build vary by a
// factor of ten from run to run. Moving an old output aside is a rename;
// the files are freed once, after the last run.
type trash struct {
	dir string
	n   int
}

// put moves path, if it exists, into the trash.
func (t *trash) put(path string) {
	if _, err := os.Lstat(path); err != nil {
		return
	}
	if err := os.MkdirAll(t.dir, 0o755); err != nil {
		fail(err)
	}
	t.n++
	if err := os.Rename(path, filepath.Join(t.dir, strconv.Itoa(t.n))); err != nil {
		fail(err)
	}
}

// empty deletes what the trash holds.
func (t *trash) empty() { os.RemoveAll(t.dir) }
