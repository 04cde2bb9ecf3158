package site_test

import (
	"fmt"
	"io/fs"
	"regexp"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/prestatie/prestatie"
	a "github.com/prestatie/prestatie/internal/agreement"
	"github.com/prestatie/prestatie/internal/site"
)

var (
	metaDescription = regexp.MustCompile(`<meta name="description" content="([^"]+)">`)
	lastUpdated     = regexp.MustCompile(`Laatst bijgewerkt: <time datetime="([0-9-]+)">`)
)

// TestEveryPageIsPublishable: every page of every test site has a meta
// description, the theme's favicon, the footer link to the
// toegankelijkheidsverklaring, and (on an agreement's pages) "laatst
// bijgewerkt" on the latest of the document's date and its latest report.
func TestEveryPageIsPublishable(t *testing.T) {
	t.Parallel()
	for name, dir := range testSites {
		b := built(t, dir)
		updated := map[string]string{}
		for _, ag := range b.model.Agreements {
			d := ag.Date
			if r := ag.LatestReport(); d.Before(r) {
				d = r
			}
			for _, rep := range ag.Reports {
				if d.Before(rep.Date) {
					d = rep.Date
				}
			}
			updated[ag.ID+"/"] = d.String()
			if d.IsZero() {
				updated[ag.ID+"/"] = "none"
			}
		}
		seen := map[string]string{}
		for path, page := range b.files {
			if !strings.HasSuffix(path, ".html") {
				continue
			}
			m := metaDescription.FindStringSubmatch(page)
			if m == nil || len(m[1]) < 20 {
				t.Errorf("%s %s: no meta description", name, path)
			} else if other, dup := seen[m[1]]; dup && path != "404.html" {
				t.Errorf("%s: %s and %s have the same description %q", name, path, other, m[1])
			} else {
				seen[m[1]] = path
			}
			if !strings.Contains(page, `<link rel="icon" href="/assets/favicon.svg"`) {
				t.Errorf("%s %s: no favicon", name, path)
			}
			if !strings.Contains(page, `<a href="/toegankelijkheid/">Toegankelijkheidsverklaring</a>`) {
				t.Errorf("%s %s: no link to the toegankelijkheidsverklaring", name, path)
			}
			for prefix, want := range updated {
				if !strings.HasPrefix(path, prefix) {
					continue
				}
				m := lastUpdated.FindStringSubmatch(page)
				if want == "none" && m != nil || want != "none" && (m == nil || m[1] != want) {
					t.Errorf("%s %s: laatst bijgewerkt %v, want %s", name, path, m, want)
				}
			}
		}
		if _, ok := b.files["assets/favicon.svg"]; !ok {
			t.Errorf("%s: the theme's favicon is not published", name)
		}
	}
}

// TestAccessibilityStatement: without settings the page claims no status
// and points to the municipality; with them it gives status, date and
// contact.
func TestAccessibilityStatement(t *testing.T) {
	t.Parallel()
	page := render(t, csvSite(""), "/")["toegankelijkheid/index.html"]
	for _, claim := range []string{"voldoet volledig", "voldoet gedeeltelijk", "voldoet niet", "eerste maatregelen"} {
		if strings.Contains(page, claim) {
			t.Errorf("without a status the statement claims %q", claim)
		}
	}
	for _, want := range []string{"nog niet opgegeven", "geen uitspraak over de status", "contact op met Gemeente.", "WCAG"} {
		if !strings.Contains(page, want) {
			t.Errorf("statement without settings lacks %q", want)
		}
	}
	page = render(t, csvSite("accessibility: {status: partially-compliant, checked: 2026-03-01, contact: toegankelijkheid@dorp.nl}\n"), "/")["toegankelijkheid/index.html"]
	for _, want := range []string{
		"Deze website voldoet gedeeltelijk aan de eisen, volgens het laatste onderzoek op <time datetime=\"2026-03-01\">1 maart 2026</time>.",
		`<a href="mailto:toegankelijkheid@dorp.nl">toegankelijkheid@dorp.nl</a>`,
		`Laatst bijgewerkt: <time datetime="2026-03-01">`,
	} {
		if !strings.Contains(page, want) {
			t.Errorf("statement lacks %q", want)
		}
	}
}

// TestSitemapNeedsAbsoluteBase: with a host every <loc> is absolute and
// robots.txt points to the sitemap; without one there is neither.
func TestSitemapNeedsAbsoluteBase(t *testing.T) {
	t.Parallel()
	files := render(t, csvSite(""), "/sub/")
	if _, ok := files["sitemap.xml"]; ok {
		t.Errorf("sitemap.xml written without an absolute base URL")
	}
	if strings.Contains(files["robots.txt"], "Sitemap") {
		t.Errorf("robots.txt points to a sitemap that is not there:\n%s", files["robots.txt"])
	}
	files = render(t, csvSite(""), "https://www.example.nl/sub/")
	locs := regexp.MustCompile(`<loc>([^<]*)</loc>`).FindAllStringSubmatch(files["sitemap.xml"], -1)
	if len(locs) < 5 {
		t.Fatalf("sitemap has %d addresses", len(locs))
	}
	for _, l := range locs {
		if !strings.HasPrefix(l[1], "https://www.example.nl/sub/") {
			t.Errorf("sitemap <loc> %s is not absolute", l[1])
		}
	}
	if !strings.Contains(files["sitemap.xml"], "<loc>https://www.example.nl/sub/x-2024/</loc><lastmod>2024-06-30</lastmod>") {
		t.Errorf("the agreement's lastmod is not its latest report")
	}
	if !strings.Contains(files["robots.txt"], "Sitemap: https://www.example.nl/sub/sitemap.xml") {
		t.Errorf("robots.txt does not name the sitemap")
	}
}

// TestPDFLink: the link says what the PDF is for the document's status,
// with its page count and size.
func TestPDFLink(t *testing.T) {
	t.Parallel()
	fakePDF := []byte("%PDF-1.7\n<</Type /Pages /Count 3>>" + strings.Repeat("<</Type /Page /Parent 2 0 R>>\n", 3) + strings.Repeat(" ", 120_000))
	for status, want := range map[string]string{
		"draft":         `Concept van de overeenkomst <span class="pdf-facts">(pdf, 3 pagina&#39;s, 120` + "\u00a0" + `kB)</span></a>, niet om te ondertekenen`,
		"for-signature": `De overeenkomst ter ondertekening <span class="pdf-facts">(pdf, 3 pagina&#39;s, 120` + "\u00a0" + `kB)</span></a>, om te printen en te ondertekenen`,
		"signed":        `Kopie van de op 1 januari 2024 ondertekende tekst <span class="pdf-facts">(pdf, 3 pagina&#39;s, 120` + "\u00a0" + `kB)</span></a></p>`,
	} {
		fsys := csvSite("")
		idx := fsys["content/x-2024/_index.md"]
		fsys["content/x-2024/_index.md"] = &fstest.MapFile{Data: []byte(strings.Replace(string(idx.Data), "status: signed", "status: "+status, 1))}
		s := load(t, fsys)
		tmpl, _ := fs.Sub(prestatie.Templates, "templates")
		theme, _ := fs.Sub(prestatie.Themes, "themes/default")
		out, err := site.Render(s, site.Options{Templates: tmpl, Theme: theme, ECharts: stubECharts, PDF: true,
			PDFFile: func(*a.Agreement) ([]byte, error) { return fakePDF, nil }})
		if err != nil {
			t.Fatal(err)
		}
		for _, f := range out.Files {
			if f.Path == "x-2024/index.html" && !strings.Contains(string(f.Data), want) {
				t.Errorf("%s: PDF link is not %q:\n%s", status, want, pdfLine(string(f.Data)))
			}
		}
	}
}

func pdfLine(page string) string {
	for _, l := range strings.Split(page, "\n") {
		if strings.Contains(l, "pdf-link") {
			return l
		}
	}
	return fmt.Sprintf("(no pdf-link in %d bytes)", len(page))
}
