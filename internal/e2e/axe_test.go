package e2e

import (
	"context"
	"fmt"
	"os"
	"strings"
	"testing"

	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"
)

// axePath is axe-core's browser bundle, installed from npm (package.json,
// pinned by package-lock.json) by make test.
const axePath = "../../node_modules/axe-core/axe.min.js"

// axeSource returns axe-core's source. Without it the test skips, except
// under CI=true, where it fails.
func axeSource(t *testing.T) string {
	t.Helper()
	b, err := os.ReadFile(axePath)
	if err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatalf("axe-core is missing (%v); make test runs npm ci", err)
		}
		t.Skipf("axe-core is missing (%v): run npm ci", err)
	}
	return string(b)
}

// axeViolation is one failed axe-core rule on a page.
type axeViolation struct {
	ID     string   `json:"id"`
	Impact string   `json:"impact"`
	Help   string   `json:"help"`
	Nodes  []string `json:"nodes"`
}

func (v axeViolation) String() string {
	return fmt.Sprintf("%s (%s): %s\n\t%s", v.ID, v.Impact, v.Help, strings.Join(v.Nodes, "\n\t"))
}

// axeRun runs the WCAG 2.0 and 2.1 A and AA rules, as EN 301 549 and the
// Dutch government require, on the whole document.
const axeRun = `axe.run(document, {
  runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']},
  resultTypes: ['violations'],
}).then(r => r.violations.map(v => ({id: v.id, impact: v.impact || '', help: v.help,
  nodes: v.nodes.slice(0, 8).map(n => n.target.join(' ') + ': ' + (n.failureSummary || '').replace(/\s+/g, ' '))})))`

// runAxe injects axe-core into the page of ctx (once per document) and
// returns its violations.
func runAxe(ctx context.Context, axe string) ([]axeViolation, error) {
	loaded, err := chromedp.Run(ctx, chromedp.Evaluate[bool](`typeof axe !== 'undefined'`))
	if err != nil {
		return nil, err
	}
	if !loaded {
		if err := chromedp.Do(ctx, chromedp.Evaluate[chromedp.Void](axe)); err != nil {
			return nil, fmt.Errorf("inject axe-core: %w", err)
		}
	}
	return chromedp.Run(ctx, chromedp.Evaluate[[]axeViolation](axeRun, chromedp.EvalAwaitPromise))
}

// kbSetup lists the page's interactive controls that a keyboard user must
// reach: links, buttons, form fields, summaries and focusable regions (the
// scrolling tables) that are shown, that is not hidden, inert or inside a
// closed <details>. It starts with nothing focused.
const kbSetup = `(() => {
  const sel = 'a[href], area[href], button, input:not([type=hidden]), select, textarea, summary, iframe, [contenteditable]:not([contenteditable=false]), [tabindex]:not([tabindex="-1"])';
  const shown = el => el.checkVisibility({visibilityProperty: true}) && !el.closest('[hidden], [inert]') && !el.disabled;
  const folded = el => { const d = el.closest('details:not([open])'); return d && !(el.matches('summary') && el.parentElement === d); };
  window.__kb = {expected: [...document.querySelectorAll(sel)].filter(el => shown(el) && !folded(el)), seen: []};
  window.__kb.describe = el => el.tagName.toLowerCase() + (el.id ? '#' + el.id : '') +
    (el.className && typeof el.className === 'string' ? '.' + el.className.trim().replace(/\s+/g, '.') : '') +
    ' "' + (el.getAttribute('aria-label') || el.textContent || '').trim().replace(/\s+/g, ' ').slice(0, 40) + '"';
  window.__kb.style = el => { const cs = getComputedStyle(el); return [cs.outlineStyle, cs.outlineWidth, cs.outlineColor, cs.boxShadow].join(' | '); };
  if (document.activeElement && document.activeElement.blur) document.activeElement.blur();
  window.getSelection().removeAllRanges();
  return window.__kb.expected.length;
})()`

// kbStep reports the element that has the focus after a Tab.
const kbStep = `(() => {
  const kb = window.__kb, el = document.activeElement;
  if (!el || el === document.body || el === document.documentElement) return {seen: -1, expected: -1};
  let seen = kb.seen.indexOf(el);
  if (seen < 0) { seen = kb.seen.length; kb.seen.push(el); }
  return {seen, expected: kb.expected.indexOf(el), desc: kb.describe(el), style: kb.style(el), focusVisible: el.matches(':focus-visible'),
    hidden: !el.checkVisibility({visibilityProperty: true}) || !!el.closest('[hidden], [inert]')};
})()`

// kbDone blurs the focus and returns each reached element's style without
// focus, and the controls never reached.
const kbDone = `(() => {
  const kb = window.__kb;
  if (document.activeElement && document.activeElement.blur) document.activeElement.blur();
  return {unfocused: kb.seen.map(kb.style), missed: kb.expected.filter(el => !kb.seen.includes(el)).map(kb.describe)};
})()`

type kbFocus struct {
	Seen         int    `json:"seen"`
	Expected     int    `json:"expected"`
	Desc         string `json:"desc"`
	Style        string `json:"style"`
	FocusVisible bool   `json:"focusVisible"`
	Hidden       bool   `json:"hidden"` // not shown, yet focused
}

// checkKeyboard tabs through the page of ctx until the focus comes back to
// the first control: every control must be reached, and each must look
// different (outline or box shadow) with focus than without.
func checkKeyboard(t *testing.T, ctx context.Context, name string) {
	t.Helper()
	n, err := chromedp.Run(ctx, chromedp.Evaluate[int](kbSetup))
	if err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	if n == 0 {
		t.Fatalf("%s: no interactive control", name)
	}
	var focused []kbFocus
	for step := 0; step < n+20; step++ {
		if err := chromedp.Do(ctx, chromedp.KeyEvent("\t")); err != nil {
			t.Fatalf("%s: Tab: %v", name, err)
		}
		f, err := chromedp.Run(ctx, chromedp.Evaluate[kbFocus](kbStep))
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if f.Seen < 0 {
			continue // the focus left the page (the browser's own controls)
		}
		if f.Seen < len(focused) {
			break // round: back at a control seen before
		}
		focused = append(focused, f)
	}
	done, err := chromedp.Run(ctx, chromedp.Evaluate[struct {
		Unfocused []string `json:"unfocused"`
		Missed    []string `json:"missed"`
	}](kbDone))
	if err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	for _, m := range done.Missed {
		t.Errorf("%s: Tab never reaches %s", name, m)
	}
	for i, f := range focused {
		switch {
		case f.Hidden:
			t.Errorf("%s: Tab reaches %s, which is hidden", name, f.Desc)
		case !f.FocusVisible:
			t.Errorf("%s: %s has the focus but not :focus-visible", name, f.Desc)
		case i < len(done.Unfocused) && f.Style == done.Unfocused[i]:
			t.Errorf("%s: focus not visible on %s (outline and box shadow %q with and without focus)", name, f.Desc, f.Style)
		case strings.HasPrefix(f.Style, "none") && strings.HasSuffix(f.Style, "| none"):
			t.Errorf("%s: focus not visible on %s: neither outline nor box shadow", name, f.Desc)
		}
	}
	t.Logf("%s: %d controls reached by Tab", name, len(focused))
	if testing.Verbose() {
		for _, f := range focused {
			t.Log(f.Desc, f.Style)
		}
	}
}

// TestKeyboard tabs through pages of each kind with interactive controls:
// links, the summaries of the data tables, the scrolling table regions and
// the filter's select boxes. Every control is reached in one round and
// visibly focused. An onderdeel and the list of afspraken are also tried without
// JavaScript, where the data tables are open.
func TestKeyboard(t *testing.T) {
	needBrowser(t)
	dir := buildSite(t, "../..")
	srv := serve(t, dir)
	browser := newBrowser(t)
	base := srv.URL + basePath
	ag := "alphen-chaam-2023-2024/"
	t.Run("script", func(t *testing.T) {
		ctx := newTab(t, browser)
		rec := record(t, ctx)
		for _, p := range []string{"", ag, ag + "beschikbaarheid/", ag + "beschikbaarheid/nieuwbouw/", ag + "voortgang/afspraken/", ag + "voortgang/afspraken/status/gerealiseerd/", ag + "voortgang/2024-q4/", ag + "voortgang/data/"} {
			pctx, cancel := timeout(ctx)
			if err := chromedp.Do(pctx,
				chromedp.EmulateViewport(1280, 900),
				chromedp.Navigate(base+p),
				chromedp.Poll[chromedp.Void](chartsReady),
			); err != nil {
				t.Fatalf("/%s: %v", p, err)
			}
			checkKeyboard(t, pctx, "/"+p)
			cancel()
		}
		if problems, _ := rec.take(); len(problems) > 0 {
			t.Errorf("%q", problems)
		}
	})
	t.Run("noscript", func(t *testing.T) {
		ctx := newTab(t, browser)
		if _, err := chromedp.Call(ctx, emulation.SetScriptExecutionDisabled, emulation.SetScriptExecutionDisabledParams{Value: true}); err != nil {
			t.Fatal(err)
		}
		for _, p := range []string{ag + "betaalbaarheid/", ag + "voortgang/afspraken/"} {
			pctx, cancel := timeout(ctx)
			if err := chromedp.Do(pctx, chromedp.EmulateViewport(phoneWidth, 800), chromedp.Navigate(base+p)); err != nil {
				t.Fatalf("/%s: %v", p, err)
			}
			checkKeyboard(t, pctx, "/"+p+" (no script)")
			cancel()
		}
	})
}
