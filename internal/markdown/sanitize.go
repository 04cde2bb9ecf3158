package markdown

import (
	"net/url"

	"github.com/yuin/goldmark/ast"
)

// sanitizeHeading limits what content can do to the page beyond what
// goldmark already escapes: a heading keeps only its id (written with
// {#id}, not style, hidden or tabindex), and an id may not take over one the
// page template uses (such as the skip link's target).
func sanitizeHeading(n *ast.Heading, source []byte, ids *IDs) {
	id, _ := n.AttributeString("id")
	n.RemoveAttributes()
	if b, ok := id.([]byte); ok {
		if s := string(b); safeID(b) && !ids.reserved[s] {
			n.SetAttributeString("id", b)
		} else {
			n.SetAttributeString("id", []byte(ids.Unique(Slug(string(headingText(n, source))))))
		}
	}
}

// safeID is ^[A-Za-z][A-Za-z0-9_-]*$.
func safeID(id []byte) bool {
	for i, c := range id {
		letter := c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z'
		if !letter && (i == 0 || !(c >= '0' && c <= '9' || c == '_' || c == '-')) {
			return false
		}
	}
	return len(id) > 0
}

// sanitize sanitises the headings again (see sanitizeHeading) and, for a
// web page, makes an image from another host a link to it, so a web page
// never requests a third party (the PDF prints images as text anyway).
func (t *tree) sanitize(source []byte, ids *IDs) {
	for _, h := range t.headings {
		sanitizeHeading(h, source, ids)
	}
	for _, img := range t.images {
		u, err := url.Parse(string(img.Destination))
		if err != nil || !(u.Scheme == "http" || u.Scheme == "https" || u.Host != "") {
			continue
		}
		link := ast.NewLink()
		link.Destination, link.Title = img.Destination, img.Title
		for c := img.FirstChild(); c != nil; {
			next := c.NextSibling()
			link.AppendChild(link, c)
			c = next
		}
		img.Parent().ReplaceChild(img.Parent(), img, link)
	}
}

// headingText is a heading's plain text, for a replacement id.
func headingText(n ast.Node, source []byte) []byte {
	var b []byte
	ast.Walk(n, func(c ast.Node, entering bool) (ast.WalkStatus, error) {
		if t, ok := c.(*ast.Text); ok && entering {
			b = append(b, t.Value(source)...)
		}
		return ast.WalkContinue, nil
	})
	return b
}
