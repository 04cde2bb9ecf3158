package main

import (
	"os"
	"path/filepath"
	"runtime"
	"testing"
)

// PRESTATIE_MEMPROFILE's watch writes the heap profile of the largest live
// heap it saw after a collection.
func TestWatchHeap(t *testing.T) {
	path := filepath.Join(t.TempDir(), "heap.out")
	stop := watchHeap(path)
	held := make([]byte, 4<<20)
	runtime.GC()
	runtime.KeepAlive(held)
	stop()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if len(b) < 2 || b[0] != 0x1f || b[1] != 0x8b { // a pprof profile is gzipped
		t.Errorf("%s: not a profile (%d bytes)", path, len(b))
	}
}
