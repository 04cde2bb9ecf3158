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
//   - A link to a place in the document ("#id": an item, a heading, a
//     section) prints its text only; drawing makes it an internal link
//     when the place is drawn, and plain text when it is not (xref.go).
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
	RowIDs   []string   // table: per row, its item's id or ""
	Align    []align.Type
	ID       string // paragraph: the id of an item of the text ({#id}); heading: its id
	Number   string // paragraph: the item's own number, printed before it
}

// item is a list item or a footnote: its marker ("3." for an ordered list,
// "" for a bullet, the note number), its blocks and, for an item of the
// text marked {#id}, its id.
type item struct {
	Marker string
	Blocks []block
	ID     string
	// Num is the item's place in an ordered list, counted from the list's
	// start, and Delim the list's delimiter ('.' or ')'); layout prints it
	// in the style of the list's level (1, a, i). 0: Marker is printed.
	Num   int
	Delim byte
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
			out = append(out, block{Kind: headingBlock, Level: c.Level, Spans: inlines(c, src), ID: idOf(c)})
		case *ast.List:
			l := block{Kind: listBlock, Ordered: c.IsOrdered()}
			i := c.Start
			for li := c.FirstChild(); li != nil; li = li.NextSibling() {
				it := item{Blocks: convert(li, src), ID: idOf(li)}
				if l.Ordered {
					it.Marker = strconv.Itoa(i) + string(c.Marker)
					it.Num, it.Delim = i, c.Marker
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
			b.RowIDs = append(b.RowIDs, idOf(r))
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
			if id, ok := internalTarget(string(c.Destination)); ok {
				// a cross-reference: the text links to the place in the
				// document; the address means nothing on paper
				s := st
				s.Link = "#" + id
				walkInline(c, src, s, out)
				continue
			}
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

// internalTarget is the id of a link within the document ("#id"), if dest
// is one.
func internalTarget(dest string) (string, bool) {
	id, ok := strings.CutPrefix(strings.TrimSpace(dest), "#")
	return id, ok && id != ""
}
