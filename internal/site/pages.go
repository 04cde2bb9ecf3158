package site

import (
	"html/template"
	"slices"
	"strings"

	a "github.com/prestatie/prestatie/internal/agreement"
	"github.com/prestatie/prestatie/internal/dutch"
	"github.com/prestatie/prestatie/internal/markdown"
)

// page is what every template gets. Only the fields of its kind are set.
type page struct {
	Site      *a.Site
	Base      string // base path, ends in "/"
	Path      string // this page below the base
	Kind      string
	Canonical string
	IDs       *markdown.IDs
	md        *markdown.Converter
	r         *renderer

	HasPDF    bool   // the agreement's PDF is published beside its page
	Title     string // <h1> and <title>
	Number    string // of the chapter or afspraak shown
	Crumbs    []link
	Agreement *a.Agreement
	Chapter   *a.Chapter
	Afspraak  *a.Afspraak
	Prev      *link
	Next      *link
	Groups    []municipality // home page

	Moment  *moment  // report page
	Filter  *filter  // commitments page
	Moments []moment // reports index
	Feed    string   // path of the page's Atom feed, below the base
}

type link struct {
	Title string
	Path  string // below the base
}

type municipality struct {
	Name       string
	Agreements []*a.Agreement
}

func agreementPath(ag *a.Agreement) string              { return ag.ID + "/" }
func chapterPath(ag *a.Agreement, ch *a.Chapter) string { return ag.ID + "/" + ch.ID + "/" }
func afspraakPath(ag *a.Agreement, ch *a.Chapter, af *a.Afspraak) string {
	return ag.ID + "/" + ch.ID + "/" + af.ID + "/"
}

// pages lists every page of the site in a fixed order.
func (r *renderer) pages() []job {
	s := r.site
	var jobs []job
	add := func(kind, p string, fill func(*page)) { jobs = append(jobs, r.job(kind, p, fill)) }
	add("home", "", func(p *page) {
		p.Title = s.Title
		for _, ag := range s.Agreements {
			if n := len(p.Groups); n > 0 && p.Groups[n-1].Name == ag.Municipality {
				p.Groups[n-1].Agreements = append(p.Groups[n-1].Agreements, ag)
				continue
			}
			p.Groups = append(p.Groups, municipality{Name: ag.Municipality, Agreements: []*a.Agreement{ag}})
		}
	})
	add("404", "404/", func(p *page) { p.Title = "Pagina niet gevonden" })
	for _, ag := range s.Agreements {
		home := link{"Home", ""}
		agLink := link{ag.ShortTitle, agreementPath(ag)}
		add("agreement", agreementPath(ag), func(p *page) {
			p.Title, p.Agreement, p.Crumbs = ag.Title, ag, []link{home}
		})
		jobs = append(jobs, r.progressPages(ag, []link{home, agLink})...)
		// Prev/next follow reading order through chapters and afspraken.
		var order []link
		for _, ch := range ag.Chapters {
			order = append(order, link{ch.Number + " " + ch.Title, chapterPath(ag, ch)})
			for _, af := range ch.Afspraken {
				order = append(order, link{af.Number + " " + af.Title, afspraakPath(ag, ch, af)})
			}
		}
		neighbours := func(p *page) {
			i := slices.IndexFunc(order, func(l link) bool { return l.Path == p.Path })
			if i > 0 {
				p.Prev = &order[i-1]
			}
			if i >= 0 && i+1 < len(order) {
				p.Next = &order[i+1]
			}
		}
		for _, ch := range ag.Chapters {
			add("chapter", chapterPath(ag, ch), func(p *page) {
				p.Title, p.Agreement, p.Chapter, p.Number = ch.Title, ag, ch, ch.Number
				reserve(p, ch.Commitments)
				p.Crumbs = []link{home, agLink}
				neighbours(p)
			})
			for _, af := range ch.Afspraken {
				add("afspraak", afspraakPath(ag, ch, af), func(p *page) {
					p.Title, p.Agreement, p.Chapter, p.Afspraak, p.Number = af.Title, ag, ch, af, af.Number
					reserve(p, af.Commitments)
					p.Crumbs = []link{home, agLink, {ch.Number + " " + ch.Title, chapterPath(ag, ch)}}
					neighbours(p)
				})
			}
		}
	}
	return jobs
}

// reserve keeps Markdown heading ids clear of the commitments' anchors.
func reserve(p *page, cs []*a.Commitment) {
	for _, c := range cs {
		p.IDs.Put([]byte(c.ID))
		for _, it := range c.Items {
			p.IDs.Put([]byte(it.ID))
		}
	}
}

// job makes the page of the given kind at path p below the base.
func (r *renderer) job(kind, p string, fill func(*page)) job {
	file := p + "index.html"
	if kind == "404" {
		file = "404.html"
	}
	return job{kind: kind, path: p, file: file, data: func(pg *page) error {
		pg.md, pg.r = r.md, r
		fill(pg)
		if pg.Agreement != nil { // every page of an agreement offers its feed
			pg.Feed = agreementPath(pg.Agreement) + "feed.xml"
		}
		return nil
	}}
}

// Markdown renders a Markdown body; prefix keeps footnote ids apart.
func (p *page) Markdown(m a.Markdown, prefix string) (template.HTML, error) {
	if strings.TrimSpace(m.Source) == "" {
		return "", nil
	}
	return p.md.Block(m.Source, p.IDs, prefix)
}

// Section renders a Markdown body that sits below an <h2> of the page.
func (p *page) Section(m a.Markdown, prefix string) (template.HTML, error) {
	if strings.TrimSpace(m.Source) == "" {
		return "", nil
	}
	return p.md.Section(m.Source, p.IDs, prefix, 1)
}

// Inline renders a short Markdown text such as a commitment.
func (p *page) Inline(s string) (template.HTML, error) { return p.md.Inline(s) }

// ChapterLabel is "4 Beschikbaarheid" or "Bijlage 1 Regels passend toewijzen".
func ChapterLabel(ch *a.Chapter) string { return ch.Number + " " + ch.Title }

// group is one "Bijdrage <partij>" list with its heading.
type group struct {
	Heading     string
	ID          string
	Commitments []*a.Commitment
}

// Contributions groups commitments as the agreement model orders them.
func (p *page) Contributions(cs []*a.Commitment) []group {
	var gs []group
	for _, g := range p.Agreement.Groups(cs) {
		h := dutch.GroupHeading(g)
		gs = append(gs, group{Heading: h, ID: p.IDs.Unique(markdown.Slug(h)), Commitments: g.Commitments})
	}
	return gs
}
