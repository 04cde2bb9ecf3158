package site

import (
	"bytes"
	"encoding/xml"
)

// sitemap lists every page but the 404 page.
func (r *renderer) sitemap(jobs []job) File {
	var b bytes.Buffer
	b.WriteString(xml.Header)
	b.WriteString(`<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">` + "\n")
	for _, j := range jobs {
		if j.kind == "404" {
			continue
		}
		b.WriteString("  <url><loc>")
		xml.EscapeText(&b, []byte(r.base.abs(j.path)))
		b.WriteString("</loc></url>\n")
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
