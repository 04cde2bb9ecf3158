package e2e

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
)

// filterCase is one link of the filter and the static page it opens
// without JavaScript.
type filterCase struct {
	Kind string `json:"kind"`
	Key  string `json:"key"`
	Path string `json:"path"`
}

// TestLiveFilter: on the list of afspraken the filter's links, which open
// a page per choice without JavaScript, filter the table at once with it:
// every choice shows as many rows as its page, says how many, and marks
// itself as the current choice; choices of two groups combine.
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
			cases, err := chromedp.Run(pctx, chromedp.Evaluate[[]filterCase](`[...document.querySelectorAll('nav.filters a[data-filter]')]
				.filter(a => a.dataset.key).map(a => ({kind: a.dataset.filter, key: a.dataset.key, path: a.getAttribute('href')}))`))
			if err != nil {
				t.Fatal(err)
			}
			if len(cases) < 5 {
				t.Fatalf("only %d choices in the filter", len(cases))
			}
			if forms, _ := chromedp.Run(pctx, chromedp.Evaluate[int](`document.querySelectorAll('main form, main select').length`)); forms != 0 {
				t.Errorf("a second filter interface (%d form elements) beside the links", forms)
			}
			for _, c := range cases {
				static, err := os.ReadFile(filepath.Join(dir, filepath.FromSlash(strings.TrimPrefix(c.Path, basePath)), "index.html"))
				if err != nil {
					t.Errorf("%s=%s: no page for this choice: %v", c.Kind, c.Key, err)
					continue
				}
				want := strings.Count(string(static), "<tr data-deel=")
				got, err := chromedp.Run(pctx, chromedp.Evaluate[[]string](fmt.Sprintf(`(() => {
					const nav = document.querySelector('nav.filters');
					for (const a of nav.querySelectorAll('a[data-filter][data-key=""]')) a.click();
					const link = nav.querySelector('a[data-filter=%q][data-key=%q]');
					link.click();
					const shown = [...document.querySelectorAll('table.commitment-table tbody tr')].filter(tr => !tr.hidden).length;
					return [String(shown), nav.querySelector('.live-count').textContent, String(link.getAttribute('aria-current')), location.pathname];
				})()`, c.Kind, c.Key)))
				if err != nil {
					t.Fatal(err)
				}
				if got[0] != fmt.Sprint(want) {
					t.Errorf("%s=%s: %s rows shown, the page of this choice has %d", c.Kind, c.Key, got[0], want)
				}
				wantCount := fmt.Sprintf("%d afspraken getoond", want)
				if want == 1 {
					wantCount = "1 afspraak getoond"
				}
				if got[1] != wantCount {
					t.Errorf("%s=%s: says %q, want %q", c.Kind, c.Key, got[1], wantCount)
				}
				if got[2] != "true" || !strings.HasSuffix(got[3], list) {
					t.Errorf("%s=%s: aria-current %s, at %s: the link should filter in place and mark itself", c.Kind, c.Key, got[2], got[3])
				}
			}
			// Two groups combine: a status and a party together show no
			// more rows than either alone.
			both, err := chromedp.Run(pctx, chromedp.Evaluate[[]int](`(() => {
				const nav = document.querySelector('nav.filters');
				const shown = () => [...document.querySelectorAll('table.commitment-table tbody tr')].filter(tr => !tr.hidden).length;
				for (const a of nav.querySelectorAll('a[data-filter][data-key=""]')) a.click();
				nav.querySelector('a[data-filter="status"][data-key]:not([data-key=""])').click();
				const one = shown();
				nav.querySelector('a[data-filter="partij"][data-key]:not([data-key=""])').click();
				return [one, shown()];
			})()`))
			if err != nil {
				t.Fatal(err)
			}
			if both[1] > both[0] {
				t.Errorf("status and party together show %d rows, the status alone %d", both[1], both[0])
			}
			if problems, _ := rec.take(); len(problems) > 0 {
				t.Errorf("%q", problems)
			}
		})
	}
}
