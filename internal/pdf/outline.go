package pdf

import (
	"reflect"
	"unsafe"

	"github.com/johnfercher/maroto/v2/pkg/core"
	"github.com/phpdave11/gofpdf"
)

// Bookmarks (the PDF outline) and the clickable contents need two calls of
// the PDF writer that maroto v2.3.3 does not expose: gofpdf's Bookmark and
// its internal links (AddLink, SetLink, Link). maroto's gofpdf provider
// keeps the writer in an unexported field; writerOf reaches it. When a
// maroto upgrade changes that, writerOf returns nil, the document simply
// has no bookmarks or contents links, and TestOutline fails.

// writerOf returns the gofpdf writer behind a maroto provider, or nil.
func writerOf(p core.Provider) *gofpdf.Fpdf {
	v := reflect.ValueOf(p)
	if v.Kind() != reflect.Pointer || v.IsNil() || v.Elem().Kind() != reflect.Struct {
		return nil
	}
	f := v.Elem().FieldByName("fpdf")
	if !f.IsValid() || f.Kind() != reflect.Interface {
		return nil
	}
	f = reflect.NewAt(f.Type(), unsafe.Pointer(f.UnsafeAddr())).Elem()
	w, _ := f.Interface().(*gofpdf.Fpdf)
	return w
}

// Cells that maroto hands to components are measured from the page margins;
// the writer's own calls are measured from the page's corner.

// mark records, while a heading listed in the contents is drawn, its
// bookmark and where the contents entry's link points; y is in cell terms.
func (t *textBlock) mark(p core.Provider, y float64) {
	if t.track == nil || t.anchor == "" {
		return
	}
	w := writerOf(p)
	if w == nil {
		return
	}
	y += marginTop
	if t.outline > 0 {
		w.Bookmark(t.outlineText, t.outline-1, y)
	}
	if link, ok := t.track.links[t.anchor]; ok {
		w.SetLink(link, y, -1)
	}
}

// link makes a contents entry a link to its heading: it points at the top
// of the page the previous pass found, until the heading itself is drawn
// and sets the exact place.
func (t *tocLine) link(p core.Provider, x, y, w, h float64) {
	if t.track == nil || t.target == "" || t.page < 1 {
		return
	}
	pw := writerOf(p)
	if pw == nil {
		return
	}
	l := pw.AddLink()
	pw.SetLink(l, 0, t.page)
	pw.Link(marginLeft+x, marginTop+y, w, h, l)
	t.track.links[t.target] = l
	if t.tag != nil {
		t.track.tags.link(t.tag.body, t.track.page(), "Ga naar "+plainLines(t.lines))
	}
}
