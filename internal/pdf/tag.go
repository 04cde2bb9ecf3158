package pdf

import (
	"strconv"
	"strings"

	"github.com/johnfercher/go-tree/node"
	"github.com/johnfercher/maroto/v2/pkg/core"
	"github.com/johnfercher/maroto/v2/pkg/core/entity"
	"github.com/phpdave11/gofpdf"
)

// The PDF is tagged: it carries a logical structure (PDF 1.7, 14.7-14.8)
// that a screen reader follows. The structure is recorded in two steps.
// While the builder lays the document out it makes the structure elements
// in document order (Document, Sect, H1-H6, P, L/LI/Lbl/LBody,
// Table/TR/TH/TD, TOC/TOCI, Figure) and hands each textBlock the element
// its lines belong to. While maroto renders, every line of text is drawn
// inside a marked-content sequence "/P <</MCID n>> BDC … EMC" with the
// next number of its page, and the element gets that (page, MCID) as a
// kid; the running footer is drawn inside "/Artifact … BDC … EMC".
// tagPDF (tagwrite.go) then wraps whatever else is painted (rules, cell
// borders, paraaf boxes) as artifacts and writes the structure tree.
//
// Only the last rendering pass records: the first pass has no tracker, so
// every method here is a no-op on a nil *tagger or *elem.

// elem is a structure element.
type elem struct {
	role   string // a standard structure type
	parent *elem
	kids   []kid
	alt    string // Figure: alternate description
	scope  string // TH: Column or Row
	obj    int    // object number, set when written
}

// kid is an element, a marked-content sequence (page, MCID), a link
// annotation (page, annot: its index among the page's annotations) or a
// signature field (widget, annot: its index among the fields).
type kid struct {
	e      *elem
	page   int
	mcid   int
	annot  int // -1: not an annotation
	widget bool
}

// tagger holds the structure of one rendering.
type tagger struct {
	doc   *elem
	stack []*elem // open elements while laying out
	// level of the last heading, so that a heading is tagged at most one
	// level below it (a "###" right under a section of level 1 is an H2
	// in the structure, whatever its size).
	level int
	// artifact: texts laid out now are page furniture ("(vervolg)").
	artifact bool
	// label waits for the marker of a list item's first paragraph.
	label *elem
	// tocs[i] is the TOC of the contents entries of level i+1 being laid
	// out, items[i] its last entry (TOCI).
	tocs, items []*elem
	// While rendering: the MCIDs of each page (index = MCID) and the link
	// annotations in the order the writer makes them.
	mcids  map[int][]*elem
	annots map[int][]annot
	// forms are the Form elements of the signature fields, in the order
	// drawn; addSigFields writes the fields after the structure, as
	// objects widgetObj, widgetObj+1, … with /StructParent widgetKey, ….
	forms                []*elem
	widgetObj, widgetKey int
	w                    *gofpdf.Fpdf
	// untagged holds lines of text drawn without an element or an
	// artifact: a bug, which tagPDF refuses.
	untagged []string
}

type annot struct {
	e        *elem
	contents string // what the link does, for /Contents
}

func newTagger() *tagger {
	d := &elem{role: "Document"}
	return &tagger{doc: d, stack: []*elem{d}, mcids: map[int][]*elem{}, annots: map[int][]annot{}}
}

func (e *elem) add(role string) *elem {
	if e == nil {
		return nil
	}
	c := &elem{role: role, parent: e}
	e.kids = append(e.kids, kid{e: c, annot: -1})
	return c
}

// tags is the tagger of the builder's rendering, or nil.
func (b *builder) tags() *tagger {
	if b.track == nil {
		return nil
	}
	return b.track.tags
}

// open adds an element under the current one and makes it current.
func (b *builder) open(role string) *elem {
	tg := b.tags()
	if tg == nil {
		return nil
	}
	e := tg.stack[len(tg.stack)-1].add(role)
	tg.stack = append(tg.stack, e)
	return e
}

// close ends the current element.
func (b *builder) close() {
	if tg := b.tags(); tg != nil && len(tg.stack) > 1 {
		tg.stack = tg.stack[:len(tg.stack)-1]
	}
}

// leaf adds an element under the current one.
func (b *builder) leaf(role string) *elem {
	tg := b.tags()
	if tg == nil {
		return nil
	}
	return tg.stack[len(tg.stack)-1].add(role)
}

// asArtifact lays out page furniture: what fn adds is not in the structure.
func (b *builder) asArtifact(fn func()) {
	tg := b.tags()
	if tg != nil {
		tg.artifact = true
	}
	fn()
	if tg != nil {
		tg.artifact = false
	}
}

// item opens a list item: LI with its Lbl and LBody; the next paragraph
// with a marker puts the marker in the Lbl. closeItem ends it.
func (b *builder) item() {
	if b.open("LI") == nil {
		return
	}
	b.tags().label = b.leaf("Lbl")
	b.open("LBody")
}

func (b *builder) closeItem() {
	if tg := b.tags(); tg != nil {
		tg.label = nil
		b.close()
		b.close()
	}
}

// openTOC opens the contents; close ends it.
func (b *builder) openTOC() {
	if e := b.open("TOC"); e != nil {
		b.tags().tocs, b.tags().items = []*elem{e}, nil
	}
}

// tocItem adds a contents entry of level 1, 2, …: a TOCI holding a Link.
// Entries of a deeper level stand in a TOC of their own inside the entry
// above them.
func (b *builder) tocItem(level int) *tagRef {
	tg := b.tags()
	if tg == nil || len(tg.tocs) == 0 {
		return nil
	}
	level = max(level, 1)
	if len(tg.tocs) > level {
		tg.tocs = tg.tocs[:level]
	}
	if len(tg.items) > level-1 {
		tg.items = tg.items[:level-1]
	}
	for len(tg.tocs) < level && len(tg.items) == len(tg.tocs) { // a TOC inside the entry above
		tg.tocs = append(tg.tocs, tg.items[len(tg.items)-1].add("TOC"))
	}
	toc := tg.tocs[len(tg.tocs)-1]
	item := toc.add("TOCI")
	tg.items = append(tg.items[:len(tg.tocs)-1], item)
	return &tagRef{body: item.add("Link")}
}

// tagRef says where the lines and the marker of a textBlock go.
type tagRef struct {
	body     *elem  // nil with artifact
	label    *elem  // the marker's element; nil: body
	artifact string // the artifact's properties, e.g. "<</Type /Pagination>>"
}

// paraTag is the element of a paragraph laid out by para: a heading, a
// paragraph, or page furniture.
func (b *builder) paraTag(o paraOpts) *tagRef {
	tg := b.tags()
	if tg == nil {
		return nil
	}
	if tg.artifact {
		return &tagRef{artifact: furnitureArtifact}
	}
	role := o.role
	if role == "" {
		role = "P"
	}
	if o.head || o.level > 0 {
		role = "H" + strconv.Itoa(tg.headLevel(max(o.level, 1)))
	}
	r := &tagRef{body: b.leaf(role)}
	if len(o.marker) > 0 && tg.label != nil {
		r.label, tg.label = tg.label, nil
	}
	return r
}

// headLevel is the structure level of a heading of level l.
func (tg *tagger) headLevel(l int) int {
	l = max(1, min(l, tg.level+1, 6))
	tg.level = l
	return l
}

// cellTags tags the cells of a table row: a row of the structure with
// header or data cells, or, for a header row repeated after a page break,
// page furniture.
func (b *builder) cellTags(cells []*textBlock, role string) {
	tg := b.tags()
	if tg == nil {
		return
	}
	for _, c := range cells {
		c.track = b.track
	}
	if role == "" {
		for _, c := range cells {
			c.tag = &tagRef{artifact: furnitureArtifact}
		}
		return
	}
	tr := b.leaf("TR")
	for _, c := range cells {
		e := tr.add(role)
		if role == "TH" {
			e.scope = "Column"
		}
		c.tag = &tagRef{body: e}
	}
}

// blockTag is a paragraph element for a textBlock made outside para.
func (b *builder) blockTag(role string) *tagRef {
	if e := b.leaf(role); e != nil {
		return &tagRef{body: e}
	}
	return nil
}

const furnitureArtifact = "<</Type /Pagination>>"

// draw draws a line of a textBlock inside the marked content of its
// element: one sequence per line, and a Link element with its own
// sequence for the runs of a hyperlink.
func (t *textBlock) draw(p core.Provider, l line, x, top, lh float64, marker bool) {
	var tg *tagger
	if t.track != nil {
		tg = t.track.tags
	}
	if tg == nil || len(l.Runs) == 0 {
		drawLine(p, l, t.st, x, top, lh)
		return
	}
	if t.tag == nil {
		tg.untagged = append(tg.untagged, l.text())
		drawLine(p, l, t.st, x, top, lh)
		return
	}
	if t.tag.body == nil {
		tg.begin(p, "/Artifact "+t.tag.artifact+" BDC")
		drawLine(p, l, t.st, x, top, lh)
		tg.end()
		return
	}
	e := t.tag.body
	if marker && t.tag.label != nil {
		e = t.tag.label
	}
	page := t.track.page()
	l, hyph := layoutHyphen(l)
	l = wordEnd(l)
	for i := 0; i < len(l.Runs); {
		j := i + 1
		for j < len(l.Runs) && l.Runs[j].Link == l.Runs[i].Link {
			j++
		}
		sub := line{Runs: l.Runs[i:j]}
		link := l.Runs[i].Link
		if strings.HasPrefix(link, "#") {
			if id := t.track.xrefID(link); id != "" {
				le := e.add("Link")
				tg.content(p, le, page)
				drawLine(p, sub, t.st, x, top, lh)
				tg.end()
				for _, r := range sub.Runs {
					if t.track.xref(p, id, x+r.X, top, r.Width, lh) {
						tg.link(le, page, "Ga naar "+sub.text())
					}
				}
				i = j
				continue
			}
			link = "" // a place drawn nowhere: plain text
		}
		if link != "" {
			le := e.add("Link")
			tg.content(p, le, page)
			drawLine(p, sub, t.st, x, top, lh)
			tg.end()
			for range sub.Runs { // maroto makes an annotation per run
				tg.link(le, page, "Koppeling naar "+link)
			}
		} else {
			tg.content(p, e, page)
			drawLine(p, sub, t.st, x, top, lh)
			tg.end()
		}
		i = j
	}
	if hyph != nil { // not part of the word in the structure's text
		tg.begin(p, "/Artifact <</Type /Layout>> BDC")
		drawLine(p, line{Runs: []run{*hyph}}, t.st, x, top, lh)
		tg.end()
	}
}

// layoutHyphen takes the hyphen that layout added at the end of a line
// off its last run, to be drawn as an artifact at the same place. A
// hyphen in a link stays: it belongs to the link's annotation.
func layoutHyphen(l line) (line, *run) {
	n := len(l.Runs)
	if !l.Hyph || n == 0 || l.Runs[n-1].Link != "" || !strings.HasSuffix(l.Runs[n-1].Text, "-") {
		return l, nil
	}
	last := l.Runs[n-1]
	hw := textWidth("-", last.Face, last.Size)
	h := run{X: last.X + last.Width - hw, Text: "-", Face: last.Face, Size: last.Size, Sup: last.Sup, Str: last.Str, Width: hw}
	runs := append(make([]run, 0, n), l.Runs...)
	runs[n-1].Text = strings.TrimSuffix(last.Text, "-")
	runs[n-1].Width -= hw
	if runs[n-1].Text == "" {
		runs = runs[:n-1]
	}
	return line{Runs: runs, Width: l.Width - hw, Hyph: true}, &h
}

// wordEnd ends a line with an invisible space, so that the text of the
// structure has a word boundary where the line breaks (a screen reader
// and copying text join the marked content of the lines as it is). A line
// that ends in a hyphen of the text ("Woon-" before "en zorg") gets one
// too; a word broken inside because it is wider than a line (a long
// address) also does, which splits it in the structure's text. The space
// ends the last run (whose cell grows by its width), or is a run of its
// own after struck-through text, so as not to strike it, or after text
// in a face without a space.
func wordEnd(l line) line {
	if len(l.Runs) == 0 {
		return l
	}
	last := l.Runs[len(l.Runs)-1]
	if l.Hyph || strings.HasSuffix(last.Text, " ") { // a word broken by layout goes on
		return l
	}
	face := last.Face
	if !has(face, ' ') { // a further font without a space would draw its empty box
		face = regular // always embedded
	}
	sw := textWidth(" ", face, last.Size)
	runs := append(make([]run, 0, len(l.Runs)+1), l.Runs...)
	if last.Str || face != last.Face {
		runs = append(runs, run{X: last.X + last.Width, Text: " ", Face: face, Size: last.Size, Sup: last.Sup, Width: sw})
	} else {
		runs[len(runs)-1].Text += " "
		runs[len(runs)-1].Width += sw
	}
	return line{Runs: runs, Width: l.Width + sw}
}

// content starts the next marked-content sequence of page for e.
func (tg *tagger) content(p core.Provider, e *elem, page int) {
	n := len(tg.mcids[page])
	tg.mcids[page] = append(tg.mcids[page], e)
	e.kids = append(e.kids, kid{page: page, mcid: n, annot: -1})
	tg.begin(p, "/"+e.role+" <</MCID "+strconv.Itoa(n)+">> BDC")
}

// link records the next link annotation of page as part of e.
func (tg *tagger) link(e *elem, page int, contents string) {
	e.kids = append(e.kids, kid{page: page, annot: len(tg.annots[page])})
	tg.annots[page] = append(tg.annots[page], annot{e, contents})
}

// widget records the next signature field as the content of the Form
// element e.
func (tg *tagger) widget(e *elem, page int) {
	if e == nil {
		return
	}
	e.kids = append(e.kids, kid{page: page, annot: len(tg.forms), widget: true})
	tg.forms = append(tg.forms, e)
}

// begin and end write marked-content operators on lines of their own,
// where tagPDF finds them.
func (tg *tagger) begin(p core.Provider, op string) {
	if tg.w == nil {
		tg.w = writerOf(p)
	}
	if tg.w != nil {
		tg.w.RawWriteStr(op)
	}
}

func (tg *tagger) end() {
	if tg.w != nil {
		tg.w.RawWriteStr("EMC")
	}
}

// figure is an image in the structure, with its alternate description.
type figure struct {
	core.Component
	e     *elem
	track *tracker
}

func (b *builder) figure(c core.Component, alt string) core.Component {
	e := b.leaf("Figure")
	if e == nil {
		return c
	}
	e.alt = alt
	return &figure{Component: c, e: e, track: b.track}
}

func (f *figure) Render(p core.Provider, cell *entity.Cell) {
	tg := f.track.tags
	tg.content(p, f.e, f.track.page())
	f.Component.Render(p, cell)
	tg.end()
}

func (f *figure) GetStructure() *node.Node[core.Structure] { return f.Component.GetStructure() }

// plainLines is the text of lines, one space between them.
func plainLines(ls []line) string {
	var parts []string
	for _, l := range ls {
		parts = append(parts, l.text())
	}
	return strings.Join(parts, " ")
}
