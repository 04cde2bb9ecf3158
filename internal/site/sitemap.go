package site

import (
	"bytes"
	"encoding/xml"
)

// sitemap lists every page but the 404 page, with absolute addresses
// (Render leaves it out when the base URL has no host) and, where a page
// has one, the date it was last updated in substance.
func (r *renderer) sitemap(jobs []job) File {
	var b bytes.Buffer
	b.WriteString(xml.Header)
	b.WriteString(`<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">` + "\n")
	for i, j := range jobs {
		if j.kind == "404" {
			continue
		}
		b.WriteString("  <url><loc>")
		xml.EscapeText(&b, []byte(r.base.abs(j.path)))
		b.WriteString("</loc>")
		if d := r.lastmods[i]; !d.IsZero() {
			b.WriteString("<lastmod>" + d.String() + "</lastmod>")
		}
		b.WriteString("</url>\n")
	}
	b.WriteString("</urlset>\n")
	return File{Path: "sitemap.xml", Data: b.Bytes()}
}

func (r *renderer) robots() File {
	s := "User-agent: *\nAllow: /\n"
	if r.base.origin != "" {
		s += "Sitemap: " + r.base.abs("sitemap.xml") + "\n"
	}
	return File{Path: "robots.txt", Data: []byte(s)}
}
