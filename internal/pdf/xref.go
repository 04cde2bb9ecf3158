package pdf

import (
	"strings"

	"github.com/johnfercher/maroto/v2/pkg/core"
)

// Cross-references: a Markdown link to "#id" in the text of an agreement
// becomes an internal link (GoTo) to the place where the item, heading or
// section with that id is drawn, as the contents entries link to their
// headings (outline.go). The first pass learns which ids are drawn at all
// (builder.dests); later passes link references to those and print the
// others as plain text. A reference may come before its place: gofpdf's
// link is created at the first of the two and set when the place is drawn.

// dest records, while laying out, that the ids are drawn.
func (b *builder) dest(ids []string) {
	for _, id := range ids {
		if b.dests == nil {
			b.dests = map[string]bool{}
		}
		b.dests[id] = true
	}
}

// xrefID is the id a run's link points to within the document, or "" for
// an outside address and for an id that is drawn nowhere.
func (t *tracker) xrefID(link string) string {
	id, ok := strings.CutPrefix(link, "#")
	if !ok || !t.known[id] {
		return ""
	}
	return id
}

// xlink is gofpdf's link for an id, created on first use.
func (t *tracker) xlink(p core.Provider, id string) (int, bool) {
	w := writerOf(p)
	if w == nil {
		return 0, false
	}
	l, ok := t.xrefs[id]
	if !ok {
		l = w.AddLink()
		t.xrefs[id] = l
	}
	return l, true
}

// place sets the destination of the ids at y (cell terms) on the current
// page; the first place drawn for an id wins.
func (t *tracker) place(p core.Provider, ids []string, y float64) {
	for _, id := range ids {
		if t.placed[id] {
			continue
		}
		l, ok := t.xlink(p, id)
		if !ok {
			return
		}
		t.placed[id] = true
		writerOf(p).SetLink(l, marginTop+y, -1)
	}
}

// xref adds the link annotation of a cross-reference over the box x, y,
// w, h (cell terms) on the current page.
func (t *tracker) xref(p core.Provider, id string, x, y, w, h float64) bool {
	l, ok := t.xlink(p, id)
	if !ok {
		return false
	}
	writerOf(p).Link(marginLeft+x, marginTop+y, w, h, l)
	return true
}
