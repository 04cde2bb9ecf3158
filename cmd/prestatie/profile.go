package main

import (
	"bytes"
	"fmt"
	"os"
	"runtime/metrics"
	"runtime/pprof"
	"time"
)

// profiled runs f with a CPU profile written to $PRESTATIE_CPUPROFILE and a
// heap profile to $PRESTATIE_MEMPROFILE when those are set: a developer's
// view of where a large build spends its time and memory (README, "Where a
// build spends its time"), without a flag users would see.
func profiled(f func() int) int {
	if path := os.Getenv("PRESTATIE_MEMPROFILE"); path != "" {
		stop := watchHeap(path)
		defer stop()
	}
	path := os.Getenv("PRESTATIE_CPUPROFILE")
	if path == "" {
		return f()
	}
	out, err := os.Create(path)
	if err != nil {
		fmt.Fprintf(os.Stderr, "prestatie: PRESTATIE_CPUPROFILE: %v\n", err)
		return exitUsage
	}
	defer out.Close()
	if err := pprof.StartCPUProfile(out); err != nil {
		fmt.Fprintf(os.Stderr, "prestatie: PRESTATIE_CPUPROFILE: %v\n", err)
		return exitUsage
	}
	defer pprof.StopCPUProfile()
	return f()
}

// watchHeap writes to path the heap profile of the largest live heap seen
// after a collection: what a build holds at its peak, which a profile at
// the end (when little is live) does not show. A heap profile is the heap
// as of the last collection, so it is taken right after a collection that
// left more live than any before. The returned function stops the watch.
func watchHeap(path string) (stop func()) {
	samples := []metrics.Sample{{Name: "/gc/cycles/total:gc-cycles"}, {Name: "/gc/heap/live:bytes"}}
	var cycles, peak uint64
	var best []byte
	check := func() {
		metrics.Read(samples)
		n, live := samples[0].Value.Uint64(), samples[1].Value.Uint64()
		if n == cycles || live <= peak {
			cycles = n
			return
		}
		cycles, peak = n, live
		var b bytes.Buffer
		if err := pprof.Lookup("heap").WriteTo(&b, 0); err == nil {
			best = b.Bytes()
		}
	}
	done, finished := make(chan struct{}), make(chan struct{})
	go func() {
		defer close(finished)
		t := time.NewTicker(20 * time.Millisecond)
		defer t.Stop()
		for {
			select {
			case <-t.C:
				check()
			case <-done:
				return
			}
		}
	}()
	return func() {
		close(done)
		<-finished
		check()
		if best == nil {
			return
		}
		if err := os.WriteFile(path, best, 0o644); err != nil {
			fmt.Fprintf(os.Stderr, "prestatie: PRESTATIE_MEMPROFILE: %v\n", err)
			return
		}
		fmt.Fprintf(os.Stderr, "prestatie: PRESTATIE_MEMPROFILE: %d MB live at the largest (%s)\n", peak>>20, path)
	}
}
