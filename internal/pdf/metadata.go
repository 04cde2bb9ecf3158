package pdf

import (
	"bytes"
	"encoding/xml"
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"time"

	"github.com/prestatie/prestatie/internal/dutch"
)

// meta is the document information, written both in the PDF's Info
// dictionary (through maroto) and as XMP metadata.
type meta struct {
	title, author, subject, keywords string
	date                             time.Time
}

func (d *doc) meta(date time.Time) meta {
	ag := d.ag
	var names []string
	for _, p := range ag.Parties {
		names = append(names, flatText(p.Name))
	}
	subject := flatText(ag.Title) + " – " + flatText(ag.Municipality) + ", " + strings.TrimPrefix(period(ag.Period), "Periode ")
	if ag.Reference != "" {
		subject += ", kenmerk " + flatText(ag.Reference)
	}
	if !ag.Date.IsZero() {
		subject += ", " + dateOf(ag.Date)
	}
	subject += " (" + statusLine(ag) + ")"
	return meta{
		title:    flatText(ag.ShortTitle),
		author:   dutch.List(names),
		subject:  subject,
		keywords: "prestatieafspraken; " + flatText(ag.Municipality) + "; bron-sha256:" + d.fp,
		date:     date,
	}
}

// xmp is the XMP metadata packet of the document: the same title, author,
// subject, keywords, creator and dates as the Info dictionary, the
// language, and the fingerprint as the document's identifier.
func (m meta) xmp(fp string) []byte {
	esc := func(s string) string {
		var b bytes.Buffer
		_ = xml.EscapeText(&b, []byte(s))
		return b.String()
	}
	date := m.date.UTC().Format("2006-01-02T15:04:05Z")
	var b strings.Builder
	b.WriteString("<?xpacket begin=\"\ufeff\" id=\"W5M0MpCehiHzreSzNTczkc9d\"?>\n")
	b.WriteString(`<x:xmpmeta xmlns:x="adobe:ns:meta/">
<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">
<rdf:Description rdf:about="" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:pdf="http://ns.adobe.com/pdf/1.3/" xmlns:xmp="http://ns.adobe.com/xap/1.0/">
<dc:format>application/pdf</dc:format>
`)
	fmt.Fprintf(&b, "<dc:title><rdf:Alt><rdf:li xml:lang=\"x-default\">%s</rdf:li></rdf:Alt></dc:title>\n", esc(m.title))
	fmt.Fprintf(&b, "<dc:creator><rdf:Seq><rdf:li>%s</rdf:li></rdf:Seq></dc:creator>\n", esc(m.author))
	fmt.Fprintf(&b, "<dc:description><rdf:Alt><rdf:li xml:lang=\"x-default\">%s</rdf:li></rdf:Alt></dc:description>\n", esc(m.subject))
	b.WriteString("<dc:language><rdf:Bag><rdf:li>nl</rdf:li></rdf:Bag></dc:language>\n")
	fmt.Fprintf(&b, "<dc:identifier>bron-sha256:%s</dc:identifier>\n", esc(fp))
	fmt.Fprintf(&b, "<pdf:Keywords>%s</pdf:Keywords>\n", esc(m.keywords))
	b.WriteString("<pdf:Producer>FPDF 1.7</pdf:Producer>\n")
	b.WriteString("<xmp:CreatorTool>prestatie</xmp:CreatorTool>\n")
	fmt.Fprintf(&b, "<xmp:CreateDate>%s</xmp:CreateDate>\n<xmp:ModifyDate>%s</xmp:ModifyDate>\n", date, date)
	b.WriteString("</rdf:Description>\n</rdf:RDF>\n</x:xmpmeta>\n<?xpacket end=\"r\"?>")
	return []byte(b.String())
}

var rootRef = regexp.MustCompile(`/Root (\d+) 0 R`)

// finish adds to the PDF what maroto and gofpdf cannot write: in the
// catalog the language, the viewer preference to show the title rather
// than the file name, and the reference to the XMP metadata (gofpdf writes
// the stream but does not link it); and the header of PDF 1.4, the version
// these entries need. The catalog is the last object before the
// cross-reference table, so only the offset of that table moves.
func finish(pdf []byte, lang string) ([]byte, error) {
	const cat = "/Type /Catalog\n"
	i := bytes.LastIndex(pdf, []byte(cat))
	x := bytes.LastIndex(pdf, []byte("\nxref\n"))
	s := bytes.LastIndex(pdf, []byte("\nstartxref\n"))
	// gofpdf writes 1.3, or 1.4 when an image has transparency; both
	// headers are nine bytes, so no offset moves when it becomes 1.4.
	if i < 0 || x < i || s < x || !(bytes.HasPrefix(pdf, []byte("%PDF-1.3\n")) || bytes.HasPrefix(pdf, []byte("%PDF-1.4\n"))) {
		return nil, unexpected("catalogus niet gevonden")
	}
	var off int
	if _, err := fmt.Sscanf(string(pdf[s+len("\nstartxref\n"):]), "%d", &off); err != nil || off != x+1 {
		return nil, unexpected("startxref")
	}
	ins := "/Lang (" + lang + ")\n/ViewerPreferences << /DisplayDocTitle true >>\n"
	// gofpdf writes the metadata stream right before the Info dictionary,
	// which comes right before the catalog.
	if m := rootRef.FindSubmatch(pdf[x:s]); m == nil {
		return nil, unexpected("trailer")
	} else if root, _ := strconv.Atoi(string(m[1])); root > 2 {
		md := strconv.Itoa(root - 2)
		if bytes.Contains(pdf, []byte("\n"+md+" 0 obj\n<< /Type /Metadata /Subtype /XML ")) {
			ins += "/Metadata " + md + " 0 R\n"
		}
	}
	var out bytes.Buffer
	out.Grow(len(pdf) + len(ins) + 4)
	out.WriteString("%PDF-1.7\n")
	out.Write(pdf[len("%PDF-1.3\n") : i+len(cat)])
	out.WriteString(ins)
	out.Write(pdf[i+len(cat) : s])
	fmt.Fprintf(&out, "\nstartxref\n%d\n%%%%EOF\n", off+len(ins))
	return out.Bytes(), nil
}
