package charts

import (
	a "github.com/prestatie/prestatie/internal/agreement"
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
			ag.EachSection(func(s *a.Section) { cs = append(cs, Figures(s.Figures)...) })
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
