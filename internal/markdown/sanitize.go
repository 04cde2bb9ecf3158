package markdown

import (
	"net/url"
	"regexp"

	"github.com/yuin/goldmark/ast"
)

var safeID = regexp.MustCompile(`^[A-Za-z][A-Za-z0-9_-]*$`)

// sanitize limits what content can do to the page beyond what goldmark
// already escapes: a heading keeps only its id (written with {#id}, not
// style, hidden or tabindex), and an id may not take over one the page
// template uses (such as the skip link's target). With externalImages, an
// image from another host becomes a link to it, so a web page never
// requests a third party (the PDF prints images as text anyway).
func sanitize(doc ast.Node, source []byte, ids *IDs, externalImages bool) {
	var images []*ast.Image
	ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch n := n.(type) {
		case *ast.Heading:
			id, _ := n.AttributeString("id")
			n.RemoveAttributes()
			if b, ok := id.([]byte); ok {
				if s := string(b); safeID.MatchString(s) && !ids.reserved[s] {
					n.SetAttributeString("id", b)
				} else {
					n.SetAttributeString("id", []byte(ids.Unique(Slug(string(headingText(n, source))))))
				}
			}
		case *ast.Image:
			if !externalImages {
				break
			}
			if u, err := url.Parse(string(n.Destination)); err == nil && (u.Scheme == "http" || u.Scheme == "https" || u.Host != "") {
				images = append(images, n)
			}
		}
		return ast.WalkContinue, nil
	})
	for _, img := range images {
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
