package build

import (
	"os"
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
