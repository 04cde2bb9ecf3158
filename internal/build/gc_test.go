package build

import (
	"runtime"
	"runtime/debug"
	"testing"
	"time"
)

func TestGCLimit(t *testing.T) {
	t.Parallel()
	const mib = 1 << 20
	for _, tc := range []struct {
		cores    int
		beside   bool
		min, max int64 // MiB
	}{
		{2, false, 280, 290}, // peak about the limit + 12 MiB: under 300 MiB
		{2, true, 370, 390},  // a PDF per core beside the pages allocates much
		{16, false, 500, 520},
	} {
		got := gcLimit(tc.beside, tc.cores)
		if got < tc.min*mib || got > tc.max*mib {
			t.Errorf("gcLimit(%v, %d) = %d MiB, want %d-%d", tc.beside, tc.cores, got/mib, tc.min, tc.max)
		}
	}
	if gcLimit(true, 2) <= gcLimit(false, 2) || gcLimit(false, 3) <= gcLimit(false, 2) {
		t.Error("gcLimit does not grow with PDFs beside the pages and cores")
	}
}

// TestGCFollowsLive: the limit is the cap while the live heap is small,
// and twice the live heap once that is more, after each collection.
func TestGCFollowsLive(t *testing.T) {
	// Not parallel: it sets the process's limit.
	old := debug.SetMemoryLimit(-1)
	defer func() { capped.Store(0); debug.SetMemoryLimit(old) }()
	capped.Store(64 << 20)
	setLimit(10 << 20)
	if got := debug.SetMemoryLimit(-1); got != 64<<20 {
		t.Errorf("limit with a small live heap = %d, want the cap", got)
	}
	setLimit(50 << 20)
	if got := debug.SetMemoryLimit(-1); got != 100<<20 {
		t.Errorf("limit with 50 MiB live = %d, want 100 MiB", got)
	}
	// After a collection the finalizer sets it from the live heap.
	capped.Store(1 << 20)
	followLive()
	keep := make([]byte, 8<<20)
	for i := 0; i < 50 && debug.SetMemoryLimit(-1) == 100<<20; i++ {
		runtime.GC()
		time.Sleep(10 * time.Millisecond)
	}
	if got := debug.SetMemoryLimit(-1); got == 100<<20 || got < 2*int64(len(keep)) {
		t.Errorf("limit after collections = %d, want twice the live heap (at least %d)", got, 2*len(keep))
	}
	runtime.KeepAlive(keep)
}
