package e2e

import (
	"regexp"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
)

// searchState is what the search page shows.
type searchState struct {
	FormShown  bool     `json:"formShown"`
	NoJSShown  bool     `json:"noJSShown"`
	NoJSLinks  []string `json:"noJSLinks"`
	Status     string   `json:"status"`
	Results    int      `json:"results"`
	FirstLink  string   `json:"firstLink"`
	Marks      []string `json:"marks"`
	Query      string   `json:"query"`
	MoreShown  bool     `json:"moreShown"`
	ResultText string   `json:"resultText"`
}

const readSearch = `(() => {
  const vis = el => !!el && el.checkVisibility();
  const lis = [...document.querySelectorAll('.search-results > li')];
  const more = document.querySelector('.search-more');
  return {
    formShown: vis(document.querySelector('form.search-form')),
    noJSShown: vis(document.querySelector('[data-search-nojs]')),
    noJSLinks: [...document.querySelectorAll('[data-search-nojs] a')].map(a => a.getAttribute('href')),
    status: (document.querySelector('[data-search-status]') || {}).textContent || '',
    results: lis.length,
    firstLink: lis.length ? lis[0].querySelector('a').getAttribute('href') : '',
    marks: [...document.querySelectorAll('.search-results mark')].map(m => m.textContent),
    query: new URL(location.href).searchParams.get('q') || '',
    moreShown: vis(more),
    resultText: lis.length ? lis[0].textContent : '',
  };
})()`

// TestSearch types a query on the search page of the default site and
// sees results at once, with the words found marked: "woningen" finds
// "woning" too (stemming), and a word half typed already finds pages. The
// page passes axe with results on it, under the strict CSP, with no
// console error. Without JavaScript the page hides the form that cannot
// work and says where the afspraken are instead.
func TestSearch(t *testing.T) {
	needBrowser(t)
	axe := axeSource(t)
	dir := buildSite(t, "../..")
	srv := serve(t, dir)
	ctx := newTab(t, newBrowser(t))
	rec := record(t, ctx)
	base := srv.URL + basePath
	pctx, cancel := timeout(ctx)
	defer cancel()

	read := func(when string, ready string) searchState {
		t.Helper()
		if ready != "" {
			if err := chromedp.Do(pctx, chromedp.Poll[chromedp.Void](ready)); err != nil {
				t.Fatalf("%s: %v", when, err)
			}
		}
		s, err := chromedp.Run(pctx, chromedp.Evaluate[searchState](readSearch))
		if err != nil {
			t.Fatalf("%s: %v", when, err)
		}
		return s
	}
	if err := chromedp.Do(pctx,
		chromedp.EmulateViewport(phoneWidth, 800),
		chromedp.Navigate(base+"zoeken/"),
		chromedp.WaitVisible("#zoekterm"),
		chromedp.SendKeys("#zoekterm", "woningen"),
	); err != nil {
		t.Fatal(err)
	}
	s := read("woningen", `document.querySelectorAll('.search-results > li').length === 10 && document.querySelector('.search-more').checkVisibility()`)
	if !s.FormShown || s.NoJSShown {
		t.Errorf("with JavaScript: form shown %v, the text for without it shown %v", s.FormShown, s.NoJSShown)
	}
	if !strings.Contains(s.Status, "resultaten voor “woningen”") || s.Query != "woningen" {
		t.Errorf("status %q, address ?q=%q", s.Status, s.Query)
	}
	if !strings.HasPrefix(s.FirstLink, basePath) {
		t.Errorf("first result links %q, not below %s", s.FirstLink, basePath)
	}
	stemmed := false
	for _, m := range s.Marks {
		if strings.Trim(strings.ToLower(m), ",.;:()") == "woning" {
			stemmed = true
		}
	}
	if !stemmed {
		t.Errorf("no result marks “woning” for “woningen”: %q", s.Marks)
	}
	if s.Results != 10 || !s.MoreShown {
		t.Errorf("%d results shown, more button %v: want the first 10 and a button for more (%s)", s.Results, s.MoreShown, s.Status)
	}
	violations, err := runAxe(pctx, axe)
	if err != nil {
		t.Fatal(err)
	}
	for _, v := range violations {
		t.Errorf("search results: axe: %s", v)
	}

	// Half a word finds what starts with it.
	if err := chromedp.Do(pctx,
		chromedp.Evaluate[chromedp.Void](`document.querySelector('#zoekterm').value = ''`),
		chromedp.SendKeys("#zoekterm", "huurverh"),
	); err != nil {
		t.Fatal(err)
	}
	s = read("huurverh", `(document.querySelector('[data-search-status]').textContent.includes('huurverh') && document.querySelectorAll('.search-results > li').length > 0)`)
	if !strings.Contains(strings.ToLower(s.ResultText), "huurverhoging") {
		t.Errorf("“huurverh” finds %q first, want a text with huurverhoging", s.ResultText)
	}
	problems, requests := rec.take()
	for _, m := range problems {
		t.Errorf("with JavaScript: %s", m)
	}
	checkRequests(t, "zoeken/", srv, requests)
	// The results' files lie in their agreement's folder.
	inFolder := regexp.MustCompile(`^` + regexp.QuoteMeta(base) + `alphen-chaam-2023-2024/zoeken/[0-9a-f]{10}/[0-9]+\.json$`)
	n := 0
	for _, r := range requests {
		if inFolder.MatchString(r) {
			n++
		}
	}
	if n < 10 {
		t.Errorf("%d result files fetched from the agreement's folder, want at least 10: %q", n, requests)
	}

	// Without JavaScript.
	if err := scripts(pctx, false); err != nil {
		t.Fatal(err)
	}
	if err := chromedp.Do(pctx, chromedp.Navigate(base+"zoeken/?q=woningen")); err != nil {
		t.Fatal(err)
	}
	s = read("no script", "")
	if s.FormShown || !s.NoJSShown || s.Results != 0 {
		t.Errorf("without JavaScript: form shown %v, explanation shown %v, %d results", s.FormShown, s.NoJSShown, s.Results)
	}
	list := false
	for _, l := range s.NoJSLinks {
		list = list || strings.HasSuffix(l, "/voortgang/afspraken/")
	}
	if !list {
		t.Errorf("without JavaScript the page links no list of afspraken: %q", s.NoJSLinks)
	}
	if err := scripts(pctx, true); err != nil {
		t.Fatal(err)
	}
	violations, err = runAxe(pctx, axe)
	if err != nil {
		t.Fatal(err)
	}
	for _, v := range violations {
		t.Errorf("without JavaScript: axe: %s", v)
	}
	problems, _ = rec.take()
	for _, m := range problems {
		t.Errorf("without JavaScript: %s", m)
	}
}
