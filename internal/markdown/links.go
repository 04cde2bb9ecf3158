package markdown

import "github.com/yuin/goldmark/ast"

// Resolve gives the address of a place of the document that is not on the
// page being rendered (an item or onderdeel named by a link "#id" in the
// text), or "" to leave the link as it is.
type Resolve func(id string) string

// resolveLinks points each link "#id" whose id is not on this page at the
// page that has it, so that a cross-reference works on the site as it does
// in the PDF, where the whole document is one file.
func resolveLinks(doc ast.Node, ids *IDs, resolve Resolve) {
	if resolve == nil {
		return
	}
	here := map[string]bool{} // ids of this text: its items and headings
	ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if v, ok := n.AttributeString("id"); ok && entering {
			if id, ok := v.([]byte); ok {
				here[string(id)] = true
			}
		}
		return ast.WalkContinue, nil
	})
	ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		l, ok := n.(*ast.Link)
		if !ok || !entering {
			return ast.WalkContinue, nil
		}
		dest := string(l.Destination)
		if len(dest) < 2 || dest[0] != '#' || here[dest[1:]] || ids.used[dest[1:]] {
			return ast.WalkContinue, nil
		}
		if to := resolve(dest[1:]); to != "" {
			l.Destination = []byte(to)
		}
		return ast.WalkContinue, nil
	})
}
