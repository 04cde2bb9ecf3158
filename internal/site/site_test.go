package site_test

import (
	"io/fs"
	"os"
	"regexp"
	"strings"
	"sync"
	"testing"
	"testing/fstest"

	"golang.org/x/net/html"

	"github.com/prestatie/prestatie"
	a "github.com/prestatie/prestatie/internal/agreement"
	"github.com/prestatie/prestatie/internal/content"
	"github.com/prestatie/prestatie/internal/site"
)

// load reads a site and fails on any error.
func load(t *testing.T, fsys fs.FS) *a.Site {
	t.Helper()
	s, ds := content.Load(fsys, content.Options{})
	if ds.HasErrors() {
		t.Fatalf("load: %v", ds)
	}
	return s
}

func render(t *testing.T, fsys fs.FS, base string) map[string]string {
	t.Helper()
	return renderSite(t, load(t, fsys), base)
}

func renderSite(t *testing.T, s *a.Site, base string) map[string]string {
	t.Helper()
	tmpl, _ := fs.Sub(prestatie.Templates, "templates")
	return renderTemplates(t, s, base, tmpl)
}

// renderTemplates renders s with the templates tmpl.
func renderTemplates(t *testing.T, s *a.Site, base string, tmpl fs.FS) map[string]string {
	t.Helper()
	theme, _ := fs.Sub(prestatie.Themes, "themes/default")
	out, err := site.Render(s, site.Options{BaseURL: base, Templates: tmpl, Theme: theme, ECharts: stubECharts})
	if err != nil {
		t.Fatal(err)
	}
	files := map[string]string{}
	for _, f := range out.Files {
		files[f.Path] = string(f.Data)
	}
	return files
}

// A test site loaded and rendered once for all tests (read only).
type builtSite struct {
	model *a.Site
	files map[string]string
}

var (
	builtMu sync.Mutex
	builtBy = map[string]*builtSite{}
)

// built loads and renders the site in dir (below the base "/") once.
func built(t *testing.T, dir string) *builtSite {
	t.Helper()
	builtMu.Lock()
	defer builtMu.Unlock()
	if b, ok := builtBy[dir]; ok {
		return b
	}
	m := load(t, os.DirFS(dir))
	b := &builtSite{model: m, files: renderSite(t, m, "/")}
	builtBy[dir] = b
	return b
}

// testSites are the sites every structural test runs on.
var testSites = map[string]string{
	"default": "../..",
	"regio":   "../../testdata/sites/regio",

	"twee":    "../../testdata/sites/twee",
	"hostile": "../../testdata/sites/hostile",
	// Real agreement shapes (issue 9): provisions, digital signing, mixed
	// parties and deadlines, a framework with jaarschijven, numbering that
	// restarts at several levels, a regional family.
	"bepalingen": "../../testdata/sites/bepalingen",
	"digitaal":   "../../testdata/sites/digitaal",
	"gemengd":    "../../testdata/sites/gemengd",
	"kader":      "../../testdata/sites/kader",
	"nummering":  "../../testdata/sites/nummering",
	"regionaal":  "../../testdata/sites/regionaal",
}

const payload = `<script>alert(1)</script>`

// hostileSite carries script payloads in every text field.
func hostileSite(unsafe bool) fstest.MapFS {
	cfg := "title: \"Site " + payload + "\"\n"
	if unsafe {
		cfg += "unsafe_html: true\n"
	}
	return fstest.MapFS{
		"prestatie.yaml": {Data: []byte(cfg)},
		"content/x-2024/_index.md": {Data: []byte(`---
title: "Afspraken ` + payload + `"
municipality: "Dorp <img src=x onerror=alert(2)>"
period: {from: 2024, to: 2024}
reference: "\"><script>alert(3)</script>"
date: 2024-01-01
status: draft
preamble_title: "Vooraf <script>alert(17)</script>"
items:
  voortgang: {kind: goal}
parties:
  - {id: a, name: "A <b onmouseover=alert(4)>", kind: municipality, tagline: "</script><!--", group: "<i>groep</i>"}
  - {id: b, name: B, kind: corporation}
groups:
  - {id: g, name: "<svg onload=alert(18)>", count: 3}
---
Preambule <script>alert(5)</script> en [klik](javascript:alert(6)) en <div onclick="alert(7)">x</div>. {#voortgang}

## Partijen

Een kop van de tekst met de naam van een kop van de site.
`)},
		"content/x-2024/t/_index.md": {Data: []byte("---\ntitle: \"Thema " + payload + "\"\norder: 1\nnumber: \"1<script>alert(19)</script>\"\n---\n")},
		"content/x-2024/t/a.md": {Data: []byte(`---
title: "Afspraak ` + payload + `"
order: 1
items:
  c: {party: [a, g], number: "<b>9</b>", target: {value: 1, unit: "<i>w</i>", note: "<script>alert(11)</script>"}}
  cijfers: {kind: provision}
  e: {kind: goal, target: {due: {from: 2028, to: 2031}, note: "<script>alert(20)</script>"}}
progress:
  - {commitment: c, date: 2024-06-30, status: delayed, note: "<script>alert(12)</script>", source: "<script>alert(13)</script>"}
figures:
  - {kind: value, as_of: 2024-01, value: 1, unit: euro, title: "<script>alert(14)</script>", source: "<script>alert(15)</script>"}
---
## Effect <script>alert(8)</script>

- Tekst <script>alert(9)</script> [x](javascript:alert(10)) {#c}

Doel <img src=x onerror=alert(21)> {#e}

## Cijfers

Een bepaling met de id van een kop van de site. {#cijfers}

Body <script>alert(16)</script>
`)},
	}
}

// injected lists what hostile content managed to turn into markup: event
// handler attributes, scripts other than the site's own, elements the
// templates never write, and javascript: URLs.
func injected(t *testing.T, page string) []string {
	t.Helper()
	doc, err := html.Parse(strings.NewReader(page))
	if err != nil {
		t.Fatal(err)
	}
	var bad []string
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.ElementNode {
			switch n.Data {
			case "script":
				src, typ := attr(n, "src"), attr(n, "type")
				if !(strings.HasPrefix(src, "/assets/") && n.FirstChild == nil) && typ != "application/json" {
					bad = append(bad, "script "+src+typ)
				}
			case "img", "iframe", "object", "embed", "svg", "style", "b", "i", "base", "form":
				if n.Data == "form" && (strings.Contains(attr(n, "class"), "live-filter") || attr(n, "class") == "search-form") || n.Data == "img" && attr(n, "class") == "logo" {
					break
				}
				if n.Data == "svg" && (attr(n, "class") == "light-bar" || attr(n, "class") == "light-swatch") && attr(n, "aria-hidden") == "true" {
					break // the site's own status bars
				}
				if n.Data == "img" && len(n.Attr) == 2 && attr(n, "src") == "" && attr(n, "alt") != "" {
					break // a Markdown image from another host, its address dropped
				}
				bad = append(bad, "<"+n.Data+">")
			}
			for _, at := range n.Attr {
				v := strings.ToLower(strings.TrimSpace(at.Val))
				if strings.HasPrefix(at.Key, "on") || strings.HasPrefix(v, "javascript:") || strings.HasPrefix(v, "vbscript:") {
					bad = append(bad, at.Key+"="+at.Val)
				}
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(doc)
	return bad
}

func attr(n *html.Node, key string) string {
	for _, a := range n.Attr {
		if a.Key == key {
			return a.Val
		}
	}
	return ""
}

func TestContentIsEscaped(t *testing.T) {
	t.Parallel()
	files := render(t, hostileSite(false), "/")
	for name, dir := range map[string]string{"hostile": testSites["hostile"]} {
		for path, data := range built(t, dir).files {
			files[name+"/"+path] = data
		}
	}
	for path, data := range files {
		if !strings.HasSuffix(path, ".html") {
			continue
		}
		if bad := injected(t, data); len(bad) > 0 {
			t.Errorf("%s: injected markup %q", path, bad)
		}
	}
	// The payload shows up as text.
	p := files["x-2024/t/a/index.html"]
	for _, want := range []string{"Afspraak &lt;script&gt;alert(1)&lt;/script&gt;", `<span class="number">&lt;b&gt;9&lt;/b&gt;</span>`, "&lt;svg onload=alert(18)&gt;"} {
		if !strings.Contains(p, want) {
			t.Errorf("not shown as text: %s", want)
		}
	}
	for _, f := range []string{"feed.xml", "x-2024/feed.xml", "hostile/feed.xml"} {
		if strings.Contains(files[f], "<script") {
			t.Errorf("%s carries a raw <script>", f)
		}
	}
}

func TestUnsafeHTMLIsOptIn(t *testing.T) {
	t.Parallel()
	files := render(t, hostileSite(true), "/")
	p := files["x-2024/t/a/index.html"]
	if !strings.Contains(p, "Body <script>alert(16)</script>") {
		t.Errorf("unsafe_html: true should pass raw HTML in Markdown bodies through")
	}
	// The detector of TestContentIsEscaped sees it, so that test can fail.
	if len(injected(t, p)) == 0 {
		t.Errorf("injected() misses a raw <script>")
	}
	// Front-matter strings stay escaped even then: they are not Markdown bodies.
	if strings.Contains(p, "Afspraak <script>") || strings.Contains(p, "<b>9</b>") {
		t.Errorf("titles and numbers must stay escaped")
	}
}

// TestManyParties renders the test site with fifteen parties.
func TestManyParties(t *testing.T) {
	t.Parallel()
	files := built(t, testSites["regio"]).files
	ag := files["testland-2024-2027/index.html"]
	for _, want := range []string{"Huurdersvereniging De Sleutel", "Ter ondertekening", "28 november 2024"} {
		if !strings.Contains(ag, want) {
			t.Errorf("agreement page lacks %q", want)
		}
	}
	if n := strings.Count(ag, `<li><strong>`); n != 15 {
		t.Errorf("agreement page lists %d parties, want 15", n)
	}
	page := files["testland-2024-2027/beschikbaarheid/nieuwbouw/index.html"]
	for _, want := range []string{
		// The document's own headings, from the text.
		`>Bijdrage alle corporaties</h2>`, `>Bijdrage gemeente en Woonstede</h2>`,
		// Who is bound, as the site annotates the items.
		`<span class="meta-label">Partijen:</span> alle corporaties`, `<span class="meta-label">Partijen:</span> gemeente en Woonstede`,
		`<span class="meta-label">Partij:</span> Woonstede`,
		// A deadline as stated, and a goal without a status.
		"20 tot 40\u00a0woningen, uiterlijk 31 december 2026", `<span class="kind-tag">doel</span>`,
	} {
		if !strings.Contains(page, want) {
			t.Errorf("nieuwbouw lacks %q", want)
		}
	}
	if !strings.Contains(files["testland-2024-2027/betaalbaarheid-en-duurzaamheid/huurbeleid/index.html"], `<h1><span class="number">7.3</span> Huurbeleid</h1>`) {
		t.Errorf("own number 7.3 not on the page")
	}
	annex := files["testland-2024-2027/bijlage-passend-toewijzen/index.html"]
	if !strings.Contains(annex, `<h1><span class="number">Bijlage 1</span> Regels passend toewijzen</h1>`) {
		t.Errorf("annex page missing or not numbered as a bijlage")
	}
}

func TestDutchFormatting(t *testing.T) {
	t.Parallel()
	files := built(t, testSites["default"]).files
	ag := files["alphen-chaam-2023-2024/index.html"]
	for _, want := range []string{`lang="nl"`, "6 april 2023", "GV00051149", "Ondertekend", "verbindend | ondernemend"} {
		if !strings.Contains(ag, want) {
			t.Errorf("agreement page lacks %q", want)
		}
	}
	bes := files["alphen-chaam-2023-2024/beschikbaarheid/index.html"]
	for _, want := range []string{"€\u00a020.000", "circa 330\u00a0woningen", "mei 2022"} {
		if !strings.Contains(bes, want) {
			t.Errorf("beschikbaarheid lacks %q", want)
		}
	}
	if bb := files["alphen-chaam-2023-2024/betaalbaarheid/index.html"]; !strings.Contains(bb, `<td data-label="mei 2022">21%</td>`) {
		t.Errorf("rent bands not formatted as 21%%")
	}
}

var headingTag = regexp.MustCompile(`<h([1-6])[ >]`)

func TestOneH1AndLandmarks(t *testing.T) {
	t.Parallel()
	pages := map[string]string{}
	for name, dir := range testSites {
		for path, data := range built(t, dir).files {
			pages[name+"/"+path] = data
		}
	}
	for path, data := range pages {
		if !strings.HasSuffix(path, ".html") {
			continue
		}
		if n := strings.Count(data, "<h1"); n != 1 {
			t.Errorf("%s has %d h1 elements", path, n)
		}
		level := 0
		for _, m := range headingTag.FindAllStringSubmatch(data, -1) {
			l := int(m[1][0] - '0')
			if l > level+1 {
				t.Errorf("%s: <h%d> follows <h%d>: heading level skipped", path, l, level)
			}
			level = l
		}
		for _, want := range []string{"<main", "<header", "<footer", `class="skip-link"`} {
			if !strings.Contains(data, want) {
				t.Errorf("%s lacks %s", path, want)
			}
		}
	}
}

// TestVocabulary: the pages and URLs use the Dutch words of the glossary,
// with plurals right.
func TestVocabulary(t *testing.T) {
	t.Parallel()
	bad := regexp.MustCompile(`\b1 (afspraken|voortgangsmeldingen|rapportages|bepalingen|onderdelen)\b|toezegging|/status/(delayed|on-track|done|not-started|dropped|ongoing)/|/afspraken/thema/`)
	for name, dir := range testSites {
		for path, data := range built(t, dir).files {
			if strings.Contains(path, "/status/") && !regexp.MustCompile(`/status/(niet-gestart|op-schema|vertraagd|gerealiseerd|vervallen|doorlopend|geen-rapportage)/`).MatchString(path) {
				t.Errorf("%s %s: status URL not in Dutch", name, path)
			}
			if !strings.HasSuffix(path, ".html") {
				continue
			}
			if m := bad.FindString(data); m != "" {
				t.Errorf("%s %s: %q", name, path, m)
			}
		}
	}
}

// TestIDsUnique: on every page every id is unique and every reference to
// one (aria-labelledby, a link to #id) finds it, also when the document
// uses the ids of the site's own headings for its items and headings.
func TestIDsUnique(t *testing.T) {
	t.Parallel()
	sites := map[string]map[string]string{"hostile-in-memory": render(t, hostileSite(false), "/")}
	for name, dir := range testSites {
		sites[name] = built(t, dir).files
	}
	for name, files := range sites {
		for path, page := range files {
			if !strings.HasSuffix(path, ".html") {
				continue
			}
			doc, err := html.Parse(strings.NewReader(page))
			if err != nil {
				t.Fatal(err)
			}
			ids := map[string]int{}
			var refs []string
			var walk func(*html.Node)
			walk = func(n *html.Node) {
				if n.Type == html.ElementNode {
					if id := attr(n, "id"); id != "" {
						ids[id]++
					}
					if l := attr(n, "aria-labelledby"); l != "" {
						refs = append(refs, strings.Fields(l)...)
					}
					if h := attr(n, "href"); strings.HasPrefix(h, "#") {
						refs = append(refs, h[1:])
					}
				}
				for c := n.FirstChild; c != nil; c = c.NextSibling {
					walk(c)
				}
			}
			walk(doc)
			for id, n := range ids {
				if n > 1 {
					t.Errorf("%s %s: id %q used %d times", name, path, id, n)
				}
			}
			for _, r := range refs {
				if ids[r] == 0 {
					t.Errorf("%s %s: reference to a missing id %q", name, path, r)
				}
			}
		}
	}
}

// TestDocumentFacts: how the document was signed, a date it does not
// state, the preamble's own heading, and the family of agreements with
// links both ways and parts under their parent on the home page.
func TestDocumentFacts(t *testing.T) {
	t.Parallel()
	dig := built(t, testSites["digitaal"]).files["heusden-2025/index.html"]
	if !strings.Contains(dig, `<p class="doc-status doc-status-signed">Digitaal ondertekend</p>`) || !strings.Contains(dig, "<dt>Ondertekening</dt>") {
		t.Errorf("a digitally signed agreement does not say so")
	}
	for _, s := range []string{"default", "bepalingen", "regio"} {
		if p := built(t, testSites[s]).files; strings.Contains(p["index.html"], "Digitaal ondertekend") {
			t.Errorf("%s: says digitaal ondertekend", s)
		}
	}
	pre := built(t, testSites["bepalingen"]).files["dongen-2025-2028/index.html"]
	if !regexp.MustCompile(`<section class="document prose preamble" aria-labelledby="tekst">\s*<h2 id="tekst">Vooraf</h2>`).MatchString(pre) {
		t.Errorf("the preamble's own heading is missing")
	}
	if strings.Contains(built(t, testSites["default"]).files["alphen-chaam-2023-2024/index.html"], `class="document prose preamble" aria-labelledby`) {
		t.Errorf("a heading for a preamble that has none")
	}
	files := built(t, testSites["regionaal"]).files
	local, regional, old := files["goirle-2024/index.html"], files["regio-hart-2023-2026/index.html"], files["goirle-2023/index.html"]
	if !strings.Contains(local, "<dt>Datum</dt><dd>datum niet vermeld</dd>") || !strings.Contains(local, "datum niet vermeld</p>") {
		t.Errorf("a date the document does not state is not said to be missing")
	}
	for _, c := range []struct{ page, name, want string }{
		{local, "goirle-2024", `<dt>Maakt deel uit van</dt><dd><a href="/regio-hart-2023-2026/">`},
		{local, "goirle-2024", `<dt>Vervangt</dt><dd><a href="/goirle-2023/">`},
		{regional, "regio-hart", `<a href="/goirle-2024/">`},
		{regional, "regio-hart", `<a href="/tilburg-2024/">`},
		{old, "goirle-2023", `<dt>Vervangen door</dt><dd><a href="/goirle-2024/">`},
	} {
		if !strings.Contains(c.page, c.want) {
			t.Errorf("%s lacks %s", c.name, c.want)
		}
	}
	if !regexp.MustCompile(`(?s)<a href="/regio-hart-2023-2026/">.*<ul class="agreements parts"[^>]*>\s*<li>\s*<a href="/goirle-2024/">.*<a href="/tilburg-2024/">.*</ul>`).MatchString(files["index.html"]) {
		t.Errorf("the home page does not show the local agreements under the regional one")
	}
	groups := regexp.MustCompile(`<li>de negen corporaties in de regio <span class="meta">\(9 organisaties\)</span></li>`)
	if !groups.MatchString(regional) {
		t.Errorf("the unnamed groups are not listed")
	}
	if !strings.Contains(regional, `<tr><th scope="row">de negen corporaties in de regio</th>`) {
		t.Errorf("the dashboard has no row for an unnamed group")
	}
}

// TestOnlyProvisions: a document without a single afspraak has no state
// anywhere, and its pages and data say so rather than break.
func TestOnlyProvisions(t *testing.T) {
	t.Parallel()
	files := render(t, fstest.MapFS{
		"content/b-2025/_index.md": {Data: []byte(`---
title: Bepalingen
municipality: Dorp
period: {from: 2025, to: 2025}
status: draft
parties:
  - {id: g, name: Gemeente, kind: municipality}
  - {id: c, name: Corporatie, kind: corporation}
---
`)},
		"content/b-2025/algemeen.md": {Data: []byte(`---
title: Algemeen
order: 1
items:
  voorbehoud: {kind: provision}
  looptijd: {kind: provision}
---
1. Voorbehoud. {#voorbehoud}
2. Looptijd. {#looptijd}
`)},
	}, "/")
	for path, page := range files {
		if strings.HasSuffix(path, ".html") && strings.Contains(page, "Status: ") {
			t.Errorf("%s shows a state", path)
		}
	}
	if !strings.Contains(files["b-2025/index.html"], "De overeenkomst bevat geen afspraken waarover voortgang wordt gerapporteerd.") {
		t.Errorf("the dashboard does not say there is nothing to follow")
	}
	if !strings.Contains(files["b-2025/voortgang/afspraken/index.html"], "De overeenkomst bevat geen afspraken") {
		t.Errorf("the list of afspraken does not say it is empty")
	}
	if n := strings.Count(files["b-2025/voortgang/data/punten.csv"], ";bepaling;"); n != 2 {
		t.Errorf("open data has %d bepalingen, want 2", n)
	}
	if !strings.Contains(files["b-2025/voortgang/data/voortgang.json"], `"voortgangsmeldingen":[]`) {
		t.Errorf("voortgang.json: %s", files["b-2025/voortgang/data/voortgang.json"])
	}
}
