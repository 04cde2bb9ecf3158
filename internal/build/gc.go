package build

import (
	"os"
	"runtime"
	"runtime/debug"
	"sync/atomic"
)

// A build allocates much and keeps little now that its output is streamed
// to disk: with Go's default (GOGC=100) it collected far more often than
// it needed (200 agreements with PDFs: 29-38 s of CPU instead of 22-24),
// so a build process runs with GOGC=300 and a soft memory limit. On a
// small site GOGC sets the pace; on a large one the limit does, and the
// peak (RSS) is about the limit plus 14 MiB (the program's own pages).
//
// The limit grows with the site because what a build holds does: the
// model of every agreement, the search index's terms, the list of output
// files. Measured at the largest live heap (GODEBUG=gctrace=1, marked
// bytes after a collection, which include what was allocated while it
// marked), without PDFs: 58 MB at 200 agreements, 165-194 MB at 800, so
// about 20 MB plus 0.2 MB per agreement. A fixed limit is either too
// high for a small site or, near the live heap, makes a large one
// collect without end (800 agreements: a limit of 260 MiB took 112
// collections and 55 s of CPU instead of 39 and 24-32 s). What a
// collection costs is marking the live heap, so the cost of a limit is
// read best from the marked bytes summed over all collections, which the
// load of a shared machine does not change as it changes CPU seconds:
// at 800 agreements without PDFs a limit of 440 MiB marked 3.8-4.0 GB,
// 350 MiB 5.8-5.9 GB (the program before this limit, at 440 MiB and
// holding its open data and search pages to the end: 6.2 GB), 320 MiB
// 7.2 GB, 290 MiB 9.6-11 GB; so about 160 MiB plus 0.24 MiB per
// agreement keeps the headroom above the live heap as large as the live
// heap (352 MiB at 800, peak 364-366 MiB).
//
// What is in flight grows with the cores, not the site: one page and
// one PDF per core render at once (site.Render, startPDFs) and the
// writers queue 16 files per core. A PDF being laid out allocates much
// (at 200 agreements the live heap is 110 MB with PDFs, 58 without), so
// each core adds 16 MiB, and 48 MiB more when PDFs are made.
const (
	gcBase         = 128 << 20
	gcPerAgreement = 240 << 10
	gcPerCore      = 16 << 20
	gcPerPDFCore   = 48 << 20
)

// tuned is set by TuneGC: only then may a build change the limit.
var tuned atomic.Bool

// TuneGC sets the garbage collector for a one-off build process: GOGC=300
// and a first soft limit, which Build sets again for the size of the site
// once it has read it. GOGC or GOMEMLIMIT in the environment still win.
// It is the command's to call, once: the setting is process-wide, so a
// library call (or the preview server, which builds again and again)
// must not change it.
func TuneGC() {
	if os.Getenv("GOGC") == "" {
		debug.SetGCPercent(300)
	}
	if os.Getenv("GOMEMLIMIT") == "" {
		tuned.Store(true)
		debug.SetMemoryLimit(gcLimit(0, false, runtime.GOMAXPROCS(0)))
	}
}

// sizeGC sets the soft memory limit for a site of n agreements, in a
// process that TuneGC tuned.
func sizeGC(n int, pdfs bool) {
	if tuned.Load() {
		debug.SetMemoryLimit(gcLimit(n, pdfs, runtime.GOMAXPROCS(0)))
	}
}

// gcLimit is the soft memory limit for n agreements on cores cores.
func gcLimit(n int, pdfs bool, cores int) int64 {
	per := int64(gcPerCore)
	if pdfs {
		per += gcPerPDFCore
	}
	return gcBase + int64(n)*gcPerAgreement + int64(cores)*per
}
