package pdf

import (
	"math"
	"strconv"
	"strings"

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

// doc is one agreement prepared for layout: its Markdown parsed once, its
// contents entries and fingerprint. build can run several times on it (the
// first time to learn the page numbers).
type doc struct {
	ag     *agreement.Agreement
	th     *theme
	md     *markdown.Converter
	fp     string
	parsed map[string][]block
	toc    []tocEntry
	logos  map[string]Logo // by party id
	// boldItalic: the text uses the bold italic face, learnt in the first
	// pass; the face is only embedded when it is used.
	boldItalic bool
}

type tocEntry struct {
	anchor string
	level  int
	number string
	title  string
}

// pagination is what one pass learns for the next: the page of every
// contents entry and the number of pages.
type pagination struct {
	total int
	cover int // pages of the cover
	pages map[string]int
}

func (p pagination) equal(q pagination) bool {
	if p.total != q.total || p.cover != q.cover || len(p.pages) != len(q.pages) {
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
	d := &doc{ag: ag, th: th, md: markdown.New(), fp: Fingerprint(ag), parsed: map[string][]block{}}
	if strings.TrimSpace(ag.Preamble.Source) != "" || len(ag.Figures) > 0 {
		d.toc = append(d.toc, tocEntry{anchor: "inleiding", level: 1, title: "Inleiding"})
	}
	for i, ch := range ag.Chapters {
		if ch.Annex {
			continue
		}
		d.toc = append(d.toc, tocEntry{anchor: chAnchor(i), level: 1, number: ch.Number, title: ch.Title})
		for j, af := range ch.Afspraken {
			d.toc = append(d.toc, tocEntry{anchor: afAnchor(i, j), level: 2, number: af.Number, title: af.Title})
		}
	}
	d.toc = append(d.toc, tocEntry{anchor: "ondertekening", level: 1, title: "Ondertekening"})
	for i, ch := range ag.Chapters {
		if ch.Annex {
			d.toc = append(d.toc, tocEntry{anchor: chAnchor(i), level: 1, number: ch.Number, title: ch.Title})
		}
	}
	return d
}

func chAnchor(i int) string    { return "h" + strconv.Itoa(i) }
func afAnchor(i, j int) string { return "h" + strconv.Itoa(i) + "." + strconv.Itoa(j) }

func (d *doc) parse(src string) []block {
	if bs, ok := d.parsed[src]; ok {
		return bs
	}
	bs := parseMarkdown(d.md, src)
	d.parsed[src] = bs
	return bs
}

// txt is a plain (non-Markdown) text as one span.
func txt(s string) []span { return []span{{Text: clean(s)}} }

// build lays out the whole document on m. pg holds the page numbers learnt
// from the previous pass (empty on the first); track, when not nil, records
// where the contents entries end up while m is rendered.
func (d *doc) build(m core.Maroto, pg pagination, track *tracker) error {
	b := &builder{m: m, th: d.th, track: track, avail: pageH - marginTop - marginBottom}
	d.cover(b)
	b.newPage()
	f := newFooter(d.ag, d.th, contentW, track, pg.total)
	if err := m.RegisterFooter(full(f, f.h)); err != nil {
		return err
	}
	b.avail -= f.h
	d.contents(b, pg)
	b.newPage()
	d.body(b)
	b.newPage()
	d.signing(b, pg)
	for i, ch := range d.ag.Chapters {
		if ch.Annex {
			b.newPage()
			d.chapter(b, ch, chAnchor(i))
		}
	}
	b.flush()
	if track == nil {
		d.boldItalic = b.faces[boldItalic]
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
		if pg.cover == 0 && hasFooter(p) {
			pg.cover = i
		}
	}
	pg.total = len(root.GetNexts())
	return pg
}

func hasFooter(n *node.Node[core.Structure]) bool {
	if n.GetData().Type == "prestatie-footer" {
		return true
	}
	for _, c := range n.GetNexts() {
		if hasFooter(c) {
			return true
		}
	}
	return false
}

// --- cover ---------------------------------------------------------------

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
	facts = append(facts, [2]string{"Datum", dateOf(ag.Date)}, [2]string{"Status", ag.Status.Label()})
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

// coverParties lists the parties: one column for a few, two for many, and
// names only when even that would not fit the cover.
func (d *doc) coverParties(b *builder) {
	ag, th := d.ag, d.th
	name := textStyle{Size: 11, Lead: 1.3, Color: th.text, Bold: true}
	sub := textStyle{Size: 9, Lead: 1.3, Color: th.muted, Ital: true}
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
	var cells []cell
	height := 0.0
	for _, p := range ag.Parties {
		c := cell{layout(txt(p.Name), name, w-4), layout(subOf(p), sub, w-4)}
		cells = append(cells, c)
	}
	for i := 0; i < len(cells); i += cols {
		h := 0.0
		for j := i; j < min(i+cols, len(cells)); j++ {
			h = math.Max(h, float64(len(cells[j].n))*name.lineHeight()+float64(len(cells[j].s))*sub.lineHeight()+3)
		}
		height += h
	}
	if height > 120 { // too many to list with their descriptions: names only
		var ss []span
		for i, p := range ag.Parties {
			if i > 0 {
				ss = append(ss, span{Text: " · "})
			}
			ss = append(ss, txt(p.Name)...)
		}
		b.para(ss, textStyle{Size: 10, Lead: 1.4, Color: th.text}, paraOpts{bottom: 2})
		return
	}
	for i := 0; i < len(cells); i += cols {
		var names, subs []*textBlock
		hn, hs := 0.0, 0.0
		for j := i; j < i+cols; j++ {
			if j >= len(cells) {
				names, subs = append(names, nil), append(subs, nil)
				continue
			}
			tn := &textBlock{lines: cells[j].n, st: name}
			ts := &textBlock{lines: cells[j].s, st: sub, bottom: 3}
			names, subs = append(names, tn), append(subs, ts)
			hn, hs = math.Max(hn, tn.height()), math.Max(hs, ts.height())
		}
		b.push(columns(names, hn), hn, true)
		b.push(columns(subs, hs), hs, false)
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
	b.heading(1, nil, txt("Inhoud"), "", flow{})
	numW := 14.0
	for _, e := range d.toc {
		st := d.th.body
		indent, top := 0.0, 0.3
		if e.level == 1 {
			st.Bold = true
			top = 1.8
		} else {
			indent = numW
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
		t := &tocLine{textBlock: tb, leader: d.th.rule}
		if n := pg.pages[e.anchor]; n > 0 {
			l := layout(txt(strconv.Itoa(n)), textStyle{Size: st.Size, Lead: st.Lead, Bold: st.Bold, Align: align.Right}, 12)[0]
			t.num = &l
		}
		b.push(full(t, tb.height()), tb.height(), false)
	}
}

// tocLine is a contents entry: its title, a dotted leader and the page.
type tocLine struct {
	*textBlock
	num    *line
	leader props.Color
}

func (t *tocLine) Render(p core.Provider, cell *entity.Cell) {
	t.textBlock.Render(p, cell)
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
	if len(number) > 0 {
		minW := map[int]float64{1: 11, 2: 14}[level]
		o.marker = number
		o.indent += math.Max(minW, textWidth(plainText(number), faceOf(true, st.Ital), st.Size)+3)
	}
	b.para(ss, st, o)
}

func (d *doc) body(b *builder) {
	ag := d.ag
	if strings.TrimSpace(ag.Preamble.Source) != "" || len(ag.Figures) > 0 {
		b.heading(1, nil, txt("Inleiding"), "inleiding", flow{})
		b.blocks(d.parse(ag.Preamble.Source), flow{level: 1})
		d.figures(b, ag.Figures, 2)
	}
	for i, ch := range ag.Chapters {
		if !ch.Annex {
			d.chapter(b, ch, chAnchor(i))
		}
	}
}

func (d *doc) chapter(b *builder, ch *agreement.Chapter, anchor string) {
	b.heading(1, txt(ch.Number), txt(ch.Title), anchor, flow{})
	var meta []string
	if ch.Area != "" {
		meta = append(meta, "Gebied: "+ch.Area)
	}
	if ch.Year != 0 {
		meta = append(meta, "Jaarschijf "+strconv.Itoa(ch.Year))
	}
	if len(meta) > 0 {
		b.para(txt(strings.Join(meta, " · ")), d.th.small, paraOpts{bottom: 2})
	}
	b.blocks(d.parse(ch.Intro.Source), flow{level: 1})
	d.figures(b, ch.Figures, 2)
	if len(ch.Commitments) > 0 {
		d.contributions(b, ch.Commitments, 2)
		d.targets(b, ch.Commitments)
	}
	i := strings.TrimPrefix(anchor, "h")
	for j, af := range ch.Afspraken {
		d.afspraak(b, af, "h"+i+"."+strconv.Itoa(j))
	}
}

func (d *doc) afspraak(b *builder, af *agreement.Afspraak, anchor string) {
	b.heading(2, txt(af.Number), txt(af.Title), anchor, flow{})
	b.blocks(d.parse(af.Context.Source), flow{level: 2})
	if strings.TrimSpace(af.Effect) != "" {
		b.heading(3, nil, txt("Beoogd effect/impact"), "", flow{})
		b.blocks(d.parse(af.Effect), flow{level: 3})
	}
	if len(af.Goals) > 0 {
		b.heading(3, nil, txt("Doelen"), "", flow{})
		for _, g := range af.Goals {
			f := flow{indent: bulletW, marker: txt("•"), level: 3, depth: 1}
			if g.Target != nil {
				f.keep = true
			}
			b.blocks(d.parse(g.Text), f)
			if g.Target != nil {
				b.para(append([]span{{Text: "Doel: ", Bold: true}}, txt(goalTarget(g.Target))...), d.th.body,
					paraOpts{indent: bulletW, bottom: 2})
			}
		}
	}
	d.contributions(b, af.Commitments, 3)
	d.targets(b, af.Commitments)
	d.figures(b, af.Figures, 3)
}

// goalTarget is "aantal woningen neemt niet af, uiterlijk 31 december 2025
// (huurprijs tot € 550, prijspeil 2020)", as on the site.
func goalTarget(t *agreement.Target) string {
	s := dutch.Target(t)
	if t.Due != nil {
		s += ", uiterlijk " + dateOf(*t.Due)
	}
	if t.Note != "" {
		s += " (" + t.Note + ")"
	}
	return s
}

// contributions prints one "Bijdrage <partij>" list per group, in the
// agreement's contribution order, every commitment with its number.
func (d *doc) contributions(b *builder, cs []*agreement.Commitment, level int) {
	for _, g := range d.ag.Groups(cs) {
		b.heading(level, nil, txt(dutch.GroupHeading(g)), "", flow{})
		markW, itemW := 12.0, 10.0
		for _, c := range g.Commitments {
			markW = math.Max(markW, textWidth(c.Number, regular, d.th.body.Size)+3)
			for _, it := range c.Items {
				itemW = math.Max(itemW, textWidth(it.Number, regular, d.th.body.Size)+3)
			}
		}
		for _, c := range g.Commitments {
			b.blocks(d.parse(c.Text), flow{indent: markW, marker: txt(c.Number), level: level, depth: 1, bottom: 1.6})
			for _, it := range c.Items {
				b.blocks(d.parse(it.Text), flow{indent: markW + itemW, markX: markW, marker: txt(it.Number),
					level: level, depth: 2, bottom: 1.6})
			}
		}
		b.space(paraSpace - 1.6)
	}
}

// targets prints the measurable targets of commitments as a compact table:
// what, who, value, unit and due date.
func (d *doc) targets(b *builder, cs []*agreement.Commitment) {
	var rows [][][]span
	addRow := func(c *agreement.Commitment) {
		t := c.Target
		what := d.flat(c.Text)
		if t.Note != "" {
			what = append(what, span{Text: "\n"}, span{Text: clean(t.Note), Italic: true})
		}
		due := ""
		if dd := c.Due(); !dd.IsZero() {
			due = dateOf(dd)
		}
		rows = append(rows, [][]span{txt(c.Number), what, txt(bindingNames(c.Binding)), txt(targetValue(t)), txt(t.Unit), txt(due)})
	}
	for _, g := range d.ag.Groups(cs) {
		for _, c := range g.Commitments {
			if c.Target != nil {
				addRow(c)
			}
			for _, it := range c.Items {
				if it.Target != nil {
					addRow(it)
				}
			}
		}
	}
	if len(rows) == 0 {
		return
	}
	b.heading(4, nil, txt("Meetbare doelen"), "", flow{})
	head := [][]span{txt("Nr."), txt("Wat"), txt("Wie"), txt("Waarde"), txt("Eenheid"), txt("Uiterlijk")}
	b.table(table{widths: []float64{0.09, 0.39, 0.15, 0.12, 0.11, 0.14}, header: head, rows: rows, size: 8.5,
		aligns: []align.Type{align.Left, align.Left, align.Left, align.Right, align.Left, align.Left}})
	b.space(paraSpace + 1)
}

// flat is the text of a Markdown text as spans, its paragraphs and list
// items on lines of their own, for a table cell.
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

// targetValue is the value column: "12", "5 tot 10", "maximaal 550",
// "neemt niet af".
func targetValue(t *agreement.Target) string {
	switch {
	case t.Value != nil:
		return dutch.Number(*t.Value)
	case t.Min != nil && t.Max != nil:
		return dutch.Number(*t.Min) + " tot " + dutch.Number(*t.Max)
	case t.Min != nil:
		return "ten minste " + dutch.Number(*t.Min)
	case t.Max != nil:
		return "maximaal " + dutch.Number(*t.Max)
	case t.Trend != "":
		return agreement.Label(agreement.Trends, t.Trend)
	}
	return ""
}

// bindingNames names who a commitment binds: "Leystromen", "gemeente en
// Leystromen", "alle corporaties", "alle partijen".
func bindingNames(b agreement.Binding) string {
	return strings.TrimPrefix(dutch.GroupHeading(agreement.Group{Binding: b}), "Bijdrage ")
}

func (d *doc) figures(b *builder, fs []*agreement.Figure, level int) {
	if len(fs) == 0 {
		return
	}
	th := d.th
	b.heading(level, nil, txt("Cijfers"), "", flow{})
	for _, f := range fs {
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
		if f.Goal != nil {
			b.para(append([]span{{Text: "Doel: ", Bold: true}}, txt(goalTarget(f.Goal))...), th.body, paraOpts{keep: true, top: 1})
		}
		src := []span{{Text: "Bron: " + clean(f.Source), Italic: true}}
		if f.Illustrative {
			src = append(src, span{Text: " (illustratieve gegevens)", Bold: true, Italic: true})
		}
		b.para(src, th.small, paraOpts{top: 1, bottom: 3.5})
	}
}

// --- signing ---------------------------------------------------------------

func (d *doc) signing(b *builder, pg pagination) {
	ag, th := d.ag, d.th
	b.heading(1, nil, txt("Ondertekening"), "ondertekening", flow{})
	annexes := false
	for _, ch := range ag.Chapters {
		annexes = annexes || ch.Annex
	}
	n := "Deze overeenkomst bestaat uit " + strconv.Itoa(pg.total) + " pagina's" // plain apostrophe: the wording of the signing convention
	if annexes {
		n += " (inclusief bijlagen)"
	}
	b.para(txt(n+"."), th.body, paraOpts{bottom: 2, keep: true})
	b.para([]span{{Text: "Vingerafdruk van de bron (SHA-256): "}, {Text: d.fp}}, th.small, paraOpts{bottom: 4, keep: true})
	lead := th.body
	lead.Bold = true
	b.para(txt("Aldus overeengekomen en ondertekend."), lead, paraOpts{bottom: 4, keep: true})

	var blocks []*textBlock
	w := contentW/2 - 6
	for _, p := range ag.Parties {
		sigs := p.Signatories
		if len(sigs) == 0 {
			sigs = []agreement.Signatory{{}}
		}
		for _, s := range sigs {
			blocks = append(blocks, d.signatureBlock(p, s, w))
		}
	}
	for i := 0; i < len(blocks); i += 2 {
		pair := []*textBlock{blocks[i], nil}
		if i+1 < len(blocks) {
			pair[1] = blocks[i+1]
			pair[1].indent = 6
		}
		h := pair[0].height()
		if pair[1] != nil {
			h = math.Max(h, pair[1].height())
		}
		b.push(columns(pair, h), h, false)
	}
}

// signatureBlock is one signature: organisation, "namens deze", name,
// function, place, date and a signature line; missing values are open lines.
func (d *doc) signatureBlock(p *agreement.Party, s agreement.Signatory, w float64) *textBlock {
	st := d.th.body
	st.Lead = 1.55
	labelW := 24.0
	t := &textBlock{st: st, bottom: 8}
	org := st
	org.Bold = true
	t.lines = append(t.lines, layout(txt(p.Name), org, w)...)
	t.lines = append(t.lines, layout([]span{{Text: "namens deze,", Italic: true}}, st, w)...)
	field := func(label, value string) {
		lab := run{Text: label, Face: regular, Size: st.Size, Width: textWidth(label, regular, st.Size)}
		if strings.TrimSpace(value) == "" {
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
	field("datum:", "")
	field("handtekening:", "")
	t.rules = t.rules[:len(t.rules)-1] // the signature line goes below the space to sign
	t.lines = append(t.lines, line{}, line{})
	t.rules = append(t.rules, hrule{line: len(t.lines) - 1, x1: 0, x2: w, col: d.th.text})
	return t
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
