package pdf

import (
	"testing"

	"github.com/prestatie/prestatie/internal/site"
)

// Pages reads what site.PDFPages reads: from the PDFs of the test sites
// (digitaal has the signature fields' incremental update) and from page
// trees written otherwise.
func TestPages(t *testing.T) {
	t.Parallel()
	for _, s := range []string{root, regio, "digitaal"} {
		out, err := Render(load(t, sitePath(s)), Options{})
		if err != nil {
			t.Fatal(err)
		}
		if got, want := Pages(out), site.PDFPages(out); got != want || got < 2 {
			t.Errorf("%s: %d pages, site.PDFPages %d", s, got, want)
		}
	}
	for _, in := range []string{
		"", "/Type /Pages", "/Type /Pages /Count 3", "<</Type /Pages\n/Kids [3 0 R]\n/Count 12\n>>",
		"<</Type /Pages /Count 2>> <</Type /Pages /Count 7>>", "<</Type /PagesX /Count 4>>",
		"<</Type /Pages>> /Count 5", "<</Type /Pages /Count x>>", "<</Type /Pages /Count\n9>>",
	} {
		if got, want := Pages([]byte(in)), site.PDFPages([]byte(in)); got != want {
			t.Errorf("%q: %d pages, site.PDFPages %d", in, got, want)
		}
	}
}
