package build

import (
	"os"
	"os/exec"
	"path"
	"path/filepath"
	"strings"
	"testing"

	a "github.com/prestatie/prestatie/internal/agreement"
	"github.com/prestatie/prestatie/internal/faithful"
)

// testSites are the sites whose pages and PDFs must keep the document:
// the default site and every test site written from a real agreement's
// shape. The hostile site is about escaping, not faithfulness.
func testSites(t *testing.T) map[string]string {
	sites := map[string]string{"default": root}
	dirs, err := os.ReadDir(filepath.Join(root, "testdata/sites"))
	if err != nil {
		t.Fatal(err)
	}
	for _, d := range dirs {
		if d.IsDir() && d.Name() != "hostile" && d.Name() != "mistakes" {
			sites[d.Name()] = filepath.Join(root, "testdata/sites", d.Name())
		}
	}
	return sites
}

// TestOrderAndNumbersKept compares, for every site, the order and numbers
// of the onderdelen and items of the source with those on the pages (read
// in document order) and in the text of the PDF.
func TestOrderAndNumbersKept(t *testing.T) {
	for name, dir := range testSites(t) {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			out, s, ds, err := Render(os.DirFS(dir), Options{}, "")
			if err != nil || ds.HasErrors() {
				t.Fatalf("render: %v\n%v", err, ds)
			}
			if name != "default" && len(ds) > 0 {
				t.Errorf("a test site builds without warnings:\n%v", ds)
			}
			files := map[string][]byte{}
			for _, f := range out.Files {
				files[f.Path] = f.Data
			}
			for _, ag := range s.Agreements {
				want := faithful.Expected(ag, true)
				if p := faithful.InOrder(want, pagesText(t, ag, files)); len(p) > 0 {
					t.Errorf("%s, pages:\n%s", ag.ID, strings.Join(p, "\n"))
				}
				pdf, ok := files[PDFPath(ag)]
				if !ok {
					t.Errorf("%s: no PDF", ag.ID)
					continue
				}
				if p := faithful.InOrder(want, pdfText(t, pdf)); len(p) > 0 {
					t.Errorf("%s, PDF:\n%s", ag.ID, strings.Join(p, "\n"))
				}
			}
		})
	}
}

// pagesText is the text of the agreement page and of every onderdeel's
// page, in document order.
func pagesText(t *testing.T, ag *a.Agreement, files map[string][]byte) string {
	t.Helper()
	var b strings.Builder
	add := func(p string) {
		data, ok := files[p]
		if !ok {
			t.Errorf("page %s missing", p)
			return
		}
		s := string(data)
		if i := strings.Index(s, "<main"); i >= 0 {
			s = s[i:]
		}
		b.WriteString(faithful.HTMLText(s))
		b.WriteString(" ")
	}
	add(ag.ID + "/index.html")
	ag.EachSection(func(s *a.Section) {
		if s.Annex {
			return
		}
		add(sectionFile(ag, s))
	})
	for _, s := range ag.Annexes() {
		add(sectionFile(ag, s))
		var sub func(*a.Section)
		sub = func(x *a.Section) {
			for _, c := range x.Sections {
				add(sectionFile(ag, c))
				sub(c)
			}
		}
		sub(s)
	}
	return b.String()
}

func sectionFile(ag *a.Agreement, s *a.Section) string {
	p := ag.ID
	for _, x := range s.Path() {
		p = path.Join(p, x.ID)
	}
	return p + "/index.html"
}

// pdfText is the whole text of a PDF, from one run of pdftotext.
func pdfText(t *testing.T, pdf []byte) string {
	t.Helper()
	if _, err := exec.LookPath("pdftotext"); err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatal("pdftotext (poppler-utils) is required under CI")
		}
		t.Skip("pdftotext not installed")
	}
	f := filepath.Join(t.TempDir(), "a.pdf")
	if err := os.WriteFile(f, pdf, 0o644); err != nil {
		t.Fatal(err)
	}
	txt, err := exec.Command("pdftotext", "-enc", "UTF-8", f, "-").Output()
	if err != nil {
		t.Fatal(err)
	}
	return faithful.Normalise(string(txt))
}
