package charts

import (
	"os"
	"testing"

	"github.com/prestatie/prestatie/internal/content"
)

// allCharts builds every chart of the default site and the regio test site.
func allCharts(t *testing.T) []*Chart {
	t.Helper()
	var cs []*Chart
	for _, dir := range []string{"../..", "../../testdata/sites/regio"} {
		s, ds := content.Load(os.DirFS(dir), content.Options{})
		if ds.HasErrors() {
			t.Fatal(ds)
		}
		for _, ag := range s.Agreements {
			cs = append(cs, Figures(ag.Figures)...)
			for _, ch := range ag.Chapters {
				cs = append(cs, Figures(ch.Figures)...)
				for _, af := range ch.Afspraken {
					cs = append(cs, Figures(af.Figures)...)
				}
			}
			at := ag.LatestReport()
			for _, c := range []*Chart{Status(ag, at), Targets(ag, at)} {
				if c != nil {
					cs = append(cs, c)
				}
			}
		}
	}
	if len(cs) < 10 {
		t.Fatalf("only %d charts", len(cs))
	}
	return cs
}
