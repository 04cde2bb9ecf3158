// Command bench measures prestatie build on generated corpora of several
// sizes (make bench-scale): for each size and mode (with and without PDFs)
// a cold build into a fresh folder, with the pages, files and bytes it
// wrote, its wall and CPU time and its peak memory (the child's rusage),
// in total and per page, and the load average before the run. After each
// cold build one afspraak of one agreement changes and the build runs again
// with its cache (mode "pdf+1", "no-pdf+1"): the incremental rebuild.
//
// With -runs N every build runs N times and a summary follows the rows:
// per size and mode the median wall and CPU time, per page, and the CPU
// per page against the smallest size's (the "flat per page"). On
// a shared machine one run says little: the system time of writing tens
// of thousands of files alone varies by a factor of several.
//
// With -files each cold build without PDFs (and each Hugo build) is
// followed by a row "files" ("hugo-files"): the same files, read into
// memory first, written again into a fresh folder by one goroutine per
// core, with nothing else. It is what the file system costs for that
// output alone, the floor under a build that writes it.
//
// Nothing is deleted between runs (see trash.go): old outputs are moved
// aside and deleted at the end.
//
//	go run ./internal/corpus/bench -bin ./prestatie -sizes 50,200,800 -runs 3
package main

import (
	"encoding/json"
	"flag"
	"fmt"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"time"

	"github.com/prestatie/prestatie/internal/corpus"
)

func main() {
	if len(os.Args) == 4 && os.Args[1] == "-write-again" { // writeAgain's child
		writeAgainChild(os.Args[2], os.Args[3])
		return
	}
	bin := flag.String("bin", "./prestatie", "het programma om te meten")
	sizes := flag.String("sizes", "50,200,800", "aantallen overeenkomsten, gescheiden door komma's")
	modes := flag.String("modes", "pdf,no-pdf", "pdf (de hele build) en/of no-pdf (build --no-pdf)")
	dir := flag.String("dir", filepath.Join(os.TempDir(), "prestatie-bench"), "werkmap voor de corpora en de uitvoer")
	keep := flag.Bool("keep", false, "laat de uitvoer staan")
	hugo := flag.String("hugo", "", "bouw elk corpus ook met dit Hugo-programma, met een minimale opmaak (make bench-hugo)")
	runs := flag.Int("runs", 1, "hoe vaak elke build draait (de samenvatting geeft de mediaan)")
	files := flag.Bool("files", false, "meet na elke build zonder pdf's ook alleen het schrijven van dezelfde bestanden")
	flag.Parse()
	if *runs < 1 {
		fail(fmt.Errorf("-runs moet minstens 1 zijn"))
	}
	exe, err := filepath.Abs(*bin)
	if err != nil {
		fail(err)
	}
	aside := &trash{dir: filepath.Join(*dir, "weg")}
	aside.empty()
	defer aside.empty()
	fmt.Printf("%-5s %-9s %6s %6s %8s %8s %8s %7s %7s %9s | %9s %9s %9s %9s  %s\n",
		"n", "mode", "pages", "files", "MiB", "wall s", "cpu s", "user s", "sys s", "peak MiB", "wall ms/p", "cpu ms/p", "KiB/p", "KiB/agr", "load")
	for _, s := range strings.Split(*sizes, ",") {
		n, err := strconv.Atoi(strings.TrimSpace(s))
		if err != nil || n < 1 {
			fail(fmt.Errorf("ongeldig aantal %q", s))
		}
		src := filepath.Join(*dir, "corpus-"+strconv.Itoa(n))
		aside.put(src) // the generator may have changed: always fresh
		if err := corpus.Write(src, n); err != nil {
			fail(err)
		}
		// The file of one afspraak that the incremental build changes.
		ents, err := os.ReadDir(filepath.Join(src, "content"))
		if err != nil {
			fail(err)
		}
		edited := filepath.Join(src, "content", ents[len(ents)/2].Name(), "beschikbaarheid", "nieuwbouw.md")
		orig, err := os.ReadFile(edited)
		if err != nil {
			fail(err)
		}
		for _, mode := range strings.Split(*modes, ",") {
			out := filepath.Join(*dir, "out-"+strconv.Itoa(n)+"-"+mode)
			cache := filepath.Join(*dir, ".out-"+strconv.Itoa(n)+"-"+mode+".cache")
			args := []string{"build", "--source", src, "--dest", out, "--format", "json"}
			if mode == "no-pdf" {
				args = append(args, "--no-pdf")
			}
			for range *runs {
				aside.put(out)
				aside.put(cache)
				run(exe, args, n, mode, out)
				if *files && mode == "no-pdf" {
					writeAgain(out, aside, n, "files")
				}
				// One afspraak changed, built again with the cache.
				if err := os.WriteFile(edited, []byte(strings.Replace(string(orig), "title: Nieuwbouw", "title: Nieuwbouw (gewijzigd)", 1)), 0o644); err != nil {
					fail(err)
				}
				run(exe, args, n, mode+"+1", out)
				if err := os.WriteFile(edited, orig, 0o644); err != nil {
					fail(err)
				}
			}
			if !*keep {
				aside.put(out)
				aside.put(cache)
			}
		}
		if *hugo != "" {
			for range *runs {
				runHugo(*hugo, src, *dir, n, aside, *files)
			}
		}
		if !*keep {
			aside.put(src)
		}
	}
	if *runs > 1 {
		summarize(os.Stdout)
	}
}

// run runs one build and prints its row.
func run(exe string, args []string, n int, mode, out string) {
	load, _ := os.ReadFile("/proc/loadavg")
	cmd := exec.Command(exe, args...)
	cmd.Stderr = os.Stderr
	start := time.Now()
	stdout, err := cmd.Output()
	wall := time.Since(start)
	if err != nil {
		fail(fmt.Errorf("%d %s: %v\n%s", n, mode, err, stdout))
	}
	var res struct {
		Result struct{ Pages, Files int }
	}
	if err := json.Unmarshal(stdout, &res); err != nil {
		fail(err)
	}
	row(n, mode, res.Result.Pages, res.Result.Files, out, wall, cmd.ProcessState, load)
}

// row prints one build's figures: in total and per page, with the load
// average before it ran (on a shared machine wall time says little alone).
func row(n int, mode string, pages, files int, out string, wall time.Duration, ps *os.ProcessState, load []byte) {
	ru := ps.SysUsage().(*syscall.Rusage)
	user, sys := time.Duration(ru.Utime.Nano()), time.Duration(ru.Stime.Nano())
	peak := float64(ru.Maxrss) / 1024 // KiB on Linux
	printRow(n, mode, pages, files, out, wall, user, sys, peak, load)
}

// printRow prints and records one row.
func printRow(n int, mode string, pages, files int, out string, wall, user, sys time.Duration, peak float64, load []byte) {
	cpu := user + sys
	size := dirSize(out)
	p := float64(pages)
	fmt.Printf("%-5d %-9s %6d %6d %8.1f %8.2f %8.2f %7.2f %7.2f %9.0f | %9.2f %9.2f %9.1f %9.0f  %s\n",
		n, mode, pages, files, float64(size)/(1<<20), wall.Seconds(), cpu.Seconds(), user.Seconds(), sys.Seconds(), peak,
		float64(wall.Milliseconds())/p, float64(cpu.Milliseconds())/p, peak*1024/p, float64(size)/1024/float64(n),
		strings.Join(strings.Fields(string(load))[:3], " "))
	record(n, mode, pages, wall, cpu, user, peak)
}

func dirSize(dir string) int64 {
	var n int64
	filepath.WalkDir(dir, func(_ string, d fs.DirEntry, err error) error {
		if err == nil && d.Type().IsRegular() {
			if fi, err := d.Info(); err == nil {
				n += fi.Size()
			}
		}
		return nil
	})
	return n
}

func fail(err error) {
	fmt.Fprintln(os.Stderr, "bench:", err)
	os.Exit(1)
}
