package pdf

import (
	"slices"
	"strings"

	"github.com/johnfercher/maroto/v2/pkg/core"
	"github.com/yuin/goldmark/ast"

	"github.com/prestatie/prestatie/internal/agreement"
	"github.com/prestatie/prestatie/internal/diag"
	"github.com/prestatie/prestatie/internal/markdown"
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

// dests are the ids of row i's place.
func (t table) dests(i int) []string {
	if i < len(t.rowIDs) {
		return withID(nil, t.rowIDs[i])
	}
	return nil
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

// CrossReferences warns, at the link, about every link to "#id" in the
// text of the agreement that no item, heading or section has as its id:
// the PDF prints its text without a link. The ids are those the layout
// draws a place for (builder.dests).
func CrossReferences(ag *agreement.Agreement) diag.List {
	md := markdown.New()
	ids := map[string]bool{}
	ag.EachItem(func(it *agreement.Item) { ids[it.ID] = true })
	ag.EachSection(func(s *agreement.Section) { ids[s.ID] = true })
	type ref struct {
		id  string
		pos diag.Pos
	}
	var refs []ref
	scan := func(m agreement.Markdown) {
		src := []byte(m.Source)
		_ = ast.Walk(md.Parse(src, nil, ""), func(n ast.Node, entering bool) (ast.WalkStatus, error) {
			if !entering {
				return ast.WalkContinue, nil
			}
			switch n := n.(type) {
			case *ast.Heading:
				if id := idOf(n); id != "" {
					ids[id] = true
				}
			case *ast.Link:
				if id, ok := internalTarget(string(n.Destination)); ok {
					refs = append(refs, ref{id, bodyPos(m, linkStart(n))})
				}
			}
			return ast.WalkContinue, nil
		})
	}
	scan(ag.Preamble)
	ag.EachSection(func(s *agreement.Section) { scan(s.Body) })
	var ds diag.List
	for _, r := range refs {
		if ids[r.id] {
			continue
		}
		known := make([]string, 0, len(ids))
		for id := range ids {
			known = append(known, id)
		}
		slices.Sort(known)
		ds.Warnf(r.pos, "koppeling naar \"#%s\": geen afspraak, kop of onderdeel van de overeenkomst heeft dat id, dus drukt de pdf alleen de tekst, zonder koppeling; "+
			"verwijs naar het {#id} van een afspraak, het id van een kop of de bestandsnaam van een onderdeel%s", r.id, diag.DidYouMean(r.id, known))
	}
	return ds
}

// linkStart is the offset of a link's "[" in its source: the byte before
// its first text, or 0 when it has none.
func linkStart(n ast.Node) int {
	for c := n.FirstChild(); c != nil; c = c.FirstChild() {
		if t, ok := c.(*ast.Text); ok {
			return max(t.Segment.Start-1, 0)
		}
	}
	return 0
}
