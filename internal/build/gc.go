package build

import (
	"os"
	"runtime"
	"runtime/debug"
	"runtime/metrics"
	"slices"
	"sync/atomic"
)

// A build allocates much and keeps little now that its output is streamed
// to disk: with Go's default (GOGC=100) it collected far more often than
// it needed (200 agreements with PDFs: 29-38 s of CPU instead of 22-24),
// so a build process runs with GOGC=300 and a soft memory limit. On a
// small site GOGC sets the pace; on a large one the limit does, and the
// peak (RSS) is about the limit plus 14 MiB (the program's own pages).
//
// Eighth round: the limit grew with the site because what a build held
// did: the model of every agreement, the search index's terms, the list
// of output files. Measured at the largest live heap (GODEBUG=gctrace=1, marked
// bytes after a collection, which include what was allocated while it
// marked), without PDFs: 58-61 MB at 200 agreements, 165-194 MB at 800,
// so about 20 MB plus 0.2 MB per agreement. A fixed limit is either too
// high for a small site or, near the live heap, makes a large one
// collect without end (800 agreements: a limit of 260 MiB took 112
// collections and 55 s of CPU instead of 39 and 24-32 s). What a
// collection costs is marking the live heap, so the cost of a limit is
// read best from the marked bytes summed over all collections (2-3 s of
// CPU per GB here), which the load of a shared machine does not change
// as it changes CPU seconds: at 800 agreements without PDFs a limit of
// 440 MiB marked 3.8-4.0 GB, 350 MiB 5.8-5.9 GB, 320 MiB 7.2 GB, 290 MiB
// 9.6-11 GB; the program before (440 MiB, holding its open data and the
// search index's pages to the end) 6.2-7.0 GB. So 160 MiB plus 0.24 MiB
// per agreement (on two cores) keeps the headroom above the live heap
// about as large as the live heap: 347 MiB at 800 agreements, peak 362
// MiB, 5.9-6.0 GB marked; 207 MiB at 200, peak 216 MiB instead of 290.
//
// What is in flight grows with the cores, not the site: one page and
// one PDF per core render at once (site.Render, startPDFs) and the
// writers queue 16 files per core. A PDF being laid out allocates much
// (the live heap at 200 agreements is 110-127 MB with PDFs, 58-61
// without; 800 agreements with PDFs allocate 2-4 times what they do
// without), so each core adds 16 MiB, and 48 MiB more when PDFs are
// made: 303 MiB at 200 agreements with PDFs (peak 303 MiB instead of
// 427, 2.3 GB marked instead of 1.7), 443 MiB at 800 (about as before:
// 320 MiB marked 17-31 GB instead of 9-16).
//
// Issue 13, second session of 2 December: the live heap was made smaller
// instead (800 agreements: 175-185 MB at its largest, now 125-145; with
// PDFs, which went beside the pages, 221 MB, now 135-150: a cold build
// makes its PDFs first, then the pages), and the limit no longer guesses
// the site's size from its number of agreements. It is a cap that the
// live heap moves: GOGC=300 paces a small site (headroom three times what
// it holds), the cap (256 MiB plus 16 MiB per core: 288 MiB on two)
// bounds a large one, and whenever a collection leaves more than half the
// cap live the limit is raised to twice the live heap (followLive), so
// that a site larger or richer than measured collects as with GOGC=100
// instead of without end. Measured at 800 agreements (corpus of make
// bench-scale, two cores; marked is the sum over all collections of the
// live heap, the third number of GODEBUG=gctrace=1's "A->B->C MB", so
// not comparable with the figures above) against the limit, with the
// peak about the limit plus 12 MiB:
//
//	limit    no PDFs: marked  peak       with PDFs: marked  peak
//	280 MiB  4.3 GB           292 MiB    8.8 GB             293 MiB
//	300 MiB  3.6 GB           313 MiB    7.9 GB             313 MiB
//	320 MiB  3.2 GB           328 MiB    6.9 GB             333 MiB
//	before   3.7-4.1 GB       357-359    8.2 GB             455 MiB
//
// So at 288 MiB a build marks about what it did before, with a peak of
// about 300 MiB instead of 359 and 455. The whole round, two runs each
// (--no-cache; peak MiB, GB marked; before -> after):
//
//	no PDFs    peak MiB            GB marked
//	50         103-104 -> 102-108  0.08      -> 0.08-0.09
//	200        206-208 -> 194-196  0.34-0.36 -> 0.29-0.31
//	800        355-356 -> 299-300  3.72-3.81 -> 3.45-3.80
//	with PDFs
//	50         146-174 -> 126-141  0.28-0.29 -> 0.26-0.29
//	200        299-303 -> 203-211  0.81-1.03 -> 0.78-0.81
//	800        444-454 -> 299-300  7.95-8.07 -> 7.67-8.02
//
// With the cache (a cold build that writes it, as make bench-scale runs
// it) the peak at 800 is 301-306 MiB: the cache's lists of files and
// search data. A cap of 272 MiB would make it 286 MiB for 14-15% more
// marked. User CPU per page at 800 against 50, in one pair of runs of
// the old and new program side by side: without PDFs +36% before, +10%
// after; with PDFs +25% before, +7% after. Other runs on the shared
// machine gave up to +48%: what does not move with its load is the GC's
// work, and the bytes marked per page at 800 are still about three times
// those at 50 (3.5-3.8 GB against 0.07-0.09 GB for 16 times the pages).
// Flat within 10% needs about half the live heap at 800 (model 43 MB,
// search index, the lists of pages and files) for the same headroom as
// GOGC=300 gives a small site.
const (
	gcCap     = 256 << 20
	gcPerCore = 16 << 20
	// gcPerPDFCore is added while PDFs are made beside the pages (too
	// few to go first: a small site, a one-file rebuild).
	gcPerPDFCore = 48 << 20
	// gcFloor is the least headroom, as a multiple of the live heap.
	gcFloor = 1
)

// tuned is set by TuneGC: only then may a build change the limit.
var tuned atomic.Bool

// TuneGC sets the garbage collector for a one-off build process: GOGC=300
// and a soft limit that follows the live heap (followLive), which Build
// raises while PDFs are made beside the pages. Reading the site holds less
// than rendering it (800 agreements: 45-60 MB live), so the cap holds
// from the start. GOGC or GOMEMLIMIT in the environment still win. It is
// the command's to call, once: the setting is process-wide, so a library
// call (or the preview server, which builds again and again) must not
// change it.
func TuneGC() {
	if os.Getenv("GOGC") == "" {
		debug.SetGCPercent(300)
	}
	if os.Getenv("GOMEMLIMIT") == "" {
		tuned.Store(true)
		capped.Store(gcLimit(false, runtime.GOMAXPROCS(0)))
		setLimit(0)
		followLive()
	}
}

// sizeGC sets the soft memory limit for the render, in a process that
// TuneGC tuned; pdfsBeside tells that PDFs are made beside the pages.
func sizeGC(pdfsBeside bool) {
	if tuned.Load() {
		capped.Store(gcLimit(pdfsBeside, runtime.GOMAXPROCS(0)))
		setLimit(liveHeap())
	}
}

// gcLimit is the cap of the soft memory limit on cores cores.
func gcLimit(pdfsBeside bool, cores int) int64 {
	per := int64(gcPerCore)
	if pdfsBeside {
		per += gcPerPDFCore
	}
	return gcCap + int64(cores)*per
}

// capped is the cap TuneGC and sizeGC set, 0 in a process not tuned.
var capped atomic.Int64

// setLimit sets the limit to the cap, or to the live heap and gcFloor
// times it when that is more.
func setLimit(live uint64) {
	limit := capped.Load()
	if limit == 0 {
		return
	}
	debug.SetMemoryLimit(max(limit, int64(live)*(1+gcFloor)))
}

// followLive moves the limit with the live heap after every collection,
// for the life of the process (TuneGC is a build process's, once): a
// finalizer on an unreachable object runs after each collection, and
// arms itself again.
func followLive() {
	runtime.SetFinalizer(&gcSentinel{}, onCollected)
}

// gcSentinel is the object whose finalizer follows the collections: not
// a tiny object (those may share a block and never be finalized).
type gcSentinel struct {
	_ *int
	_ [2]int
}

func onCollected(s *gcSentinel) {
	setLimit(liveHeap())
	runtime.SetFinalizer(s, onCollected)
}

var liveSample = []metrics.Sample{{Name: "/gc/heap/live:bytes"}}

// liveHeap is the heap the last collection marked live.
func liveHeap() uint64 {
	s := slices.Clone(liveSample) // the finalizer and sizeGC may read at once
	metrics.Read(s)
	if s[0].Value.Kind() != metrics.KindUint64 {
		return 0
	}
	return s[0].Value.Uint64()
}
