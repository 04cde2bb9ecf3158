package main

import (
	"fmt"
	"io"
	"slices"
	"time"
)

// measure is one build's figures, kept for the summary.
type measure struct {
	pages           int
	wall, cpu, user time.Duration
	peak            float64 // MiB
}

type key struct {
	n    int
	mode string
}

var (
	measures = map[key][]measure{}
	keys     []key // in the order first run
)

func record(n int, mode string, pages int, wall, cpu, user time.Duration, peak float64) {
	k := key{n, mode}
	if _, ok := measures[k]; !ok {
		keys = append(keys, k)
	}
	measures[k] = append(measures[k], measure{pages, wall, cpu, user, peak})
}

// median of the runs by f.
func median(ms []measure, f func(measure) float64) float64 {
	v := make([]float64, len(ms))
	for i, m := range ms {
		v[i] = f(m)
	}
	slices.Sort(v)
	if len(v)%2 == 1 {
		return v[len(v)/2]
	}
	return (v[len(v)/2-1] + v[len(v)/2]) / 2
}

// summarize prints per size and mode the medians of the runs, per page,
// and the CPU per page against that of the smallest size in the same mode:
// all of it, and the program's own (user) apart from the kernel's, which
// on a busy disk varies more than all the rest.
func summarize(w io.Writer) {
	fmt.Fprintf(w, "\nmediaan van %d runs\n", len(measures[keys[0]]))
	fmt.Fprintf(w, "%-5s %-9s %8s %8s %8s %9s | %9s %9s %14s %10s %15s\n",
		"n", "mode", "wall s", "cpu s", "user s", "peak MiB", "wall ms/p", "cpu ms/p", "cpu/p vs min n", "user ms/p", "user/p vs min n")
	// CPU and user time per page at the smallest size, by mode.
	smallest, smallestUser := map[string]float64{}, map[string]float64{}
	for _, k := range keys {
		ms := measures[k]
		p := float64(ms[0].pages)
		wall := median(ms, func(m measure) float64 { return m.wall.Seconds() })
		cpu := median(ms, func(m measure) float64 { return m.cpu.Seconds() })
		user := median(ms, func(m measure) float64 { return m.user.Seconds() })
		peak := median(ms, func(m measure) float64 { return m.peak })
		perPage, userPage := 1000*cpu/p, 1000*user/p
		base, ok := smallest[k.mode]
		if !ok {
			base, smallest[k.mode] = perPage, perPage
		}
		userBase, ok := smallestUser[k.mode]
		if !ok {
			userBase, smallestUser[k.mode] = userPage, userPage
		}
		fmt.Fprintf(w, "%-5d %-9s %8.2f %8.2f %8.2f %9.0f | %9.2f %9.2f %13.0f%% %10.2f %14.0f%%\n",
			k.n, k.mode, wall, cpu, user, peak, 1000*wall/p, perPage, 100*(perPage/base-1), userPage, 100*(userPage/userBase-1))
	}
}
