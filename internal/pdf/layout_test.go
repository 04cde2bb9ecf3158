package pdf

import (
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"testing"
	"testing/fstest"
	"time"
	"unicode"

	"github.com/johnfercher/go-tree/node"
	"github.com/johnfercher/maroto/v2/pkg/core"
	"github.com/johnfercher/maroto/v2/pkg/core/entity"

	"github.com/prestatie/prestatie/internal/agreement"
	"github.com/prestatie/prestatie/internal/content"
	"github.com/prestatie/prestatie/internal/dutch"
)

// TestPageNumbers checks the footer of every page, the cover included:
// "pagina X van Y", the version and the short fingerprint; the page count
// on the signing page, and the page numbers of the contents.
func TestPageNumbers(t *testing.T) {
	for _, dir := range []string{root, regio} {
		t.Run(filepath.Base(dir), func(t *testing.T) {
			ag, _, body, foot := siteTexts(t, dir)
			n := len(body)
			if n < 5 {
				t.Fatalf("only %d pages", n)
			}
			status, print := version(ag, Fingerprint(ag))
			for p := 1; p <= n; p++ {
				f := normalise(foot[p-1])
				for _, want := range []string{fmt.Sprintf("pagina %d van %d", p, n), status, print} {
					if !strings.Contains(f, want) {
						t.Errorf("page %d: no %q in the footer:\n%s", p, want, foot[p-1])
					}
				}
			}
			all := normalise(strings.Join(body, "\n"))
			if want := fmt.Sprintf("Deze overeenkomst bestaat uit %d pagina's", n); !strings.Contains(all, want) {
				t.Errorf("no %q", want)
			}
			// Contents: every entry's heading is on the page it names.
			d := newDoc(ag, newTheme(Theme{}))
			toc := normalise(body[1])
			for _, e := range d.toc {
				head := strings.TrimSpace(e.number + " " + e.title)
				m := regexp.MustCompile(regexp.QuoteMeta(normalise(head)) + ` (\d+)`).FindStringSubmatch(toc)
				if m == nil {
					t.Errorf("contents: no entry %q with a page number", head)
					continue
				}
				p, _ := strconv.Atoi(m[1])
				if p < 2 || p > n || !strings.Contains(normalise(body[p-1]), normalise(head)) {
					t.Errorf("contents: %q on page %d, but it is not there", head, p)
				}
			}
		})
	}
}

// TestNoHeadingAtPageBottom checks, on the layout, that the last text of a
// page is never a heading, nor a sentence ending in a colon that introduces
// a list, table or quote.
func TestNoHeadingAtPageBottom(t *testing.T) {
	for _, dir := range []string{root, regio} {
		ag := load(t, dir)
		d := newDoc(ag, newTheme(Theme{}))
		m := newMaroto(d.config(testDate, false), testDate)
		if err := d.build(m, pagination{pages: map[string]int{}}, nil); err != nil {
			t.Fatal(err)
		}
		for i, p := range m.GetStructure().GetNexts() {
			var last string
			walkStructure(p, func(typ string, v any, det map[string]any) {
				if typ == "prestatie-text" && strings.TrimSpace(v.(string)) != "" {
					last = v.(string)
					if det["heading"] == true {
						last = "HEADING " + last
					}
				}
			})
			if strings.HasPrefix(last, "HEADING ") {
				t.Errorf("%s: page %d ends with a heading: %q", dir, i+1, last)
			}
			if strings.HasSuffix(last, ":") {
				t.Errorf("%s: page %d ends with the sentence that introduces what follows: %q", dir, i+1, last)
			}
		}
	}
}

// TestHostileContent renders texts that break naive PDF writers: emoji and
// other runes above U+FFFF (a panic in gofpdf), tabs, newlines, markup, a
// 300-character word, and an empty agreement body.
func TestHostileContent(t *testing.T) {
	long := strings.Repeat("Woningcorporatie", 19)[:300]
	evil := "😀 𝛼 </script><script>alert(1)</script> tab\there new\nline " + long
	q := func(s string) string { return strconv.Quote(s) }
	fsys := fstest.MapFS{
		"content/x-2024/_index.md": {Data: []byte(`---
title: ` + q("Afspraken "+evil) + `
municipality: ` + q("Dorp 😀") + `
period: {from: 2024, to: 2024}
reference: ` + q("REF\t😀") + `
date: 2024-01-01
status: draft
parties:
  - {id: a, name: ` + q("A "+evil) + `, kind: municipality, tagline: ` + q(evil) + `, signatories: [{name: ` + q(evil) + `}]}
  - {id: b, name: B, kind: corporation, label: ` + q(long) + `}
---
Preambule ` + evil + `

| a | ` + evil + ` |
|---|---|
| ` + long + ` | 😀 |
`)},
		"content/x-2024/t/_index.md": {Data: []byte("---\ntitle: " + q("Thema "+evil) + "\norder: 1\n---\n")},
		"content/x-2024/t/a.md": {Data: []byte(`---
title: ` + q("Afspraak "+evil) + `
order: 1
items:
  c: {party: a, target: {value: 1, unit: ` + q("😀") + `, note: ` + q(evil) + `}}
figures:
  - {kind: value, as_of: 2024-01, value: 1, unit: euro, title: ` + q(evil) + `, source: ` + q(evil) + `}
---
## Beoogd effect ` + evil + `

- Tekst ` + evil + ` {#c}

Body ` + evil + `
`)},
	}
	s, ds := content.Load(fsys, content.Options{})
	if ds.HasErrors() {
		t.Fatalf("load: %v", ds)
	}
	pdf, err := Render(s.Agreements[0], Options{})
	if err != nil {
		t.Fatalf("render: %v", err)
	}
	if dir := os.Getenv("PDF_KEEP"); dir != "" {
		os.WriteFile(filepath.Join(dir, "hostile.pdf"), pdf, 0o644)
	}
	need(t, "pdftotext")
	need(t, "qpdf")
	file := writeTemp(t, pdf)
	runTool(t, "qpdf", "--check", file)
	pages := texts(t, pdf)
	text := strings.Join(pages, "\f")
	n := len(pages)
	for p := 1; p <= n; p++ {
		if !strings.Contains(pages[p-1], fmt.Sprintf("pagina %d van %d", p, n)) {
			t.Errorf("page %d: no \"pagina %d van %d\"", p, p, n)
		}
	}
	if strings.Contains(text, "[U+") {
		t.Error(`the PDF prints "[U+"`)
	}
	for _, want := range []string{"\uFFFD \uFFFD </script>", "tab here new line", "</script>"} {
		if !strings.Contains(text, want) {
			t.Errorf("text lacks %q", want)
		}
	}
	checkXMP(t, pdf)
	// The long word is broken over lines, not cut off.
	if joined := strings.Join(strings.Fields(text), ""); !strings.Contains(joined, long) {
		t.Error("the 300-character word lost characters")
	}
}

// TestRepeatedTableHeader checks that a table running on to the next page
// repeats its header row there.
func TestRepeatedTableHeader(t *testing.T) {
	var md strings.Builder
	md.WriteString("| Kolom kop | waarde |\n|---|---|\n")
	for i := range 120 {
		fmt.Fprintf(&md, "| rij %d | %d |\n", i, i)
	}
	ag := load(t, root)
	ag.Preamble.Source = md.String()
	pdf, err := Render(ag, Options{})
	if err != nil {
		t.Fatal(err)
	}
	body, _ := pageTexts(t, ag, writeTemp(t, pdf))
	pages := 0
	row := regexp.MustCompile(`rij \d+ +\d+`)
	for _, b := range body {
		if row.MatchString(b) {
			pages++
			if !strings.Contains(b, "Kolom kop") {
				t.Errorf("a page of the table lacks the header row:\n%s", b)
			}
		}
	}
	if pages < 2 {
		t.Fatalf("table on %d pages", pages)
	}
}

func walkStructure(n *node.Node[core.Structure], fn func(typ string, v any, det map[string]any)) {
	d := n.GetData()
	fn(d.Type, d.Value, d.Details)
	for _, c := range n.GetNexts() {
		walkStructure(c, fn)
	}
}

func layoutConfig() *entity.Config {
	return (&doc{ag: &agreement.Agreement{}}).config(testDate, false)
}

func firstPass(t testing.TB, ag *agreement.Agreement) pagination {
	d := newDoc(ag, newTheme(Theme{}))
	m := newMaroto(d.config(testDate, false), testDate)
	if err := d.build(m, pagination{pages: map[string]int{}}, nil); err != nil {
		t.Fatal(err)
	}
	return scan(m.GetStructure())
}

// TestIntroKeptWithList moves a sentence that introduces a list down the
// page line by line: it never ends a page without the list's first item.
func TestIntroKeptWithList(t *testing.T) {
	ag := &agreement.Agreement{Title: "T", ShortTitle: "T", Status: agreement.Draft, Signing: agreement.WetInk,
		Parties: []*agreement.Party{{ID: "a", Name: "A", Label: "A", Kind: agreement.Municipality}}}
	if err := loadMetrics(); err != nil {
		t.Fatal(err)
	}
	for k := 30; k < 70; k++ {
		ag.Preamble.Source = strings.Repeat("Regel.\n\n", k) + "Partijen spreken het volgende af:\n\n- een\n- twee\n"
		d := newDoc(ag, newTheme(Theme{}))
		m := newMaroto(d.config(testDate, false), testDate)
		if err := d.build(m, pagination{pages: map[string]int{}}, nil); err != nil {
			t.Fatal(err)
		}
		for i, p := range m.GetStructure().GetNexts() {
			var last string
			walkStructure(p, func(typ string, v any, _ map[string]any) {
				if typ == "prestatie-text" && strings.TrimSpace(v.(string)) != "" {
					last = v.(string)
				}
			})
			if strings.HasSuffix(last, "volgende af:") {
				t.Errorf("%d lines before: page %d ends with the introduction", k, i+1)
			}
		}
	}
}

// TestNothingUnagreedBeforeSignatures checks every word of the pages
// before the signing page, footers included: it comes from the source
// (texts, titles, parties, figures), from the fixed furniture, from the
// Dutch labels of the vocabularies and dates, or is the fingerprint.
func TestNothingUnagreedBeforeSignatures(t *testing.T) {
	for _, dir := range []string{root, regio} {
		t.Run(filepath.Base(dir), func(t *testing.T) {
			ag, _, body, foot := siteTexts(t, dir)
			pg := firstPass(t, ag)
			sign := pg.pages["ondertekening"]
			if sign < 3 {
				t.Fatalf("signing page %d", sign)
			}
			before := strings.Join(body[:sign-1], "\n") + "\n" + strings.Join(foot[:sign-1], "\n")
			fp := Fingerprint(ag)
			before = strings.ReplaceAll(strings.ReplaceAll(before, fp, ""), fp[:shortPrint], "")
			before = dehyphenate(before)

			var allowed strings.Builder
			add := func(ss ...string) {
				for _, s := range ss {
					allowed.WriteString(s + "\n")
				}
			}
			add(sourceText(ag))
			add(furniture...)
			for _, k := range agreement.PartyKinds {
				add(k.Label)
			}
			for m := time.January; m <= time.December; m++ {
				add(dutch.Date(2000, m, 1))
			}
			var figs []*agreement.Figure
			figs = append(figs, ag.Figures...)
			ag.EachSection(func(s *agreement.Section) { figs = append(figs, s.Figures...) })
			for _, f := range figs {
				add(f.Source, f.DefaultTitle())
				for _, v := range f.Values {
					add(agreement.FigureKeyLabel(f.Kind, v.Key))
				}
				if f.Value != nil {
					add(dutch.Quantity(*f.Value, f.Unit))
				}
			}
			words := func(s string) map[string]bool {
				m := map[string]bool{}
				for _, w := range strings.FieldsFunc(s, func(r rune) bool { return !unicode.IsLetter(r) }) {
					m[strings.ToLower(w)] = true
				}
				return m
			}
			ok := words(allowed.String())
			var extra []string
			for w := range words(before) {
				if !ok[w] {
					extra = append(extra, w)
				}
			}
			sort.Strings(extra)
			if len(extra) > 0 {
				t.Errorf("words before the signatures that are neither source nor furniture: %v", extra)
			}
		})
	}
}

// TestDocumentShapes renders a document of the shapes real agreements
// have: the preamble under its own heading, legal provisions numbered in
// the text and in their annotation, three levels of sections, an
// unnumbered wijk section, bijlagen with and without a number, parties in
// the document's groups. Everything prints in the source's order with the
// source's numbers, and the bookmarks follow the depth.
func TestDocumentShapes(t *testing.T) {
	fm := func(s string) *fstest.MapFile { return &fstest.MapFile{Data: []byte("---\n" + s)} }
	fsys := fstest.MapFS{
		"content/dorp-2025/_index.md": fm(`title: Prestatieafspraken Dorp 2025-2028
municipality: Dorp
period: {from: 2025, to: 2028}
status: for-signature
preamble_title: Vooraf
parties:
  - {id: gemeente, name: Gemeente Dorp, kind: municipality, label: gemeente, group: Gemeenten}
  - {id: wonen, name: Wonen Dorp, kind: corporation, group: Woningcorporaties}
  - {id: huurders, name: Huurdersraad Dorp, kind: tenants, group: Woningcorporaties}
groups:
  - {id: negen, name: de negen corporaties in de regio, kind: corporation, count: 9}
---
Partijen, overwegende dat het wonen in Dorp aandacht vraagt, komen het volgende overeen.
`),
		"content/dorp-2025/bepalingen/_index.md": fm(`title: Algemene bepalingen
order: 1
number: "1"
items:
  voorbehoud: {kind: provision}
  looptijd: {kind: provision, number: "1.2"}
---
1.1 De gemeente gaat deze overeenkomst aan onder publiekrechtelijk voorbehoud. {#voorbehoud}

Deze overeenkomst loopt tot en met 2028. {#looptijd}
`),
		"content/dorp-2025/wonen/_index.md":           fm("title: Wonen\norder: 2\nnumber: \"2\"\n---\nDe tekst van hoofdstuk 2.\n"),
		"content/dorp-2025/wonen/nieuwbouw/_index.md": fm("title: Nieuwbouw\norder: 1\nnumber: \"2.1\"\n---\nDe tekst van paragraaf 2.1.\n"),
		"content/dorp-2025/wonen/nieuwbouw/kernen.md": fm(`title: Bouwen in de kernen
order: 1
number: "2.1.3"
items:
  bouw: {party: wonen, target: {value: 120, unit: woningen, due: 2027}}
  besluit: {party: [gemeente, negen]}
---
1. Wonen Dorp bouwt 120 woningen. {#bouw}
2. De gemeente neemt in 2025 een besluit. {#besluit}
`),
		"content/dorp-2025/wonen/noord.md":   fm("title: Wijk Noord\norder: 2\n---\n- Partijen onderhouden het groen. {#groen}\n"),
		"content/dorp-2025/kaart/_index.md":  fm("title: Kaart\norder: 3\nkind: annex\n---\nDe kaart van Dorp.\n"),
		"content/dorp-2025/regels/_index.md": fm("title: Begrippen\norder: 4\nkind: annex\nnumber: B\n---\nBegrippen van deze overeenkomst.\n"),
	}
	ag := loadFS(t, fsys)
	pdf, err := Render(ag, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if dir := os.Getenv("PDF_KEEP"); dir != "" {
		os.WriteFile(filepath.Join(dir, "shapes.pdf"), pdf, 0o644)
	}
	body, _ := pageTexts(t, ag, writeTemp(t, pdf))
	text := textFrom(t, ag, body)
	inOrder(t, text, []string{"Vooraf", "Partijen, overwegende dat", "1 Algemene bepalingen",
		"1.1 De gemeente gaat deze overeenkomst aan", "1.2 Deze overeenkomst loopt tot en met 2028.",
		"2 Wonen", "De tekst van hoofdstuk 2.", "2.1 Nieuwbouw", "De tekst van paragraaf 2.1.",
		"2.1.3 Bouwen in de kernen", "1. Wonen Dorp bouwt 120 woningen.", "2. De gemeente neemt in 2025 een besluit.",
		"Wijk Noord", "Partijen onderhouden het groen.",
		"Ondertekening", "Aldus overeengekomen en ondertekend.", "Gemeenten", "Gemeente Dorp", "namens deze",
		"Woningcorporaties", "Wonen Dorp", "Huurdersraad Dorp",
		"Kaart", "De kaart van Dorp.", "B Begrippen", "Begrippen van deze overeenkomst."})
	if strings.Contains(text, "1.1 1.1") || strings.Contains(text, "de negen corporaties") {
		t.Errorf("a number printed twice, or a group that does not sign on the signing page:\n%s", text)
	}
	inOrder(t, normalise(body[0]), []string{"Gemeenten", "Gemeente Dorp", "Woningcorporaties", "Wonen Dorp", "Huurdersraad Dorp"})
	checkOutline(t, ag, pdf)
}

// TestDeepNesting: a list and a quote nested 40 levels deep print every
// level's text; below maxIndent the levels stay at one indent.
func TestDeepNesting(t *testing.T) {
	var md strings.Builder
	for i := range 40 {
		fmt.Fprintf(&md, "%s- niveau%d\n", strings.Repeat("  ", i), i+1)
	}
	md.WriteString("\n")
	for i := range 40 {
		fmt.Fprintf(&md, "%s citaat%d\n>", strings.Repeat(">", i+1), i+1)
	}
	ag := load(t, root)
	ag.Preamble.Source = md.String()
	pdf, err := Render(ag, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if dir := os.Getenv("PDF_KEEP"); dir != "" {
		os.WriteFile(filepath.Join(dir, "deep.pdf"), pdf, 0o644)
	}
	text := strings.Join(texts(t, pdf), "")
	for i := 1; i <= 40; i++ {
		for _, w := range []string{fmt.Sprintf("niveau%d\n", i), fmt.Sprintf("citaat%d", i)} {
			if !strings.Contains(text, w) {
				t.Errorf("%q is missing", strings.TrimSpace(w))
			}
		}
	}
}

// TestLineLength: running text is set at about 80 characters a line (notes
// in small print a little more).
func TestLineLength(t *testing.T) {
	for _, dir := range []string{root, regio} {
		_, pdf := renderSite(t, dir)
		long := 0
		// -raw: pdftotext would join a hyphenated word's lines into one
		for _, l := range strings.Split(runTool(t, "pdftotext", "-raw", writeTemp(t, pdf), "-"), "\n") {
			if n := len([]rune(l)); n > 90 && !strings.HasPrefix(l, "Vingerafdruk van de bron") {
				t.Errorf("%s: a line of %d characters: %q", dir, n, l)
			} else if n > 82 {
				long++
			}
		}
		if long > 5 {
			t.Errorf("%s: %d lines of more than 82 characters", dir, long)
		}
	}
}

// TestCodeIsMonospaced: code spans and blocks are set in Liberation Mono,
// which is embedded only when the text has code.
func TestCodeIsMonospaced(t *testing.T) {
	need(t, "pdffonts")
	ag := load(t, root)
	ag.Preamble.Source = "Zet `status: signed` in de kop.\n\n```\nitems:\n  de-ligt-iv: {party: leystromen}\n```\n"
	pdf, err := Render(ag, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if fonts := runTool(t, "pdffonts", writeTemp(t, pdf)); !strings.Contains(fonts, "utf8liberationmono") {
		t.Errorf("no monospaced font:\n%s", fonts)
	}
	text := strings.ReplaceAll(strings.Join(texts(t, pdf), ""), "\u00a0", " ")
	for _, want := range []string{"Zet status: signed in de kop.", "items:\nde-ligt-iv: {party: leystromen}"} {
		if !strings.Contains(text, want) {
			t.Errorf("%q is missing", want)
		}
	}
	_, plain := renderSite(t, root)
	if fonts := runTool(t, "pdffonts", writeTemp(t, plain)); strings.Contains(fonts, "mono") {
		t.Errorf("a text without code embeds the monospaced font:\n%s", fonts)
	}
}
