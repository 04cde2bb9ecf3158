package markdown

import (
	"bytes"

	"github.com/yuin/goldmark/ast"
	east "github.com/yuin/goldmark/extension/ast"
)

// cardColumns is the number of columns from which a table of the text
// becomes a card per row on a phone: narrower tables fit 375 px as they are.
const cardColumns = 4

// labelTables gives each cell of a wide table its column header as
// data-label and the table the class "cards", so the style sheet can show
// each row as a card with "header: value" lines below ~600 px instead of a
// table that scrolls sideways. The header row stays for screen readers.
// Only for the web: the PDF page is wide enough for the table.
func labelTables(tables []*east.Table, src []byte) {
	for _, t := range tables {
		head, ok := t.FirstChild().(*east.TableHeader)
		if !ok || head.ChildCount() < cardColumns {
			continue
		}
		var labels [][]byte
		for c := head.FirstChild(); c != nil; c = c.NextSibling() {
			labels = append(labels, bytes.TrimSpace(plainText(c, src)))
		}
		t.SetAttributeString("class", []byte("cards"))
		for row := head.NextSibling(); row != nil; row = row.NextSibling() {
			i := 0
			for c := row.FirstChild(); c != nil; c = c.NextSibling() {
				if i < len(labels) && len(labels[i]) > 0 {
					c.SetAttributeString("data-label", labels[i]) // escaped by goldmark
				}
				i++
			}
		}
	}
}

// plainText is the text of n's inline content without markup.
func plainText(n ast.Node, src []byte) []byte {
	var b []byte
	ast.Walk(n, func(c ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch c := c.(type) {
		case *ast.Text:
			b = append(b, c.Segment.Value(src)...)
			if c.SoftLineBreak() || c.HardLineBreak() {
				b = append(b, ' ')
			}
		case *ast.String:
			b = append(b, c.Value...)
		case *ast.CodeSpan:
			for g := c.FirstChild(); g != nil; g = g.NextSibling() {
				if t, ok := g.(*ast.Text); ok {
					b = append(b, t.Segment.Value(src)...)
				}
			}
			return ast.WalkSkipChildren, nil
		case *ast.RawHTML:
			return ast.WalkSkipChildren, nil
		}
		return ast.WalkContinue, nil
	})
	return b
}
