package site_test

import (
	"bytes"
	"encoding/json"
	"errors"
	"io/fs"
	"os"
	"reflect"
	"regexp"
	"strings"
	"testing"
	"testing/fstest"

	"golang.org/x/net/html"

	"github.com/prestatie/prestatie"
	"github.com/prestatie/prestatie/internal/charts"
	"github.com/prestatie/prestatie/internal/content"
	"github.com/prestatie/prestatie/internal/site"
)

// stubECharts stands in for the chart library: rendering pages does not
// need the real one (the build and browser tests use it).
func stubECharts() (*charts.ECharts, error) {
	return &charts.ECharts{Script: []byte("/* echarts */"), License: []byte("licence"), Notice: []byte("notice")}, nil
}

// breakouts are texts that would end a <script> element or change how the
// HTML parser reads its content, and go-echarts' marker for JS functions.
var breakouts = []string{
	`</script><script>alert(1)</script>`,
	`</SCRIPT ><img src=x onerror=alert(2)>`,
	`<!--<script>alert(3)//`,
	`__f__alert(4)__f__`,
	"line\u2028separator",
}

// chartSite puts the break-out texts in every text that reaches a chart
// option: figure titles and sources, the unit (a series name), chapter
// titles (category names), commitment texts and units (target progress).
func chartSite() fstest.MapFS {
	b := breakouts
	q := func(s string) string { j, _ := json.Marshal(s); return string(j) }
	return fstest.MapFS{
		"content/x-2024/_index.md": {Data: []byte(`---
title: ` + q("Afspraken "+b[0]) + `
municipality: Dorp
period: {from: 2024, to: 2025}
date: 2024-01-01
status: signed
parties:
  - {id: g, name: Gemeente, kind: municipality}
  - {id: c, name: Corporatie, kind: corporation}
figures:
  - {kind: stock, as_of: 2023-01, value: 100, unit: ` + q("woningen "+b[1]) + `, title: ` + q(b[0]) + `, source: ` + q(b[2]) + `}
  - {kind: stock, as_of: 2024-01, value: 110, unit: ` + q("woningen "+b[1]) + `, title: ` + q(b[0]) + `, source: ` + q(b[3]) + `}
  - {kind: stock, as_of: 2025-01, value: 120, unit: ` + q("woningen "+b[1]) + `, title: ` + q(b[0]) + `, source: ` + q(b[3]) + `}
---
`)},
		"content/x-2024/t/_index.md": {Data: []byte(`---
title: ` + q("Thema "+b[0]+b[2]) + `
order: 1
figures:
  - kind: rent-bands
    as_of: 2024-01
    title: ` + q(b[4]+b[0]) + `
    source: ` + q(b[1]) + `
    values: {kwaliteitskortingsgrens: 50, boven-liberalisatiegrens: 50}
  - kind: energy-labels
    as_of: 2024-01
    title: ` + q(b[3]) + `
    source: ` + q(b[0]) + `
    values: {A: 10, E-G: 2}
    goal: {value: 0, unit: ` + q(b[0]) + `, due: 2028-12-31, note: ` + q(b[2]) + `}
  - kind: allocations
    as_of: 2023-12
    title: ` + q(b[2]) + `
    source: ` + q(b[0]) + `
    values: {vrijgekomen: 20, statushouders: 3, urgenten: 1, signaalwaarde: 15}
items:
  bouw: {party: c, target: {value: 12, unit: ` + q(b[1]) + `}}
progress:
  - {commitment: bouw, date: 2024-06-30, status: on-track, value: 4, note: ` + q(b[0]) + `}
---
- Bouwen ` + b[0] + b[2] + b[3] + ` {#bouw}
`)},
	}
}

func renderFS(t *testing.T, fsys fstest.MapFS) map[string]string {
	t.Helper()
	return render(t, fsys, "/sub/")
}

// scripts parses a page and returns its script elements.
func scripts(t *testing.T, page string) []*html.Node {
	t.Helper()
	doc, err := html.Parse(strings.NewReader(page))
	if err != nil {
		t.Fatal(err)
	}
	var out []*html.Node
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.ElementNode && n.Data == "script" {
			out = append(out, n)
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(doc)
	return out
}

func text(n *html.Node) string {
	var b strings.Builder
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		b.WriteString(c.Data)
	}
	return b.String()
}

// strs collects every string in decoded JSON.
func strs(v any, out *[]string) {
	switch v := v.(type) {
	case string:
		*out = append(*out, v)
	case []any:
		for _, x := range v {
			strs(x, out)
		}
	case map[string]any:
		for _, x := range v {
			strs(x, out)
		}
	}
}

// TestChartJSONCannotBreakOut renders content full of </script>, <!-- and
// __f__ into chart options: every page keeps exactly its own scripts (two
// static files, the rest JSON data), the JSON parses, and the texts come
// back out of it unchanged, as data.
func TestChartJSONCannotBreakOut(t *testing.T) {
	t.Parallel()
	files := renderFS(t, chartSite())
	found := map[string]bool{}
	pages := 0
	for path, page := range files {
		if !strings.HasSuffix(path, ".html") {
			continue
		}
		charts := strings.Count(page, `class="chart"`)
		ss := scripts(t, page)
		var data int
		for _, s := range ss {
			src, typ := attrOf(s, "src"), attrOf(s, "type")
			switch {
			case typ == "application/json":
				data++
				raw := text(s)
				if strings.Contains(strings.ToLower(raw), "</script") || strings.Contains(raw, "<!--") || strings.Contains(raw, "<") {
					t.Errorf("%s: raw markup inside chart JSON: %.120s", path, raw)
				}
				var v any
				if err := json.Unmarshal([]byte(raw), &v); err != nil {
					t.Fatalf("%s: chart JSON does not parse: %v", path, err)
				}
				var all []string
				strs(v, &all)
				for _, s := range all {
					for _, b := range breakouts {
						if strings.Contains(s, b) {
							found[b] = true
						}
					}
				}
			case hashedAsset.MatchString(src):
				if s.FirstChild != nil {
					t.Errorf("%s: script %s has content", path, src)
				}
			default:
				t.Errorf("%s: unexpected script src=%q type=%q: %.80s", path, src, typ, text(s))
			}
		}
		if data != charts {
			t.Errorf("%s: %d charts but %d JSON scripts", path, charts, data)
		}
		if charts > 0 {
			pages++
		}
	}
	if pages < 2 {
		t.Fatalf("only %d pages with charts", pages)
	}
	for _, b := range breakouts {
		if !found[b] {
			t.Errorf("%q never reached a chart option; the test does not test it", b)
		}
	}
}

func attrOf(n *html.Node, key string) string {
	for _, a := range n.Attr {
		if a.Key == key {
			return a.Val
		}
	}
	return ""
}

// siteFiles renders a site folder with the real templates.
func siteFiles(t *testing.T, dir string) map[string]string {
	t.Helper()
	return built(t, dir).files
}

// figureTables reads, for every chart on a page, its table (header row and
// body rows as printed) and the hrefs of its downloads.
type pageChart struct {
	id        string
	rows      [][]string
	csv, json string
}

func pageCharts(t *testing.T, page string) []pageChart {
	t.Helper()
	doc, err := html.Parse(strings.NewReader(page))
	if err != nil {
		t.Fatal(err)
	}
	var out []pageChart
	var inFigure func(*html.Node, *pageChart)
	inFigure = func(n *html.Node, cur *pageChart) {
		if n.Type == html.ElementNode {
			switch {
			case n.Data == "tr":
				var row []string
				for c := n.FirstChild; c != nil; c = c.NextSibling {
					if c.Type == html.ElementNode {
						row = append(row, strings.TrimSpace(textDeep(c)))
					}
				}
				cur.rows = append(cur.rows, row)
			case n.Data == "a" && strings.HasSuffix(attrOf(n, "href"), ".csv"):
				cur.csv = attrOf(n, "href")
			case n.Data == "a" && strings.HasSuffix(attrOf(n, "href"), ".json"):
				cur.json = attrOf(n, "href")
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			inFigure(c, cur)
		}
	}
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.ElementNode && n.Data == "figure" && strings.Contains(attrOf(n, "class"), "chart-figure") {
			c := pageChart{id: attrOf(n, "id")}
			inFigure(n, &c)
			out = append(out, c)
			return
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(doc)
	return out
}

func textDeep(n *html.Node) string {
	if n.Type == html.TextNode {
		return n.Data
	}
	var b strings.Builder
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		b.WriteString(textDeep(c))
	}
	return b.String()
}

// TestDownloadsMatchPageTables: on every page of both test sites, each
// chart's CSV and JSON downloads exist and hold exactly what its table shows.
func TestDownloadsMatchPageTables(t *testing.T) {
	t.Parallel()
	for _, dir := range []string{testSites["default"], testSites["regio"]} {
		files := siteFiles(t, dir)
		n := 0
		for path, page := range files {
			if !strings.HasSuffix(path, ".html") {
				continue
			}
			for _, c := range pageCharts(t, page) {
				if c.csv == "" { // a single number: no table, no downloads
					continue
				}
				n++
				csvData, ok1 := files[strings.TrimPrefix(c.csv, "/")]
				jsonData, ok2 := files[strings.TrimPrefix(c.json, "/")]
				if !ok1 || !ok2 {
					t.Fatalf("%s %s: downloads %s, %s not written", path, c.id, c.csv, c.json)
				}
				recs := readCSV(t, c.csv, csvData)
				var doc struct {
					ID       string `json:"id"`
					Kolommen []struct{ Naam string }
					Rijen    []struct {
						Naam   string
						Cellen []struct {
							Waarde *float64
							Tekst  string
						}
					}
				}
				if err := json.Unmarshal([]byte(jsonData), &doc); err != nil {
					t.Fatal(err)
				}
				if doc.ID+"" != strings.TrimSuffix(c.id, "") {
					t.Errorf("%s: JSON id %q for figure %q", path, doc.ID, c.id)
				}
				// The table as the page prints it, as the CSV holds it and as
				// the JSON describes it.
				var fromCSV, fromJSON [][]string
				for i, rec := range recs {
					row := slicesClone(rec[:len(rec)-1]) // without the unit column
					if i > 0 {
						row[0] = strings.TrimPrefix(row[0], "'")
					}
					fromCSV = append(fromCSV, row)
				}
				head := []string{recs[0][0]}
				for _, k := range doc.Kolommen {
					head = append(head, k.Naam)
				}
				fromJSON = append(fromJSON, head)
				for _, rij := range doc.Rijen {
					row := []string{rij.Naam}
					for _, c := range rij.Cellen {
						row = append(row, c.Tekst)
					}
					fromJSON = append(fromJSON, row)
				}
				if !reflect.DeepEqual(c.rows, fromJSON) {
					t.Errorf("%s %s: table and JSON differ:\n%q\n%q", path, c.id, c.rows, fromJSON)
				}
				for i := range c.rows {
					if i == 0 || len(c.rows[i]) != len(fromCSV[i]) {
						if i > 0 || !reflect.DeepEqual(c.rows[0], fromCSV[0]) {
							t.Errorf("%s %s: header or row %d differs: %q vs CSV %q", path, c.id, i, c.rows[i], fromCSV[i])
						}
						continue
					}
					if c.rows[i][0] != fromCSV[i][0] {
						t.Errorf("%s %s: row label %q vs CSV %q", path, c.id, c.rows[i][0], fromCSV[i][0])
					}
					for j := 1; j < len(c.rows[i]); j++ {
						v := doc.Rijen[i-1].Cellen[j-1].Waarde
						shown := c.rows[i][j]
						csvNum := fromCSV[i][j]
						switch {
						case v == nil && (shown != "" || csvNum != ""):
							t.Errorf("%s %s: empty cell shows %q, CSV %q", path, c.id, shown, csvNum)
						case v != nil && !strings.Contains(strings.ReplaceAll(shown, ".", ""), csvNum):
							t.Errorf("%s %s: cell shows %q, CSV has %q", path, c.id, shown, csvNum)
						}
					}
				}
			}
		}
		if n < 4 {
			t.Errorf("%s: only %d charts with downloads", dir, n)
		}
	}
}

func slicesClone(s []string) []string { return append([]string(nil), s...) }

// TestChartPlacement: figures appear on the page that carries them; the
// agreement page has the status overview and a list of every figure.
func TestChartPlacement(t *testing.T) {
	t.Parallel()
	files := siteFiles(t, "../..")
	ag := files["alphen-chaam-2023-2024/index.html"]
	for _, want := range []string{`id="fig-stand-`, `id="fig-doelen-`, `id="voortgang"`, `id="cijfers-per-onderdeel"`,
		`href="/alphen-chaam-2023-2024/betaalbaarheid/#fig-huurprijsklassen-2022-05"`, `href="/alphen-chaam-2023-2024/duurzaamheid/#fig-energielabels-2022-09"`} {
		if !strings.Contains(ag, want) {
			t.Errorf("agreement page lacks %s", want)
		}
	}
	for page, id := range map[string]string{
		"alphen-chaam-2023-2024/betaalbaarheid/index.html":                                            "fig-huurprijsklassen-2022-05",
		"alphen-chaam-2023-2024/bijzondere-doelgroepen/huisvesting-bijzondere-doelgroepen/index.html": "fig-toewijzingen-2023-12",
	} {
		p := files[page]
		if !strings.Contains(p, `<figure class="figure chart-figure" id="`+id+`"`) {
			t.Errorf("%s lacks chart %s", page, id)
		}
		if !regexp.MustCompile(`<script src="/assets/charts\.[0-9a-f]{10}\.js" data-echarts="/assets/echarts\.common\.min\.[0-9a-f]{10}\.js" defer></script>`).MatchString(p) {
			t.Errorf("%s does not load the chart scripts", page)
		}
		if !strings.Contains(p, `<details class="chart-data" open>`) {
			t.Errorf("%s: table not open without JavaScript", page)
		}
	}
	// One number (the stock of mei 2022, the homes with E, F or G) is a
	// number card: no drawing, no chart script, the table one click away,
	// the downloads there.
	for page, id := range map[string]string{
		"alphen-chaam-2023-2024/duurzaamheid/index.html":    "fig-energielabels-2022-09",
		"alphen-chaam-2023-2024/beschikbaarheid/index.html": "fig-woningvoorraad-2022-05",
	} {
		p := files[page]
		if !strings.Contains(p, `<figure class="figure chart-figure number-figure" id="`+id+`"`) || !strings.Contains(p, `<div class="number-card">`) {
			t.Errorf("%s lacks number card %s", page, id)
		}
		if strings.Contains(p, "echarts") || strings.Contains(p, `class="chart"`) {
			t.Errorf("%s draws a chart for one number", page)
		}
		if !strings.Contains(p, `<details class="chart-data">`) || !strings.Contains(p, id+`.csv" download>CSV</a>`) {
			t.Errorf("%s: number card without its table or downloads", page)
		}
	}
	// Pages without a chart load no chart script.
	if strings.Contains(files["index.html"], "echarts") || strings.Contains(files["alphen-chaam-2023-2024/monitoring/index.html"], "echarts") {
		t.Error("chart scripts on a page without a chart")
	}
	for _, f := range []string{`assets/echarts\.common\.min\.[0-9a-f]{10}\.js`, `assets/echarts-LICENSE\.txt`, `assets/echarts-NOTICE\.txt`, `assets/charts\.[0-9a-f]{10}\.js`, `assets/style\.[0-9a-f]{10}\.css`} {
		found := false
		for name := range files {
			found = found || regexp.MustCompile("^"+f+"$").MatchString(name)
		}
		if !found {
			t.Errorf("%s not written", f)
		}
	}
	// The seed's numbers; each cell says its column, for the cards on a phone.
	rent := files["alphen-chaam-2023-2024/betaalbaarheid/index.html"]
	for _, want := range []string{"21% van de woningen een huur tot de kwaliteitskortingsgrens", `<td data-label="mei 2022">54%</td>`, `<td data-label="mei 2022">1%</td>`} {
		if !strings.Contains(rent, want) {
			t.Errorf("rent bands lack %q", want)
		}
	}
	labels := files["alphen-chaam-2023-2024/duurzaamheid/index.html"]
	for _, want := range []string{"Circa 5 woningen hebben energielabel E, F of G", `<td data-label="september 2022">circa 5 woningen</td>`, "Doel uiterlijk 31 december 2028",
		`<p class="number-card-label">Woningen met label E, F of G</p>`, `<p class="figure-value">ca. 5 <span class="figure-unit">woningen</span></p>`} {
		if !strings.Contains(strings.ReplaceAll(labels, "\u00a0", " "), want) {
			t.Errorf("energy labels lack %q", want)
		}
	}
}

// TestChartsWithoutECharts: a site with charts renders without the library,
// publishing the charts as their tables (no chart script on any page) and
// telling why.
func TestChartsWithoutECharts(t *testing.T) {
	t.Parallel()
	s, ds := content.Load(os.DirFS("../.."), content.Options{})
	if ds.HasErrors() {
		t.Fatal(ds)
	}
	tmpl := mustSub(t, prestatie.Templates, "templates")
	theme := mustSub(t, prestatie.Themes, "themes/default")
	out, err := site.Render(s, site.Options{Templates: tmpl, Theme: theme})
	if err != nil {
		t.Fatal(err)
	}
	if !errors.Is(out.TablesOnly, charts.ErrNoECharts) {
		t.Errorf("TablesOnly = %v", out.TablesOnly)
	}
	for _, f := range out.Files {
		if strings.Contains(f.Path, "echarts") || bytes.Contains(f.Data, []byte("echarts")) && strings.HasSuffix(f.Path, ".html") {
			t.Errorf("%s: ECharts published or loaded without the library", f.Path)
		}
	}
}

// hashedAsset is a theme script under its content-hashed name.
var hashedAsset = regexp.MustCompile(`^/sub/assets/(echarts\.common\.min|charts|filter|search)\.[0-9a-f]{10}\.js$`)

func mustSub(t *testing.T, fsys fs.FS, dir string) fs.FS {
	t.Helper()
	s, err := fs.Sub(fsys, dir)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// TestIllustrativeMarked: example numbers say so in the caption and on the
// card itself, not only in the source line; real numbers do not.
func TestIllustrativeMarked(t *testing.T) {
	t.Parallel()
	page := built(t, testSites["regio"]).files["testland-2024-2027/beschikbaarheid/index.html"]
	for _, want := range []string{`januari 2023 tot en met januari 2024 (circa, illustratief)</figcaption>`, `<p class="number-card-mark">Illustratief, geen echte cijfers</p>`,
		`<p class="number-card-change">circa 70 woningen meer dan in januari 2023 (8.395)</p>`} {
		if !strings.Contains(strings.ReplaceAll(page, "\u00a0", " "), want) {
			t.Errorf("regio stock lacks %s", want)
		}
	}
	real := built(t, testSites["default"]).files["alphen-chaam-2023-2024/beschikbaarheid/index.html"]
	if strings.Contains(real, "number-card-mark") || strings.Contains(real, "(circa, illustratief)") {
		t.Error("real numbers marked illustrative")
	}
}
