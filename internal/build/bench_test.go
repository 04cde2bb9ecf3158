package build

import (
	"bytes"
	"os"
	"path/filepath"
	"strconv"
	"testing"

	"github.com/prestatie/prestatie/internal/corpus"
)

// BenchmarkRenderDefaultSite measures loading, validating and rendering the
// default site in memory (no disk writes): the whole build minus publishing.
//
//	go test ./internal/build -bench . -benchmem
func BenchmarkRenderDefaultSite(b *testing.B) {
	fsys := os.DirFS(root)
	for b.Loop() {
		if _, _, ds, err := Render(fsys, Options{}, ""); err != nil || ds.HasErrors() {
			b.Fatal(err, ds)
		}
	}
}

// BenchmarkBuildDefaultSite is the whole build, publishing included.
func BenchmarkBuildDefaultSite(b *testing.B) {
	src := copySite(b)
	for b.Loop() {
		if _, ds, err := Build(Options{Source: src}); err != nil || ds.HasErrors() {
			b.Fatal(err, ds)
		}
	}
}

// BenchmarkRenderCorpus renders a generated corpus of 20 agreements in
// memory (no disk writes), with and without PDFs; a profile of it shows
// where a large build spends its time:
//
//	go test ./internal/build -run '^$' -bench RenderCorpus -cpuprofile cpu.out
func BenchmarkRenderCorpus(b *testing.B) {
	dir := b.TempDir()
	if err := corpus.Write(dir, 20); err != nil {
		b.Fatal(err)
	}
	fsys := os.DirFS(dir)
	for _, noPDF := range []bool{false, true} {
		name := "pdf"
		if noPDF {
			name = "no-pdf"
		}
		b.Run(name, func(b *testing.B) {
			for b.Loop() {
				if _, _, ds, err := Render(fsys, Options{Source: dir, NoPDF: noPDF}, ""); err != nil || ds.HasErrors() {
					b.Fatal(err, ds)
				}
			}
		})
	}
}

// BenchmarkBuildIncremental is a whole build (to disk, with the cache)
// after one afspraak file of one agreement changed: of the default site
// (its one agreement is rendered again, with its PDF) and of a generated
// corpus of PRESTATIE_BENCH_AGREEMENTS agreements (20 by default; one of
// them is rendered again, the others linked from the cache). The first,
// cold build is not counted.
//
//	PRESTATIE_BENCH_AGREEMENTS=800 go test ./internal/build -run '^$' -bench BuildIncremental/corpus -benchtime 3x
func BenchmarkBuildIncremental(b *testing.B) {
	n := 20
	if v, err := strconv.Atoi(os.Getenv("PRESTATIE_BENCH_AGREEMENTS")); err == nil && v > 0 {
		n = v
	}
	corpusDir := func(b *testing.B) (string, string) {
		dir := b.TempDir()
		if err := corpus.Write(dir, n); err != nil {
			b.Fatal(err)
		}
		es, err := os.ReadDir(filepath.Join(dir, "content"))
		if err != nil {
			b.Fatal(err)
		}
		return dir, filepath.Join(dir, "content", es[len(es)/2].Name(), "beschikbaarheid", "nieuwbouw.md")
	}
	defaultSite := func(b *testing.B) (string, string) {
		dir := copySite(b)
		return dir, filepath.Join(dir, "content", "alphen-chaam-2023-2024", "beschikbaarheid", "nieuwbouw.md")
	}
	for _, c := range []struct {
		name  string
		site  func(b *testing.B) (dir, file string)
		noPDF bool
	}{
		{"default", defaultSite, false},
		{"default-no-pdf", defaultSite, true},
		{"corpus", corpusDir, false},
		{"corpus-no-pdf", corpusDir, true},
	} {
		b.Run(c.name, func(b *testing.B) {
			dir, file := c.site(b)
			src, err := os.ReadFile(file)
			if err != nil {
				b.Fatal(err)
			}
			opt := Options{Source: dir, NoPDF: c.noPDF}
			if _, ds, err := Build(opt); err != nil || ds.HasErrors() {
				b.Fatal(err, ds)
			}
			i := 0
			for b.Loop() {
				i++
				edited := bytes.Replace(src, []byte("title: Nieuwbouw"), []byte("title: Nieuwbouw "+strconv.Itoa(i)), 1)
				if err := os.WriteFile(file, edited, 0o644); err != nil {
					b.Fatal(err)
				}
				if _, ds, err := Build(opt); err != nil || ds.HasErrors() {
					b.Fatal(err, ds)
				}
			}
		})
	}
}
