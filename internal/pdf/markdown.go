package pdf

import (
	"strconv"
	"strings"

	"github.com/johnfercher/maroto/v2/pkg/consts/align"
	"github.com/yuin/goldmark/ast"
	east "github.com/yuin/goldmark/extension/ast"
	"github.com/yuin/goldmark/util"

	"github.com/prestatie/prestatie/internal/markdown"
)

// The Markdown of an agreement reaches the PDF in two steps: convert turns
// goldmark's syntax tree into blocks (paragraphs of styled spans, headings,
// lists, quotes, tables, code, notes), and builder.blocks lays the blocks
// out as maroto rows. The site renders the same tree with goldmark's HTML
// renderer, so both show the same text.
//
// Faithfulness rules:
//   - Every character of text reaches a span, in source order. Emphasis is
//     kept inside a sentence (a paragraph mixes styles, see text.go).
//   - A link prints its text followed by its address in parentheses, "tekst
//     (https://…)"; the address is a clickable link. An address that equals
//     its text (an autolink) is printed once. Images print "Afbeelding: alt
//     (address)".
//   - Footnote references are superscript numbers; the notes follow the
//     text under a short rule, numbered the same way.
//   - Raw HTML is left out, as the site leaves it out by default; the text
//     between inline tags is kept. Code is printed in the body font.

type blockKind int

const (
	paraBlock blockKind = iota
	headingBlock
	listBlock
	quoteBlock
	tableBlock
	codeBlock
	ruleBlock
	notesBlock
)

// block is one block of Markdown, ready to lay out.
type block struct {
	Kind     blockKind
	Level    int        // heading level, 1-6
	Spans    []span     // paragraph, heading
	Lines    []string   // code block
	Ordered  bool       // list
	Items    []item     // list items, footnotes
	Children []block    // block quote
	Header   [][]span   // table
	Rows     [][][]span // table
	Align    []align.Type
	ID       string // paragraph: the id of an item of the text ({#id})
	Number   string // paragraph: the item's own number, printed before it
}

// item is a list item or a footnote: its marker ("3." for an ordered list,
// "" for a bullet, the note number), its blocks and, for an item of the
// text marked {#id}, its id.
type item struct {
	Marker string
	Blocks []block
	ID     string
}

// parseMarkdown converts a Markdown text to blocks.
func parseMarkdown(md *markdown.Converter, src string) []block {
	if strings.TrimSpace(src) == "" {
		return nil
	}
	b := []byte(src)
	return convert(md.Parse(b, nil, ""), b)
}

// convert turns the children of a goldmark node into blocks.
func convert(n ast.Node, src []byte) []block {
	var out []block
	for c := n.FirstChild(); c != nil; c = c.NextSibling() {
		switch c := c.(type) {
		case *ast.Paragraph, *ast.TextBlock:
			if ss := inlines(c, src); len(ss) > 0 {
				out = append(out, block{Kind: paraBlock, Spans: ss, ID: idOf(c)})
			}
		case *ast.Heading:
			out = append(out, block{Kind: headingBlock, Level: c.Level, Spans: inlines(c, src)})
		case *ast.List:
			l := block{Kind: listBlock, Ordered: c.IsOrdered()}
			i := c.Start
			for li := c.FirstChild(); li != nil; li = li.NextSibling() {
				it := item{Blocks: convert(li, src), ID: idOf(li)}
				if l.Ordered {
					it.Marker = strconv.Itoa(i) + string(c.Marker)
					i++
				}
				l.Items = append(l.Items, it)
			}
			out = append(out, l)
		case *ast.Blockquote:
			out = append(out, block{Kind: quoteBlock, Children: convert(c, src)})
		case *ast.FencedCodeBlock, *ast.CodeBlock:
			var lines []string
			segs := c.Lines()
			for i := 0; i < segs.Len(); i++ {
				s := segs.At(i)
				lines = append(lines, strings.TrimRight(string(s.Value(src)), "\r\n"))
			}
			out = append(out, block{Kind: codeBlock, Lines: lines})
		case *ast.ThematicBreak:
			out = append(out, block{Kind: ruleBlock})
		case *ast.HTMLBlock:
			// raw HTML: left out, as on the site
		case *east.Table:
			out = append(out, table2block(c, src))
		case *east.FootnoteList:
			nb := block{Kind: notesBlock}
			for fn := c.FirstChild(); fn != nil; fn = fn.NextSibling() {
				if f, ok := fn.(*east.Footnote); ok {
					nb.Items = append(nb.Items, item{Marker: strconv.Itoa(f.Index), Blocks: convert(f, src)})
				}
			}
			out = append(out, nb)
		default:
			out = append(out, convert(c, src)...)
		}
	}
	return out
}

// idOf is the id attribute of a node ({#id} of an item of the text), or "".
func idOf(n ast.Node) string {
	if v, ok := n.AttributeString("id"); ok {
		if b, ok := v.([]byte); ok {
			return string(b)
		}
	}
	return ""
}

func table2block(t *east.Table, src []byte) block {
	b := block{Kind: tableBlock}
	for _, a := range t.Alignments {
		switch a {
		case east.AlignRight:
			b.Align = append(b.Align, align.Right)
		case east.AlignCenter:
			b.Align = append(b.Align, align.Center)
		default:
			b.Align = append(b.Align, align.Left)
		}
	}
	for r := t.FirstChild(); r != nil; r = r.NextSibling() {
		var cells [][]span
		for c := r.FirstChild(); c != nil; c = c.NextSibling() {
			cells = append(cells, inlines(c, src))
		}
		if _, head := r.(*east.TableHeader); head {
			b.Header = cells
		} else {
			b.Rows = append(b.Rows, cells)
		}
	}
	return b
}

// inlines collects the text of an inline container as styled spans.
func inlines(n ast.Node, src []byte) []span {
	var out []span
	walkInline(n, src, span{}, &out)
	// Trim the spaces of soft breaks at the end of the block.
	for len(out) > 0 {
		last := &out[len(out)-1]
		last.Text = strings.TrimRight(last.Text, " \n")
		if last.Text != "" {
			break
		}
		out = out[:len(out)-1]
	}
	return out
}

func add(out *[]span, st span, text string) {
	if text == "" {
		return
	}
	st.Text = text
	if n := len(*out); n > 0 && (*out)[n-1].sameStyle(st) {
		(*out)[n-1].Text += text
		return
	}
	*out = append(*out, st)
}

func walkInline(n ast.Node, src []byte, st span, out *[]span) {
	for c := n.FirstChild(); c != nil; c = c.NextSibling() {
		switch c := c.(type) {
		case *ast.Text:
			v := c.Segment.Value(src)
			if !c.IsRaw() {
				v = unescape(v)
			}
			add(out, st, clean(string(v)))
			switch {
			case c.HardLineBreak():
				add(out, span{}, "\n")
			case c.SoftLineBreak():
				add(out, st, " ")
			}
		case *ast.String:
			add(out, st, clean(string(c.Value)))
		case *ast.Emphasis:
			s := st
			if c.Level >= 2 {
				s.Bold = true
			} else {
				s.Italic = true
			}
			walkInline(c, src, s, out)
		case *ast.CodeSpan:
			s := st
			s.Code = monoCan(c, src)
			walkInline(c, src, s, out)
		case *east.Strikethrough:
			s := st
			s.Strike = true
			walkInline(c, src, s, out)
		case *ast.Link:
			before := len(plainText(*out))
			walkInline(c, src, st, out)
			text := plainText(*out)[before:]
			dest := string(c.Destination)
			if dest != "" && dest != text {
				s := st
				s.Link = linkTarget(dest)
				add(out, s, " ("+clean(dest)+")")
			}
		case *ast.AutoLink:
			s := st
			s.Link = linkTarget(string(c.URL(src)))
			add(out, s, clean(string(c.Label(src))))
		case *ast.Image:
			add(out, st, "Afbeelding: ")
			walkInline(c, src, st, out)
			if d := string(c.Destination); d != "" {
				add(out, st, " ("+clean(d)+")")
			}
		case *ast.RawHTML:
			// left out, as on the site; text between the tags is kept
		case *east.FootnoteLink:
			s := st
			s.Sup = true
			add(out, s, strconv.Itoa(c.Index))
		case *east.FootnoteBacklink:
		default:
			walkInline(c, src, st, out)
		}
	}
}

// monoCan reports whether Liberation Mono can print the text of a code
// span; if not, it is printed in the body font.
func monoCan(n ast.Node, src []byte) bool {
	var ss []span
	walkInline(n, src, span{}, &ss)
	return monoHas(plainText(ss))
}

func monoHas(s string) bool {
	m := metricsOf(mono)
	for _, r := range s {
		if _, ok := m.lookup(r); !ok && r != '\n' {
			return false
		}
	}
	return true
}

// unescape resolves backslash escapes and character references the way
// goldmark's HTML renderer does.
func unescape(v []byte) []byte {
	v = util.UnescapePunctuations(v)
	v = util.ResolveNumericReferences(v)
	return util.ResolveEntityNames(v)
}

// linkTarget is the address a link opens, or "" for addresses a reader
// should not follow (javascript:, data:, ...). The text is printed either way.
func linkTarget(dest string) string {
	l := strings.ToLower(strings.TrimSpace(dest))
	for _, p := range []string{"https://", "http://", "mailto:", "tel:"} {
		if strings.HasPrefix(l, p) {
			return dest
		}
	}
	return ""
}

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
