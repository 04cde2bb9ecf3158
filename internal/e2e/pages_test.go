package e2e

import (
	"context"
	"fmt"
	"maps"
	"net/http/httptest"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"
)

// testSites are the sites whose every page the browser visits: the default
// site (the repository), one with fifteen parties and every kind of
// onderdeel and figure, one with three agreements and report narratives,
// one whose numbering restarts inside onderdelen three levels deep with
// unnumbered wijken and two bijlagen, a regional family (a regional
// agreement, local ones under it, one replacing another, no date), and one
// in the house style of an NL Design System token package.
//
// The first three are visited page by page; of the others, which add
// shapes rather than page types, the largest page of every kind is visited,
// so the suite stays within its time on a busy machine.
var testSites = []struct {
	name, src string
	reports   bool // has progress, so report pages
	sample    bool // one page of each kind, not every page
}{
	{"default", "../..", true, false},
	{"regio", "../../testdata/sites/regio", true, false},
	{"twee", "../../testdata/sites/twee", true, false},
	{"nummering", "../../testdata/sites/nummering", false, true},
	{"regionaal", "../../testdata/sites/regionaal", false, true},
	{"huisstijl", "../../testdata/sites/huisstijl", true, true}, // NL Design System tokens from npm
}

// phoneWidth is the viewport width of the page checks: a common phone.
const phoneWidth = 375

// chartsReady is true once charts.js has drawn and laid out every chart of
// the page (at once on a page without charts). ECharts loads only when a
// chart comes into view, so it scrolls to the first chart not yet drawn,
// and back to the top once all are.
const chartsReady = `(() => {
  const todo = [...document.querySelectorAll('.chart[data-chart]')].find(el => !(el.hasAttribute('data-ready') && el.querySelector('svg')));
  if (todo) { (todo.closest('figure') || todo.parentNode).scrollIntoView(); return false; }
  if (window.scrollY) window.scrollTo(0, 0);
  return true;
})()`

// pageInfo is what the page check reads from a page with JavaScript on.
type pageInfo struct {
	Kind   string `json:"kind"`
	H1     string `json:"h1"`
	Charts []struct {
		ID     string  `json:"id"`
		Hidden bool    `json:"hidden"`
		Width  float64 `json:"width"`
		Height float64 `json:"height"`
	} `json:"charts"`
	ScrollWidth float64  `json:"scrollWidth"`
	ClientWidth float64  `json:"clientWidth"`
	Wide        []string `json:"wide"` // elements that stick out on the right
	ShownHidden []string `json:"shownHidden"`
	// StatusOut are status cells of tables not wholly inside the viewport
	// or their scrolling region: seen only after scrolling sideways.
	StatusOut []string `json:"statusOut"`
	// CellsOut are table cells (any table, folded chart tables opened)
	// whose text is not wholly inside the viewport, outside wideAllowed.
	CellsOut []string `json:"cellsOut"`
	// Glance is where the summary at the top of an agreement page ends
	// (its counts and what the last rapportage changed), from the top of
	// the page: -1 without one. HasAfspraken says whether
	// the page should have one.
	Glance       float64 `json:"glance"`
	HasAfspraken bool    `json:"hasAfspraken"`
}

// firstScreen is the height of a phone's first screen (375×740): the
// summary of an agreement must end above it.
const firstScreen = 740

// shownHidden lists the elements marked hidden that are shown all the
// same (a display rule of the style sheet beats the hidden attribute).
const shownHidden = `const shownHidden = () => [...document.querySelectorAll('[hidden]')]
  .filter(el => el.checkVisibility()).map(el => el.outerHTML.slice(0, 80));`

// wideAllowed selects the regions whose table cells may lie beyond the
// right edge of a phone, to be scrolled to sideways. None: the tables of
// status, party and target, the chart tables and the wide tables of the
// text all become cards below 600 px, and narrow tables fit.
const wideAllowed = `const wideAllowed = ':not(*)';`

const readPage = shownHidden + wideAllowed + `(() => {
  const de = document.documentElement;
  const charts = [...document.querySelectorAll('.chart[data-chart]')].map(el => {
    const svg = el.querySelector('svg');
    const r = svg ? svg.getBoundingClientRect() : {width: 0, height: 0};
    return {id: el.id, hidden: el.hidden, width: r.width, height: r.height};
  });
  const wide = [];
  if (de.scrollWidth > de.clientWidth) for (const el of document.body.querySelectorAll('*')) {
    const r = el.getBoundingClientRect();
    if (r.right > de.clientWidth + 1 && wide.length < 5) wide.push(el.tagName.toLowerCase() + (el.className && typeof el.className === 'string' ? '.' + el.className.trim().replace(/\s+/g, '.') : '') + ' ' + Math.round(r.right) + 'px');
  }
  const statusOut = [];
  for (const c of document.querySelectorAll('main td.status-cell')) {
    const r = c.getBoundingClientRect(), w = c.closest('.table-wrap');
    const right = Math.min(de.clientWidth, w ? w.getBoundingClientRect().right : de.clientWidth);
    if ((r.left < 0 || r.right > right + 1) && statusOut.length < 3) statusOut.push(c.textContent.trim().slice(0, 40) + ' ' + Math.round(r.left) + '-' + Math.round(r.right) + 'px');
  }
  // Every table cell's text, the folded chart tables opened for the count.
  const cellsOut = [];
  const folded = [...document.querySelectorAll('main details:not([open])')].filter(d => d.querySelector('table'));
  folded.forEach(d => { d.open = true; });
  // Headers hidden for the eye (a card's thead) are read, not seen.
  const clipped = el => { for (let e = el; e; e = e.parentElement) { if (getComputedStyle(e).clipPath !== 'none') return true; } return false; };
  for (const c of document.querySelectorAll('main th, main td')) {
    if (c.closest(wideAllowed) || clipped(c)) continue;
    const r = document.createRange();
    r.selectNodeContents(c);
    for (const b of r.getClientRects()) {
      if (b.width > 0 && (b.left < -1 || b.right > de.clientWidth + 1)) {
        if (cellsOut.length < 3) cellsOut.push((c.closest('table').caption || {}).textContent + ' / ' + c.textContent.trim().slice(0, 40) + ' ' + Math.round(b.left) + '-' + Math.round(b.right) + 'px');
        break;
      }
    }
  }
  folded.forEach(d => { d.open = false; });
  // The counts, and what the last rapportage changed, when there was one.
  const legend = document.querySelector('.glance .glance-round') || document.querySelector('.glance .light-legend') || document.querySelector('.glance .glance-at');
  return {kind: document.body.className.replace(/^page-/, ''), h1: (document.querySelector('h1') || {}).textContent || '',
    charts, scrollWidth: de.scrollWidth, clientWidth: de.clientWidth, wide, shownHidden: shownHidden(), statusOut, cellsOut,
    glance: legend ? legend.getBoundingClientRect().bottom + window.scrollY : -1,
    hasAfspraken: !!document.querySelector('.dashboard .status-counts')};
})()`

// noScriptInfo is what the page check reads from a page with JavaScript off.
type noScriptInfo struct {
	Kind        string   `json:"kind"`
	Missing     []string `json:"missing"`     // text that is not rendered
	HiddenText  []string `json:"hiddenText"`  // text in a [hidden] element other than the script-only filter and search forms
	Figures     int      `json:"figures"`     // figures with a chart and a data table
	Tables      int      `json:"tables"`      // of those, with the table open and visible
	Commitments int      `json:"commitments"` // afspraken in the text, with their state
	Shown       int      `json:"shown"`       // of those, with the state visible
	Rows        int      `json:"rows"`        // rows of the commitments table
	RowsShown   int      `json:"rowsShown"`
	Caption     string   `json:"caption"` // of the first commitments table: "N afspraken" on the list
	DrawnCharts int      `json:"drawnCharts"`
	ScrollWidth float64  `json:"scrollWidth"`
	ClientWidth float64  `json:"clientWidth"`
	ShownHidden []string `json:"shownHidden"`
}

// readNoScript walks every text node of the page: each must be rendered, or
// sit behind a closed <details> whose summary is (one click away, which
// needs no script either). Only the live filter form, which needs
// JavaScript, and the search form, which does too, may hide text.
const readNoScript = shownHidden + `(() => {
  const visible = el => !!el && el.checkVisibility({opacityProperty: true, visibilityProperty: true});
  const de = document.documentElement;
  const out = {kind: document.body.className.replace(/^page-/, ''), missing: [], hiddenText: [],
    figures: 0, tables: 0, commitments: 0, shown: 0, rows: 0, rowsShown: 0, caption: '',
    drawnCharts: document.querySelectorAll('.chart svg, .chart canvas').length,
    scrollWidth: de.scrollWidth, clientWidth: de.clientWidth, shownHidden: shownHidden()};
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let n; (n = walker.nextNode());) {
    const text = n.data.trim();
    const p = n.parentElement;
    if (!text || p.closest('script, template')) continue;
    const h = p.closest('[hidden]');
    if (h) {
      if (!h.closest('form.live-filter, form.search-form')) out.hiddenText.push(text);
      continue;
    }
    const d = p.closest('details:not([open])');
    if (d && !p.closest('summary')) {
      if (!visible(d.querySelector('summary'))) out.missing.push(text);
      continue;
    }
    const r = document.createRange();
    r.selectNodeContents(n);
    if (!visible(p) || r.getClientRects().length === 0) out.missing.push(text);
  }
  for (const f of document.querySelectorAll('figure.chart-figure')) {
    if (!f.querySelector('.chart')) continue;
    out.figures++;
    const d = f.querySelector('details.chart-data'), t = f.querySelector('table');
    if (d && d.open && visible(t) && t.offsetHeight > 0) out.tables++;
  }
  for (const meta of document.querySelectorAll('.document .commitment-meta')) {
    out.commitments++;
    const status = meta.querySelector('.status');
    if (visible(meta) && visible(status)) out.shown++;
  }
  const table = document.querySelector('table.commitment-table');
  if (table) {
    out.caption = table.caption ? table.caption.textContent : '';
    for (const tr of table.tBodies[0].rows) {
      out.rows++;
      if (visible(tr)) out.rowsShown++;
    }
  }
  return out;
})()`

// screenshotKinds are the page types of which screenshots are written, at
// phone and desktop width.
var screenshotKinds = []string{"home", "agreement", "section", "report"}

// screenshotDir is where the screenshots go: $PRESTATIE_SCREENSHOTS, else
// testdata/screenshots/ in the repository (ignored by git).
func screenshotDir(t *testing.T) string {
	t.Helper()
	dir := os.Getenv("PRESTATIE_SCREENSHOTS")
	if dir == "" {
		dir = filepath.Join("..", "..", "testdata", "screenshots")
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	abs, _ := filepath.Abs(dir)
	return abs
}

// TestEveryPage visits every built page of the test sites, served under a
// sub-path with a strict CSP, in two tabs at phone width (375 px):
//
//   - with JavaScript: no console error or exception, no failed request, no
//     request to another host or outside the base path, every chart drawn
//     as an SVG of non-zero size, nothing scrolls sideways, and zero axe-core
//     violations of the WCAG 2.1 A and AA rules;
//   - without JavaScript (emulation.setScriptExecutionDisabled): all text is
//     rendered (or one click away behind a <details>), every figure shows its
//     data table, the state of every afspraak and every row of the list of afspraken is
//     visible, nothing scrolls sideways either, and axe-core finds nothing
//     in this state (the data tables open) too.
//
// It also writes screenshots of the home, agreement, section (onderdeel)
// and report pages, at 375 and 1280 px wide, to screenshotDir, and checks that a
// missing page gets the site's 404 page with status 404.
func TestEveryPage(t *testing.T) {
	needBrowser(t)
	axe := axeSource(t)
	shots := screenshotDir(t)
	browser := newBrowser(t)
	for _, s := range testSites {
		t.Run(s.name, func(t *testing.T) {
			dir := buildSite(t, s.src)
			srv := serve(t, dir)
			pages := pagesWith(t, dir, "")
			if len(pages) < 10 {
				t.Fatalf("only %d pages: %v", len(pages), pages)
			}
			if s.sample {
				pages = largestOfEachKind(t, dir, pages, nil)
			}
			shoot := screenshotPages(t, dir, pages)
			base := srv.URL + basePath
			t.Run("script", func(t *testing.T) {
				t.Parallel()
				ctx := newTab(t, browser)
				rec := record(t, ctx)
				kinds := map[string]int{}
				for _, p := range pages {
					kind := checkPage(t, ctx, rec, srv, base, p, axe)
					kinds[kind]++
					if shoot[p] {
						screenshots(t, ctx, base+p, filepath.Join(shots, s.name+"_"+kind))
					}
				}
				for _, k := range []string{"home", "agreement", "section", "reports", "report", "commitments", "data", "accessibility", "search", "404"} {
					if kinds[k] == 0 && (k != "report" || s.reports) {
						t.Errorf("no page of kind %s among %v", k, kinds)
					}
				}
				checkNotFound(t, ctx, rec, srv, base, axe)
			})
			t.Run("noscript", func(t *testing.T) {
				t.Parallel()
				ctx := newTab(t, browser)
				rec := record(t, ctx)
				if err := scripts(ctx, false); err != nil {
					t.Fatal(err)
				}
				for _, p := range pages {
					checkNoScript(t, ctx, rec, srv, base, p, axe)
				}
			})
		})
	}
}

// newTab opens a tab in the browser of ctx; it closes with the test.
func newTab(t *testing.T, browser context.Context) context.Context {
	t.Helper()
	ctx, cancel := chromedp.NewContext(browser)
	t.Cleanup(cancel)
	if err := chromedp.Do(ctx); err != nil {
		t.Fatalf("open a tab: %v", err)
	}
	return ctx
}

// screenshotPages picks, for each kind of screenshotKinds, the largest page
// of that kind: the one with the most to look at.
func screenshotPages(t *testing.T, dir string, pages []string) map[string]bool {
	t.Helper()
	out := map[string]bool{}
	for _, p := range largestOfEachKind(t, dir, pages, screenshotKinds) {
		out[p] = true
	}
	return out
}

// largestOfEachKind picks, for each page kind (of kinds, or of all when
// kinds is nil), the largest page: the one with the most to look at.
func largestOfEachKind(t *testing.T, dir string, pages, kinds []string) []string {
	t.Helper()
	kindRe := regexp.MustCompile(`<body class="page-([a-z0-9-]+)"`)
	best := map[string]string{}
	size := map[string]int{}
	for _, p := range pages {
		file := filepath.Join(dir, filepath.FromSlash(p))
		if p == "" || strings.HasSuffix(p, "/") {
			file = filepath.Join(file, "index.html")
		}
		b, err := os.ReadFile(file)
		if err != nil {
			t.Fatal(err)
		}
		m := kindRe.FindSubmatch(b)
		if m == nil {
			continue
		}
		k := string(m[1])
		if (kinds == nil || slices.Contains(kinds, k)) && len(b) > size[k] {
			best[k], size[k] = p, len(b)
		}
	}
	var out []string
	for _, p := range pages { // in the order of pages, so runs are alike
		if slices.Contains(slices.Collect(maps.Values(best)), p) {
			out = append(out, p)
		}
	}
	return out
}

// checkPage opens one page with JavaScript and returns its kind.
func checkPage(t *testing.T, ctx context.Context, rec *recorder, srv *httptest.Server, base, p, axe string) string {
	t.Helper()
	name := "/" + p
	pctx, cancel := timeout(ctx)
	defer cancel()
	err := chromedp.Do(pctx,
		chromedp.EmulateViewport(phoneWidth, 800),
		chromedp.Navigate(base+p),
		chromedp.Poll[chromedp.Void](chartsReady),
	)
	var info pageInfo
	if err == nil {
		info, err = chromedp.Run(pctx, chromedp.Evaluate[pageInfo](readPage))
	}
	var violations []axeViolation
	if err == nil {
		violations, err = runAxe(pctx, axe)
	}
	if err != nil {
		t.Errorf("%s: %v", name, err)
		rec.take()
		return ""
	}
	if len(info.ShownHidden) > 0 {
		t.Errorf("%s: hidden elements shown: %q", name, info.ShownHidden)
	}
	if strings.TrimSpace(info.H1) == "" {
		t.Errorf("%s: no h1", name)
	}
	for _, c := range info.Charts {
		if c.Hidden || c.Width <= 0 || c.Height <= 0 {
			t.Errorf("%s: chart %s not drawn (hidden %v, svg %gx%g)", name, c.ID, c.Hidden, c.Width, c.Height)
		}
	}
	if info.ScrollWidth > info.ClientWidth {
		t.Errorf("%s: scrolls sideways at %d px (%g > %g): %q", name, phoneWidth, info.ScrollWidth, info.ClientWidth, info.Wide)
	}
	if len(info.StatusOut) > 0 {
		t.Errorf("%s: status not in view at %d px without scrolling sideways: %q", name, phoneWidth, info.StatusOut)
	}
	if len(info.CellsOut) > 0 {
		t.Errorf("%s: table text out of view at %d px (caption / cell): %q", name, phoneWidth, info.CellsOut)
	}
	if info.Kind == "agreement" && info.HasAfspraken && (info.Glance < 0 || info.Glance > firstScreen) {
		t.Errorf("%s: the summary of the afspraken and the last rapportage ends at %g px, not on the first screen (%d px)", name, info.Glance, firstScreen)
	}
	for _, v := range violations {
		t.Errorf("%s: axe: %s", name, v)
	}
	problems, requests := rec.take()
	for _, m := range problems {
		t.Errorf("%s: %s", name, m)
	}
	checkRequests(t, name, srv, requests)
	return info.Kind
}

// checkNoScript opens one page with JavaScript off.
func checkNoScript(t *testing.T, ctx context.Context, rec *recorder, srv *httptest.Server, base, p, axe string) {
	t.Helper()
	name := "/" + p + " (no script)"
	pctx, cancel := timeout(ctx)
	defer cancel()
	err := chromedp.Do(pctx,
		chromedp.EmulateViewport(phoneWidth, 800),
		chromedp.Navigate(base+p),
	)
	var info noScriptInfo
	if err == nil {
		info, err = chromedp.Run(pctx, chromedp.Evaluate[noScriptInfo](readNoScript))
	}
	// axe-core needs timers, which stop with the page's scripts: allow
	// scripts again for axe once the page has loaded without them (its own
	// scripts do not run after the fact), and stop them for the next page.
	var violations []axeViolation
	if err == nil {
		err = scripts(pctx, true)
	}
	if err == nil {
		violations, err = runAxe(pctx, axe)
		if err2 := scripts(pctx, false); err == nil {
			err = err2
		}
	}
	for _, v := range violations {
		t.Errorf("%s: axe: %s", name, v)
	}
	if err != nil {
		t.Errorf("%s: %v", name, err)
		rec.take()
		return
	}
	if info.DrawnCharts > 0 {
		t.Fatalf("%s: %d charts drawn: JavaScript is not off", name, info.DrawnCharts)
	}
	if len(info.Missing) > 0 {
		t.Errorf("%s: text not shown: %q", name, info.Missing)
	}
	if len(info.ShownHidden) > 0 {
		t.Errorf("%s: hidden elements shown: %q", name, info.ShownHidden)
	}
	if len(info.HiddenText) > 0 {
		t.Errorf("%s: text in a hidden element: %q", name, info.HiddenText)
	}
	if info.Tables != info.Figures {
		t.Errorf("%s: %d of %d figures show their data table", name, info.Tables, info.Figures)
	}
	if info.Shown != info.Commitments {
		t.Errorf("%s: the state of %d of %d afspraken shown", name, info.Shown, info.Commitments)
	}
	if info.RowsShown != info.Rows {
		t.Errorf("%s: %d of %d rows of the commitments list shown", name, info.RowsShown, info.Rows)
	}
	if info.Kind == "commitments" && info.Caption != "" {
		if n, _ := strconv.Atoi(strings.Fields(info.Caption)[0]); n != info.Rows {
			t.Errorf("%s: the commitments list says %q but has %d rows", name, info.Caption, info.Rows)
		}
	}
	if info.Kind == "commitments" && info.Rows == 0 {
		t.Errorf("%s: no afspraken on the list of afspraken", name)
	}
	if info.ScrollWidth > info.ClientWidth {
		t.Errorf("%s: scrolls sideways at %d px (%g > %g)", name, phoneWidth, info.ScrollWidth, info.ClientWidth)
	}
	problems, requests := rec.take()
	for _, m := range problems {
		t.Errorf("%s: %s", name, m)
	}
	checkRequests(t, name, srv, requests)
}

// scripts switches the page's JavaScript on or off.
func scripts(ctx context.Context, on bool) error {
	_, err := chromedp.Call(ctx, emulation.SetScriptExecutionDisabled, emulation.SetScriptExecutionDisabledParams{Value: !on})
	return err
}

// screenshots writes full-page screenshots of url at phone and desktop
// width to prefix-375.png and prefix-1280.png. The tab is at phone width.
func screenshots(t *testing.T, ctx context.Context, url, prefix string) {
	t.Helper()
	pctx, cancel := timeout(ctx)
	defer cancel()
	for _, w := range []int64{phoneWidth, 1280} {
		err := chromedp.Do(pctx,
			chromedp.EmulateViewport(w, 900),
			chromedp.Navigate(url),
			chromedp.Poll[chromedp.Void](chartsReady),
		)
		var png []byte
		if err == nil {
			png, err = chromedp.Run(pctx, chromedp.FullScreenshot(100))
		}
		if err == nil {
			err = os.WriteFile(fmt.Sprintf("%s-%d.png", prefix, w), png, 0o644)
		}
		if err != nil {
			t.Errorf("screenshot of %s at %d px: %v", url, w, err)
		}
	}
}

// checkNotFound asks for a page that does not exist: the server answers
// 404 with the site's 404 page, which must itself be in order.
func checkNotFound(t *testing.T, ctx context.Context, rec *recorder, srv *httptest.Server, base, axe string) {
	t.Helper()
	missing := base + "bestaat/niet/"
	pctx, cancel := timeout(ctx)
	defer cancel()
	resp, err := chromedp.Run(pctx, chromedp.NavigateResponse(missing))
	if err != nil {
		t.Fatalf("404 page: %v", err)
	}
	if resp.Status != 404 {
		t.Errorf("%s: status %d, want 404", missing, resp.Status)
	}
	info, err := chromedp.Run(pctx, chromedp.Evaluate[pageInfo](readPage))
	if err != nil {
		t.Fatal(err)
	}
	if info.Kind != "404" {
		t.Errorf("%s: page of kind %q, want the site's 404 page", missing, info.Kind)
	}
	violations, err := runAxe(pctx, axe)
	if err != nil {
		t.Fatal(err)
	}
	for _, v := range violations {
		t.Errorf("404 page: axe: %s", v)
	}
	problems, requests := rec.take()
	for _, m := range problems {
		// The one expected failure: the page itself.
		if strings.Contains(m, "404") && (strings.Contains(m, missing) || strings.HasPrefix(m, "log: Failed to load resource")) {
			continue
		}
		t.Errorf("404 page: %s", m)
	}
	checkRequests(t, "404 page", srv, requests)
}
