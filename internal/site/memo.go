package site

import (
	"html/template"
	"slices"
	"strings"
	"text/template/parse"

	a "github.com/prestatie/prestatie/internal/agreement"
)

// The same afspraak row is shown on many pages of its agreement: the list
// of all afspraken, the lists by onderdeel, party and status, and the
// latest report. Executing the row template took most of the time of
// those pages, so commitmentRow renders each row once while it is in a
// small memo (the pages of an agreement are rendered together).
//
// A row may be shared only when its output does not depend on the page
// it is on: rowMemoKey reads the row template (which a site may override)
// and allows only what every page of the agreement has alike.

// rowMemo is how many rendered rows the renderer keeps; it is emptied
// when full, so a large site never holds all its rows.
const rowMemo = 4096

type rowKey struct {
	tmpl int // which row template rendered it (rowTemplates)
	ag   *a.Agreement
	c    *a.Item
	at   a.Date
}

// rowTemplate names the template of one afspraak row.
const rowTemplate = "commitment-row"

// samePageFields are the fields and methods of the page a row template
// may read and still be shared among the pages of an agreement.
var samePageFields = []string{"Agreement", "ItemPath", "Site", "Base", "HasPDF", "Feed"}

// rowMemoKey is an id of the row template of a page kind and the
// templates it calls, the same for kinds that define them alike, or 0
// when the row's output may depend on the page it is on. It reads the
// parse trees before they are escaped.
func rowMemoKey(t *template.Template, ids map[string]int) int {
	ok := true
	fields := func(ident []string) {
		for i, f := range ident {
			if f == "Page" && (i+1 == len(ident) || !slices.Contains(samePageFields, ident[i+1])) {
				ok = false
			}
		}
	}
	// A DotNode, the row itself, is handed on whole (to a template,
	// checked in turn, or to a function, which cannot reach the page
	// without naming it).
	sig := callTree(t, rowTemplate, func(n parse.Node) { // fast.go
		switch n := n.(type) {
		case *parse.FieldNode:
			fields(n.Ident)
		case *parse.VariableNode:
			fields(n.Ident)
		case *parse.ChainNode:
			fields(n.Field)
		}
	})
	if sig == "" || !ok {
		return 0
	}
	id, found := ids[sig]
	if !found {
		id = len(ids) + 1
		ids[sig] = id
	}
	return id
}

// commitmentRow renders the row of afspraak c in the table of page p
// that shows the state at date at: the template "commitment-row" with
// (row p c at), once per row while it is in the memo.
func (r *renderer) commitmentRow(p *page, c *a.Item, at a.Date) (template.HTML, error) {
	key := rowKey{r.rowKeys[p.Kind], p.Agreement, c, at}
	if key.tmpl != 0 {
		if h, ok := r.rows.get(key); ok {
			return h, nil
		}
	}
	row, err := r.row(p, c, at)
	if err != nil {
		return "", err
	}
	var b htmlOut                                         // its String does not copy
	if !r.fast(p.Kind, rowTemplate) || !rowGo(&b, &row) { // fast.go
		b.Reset()
		if err := r.pages_[p.Kind].ExecuteTemplate(&b, rowTemplate, row); err != nil {
			return "", err
		}
	}
	h := template.HTML(b.String())
	if key.tmpl != 0 {
		r.rows.put(key, h, rowMemo)
	}
	return h, nil
}

// commitmentRows are the rows (commitmentRow) of afspraken cs: one call
// for a table instead of one per row.
func (r *renderer) commitmentRows(p *page, cs []*a.Item, at a.Date) (template.HTML, error) {
	rows := make([]template.HTML, len(cs))
	n := 0
	for i, c := range cs {
		h, err := r.commitmentRow(p, c, at)
		if err != nil {
			return "", err
		}
		rows[i], n = h, n+len(h)
	}
	var b strings.Builder
	b.Grow(n)
	for _, h := range rows {
		b.WriteString(string(h))
	}
	return template.HTML(b.String()), nil
}

// Parts of a page that many pages have alike — the head's links, the
// site header and the footer of every page, a group of choices of the
// filter of afspraken — are rendered by shared from a value that holds all
// they read and no page: their output depends on that value alone (the
// template functions depend on their arguments alone), so each is
// rendered once per distinct value while it is in the memo.

// sharedMemo is how many shared parts the renderer keeps.
const sharedMemo = 2048

// sharedArgs is the value a shared part is rendered from; comparable, it
// is the part's key in the memo.
type sharedArgs interface {
	templates() string // the page kind whose templates render the part
	// alike is the value without the kind: the kinds whose templates
	// define the part alike share it.
	alike() sharedArgs
}

type sharedKey struct {
	name string
	tmpl int // the part's template, as the page kind defines it (tmplIDs)
	args sharedArgs
}

// shared renders the template name with args, once per distinct (name,
// args) while it is in the memo.
func (r *renderer) shared(name string, args sharedArgs) (template.HTML, error) {
	key := sharedKey{name, r.tmplIDs[args.templates()][name], args.alike()}
	if h, ok := r.parts.get(key); ok {
		return h, nil
	}
	var b htmlOut                                                                                     // its String does not copy
	if fast := sharedGo[name]; fast == nil || !r.fast(args.templates(), name) || !fast(&b, r, args) { // fast.go
		b.Reset()
		if err := r.pages_[args.templates()].ExecuteTemplate(&b, name, args); err != nil {
			return "", err
		}
	}
	h := template.HTML(b.String())
	r.parts.put(key, h, sharedMemo)
	return h, nil
}

// frameArgs is what the shared parts of a page's frame may read.
type frameArgs struct {
	Site       *a.Site
	Style      *a.Style
	Agreement  *a.Agreement // nil on the pages of the whole site
	OwnFavicon string       // below the base; "" for the theme's
	Updated    a.Date       // the page's "laatst bijgewerkt"
	Search     bool         // the page is the search page
	kind       string
}

func (f frameArgs) templates() string { return f.kind }
func (f frameArgs) alike() sharedArgs { f.kind = ""; return f }

func frame(p *page) frameArgs {
	return frameArgs{Site: p.Site, Style: p.Style, Agreement: p.Agreement, OwnFavicon: p.OwnFavicon,
		Updated: p.Updated, Search: p.Kind == "search", kind: p.Kind}
}

// choicesArgs is what a group of choices of the filter of afspraken
// shows on one list: the list of all afspraken lets filter.js filter in
// place (Live), the list of one choice marks it (Current) and links back
// to all (Chosen: the list's choice is of this group).
type choicesArgs struct {
	Group   *filterGroup
	Live    bool
	Chosen  bool
	Current string // the list's path when it is one of the group's choices
	kind    string
}

func (c choicesArgs) templates() string { return c.kind }
func (c choicesArgs) alike() sharedArgs { c.kind = ""; return c }

// Choices is what group g shows on this list (shared "filter-group").
func (p *page) Choices(g *filterGroup) choicesArgs {
	f := p.Filter
	c := choicesArgs{Group: g, Live: f.Kind == "", Chosen: f.Kind == g.Kind, kind: p.Kind}
	for _, l := range g.Links {
		if l.Path == f.Path {
			c.Current = f.Path
		}
	}
	return c
}

// templateIDs are ids of the templates a page kind defines, the same for
// kinds that define one alike (parsed from the same text). The ids are
// read from the parse trees before they are escaped.
func templateIDs(t *template.Template, ids map[string]int) map[string]int {
	out := map[string]int{}
	for _, x := range t.Templates() {
		if x.Tree == nil || x.Tree.Root == nil {
			continue
		}
		sig := x.Name() + "\x00" + x.Tree.Root.String()
		id, ok := ids[sig]
		if !ok {
			id = len(ids) + 1
			ids[sig] = id
		}
		out[x.Name()] = id
	}
	return out
}

// trailArgs are the links of the breadcrumbs above a page: the pages of
// an agreement have few trails, kept once each (renderer.trail).
type trailArgs struct {
	*trail
	kind string
}

type trail struct{ Links []link }

func (t trailArgs) templates() string { return t.kind }
func (t trailArgs) alike() sharedArgs { t.kind = ""; return t }

// trail is the one trail with the links ls.
func (r *renderer) trail(ls []link, kind string) trailArgs {
	var key strings.Builder
	for _, l := range ls {
		key.WriteString(l.Path + "\x00" + l.Title + "\x00")
	}
	t, _ := r.trails.LoadOrStore(key.String(), &trail{Links: ls})
	return trailArgs{t.(*trail), kind}
}
