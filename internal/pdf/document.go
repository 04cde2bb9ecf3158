package pdf

import (
	"math"
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/johnfercher/go-tree/node"
	"github.com/johnfercher/maroto/v2/pkg/consts/align"
	"github.com/johnfercher/maroto/v2/pkg/core"

	"github.com/prestatie/prestatie/internal/agreement"
	"github.com/prestatie/prestatie/internal/dutch"
	"github.com/prestatie/prestatie/internal/markdown"
)

// What the PDF prints before the signatures is the document's text and
// nothing else: the preamble under the document's own heading (or none),
// every section with the document's number (or none) and title at the
// heading level of its depth, its Markdown body with the items of the text
// in their place, and the figures that carry real data as tables. The PDF
// adds no heading, term, party or date of its own there. Its own words are
// the fixed document furniture below (cover labels, contents, footer,
// figure tables), the Dutch labels of the vocabularies (party kinds, figure
// kinds and their categories), Dutch dates and the fingerprint;
// TestNothingUnagreedBeforeSignatures checks every word.
var furniture = []string{
	"CONCEPT", "Concept", "Ter ondertekening", "Kopie van de op ondertekende tekst",
	"Partijen", "Kenmerk", "Datum", "Status", "Periode", "tot en met",
	"Inhoud", "Ondertekening", "pagina van", "kenmerk", "vingerafdruk", "Paraaf", "Paraaf per partij",
	"Bron:", "circa", "Categorie", "Aantal", "Aandeel", "Huurprijsklasse", "Energielabel",
	"Afbeelding:",
}

// doc is one agreement prepared for layout: its Markdown parsed once, its
// contents entries and fingerprint. build can run several times on it (the
// first time to learn the page numbers).
type doc struct {
	ag      *agreement.Agreement
	th      *theme
	md      *markdown.Converter
	fp      string
	parsed  map[string][]block
	toc     []tocEntry
	anchors map[*agreement.Section]string
	numbers map[string]string // item id -> the document's number
	logos   map[string]Logo   // by party id
	date    time.Time         // of the PDF: CreationDate, ModDate, XMP
	// faces the text uses, learnt in the first pass: bold italic and the
	// monospaced face are only embedded when they are used.
	faces usedFaces
	dests map[string]bool // ids drawn, learnt in the first pass (xref.go)
}

type tocEntry struct {
	anchor string
	level  int
	number string
	title  string
}

// tocDepth is the deepest section level listed in the contents.
const tocDepth = 2

// pagination is what one pass learns for the next: the page of every
// contents entry and the number of pages.
type pagination struct {
	total int
	pages map[string]int
}

func (p pagination) equal(q pagination) bool {
	if p.total != q.total || len(p.pages) != len(q.pages) {
		return false
	}
	for k, v := range p.pages {
		if q.pages[k] != v {
			return false
		}
	}
	return true
}

func newDoc(ag *agreement.Agreement, th *theme) *doc {
	d := &doc{ag: ag, th: th, md: markdown.New(), fp: Fingerprint(ag), parsed: map[string][]block{},
		anchors: map[*agreement.Section]string{}, numbers: map[string]string{}}
	n := 0
	ag.EachSection(func(s *agreement.Section) {
		n++
		d.anchors[s] = "s" + strconv.Itoa(n)
	})
	ag.EachItem(func(it *agreement.Item) {
		if it.Number != "" {
			d.numbers[it.ID] = it.Number
		}
	})
	if ag.PreambleTitle != "" && strings.TrimSpace(ag.Preamble.Source) != "" {
		d.toc = append(d.toc, tocEntry{anchor: "preambule", level: 1, title: ag.PreambleTitle})
	}
	var entries func(ss []*agreement.Section)
	entries = func(ss []*agreement.Section) {
		for _, s := range ss {
			if s.Depth() > tocDepth {
				return
			}
			d.toc = append(d.toc, tocEntry{anchor: d.anchors[s], level: s.Depth(), number: s.Number, title: s.Title})
			entries(s.Sections)
		}
	}
	entries(ag.Body())
	d.toc = append(d.toc, tocEntry{anchor: "ondertekening", level: 1, title: "Ondertekening"})
	entries(ag.Annexes())
	return d
}

func (d *doc) parse(src string) []block {
	if bs, ok := d.parsed[src]; ok {
		return bs
	}
	bs := parseMarkdown(d.md, src)
	numberItems(bs, d.numbers)
	d.parsed[src] = bs
	return bs
}

// numberItems prints the document's own number of an item of the text
// that its annotation gives ("number" in front matter) and the text does
// not start with: as the marker of its list item, in place of the bullet or
// the list's counter, or before its paragraph.
func numberItems(bs []block, numbers map[string]string) {
	for i := range bs {
		bl := &bs[i]
		if n, ok := numbers[bl.ID]; ok && bl.Kind == paraBlock && !startsWith(plainText(bl.Spans), n) {
			bl.Number = n
		}
		for j := range bl.Items {
			it := &bl.Items[j]
			if n, ok := numbers[it.ID]; ok && bl.Kind == listBlock && !startsWith(firstText(it.Blocks), n) {
				if bl.Ordered && isDigits(n) && it.Marker != "" {
					n += it.Marker[len(it.Marker)-1:] // "3." or "3)", as the list writes it
				}
				it.Marker, it.Num = n, 0
			}
			numberItems(it.Blocks, numbers)
		}
		numberItems(bl.Children, numbers)
	}
}

// startsWith reports whether text begins with the number n as a word:
// "1.1 De gemeente" starts with "1.1", "1.10 …" does not.
func startsWith(text, n string) bool {
	rest, ok := strings.CutPrefix(strings.TrimSpace(text), n)
	if !ok {
		return false
	}
	r, _ := utf8.DecodeRuneInString(rest)
	return rest == "" || !unicode.IsLetter(r) && !unicode.IsDigit(r)
}

// firstText is the text of the first paragraph of an item's blocks.
func firstText(bs []block) string {
	if len(bs) > 0 && bs[0].Kind == paraBlock {
		return plainText(bs[0].Spans)
	}
	return ""
}

func isDigits(s string) bool {
	for _, r := range s {
		if r < '0' || r > '9' {
			return false
		}
	}
	return s != ""
}

// txt is a plain (non-Markdown) text as one span.
func txt(s string) []span { return []span{{Text: clean(s)}} }

// digital reports whether the agreement is signed digitally: no paraaf
// boxes, no signature lines.
func digital(ag *agreement.Agreement) bool { return ag.Signing == agreement.Digital }

// build lays out the whole document on m. pg holds the page numbers learnt
// from the previous pass (empty on the first); track, when not nil, records
// where the contents entries end up while m is rendered.
func (d *doc) build(m core.Maroto, pg pagination, track *tracker) error {
	b := &builder{m: m, th: d.th, track: track, avail: pageH - marginTop - marginBottom}
	if track != nil {
		track.known = d.dests
	}
	// Every page has the footer, the cover too: page X of N, the paraaf
	// boxes, the version and the short fingerprint.
	f := newFooter(d.ag, d.th, contentW, track, pg.total, d.fp)
	f.xmp = d.meta(d.date).xmp(d.fp)
	if err := m.RegisterFooter(full(f, f.h)); err != nil {
		return err
	}
	b.avail -= f.h
	d.cover(b)
	b.newPage()
	d.contents(b, pg)
	b.newPage()
	d.body(b)
	b.newPage()
	d.signing(b, pg)
	for _, s := range d.ag.Annexes() {
		b.newPage()
		d.section(b, s)
	}
	b.flush()
	if track == nil {
		d.faces, d.dests = b.faces, b.dests
	}
	return nil
}

// scan reads the pages of the contents entries from a structure tree.
func scan(root *node.Node[core.Structure]) pagination {
	pg := pagination{pages: map[string]int{}}
	var walk func(n *node.Node[core.Structure], page int)
	walk = func(n *node.Node[core.Structure], page int) {
		if a, ok := n.GetData().Details["anchor"].(string); ok {
			if _, seen := pg.pages[a]; !seen {
				pg.pages[a] = page
			}
		}
		for _, c := range n.GetNexts() {
			walk(c, page)
		}
	}
	for i, p := range root.GetNexts() {
		walk(p, i+1)
	}
	pg.total = len(root.GetNexts())
	return pg
}

// heading adds a heading, kept with what follows. number, when given,
// hangs in front of the title.
func (b *builder) heading(level int, number []span, ss []span, anchor string, f flow) {
	level = max(1, min(level, 6))
	st := b.th.heads[level]
	o := paraOpts{indent: f.indent, markX: f.indent, top: b.th.above[level], bottom: b.th.below[level],
		keep: true, anchor: anchor, bars: f.bars, head: true, level: level, dests: f.dests}
	if anchor != "" { // a heading of the contents is a bookmark too
		o.outline, o.title = level, strings.ReplaceAll(strings.TrimSpace(plainText(number)+" "+plainText(ss)), "\u00AD", "") // a bookmark is not laid out
	}
	if len(number) > 0 {
		minW := map[int]float64{1: 11, 2: 14}[level]
		o.marker = number
		o.indent += math.Max(minW, textWidth(plainText(number), faceOf(true, st.Ital), st.Size, st.Extra)+3)
	}
	b.para(ss, st, o)
}

// body prints the preamble and the sections before the signatures.
func (d *doc) body(b *builder) {
	ag := d.ag
	// An empty mark where the text begins, so that the layout knows its page.
	mark := &textBlock{st: d.th.body, anchor: "tekst", track: b.track}
	b.push(full(mark, 0), 0, true)
	b.open("Sect")
	if ag.PreambleTitle != "" && strings.TrimSpace(ag.Preamble.Source) != "" {
		b.heading(1, nil, txt(ag.PreambleTitle), "preambule", flow{})
	}
	b.blocks(d.parse(ag.Preamble.Source), flow{level: 1})
	d.figures(b, ag.Figures)
	b.close()
	for _, s := range ag.Body() {
		d.section(b, s)
	}
}

// section prints a section at the heading level of its depth, with the
// document's number or none, its text, its figures and its subsections.
// Headings in the text sit below the section's level.
func (d *doc) section(b *builder, s *agreement.Section) {
	depth := s.Depth()
	var num []span
	if s.Number != "" {
		num = txt(s.Number)
	}
	b.open("Sect")
	defer b.close()
	b.heading(depth, num, txt(s.Title), d.anchors[s], flow{dests: []string{s.ID}})
	b.blocks(d.parse(s.Body.Source), flow{level: depth})
	d.figures(b, s.Figures)
	for _, c := range s.Sections {
		d.section(b, c)
	}
}

// flat is the text of a Markdown text as spans, its paragraphs and list
// items on lines of their own.
func (d *doc) flat(src string) []span {
	var out []span
	var walk func(bs []block, prefix string)
	walk = func(bs []block, prefix string) {
		for _, bl := range bs {
			switch bl.Kind {
			case listBlock:
				for _, it := range bl.Items {
					m := it.Marker
					if m == "" {
						m = "•"
					}
					walk(it.Blocks, m+" ")
				}
				continue
			case quoteBlock:
				walk(bl.Children, prefix)
				continue
			case notesBlock:
				for _, it := range bl.Items {
					walk(it.Blocks, it.Marker+" ")
				}
				continue
			case tableBlock:
				for _, r := range append([][][]span{bl.Header}, bl.Rows...) {
					var cells []span
					for i, c := range r {
						if i > 0 {
							cells = append(cells, span{Text: " | "})
						}
						cells = append(cells, c...)
					}
					walk([]block{{Kind: paraBlock, Spans: cells}}, prefix)
				}
				continue
			}
			if len(out) > 0 {
				out = append(out, span{Text: "\n"})
			}
			if prefix != "" {
				out = append(out, span{Text: prefix})
				prefix = ""
			}
			if bl.Kind == codeBlock {
				out = append(out, span{Text: clean(strings.Join(bl.Lines, "\n"))})
			}
			out = append(out, bl.Spans...)
		}
	}
	walk(d.parse(src), "")
	return out
}

// figures prints the figures that hold real data as tables with their
// caption and source, where the document has them. Illustrative figures
// (example data) and the goals of figures are not printed: the signature
// PDF holds nothing that the parties did not agree.
func (d *doc) figures(b *builder, fs []*agreement.Figure) {
	th := d.th
	for _, f := range fs {
		if f.Illustrative {
			continue
		}
		caption := f.DefaultTitle() + ", " + dateOf(f.AsOf)
		if f.Approximate && len(f.Values) > 0 {
			caption += " (circa)"
		}
		cap := th.body
		cap.Bold = true
		b.para(txt(caption), cap, paraOpts{top: 1, bottom: 1, keep: true})
		switch {
		case len(f.Values) > 0:
			head := [][]span{txt("Categorie"), txt("Aantal")}
			switch f.Kind {
			case agreement.RentBands:
				head = [][]span{txt("Huurprijsklasse"), txt("Aandeel")}
			case agreement.EnergyLabels:
				head[0] = txt("Energielabel")
			}
			var rows [][][]span
			for _, v := range f.Values {
				val := dutch.Number(v.Value)
				if f.Kind == agreement.RentBands || f.Kind == agreement.Allocations && v.Key == "signaalwaarde" {
					val = dutch.Percent(v.Value)
				}
				rows = append(rows, [][]span{txt(agreement.FigureKeyLabel(f.Kind, v.Key)), txt(val)})
			}
			b.table(table{widths: []float64{0.42, 0.18}, header: head, rows: rows, size: 9,
				aligns: []align.Type{align.Left, align.Right}, keep: true})
		case f.Value != nil:
			v := dutch.Quantity(*f.Value, f.Unit)
			if f.Approximate {
				v = "circa " + v
			}
			b.para(txt(v), th.body, paraOpts{keep: true, bottom: 0.5})
		}
		b.para([]span{{Text: "Bron: " + clean(f.Source), Italic: true}}, th.small, paraOpts{top: 1, bottom: 3.5})
	}
}
