package charts

import (
	"testing"
	"testing/fstest"

	a "github.com/prestatie/prestatie/internal/agreement"
	"github.com/prestatie/prestatie/internal/content"
	"github.com/prestatie/prestatie/internal/corpus"
)

// BenchmarkCorpusCharts builds every chart of a generated corpus of four
// agreements, as the site does for its pages, with the JSON and CSV
// downloads.
func BenchmarkCorpusCharts(b *testing.B) {
	fsys := fstest.MapFS{}
	for p, text := range corpus.Files(4) {
		fsys[p] = &fstest.MapFile{Data: []byte(text)}
	}
	s, ds := content.Load(fsys, content.Options{})
	if ds.HasErrors() {
		b.Fatal(ds)
	}
	for b.Loop() {
		var cs []*Chart
		for _, ag := range s.Agreements {
			cs = append(cs, Figures(ag.Figures)...)
			ag.EachSection(func(s *a.Section) { cs = append(cs, Figures(s.Figures)...) })
			at := ag.AsOf()
			for _, c := range []*Chart{Status(ag, at), Targets(ag, at)} {
				if c != nil {
					cs = append(cs, c)
				}
			}
		}
		for _, c := range cs {
			if _, err := c.JSON(); err != nil {
				b.Fatal(err)
			}
			c.CSV()
		}
	}
}
