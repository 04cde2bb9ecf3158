package site

import (
	"strconv"

	a "github.com/prestatie/prestatie/internal/agreement"
	"github.com/prestatie/prestatie/internal/dutch"
)

// The body of a report page in Go (fast.go), as report.html writes it.

// reportMainGo is the "main" template of a report page (report.html),
// with "round-counts", "light-bar", "light-legend", "illustrative",
// "commitment-head" and "pager".
func reportMainGo(w *htmlOut, p *page) (bool, error) {
	ag, m := p.Agreement, p.Moment
	links := pagerLinks(p, nil)
	var changes []changeView
	if m != nil {
		var err error
		if changes, err = p.Changes(); err != nil {
			return true, err
		}
		for _, c := range changes {
			links = append(links, c.URL)
		}
	}
	if !allOK(links) {
		return false, nil
	}
	if m != nil {
		w.wrap("\n<h1>", p.Title, "</h1>\n<p class=\"meta\">")
		w.wrap("", ag.Title, " · ")
		w.wrap("", ag.Municipality, " · stand op <time datetime=\"")
		w.wrap("", m.Date.String(), `">`)
		w.wrap("", dutch.DateOf(m.Date), "</time></p>")
		rd := p.Round()
		id := p.ID("deze-ronde")
		w.wrap("\n<section class=\"glance\" aria-labelledby=\"", id, "\">\n  <h2 id=\"")
		w.wrap("", id, "\">Deze rapportage in het kort</h2>\n  <p class=\"glance-at\">Over ")
		w.wrap("", a.Count(rd.Total, "afspraak", "afspraken"), ", tegenover ")
		if m.Prev != nil {
			w.wrap("de rapportage van <time datetime=\"", m.Prev.String(), `">`)
			w.wrap("", dutch.DateOf(*m.Prev), "</time>")
		} else {
			w.WriteString("de start")
		}
		if ag.Illustrative() {
			w.WriteString(` <span class="illustrative">(illustratieve gegevens)</span>`)
		}
		w.WriteString(":</p>")
		roundCountsGo(w, rd)
		l := p.LightsAt(m.Date)
		w.wrap("\n  <p>Stand op <time datetime=\"", m.Date.String(), `">`)
		w.wrap("", dutch.DateOf(m.Date), "</time>:</p>")
		lightBarGo(w, l)
		lightLegendGo(w, l)
		w.WriteString("\n</section>\n")
		illustrativeGo(w, ag)
		if rep := m.Report; rep != nil {
			id := p.ID("toelichting")
			w.wrap("\n<section class=\"prose\" aria-labelledby=\"", id, "\">\n  <h2 id=\"")
			w.wrap("", id, `">`)
			if rep.Title != "" {
				w.text(rep.Title)
			} else {
				w.WriteString("Toelichting")
			}
			w.WriteString("</h2>\n  ")
			h, err := p.SectionText(rep.Body, "rapportage")
			if err != nil {
				return true, err
			}
			w.WriteString(string(h))
			w.WriteString("\n</section>")
		}
		id = p.ID("wijzigingen")
		w.wrap("\n<section aria-labelledby=\"", id, "\">\n  <h2 id=\"")
		w.wrap("", id, "\">Wijzigingen sinds ")
		if m.Prev != nil {
			w.wrap("de rapportage van ", dutch.DateOf(*m.Prev), "")
		} else {
			w.WriteString("de start")
		}
		w.WriteString("</h2>")
		if len(changes) > 0 {
			w.WriteString("\n  <ul class=\"changes\">")
			for _, c := range changes {
				changeGo(w, &c)
			}
			w.WriteString("\n  </ul>")
		} else {
			w.WriteString("\n  <p>Geen wijzigingen.</p>")
		}
		w.WriteString("\n</section>")
		id = p.ID("stand")
		w.wrap("\n<section aria-labelledby=\"", id, "\">\n  <h2 id=\"")
		w.wrap("", id, "\">Stand van alle afspraken op ")
		w.wrap("", dutch.DateOf(m.Date), "</h2>")
		if rows := preambleCommitments(ag); len(rows) > 0 {
			label := cmpOr(ag.PreambleTitle, "Begin van de overeenkomst")
			if err := standTableGo(w, p, label, rows, m.Date); err != nil {
				return true, err
			}
		}
		for _, s := range ag.Sections {
			if rows := a.Commitments(s); len(rows) > 0 {
				if err := standTableGo(w, p, s.Label(), rows, m.Date); err != nil {
					return true, err
				}
			}
		}
		w.WriteString("\n</section>")
	}
	pagerGo(w, p)
	return true, nil
}

func cmpOr(s, or string) string {
	if s != "" {
		return s
	}
	return or
}

// standTableGo is a table of the state of afspraken rows on a report page.
func standTableGo(w *htmlOut, p *page, label string, rows []*a.Item, at a.Date) error {
	w.wrap("\n  <div class=\"table-wrap\" role=\"region\" tabindex=\"0\" aria-label=\"", label, "\">\n  <table class=\"commitment-table cards\">\n    <caption>")
	w.wrap("", label, "</caption>\n<thead><tr><th scope=\"col\">Afspraak</th><th scope=\"col\">Onderdeel</th><th scope=\"col\">Partij</th><th scope=\"col\">Status</th></tr></thead>\n    <tbody>")
	for _, c := range rows {
		row, err := p.r.commitmentRow(p, c, at)
		if err != nil {
			return err
		}
		w.WriteString(string(row))
	}
	w.WriteString("\n    </tbody>\n  </table>\n  </div>")
	return nil
}

// changeGo is one afspraak of the list of changes of a report page.
func changeGo(w *htmlOut, c *changeView) {
	w.WriteString("\n    <li>\n      <a href=\"")
	w.url(c.URL)
	w.wrap(`">`, c.Label, `</a> <span class="meta">(`)
	w.wrap("", c.Where, ")</span>\n      <p class=\"change\">")
	if c.StatusChanged {
		w.wrap("Status: ", c.From, " → <strong>")
		w.wrap("", c.To, "</strong>")
	} else {
		w.wrap("Status: ", c.To, " (ongewijzigd)")
	}
	if c.Overdue {
		w.wrap("; <strong>verlopen</strong> (", c.Deadline, ")")
	}
	w.WriteString("</p>")
	for _, e := range c.Entries {
		if e.Value == "" && e.Note == "" {
			continue
		}
		w.wrap("\n      <p class=\"change-entry\">", e.Date, ":")
		if e.Value != "" {
			w.wrap(" stand ", e.Value, ".")
		}
		if e.Note != "" {
			w.WriteString(" ")
			w.WriteString(string(e.NoteHTML))
		}
		if e.Illustrative {
			w.WriteString(` <span class="illustrative">(illustratief)</span>`)
		}
		w.WriteString("</p>")
	}
	w.WriteString("\n    </li>")
}

// roundCountsGo is the "round-counts" template (partials-glance.html).
func roundCountsGo(w *htmlOut, rd round) {
	w.WriteString("\n<ul class=\"round-counts\">\n  <li><span class=\"light-n\">" + strconv.Itoa(rd.Reported) + "</span> ")
	if rd.Reported == 1 {
		w.WriteString("afspraak")
	} else {
		w.WriteString("afspraken")
	}
	w.WriteString(" gerapporteerd</li>\n  <li><span class=\"light-n\">" + strconv.Itoa(len(rd.NewlyDone)) + "</span> nieuw gerealiseerd</li>\n  <li><span class=\"light-n\">" +
		strconv.Itoa(len(rd.NewlyLate)) + "</span> nieuw vertraagd of verlopen</li>\n  <li><span class=\"light-n\">" + strconv.Itoa(rd.NotReported()) + "</span> niet gerapporteerd</li>\n</ul>")
}

// lightBarGo is the "light-bar" template (partials-glance.html).
func lightBarGo(w *htmlOut, l lights) {
	if l.Total == 0 {
		return
	}
	w.WriteString("\n<svg class=\"light-bar\" width=\"100%\" height=\"16\" aria-hidden=\"true\">")
	for _, s := range l.Shares() {
		if s.N == 0 {
			continue
		}
		w.wrap("\n  <rect class=\"light-seg light-", s.Class, `" x="`)
		w.wrap("", s.X, `" width="`)
		w.wrap("", s.Width, `" height="100%"/><line class="light-hatch light-`)
		w.wrap("", s.Class, `" x1="`)
		w.wrap("", s.X, `" x2="`)
		w.wrap("", s.End, `" y1="50%" y2="50%"/>`)
	}
	w.WriteString("\n</svg>")
}

// lightLegendGo is the "light-legend" template (partials-glance.html).
func lightLegendGo(w *htmlOut, l lights) {
	w.WriteString("\n<ul class=\"light-legend\">")
	for _, s := range l.Shares() {
		w.WriteString("\n  <li class=\"light-item")
		if s.N == 0 {
			w.WriteString(" light-zero")
		}
		w.wrap(`"><svg class="light-swatch" width="16" height="16" aria-hidden="true"><rect class="light-seg light-`, s.Class, `" width="100%" height="100%"/><line class="light-hatch light-`)
		w.wrap("", s.Class, `" x1="0" x2="100%" y1="50%" y2="50%"/></svg><span class="light-n">`+strconv.Itoa(s.N)+"</span> ")
		w.wrap("", s.Label, "</li>")
	}
	w.WriteString("\n</ul>")
}

// tocLinks are the links of the "toc" of sections ss, added to links.
func tocLinks(r *renderer, ag *a.Agreement, ss []*a.Section, links []string) []string {
	for _, s := range ss {
		links = tocLinks(r, ag, s.Sections, append(links, r.base.path+sectionPath(ag, s)))
	}
	return links
}

// tocGo is the "toc" template (partials.html); its links are checked
// (tocLinks).
func tocGo(w *htmlOut, r *renderer, ag *a.Agreement, ss []*a.Section) {
	w.WriteString("\n<ol>")
	for _, s := range ss {
		w.WriteString("\n  <li><a href=\"")
		w.url(r.base.path + sectionPath(ag, s))
		w.WriteString(`">`)
		if s.Number != "" {
			w.wrap(`<span class="number">`, s.Number, "</span> ")
		}
		w.wrap(`<span class="title">`, s.Title, "</span></a>")
		if s.Area != "" && s.Area != s.Title {
			w.wrap(` <span class="meta">(`, s.Area, ")</span>")
		}
		if len(s.Sections) > 0 {
			tocGo(w, r, ag, s.Sections)
		}
		w.WriteString("\n  </li>")
	}
	w.WriteString("\n</ol>")
}

// commitmentsMainGo is the "main" template of a list of afspraken
// (commitments.html), with "commitment-head".
func commitmentsMainGo(w *htmlOut, p *page) (bool, error) {
	r, ag, f := p.r, p.Agreement, p.Filter
	script := r.asset("filter.js")
	if !linkOK(script) {
		return false, nil
	}
	if f != nil {
		w.WriteString("\n<h1>")
		if f.Kind != "" {
			w.wrap("Afspraken: ", f.Title, "")
		} else {
			w.WriteString("Alle afspraken")
		}
		w.wrap("</h1>\n<p class=\"meta\">", ag.Title, " · ")
		w.wrap("", ag.Municipality, " · status bij de laatste rapportage (")
		w.wrap("", dutch.DateOf(f.At), "). Alleen afspraken worden gevolgd; bepalingen en doelen staan in de tekst van de overeenkomst.</p>")
		live := f.Kind == "" && len(f.Rows) > 0
		w.WriteString("\n<nav class=\"filters\" aria-label=\"Filter de afspraken\"")
		if live {
			w.WriteString(" data-live")
		}
		w.WriteString(">")
		for i := range f.Options {
			if err := w.shared(r, "filter-group", p.Choices(&f.Options[i])); err != nil {
				return true, err
			}
		}
		if live {
			w.WriteString("\n  <p class=\"live-count\" role=\"status\" aria-live=\"polite\"></p>")
		}
		w.WriteString("\n</nav>")
		if len(f.Rows) > 0 {
			w.wrap("\n<div class=\"table-wrap\" role=\"region\" tabindex=\"0\" aria-label=\"Afspraken\">\n<table class=\"commitment-table cards\">\n  <caption>",
				a.Count(len(f.Rows), "afspraak", "afspraken"),
				"</caption>\n<thead><tr><th scope=\"col\">Afspraak</th><th scope=\"col\">Onderdeel</th><th scope=\"col\">Partij</th><th scope=\"col\">Status</th></tr></thead>\n  <tbody>")
			for _, c := range f.Rows {
				row, err := r.commitmentRow(p, c, f.At)
				if err != nil {
					return true, err
				}
				w.WriteString(string(row))
			}
			w.WriteString("\n  </tbody>\n</table>\n</div>")
		} else {
			w.WriteString("\n<p>De overeenkomst bevat geen afspraken waarover voortgang wordt gerapporteerd.</p>")
		}
	}
	w.WriteString("\n<script src=\"")
	w.url(script)
	w.WriteString("\" defer></script>\n")
	return true, nil
}
