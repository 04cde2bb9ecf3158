package build

import (
	"os"
	"runtime"
	"runtime/debug"
	"runtime/metrics"
	"slices"
	"sync/atomic"
)

// A build allocates much and keeps little, since its output is streamed
// to disk, so a build process collects less often than Go's default
// would: GOGC=300 paces a small site (headroom three times what it
// holds), and a soft memory limit caps a large one at 256 MiB plus 16 MiB
// per core (288 MiB on two), 48 MiB more per core while a PDF on every
// core is made beside the pages (a small site; a large cold build makes
// its PDFs first). The peak (RSS) is about the limit plus 12 MiB.
//
// A fixed cap close to the live heap makes a large site collect without
// end (800 agreements at a 260 MiB limit: 112 collections instead of 39),
// so after every collection the limit is raised to twice the live heap
// when that is more (followLive): a site larger or richer than measured
// collects as with GOGC=100. What a limit costs is read from the bytes
// marked over all collections (GODEBUG=gctrace=1), which the load of a
// shared machine does not move as it moves CPU seconds; docs/scale.md
// ("Memory") has the limits tried against bytes marked and peaks, and
// how the setting came to be.
const (
	gcCap     = 256 << 20
	gcPerCore = 16 << 20
	// gcPerPDFCore is added while a PDF on every core is made beside
	// the pages (too few to go first: a small site; a one-file rebuild
	// makes one or two and does without).
	gcPerPDFCore = 48 << 20
	// gcFloor is the least headroom, as a multiple of the live heap.
	gcFloor = 1
)

// tuned is set by TuneGC: only then may a build change the limit.
var tuned atomic.Bool

// TuneGC sets the garbage collector for a one-off build process: GOGC=300
// and a soft limit that follows the live heap (followLive), which a build
// raises while PDFs are made beside the pages (roomForPDFs). Reading the
// site holds less than rendering it (800 agreements: 45-60 MB live), so
// the cap holds from the start. GOGC or GOMEMLIMIT in the environment still win. It is
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

// roomForPDFs raises the cap of the soft memory limit, in a process that
// TuneGC tuned, for PDFs made beside the pages.
func roomForPDFs() {
	if tuned.Load() {
		capped.Store(gcLimit(true, runtime.GOMAXPROCS(0)))
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

// capped is the cap TuneGC and roomForPDFs set, 0 in a process not tuned.
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
	s := slices.Clone(liveSample) // the finalizer and roomForPDFs may read at once
	metrics.Read(s)
	if s[0].Value.Kind() != metrics.KindUint64 {
		return 0
	}
	return s[0].Value.Uint64()
}
