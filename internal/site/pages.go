package site

import (
	"fmt"
	"html/template"
	"slices"
	"strconv"
	"strings"

	a "github.com/prestatie/prestatie/internal/agreement"
	"github.com/prestatie/prestatie/internal/markdown"
	"github.com/yuin/goldmark/ast"
)

// page is what every template gets. Only the fields of its kind are set.
type page struct {
	Site      *a.Site
	Base      string // base path, ends in "/"
	Path      string // this page below the base
	Kind      string
	Canonical string
	IDs       *markdown.IDs

	// What the frame of every page (base.html) shows, computed once
	// before the page is rendered: a field costs the template far less
	// than a method.
	Description string    // meta description
	Style       *a.Style  // the site's house style
	OwnFavicon  string    // the site's own favicon below the base; "" for the theme's
	HasCharts   bool      // the page draws a chart, and so needs the scripts
	IsDraft     bool      // the page shows a draft
	Updated     a.Date    // "laatst bijgewerkt"; zero when the page has none
	Frame       frameArgs // what the shared parts of the frame read (memo.go)
	Trail       trailArgs // the links of the breadcrumbs (memo.go)
	md          *markdown.Converter
	r           *renderer
	anchors     map[string]string // Anchor's ids

	HasPDF    bool   // the agreement's PDF is published beside its page
	Title     string // <h1> and <title>
	Number    string // of the section shown; "" when it has none
	Crumbs    []link
	Agreement *a.Agreement
	Section   *a.Section // section page
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

// municipality is one group of the home page: the families of agreements
// whose root belongs to that municipality.
type municipality struct {
	Name       string
	Agreements []*a.Agreement // roots of families, in site order
}

func agreementPath(ag *a.Agreement) string { return ag.ID + "/" }

// sectionPath is a section's page: the ids of its path below the
// agreement, "alphen-chaam-2023-2024/beschikbaarheid/nieuwbouw/".
func sectionPath(ag *a.Agreement, s *a.Section) string {
	var b strings.Builder
	b.WriteString(agreementPath(ag))
	writeIDs(&b, s)
	return b.String()
}

// writeIDs writes the ids of s and the sections above it, top first, each
// with a "/" (from the parents: Path would make a slice every time).
func writeIDs(b *strings.Builder, s *a.Section) {
	if s == nil {
		return
	}
	writeIDs(b, s.Parent)
	b.WriteString(s.ID)
	b.WriteByte('/')
}

// pages lists every page of the site in a fixed order.
func (r *renderer) pages() ([]job, error) {
	s := r.site
	var jobs []job
	add := func(kind, p string, fill func(*page) error) { jobs = append(jobs, r.job(kind, p, fill)) }
	add("home", "", func(p *page) error {
		p.Title = s.Title
		for _, ag := range s.Agreements {
			if ag.PartOf != nil {
				continue // shown under the agreement it is part of
			}
			if n := len(p.Groups); n > 0 && p.Groups[n-1].Name == ag.Municipality {
				p.Groups[n-1].Agreements = append(p.Groups[n-1].Agreements, ag)
				continue
			}
			p.Groups = append(p.Groups, municipality{Name: ag.Municipality, Agreements: []*a.Agreement{ag}})
		}
		return nil
	})
	add("404", "404/", func(p *page) error { p.Title = "Pagina niet gevonden"; return nil })
	add("search", searchPath, func(p *page) error {
		p.Title, p.Crumbs = "Zoeken", []link{{"Home", ""}}
		return nil
	})
	add("accessibility", accessibilityPath, func(p *page) error {
		p.Title, p.Crumbs = "Toegankelijkheidsverklaring", []link{{"Home", ""}}
		return nil
	})
	for _, ag := range s.Agreements {
		home := link{"Home", ""}
		agLink := link{ag.ShortTitle, agreementPath(ag)}
		add("agreement", agreementPath(ag), func(p *page) error {
			p.Title, p.Agreement, p.Crumbs = ag.Title, ag, []link{home}
			return r.reserve(p, ag.Items, ag.Figures)
		})
		jobs = append(jobs, r.progressPages(ag, []link{home, agLink})...)
		// Prev/next follow reading order through the sections.
		var order []link
		ag.EachSection(func(sec *a.Section) {
			order = append(order, link{sec.Label(), sectionPath(ag, sec)})
		})
		neighbours := func(p *page) {
			i := slices.IndexFunc(order, func(l link) bool { return l.Path == p.Path })
			if i > 0 {
				p.Prev = &order[i-1]
			}
			if i >= 0 && i+1 < len(order) {
				p.Next = &order[i+1]
			}
		}
		ag.EachSection(func(sec *a.Section) {
			add("section", sectionPath(ag, sec), func(p *page) error {
				p.Title, p.Agreement, p.Section, p.Number = sec.Title, ag, sec, sec.Number
				p.Crumbs = []link{home, agLink}
				for _, up := range sec.Path() {
					if up != sec {
						p.Crumbs = append(p.Crumbs, link{up.Label(), sectionPath(ag, up)})
					}
				}
				neighbours(p)
				return r.reserve(p, sec.Items, sec.Figures)
			})
		})
	}
	return jobs, nil
}

// reserve keeps Markdown heading ids clear of the items' anchors and the
// charts' ids, and refuses an item id the page template uses itself.
func (r *renderer) reserve(p *page, items []*a.Item, figs []*a.Figure) error {
	var err error
	var walk func([]*a.Item)
	walk = func(its []*a.Item) {
		for _, it := range its {
			if slices.Contains(reservedIDs, it.ID) && err == nil {
				err = fmt.Errorf("%s: de id %q gebruikt de site zelf op de pagina; kies een andere id voor dit item", it.Pos, it.ID)
			}
			p.IDs.Put([]byte(it.ID))
			walk(it.Items)
		}
	}
	walk(items)
	for _, v := range r.pageCharts(p.Path, figs) {
		p.IDs.Put([]byte(v.ID))
	}
	return err
}

// job makes the page of the given kind at path p below the base.
func (r *renderer) job(kind, p string, fill func(*page) error) job {
	file := p + "index.html"
	if kind == "404" {
		file = "404.html"
	}
	return job{kind: kind, path: p, file: file, data: func(pg *page) error {
		pg.md, pg.r = r.md, r
		if err := fill(pg); err != nil {
			return err
		}
		if pg.Agreement != nil { // every page of an agreement offers its feed
			pg.Feed = agreementPath(pg.Agreement) + "feed.xml"
		}
		return nil
	}}
}

// ID hands out an id for an element of the site's own on this page:
// base, or base-2, … when an item or heading of the document has it.
func (p *page) ID(base string) string { return p.IDs.Unique(base) }

// Anchor is like ID, but gives the same id for the same base every time
// on a page: for an element that other parts of the page link to.
func (p *page) Anchor(base string) string {
	if id, ok := p.anchors[base]; ok {
		return id
	}
	if p.anchors == nil {
		p.anchors = map[string]string{}
	}
	p.anchors[base] = p.ID(base)
	return p.anchors[base]
}

// SectionText renders a Markdown body that sits below an <h2> of the
// page, such as the narrative of a report.
func (p *page) SectionText(m a.Markdown, prefix string) (template.HTML, error) {
	if strings.TrimSpace(m.Source) == "" {
		return "", nil
	}
	return p.md.Section(m.Source, p.IDs, prefix, 1)
}

// Text renders a text of the document (a section's body or the
// preamble) as the document has it, its items in place with what the site
// knows about them after their text. top is the level its highest heading
// gets: 2 below the page's <h1>, 3 below a heading of the page.
func (p *page) Text(m a.Markdown, items []*a.Item, top int) (template.HTML, error) {
	if strings.TrimSpace(m.Source) == "" {
		return "", nil
	}
	byID := map[string]*a.Item{}
	var walk func([]*a.Item)
	walk = func(its []*a.Item) {
		for _, it := range its {
			byID[it.ID] = it
			walk(it.Items)
		}
	}
	walk(items)
	// One parse: layout reads the tree, then Render renders it.
	b := []byte(m.Source)
	doc := p.md.Parse(b, p.IDs, "tekst")
	highest, shown := layout(doc, b, byID)
	shift := 0
	if highest > 0 {
		shift = top - highest
	}
	var failed error
	h, err := p.md.Render(doc, b, p.IDs, shift, func(id string) template.HTML {
		it := byID[id]
		if it == nil {
			return ""
		}
		h, err := p.itemMeta(it)
		if err != nil && failed == nil {
			failed = err
		}
		return h
	}, func(id string) string {
		if to, ok := p.r.places[p.Agreement][id]; ok {
			return p.r.base.path + to
		}
		return ""
	})
	if err == nil {
		err = failed
	}
	return showNumbers(h, byID, shown), err
}

// layout reads what rendering a text needs to know beforehand: the level
// of its highest heading (0 for none), and which items show their number
// by themselves. A number is shown already when it is the ordered list's,
// when the text starts with it, or when the heading just above a paragraph
// does ("### 1.1 Looptijd" above article 1.1); otherwise (a number given
// in the annotation of a bullet or paragraph) the site prints it.
func layout(doc ast.Node, b []byte, byID map[string]*a.Item) (highest int, shown map[string]bool) {
	shown = map[string]bool{}
	ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		if h, ok := n.(*ast.Heading); ok && (highest == 0 || h.Level < highest) {
			highest = h.Level
		}
		if n.Attributes() == nil {
			return ast.WalkContinue, nil
		}
		v, ok := n.AttributeString("id")
		if !ok {
			return ast.WalkContinue, nil
		}
		id, _ := v.([]byte)
		it := byID[string(id)]
		if it == nil || it.Number == "" {
			return ast.WalkContinue, nil
		}
		starts := func(s string) bool {
			s = strings.TrimSpace(s)
			return s == it.Number || strings.HasPrefix(s, it.Number+" ") || strings.HasPrefix(s, it.Number+". ")
		}
		switch {
		case starts(it.Text):
			shown[it.ID] = true
		case n.Kind() == ast.KindListItem:
			if list, ok := n.Parent().(*ast.List); ok && list.IsOrdered() {
				i := 0
				for x := list.FirstChild(); x != nil && x != n; x = x.NextSibling() {
					i++
				}
				shown[it.ID] = strconv.Itoa(list.Start+i) == it.Number
			}
		case n.Kind() == ast.KindParagraph:
			if hd, ok := n.PreviousSibling().(*ast.Heading); ok && hd.Lines().Len() > 0 {
				first := hd.Lines().At(0)
				shown[it.ID] = starts(string(first.Value(b)))
			}
		}
		return ast.WalkContinue, nil
	})
	return highest, shown
}

// showNumbers prints the document's number before the text of each item
// that does not show it by itself (see layout).
func showNumbers(h template.HTML, byID map[string]*a.Item, shown map[string]bool) template.HTML {
	out := string(h)
	for id, it := range byID {
		if it.Number == "" || shown[id] {
			continue
		}
		num := `<span class="number">` + template.HTMLEscapeString(it.Number) + `</span> `
		for _, tag := range []string{"<li", "<p"} {
			open := tag + ` id="` + template.HTMLEscapeString(id) + `">`
			if i := strings.Index(out, open); i >= 0 {
				at := i + len(open)
				if strings.HasPrefix(out[at:], "\n<p>") { // a loose list: into its first paragraph
					at += len("\n<p>")
				}
				out = out[:at] + num + out[at:]
				break
			}
		}
	}
	return template.HTML(out)
}
