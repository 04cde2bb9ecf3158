package pdf

import (
	"bytes"
	"encoding/json"
	"encoding/xml"
	"io"
	"os/exec"
	"path/filepath"
	"reflect"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/prestatie/prestatie/internal/agreement"
)

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
	outlines, annots := qpdfLinks(t, pdf)
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
	flatten(outlines, 0)
	if !reflect.DeepEqual(got, want) {
		t.Errorf("bookmarks:\n got %v\nwant %v", got, want)
	}
	// Contents: one link per entry, to the page of its heading.
	var links []int
	for _, as := range annots[:pg.pages["tekst"]-1] {
		for _, a := range as {
			if a.dest > 0 {
				links = append(links, a.dest)
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

// annotJSON is an annotation as qpdf --json gives it, and the page its
// /Dest leads to (0: none).
type annotJSON struct {
	dict map[string]any
	dest int
}

// qpdfLinks reads the bookmarks and the annotations of every page with
// qpdf --json.
func qpdfLinks(t *testing.T, pdf []byte) ([]outlineJSON, [][]annotJSON) {
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
	out := make([][]annotJSON, len(doc.Pages))
	for i, p := range doc.Pages {
		annots, _ := objects["obj:"+p.Object].Value["/Annots"].([]any)
		for _, a := range annots {
			annot, inline := a.(map[string]any) // gofpdf writes them inline
			if !inline {
				ref, _ := a.(string)
				annot = objects["obj:"+ref].Value
			}
			aj := annotJSON{dict: annot}
			if dest, ok := annot["/Dest"].([]any); ok {
				aj.dest = pageOf[dest[0].(string)]
			}
			out[i] = append(out[i], aj)
		}
	}
	return doc.Outlines, out
}

type outlineJSON struct {
	Title string        `json:"title"`
	Page  int           `json:"destpageposfrom1"`
	Kids  []outlineJSON `json:"kids"`
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
