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
const (
	gcBase         = 128 << 20
	gcPerAgreement = 240 << 10
	gcPerCore      = 16 << 20
	gcPerPDFCore   = 48 << 20
)

// tuned is set by TuneGC: only then may a build change the limit.
var tuned atomic.Bool

// gcReading is the soft limit while the site is read, before its size is
// known: reading holds less than rendering (800 agreements: 60-80 MB
// live), and the limit of an empty site (160 MiB) made it collect twice
// as often as GOGC=300 alone.
const gcReading = 440 << 20

// TuneGC sets the garbage collector for a one-off build process: GOGC=300
// and a soft limit, which Build sets again for the size of the site once
// it has read it. GOGC or GOMEMLIMIT in the environment still win. It is
// the command's to call, once: the setting is process-wide, so a library
// call (or the preview server, which builds again and again) must not
// change it.
func TuneGC() {
	if os.Getenv("GOGC") == "" {
		debug.SetGCPercent(300)
	}
	if os.Getenv("GOMEMLIMIT") == "" {
		tuned.Store(true)
		debug.SetMemoryLimit(gcReading)
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
