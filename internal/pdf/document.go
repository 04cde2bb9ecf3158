package pdf

import (
	"math"
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/johnfercher/go-tree/node"
	"github.com/johnfercher/maroto/v2/pkg/components/col"
	"github.com/johnfercher/maroto/v2/pkg/components/image"
	"github.com/johnfercher/maroto/v2/pkg/components/row"
	"github.com/johnfercher/maroto/v2/pkg/consts/align"
	"github.com/johnfercher/maroto/v2/pkg/consts/extension"
	"github.com/johnfercher/maroto/v2/pkg/core"
	"github.com/johnfercher/maroto/v2/pkg/core/entity"
	"github.com/johnfercher/maroto/v2/pkg/props"

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
	faces [5]bool
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
				it.Marker = n
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
		d.faces = b.faces
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

// --- cover ---------------------------------------------------------------

// statusLine says what the paper is: a concept, a text to sign, or a copy
// of the signed text. A paper whose signature lines are empty never says
// it is signed.
func statusLine(ag *agreement.Agreement) string {
	switch {
	case ag.Status == agreement.Draft || ag.Draft:
		return "Concept"
	case ag.Status == agreement.ForSignature:
		return "Ter ondertekening"
	case ag.Date.IsZero():
		return "Kopie van de ondertekende tekst"
	}
	return "Kopie van de op " + dateOf(ag.Date) + " ondertekende tekst"
}

func (d *doc) cover(b *builder) {
	ag, th := d.ag, d.th
	if r, h := d.logoRow(); r != nil {
		b.push(r, h, false)
		b.space(8)
	} else {
		b.space(22)
	}
	switch {
	case ag.Status == agreement.Draft || ag.Draft:
		b.para(txt("CONCEPT"), textStyle{Size: 26, Lead: 1.2, Color: th.alert, Bold: true}, paraOpts{bottom: 6})
	case ag.Status == agreement.ForSignature:
		b.para(txt("Ter ondertekening"), textStyle{Size: 13, Lead: 1.2, Color: th.primary, Bold: true}, paraOpts{bottom: 6})
	}
	title := textStyle{Size: 26, Lead: 1.15, Color: th.primary, Bold: true}
	for _, size := range []float64{18, 12} { // a very long title gets smaller, so the cover stays one page
		if len(layout(txt(ag.Title), title, contentW)) <= 4 {
			break
		}
		title.Size = size
	}
	b.para(txt(ag.Title), title, paraOpts{bottom: 3})
	b.para(txt(ag.Municipality), textStyle{Size: 16, Lead: 1.25, Color: th.text}, paraOpts{bottom: 1})
	b.para(txt(period(ag.Period)), textStyle{Size: 12, Lead: 1.3, Color: th.muted}, paraOpts{bottom: 10})
	rule := &textBlock{lines: []line{{}}, st: th.small, rules: []hrule{{0, 0, contentW, th.rule}}}
	b.push(full(rule, rule.height()), rule.height(), false)
	b.para(txt("Partijen"), textStyle{Size: 9, Lead: 1.3, Color: th.muted, Bold: true}, paraOpts{top: 2, bottom: 2})
	d.coverParties(b)
	b.space(8)
	facts := [][2]string{}
	if ag.Reference != "" {
		facts = append(facts, [2]string{"Kenmerk", ag.Reference})
	}
	if !ag.Date.IsZero() {
		facts = append(facts, [2]string{"Datum", dateOf(ag.Date)})
	}
	facts = append(facts, [2]string{"Status", statusLine(ag)})
	for _, f := range facts {
		st := textStyle{Size: 10, Lead: 1.45, Color: th.text}
		l := layout(txt(f[1]), st, contentW-30)
		lab := layout([]span{{Text: f[0]}}, textStyle{Size: 10, Lead: 1.45, Color: th.muted}, 30)[0]
		t := &textBlock{lines: l, st: st, indent: 30, marker: &lab}
		b.push(full(t, t.height()), t.height(), false)
	}
}

func period(p agreement.Period) string {
	if p.From == p.To {
		return "Periode " + strconv.Itoa(p.From)
	}
	return "Periode " + strconv.Itoa(p.From) + " tot en met " + strconv.Itoa(p.To)
}

// partyGroup is a heading of the document's own grouping of parties
// ("Woningcorporaties") and its parties; name "" for parties without one.
type partyGroup struct {
	name    string
	parties []*agreement.Party
}

// partyGroups groups the parties by Party.Group in order of first
// appearance, when any party has a group; otherwise it is one group
// without a name.
func partyGroups(ag *agreement.Agreement) []partyGroup {
	var out []partyGroup
	at := map[string]int{}
	for _, p := range ag.Parties {
		i, ok := at[p.Group]
		if !ok {
			i = len(out)
			at[p.Group] = i
			out = append(out, partyGroup{name: p.Group})
		}
		out[i].parties = append(out[i].parties, p)
	}
	return out
}

// coverParties lists the parties under the document's groups: one column
// for a few, two for many, and names only when even that would not fit the
// cover.
func (d *doc) coverParties(b *builder) {
	ag, th := d.ag, d.th
	name := textStyle{Size: 11, Lead: 1.3, Color: th.text, Bold: true}
	sub := textStyle{Size: 9, Lead: 1.3, Color: th.muted, Ital: true}
	groupSt := textStyle{Size: 9, Lead: 1.3, Color: th.primary, Bold: true}
	subOf := func(p *agreement.Party) []span {
		s := p.Kind.Label()
		if p.Tagline != "" {
			s += " · " + p.Tagline
		}
		return txt(s)
	}
	cols := 1
	if len(ag.Parties) > 5 {
		cols = 2
	}
	w := contentW / float64(cols)
	type cell struct{ n, s []line }
	groups := partyGroups(ag)
	cells := make([][]cell, len(groups))
	height := 0.0
	for gi, g := range groups {
		if g.name != "" {
			height += groupSt.lineHeight() + 3
		}
		for _, p := range g.parties {
			cells[gi] = append(cells[gi], cell{layout(txt(p.Name), name, w-4), layout(subOf(p), sub, w-4)})
		}
		cs := cells[gi]
		for i := 0; i < len(cs); i += cols {
			h := 0.0
			for j := i; j < min(i+cols, len(cs)); j++ {
				h = math.Max(h, float64(len(cs[j].n))*name.lineHeight()+float64(len(cs[j].s))*sub.lineHeight()+3)
			}
			height += h
		}
	}
	groupHead := func(g partyGroup, top float64) {
		if g.name != "" {
			b.para(txt(g.name), groupSt, paraOpts{top: top, bottom: 1, keep: true})
		}
	}
	if height > 120 { // too many to list with their descriptions: names only
		for gi, g := range groups {
			groupHead(g, float64(min(gi, 1))*2)
			var ss []span
			for i, p := range g.parties {
				if i > 0 {
					ss = append(ss, span{Text: " · "})
				}
				ss = append(ss, txt(p.Name)...)
			}
			b.para(ss, textStyle{Size: 10, Lead: 1.4, Color: th.text}, paraOpts{bottom: 2})
		}
		return
	}
	for gi, g := range groups {
		groupHead(g, float64(min(gi, 1))*2)
		cs := cells[gi]
		for i := 0; i < len(cs); i += cols {
			var names, subs []*textBlock
			hn, hs := 0.0, 0.0
			for j := i; j < i+cols; j++ {
				if j >= len(cs) {
					names, subs = append(names, nil), append(subs, nil)
					continue
				}
				tn := &textBlock{lines: cs[j].n, st: name}
				ts := &textBlock{lines: cs[j].s, st: sub, bottom: 3}
				names, subs = append(names, tn), append(subs, ts)
				hn, hs = math.Max(hn, tn.height()), math.Max(hs, ts.height())
			}
			b.push(columns(names, hn), hn, true)
			b.push(columns(subs, hs), hs, false)
		}
	}
}

// columns puts blocks side by side in equal columns.
func columns(ts []*textBlock, h float64) core.Row {
	r := row.New(h)
	per := grid / len(ts)
	for i, t := range ts {
		size := per
		if i == len(ts)-1 {
			size = grid - per*(len(ts)-1)
		}
		c := col.New(size)
		if t != nil {
			c.Add(t)
		}
		r.Add(c)
	}
	return r
}

// --- contents --------------------------------------------------------------

func (d *doc) contents(b *builder, pg pagination) {
	b.heading(1, nil, txt("Inhoud"), "inhoud", flow{})
	numW := 14.0
	for _, e := range d.toc {
		st := d.th.body
		indent, top := 0.0, 0.3
		if e.level == 1 {
			st.Bold = true
			top = 1.8
		} else {
			indent = numW * float64(e.level-1)
		}
		tb := &textBlock{st: st, top: top, indent: indent}
		tw := contentW - indent - 16
		title := txt(e.title)
		if e.number != "" {
			mw := math.Max(numW, textWidth(e.number, faceOf(st.Bold, false), st.Size)+3)
			ml := layout(txt(e.number), st, mw)[0]
			tb.marker, tb.markX = &ml, indent
			tb.indent += mw
			tw -= mw
		}
		tb.lines = layout(title, st, tw)
		t := &tocLine{textBlock: tb, leader: d.th.rule, target: e.anchor, page: pg.pages[e.anchor]}
		tb.track = b.track
		if n := pg.pages[e.anchor]; n > 0 {
			l := layout(txt(strconv.Itoa(n)), textStyle{Size: st.Size, Lead: st.Lead, Bold: st.Bold, Align: align.Right}, 12)[0]
			t.num = &l
		}
		b.push(full(t, tb.height()), tb.height(), false)
	}
}

// tocLine is a contents entry: its title, a dotted leader and the page,
// and a link to the heading.
type tocLine struct {
	*textBlock
	num    *line
	leader props.Color
	target string // anchor of the heading
	page   int
}

func (t *tocLine) Render(p core.Provider, cell *entity.Cell) {
	t.textBlock.Render(p, cell)
	t.link(p, cell.X, cell.Y, contentW, t.height())
	if t.num == nil {
		return
	}
	lh := t.st.lineHeight()
	last := len(t.lines) - 1
	top := cell.Y + t.top + float64(last)*lh
	from := cell.X + t.indent + t.lines[last].Width + 2
	to := cell.X + contentW - 14
	if to > from {
		dottedLine(p, from, top+baseline(lh, t.st.Size), to-from, t.leader)
	}
	drawLine(p, *t.num, t.st, cell.X+contentW-12, top, lh)
}

// --- body ------------------------------------------------------------------

// heading adds a heading, kept with what follows. number, when given,
// hangs in front of the title.
func (b *builder) heading(level int, number []span, ss []span, anchor string, f flow) {
	level = max(1, min(level, 6))
	st := b.th.heads[level]
	o := paraOpts{indent: f.indent, markX: f.indent, top: b.th.above[level], bottom: b.th.below[level],
		keep: true, anchor: anchor, bars: f.bars, head: true}
	if anchor != "" { // a heading of the contents is a bookmark too
		o.outline, o.title = level, strings.TrimSpace(plainText(number)+" "+plainText(ss))
	}
	if len(number) > 0 {
		minW := map[int]float64{1: 11, 2: 14}[level]
		o.marker = number
		o.indent += math.Max(minW, textWidth(plainText(number), faceOf(true, st.Ital), st.Size)+3)
	}
	b.para(ss, st, o)
}

// body prints the preamble and the sections before the signatures.
func (d *doc) body(b *builder) {
	ag := d.ag
	// An empty mark where the text begins, so that the layout knows its page.
	mark := &textBlock{st: d.th.body, anchor: "tekst", track: b.track}
	b.push(full(mark, 0), 0, true)
	if ag.PreambleTitle != "" && strings.TrimSpace(ag.Preamble.Source) != "" {
		b.heading(1, nil, txt(ag.PreambleTitle), "preambule", flow{})
	}
	b.blocks(d.parse(ag.Preamble.Source), flow{level: 1})
	d.figures(b, ag.Figures)
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
	b.heading(depth, num, txt(s.Title), d.anchors[s], flow{})
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

// --- signing ---------------------------------------------------------------

// signing prints the signing page: the number of pages and the fingerprint
// above the signatures, then a signature block per signatory, grouped under
// the document's own party groups. A digitally signed agreement gets no
// signature lines but the statement of how it was signed.
func (d *doc) signing(b *builder, pg pagination) {
	ag, th := d.ag, d.th
	b.heading(1, nil, txt("Ondertekening"), "ondertekening", flow{})
	n := "Deze overeenkomst bestaat uit " + strconv.Itoa(pg.total) + " pagina's" // plain apostrophe: the wording of the signing convention
	if len(ag.Annexes()) > 0 {
		n += " (inclusief bijlagen)"
	}
	b.para(txt(n+"."), th.body, paraOpts{bottom: 2, keep: true})
	b.para([]span{{Text: "Vingerafdruk van de bron (SHA-256): "}, {Text: d.fp}}, th.small, paraOpts{bottom: 4, keep: true, wide: true})
	lead := th.body
	lead.Bold = true
	if digital(ag) {
		if strings.TrimSpace(ag.SigningNote) != "" {
			b.blocks(d.parse(ag.SigningNote), flow{level: 2, keep: true})
		} else {
			b.para(txt("Deze overeenkomst is digitaal ondertekend."), th.body, paraOpts{bottom: 4, keep: true})
		}
	} else {
		b.para(txt("Aldus overeengekomen en ondertekend."), lead, paraOpts{bottom: 4, keep: true})
	}

	w := contentW/2 - 6
	groupSt := th.body
	groupSt.Bold, groupSt.Color = true, th.primary
	// When the signatures run on to another page, that page starts with
	// "Ondertekening (vervolg)"; the first signatures stay with "Aldus
	// overeengekomen" and the page count above them.
	started := false
	cont := func(h float64) {
		if started && len(b.chain) == 0 && !b.fits(h) {
			b.newPage()
			b.heading(1, nil, txt("Ondertekening (vervolg)"), "", flow{})
		}
	}
	for _, g := range partyGroups(ag) {
		var blocks []*textBlock
		for _, p := range g.parties {
			sigs := p.Signatories
			if len(sigs) == 0 {
				sigs = []agreement.Signatory{{}}
			}
			for _, s := range sigs {
				sb := d.signatureBlock(p, s, w)
				sb.track = b.track
				blocks = append(blocks, sb)
			}
		}
		heights := []float64{}
		for i := 0; i < len(blocks); i += 2 {
			h := blocks[i].height()
			if i+1 < len(blocks) {
				h = math.Max(h, blocks[i+1].height())
			}
			heights = append(heights, h)
		}
		if g.name != "" {
			head := layout(txt(g.name), groupSt, contentW)
			cont(2 + float64(len(head))*groupSt.lineHeight() + 3 + heights[0])
			b.para(txt(g.name), groupSt, paraOpts{top: 2, bottom: 3, keep: true})
		}
		for i := 0; i < len(blocks); i += 2 {
			pair := []*textBlock{blocks[i], nil}
			if i+1 < len(blocks) {
				pair[1] = blocks[i+1]
				pair[1].indent = 6
			}
			h := heights[i/2]
			cont(h)
			b.push(columns(pair, h), h, false)
			started = true
		}
	}
}

// signatureBlock is one signature: organisation, "namens deze", name,
// function, place, date and a signature line; missing values are open lines.
// For a digitally signed agreement it names the signatory without lines.
func (d *doc) signatureBlock(p *agreement.Party, s agreement.Signatory, w float64) *textBlock {
	st := d.th.body
	st.Lead = 1.55
	labelW := 24.0
	t := &textBlock{st: st, bottom: 8}
	org := st
	org.Bold = true
	t.lines = append(t.lines, layout(txt(p.Name), org, w)...)
	t.lines = append(t.lines, layout([]span{{Text: "namens deze,", Italic: true}}, st, w)...)
	dig := digital(d.ag)
	if dig {
		t.bottom = 4
	}
	field := func(label, value string) {
		lab := run{Text: label, Face: regular, Size: st.Size, Width: textWidth(label, regular, st.Size)}
		if strings.TrimSpace(value) == "" {
			if dig {
				return
			}
			t.rules = append(t.rules, hrule{line: len(t.lines), x1: labelW, x2: w, col: d.th.rule})
			t.lines = append(t.lines, line{Runs: []run{lab}})
			return
		}
		for i, l := range layout(txt(value), st, w-labelW) {
			for j := range l.Runs {
				l.Runs[j].X += labelW
			}
			if i == 0 {
				l.Runs = append([]run{lab}, l.Runs...)
			}
			t.lines = append(t.lines, l)
		}
	}
	field("naam:", s.Name)
	field("functie:", s.Function)
	field("plaats:", s.Place)
	if dig { // an empty signature field for the e-signature tool
		tip := "Handtekening namens " + clean(p.Name)
		if s.Name != "" {
			tip += ", " + clean(s.Name)
		}
		t.lines = append(t.lines, line{})
		t.sig = &sigArea{line: len(t.lines), n: int(math.Ceil(sigFieldH / st.lineHeight())), w: w, tip: tip}
		t.barCol = d.th.rule
		for range t.sig.n {
			t.lines = append(t.lines, line{})
		}
		return t
	}
	field("datum:", "")
	field("handtekening:", "")
	t.rules = t.rules[:len(t.rules)-1] // the signature line goes below the space to sign
	// The line to sign on lies signRoom mm or more below "handtekening:".
	label := len(t.lines) - 1
	t.lines = append(t.lines, line{})
	for signSpace(t.st, label, len(t.lines)-1) < signRoom {
		t.lines = append(t.lines, line{})
	}
	t.rules = append(t.rules, hrule{line: len(t.lines) - 1, x1: 0, x2: w, col: d.th.text})
	return t
}

// signRoom is the room to sign above each signature line, mm; sigFieldH
// the height of a digital signature field.
const (
	signRoom  = 25.0
	sigFieldH = 18.0
)

// signSpace is the room between the bottom of line label and a rule drawn
// under line rule of a text block in style st, as textBlock.Render draws it.
func signSpace(st textStyle, label, rule int) float64 {
	lh := st.lineHeight()
	return float64(rule)*lh + baseline(lh, st.Size) + 0.8 - float64(label+1)*lh
}

// dateOf is "6 april 2023"; a date that cannot be written so (never after
// validation) is printed as it is.
func dateOf(d agreement.Date) string {
	if d.Month < 1 || d.Month > 12 {
		return d.String()
	}
	return dutch.DateOf(d)
}

// logoRow is a row with the parties' logos in party order, at most six.
func (d *doc) logoRow() (core.Row, float64) {
	var cols []core.Col
	for _, p := range d.ag.Parties {
		l, ok := d.logos[p.ID]
		if !ok || len(cols) == 6 {
			continue
		}
		ext := extension.Png
		if l.JPEG {
			ext = extension.Jpg
		}
		cols = append(cols, image.NewFromBytesCol(grid/6, l.Data, ext, props.Rect{Percent: 90}))
	}
	if len(cols) == 0 {
		return nil, 0
	}
	const h = 18
	return row.New(h).Add(cols...), h
}
