package pdf

import (
	"testing"
	"testing/fstest"

	"github.com/prestatie/prestatie/internal/content"
	"github.com/prestatie/prestatie/internal/corpus"
)

// BenchmarkRenderCorpus renders 16 different agreements of the synthetic
// corpus (make bench-scale) in turn, as a build does: what one PDF costs
// when the caches of the process (fonts, layout) hold other documents.
// ns/op and allocs/op are per PDF.
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
	b.ReportAllocs()
	i := 0
	for b.Loop() {
		if _, err := Render(s.Agreements[i%len(s.Agreements)], Options{}); err != nil {
			b.Fatal(err)
		}
		i++
	}
}
