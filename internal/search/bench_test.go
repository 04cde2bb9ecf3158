package search_test

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/prestatie/prestatie/internal/build"
	"github.com/prestatie/prestatie/internal/corpus"
	"github.com/prestatie/prestatie/internal/search"
)

// BenchmarkIndex measures what the search index adds to a build: reading
// the searchable pages of a corpus of 10 agreements and writing the index
// (all), or adding them again from what it kept of them (again).
func BenchmarkIndex(b *testing.B) {
	src := filepath.Join(b.TempDir(), "corpus")
	if err := corpus.Write(src, 10); err != nil {
		b.Fatal(err)
	}
	dest := filepath.Join(b.TempDir(), "site")
	if _, ds, err := build.Build(build.Options{Source: src, Dest: dest, NoPDF: true}); err != nil || ds.HasErrors() {
		b.Fatal(err, ds)
	}
	kind := regexp.MustCompile(`<body class="page-(agreement|section|report)"`)
	type page struct {
		path string
		data []byte
	}
	var pages []page
	var size int64
	filepath.WalkDir(dest, func(p string, d os.DirEntry, err error) error {
		if err != nil || !strings.HasSuffix(p, "index.html") {
			return err
		}
		data, err := os.ReadFile(p)
		if err == nil && kind.Match(data) {
			rel, _ := filepath.Rel(dest, filepath.Dir(p))
			pages = append(pages, page{filepath.ToSlash(rel) + "/", data})
			size += int64(len(data))
		}
		return err
	})
	b.SetBytes(size)
	b.Run("extract", func(b *testing.B) {
		cpu := startCPU(b)
		for b.Loop() {
			for _, p := range pages {
				search.Extract(p.path, p.data)
			}
		}
		cpu.report(b)
	})
	b.Run("all", func(b *testing.B) {
		cpu := startCPU(b)
		for b.Loop() {
			x := search.New()
			for i, p := range pages {
				x.Add(i, p.path, p.data)
			}
			if files, err := x.Files(); err != nil || len(files) < len(pages) {
				b.Fatal("too few files")
			}
		}
		cpu.report(b)
		b.ReportMetric(float64(len(pages)), "pages")
	})
	// Every page reused, as in an incremental build: added again from
	// what the index kept of it, its file not made.
	kept := make([]search.Page, len(pages))
	x := search.New()
	for i, p := range pages {
		kept[i] = x.AddDoc(i, search.Extract(p.path, p.data))
	}
	b.Run("again", func(b *testing.B) {
		cpu := startCPU(b)
		for b.Loop() {
			x := search.New()
			for i, p := range pages {
				if err := x.AddPage(i, p.path, kept[i]); err != nil {
					b.Fatal(err)
				}
			}
			if _, err := x.Files(); err != nil {
				b.Fatal(err)
			}
		}
		cpu.report(b)
	})
}

// cpuClock is the CPU time of the process (user and system, all threads,
// the garbage collector's included): on a machine shared with other
// work, steadier than the wall clock the benchmark reports.
type cpuClock time.Duration

func startCPU(b *testing.B) cpuClock {
	b.Helper()
	return cpuClock(cpuTime())
}

func (c cpuClock) report(b *testing.B) {
	b.ReportMetric(float64(cpuTime()-time.Duration(c))/float64(b.N), "cpu-ns/op")
}
