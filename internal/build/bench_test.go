package build

import (
	"os"
	"testing"
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
