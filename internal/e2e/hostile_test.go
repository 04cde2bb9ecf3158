package e2e

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"

	"github.com/prestatie/prestatie/internal/build"
)

// hostileSite carries script-injection payloads in every text field: site
// title, agreement, party names, labels, taglines and signatories,
// commitments and their items, targets and units, goals, progress notes
// and sources, figure titles, sources, units and goals, chapter titles,
// numbers, areas and intros, Markdown bodies (raw HTML, javascript:, data:
// and vbscript: links and images, autolinks, reference links, heading
// attributes, tables, footnotes, code) and report narratives. Every payload
// calls alert(N), where N tells which field leaked.
const hostileSite = "../../testdata/sites/hostile"

// TestHostileSiteBuilds builds the hostile site, PDF included: the payloads
// are valid content.
func TestHostileSiteBuilds(t *testing.T) {
	dest := filepath.Join(t.TempDir(), "site")
	if _, ds, err := build.Build(build.Options{Source: hostileSite, Dest: dest, BaseURL: basePath}); err != nil || ds.HasErrors() {
		t.Fatalf("build: %v %v", err, ds)
	}
	pdf, err := os.ReadFile(filepath.Join(dest, "aanval-2024-2025", "aanval-2024-2025.pdf"))
	if err != nil {
		t.Fatal(err)
	}
	if len(pdf) < 1000 || !bytes.HasPrefix(pdf, []byte("%PDF-")) || !bytes.Contains(pdf[len(pdf)-1024:], []byte("%%EOF")) {
		t.Errorf("the PDF is not a whole PDF (%d bytes)", len(pdf))
	}
}

// trap is evaluated in every frame before the page's own scripts. It
// replaces the dialog functions the payloads call, and records every
// Content-Security-Policy violation: the pages are served with the strict
// policy in report-only mode, so that an injected script would run (and be
// caught) rather than be blocked by the policy.
const trap = `(() => {
  const hits = [];
  const mark = (how, what) => {
    hits.push(how + ': ' + String(what));
    try { document.documentElement.setAttribute('data-pwned', how); } catch (e) {}
    try { if (window.top !== window) window.top.__pwned.push('in a frame: ' + how + ': ' + String(what)); } catch (e) {}
  };
  for (const f of ['alert', 'confirm', 'prompt', 'print']) window[f] = x => mark(f, x);
  Object.defineProperty(window, '__pwned', {value: hits});
  document.addEventListener('securitypolicyviolation',
    e => hits.push('CSP violation: ' + e.violatedDirective + ' ' + e.blockedURI + ' ' + e.sample), true);
  try { if (window.top !== window) window.top.__pwned.push('a frame loaded: ' + location.href); } catch (e) {}
})()`

// showTooltips shows the tooltip of every data point of every chart (the
// tooltip is HTML that ECharts builds from the option's strings) and
// collects the tooltips' text.
const showTooltips = `(async () => {
  const texts = [];
  const frame = () => new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)));
  for (const el of document.querySelectorAll('.chart[data-chart]')) {
    const chart = echarts.getInstanceByDom(el);
    if (!chart) continue;
    const series = chart.getOption().series || [];
    for (let s = 0; s < series.length; s++) {
      for (let d = 0; d < (series[s].data || []).length; d++) {
        chart.dispatchAction({type: 'showTip', seriesIndex: s, dataIndex: d});
        await frame();
        for (const div of el.querySelectorAll(':scope > div')) if (div.textContent) texts.push(div.textContent);
        chart.dispatchAction({type: 'hideTip'});
      }
    }
  }
  return texts;
})()`

// injected lists what the page holds that the templates never write:
// scripts other than the site's own and the charts' JSON options, frames,
// objects, style elements, SVG outside the charts, forms and fields other
// than the live filter and the search page's form, images with an address, meta refreshes, base and
// foreign links, event-handler attributes, srcdoc and formaction, and
// javascript:, vbscript: or data: addresses.
const injected = `((base) => {
  const bad = [];
  const desc = el => el.outerHTML.slice(0, 120);
  const dangerous = v => /^(javascript|vbscript|data):/i.test(v.replace(/[\u0000-\u0020]/g, ''));
  // The search page's one form and the button search.js adds for more results.
  const searchPage = document.body.classList.contains('page-search') && document.querySelectorAll('form').length === 1;
  const search = el => searchPage && !!el.closest('main > form.search-form');
  for (const el of document.querySelectorAll('*')) {
    const chart = !!el.closest('.chart');
    switch (el.localName) {
    case 'script': {
      const src = el.getAttribute('src') || '';
      if (!(el.type === 'application/json' && !src) && !(src.startsWith(base + 'assets/') && !el.textContent)) bad.push(desc(el));
      break;
    }
    case 'iframe': case 'frame': case 'frameset': case 'object': case 'embed': case 'applet': case 'base': case 'style': case 'math': case 'template':
      bad.push(desc(el));
      break;
    case 'svg': // the site's own status bars and swatches are drawn, hidden from screen readers
      if (!chart && !(el.matches('svg.light-bar, svg.light-swatch') && el.getAttribute('aria-hidden') === 'true')) bad.push(desc(el));
      break;
    case 'meta':
      if (el.httpEquiv) bad.push(desc(el));
      break;
    case 'link':
      if (!['stylesheet', 'icon', 'canonical', 'alternate'].includes(el.rel) || (['stylesheet', 'icon'].includes(el.rel) && !el.getAttribute('href').startsWith(base + 'assets/'))) bad.push(desc(el));
      break;
    case 'form': case 'select': case 'option': case 'label':
      if (!el.closest('form.live-filter') && !search(el)) bad.push(desc(el));
      break;
    case 'input': case 'button': case 'textarea':
      if (!search(el) && !(searchPage && el.matches('button.search-more'))) bad.push(desc(el));
      break;
    case 'img':
      if (!chart && el.getAttribute('src')) bad.push(desc(el)); // a Markdown image keeps its alt text, never a dropped address
      break;
    }
    for (const a of el.attributes) {
      const name = a.name.toLowerCase();
      if (name.startsWith('on') || name === 'srcdoc' || name === 'formaction' || name === 'data-pwned' ||
          (name === 'style' && !chart && !el.matches('.chart')) ||
          (['href', 'src', 'action', 'data', 'xlink:href', 'poster', 'background', 'content'].includes(name) && dangerous(a.value))) {
        bad.push(el.localName + ' ' + name + '="' + a.value.slice(0, 60) + '"');
      }
    }
  }
  const footer = document.getElementById('voettekst');
  if (!footer || !footer.checkVisibility()) bad.push('the footer is gone: a payload swallowed or hid the rest of the page');
  return {bad, pwned: window.__pwned || ['the trap is missing'], text: document.body.textContent};
})`

type hostileReport struct {
	Bad    []string `json:"bad"`
	Pwned  []string `json:"pwned"`
	Text   string   `json:"text"`
	Kind   string   `json:"kind"`
	Charts int      `json:"charts"`
}

// TestHostileContent opens every page of the hostile site in Chromium with
// the CSP in report-only mode, shows every chart tooltip, and checks that
// no payload ran (no dialog, no trap hit, no CSP violation, no console
// error, no request elsewhere) and that none became markup; the payloads
// show as text instead.
func TestHostileContent(t *testing.T) {
	needBrowser(t)
	dir := buildSite(t, hostileSite)
	srv := serveWith(t, dir, "Content-Security-Policy-Report-Only")
	ctx := newTab(t, newBrowser(t))
	rec := record(t, ctx)
	if _, err := chromedp.Call(ctx, page.AddScriptToEvaluateOnNewDocument, page.AddScriptToEvaluateOnNewDocumentParams{Source: trap}); err != nil {
		t.Fatal(err)
	}
	// A dialog that opens all the same (the trap replaced alert) is a hit
	// too; close it so that the page goes on.
	var mu sync.Mutex
	var dialogs []string
	events := chromedp.Events(ctx, page.JavascriptDialogOpening)
	go func() {
		for ev, err := range events {
			if err != nil {
				return
			}
			mu.Lock()
			dialogs = append(dialogs, ev.URL+": "+ev.Message)
			mu.Unlock()
			go chromedp.Call(ctx, page.HandleJavaScriptDialog, page.HandleJavaScriptDialogParams{Accept: true})
		}
	}()

	pages := pagesWith(t, dir, "")
	if len(pages) < 15 {
		t.Fatalf("only %d pages: %v", len(pages), pages)
	}
	tooltips := 0
	var shown strings.Builder
	// The search quotes the payloads in its results too.
	searches := []string{"zoeken/?q=alert", "zoeken/?q=onerror+img", "zoeken/?q=script"}
	for _, p := range append(append(pages, searches...), "bestaat/niet/") {
		name := "/" + p
		pctx, cancel := timeout(ctx)
		ready := chartsReady
		if strings.Contains(p, "?q=") {
			ready = `document.querySelectorAll('.search-results > li').length > 0`
		}
		err := chromedp.Do(pctx,
			chromedp.EmulateViewport(1280, 900),
			chromedp.Navigate(srv.URL+basePath+p),
			chromedp.Poll[chromedp.Void](ready),
		)
		var tips []string
		if err == nil {
			tips, err = chromedp.Run(pctx, chromedp.Evaluate[[]string](showTooltips, chromedp.EvalAwaitPromise))
		}
		var r hostileReport
		if err == nil {
			r, err = chromedp.Run(pctx, chromedp.Evaluate[hostileReport](fmt.Sprintf("%s(%q)", injected, basePath)))
		}
		cancel()
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		tooltips += len(tips)
		for _, tip := range tips {
			shown.WriteString(tip + "\n")
		}
		shown.WriteString(r.Text + "\n")
		for _, b := range r.Bad {
			t.Errorf("%s: injected: %s", name, b)
		}
		for _, h := range r.Pwned {
			t.Errorf("%s: payload ran: %s", name, h)
		}
		problems, requests := rec.take()
		for _, m := range problems {
			if p == "bestaat/niet/" && strings.Contains(m, "404") {
				continue // the page that is not there
			}
			t.Errorf("%s: %s", name, m)
		}
		checkRequests(t, name, srv, requests)
	}
	mu.Lock()
	for _, d := range dialogs {
		t.Errorf("a dialog opened: %s", d)
	}
	mu.Unlock()

	// The test means something only if the payloads reached the pages and
	// the tooltips: they are there, as text.
	if tooltips == 0 {
		t.Error("no chart tooltip shown")
	}
	text := shown.String()
	for _, want := range []string{
		"<script>alert(1)</script>",         // site title
		"Afspraken <script>alert(10)",       // agreement title
		"Gemeente <script>alert(20)",        // party name
		"onerror=alert(42)",                 // figure source
		"Rapportage <script>alert(180)",     // report title
		"__f__function(){alert(13)}()__f__", // go-echarts function marker
	} {
		if !strings.Contains(text, want) {
			t.Errorf("payload %q is not shown as text anywhere", want)
		}
	}
}
