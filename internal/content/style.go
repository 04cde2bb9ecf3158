package content

import (
	"net/url"
	"path"
	"strings"

	"go.yaml.in/yaml/v3"

	a "github.com/prestatie/prestatie/internal/agreement"
)

// The house-style keys of prestatie.yaml (docs/content-format.md, "Huisstijl").

func (d *decoder) styleFields(st *a.Style) []field {
	return []field{
		{"logo", false, func(n *yaml.Node) {
			l := &a.Logo{Pos: d.pos(n)}
			d.mapping(n, "logo",
				field{"file", true, d.str(&l.File, "logo.file")},
				field{"alt", true, d.str(&l.Alt, "logo.alt")},
			)
			if l.File != "" && !localPath(l.File) {
				d.errorf(n, "logo.file %q: geef een pad in static/, zoals logo.svg", l.File)
			}
			st.Logo = l
		}},
		{"theme_class", false, func(n *yaml.Node) {
			d.str(&st.ThemeClass, "theme_class")(n)
			for _, c := range strings.Fields(st.ThemeClass) {
				if strings.Trim(c, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_") != "" {
					d.errorf(n, "theme_class %q: een klassenaam heeft alleen letters, cijfers, - en _", c)
				}
			}
		}},
		{"extra_css", false, d.list("extra_css", func(n *yaml.Node) {
			as := a.Asset{Pos: d.pos(n)}
			d.str(&as.Source, "extra_css")(n)
			src, npm := strings.CutPrefix(as.Source, "npm:")
			switch {
			case path.Ext(src) != ".css":
				d.errorf(n, "extra_css %q: geef een .css-bestand", as.Source)
			case !localPath(src):
				d.errorf(n, "extra_css %q: geef een pad in de map van de site (static/huisstijl.css) of npm:pakket/pad.css", as.Source)
			case npm && !strings.Contains(src, "/"):
				d.errorf(n, "extra_css %q: geef het bestand in het pakket, zoals npm:@pakket/naam/dist/theme.css", as.Source)
			default:
				st.ExtraCSS = append(st.ExtraCSS, as)
			}
		})},
		{"nav", false, d.links(&st.Nav, "nav")},
		{"footer_links", false, d.links(&st.Footer, "footer_links")},
	}
}

// links decodes a list of {title, url}.
func (d *decoder) links(dst *[]a.Link, what string) func(*yaml.Node) {
	return d.list(what, func(n *yaml.Node) {
		l := a.Link{Pos: d.pos(n)}
		d.mapping(n, what,
			field{"title", true, d.str(&l.Title, what+".title")},
			field{"url", true, d.str(&l.URL, what+".url")},
		)
		if l.URL != "" && !linkOK(l.URL) {
			d.errorf(n, "%s: url %q: geef een pad binnen de site (afspraken/) of een https://-adres", what, l.URL)
			return
		}
		*dst = append(*dst, l)
	})
}

// localPath: a relative slash-separated path that stays below its folder.
func localPath(p string) bool {
	return p != "" && !strings.Contains(p, `\`) && path.IsAbs(p) == false && !strings.HasPrefix(path.Clean(p), "..") && path.Clean(p) != "."
}

// linkOK: an absolute http(s) URL, a mailto: address, or a path below the
// base (no scheme, no leading slash, no "..").
func linkOK(s string) bool {
	u, err := url.Parse(s)
	if err != nil {
		return false
	}
	switch u.Scheme {
	case "http", "https":
		return u.Host != ""
	case "mailto":
		return u.Opaque != ""
	case "":
		return u.Host == "" && !strings.HasPrefix(s, "/") && (u.Path == "" || localPath(u.Path))
	}
	return false
}
