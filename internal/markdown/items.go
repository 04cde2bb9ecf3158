package markdown

import (
	"bytes"
	"html/template"
	"strconv"
	"strings"

	"github.com/yuin/goldmark/ast"
	east "github.com/yuin/goldmark/extension/ast"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/util"
)

// An item of the text is a list item or paragraph that ends in a marker
// {#id}: a commitment, provision or goal that front matter annotates by its
// id. The marker is taken out of the text (the page and the PDF print the
// text without it) and becomes the node's id attribute, so the site gets an
// anchor for free and both outputs keep the document's order.

// A marker is "{#id}" at the end of a block, with optional spaces before
// it (findMarker); text that looks like a marker but is not one (upper
// case, spaces) is found too, so the loader can say so instead of printing
// it (findLooseMarker, findAnyMarker).

// itemKey is the attribute that marks an item node; "id" is set too.
var itemKey = []byte("data-prestatie-item")

// Mark is one item found in a Markdown text.
type Mark struct {
	ID       string
	Text     string // the item's first block as Markdown source, marker removed
	Number   string // "3" in an ordered list starting at 1; "" for bullets and paragraphs
	Offset   int    // byte offset of the "{" of the marker in the source
	Children []*Mark
}

// Loose is text that resembles a marker but is not a valid one, or a
// valid marker that does not end its list item or paragraph.
type Loose struct {
	Text     string
	Offset   int
	NotAtEnd bool // a valid marker in the middle of the text
}

// markItems finds markers, removes them from the text and sets the ids.
func markItems(doc ast.Node, src []byte) {
	ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		return markItem(n, src), nil
	})
}

// markItem makes n an item when its text ends in a marker: the marker is
// removed from the text and its id set on n.
func markItem(n ast.Node, src []byte) ast.WalkStatus {
	var block ast.Node
	switch n := n.(type) {
	case *east.TableRow:
		markRow(n, src)
		return ast.WalkSkipChildren
	case *ast.ListItem:
		block = n.FirstChild()
	case *ast.Paragraph:
		if _, inItem := n.Parent().(*ast.ListItem); inItem && n.Parent().FirstChild() == n {
			return ast.WalkContinue // the list item carries it
		}
		block = n
	default:
		return ast.WalkContinue
	}
	if block == nil || block.Lines().Len() == 0 {
		return ast.WalkContinue
	}
	last := block.Lines().At(block.Lines().Len() - 1)
	line := last.Value(src)
	start, idStart, idStop, ok := findMarker(bytes.TrimRight(line, "\r\n"))
	if !ok {
		return ast.WalkContinue
	}
	cut := last.Start + start // the text ends here
	if !trimText(block, src, cut) {
		return ast.WalkContinue
	}
	id := line[idStart:idStop]
	n.SetAttribute(itemKey, []byte(strconv.Itoa(last.Start+idStart-2)))
	n.SetAttributeString("id", append([]byte(nil), id...))
	return ast.WalkContinue
}

// markRow takes a marker at the end of a table row's last cell: the row is
// the item (a document that lists its afspraken in a table).
func markRow(row *east.TableRow, src []byte) {
	cell := row.LastChild()
	start, stop, ok := textSpan(cell)
	if !ok {
		return
	}
	m, idStart, idStop, ok := findMarker(src[start:stop])
	if !ok || !trimText(cell, src, start+m) {
		return
	}
	id := src[start+idStart : start+idStop]
	row.SetAttribute(itemKey, []byte(strconv.Itoa(start+idStart-2)))
	row.SetAttributeString("id", append([]byte(nil), id...))
}

// textSpan is the source span of the text of an inline container.
func textSpan(n ast.Node) (start, stop int, ok bool) {
	start = -1
	ast.Walk(n, func(c ast.Node, entering bool) (ast.WalkStatus, error) {
		if t, isText := c.(*ast.Text); isText && entering {
			if start < 0 {
				start = t.Segment.Start
			}
			stop = t.Segment.Stop
		}
		return ast.WalkContinue, nil
	})
	return start, stop, start >= 0
}

// rowText is a table row as an item's text: its cells joined by " | ",
// without a first cell that only holds the row's number, which it returns.
func rowText(row ast.Node, src []byte, stop int) (text, number string) {
	var cells []string
	for c := row.FirstChild(); c != nil; c = c.NextSibling() {
		a, b, ok := textSpan(c)
		if !ok {
			cells = append(cells, "")
			continue
		}
		cells = append(cells, strings.TrimSpace(string(src[a:min(b, stop)])))
	}
	if len(cells) > 1 && isRowNumber(cells[0]) {
		number, cells = strings.TrimSuffix(cells[0], "."), cells[1:]
	}
	var kept []string
	for _, c := range cells {
		if c != "" {
			kept = append(kept, c)
		}
	}
	return strings.Join(kept, " | "), number
}

// trimText cuts the inline text of block at byte offset cut of the source:
// text nodes at or after it are dropped or shortened. It reports false when
// the marker is not plain text (inside code or a link).
func trimText(block ast.Node, src []byte, cut int) bool {
	var texts []*ast.Text
	ast.Walk(block, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if t, ok := n.(*ast.Text); ok && entering {
			texts = append(texts, t)
		}
		return ast.WalkContinue, nil
	})
	ok := false
	for i := len(texts) - 1; i >= 0; i-- {
		t := texts[i]
		if t.Segment.Stop <= cut {
			break
		}
		if _, plain := t.Parent().(ast.Node); !plain {
			return false
		}
		switch t.Parent().(type) {
		case *ast.CodeSpan, *ast.Link, *ast.AutoLink:
			return false
		}
		if t.Segment.Start >= cut {
			t.Parent().RemoveChild(t.Parent(), t)
		} else {
			t.Segment = t.Segment.WithStop(cut)
			t.SetSoftLineBreak(false)
		}
		ok = true
	}
	// Trailing spaces before the marker belong to no one.
	if len(texts) > 0 {
		for i := len(texts) - 1; i >= 0; i-- {
			t := texts[i]
			if t.Parent() == nil {
				continue
			}
			t.Segment = t.Segment.TrimRightSpace(src)
			break
		}
	}
	return ok
}

// Items lists the items of a Markdown text in document order, nested as in
// the text, and text that looks like a marker but is not one.
func (c *Converter) Items(src []byte) ([]*Mark, []Loose) {
	if !bytes.Contains(src, []byte("{#")) {
		return nil, nil // every marker, valid or not, starts so: nothing to parse for
	}
	// Heading ids do not matter here: no ids are made, none sanitised.
	doc := c.parse(src, noIDs{})
	markItems(doc, src)
	var loose []Loose
	var walk func(n ast.Node) []*Mark
	walk = func(n ast.Node) []*Mark {
		var out []*Mark
		for ch := n.FirstChild(); ch != nil; ch = ch.NextSibling() {
			off, ok := ch.Attribute(itemKey)
			if !ok {
				if l := looseIn(ch, src); l != nil {
					loose = append(loose, *l)
				}
				out = append(out, walk(ch)...)
				continue
			}
			id, _ := ch.AttributeString("id")
			m := &Mark{ID: string(id.([]byte))}
			m.Offset, _ = strconv.Atoi(string(off.([]byte)))
			block := ch
			if _, isRow := ch.(*east.TableRow); isRow {
				m.Text, m.Number = rowText(ch, src, m.Offset)
				out = append(out, m)
				continue
			}
			if li, isItem := ch.(*ast.ListItem); isItem {
				block = li.FirstChild()
				if list, ok := li.Parent().(*ast.List); ok && list.IsOrdered() {
					i := 0
					for x := list.FirstChild(); x != nil && x != ch; x = x.NextSibling() {
						i++
					}
					m.Number = strconv.Itoa(list.Start + i)
				}
			}
			m.Text = blockSource(block, src, m.Offset)
			m.Children = walk(ch)
			out = append(out, m)
		}
		return out
	}
	return walk(doc), loose
}

// looseIn reports a paragraph or first block of a list item whose last
// line ends in something like a marker that was not taken as one.
func looseIn(n ast.Node, src []byte) *Loose {
	block := n
	if row, ok := n.(*east.TableRow); ok {
		if a, b, ok := textSpan(row.LastChild()); ok {
			if m, ok := findLooseMarker(src[a:b]); ok {
				return &Loose{Text: strings.TrimSpace(string(src[a+m : b])), Offset: a + m}
			}
		}
		return nil
	}
	if li, ok := n.(*ast.ListItem); ok {
		block = li.FirstChild()
	} else if _, ok := n.(*ast.Paragraph); !ok {
		return nil
	}
	if block == nil || block.Lines().Len() == 0 {
		return nil
	}
	for i := 0; i < block.Lines().Len(); i++ {
		seg := block.Lines().At(i)
		line := bytes.TrimRight(seg.Value(src), "\r\n")
		if start, stop, ok := findAnyMarker(line); ok && bytes.Count(line[:start], []byte("`"))%2 == 0 { // not in code
			text := strings.TrimSpace(string(line[start:stop]))
			_, _, _, valid := findMarker([]byte(text))
			return &Loose{Text: text, Offset: seg.Start + start, NotAtEnd: valid}
		}
	}
	return nil
}

// blockSource is the source of a block's lines up to the marker.
func blockSource(block ast.Node, src []byte, stop int) string {
	if block == nil {
		return ""
	}
	var b strings.Builder
	lines := block.Lines()
	for i := 0; i < lines.Len(); i++ {
		seg := lines.At(i)
		if seg.Start >= stop {
			break
		}
		end := min(seg.Stop, stop)
		b.Write(src[seg.Start:end])
	}
	return strings.TrimSpace(b.String())
}

// Decorate returns the HTML to show after an item's text (its parties,
// target and state), or "" for none.
type Decorate func(id string) template.HTML

// decoration is a block node holding HTML made by the site for one item.
type decoration struct {
	ast.BaseBlock
	html template.HTML
}

var kindDecoration = ast.NewNodeKind("PrestatieItem")

func (d *decoration) Kind() ast.NodeKind          { return kindDecoration }
func (d *decoration) Dump(src []byte, level int)  { ast.DumpHelper(d, src, level, nil, nil) }
func (d *decoration) IsRaw() bool                 { return true }
func (d *decoration) HasBlankPreviousLines() bool { return false }
func (d *decoration) SetBlankPreviousLines(bool)  {}

// decorate puts the site's HTML for every item after the item's first block.
func (t *tree) decorate(fn Decorate) {
	if fn == nil {
		return
	}
	for _, n := range t.items {
		id, _ := n.AttributeString("id")
		h := fn(string(id.([]byte)))
		if h == "" {
			continue
		}
		d := &decoration{html: h}
		if row, ok := n.(*east.TableRow); ok && row.LastChild() != nil {
			row.LastChild().AppendChild(row.LastChild(), d)
		} else if li, ok := n.(*ast.ListItem); ok && li.FirstChild() != nil {
			li.InsertAfter(li, li.FirstChild(), d)
		} else if n.Parent() != nil {
			n.Parent().InsertAfter(n.Parent(), n, d)
		}
	}
}

type decorationRenderer struct{}

func (decorationRenderer) RegisterFuncs(r renderer.NodeRendererFuncRegisterer) {
	r.Register(kindDecoration, func(w util.BufWriter, _ []byte, n ast.Node, entering bool) (ast.WalkStatus, error) {
		if entering {
			_, _ = w.WriteString(string(n.(*decoration).html))
		}
		return ast.WalkSkipChildren, nil
	})
}

// dropItemKeys removes the internal attribute before HTML is written.
func (t *tree) dropItemKeys() {
	for _, n := range t.items {
		id, _ := n.AttributeString("id")
		n.RemoveAttributes()
		n.SetAttributeString("id", id)
	}
}

// noIDs gives every heading the same id, for a parse that needs none.
type noIDs struct{}

func (noIDs) Generate([]byte, ast.NodeKind) []byte { return nil }
func (noIDs) Put([]byte)                           {}
