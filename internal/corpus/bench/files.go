package main

import (
	"encoding/json"
	"fmt"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"syscall"
	"time"
)

// writeAgain writes the files of the output out again into a fresh folder
// and prints the row of mode: the file system's cost of that output alone
// (the floor under the build that made it). A child process does it (this
// program with -write-again), so that the benchmark itself never holds the
// output: a later build's child would count it in its peak memory.
func writeAgain(out string, aside *trash, n int, mode string) {
	dest := out + "-" + mode
	aside.put(dest)
	defer aside.put(dest)
	load, _ := os.ReadFile("/proc/loadavg")
	self, err := os.Executable()
	if err != nil {
		fail(err)
	}
	cmd := exec.Command(self, "-write-again", out, dest)
	cmd.Stderr = os.Stderr
	b, err := cmd.Output()
	if err != nil {
		fail(fmt.Errorf("%s: %v", mode, err))
	}
	var r written
	if err := json.Unmarshal(b, &r); err != nil {
		fail(err)
	}
	printRow(n, mode, r.Pages, r.Files, dest, r.Wall, r.User, r.Sys, 0, load)
}

// written is what a -write-again child reports of its writing alone.
type written struct {
	Pages, Files    int
	Wall, User, Sys time.Duration
}

// writeAgainChild reads every file below src, then writes them below dest
// as the build does (a folder made once each, a file created, written and
// closed, one goroutine per core) and prints the figures of the writing.
func writeAgainChild(src, dest string) {
	type file struct {
		path string
		data []byte
	}
	var files []file
	pages := 0
	err := filepath.WalkDir(src, func(p string, d fs.DirEntry, err error) error {
		if err != nil || !d.Type().IsRegular() {
			return err
		}
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(src, p)
		files = append(files, file{rel, b})
		if strings.HasSuffix(p, ".html") {
			pages++
		}
		return nil
	})
	if err != nil {
		fail(err)
	}
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
	json.NewEncoder(os.Stdout).Encode(written{
		Pages: pages, Files: len(files), Wall: wall,
		User: time.Duration(after.Utime.Nano() - before.Utime.Nano()),
		Sys:  time.Duration(after.Stime.Nano() - before.Stime.Nano()),
	})
}
