package main

import (
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"runtime/debug"
	"strings"
	"sync"
	"syscall"
	"time"
)

// writeAgain writes the files of the output out again into a fresh folder
// and prints the row of mode: the file system's cost of that output alone
// (the floor under the build that made it). The files are read first, so
// only the writing is measured: a folder made once each, a file created,
// written and closed, on one goroutine per core as the build does it.
func writeAgain(out string, bin *trash, n int, mode string) {
	type file struct {
		path string
		data []byte
	}
	var files []file
	pages := 0
	err := filepath.WalkDir(out, func(p string, d fs.DirEntry, err error) error {
		if err != nil || !d.Type().IsRegular() {
			return err
		}
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(out, p)
		files = append(files, file{rel, b})
		if strings.HasSuffix(p, ".html") {
			pages++
		}
		return nil
	})
	if err != nil {
		fail(err)
	}
	dest := out + "-" + mode
	bin.put(dest)
	defer bin.put(dest)
	load, _ := os.ReadFile("/proc/loadavg")
	var before, after syscall.Rusage
	syscall.Getrusage(syscall.RUSAGE_SELF, &before)
	start := time.Now()
	var dirs sync.Map
	var mkdir func(string) error
	mkdir = func(dir string) error {
		if _, ok := dirs.Load(dir); ok {
			return nil
		}
		err := os.Mkdir(dir, 0o755)
		if os.IsNotExist(err) {
			if err := mkdir(filepath.Dir(dir)); err != nil {
				return err
			}
			err = os.Mkdir(dir, 0o755)
		}
		if err != nil && !os.IsExist(err) {
			return err
		}
		dirs.Store(dir, true)
		return nil
	}
	var wg sync.WaitGroup
	errs := make([]error, runtime.GOMAXPROCS(0))
	for w := range errs {
		wg.Go(func() {
			for i := w; i < len(files); i += len(errs) {
				fp := filepath.Join(dest, files[i].path)
				if err := mkdir(filepath.Dir(fp)); err != nil {
					errs[w] = err
					return
				}
				if err := os.WriteFile(fp, files[i].data, 0o644); err != nil {
					errs[w] = err
					return
				}
			}
		})
	}
	wg.Wait()
	wall := time.Since(start)
	syscall.Getrusage(syscall.RUSAGE_SELF, &after)
	for _, err := range errs {
		if err != nil {
			fail(err)
		}
	}
	user := time.Duration(after.Utime.Nano() - before.Utime.Nano())
	sys := time.Duration(after.Stime.Nano() - before.Stime.Nano())
	count := len(files)
	// The files held hundreds of MB: give them back to the system before
	// the next build starts, whose peak would otherwise include them (a
	// child starts as a copy of this process, and its rusage counts that).
	files = nil
	debug.FreeOSMemory()
	printRow(n, mode, pages, count, dest, wall, user, sys, 0, load)
}
