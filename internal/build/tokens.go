package build

import (
	"image/color"
	"io/fs"
	"regexp"
	"strconv"
	"strings"

	"github.com/prestatie/prestatie/internal/pdf"
	"github.com/prestatie/prestatie/internal/site"
)

// The PDF takes the site's colours: the custom properties of the theme's
// style.css and of the extra style sheets (an NL Design System token
// package) are resolved as a browser would for <html>, roughly: the last
// declaration of a name wins, whatever its selector.

var declaration = regexp.MustCompile(`(--[A-Za-z0-9_-]+)\s*:\s*([^;{}]+)`)

// tokens collects the custom properties declared in the style sheets.
func tokens(sheets ...[]byte) map[string]string {
	t := map[string]string{}
	for _, css := range sheets {
		for _, m := range declaration.FindAllSubmatch(css, -1) {
			t[string(m[1])] = strings.TrimSpace(string(m[2]))
		}
	}
	return t
}

// resolve substitutes var(--name, fallback) in v.
func resolve(t map[string]string, v string, depth int) string {
	if depth > 20 {
		return ""
	}
	for {
		i := strings.Index(v, "var(")
		if i < 0 {
			return strings.TrimSpace(v)
		}
		// Find the matching parenthesis and the first top-level comma.
		level, comma, end := 0, -1, -1
		for j := i + 4; j < len(v) && end < 0; j++ {
			switch v[j] {
			case '(':
				level++
			case ')':
				if level == 0 {
					end = j
				}
				level--
			case ',':
				if level == 0 && comma < 0 {
					comma = j
				}
			}
		}
		if end < 0 {
			return ""
		}
		name, fallback := v[i+4:end], ""
		if comma >= 0 {
			name, fallback = v[i+4:comma], v[comma+1:end]
		}
		sub, ok := t[strings.TrimSpace(name)]
		if ok {
			sub = resolve(t, sub, depth+1)
		}
		if !ok || sub == "" {
			sub = resolve(t, fallback, depth+1)
		}
		v = v[:i] + sub + v[end+1:]
	}
}

var hexColour = regexp.MustCompile(`^#([0-9a-fA-F]{3}|[0-9a-fA-F]{6})$`)

// parseColour reads #rgb and #rrggbb; anything else is not known.
func parseColour(s string) (color.RGBA, bool) {
	if !hexColour.MatchString(s) {
		return color.RGBA{}, false
	}
	h := s[1:]
	if len(h) == 3 {
		h = string([]byte{h[0], h[0], h[1], h[1], h[2], h[2]})
	}
	n, _ := strconv.ParseUint(h, 16, 32)
	return color.RGBA{uint8(n >> 16), uint8(n >> 8), uint8(n), 0xff}, true
}

// pdfTheme is the PDF's colours (fonts stay the embedded Liberation Sans) from the site's style sheets: headings in
// the primary colour, rules in the strong border colour.
func pdfTheme(theme fs.FS, extra []site.File) pdf.Theme {
	var sheets [][]byte
	if b, err := fs.ReadFile(theme, "style.css"); err == nil {
		sheets = append(sheets, b)
	}
	for _, f := range extra {
		sheets = append(sheets, f.Data)
	}
	t := tokens(sheets...)
	var th pdf.Theme
	if c, ok := parseColour(resolve(t, "var(--prestatie-color-primary)", 0)); ok {
		th.Primary = c
	}
	// The default theme's grey rule differs from the PDF's blue-grey one;
	// take it only with a house style.
	if c, ok := parseColour(resolve(t, "var(--prestatie-color-border-strong)", 0)); ok && len(extra) > 0 {
		th.Rule = c
	}
	return th
}
