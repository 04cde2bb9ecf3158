package pdf

import (
	"testing"
	"testing/fstest"

	"github.com/prestatie/prestatie/internal/content"
	"github.com/prestatie/prestatie/internal/corpus"
)

// BenchmarkRenderCorpus renders 16 different agreements of the synthetic
// corpus (make bench-scale) in turn, as a build does: what one PDF costs
// when the caches of the process (parsed fonts, subsets, layout) hold
// other documents ("shared"; the synthetic agreements share much of their
// text), and when every document starts with empty subset and layout
// caches, as if no two agreements shared a sentence or a set of characters
// ("cold", the worst case). ns/op and allocs/op are per PDF; kept-faces/op
// is how many of a PDF's faces were written from kept objects
// (faceobjects.go).
func BenchmarkRenderCorpus(b *testing.B) {
	const n = 16
	fsys := fstest.MapFS{}
	for path, text := range corpus.Files(n) {
		fsys[path] = &fstest.MapFile{Data: []byte(text)}
	}
	s, ds := content.Load(fsys, content.Options{})
	if ds.HasErrors() {
		b.Fatal(ds)
	}
	for _, cold := range []bool{false, true} {
		b.Run(map[bool]string{false: "shared", true: "cold"}[cold], func(b *testing.B) {
			b.ReportAllocs()
			kept := facesKept.Load()
			i := 0
			for b.Loop() {
				if cold {
					layouts = recent[[]line]{size: layoutCacheSize}
					subsets = recent[*subsetEntry]{size: subsetCacheSize}
					faceObjectsCache = recent[*faceObjects]{size: faceObjectsSize}
				}
				if _, err := Render(s.Agreements[i%len(s.Agreements)], Options{}); err != nil {
					b.Fatal(err)
				}
				i++
			}
			b.ReportMetric(float64(facesKept.Load()-kept)/float64(b.N), "kept-faces/op")
		})
	}
}
