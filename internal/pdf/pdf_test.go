package pdf

import (
	"bytes"
	"encoding/json"
	"encoding/xml"
	"fmt"
	"html"
	"io"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"sync"
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
	"github.com/prestatie/prestatie/internal/seed"
)

// These tests read the PDF back with poppler (pdftotext, pdfinfo, pdffonts)
// and qpdf. Without them they are skipped, except under CI=true, where a
// missing tool is a failure: apt-get install -y poppler-utils qpdf.

const root = "../.." // the repository is the default site

// regio is the fifteen-party test site.
var regio = filepath.Join(root, "testdata/sites/regio")

var testDate = time.Date(2023, 4, 6, 0, 0, 0, 0, time.UTC)

func need(t testing.TB, tool string) {
	t.Helper()
	if _, err := exec.LookPath(tool); err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatalf("%s is missing; install it with: apt-get install -y poppler-utils qpdf", tool)
		}
		t.Skipf("%s is not installed: skipping (apt-get install -y poppler-utils qpdf; with CI=true this fails)", tool)
	}
}

func load(t testing.TB, dir string) *agreement.Agreement {
	t.Helper()
	s, ds := content.Load(os.DirFS(dir), content.Options{})
	if ds.HasErrors() {
		t.Fatalf("load %s: %v", dir, ds)
	}
	return s.Agreements[0]
}

type rendered struct {
	ag         *agreement.Agreement
	pdf        []byte
	err        error
	body, foot []string // page texts, read once
}

var (
	cacheMu sync.Mutex
	cache   = map[string]*rendered{}
)

// renderSite renders the first agreement of a site once per test binary.
func renderSite(t testing.TB, dir string) (*agreement.Agreement, []byte) {
	t.Helper()
	cacheMu.Lock()
	defer cacheMu.Unlock()
	r, ok := cache[dir]
	if !ok {
		ag := load(t, dir)
		pdf, err := Render(ag, Options{})
		r = &rendered{ag: ag, pdf: pdf, err: err}
		cache[dir] = r
		if err == nil && os.Getenv("PDF_KEEP") != "" { // PDF_KEEP=dir keeps the files to look at
			os.WriteFile(filepath.Join(os.Getenv("PDF_KEEP"), map[bool]string{true: "default", false: filepath.Base(dir)}[dir == root]+".pdf"), pdf, 0o644)
		}
	}
	if r.err != nil {
		t.Fatalf("render %s: %v", dir, r.err)
	}
	return r.ag, r.pdf
}

// siteTexts is pageTexts of a site's PDF, read once per test binary.
func siteTexts(t testing.TB, dir string) (ag *agreement.Agreement, pdf []byte, body, foot []string) {
	t.Helper()
	ag, pdf = renderSite(t, dir)
	cacheMu.Lock()
	defer cacheMu.Unlock()
	r := cache[dir]
	if r.body == nil {
		r.body, r.foot = pageTexts(t, ag, writeTemp(t, pdf))
	}
	return ag, pdf, r.body, r.foot
}

func writeTemp(t testing.TB, pdf []byte) string {
	t.Helper()
	f := filepath.Join(t.TempDir(), "doc.pdf")
	if err := os.WriteFile(f, pdf, 0o644); err != nil {
		t.Fatal(err)
	}
	return f
}

func runTool(t testing.TB, name string, args ...string) string {
	t.Helper()
	out, err := exec.Command(name, args...).CombinedOutput()
	if err != nil {
		t.Fatalf("%s %v: %v\n%s", name, args, err, out)
	}
	return string(out)
}

// texts is the text of every page, from one run of pdftotext.
func texts(t testing.TB, pdf []byte) []string {
	t.Helper()
	need(t, "pdftotext")
	ps := strings.Split(runTool(t, "pdftotext", writeTemp(t, pdf), "-"), "\f")
	return ps[:len(ps)-1]
}

// hyphenAtEnd is a hyphen printed where a line breaks a word, with the
// line break and the next line's indentation.
var hyphenAtEnd = regexp.MustCompile(`(\pL)-\n[ \t]*(\pL)`)

// dehyphenate joins the words that layout hyphenated at a line's end
// (pdftotext -layout keeps the hyphen; without -layout it joins them).
func dehyphenate(s string) string { return hyphenAtEnd.ReplaceAllString(s, "$1$2") }

func pageCount(t testing.TB, file string) int {
	m := regexp.MustCompile(`(?m)^Pages:\s+(\d+)`).FindStringSubmatch(runTool(t, "pdfinfo", file))
	if m == nil {
		t.Fatal("pdfinfo: no page count")
	}
	n, _ := strconv.Atoi(m[1])
	return n
}

// pageTexts is the text of every page, split into the body (above the
// footer) and the footer, with pdftotext -layout: one run for the bodies of
// all pages and one for the footers (pages are separated by form feeds).
func pageTexts(t testing.TB, ag *agreement.Agreement, file string) (body, foot []string) {
	t.Helper()
	need(t, "pdftotext")
	f := newFooter(ag, newTheme(Theme{}), contentW, nil, 0, Fingerprint(ag))
	pt := func(mm float64) string { return strconv.Itoa(int(mm * 72 / 25.4)) }
	split := pageH - marginBottom - f.h + footerGap/2
	pages := func(out string) []string {
		ps := strings.Split(out, "\f")
		return ps[:len(ps)-1] // the text ends with a form feed
	}
	body = pages(runTool(t, "pdftotext", "-layout", "-x", "0", "-y", "0", "-W", pt(pageW), "-H", pt(split), file, "-"))
	foot = pages(runTool(t, "pdftotext", "-layout", "-x", "0", "-y", pt(split), "-W", pt(pageW), "-H", pt(pageH-split), file, "-"))
	if len(body) != len(foot) {
		t.Fatalf("pdftotext: %d pages of body, %d of footer", len(body), len(foot))
	}
	for i := range body {
		body[i] = dehyphenate(body[i])
	}
	return body, foot
}

// normalise makes typographic and plain quotes and white space compare equal.
var normalise = seed.Normalise

// inOrder checks that each of want appears in text after the previous one.
func inOrder(t *testing.T, text string, want []string) {
	t.Helper()
	at := 0
	for _, w := range want {
		w = normalise(w)
		i := strings.Index(text[at:], w)
		if i < 0 {
			if strings.Contains(text, w) {
				t.Errorf("%q is out of order", w)
			} else {
				t.Errorf("%q is missing", w)
			}
			continue
		}
		at += i + len(w)
	}
}

// plainOf is the text a Markdown string prints as.
func plainOf(d *doc, src string) string {
	var b strings.Builder
	for _, s := range d.flat(src) {
		b.WriteString(s.Text)
	}
	return b.String()
}

// expected lists, in document order, what the source says must print: the
// preamble's heading, every section's number and title and the text of
// every item of the text, the signing page, then the bijlagen.
func expected(ag *agreement.Agreement) []string {
	d := newDoc(ag, newTheme(Theme{}))
	var want []string
	var items func(its []*agreement.Item)
	items = func(its []*agreement.Item) {
		for _, it := range its {
			want = append(want, plainOf(d, it.Text))
			items(it.Items)
		}
	}
	var section func(s *agreement.Section)
	section = func(s *agreement.Section) {
		want = append(want, s.Label())
		items(s.Items)
		for _, c := range s.Sections {
			section(c)
		}
	}
	if ag.PreambleTitle != "" {
		want = append(want, ag.PreambleTitle)
	}
	items(ag.Items)
	for _, s := range ag.Body() {
		section(s)
	}
	want = append(want, "Ondertekening", "Aldus overeengekomen en ondertekend")
	for _, s := range ag.Annexes() {
		section(s)
	}
	return want
}

// sourceText is every text of an agreement's source: titles, Markdown
// bodies, the signing note, party names and figure captions.
func sourceText(ag *agreement.Agreement) string {
	var b strings.Builder
	w := func(ss ...string) {
		for _, s := range ss {
			b.WriteString(s)
			b.WriteByte('\n')
		}
	}
	w(ag.Title, ag.ShortTitle, ag.Municipality, ag.Reference, ag.PreambleTitle, ag.Preamble.Source, ag.SigningNote)
	for _, p := range ag.Parties {
		w(p.Name, p.Label, p.Group, p.Tagline)
	}
	ag.EachSection(func(s *agreement.Section) { w(s.Number, s.Title, s.Body.Source) })
	return b.String()
}

// textFrom is the normalised body text from the page where the text begins.
func textFrom(t *testing.T, ag *agreement.Agreement, body []string) string {
	t.Helper()
	pg := firstPass(t, ag)
	p := pg.pages["tekst"]
	if p < 2 || p > len(body) {
		t.Fatalf("the text begins on page %d of %d", p, len(body))
	}
	return normalise(dehyphenate(strings.Join(body[p-1:], "\n")))
}

// TestTextInOrder checks, for the default agreement and the regional one,
// that the PDF prints every section's number and title and every item's
// text in the order of the source, and adds none of the headings the
// first version made up unless the source has them.
func TestTextInOrder(t *testing.T) {
	for _, dir := range []string{root, regio} {
		t.Run(filepath.Base(dir), func(t *testing.T) {
			ag, _, body, _ := siteTexts(t, dir)
			text := textFrom(t, ag, body)
			want := expected(ag)
			if len(want) < 20 {
				t.Fatalf("only %d texts to look for", len(want))
			}
			inOrder(t, text, want)
			all := strings.ToLower(normalise(strings.Join(body, "\n")))
			src := strings.ToLower(sourceText(ag))
			var figs []*agreement.Figure
			figs = append(figs, ag.Figures...)
			ag.EachSection(func(s *agreement.Section) { figs = append(figs, s.Figures...) })
			for _, f := range figs {
				if c := normalise("Bron: " + f.Source); f.Illustrative && strings.Contains(normalise(strings.Join(body, "\n")), c) {
					t.Errorf("an illustrative figure is printed: %q", c)
				}
			}
			for _, w := range []string{"Inleiding", "Bijdrage", "Meetbare doelen", "Beoogd effect", "Doelen", "Cijfers", "Gebied:", "Illustratie"} {
				w = strings.ToLower(w)
				if strings.Contains(all, w) && !strings.Contains(src, w) {
					t.Errorf("the PDF says %q, the source does not", w)
				}
			}
		})
	}
}

func TestRegioMarkdownComesThrough(t *testing.T) {
	ag, _, body, _ := siteTexts(t, regio)
	text := textFrom(t, ag, body)
	// Markdown structure of the preamble and the annex.
	inOrder(t, text, []string{"Dit is een fictief testvoorbeeld.", "Thuis in Testland 2023-2030",
		"corporatie sociale huurwoningen waarvan in Oostdorp waarvan in Westdorp", "Woonstede 3.910 1.240 380",
		"Handreiking prestatieafspraken (https://www.volkshuisvestingnederland.nl/onderwerpen/prestatieafspraken)",
		"1 Fictieve woonvisie, vastgesteld door de gemeenteraad van Testland op 14 december 2023.",
		"Bijlage 1 Regels passend toewijzen", "1. Ten minste 95% van de huishoudens", "3. Eenpersoonshuishoudens tot 23 jaar"})
}

// TestSeedComesThrough checks that every line of the signed agreement, the
// seed, is in the PDF: prose and bullets word for word, headings ignoring
// case and the seed's own chapter numbers (as the site's test does).
func TestSeedComesThrough(t *testing.T) {
	_, _, body, _ := siteTexts(t, root)
	src, err := os.ReadFile(filepath.Join(root, seed.File))
	if err != nil {
		t.Fatal(err)
	}
	missing, checked := seed.Missing(src, seed.Normalise(strings.Join(body, "\n")))
	if checked < 150 {
		t.Fatalf("only %d seed lines checked", checked)
	}
	for _, m := range missing {
		t.Errorf("%s not in the PDF", m)
	}
}

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

func TestFontsEmbedded(t *testing.T) {
	need(t, "pdffonts")
	_, pdf := renderSite(t, root)
	out := runTool(t, "pdffonts", writeTemp(t, pdf))
	lines := strings.Split(strings.TrimSpace(out), "\n")[2:]
	if len(lines) == 0 {
		t.Fatal("no fonts")
	}
	for _, l := range lines {
		f := strings.Fields(l)
		if !strings.HasPrefix(f[0], "utf8liberation") || !strings.Contains(l, "CID TrueType") || f[len(f)-5] != "yes" {
			t.Errorf("font not embedded as Liberation TrueType: %s", l)
		}
	}
}

func TestQpdfCheck(t *testing.T) {
	need(t, "qpdf")
	for _, dir := range []string{root, regio} {
		_, pdf := renderSite(t, dir)
		if out, err := exec.Command("qpdf", "--check", writeTemp(t, pdf)).CombinedOutput(); err != nil {
			t.Errorf("%s: qpdf --check: %v\n%s", dir, err, out)
		}
	}
}

func TestMetadata(t *testing.T) {
	need(t, "pdfinfo")
	ag, pdf := renderSite(t, root)
	info := runTool(t, "pdfinfo", writeTemp(t, pdf))
	fp := Fingerprint(ag)
	for _, want := range []string{
		"Title:           Prestatieafspraken 2023/2024 Alphen-Chaam",
		"Author:          Gemeente Alphen-Chaam en Leystromen",
		"Keywords:        prestatieafspraken; Alphen-Chaam; bron-sha256:" + fp,
		"Subject:         Prestatieafspraken 2023/2024 – Alphen-Chaam",
		"Creator:         prestatie",
		"CreationDate:    Thu Apr  6 00:00:00 2023 UTC",
		"ModDate:         Thu Apr  6 00:00:00 2023 UTC",
	} {
		if !strings.Contains(info, want) {
			t.Errorf("pdfinfo lacks %q:\n%s", want, info)
		}
	}
	if bytes.Contains(pdf, []byte("/AcroForm")) {
		t.Error("a document signed by hand has form fields")
	}
	if !bytes.Contains(pdf, []byte("/Type /Catalog\n/Lang (nl)\n/ViewerPreferences << /DisplayDocTitle true >>\n/Metadata ")) {
		t.Error("no /Lang (nl), /ViewerPreferences or /Metadata in the catalog")
	}
	for _, want := range []string{"PDF version:     1.7", "Metadata Stream: yes"} {
		if !strings.Contains(info, want) {
			t.Errorf("pdfinfo lacks %q", want)
		}
	}
	xmp := checkXMP(t, pdf)
	for _, want := range []string{"<dc:identifier>bron-sha256:" + fp + "</dc:identifier>",
		"<rdf:li xml:lang=\"x-default\">Prestatieafspraken 2023/2024 Alphen-Chaam</rdf:li>",
		"<rdf:li>Gemeente Alphen-Chaam en Leystromen</rdf:li>", "<xmp:CreateDate>2023-04-06T00:00:00Z</xmp:CreateDate>"} {
		if !strings.Contains(xmp, want) {
			t.Errorf("XMP lacks %s:\n%s", want, xmp)
		}
	}
	_, _, body, _ := siteTexts(t, root)
	if !strings.Contains(strings.Join(body, ""), "Vingerafdruk van de bron (SHA-256): "+fp) {
		t.Error("fingerprint not on the signing page")
	}
}

func TestDeterministic(t *testing.T) {
	ag := load(t, root)
	a, err := Render(ag, Options{})
	if err != nil {
		t.Fatal(err)
	}
	// Several documents at once (run with -race): same bytes.
	var wg sync.WaitGroup
	outs := make([][]byte, 4)
	for i := range outs {
		wg.Add(1)
		go func() {
			defer wg.Done()
			outs[i], _ = Render(load(t, root), Options{})
		}()
	}
	wg.Wait()
	for i, b := range outs {
		if !bytes.Equal(a, b) {
			t.Errorf("render %d differs from the first (%d vs %d bytes)", i+1, len(b), len(a))
		}
	}
	// Another date changes only the dates.
	c, err := Render(ag, Options{Date: time.Date(2024, 1, 2, 3, 4, 5, 0, time.UTC)})
	if err != nil {
		t.Fatal(err)
	}
	if bytes.Equal(a, c) || !bytes.Contains(c, []byte("D:20240102030405")) {
		t.Error("Options.Date not used")
	}
}

// TestManyParties checks the fifteen-party site: a paraaf box for every
// party on every page after the cover, a signature block for every
// signatory, all parties on the cover.
func TestManyParties(t *testing.T) {
	ag, _, body, foot := siteTexts(t, regio)
	if len(ag.Parties) != 15 {
		t.Fatalf("%d parties", len(ag.Parties))
	}
	cover := normalise(body[0])
	for _, p := range ag.Parties {
		if !strings.Contains(cover, p.Name) {
			t.Errorf("cover lacks %q", p.Name)
		}
	}
	if !strings.Contains(cover, "Ter ondertekening") || !strings.Contains(cover, "thuis | in de regio") {
		t.Errorf("cover lacks the status or a tagline:\n%s", body[0])
	}
	for i := 0; i < len(foot); i++ {
		words := strings.Fields(foot[i])
		for _, p := range ag.Parties {
			for _, w := range strings.Fields(p.Label) {
				if !contains(words, w) {
					t.Errorf("page %d: no paraaf box for %q (%q missing)", i+1, p.Label, w)
				}
			}
		}
	}
	f := newFooter(ag, newTheme(Theme{}), contentW, nil, 0, Fingerprint(ag))
	if rows := (len(f.boxes) + f.perRow - 1) / f.perRow; rows > 3 || f.side {
		t.Errorf("15 paraaf boxes in %d rows (side layout %v)", rows, f.side)
	}
	signing := normalise(strings.Join(body, "\n"))
	signing = signing[strings.LastIndex(signing, "Aldus overeengekomen en ondertekend"):]
	blocks := 0
	for _, p := range ag.Parties {
		blocks += max(1, len(p.Signatories))
		if !strings.Contains(signing, p.Name) {
			t.Errorf("no signature block for %q", p.Name)
		}
		for _, s := range p.Signatories {
			for _, v := range []string{s.Name, s.Function} {
				if v != "" && !strings.Contains(signing, v) {
					t.Errorf("signature block lacks %q", v)
				}
			}
		}
	}
	if got := strings.Count(signing, "namens deze"); got != blocks {
		t.Errorf("%d signature blocks, want %d", got, blocks)
	}
	// Signatures that run on to more pages continue under a heading.
	pg := firstPass(t, ag)
	annexes := ag.Annexes()
	if len(annexes) == 0 {
		t.Fatal("the test site has no bijlage")
	}
	sign, annex := pg.pages["ondertekening"], pg.pages[newDoc(ag, newTheme(Theme{})).anchors[annexes[0]]]
	if annex <= sign+1 {
		t.Fatalf("the signatures of 15 parties fit on one page (%d, bijlage on %d)", sign, annex)
	}
	for p := sign + 1; p < annex; p++ {
		if !strings.HasPrefix(strings.TrimSpace(body[p-1]), "Ondertekening (vervolg)") {
			t.Errorf("page %d of the signatures does not start with \"Ondertekening (vervolg)\":\n%s", p, body[p-1])
		}
	}
	// The page count stands above the signatures.
	all := normalise(strings.Join(body, "\n"))
	if strings.Index(all, "bestaat uit") > strings.Index(all, "namens deze") {
		t.Error("the page count is not above the signature blocks")
	}
}

func contains(words []string, w string) bool {
	for _, x := range words {
		if strings.Contains(x, w) {
			return true
		}
	}
	return false
}

func TestDraftSaysConceptOnEveryPage(t *testing.T) {
	ag := load(t, root)
	ag.Status = agreement.Draft
	pdf, err := Render(ag, Options{})
	if err != nil {
		t.Fatal(err)
	}
	for i, txt := range texts(t, pdf) {
		if !strings.Contains(txt, "CONCEPT") {
			t.Errorf("page %d lacks CONCEPT", i+1)
		}
	}
}

// TestNoHeadingAtPageBottom checks, on the layout, that the last text of a
// page is never a heading, nor a sentence ending in a colon that introduces
// a list, table or quote.
func TestNoHeadingAtPageBottom(t *testing.T) {
	for _, dir := range []string{root, regio} {
		ag := load(t, dir)
		d := newDoc(ag, newTheme(Theme{}))
		m := newMaroto(d.config(testDate, nil), testDate)
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
	return (&doc{ag: &agreement.Agreement{}}).config(testDate, nil)
}

func firstPass(t testing.TB, ag *agreement.Agreement) pagination {
	d := newDoc(ag, newTheme(Theme{}))
	m := newMaroto(d.config(testDate, nil), testDate)
	if err := d.build(m, pagination{pages: map[string]int{}}, nil); err != nil {
		t.Fatal(err)
	}
	return scan(m.GetStructure())
}

// BenchmarkRenderDefaultAgreement measures the default agreement and the
// fifteen-party one.
func BenchmarkRenderDefaultAgreement(b *testing.B) {
	for _, dir := range []string{root, regio} {
		b.Run(map[bool]string{true: "default", false: "15-partijen"}[dir == root], func(b *testing.B) {
			ag := load(b, dir)
			b.ReportAllocs()
			for b.Loop() {
				if _, err := Render(ag, Options{}); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// TestLongCover: when hostile content makes the cover run on to more
// pages, the page numbers still count every page.
func TestLongCover(t *testing.T) {
	ag := load(t, root)
	ag.Title = strings.Repeat("Prestatieafspraken ", 400)
	pdf, err := Render(ag, Options{})
	if err != nil {
		t.Fatal(err)
	}
	pages := texts(t, pdf)
	n := len(pages)
	for p := 1; p <= n; p++ {
		if !strings.Contains(pages[p-1], fmt.Sprintf("pagina %d van %d", p, n)) {
			t.Errorf("page %d: no \"pagina %d van %d\"", p, p, n)
		}
	}
	if pg := firstPass(t, ag); pg.pages["tekst"] < 5 {
		t.Fatalf("the text begins on page %d: the cover is not long; make the title longer", pg.pages["tekst"])
	}
}

// TestCoverStatus checks that the cover says what the paper is and never
// calls a paper with empty signature lines signed.
func TestCoverStatus(t *testing.T) {
	_, _, body, _ := siteTexts(t, root)
	cover := normalise(body[0])
	if want := "Status Kopie van de op 6 april 2023 ondertekende tekst"; !strings.Contains(cover, want) {
		t.Errorf("cover lacks %q:\n%s", want, body[0])
	}
	if strings.Contains(cover, "Ondertekend") {
		t.Errorf("cover says Ondertekend:\n%s", body[0])
	}
	for st, want := range map[agreement.DocStatus]string{agreement.Draft: "Concept", agreement.ForSignature: "Ter ondertekening"} {
		if got := statusLine(&agreement.Agreement{Status: st}); got != want {
			t.Errorf("status %s: %q, want %q", st, got, want)
		}
	}
	if got := statusLine(&agreement.Agreement{Status: agreement.Signed}); got != "Kopie van de ondertekende tekst" {
		t.Errorf("signed without a date: %q", got)
	}
}

// TestDigitalSigningAndGroups renders the default agreement as if it was
// signed digitally, with the parties in groups of the document's own and
// no date: no paraaf boxes, no signature lines, the statement of how it was
// signed, the groups on the cover and the signing page, no date line.
func TestDigitalSigningAndGroups(t *testing.T) {
	ag := load(t, root)
	ag.Signing = agreement.Digital
	ag.SigningNote = "Ondertekend met een **gekwalificeerde** elektronische handtekening via [de dienst](https://example.nl/tekenen)."
	ag.Date = agreement.Date{}
	ag.Parties[0].Group = "Gemeenten"
	ag.Parties[1].Group = "Woningcorporaties"
	pdf, err := Render(ag, Options{})
	if err != nil {
		t.Fatal(err)
	}
	body, foot := pageTexts(t, ag, writeTemp(t, pdf))
	for i, f := range foot {
		if strings.Contains(f, "Paraaf") || (i > 0 && !strings.Contains(f, fmt.Sprintf("pagina %d van %d", i+1, len(foot)))) {
			t.Errorf("page %d: footer %q", i+1, f)
		}
	}
	all := normalise(strings.Join(body, "\n"))
	for _, bad := range []string{"handtekening:", "datum:", "Aldus overeengekomen en ondertekend", "Datum"} {
		if strings.Contains(all, bad) {
			t.Errorf("a digitally signed agreement without a date shows %q", bad)
		}
	}
	inOrder(t, normalise(body[0]), []string{"Gemeenten", "Gemeente Alphen-Chaam", "Woningcorporaties", "Leystromen",
		"Status Kopie van de ondertekende tekst"})
	signing := all[strings.LastIndex(all, "Deze overeenkomst bestaat uit"):]
	inOrder(t, signing, []string{"Vingerafdruk", "Ondertekend met een gekwalificeerde elektronische handtekening via de dienst (https://example.nl/tekenen).",
		"Gemeenten", "Gemeente Alphen-Chaam", "namens deze", "Woningcorporaties", "Leystromen", "namens deze"})

	// An empty signature field per signatory on the signing page, that
	// qpdf reads.
	need(t, "qpdf")
	file := writeTemp(t, pdf)
	runTool(t, "qpdf", "--check", file)
	var form struct {
		Acroform struct {
			Fields []struct {
				Type string `json:"fieldtype"`
				Name string `json:"alternativename"`
				Page int    `json:"pageposfrom1"`
			} `json:"fields"`
		} `json:"acroform"`
	}
	if err := json.Unmarshal([]byte(runTool(t, "qpdf", "--json", "--json-key=acroform", file)), &form); err != nil {
		t.Fatal(err)
	}
	sign := firstPass(t, ag).pages["ondertekening"]
	var names []string
	for _, f := range form.Acroform.Fields {
		if f.Type != "/Sig" || f.Page != sign {
			t.Errorf("field %q: %s on page %d, want /Sig on page %d", f.Name, f.Type, f.Page, sign)
		}
		names = append(names, f.Name)
	}
	if want := []string{"Handtekening namens Gemeente Alphen-Chaam", "Handtekening namens Leystromen"}; !reflect.DeepEqual(names, want) {
		t.Errorf("signature fields %q, want %q", names, want)
	}

	// Without a note: the fixed sentence.
	ag.SigningNote = ""
	d := newDoc(ag, newTheme(Theme{}))
	m := newMaroto(d.config(testDate, nil), testDate)
	if err := d.build(m, pagination{pages: map[string]int{}}, nil); err != nil {
		t.Fatal(err)
	}
	found := false
	walkStructure(m.GetStructure(), func(typ string, v any, _ map[string]any) {
		found = found || typ == "prestatie-text" && strings.Contains(v.(string), "Deze overeenkomst is digitaal ondertekend.")
	})
	if !found {
		t.Error("no statement that the agreement was signed digitally")
	}
}

// TestOutline checks, with qpdf, the bookmarks (one per section at its
// depth, the preamble's heading, the contents and the signing page, each
// pointing at the page of its heading) and the links of the contents.
func TestOutline(t *testing.T) {
	for _, dir := range []string{root, regio} {
		t.Run(filepath.Base(dir), func(t *testing.T) {
			ag, pdf := renderSite(t, dir)
			checkOutline(t, ag, pdf)
		})
	}
}

func checkOutline(t *testing.T, ag *agreement.Agreement, pdf []byte) {
	t.Helper()
	need(t, "qpdf")
	var doc struct {
		Pages []struct {
			Object string `json:"object"`
		} `json:"pages"`
		Outlines []outlineJSON     `json:"outlines"`
		QPDF     []json.RawMessage `json:"qpdf"`
	}
	if err := json.Unmarshal([]byte(runTool(t, "qpdf", "--json", writeTemp(t, pdf))), &doc); err != nil {
		t.Fatal(err)
	}
	pg := firstPass(t, ag)
	d := newDoc(ag, newTheme(Theme{}))
	// Bookmarks: the contents, then every section at its depth.
	type mark struct {
		title string
		level int
		page  int
	}
	var want, got []mark
	want = append(want, mark{"Inhoud", 0, pg.pages["inhoud"]})
	if ag.PreambleTitle != "" {
		want = append(want, mark{ag.PreambleTitle, 0, pg.pages["preambule"]})
	}
	var walk func([]*agreement.Section)
	walk = func(ss []*agreement.Section) {
		for _, s := range ss {
			want = append(want, mark{s.Label(), s.Depth() - 1, pg.pages[d.anchors[s]]})
			walk(s.Sections)
		}
	}
	walk(ag.Body())
	want = append(want, mark{"Ondertekening", 0, pg.pages["ondertekening"]})
	walk(ag.Annexes())
	var flatten func([]outlineJSON, int)
	flatten = func(os []outlineJSON, level int) {
		for _, o := range os {
			got = append(got, mark{o.Title, level, o.Page})
			flatten(o.Kids, level+1)
		}
	}
	flatten(doc.Outlines, 0)
	if !reflect.DeepEqual(got, want) {
		t.Errorf("bookmarks:\n got %v\nwant %v", got, want)
	}
	// Contents: one link per entry, to the page of its heading.
	var objects map[string]struct {
		Value map[string]any `json:"value"`
	}
	if len(doc.QPDF) < 2 || json.Unmarshal(doc.QPDF[1], &objects) != nil {
		t.Fatal("qpdf --json: no objects")
	}
	pageOf := map[string]int{}
	for i, p := range doc.Pages {
		pageOf[p.Object] = i + 1
	}
	var links []int
	for _, p := range doc.Pages[:pg.pages["tekst"]-1] {
		annots, _ := objects["obj:"+p.Object].Value["/Annots"].([]any)
		for _, a := range annots {
			annot, inline := a.(map[string]any) // gofpdf writes them inline
			if !inline {
				ref, _ := a.(string)
				annot = objects["obj:"+ref].Value
			}
			if dest, ok := annot["/Dest"].([]any); ok {
				links = append(links, pageOf[dest[0].(string)])
			}
		}
	}
	var wantLinks []int
	for _, e := range d.toc {
		wantLinks = append(wantLinks, pg.pages[e.anchor])
	}
	if !reflect.DeepEqual(links, wantLinks) {
		t.Errorf("contents links to pages %v, want %v", links, wantLinks)
	}
}

type outlineJSON struct {
	Title string        `json:"title"`
	Page  int           `json:"destpageposfrom1"`
	Kids  []outlineJSON `json:"kids"`
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
		m := newMaroto(d.config(testDate, nil), testDate)
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

// TestRoomToSignAndInitial checks the room the signatories get: paraaf
// boxes at least 12 mm high with names of at least 7 pt for up to 15
// parties, and at least 25 mm above each signature line.
func TestRoomToSignAndInitial(t *testing.T) {
	for _, dir := range []string{root, regio} {
		ag := load(t, dir)
		f := newFooter(ag, newTheme(Theme{}), contentW, nil, 0, Fingerprint(ag))
		if f.boxH < 12 || len(ag.Parties) <= 15 && f.labelSt.Size < 7 || len(f.boxes) != len(ag.Parties) {
			t.Errorf("%s: %d paraaf boxes of %.1f mm, names of %.1f pt", dir, len(f.boxes), f.boxH, f.labelSt.Size)
		}
		if f.h > pageH/4 {
			t.Errorf("%s: the footer takes %.0f mm of every page", dir, f.h)
		}
		d := newDoc(ag, newTheme(Theme{}))
		for _, p := range ag.Parties {
			sb := d.signatureBlock(p, agreement.Signatory{}, contentW/2-6)
			label := -1
			for i, l := range sb.lines {
				if strings.HasPrefix(l.text(), "handtekening:") {
					label = i
				}
			}
			rule := sb.rules[len(sb.rules)-1].line
			if room := signSpace(sb.st, label, rule); label < 0 || room < 25 {
				t.Errorf("%s: %.1f mm to sign for %s", dir, room, p.Name)
			}
		}
	}
}

// TestTooManyParties: 170 parties cannot initial every page; the error
// says so and what to do. Signed digitally, without paraaf boxes, the same
// agreement prints.
func TestTooManyParties(t *testing.T) {
	ag := load(t, root)
	for i := len(ag.Parties); i < 170; i++ {
		ag.Parties = append(ag.Parties, &agreement.Party{ID: fmt.Sprint("p", i), Name: fmt.Sprint("Huurdersvereniging nummer ", i),
			Label: fmt.Sprint("Huurders ", i), Kind: agreement.Tenants})
	}
	if _, err := Render(ag, Options{}); err == nil || !strings.Contains(err.Error(), "paraafvakken van 170 partijen") {
		t.Errorf("170 parties: %v", err)
	}
	ag.Signing = agreement.Digital
	pdf, err := Render(ag, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if pages := texts(t, pdf); !strings.Contains(strings.Join(pages, ""), "Huurdersvereniging nummer 169") {
		t.Error("the last party is missing")
	}
}

// checkXMP reads the XMP metadata with pdfinfo and checks that it is well
// formed XML.
func checkXMP(t *testing.T, pdf []byte) string {
	t.Helper()
	need(t, "pdfinfo")
	xmp := runTool(t, "pdfinfo", "-meta", writeTemp(t, pdf))
	dec := xml.NewDecoder(strings.NewReader(xmp))
	for {
		if _, err := dec.Token(); err == io.EOF {
			break
		} else if err != nil {
			t.Fatalf("XMP is not well formed: %v\n%s", err, xmp)
		}
	}
	return xmp
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

// TestRoomToSignInPDF measures the room in the PDF itself (pdftotext
// -bbox and the rules of the content streams): at least 25 mm without text
// between every "handtekening:" and its signature line, and no text
// in the footer, party names and the caption of the boxes included,
// smaller than 7 pt for up to 15 parties. (The boxes' height is checked on
// the footer's model in TestRoomToSignAndInitial.)
func TestRoomToSignInPDF(t *testing.T) {
	need(t, "pdftotext")
	need(t, "qpdf")
	const mm = 72 / 25.4
	word := regexp.MustCompile(`<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)</word>`)
	type box struct {
		x0, y0, x1, y1 float64
		text           string
	}
	for _, dir := range []string{root, regio} {
		ag, pdf := renderSite(t, dir)
		if len(ag.Parties) > readableParties {
			t.Fatalf("%s: %d parties, the test is for up to %d", dir, len(ag.Parties), readableParties)
		}
		f := newFooter(ag, newTheme(Theme{}), contentW, nil, 0, Fingerprint(ag))
		footTop := (pageH - marginBottom - f.h + footerGap) * mm
		// Horizontal rules per page from the uncompressed content streams
		// (qpdf --qdf): "x0 y m x1 y l S", y from the bottom.
		type rule struct{ x0, x1, y float64 }
		var rules [][]rule
		qdf := filepath.Join(t.TempDir(), "q.pdf")
		runTool(t, "qpdf", "--qdf", "--object-streams=disable", writeTemp(t, pdf), qdf)
		raw, err := os.ReadFile(qdf)
		if err != nil {
			t.Fatal(err)
		}
		seg := regexp.MustCompile(`(?m)^([\d.]+) ([\d.]+) m ([\d.]+) ([\d.]+) l S`)
		for _, c := range strings.Split(string(raw), "%% Contents for page ")[1:] {
			var rs []rule
			for _, m := range seg.FindAllStringSubmatch(c, -1) {
				var v [4]float64
				for i := range v {
					v[i], _ = strconv.ParseFloat(m[i+1], 64)
				}
				if v[1] == v[3] {
					rs = append(rs, rule{v[0], v[2], pageH*mm - v[1]})
				}
			}
			rules = append(rules, rs)
		}
		signed := 0
		for pi, page := range strings.Split(runTool(t, "pdftotext", "-bbox", writeTemp(t, pdf), "-"), "<page ")[1:] {
			var words []box
			for _, m := range word.FindAllStringSubmatch(page, -1) {
				var b box
				for i, v := range []*float64{&b.x0, &b.y0, &b.x1, &b.y1} {
					*v, _ = strconv.ParseFloat(m[i+1], 64)
				}
				b.text = html.UnescapeString(m[5])
				words = append(words, b)
			}
			for _, w := range words {
				if w.y0 < footTop {
					continue
				}
				// Liberation Sans: ascent + descent is 1.117 em
				if size := (w.y1 - w.y0) / 1.117; size < 6.95 {
					t.Errorf("%s page %d: %q in the footer at %.1f pt", dir, pi+1, w.text, size)
				}
			}
			for _, w := range words {
				if w.text != "handtekening:" {
					continue
				}
				signed++
				// The signature line: the first rule below the label that
				// starts at its left edge and is as wide as the block.
				line := math.Inf(1)
				for _, r := range rules[pi] {
					if math.Abs(r.x0-w.x0) < 1 && (r.x1-r.x0)/mm > contentW/2-7 && r.y > w.y1 && r.y < line {
						line = r.y
					}
				}
				if room := (line - w.y1) / mm; room < 25 {
					t.Errorf("%s page %d: %.1f mm above the signature line at x %.0f mm", dir, pi+1, room, w.x0/mm)
				}
				for _, v := range words {
					if v.y0 > w.y1 && v.y1 < line && v.x1 > w.x0 && v.x0 < w.x0+(contentW/2-6)*mm {
						t.Errorf("%s page %d: %q in the room to sign", dir, pi+1, v.text)
					}
				}
			}
		}
		want := 0
		for _, p := range ag.Parties {
			want += max(len(p.Signatories), 1)
		}
		if signed != want {
			t.Errorf("%s: %d signature blocks, want %d", dir, signed, want)
		}
	}
}
