package pdf

import (
	"strings"
)

// The blocks of a Markdown text laid out as maroto rows: headings, lists
// with their markers and indents, quotes, code and tables.

// flow is where blocks are laid out: the indent, the level of the heading
// the text stands under, block-quote rules, and a marker for the first
// paragraph (a list bullet, a commitment's number).
type flow struct {
	indent float64
	level  int
	bars   []float64
	marker []span
	markX  float64
	depth  int     // list nesting
	size   float64 // body size, points; 0 = default
	bottom float64 // space after the last paragraph; 0 = default
	keep   bool    // keep the last block with what follows
}

// bullets mark the levels of unordered lists: four distinct markers, the
// last repeated below the fourth level.
var bullets = []string{"•", "–", "◦", "▪"}

const (
	paraSpace = 2.4 // after a paragraph
	itemSpace = 1.0 // after a paragraph in a list
	bulletW   = 5.0
)

// tableSize is the text size of tables, points: smaller than the body, so
// that tables of several columns keep their cells on one line.
const tableSize = 9.0

// maxIndent is how far nesting (lists, quotes) indents the text, mm.
// Deeper levels stay at this indent, their markers in one column, so that
// text nested 40 levels deep is still printed in full on the page.
const maxIndent = contentW * 0.4

// nest is the indent of the text and the position of the marker one level
// below indent, for a marker w mm wide.
func nest(indent, w float64) (text, marker float64) {
	if indent+w > maxIndent {
		return max(indent, maxIndent), max(indent, maxIndent) - w
	}
	return indent + w, indent
}

// blocks lays out Markdown blocks.
func (b *builder) blocks(bs []block, f flow) {
	if len(bs) == 0 && len(f.marker) > 0 { // an empty item still shows its marker
		b.para(nil, b.body(f), paraOpts{indent: f.indent, marker: f.marker, markX: f.markX, bars: f.bars, bottom: itemSpace})
		return
	}
	for i, bl := range bs {
		g := f
		if i > 0 {
			g.marker = nil
		}
		last := i == len(bs)-1
		g.keep = last && f.keep
		if !last && bl.Kind == paraBlock && (bs[i+1].Kind == listBlock || strings.HasSuffix(plainText(bl.Spans), ":")) {
			g.keep = true // the sentence that introduces a list, table or quote stays with its start
		}
		if !last {
			g.bottom = 0
		}
		if len(g.marker) > 0 && bl.Kind != paraBlock && bl.Kind != headingBlock {
			// the item starts with a list, table or quote: the marker stands alone
			b.para(nil, b.body(g), paraOpts{indent: g.indent, marker: g.marker, markX: g.markX, bars: g.bars})
			g.marker = nil
		}
		b.block(bl, g)
	}
}

func (b *builder) body(f flow) textStyle {
	st := b.th.body
	if f.size > 0 {
		st.Size = f.size
	}
	return st
}

func (b *builder) block(bl block, f flow) {
	switch bl.Kind {
	case paraBlock:
		bottom := paraSpace
		if f.depth > 0 {
			bottom = itemSpace
		}
		if f.bottom > 0 {
			bottom = f.bottom
		}
		o := paraOpts{indent: f.indent, marker: f.marker, markX: f.markX, bars: f.bars, bottom: bottom, keep: f.keep}
		if bl.Number != "" && len(o.marker) == 0 { // an item of the text numbered in its annotation
			o.marker = []span{{Text: clean(bl.Number)}}
			o.indent += max(bulletW, textWidth(clean(bl.Number), regular, b.body(f).Size)+2)
		}
		b.para(bl.Spans, b.body(f), o)
	case headingBlock:
		b.heading(min(f.level+bl.Level-1, 6), f.marker, bl.Spans, "", f)
	case listBlock:
		markW := bulletW
		for _, it := range bl.Items { // ordered lists and the document's own item numbers
			if it.Marker != "" {
				markW = max(markW, textWidth(it.Marker, regular, b.body(f).Size)+2)
			}
		}
		for i, it := range bl.Items {
			m := it.Marker
			if m == "" {
				m = bullets[min(f.depth, len(bullets)-1)]
			}
			g := f
			g.indent, g.markX = nest(f.indent, markW)
			g.marker, g.depth = []span{{Text: m}}, f.depth+1
			g.keep = f.keep && i == len(bl.Items)-1
			g.bottom = 0
			b.blocks(it.Blocks, g)
		}
		if f.depth == 0 {
			b.space(paraSpace - itemSpace)
		}
	case quoteBlock:
		g := f
		var bar float64
		g.indent, bar = nest(f.indent, 5)
		if len(f.bars) == 0 || f.bars[len(f.bars)-1] != bar+1 { // beyond maxIndent the quotes share one rule
			g.bars = append(append([]float64{}, f.bars...), bar+1)
		}
		b.blocks(bl.Children, g)
	case codeBlock:
		var ss []span
		for i, l := range bl.Lines {
			if i > 0 {
				ss = append(ss, span{Text: "\n"})
			}
			// no-break spaces keep the indentation and spacing of code
			ss = append(ss, span{Text: strings.ReplaceAll(clean(strings.ReplaceAll(l, "\t", "    ")), " ", "\u00a0")})
		}
		st := b.body(f)
		st.Size *= 0.85
		st.Color = b.th.muted
		st.Mono = monoHas(plainText(ss))
		b.para(ss, st, paraOpts{indent: f.indent + 4, bars: f.bars, bottom: paraSpace, keep: f.keep})
	case ruleBlock:
		t := &textBlock{lines: []line{{}}, st: b.th.body, rules: []hrule{{0, f.indent, contentW, b.th.rule}}}
		b.push(full(t, t.height()), t.height(), false)
	case tableBlock:
		b.mdTable(bl, f)
	case notesBlock:
		t := &textBlock{lines: []line{{}}, st: b.th.small, rules: []hrule{{0, f.indent, f.indent + 40, b.th.rule}}}
		b.push(full(t, t.height()), t.height(), true)
		g := f
		g.size = b.th.small.Size
		markW := 6.0
		for _, it := range bl.Items {
			h := g
			h.indent, h.markX = nest(f.indent, markW)
			h.depth = f.depth + 1
			h.marker = []span{{Text: it.Marker}}
			b.blocks(it.Blocks, h)
		}
		b.space(paraSpace - itemSpace)
	}
}

// mdTable sizes the columns of a Markdown table by their content.
func (b *builder) mdTable(bl block, f flow) {
	cols := len(bl.Header)
	for _, r := range bl.Rows {
		cols = max(cols, len(r))
	}
	if cols == 0 {
		return
	}
	size := tableSize
	avail := contentW - f.indent
	natural := make([]float64, cols)
	measure := func(cells [][]span, bold bool) {
		for i, c := range cells {
			st := textStyle{Size: size, Lead: 1.3, Bold: bold}
			w := 0.0
			for _, l := range layout(c, st, 1e6) {
				w = max(w, l.Width)
			}
			natural[i] = max(natural[i], min(w, avail*0.6)+2*cellPad+0.5)
		}
	}
	measure(bl.Header, true)
	for _, r := range bl.Rows {
		measure(r, false)
	}
	sum := 0.0
	for _, w := range natural {
		sum += max(w, 12)
	}
	widths := make([]float64, cols)
	for i, w := range natural {
		widths[i] = max(w, 12) / max(sum, avail)
	}
	b.table(table{widths: widths, header: bl.Header, rows: bl.Rows, aligns: bl.Align, size: size, indent: f.indent, keep: f.keep})
	b.space(paraSpace)
}
