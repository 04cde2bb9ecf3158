package pdf

import (
	"strconv"
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
	depth  int      // list nesting
	olist  int      // ordered-list nesting: 1, a, i by level
	size   float64  // body size, points; 0 = default
	bottom float64  // space after the last paragraph; 0 = default
	keep   bool     // keep the last block with what follows
	dests  []string // ids of the first block's place (a list item's id)
}

// bullets mark the levels of unordered lists: four distinct markers, the
// last repeated below the fourth level.
var bullets = []string{"•", "–", "◦", "▪"}

// ordinal is the number n of an ordered list's item in the style of the
// list's level among ordered lists: 1, 2, 3; then a, b, c; then i, ii,
// iii; and so on again from 1 below the third.
func ordinal(n, level int) string {
	switch level % 3 {
	case 1:
		return alpha(n)
	case 2:
		return roman(n)
	}
	return strconv.Itoa(n)
}

// alpha counts a, b, …, z, aa, ab, … as CSS lower-alpha does.
func alpha(n int) string {
	if n < 1 {
		return strconv.Itoa(n)
	}
	var b []byte
	for ; n > 0; n = (n - 1) / 26 {
		b = append([]byte{byte('a' + (n-1)%26)}, b...)
	}
	return string(b)
}

// roman counts i, ii, iii, iv, … as CSS lower-roman does (up to 3999).
func roman(n int) string {
	if n < 1 || n > 3999 {
		return strconv.Itoa(n)
	}
	var b strings.Builder
	for _, v := range []struct {
		n int
		s string
	}{{1000, "m"}, {900, "cm"}, {500, "d"}, {400, "cd"}, {100, "c"}, {90, "xc"}, {50, "l"}, {40, "xl"}, {10, "x"}, {9, "ix"}, {5, "v"}, {4, "iv"}, {1, "i"}} {
		for ; n >= v.n; n -= v.n {
			b.WriteString(v.s)
		}
	}
	return b.String()
}

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
		b.para(nil, b.body(f), paraOpts{indent: f.indent, marker: f.marker, markX: f.markX, bars: f.bars, bottom: itemSpace, dests: f.dests})
		return
	}
	for i, bl := range bs {
		g := f
		if i > 0 {
			g.marker, g.dests = nil, nil
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
			b.para(nil, b.body(g), paraOpts{indent: g.indent, marker: g.marker, markX: g.markX, bars: g.bars, dests: g.dests})
			g.marker, g.dests = nil, nil
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
		o := paraOpts{indent: f.indent, marker: f.marker, markX: f.markX, bars: f.bars, bottom: bottom, keep: f.keep, dests: withID(f.dests, bl.ID)}
		if bl.Number != "" && len(o.marker) == 0 { // an item of the text numbered in its annotation
			o.marker = []span{{Text: clean(bl.Number)}}
			o.indent += max(bulletW, textWidth(clean(bl.Number), regular, b.body(f).Size, b.th.extra)+2)
		}
		b.para(bl.Spans, b.body(f), o)
	case headingBlock:
		g := f
		g.dests = withID(f.dests, bl.ID)
		b.heading(min(f.level+bl.Level-1, 6), f.marker, bl.Spans, "", g)
	case listBlock:
		b.open("L")
		defer b.close()
		markers := make([]string, len(bl.Items))
		markW := bulletW
		for i, it := range bl.Items { // ordered lists and the document's own item numbers
			switch {
			case it.Num > 0:
				markers[i] = ordinal(it.Num, f.olist) + string(it.Delim)
			case it.Marker != "":
				markers[i] = it.Marker
			default:
				markers[i] = bullets[min(f.depth, len(bullets)-1)]
				continue
			}
			markW = max(markW, textWidth(markers[i], regular, b.body(f).Size, b.th.extra)+2)
		}
		// Beyond the deepest indent the levels share one column: the
		// marker then says its level, small and raised ("¹⁴ ▪"), so the
		// flattened structure stays visible.
		var level []span
		if f.indent+markW > maxIndent {
			level = []span{{Text: strconv.Itoa(f.depth + 1), Sup: true}, {Text: " "}}
			markW += textWidth(level[0].Text+" ", regular, b.body(f).Size*0.65, b.th.extra) + 0.5
		}
		for i, it := range bl.Items {
			g := f
			g.indent, g.markX = nest(f.indent, markW)
			g.marker, g.depth = append(append([]span{}, level...), span{Text: markers[i]}), f.depth+1
			g.dests = withID(nil, it.ID)
			if bl.Ordered {
				g.olist++
			}
			g.keep = f.keep && i == len(bl.Items)-1
			g.bottom = 0
			b.item()
			b.blocks(it.Blocks, g)
			b.closeItem()
		}
		if f.depth == 0 {
			b.space(paraSpace - itemSpace)
		}
	case quoteBlock:
		b.open("BlockQuote")
		defer b.close()
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
		b.para(ss, st, paraOpts{indent: f.indent + 4, bars: f.bars, bottom: paraSpace, keep: f.keep, role: "Code"})
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
		b.open("L")
		for _, it := range bl.Items {
			h := g
			h.indent, h.markX = nest(f.indent, markW)
			h.depth = f.depth + 1
			h.marker = []span{{Text: it.Marker}}
			b.item()
			b.blocks(it.Blocks, h)
			b.closeItem()
		}
		b.close()
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
			st := textStyle{Extra: b.th.extra, Size: size, Lead: 1.3, Bold: bold}
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
	b.table(table{widths: widths, header: bl.Header, rows: bl.Rows, rowIDs: bl.RowIDs, aligns: bl.Align, size: size, indent: f.indent, keep: f.keep})
	b.space(paraSpace)
}

// withID adds id, when there is one, to the ids of a place.
func withID(ids []string, id string) []string {
	if id == "" {
		return ids
	}
	return append(append([]string{}, ids...), id)
}
