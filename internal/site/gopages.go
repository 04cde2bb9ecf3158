package site

import (
	"bytes"
	"strconv"
	"strings"

	a "github.com/prestatie/prestatie/internal/agreement"
	"github.com/prestatie/prestatie/internal/charts"
	"github.com/prestatie/prestatie/internal/dutch"
)

// The frame and the bodies of the page kinds Go renders (fast.go), each as
// the template writes it, whitespace included.

// frameGo writes the frame of page p (base.html) around main, which
// renders the template "main" into w, or reports false before it wrote
// anything when a link of the frame is one for the template.
func frameGo(w *bytes.Buffer, p *page, main func() error) (bool, error) {
	r := p.r
	head := &htmlOut{to: w} // after the links are checked
	if p.Kind != "404" && !linkOK(p.Canonical) || !linkOK(r.base.path+p.Feed) ||
		p.HasCharts && (!linkOK(r.asset("charts.js")) || !linkOK(r.asset(charts.EChartsScript))) {
		return false, nil
	}
	head.WriteString("<!DOCTYPE html>\n<html lang=\"nl\"")
	if c := p.Style.ThemeClass; c != "" {
		head.wrap(` class="`, c, `"`)
	}
	head.wrap(">\n<head>\n<meta charset=\"utf-8\">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<meta name=\"description\" content=\"",
		p.Description, "\">\n<title>")
	if p.Kind == "home" {
		head.text(p.Site.Title)
	} else {
		head.text(p.Title)
		if p.Kind != "agreement" && p.Agreement != nil {
			head.wrap(" – ", p.Agreement.ShortTitle, "")
		}
		head.wrap(" | ", p.Site.Title, "")
	}
	head.WriteString("</title>")
	if p.Kind != "404" {
		head.WriteString("\n<link rel=\"canonical\" href=\"")
		head.url(p.Canonical)
		head.WriteString("\">")
	}
	head.WriteString("\n")
	if err := head.shared(r, "head-links", p.Frame); err != nil {
		return false, err
	}
	if p.HasCharts {
		head.WriteString("\n<script src=\"")
		head.url(r.asset("charts.js"))
		head.WriteString("\" data-echarts=\"")
		head.url(r.asset(charts.EChartsScript))
		head.WriteString("\" defer></script>")
	}
	head.WriteString("\n<link rel=\"alternate\" type=\"application/atom+xml\" href=\"")
	head.url(r.base.path + p.Feed)
	head.WriteString("\" title=\"Voortgang")
	if p.Agreement != nil {
		head.wrap(" ", p.Agreement.ShortTitle, "")
	}
	head.wrap(" (Atom)\">\n</head>\n<body class=\"page-", p.Kind, "\">\n<a class=\"skip-link\" href=\"#hoofdinhoud\">Naar de inhoud</a>\n")
	if err := head.shared(r, "site-header", p.Frame); err != nil {
		return false, err
	}
	if p.IsDraft {
		head.WriteString("\n<div class=\"draft-banner\" role=\"note\">\n  <p class=\"wrap\"><strong>Concept</strong>: deze pagina is nog niet gepubliceerd (draft: true) en is alleen te zien in het voorbeeld of met --drafts.</p>\n</div>")
	}
	if len(p.Crumbs) > 0 {
		head.WriteString("\n<nav class=\"breadcrumbs wrap\" aria-label=\"Kruimelpad\" id=\"kruimelpad\">\n  <ol>")
		if err := head.shared(r, "crumbs", p.Trail); err != nil {
			return false, err
		}
		head.WriteString("\n    <li><span aria-current=\"page\">")
		if p.Number != "" {
			head.wrap("", p.Number, " ")
		}
		head.wrap("", p.Title, "</span></li>\n  </ol>\n</nav>")
	}
	head.WriteString("\n<main id=\"hoofdinhoud\" class=\"wrap\" tabindex=\"-1\">\n")
	if err := main(); err != nil {
		return true, err
	}
	foot, err := r.shared("site-footer", p.Frame)
	if err != nil {
		return true, err
	}
	w.WriteString("\n</main>\n")
	w.WriteString(string(foot))
	w.WriteString("\n</body>\n</html>\n")
	return true, nil
}

// sectionMainGo is the "main" template of a section page (section.html),
// with "illustrative", "toc" and "pager"; it reports false before it
// did anything when a link is one for the template.
func sectionMainGo(w *htmlOut, p *page) (bool, error) {
	r, ag, s := p.r, p.Agreement, p.Section
	links := pagerLinks(p, nil)
	if s != nil {
		links = tocLinks(r, ag, s.Sections, links)
	}
	if !allOK(links) {
		return false, nil
	}
	if s != nil {
		w.WriteString("\n<h1>")
		if s.Number != "" {
			w.wrap(`<span class="number">`, s.Number, "</span> ")
		}
		w.wrap("", s.Title, "</h1>")
		area := s.Area != "" && s.Area != s.Title
		year := s.Year != 0 && !strings.Contains(s.Title, strconv.Itoa(s.Year))
		if area || year {
			w.WriteString(`<p class="meta">`)
			if area {
				w.wrap("Gebied: ", s.Area, "")
			}
			if area && year {
				w.WriteString(" · ")
			}
			if year {
				w.WriteString("Jaarschijf " + strconv.Itoa(s.Year))
			}
			w.WriteString("</p>")
		}
		if len(s.PartyRefs) > 0 && len(s.Parties) > 0 {
			w.wrap(`<p class="meta section-parties">Partijen bij dit onderdeel: `, dutch.PartyNames(s.Parties), "</p>")
		}
		w.WriteString("\n")
		illustrativeGo(w, ag)
		text, err := p.Text(s.Body, s.Items, 2)
		if err != nil {
			return true, err
		}
		if text != "" {
			w.WriteString("\n<div class=\"document prose\">\n")
			w.WriteString(string(text))
			w.WriteString("\n</div>")
		}
		if len(s.Sections) > 0 {
			id := p.ID("onderdelen")
			w.wrap("\n<nav class=\"subsections\" aria-labelledby=\"", id, "\">\n  <h2 id=\"")
			w.wrap("", id, "\">Onderdelen</h2>\n  ")
			tocGo(w, r, ag, s.Sections)
			w.WriteString("\n</nav>")
		}
		if len(s.Figures) > 0 {
			id := p.ID("cijfers")
			w.wrap("\n<section class=\"site-figures\" aria-labelledby=\"", id, "\"><h2 id=\"")
			w.wrap("", id, "\">Cijfers</h2>")
			figs, err := p.Figures(p.Charts(s.Figures))
			if err != nil {
				return true, err
			}
			w.WriteString(string(figs))
			w.WriteString("</section>")
		}
	}
	pagerGo(w, p)
	return true, nil
}

// pagerLinks are the links of the "pager" of page p, added to links.
func pagerLinks(p *page, links []string) []string {
	for _, l := range []*link{p.Prev, p.Next} {
		if l != nil {
			links = append(links, p.r.base.path+l.Path)
		}
	}
	return links
}

// pagerGo is the "pager" template (partials.html) on a line of its own at
// the end of "main"; its links are checked (pagerLinks).
func pagerGo(w *htmlOut, p *page) {
	w.WriteString("\n")
	if p.Prev != nil || p.Next != nil {
		w.WriteString("\n<nav class=\"pager\" aria-label=\"Vorige en volgende\">")
		if l := p.Prev; l != nil {
			w.WriteString(`<a class="prev" rel="prev" href="`)
			w.url(p.r.base.path + l.Path)
			w.wrap(`"><span>Vorige</span> `, l.Title, "</a>")
		}
		if l := p.Next; l != nil {
			w.WriteString(`<a class="next" rel="next" href="`)
			w.url(p.r.base.path + l.Path)
			w.wrap(`"><span>Volgende</span> `, l.Title, "</a>")
		}
		w.WriteString("\n</nav>")
	}
	w.WriteString("\n")
}

// allOK reports whether linkOK takes every link.
func allOK(links []string) bool {
	for _, l := range links {
		if !linkOK(l) {
			return false
		}
	}
	return true
}

// illustrativeGo is the "illustrative" template (partials.html).
func illustrativeGo(w *htmlOut, ag *a.Agreement) {
	if ag.Illustrative() {
		w.WriteString("\n<p class=\"notice\" role=\"note\"><strong>Let op:</strong> de voortgangsgegevens op deze site zijn illustratief. Het zijn voorbeelden die laten zien hoe een rapportage eruitziet, geen echte rapportage van de partijen.</p>")
	}
}
