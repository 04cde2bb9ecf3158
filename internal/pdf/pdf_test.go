package pdf

import (
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/prestatie/prestatie/internal/agreement"
	"github.com/prestatie/prestatie/internal/content"
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
