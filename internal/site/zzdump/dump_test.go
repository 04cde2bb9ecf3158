package zzdump

import (
	"fmt"
	"os"
	"strings"
	"testing"

	a "github.com/prestatie/prestatie/internal/agreement"
	"github.com/prestatie/prestatie/internal/content"
)

func TestDump(t *testing.T) {
	for _, dir := range []string{"../../..", "../../../testdata/sites/regio", "../../../testdata/sites/twee", "../../../testdata/sites/hostile", "../../../testdata/sites/mistakes"} {
		s, ds := content.Load(os.DirFS(dir), content.Options{})
		fmt.Println("#####", dir, ds)
		if s == nil {
			continue
		}
		for _, ag := range s.Agreements {
			fmt.Printf("AG %s %q date=%v signing=%q num=%q pre=%q groups=%d partof=%v\n", ag.ID, ag.Title, ag.Date, ag.Signing, ag.Numbering, ag.PreambleTitle, len(ag.Groups), ag.PartOf != nil)
			var items func(its []*a.Item, ind string)
			items = func(its []*a.Item, ind string) {
				for _, it := range its {
					fmt.Printf("%s- [%s] %s n=%q bind=%v due=%v prog=%d %q\n", ind, it.Kind, it.ID, it.Number, !it.Binding.None(), it.Due(), len(it.Progress), trunc(it.Text))
					items(it.Items, ind+"  ")
				}
			}
			items(ag.Items, "  ")
			ag.EachSection(func(s *a.Section) {
				ind := strings.Repeat("  ", s.Depth())
				fmt.Printf("%sS %s num=%q %q annex=%v figs=%d\n", ind, s.ID, s.Number, s.Title, s.Annex, len(s.Figures))
				items(s.Items, ind+"  ")
			})
		}
	}
}

func trunc(s string) string {
	if len(s) > 50 {
		return s[:50]
	}
	return s
}
