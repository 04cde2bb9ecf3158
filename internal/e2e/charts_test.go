package e2e

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// chartState is what the page says about its charts once they are drawn.
type chartState struct {
	ID        string   `json:"id"`
	Hidden    bool     `json:"hidden"`
	SVGs      int      `json:"svgs"`
	Width     float64  `json:"width"`
	Height    float64  `json:"height"`
	BoxWidth  float64  `json:"boxWidth"`
	AriaLabel string   `json:"ariaLabel"`
	TableOpen bool     `json:"tableOpen"`
	Outside   []string `json:"outside"`  // texts drawn outside the chart's box
	Overlaps  []string `json:"overlaps"` // legend items drawn over another text
	English   []string `json:"english"`  // numbers written 1,234 or 14.3
}

type pageState struct {
	Charts      []chartState `json:"charts"`
	ScrollWidth float64      `json:"scrollWidth"`
	ViewWidth   float64      `json:"viewWidth"`
}

// inspect waits until every chart element holds an SVG, then reports on
// them. The script only reads the page.
const inspect = `(() => {
  const charts = [...document.querySelectorAll('.chart[data-chart]')].map(el => {
    const svg = el.querySelector('svg');
    const box = el.getBoundingClientRect();
    const r = svg ? svg.getBoundingClientRect() : {width: 0, height: 0};
    const outside = [];
    if (svg) for (const t of svg.querySelectorAll('text')) {
      const b = t.getBoundingClientRect();
      if (b.width === 0) continue;
      if (b.left < box.left - 1 || b.right > box.right + 1 || b.top < box.top - 1 || b.bottom > box.bottom + 1) outside.push(t.textContent);
    }
    const opt = JSON.parse(document.getElementById(el.getAttribute('data-chart')).textContent);
    const legend = new Set(opt.legend && opt.legend.show !== false ? (opt.legend.data || (opt.series || []).map(s => s.name)) : []);
    const texts = svg ? [...svg.querySelectorAll('text')].map(t => ({t: t.textContent, r: t.getBoundingClientRect()}))
      .filter(x => x.r.width > 0 && x.t !== 'Illustratief') : [];
    const meets = (a, b) => a.left < b.right - 1 && b.left < a.right - 1 && a.top < b.bottom - 1 && b.top < a.bottom - 1;
    const overlaps = [], english = [];
    for (const l of texts.filter(x => legend.has(x.t))) {
      for (const o of texts.filter(x => !legend.has(x.t))) if (meets(l.r, o.r)) overlaps.push(l.t + ' / ' + o.t);
    }
    for (const x of texts) if (/^(ca\. )?\d{1,3}(,\d{3})+%?$|^(ca\. )?\d+\.\d{1,2}%?$/.test(x.t)) english.push(x.t);
    const details = el.closest('figure').querySelector('details.chart-data');
    return {id: el.id, hidden: el.hidden, svgs: el.querySelectorAll('svg').length, width: r.width, height: r.height,
      boxWidth: box.width, ariaLabel: el.getAttribute('aria-label') || '', tableOpen: details ? details.open : false, outside,
      overlaps, english};
  });
  return {charts, scrollWidth: document.documentElement.scrollWidth, viewWidth: document.documentElement.clientWidth};
})()`

// TestChartsDraw opens every page with a chart of the built default site
// (and of the test site with every kind of figure), at desktop and at two
// phone widths, under a sub-path and a strict CSP: every chart draws an SVG
// of non-zero size with an accessible label, its texts stay inside the
// chart, its legend covers no other text, its numbers are Dutch (1.234,
// 14,3%), its table folds away, the page does not scroll sideways, there is
// no console error, and no request goes to another host.
func TestChartsDraw(t *testing.T) {
	needBrowser(t)
	ctx := newBrowser(t)
	rec := record(t, ctx)
	for name, src := range map[string]string{"default": "../..", "regio": "../../testdata/sites/regio"} {
		t.Run(name, func(t *testing.T) { chartPages(t, ctx, rec, name, src) })
	}
}

func chartPages(t *testing.T, ctx context.Context, rec *recorder, site, src string) {
	dir := buildSite(t, src)
	pages := pagesWith(t, dir, `class="chart"`)
	// The default site has three: its stock and its homes with label E, F
	// or G are single numbers, shown as number cards without a drawing.
	if len(pages) < 3 {
		t.Fatalf("only %d pages with charts: %v", len(pages), pages)
	}
	srv := serve(t, dir)
	shots := os.Getenv("PRESTATIE_SCREENSHOTS")
	rec.take() // forget what came before

	for _, width := range []int64{1280, 375, 320} {
		for _, p := range pages {
			name := fmt.Sprintf("%s@%d", p, width)
			pctx, cancel := timeout(ctx)
			err := chromedp.Do(pctx,
				chromedp.EmulateViewport(width, 900),
				chromedp.Navigate(srv.URL+basePath+p),
			)
			if err == nil {
				// Wait until charts.js has drawn and laid out every chart.
				_, err = chromedp.Run(pctx, chromedp.Poll[chromedp.Void](chartsReady))
			}
			var st pageState
			if err == nil {
				st, err = chromedp.Run(pctx, chromedp.Evaluate[pageState](inspect))
			}
			if err == nil && shots != "" {
				var png []byte
				if png, err = chromedp.Run(pctx, chromedp.FullScreenshot(100)); err == nil {
					file := filepath.Join(shots, fmt.Sprintf("%s_%s-%d.png", site, strings.NewReplacer("/", "_").Replace(strings.Trim(p, "/")), width))
					err = os.WriteFile(file, png, 0o644)
				}
			}
			cancel()
			if err != nil {
				t.Fatalf("%s: %v", name, err)
			}
			if len(st.Charts) == 0 {
				t.Errorf("%s: no chart", name)
			}
			for _, c := range st.Charts {
				switch {
				case c.Hidden:
					t.Errorf("%s: chart %s still hidden", name, c.ID)
				case c.SVGs != 1 || c.Width <= 0 || c.Height <= 0:
					t.Errorf("%s: chart %s has %d svg of %gx%g", name, c.ID, c.SVGs, c.Width, c.Height)
				case c.Width > c.BoxWidth+1:
					t.Errorf("%s: chart %s is %g px wide in a box of %g", name, c.ID, c.Width, c.BoxWidth)
				case c.AriaLabel == "":
					t.Errorf("%s: chart %s has no aria-label", name, c.ID)
				case c.TableOpen:
					t.Errorf("%s: chart %s drawn, but its table did not fold away", name, c.ID)
				case len(c.Outside) > 0:
					t.Errorf("%s: chart %s draws text outside its box: %q", name, c.ID, c.Outside)
				case len(c.Overlaps) > 0:
					t.Errorf("%s: chart %s draws its legend over other texts: %q", name, c.ID, c.Overlaps)
				case len(c.English) > 0:
					t.Errorf("%s: chart %s writes numbers the English way: %q", name, c.ID, c.English)
				}
			}
			if st.ScrollWidth > st.ViewWidth+1 {
				t.Errorf("%s: page scrolls sideways (%g > %g)", name, st.ScrollWidth, st.ViewWidth)
			}
			problems, requests := rec.take()
			for _, m := range problems {
				t.Errorf("%s: %s", name, m)
			}
			checkRequests(t, name, srv, requests)
		}
	}
}

// TestChartsFollowTheViewport opens the agreement page wide, then narrows
// the viewport to a phone's: every chart redraws at its new width.
func TestChartsFollowTheViewport(t *testing.T) {
	needBrowser(t)
	dir := buildSite(t, "../..")
	srv := serve(t, dir)
	ctx := newBrowser(t)
	rec := record(t, ctx)
	pctx, cancel := timeout(ctx)
	defer cancel()
	const ready = chartsReady
	if err := chromedp.Do(pctx,
		chromedp.EmulateViewport(1280, 900),
		chromedp.Navigate(srv.URL+basePath+"alphen-chaam-2023-2024/"),
		chromedp.Poll[chromedp.Void](ready),
		chromedp.EmulateViewport(320, 900),
		// Redrawn at the new width: the SVG as wide as its element, and that
		// within the phone's width.
		chromedp.Poll[chromedp.Void](ready+` && [...document.querySelectorAll('.chart[data-chart]')].every(el => {
			const w = el.querySelector('svg').getBoundingClientRect().width;
			return el.clientWidth <= 320 && Math.abs(w - el.clientWidth) <= 1;
		})`, chromedp.WithPollingTimeout(10*time.Second)),
	); err != nil {
		t.Fatalf("charts did not follow the viewport: %v", err)
	}
	problems, requests := rec.take()
	for _, m := range problems {
		t.Error(m)
	}
	checkRequests(t, "agreement page", srv, requests)
}
