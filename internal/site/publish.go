package site

import (
	"fmt"
	"regexp"
	"slices"
	"strconv"
	"strings"

	a "github.com/prestatie/prestatie/internal/agreement"
	"github.com/prestatie/prestatie/internal/dutch"
)

// What a government site needs besides its content: a meta description
// and a "laatst bijgewerkt" date on every page, a toegankelijkheidsverklaring,
// and a PDF link that says what the PDF is and how large it is.

// accessibilityPath is the toegankelijkheidsverklaring, linked in the footer.
const accessibilityPath = "toegankelijkheid/"

// updated is when an agreement's pages last changed in substance: the
// latest of the document's date and its latest rapportage (a report round
// with progress or a narrative). Never the build time, so that the same
// source gives the same pages.
func (r *renderer) updated(ag *a.Agreement) a.Date {
	d := ag.Date
	if ms := r.moments[ag]; len(ms) > 0 && d.Before(ms[len(ms)-1].Date) {
		d = ms[len(ms)-1].Date
	}
	return d
}

// updated is the page's "laatst bijgewerkt" date; zero when the page has
// none (the 404 page, a statement without a check date).
func (p *page) updated() a.Date {
	switch {
	case p.Agreement != nil:
		return p.r.updated(p.Agreement)
	case p.Kind == "home":
		var d a.Date
		for _, ag := range p.Site.Agreements {
			if u := p.r.updated(ag); d.Before(u) {
				d = u
			}
		}
		return d
	case p.Kind == "accessibility":
		return p.Site.Publication.Accessibility.Checked
	}
	return a.Date{}
}

// description is the page's meta description: what the page holds, in
// one or two sentences.
func (p *page) description() string {
	ag := p.Agreement
	of := ""
	if ag != nil {
		of = ag.Title + " (" + ag.Municipality + ")"
	}
	switch p.Kind {
	case "home":
		if len(p.Site.Agreements) == 0 {
			return p.Site.Title + "."
		}
		return "Prestatieafspraken over wonen van " + dutch.List(p.r.municipalities()) +
			": de tekst van de overeenkomsten en de voortgang van de afspraken."
	case "agreement":
		n := 0
		ag.EachCommitment(func(*a.Item) { n++ })
		s := fmt.Sprintf("%s van %s, %s: %s. De tekst, de partijen", ag.Title, ag.Municipality, periodText(ag.Period), strings.ToLower(docStatus(ag)))
		if n > 0 {
			return s + " en de voortgang van " + a.Count(n, "afspraak", "afspraken") + "."
		}
		return s + "."
	case "section":
		s := strings.TrimSpace(p.Number+" "+p.Title) + ", onderdeel van " + of + ": de tekst"
		if n := len(a.Commitments(p.Section)); n > 0 {
			return s + " met " + a.Count(n, "afspraak", "afspraken") + " en hun voortgang."
		}
		return s + "."
	case "reports":
		return "Alle rapportages over de voortgang van " + of + "."
	case "report":
		return "De voortgang van " + of + " op " + dutch.DateOf(p.Moment.Date) +
			": de wijzigingen sinds de vorige rapportage en de stand van alle afspraken."
	case "commitments":
		return p.Title + " van " + of + ", met hun status bij de laatste rapportage."
	case "data":
		return "Open data van " + of + ": alle punten van de tekst en alle voortgangsmeldingen als CSV en JSON, met uitleg per kolom."
	case "accessibility":
		return "Toegankelijkheidsverklaring van " + p.Site.Title + ": in hoeverre de site toegankelijk is en waar u een probleem meldt."
	case "search":
		return "Zoeken in de tekst en de voortgang van alle overeenkomsten van " + p.Site.Title + "."
	case "404":
		return "Deze pagina bestaat niet (meer)."
	}
	return p.Title
}

func periodText(pd a.Period) string {
	if pd.From == pd.To {
		return itoa(pd.From)
	}
	return itoa(pd.From) + "–" + itoa(pd.To)
}

// municipalities are the site's municipalities (or regions), in site order.
func (r *renderer) municipalities() []string {
	var ms []string
	for _, ag := range r.site.Agreements {
		if !slices.Contains(ms, ag.Municipality) {
			ms = append(ms, ag.Municipality)
		}
	}
	return ms
}

// Publishers names, for the accessibility contact, the municipalities
// that are party to the site's agreements ("Gemeente Alphen-Chaam"), in a
// sentence; "" when no agreement has one.
func (p *page) Publishers() string {
	var names []string
	for _, ag := range p.Site.Agreements {
		for _, pt := range ag.Parties {
			if pt.Kind == a.Municipality && !slices.Contains(names, pt.Name) {
				names = append(names, pt.Name)
			}
		}
	}
	return dutch.List(names)
}

// Accessibility is what the site states about its accessibility.
func (p *page) Accessibility() *a.Accessibility { return &p.Site.Publication.Accessibility }

// ContactURL is the href of the accessibility contact: mailto: for an
// e-mail address.
func (p *page) ContactURL() string {
	c := p.Site.Publication.Accessibility.Contact
	if strings.Contains(c, "://") {
		return c
	}
	return "mailto:" + c
}

// pdfInfo is what the agreement page says about the PDF beside it.
type pdfInfo struct {
	Size  int // bytes; 0 when unknown (the preview renders the PDF after the page)
	Pages int // 0 when unknown
}

// pageCount is the /Count of a PDF's page tree. Page objects are not
// counted: an incremental update (the signature fields) writes a page again.
var pageCount = regexp.MustCompile(`/Type\s*/Pages\b[^>]*?/Count\s+(\d+)`)

func pdfInfoOf(b []byte) pdfInfo {
	return pdfInfo{Size: len(b), Pages: PDFPages(b)}
}

// PDFPages is the number of pages of the PDF b, as the agreement page
// gives it.
func PDFPages(b []byte) int {
	n := 0
	for _, m := range pageCount.FindAllSubmatch(b, -1) {
		if c, err := strconv.Atoi(string(m[1])); err == nil {
			n = max(n, c)
		}
	}
	return n
}

// PDFLink is the text of the link to the agreement's PDF, fitting its
// status: a draft is a concept, a document for signature is to be printed
// and signed (or signed digitally), a signed one is a copy of the signed text.
func (p *page) PDFLink() pdfLink {
	text, note := p.pdfWording()
	return pdfLink{text, note}
}

// pdfLink is the text of the PDF link and what follows it.
type pdfLink struct{ Text, Note string }

func (p *page) pdfWording() (text, note string) {
	ag := p.Agreement
	switch ag.Status {
	case a.Draft:
		text, note = "Concept van de overeenkomst", "niet om te ondertekenen"
	case a.ForSignature:
		text, note = "De overeenkomst ter ondertekening", "om te printen en te ondertekenen"
		if ag.Signing == a.Digital {
			note = "om digitaal te ondertekenen"
		}
	default:
		text = "Kopie van de ondertekende tekst"
		if !ag.Date.IsZero() {
			text = "Kopie van de op " + dutch.DateOf(ag.Date) + " ondertekende tekst"
		}
	}
	return text, note
}

// PDFFacts is "pdf, 17 pagina's, 95 kB", as far as it is known.
func (p *page) PDFFacts() string {
	parts := []string{"pdf"}
	info := p.r.pdfInfo(p.Agreement)
	if info.Pages > 0 {
		parts = append(parts, a.Count(info.Pages, "pagina", "pagina's"))
	}
	if info.Size > 0 {
		parts = append(parts, byteSize(info.Size))
	}
	return strings.Join(parts, ", ")
}

// byteSize is a file size the Dutch way: "95 kB", "1,2 MB".
func byteSize(n int) string {
	switch {
	case n < 1000:
		return itoa(n) + "\u00a0bytes"
	case n < 1000*1000:
		return itoa((n+500)/1000) + "\u00a0kB"
	}
	return dutch.Number(float64((n+50_000)/100_000)/10) + "\u00a0MB"
}

// ownFavicon is the site's own favicon from static/, below the base; ""
// when the pages take the theme's favicon.svg.
func (p *page) ownFavicon() string { return p.r.favicon }
