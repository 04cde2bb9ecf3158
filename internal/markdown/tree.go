package markdown

import (
	"github.com/yuin/goldmark/ast"
	east "github.com/yuin/goldmark/extension/ast"
)

// tree holds the nodes of a parsed text that rendering changes, gathered
// in one walk instead of one walk per change.
type tree struct {
	headings []*ast.Heading
	images   []*ast.Image
	items    []ast.Node // nodes marked as items (markItem)
	links    []*ast.Link
	tables   []*east.Table
	attrs    []ast.Node // nodes with attributes, among them those with an id
}

func collect(doc ast.Node) *tree {
	t := &tree{}
	ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch n := n.(type) {
		case *ast.Heading:
			t.headings = append(t.headings, n)
		case *ast.Image:
			t.images = append(t.images, n)
		case *ast.Link:
			t.links = append(t.links, n)
		case *east.Table:
			t.tables = append(t.tables, n)
		}
		if n.Attributes() != nil {
			t.attrs = append(t.attrs, n)
			if _, ok := n.Attribute(itemKey); ok {
				t.items = append(t.items, n)
			}
		}
		return ast.WalkContinue, nil
	})
	return t
}
