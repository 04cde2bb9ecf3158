package pdf

import (
	"math"

	"github.com/johnfercher/maroto/v2/pkg/components/col"
	"github.com/johnfercher/maroto/v2/pkg/components/page"
	"github.com/johnfercher/maroto/v2/pkg/components/row"
	"github.com/johnfercher/maroto/v2/pkg/consts/align"
	"github.com/johnfercher/maroto/v2/pkg/consts/border"
	"github.com/johnfercher/maroto/v2/pkg/core"
	"github.com/johnfercher/maroto/v2/pkg/props"
)

// Page geometry, in mm: A4 with a wider left margin for binding.
const (
	pageW        = 210.0
	pageH        = 297.0
	marginLeft   = 25.0
	marginRight  = 20.0
	marginTop    = 20.0
	marginBottom = 10.0
	contentW     = pageW - marginLeft - marginRight
	// measure is the width of running text: at the body size about 80
	// characters a line, which reads better than the full width. Tables,
	// the footer and the signature blocks use the full width.
	measure = 140.0
	grid    = 1000 // maroto columns per row: sizes are thousandths of the width
)

// builder adds rows to a maroto document. Every row has a height known in
// advance (text is laid out here), so it can keep a heading with what
// follows it and repeat a table's header row after a page break.
type builder struct {
	m     core.Maroto
	th    *theme
	avail float64 // height of the body area of a page (without footer)
	chain []pendingRow
	track *tracker
	faces usedFaces       // faces used by the text
	dests map[string]bool // ids of the places drawn (xref.go)
}

func (b *builder) note(ls []line) {
	if b.faces == nil {
		b.faces = usedFaces{}
	}
	for _, l := range ls {
		for _, r := range l.Runs {
			b.faces[r.Face] = true
		}
	}
}

type pendingRow struct {
	r core.Row
	h float64
}

// push adds a row; keep asks to keep it on the page of the next row.
func (b *builder) push(r core.Row, h float64, keep bool) {
	b.chain = append(b.chain, pendingRow{r, h})
	if !keep {
		b.flush()
	}
}

// flush adds the rows waiting for their successor. If they do not fit on
// the current page together, they start a new one (unless they would not
// fit on an empty page either).
func (b *builder) flush() {
	if len(b.chain) == 0 {
		return
	}
	total := 0.0
	for _, p := range b.chain {
		total += p.h
	}
	if len(b.chain) > 1 && !b.m.FitlnCurrentPage(total) && total <= b.avail {
		b.m.AddPages(page.New())
	}
	for _, p := range b.chain {
		b.m.AddRows(p.r)
	}
	b.chain = nil
}

// newPage starts a new page unless the current one is still empty.
func (b *builder) newPage() {
	b.flush()
	b.m.AddPages(page.New())
}

// fits reports whether h mm still fit on the current page.
func (b *builder) fits(h float64) bool { return b.m.FitlnCurrentPage(h) }

// space adds vertical space.
func (b *builder) space(h float64) {
	b.push(row.New(h).Add(col.New(grid)), h, false)
}

// full wraps a component into a row of the whole width.
func full(c core.Component, h float64) core.Row {
	return row.New(h).Add(col.New(grid).Add(c))
}

// para lays out spans and adds them as rows: short paragraphs as one row,
// longer ones as a row for the first two lines, one per middle line and one
// for the last two, so a paragraph can run on to the next page without
// leaving a single line behind (no orphans, no widows).
type paraOpts struct {
	indent float64   // left edge of the text
	marker []span    // hanging marker (bullet, number) on the first line
	markX  float64   // left edge of the marker
	top    float64   // space above
	bottom float64   // space below
	bars   []float64 // block-quote rules
	keep   bool      // keep with the next row (headings)
	wide   bool      // the full width rather than the measure of running text
	anchor string    // contents entry
	dests  []string  // ids of the place: cross-references lead here
	head   bool      // a heading
	// outline is the bookmark level plus one (0: none), title its text
	outline int
	title   string
	level   int    // structure level of a heading (also a title tagged as one)
	role    string // structure type; "" is P
}

func (b *builder) para(ss []span, st textStyle, o paraOpts) {
	width := measure
	if o.wide {
		width = contentW
	}
	lines := layout(ss, st, width-o.indent)
	b.note(lines)
	var marker *line
	if len(o.marker) > 0 {
		ml := layout(o.marker, st, math.Max(o.indent-o.markX, 5)+20)[0]
		marker = &ml
	}
	b.dest(o.dests)
	chunks := chunk(len(lines))
	tag := b.paraTag(o)
	for i, c := range chunks {
		t := &textBlock{lines: lines[c[0]:c[1]], st: st, indent: o.indent, bars: o.bars, barCol: b.th.rule, track: b.track, heading: o.head, tag: tag}
		if i == 0 {
			t.top, t.marker, t.markX, t.anchor = o.top, marker, o.markX, o.anchor
			t.outline, t.outlineText, t.dests = o.outline, o.title, o.dests
		}
		last := i == len(chunks)-1
		if last {
			t.bottom = o.bottom
		}
		b.push(full(t, t.height()), t.height(), last && o.keep)
	}
}

// chunk splits n lines into the rows described at para.
func chunk(n int) [][2]int {
	if n <= 3 {
		return [][2]int{{0, n}}
	}
	out := [][2]int{{0, 2}}
	for i := 2; i < n-2; i++ {
		out = append(out, [2]int{i, i + 1})
	}
	return append(out, [2]int{n - 2, n})
}

// table is a grid of cells with borders. Rows are never split; the header
// row is kept with the first body row and repeated after a page break.
type table struct {
	widths []float64    // fractions of the available width, summing to at most 1
	header [][]span     // nil: no header row
	rows   [][][]span   // cells
	rowIDs []string     // per row: its item's id ({#id}) or ""
	aligns []align.Type // per column; Left when missing
	size   float64      // font size, points
	indent float64      // left edge, mm
	keep   bool         // keep the last row with what follows
	top    float64      // space above the table
}

const cellPad = 1.4

func (b *builder) table(t table) {
	avail := contentW - t.indent
	// Columns in grid units: an indent column, the cells, a filler.
	units := make([]int, len(t.widths))
	indentU := int(math.Round(t.indent / contentW * grid))
	acc, used := 0.0, 0
	for i, w := range t.widths {
		acc += w * avail / contentW * grid
		units[i] = int(math.Round(acc)) - used
		used += units[i]
	}
	mk := func(cells [][]span, head bool) (core.Row, float64, []*textBlock) {
		var blocks []*textBlock
		h := 0.0
		for i := range t.widths {
			var ss []span
			if i < len(cells) {
				ss = cells[i]
			}
			st := textStyle{Extra: b.th.extra, Size: t.size, Lead: 1.3, Color: b.th.text, Bold: head}
			if i < len(t.aligns) && t.aligns[i] != "" {
				st.Align = t.aligns[i]
			}
			w := contentW*float64(units[i])/grid - 2*cellPad
			st = st.shrinkToFit(ss, w)
			tb := &textBlock{lines: layout(ss, st, w), st: st, top: cellPad, bottom: cellPad, indent: cellPad}
			b.note(tb.lines)
			blocks = append(blocks, tb)
			h = math.Max(h, tb.height())
		}
		r := row.New(h)
		if indentU > 0 {
			r.Add(col.New(indentU))
		}
		style := &props.Cell{BorderType: border.Full, BorderColor: &b.th.rule, BorderThickness: 0.2}
		if head {
			style = &props.Cell{BorderType: border.Full, BorderColor: &b.th.rule, BorderThickness: 0.2, BackgroundColor: &b.th.tint}
		}
		for i, tb := range blocks {
			r.Add(col.New(units[i]).Add(tb).WithStyle(style))
		}
		if rest := grid - indentU - used; rest > 0 {
			r.Add(col.New(rest))
		}
		return r, h, blocks
	}
	// addRow adds a row of the table to the structure ("TH", "TD") or, a
	// header repeated after a page break, as page furniture ("").
	addRow := func(cells [][]span, head bool, role string, keep bool, dests []string) {
		r, h, blocks := mk(cells, head)
		if len(blocks) > 0 {
			blocks[0].dests = dests
			b.dest(dests)
		}
		b.cellTags(blocks, role)
		b.push(r, h, keep)
	}
	b.open("Table")
	defer b.close()
	if t.top > 0 {
		b.push(row.New(t.top).Add(col.New(grid)), t.top, true)
	}
	// A short table is kept whole: it moves to the next page rather than
	// leaving a row or two behind.
	whole := 0.0
	if t.header != nil {
		_, whole, _ = mk(t.header, true)
	}
	for _, cells := range t.rows {
		_, h, _ := mk(cells, false)
		whole += h
	}
	if whole <= b.avail/3 {
		if t.header != nil {
			addRow(t.header, true, "TH", true, nil)
		}
		for i, cells := range t.rows {
			addRow(cells, false, "TD", i < len(t.rows)-1 || t.keep, t.dests(i))
		}
		return
	}
	for i, cells := range t.rows {
		_, h, _ := mk(cells, false)
		if h > b.avail { // a row taller than a page: print its cells one below the other
			b.stacked(t, cells, t.dests(i))
			continue
		}
		last := i == len(t.rows)-1
		if i == 0 {
			if t.header != nil {
				addRow(t.header, true, "TH", true, nil)
			}
			addRow(cells, false, "TD", last && t.keep, t.dests(i))
			continue
		}
		b.flush()
		if t.header != nil && !b.fits(h) {
			b.m.AddPages(page.New())
			addRow(t.header, true, "", true, nil)
		}
		addRow(cells, false, "TD", last && t.keep, t.dests(i))
	}
	if len(t.rows) == 0 && t.header != nil {
		addRow(t.header, true, "TH", t.keep, nil)
	}
}

// stacked prints a table row that is too tall for a page as paragraphs.
func (b *builder) stacked(t table, cells [][]span, dests []string) {
	st := textStyle{Extra: b.th.extra, Size: t.size, Lead: 1.3, Color: b.th.text}
	b.open("TR")
	defer b.close()
	for i, c := range cells {
		ss := c
		if t.header != nil && i < len(t.header) {
			ss = append(append([]span{}, t.header[i]...), append([]span{{Text: ": "}}, c...)...)
		}
		b.para(ss, st, paraOpts{indent: t.indent + cellPad, bottom: 1, role: "TD", dests: dests})
		dests = nil
	}
}
