package pdf

import (
	"bytes"
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"unicode/utf16"

	"github.com/johnfercher/maroto/v2/pkg/core"
	"github.com/johnfercher/maroto/v2/pkg/core/entity"
)

// A digitally signed agreement gets, per signatory, an empty signature
// field (AcroForm /FT /Sig) on the signing page, which a qualified
// e-signature tool fills. maroto cannot write form fields, so the fields
// are added after the document is written, as an incremental update: the
// bytes gofpdf wrote stay as they are, and new objects, the changed page
// and catalog, a cross-reference section and a trailer pointing back at
// the first follow them. A signing tool adds its signature the same way.

// sigArea is the room for a signature field in a signature block: lines
// [line, line+n) of the block, w mm wide.
type sigArea struct {
	line, n int
	w       float64
	tip     string // the field's tooltip: who signs
	form    *elem  // its Form element in the structure
}

// sigField is a signature field where it landed, in mm from the page's
// top left corner.
type sigField struct {
	// obj and key are the object number and /StructParent the structure
	// expects (0, 0: an untagged document)
	obj, key   int
	tip        string
	page       int
	x, y, w, h float64
}

// drawSig frames the room for the signature and records the field.
func (t *textBlock) drawSig(p core.Provider, cell *entity.Cell) {
	if t.sig == nil {
		return
	}
	lh := t.st.lineHeight()
	x, y := cell.X+t.indent, cell.Y+t.top+float64(t.sig.line)*lh+1
	h := float64(t.sig.n)*lh - 1
	box(p, x, y, t.sig.w, h, 0.25, t.barCol)
	if t.track != nil {
		t.track.sigs = append(t.track.sigs, sigField{tip: t.sig.tip, page: t.track.page(),
			x: marginLeft + x, y: marginTop + y, w: t.sig.w, h: h})
		t.track.tags.widget(t.sig.form, t.track.page())
	}
}

var (
	trailerSize = regexp.MustCompile(`/Size (\d+)`)
	trailerInfo = regexp.MustCompile(`/Info (\d+) 0 R`)
)

// addSigFields appends the signature fields to a PDF written by gofpdf
// (and finish) as an incremental update.
func addSigFields(pdf []byte, fields []sigField) ([]byte, error) {
	if len(fields) == 0 {
		return pdf, nil
	}
	x := bytes.LastIndex(pdf, []byte("\nxref\n"))
	s := bytes.LastIndex(pdf, []byte("\nstartxref\n"))
	if x < 0 || s < x {
		return nil, unexpected("xref")
	}
	trailer := pdf[x:s]
	size, root, info := submatchInt(trailerSize, trailer), submatchInt(rootRef, trailer), submatchInt(trailerInfo, trailer)
	if size <= 0 || root <= 0 || info <= 0 {
		return nil, unexpected("trailer")
	}
	object := func(n int) ([]byte, error) { // the dictionary of object n
		i := bytes.LastIndex(pdf[:x], []byte("\n"+strconv.Itoa(n)+" 0 obj\n"))
		if i < 0 {
			return nil, unexpected("object " + strconv.Itoa(n))
		}
		body := pdf[i+len("\n"+strconv.Itoa(n)+" 0 obj\n"):]
		e := bytes.Index(body, []byte("\nendobj"))
		if e < 0 {
			return nil, unexpected("endobj")
		}
		return bytes.TrimSpace(body[:e]), nil
	}
	const k = 72 / 25.4
	out := bytes.NewBuffer(append([]byte(nil), pdf...))
	offsets := map[int]int{}
	next := size
	refsByPage := map[int][]string{}
	var all []string
	var pages []int
	for i, f := range fields {
		n := next
		next++
		page := 1 + 2*f.page // gofpdf numbers page n as object 1+2n
		offsets[n] = out.Len()
		sp := ""
		if f.obj != 0 {
			if f.obj != n {
				return nil, unexpected("handtekeningveld " + strconv.Itoa(n) + " is in de structuur " + strconv.Itoa(f.obj))
			}
			sp = " /StructParent " + strconv.Itoa(f.key)
		}
		fmt.Fprintf(out, "%d 0 obj\n<< /Type /Annot /Subtype /Widget /FT /Sig /T (handtekening-%d) /TU %s /F 4 /P %d 0 R /Rect [%.2f %.2f %.2f %.2f]%s >>\nendobj\n",
			n, i+1, utf16Text(f.tip), page, f.x*k, (pageH-f.y-f.h)*k, (f.x+f.w)*k, (pageH-f.y)*k, sp)
		ref := strconv.Itoa(n) + " 0 R"
		if _, seen := refsByPage[page]; !seen {
			pages = append(pages, page)
		}
		refsByPage[page] = append(refsByPage[page], ref)
		all = append(all, ref)
	}
	for _, page := range pages {
		dict, err := object(page)
		if err != nil {
			return nil, err
		}
		if !bytes.HasPrefix(dict, []byte("<</Type /Page\n")) || !bytes.HasSuffix(dict, []byte(">>")) {
			return nil, unexpected("page")
		}
		refs := strings.Join(refsByPage[page], " ")
		var d []byte
		if !bytes.Contains(dict, []byte("\n/Tabs /S\n")) && fields[0].obj != 0 { // tab order follows the structure
			dict = append([]byte("<</Type /Page\n/Tabs /S\n"), dict[len("<</Type /Page\n"):]...)
		}
		if a := bytes.Index(dict, []byte("\n/Annots [")); a >= 0 { // gofpdf writes the array on one line
			e := a + 1 + bytes.IndexByte(dict[a+1:], '\n')
			if e <= a || dict[e-1] != ']' {
				return nil, unexpected("Annots")
			}
			d = append(append(append(append([]byte{}, dict[:e-1]...), ' '), refs...), dict[e-1:]...)
		} else {
			d = append(append([]byte{}, dict[:len(dict)-2]...), "\n/Annots ["+refs+"]>>"...)
		}
		offsets[page] = out.Len()
		fmt.Fprintf(out, "%d 0 obj\n%s\nendobj\n", page, d)
	}
	cat, err := object(root)
	if err != nil {
		return nil, err
	}
	const head = "<<\n/Type /Catalog\n"
	if !bytes.HasPrefix(cat, []byte(head)) {
		return nil, unexpected("catalog")
	}
	offsets[root] = out.Len()
	fmt.Fprintf(out, "%d 0 obj\n%s/AcroForm << /Fields [%s] >>\n%s\nendobj\n", root, head, strings.Join(all, " "), cat[len(head):])
	xref := out.Len()
	out.WriteString("xref\n")
	nums := make([]int, 0, len(offsets))
	for n := range offsets {
		nums = append(nums, n)
	}
	sortInts(nums)
	for _, n := range nums {
		fmt.Fprintf(out, "%d 1\n%010d 00000 n \n", n, offsets[n])
	}
	prev := submatchInt(regexp.MustCompile(`startxref\n(\d+)`), pdf[s:])
	fmt.Fprintf(out, "trailer\n<<\n/Size %d\n/Root %d 0 R\n/Info %d 0 R\n/Prev %d\n>>\nstartxref\n%d\n%%%%EOF\n", next, root, info, prev, xref)
	return out.Bytes(), nil
}

func submatchInt(re *regexp.Regexp, b []byte) int {
	m := re.FindSubmatch(b)
	if m == nil {
		return -1
	}
	n, err := strconv.Atoi(string(m[1]))
	if err != nil {
		return -1
	}
	return n
}

func sortInts(a []int) {
	for i := 1; i < len(a); i++ {
		for j := i; j > 0 && a[j] < a[j-1]; j-- {
			a[j], a[j-1] = a[j-1], a[j]
		}
	}
}

// utf16Text is a PDF text string in UTF-16BE with a byte order mark, as hex.
func utf16Text(s string) string {
	var b strings.Builder
	b.WriteString("<FEFF")
	for _, u := range utf16.Encode([]rune(s)) {
		fmt.Fprintf(&b, "%04X", u)
	}
	b.WriteString(">")
	return b.String()
}
