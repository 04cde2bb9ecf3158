package site_test

import (
	"io/fs"
	"os"
	"regexp"
	"slices"
	"strings"
	"testing"
	"testing/fstest"

	"golang.org/x/net/html"

	"github.com/prestatie/prestatie"
	"github.com/prestatie/prestatie/internal/content"
	"github.com/prestatie/prestatie/internal/site"
)

func render(t *testing.T, fsys fs.FS, base string) map[string]string {
	t.Helper()
	s, ds := content.Load(fsys, content.Options{})
	if ds.HasErrors() {
		t.Fatalf("load: %v", ds)
	}
	tmpl, _ := fs.Sub(prestatie.Templates, "templates")
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
parties:
  - {id: a, name: "A <b onmouseover=alert(4)>", kind: municipality, tagline: "</script><!--"}
  - {id: b, name: B, kind: corporation}
---
Preambule <script>alert(5)</script> en [klik](javascript:alert(6)) en <div onclick="alert(7)">x</div>.
`)},
		"content/x-2024/t/_index.md": {Data: []byte("---\ntitle: \"Thema " + payload + "\"\norder: 1\n---\n")},
		"content/x-2024/t/a.md": {Data: []byte(`---
title: "Afspraak ` + payload + `"
order: 1
effect: "Effect <script>alert(8)</script>"
commitments:
  - {id: c, party: a, text: "Tekst <script>alert(9)</script> [x](javascript:alert(10))", target: {value: 1, unit: "<i>w</i>", note: "<script>alert(11)</script>"}}
progress:
  - {commitment: c, date: 2024-06-30, status: delayed, note: "<script>alert(12)</script>", source: "<script>alert(13)</script>"}
figures:
  - {kind: value, as_of: 2024-01, value: 1, unit: euro, title: "<script>alert(14)</script>", source: "<script>alert(15)</script>"}
---
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
				if n.Data == "form" && strings.Contains(attr(n, "class"), "live-filter") || n.Data == "img" && attr(n, "class") == "logo" {
					break
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
	files := render(t, hostileSite(false), "/")
	for path, data := range files {
		if !strings.HasSuffix(path, ".html") {
			continue
		}
		if bad := injected(t, data); len(bad) > 0 {
			t.Errorf("%s: injected markup %q", path, bad)
		}
	}
	// The payload shows up as text.
	if p := files["x-2024/t/a/index.html"]; !strings.Contains(p, "Afspraak &lt;script&gt;alert(1)&lt;/script&gt;") {
		t.Errorf("title not shown as text")
	}
	for _, f := range []string{"feed.xml", "x-2024/feed.xml"} {
		if strings.Contains(files[f], "<script") {
			t.Errorf("%s carries a raw <script>", f)
		}
	}
}

func TestUnsafeHTMLIsOptIn(t *testing.T) {
	files := render(t, hostileSite(true), "/")
	if !strings.Contains(files["x-2024/t/a/index.html"], "Body <script>alert(16)</script>") {
		t.Errorf("unsafe_html: true should pass raw HTML in Markdown bodies through")
	}
	// The detector of TestContentIsEscaped sees it, so that test can fail.
	if len(injected(t, files["x-2024/t/a/index.html"])) == 0 {
		t.Errorf("injected() misses a raw <script>")
	}
	// Front-matter strings stay escaped even then: they are not Markdown bodies.
	if strings.Contains(files["x-2024/t/a/index.html"], "Afspraak <script>") {
		t.Errorf("titles must stay escaped")
	}
}

// TestManyParties renders the test site with fifteen parties.
func TestManyParties(t *testing.T) {
	files := render(t, os.DirFS("../../testdata/sites/regio"), "/regio/")
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
	for _, heading := range []string{"Bijdrage alle corporaties", "Bijdrage alle huurdersorganisaties", "Bijdrage gemeente en Woonstede"} {
		if !strings.Contains(page, ">"+heading+"</h2>") {
			t.Errorf("nieuwbouw lacks heading %q", heading)
		}
	}
	if !strings.Contains(files["testland-2024-2027/betaalbaarheid-en-duurzaamheid/huurbeleid/index.html"], `<span class="number">7.3.1</span>`) {
		t.Errorf("own numbering 7.3 not applied to commitments")
	}
	if _, ok := files["testland-2024-2027/bijlage-passend-toewijzen/index.html"]; !ok {
		t.Errorf("annex page missing")
	}
}

func TestDutchFormatting(t *testing.T) {
	files := render(t, os.DirFS("../.."), "/")
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
	if bb := files["alphen-chaam-2023-2024/betaalbaarheid/index.html"]; !strings.Contains(bb, "<td>21%</td>") {
		t.Errorf("rent bands not formatted as 21%%")
	}
}

// TestContributionOrder: the seed lists Leystromen's bijdrage before the
// gemeente's, as contribution_order says, and numbers follow that order.
func TestContributionOrder(t *testing.T) {
	p := render(t, os.DirFS("../.."), "/")["alphen-chaam-2023-2024/beschikbaarheid/nieuwbouw/index.html"]
	ley, gem := strings.Index(p, ">Bijdrage Leystromen</h2>"), strings.Index(p, ">Bijdrage gemeente</h2>")
	if ley < 0 || gem < 0 || ley > gem {
		t.Errorf("Bijdrage Leystromen (%d) should precede Bijdrage gemeente (%d)", ley, gem)
	}
	if !strings.Contains(p, `<li class="commitment" id="de-ligt-iv">`) || !strings.Contains(p, "4.2.1") {
		t.Errorf("commitment anchor or number missing")
	}
}

var headingTag = regexp.MustCompile(`<h([1-6])[ >]`)

func TestOneH1AndLandmarks(t *testing.T) {
	pages := render(t, os.DirFS("../.."), "/")
	for path, data := range render(t, os.DirFS("../../testdata/sites/regio"), "/") {
		pages["regio/"+path] = data
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

var commitmentNumber = regexp.MustCompile(`<li class="commitment" id="[^"]+">\s*<span class="number">([0-9.]+)</span>`)

// TestNumbersInReadingOrder: commitments are numbered in the order a reader
// meets them, after grouping per party.
func TestNumbersInReadingOrder(t *testing.T) {
	pages := render(t, os.DirFS("../../testdata/sites/regio"), "/")
	for path, data := range render(t, os.DirFS("../.."), "/") {
		pages["default/"+path] = data
	}
	for path, data := range pages {
		var prev []int
		for _, m := range commitmentNumber.FindAllStringSubmatch(data, -1) {
			var cur []int
			for _, part := range strings.Split(m[1], ".") {
				n := 0
				for _, r := range part {
					n = n*10 + int(r-'0')
				}
				cur = append(cur, n)
			}
			if prev != nil && slices.Compare(cur, prev) <= 0 {
				t.Errorf("%s: %s follows %v", path, m[1], prev)
			}
			prev = cur
		}
	}
}
