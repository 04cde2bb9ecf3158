package e2e

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
)

// filterCase is one choice of the live filter and the static page of the
// same choice.
type filterCase struct {
	Select string `json:"select"`
	Value  string `json:"value"`
}

// TestLiveFilter: on the list of afspraken, every choice of the live
// filter (onderdeel, partij, status) shows as many rows as the page that
// filters the same way without JavaScript, and says how many.
func TestLiveFilter(t *testing.T) {
	needBrowser(t)
	for _, s := range []struct{ name, src, ag string }{
		{"default", "../..", "alphen-chaam-2023-2024"},
		{"regionaal", "../../testdata/sites/regionaal", "regio-hart-2023-2026"},
	} {
		t.Run(s.name, func(t *testing.T) {
			dir := buildSite(t, s.src)
			srv := serve(t, dir)
			ctx := newTab(t, newBrowser(t))
			rec := record(t, ctx)
			list := s.ag + "/voortgang/afspraken/"
			pctx, cancel := timeout(ctx)
			defer cancel()
			if err := chromedp.Do(pctx, chromedp.Navigate(srv.URL+basePath+list)); err != nil {
				t.Fatal(err)
			}
			cases, err := chromedp.Run(pctx, chromedp.Evaluate[[]filterCase](`[...document.querySelectorAll('form.live-filter select')]
				.flatMap(s => [...s.options].filter(o => o.value).map(o => ({select: s.name, value: o.value})))`))
			if err != nil {
				t.Fatal(err)
			}
			if len(cases) < 5 {
				t.Fatalf("only %d choices in the live filter", len(cases))
			}
			for _, c := range cases {
				static, err := os.ReadFile(filepath.Join(dir, filepath.FromSlash(list), c.Select, c.Value, "index.html"))
				if err != nil {
					t.Errorf("%s=%s: no page for this choice: %v", c.Select, c.Value, err)
					continue
				}
				want := strings.Count(string(static), "<tr data-deel=")
				got, err := chromedp.Run(pctx, chromedp.Evaluate[[]string](fmt.Sprintf(`(() => {
					const f = document.querySelector('form.live-filter');
					for (const s of f.querySelectorAll('select')) s.value = s.name === %q ? %q : '';
					f.dispatchEvent(new Event('change'));
					const shown = [...document.querySelectorAll('table.commitment-table tbody tr')].filter(tr => !tr.hidden).length;
					return [String(shown), f.querySelector('.live-count').textContent];
				})()`, c.Select, c.Value)))
				if err != nil {
					t.Fatal(err)
				}
				if got[0] != fmt.Sprint(want) {
					t.Errorf("%s=%s: %s rows shown, the page of this choice has %d", c.Select, c.Value, got[0], want)
				}
				wantCount := fmt.Sprintf("%d afspraken getoond", want)
				if want == 1 {
					wantCount = "1 afspraak getoond"
				}
				if got[1] != wantCount {
					t.Errorf("%s=%s: says %q, want %q", c.Select, c.Value, got[1], wantCount)
				}
			}
			if problems, _ := rec.take(); len(problems) > 0 {
				t.Errorf("%q", problems)
			}
		})
	}
}
