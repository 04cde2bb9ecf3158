package site

import (
	"html/template"
	"strconv"
	"strings"
	"sync"

	a "github.com/prestatie/prestatie/internal/agreement"
	"github.com/prestatie/prestatie/internal/dutch"
)

func (r *renderer) funcs() template.FuncMap {
	return template.FuncMap{
		// url makes a link from a path below the base.
		"url":          func(p string) string { return r.base.path + p },
		"link":         r.link,  // style.go
		"asset":        r.asset, // assets.go
		"agreementURL": func(ag *a.Agreement) string { return r.base.path + agreementPath(ag) },
		"sectionURL":   func(ag *a.Agreement, s *a.Section) string { return r.base.path + sectionPath(ag, s) },
		"date":         dutch.DateOf,
		// docDate is the agreement's date, or says that the document
		// states none.
		"docDate":  docDate,
		"isoDate":  func(d a.Date) string { return d.String() },
		"number":   dutch.Number,
		"quantity": dutch.Quantity,
		"target":   dutch.Target,
		"targetText": func(t *a.Target) struct{ Label, Text string } {
			l, s := targetText(t)
			return struct{ Label, Text string }{l, s}
		},
		"deadline": dutch.Deadline,
		"period": func(p a.Period) string {
			if p.From == p.To {
				return itoa(p.From)
			}
			return itoa(p.From) + "–" + itoa(p.To)
		},
		"deref":        func(f *float64) float64 { return *f },
		"sectionTrail": sectionTrail,
		"itemLabel":    itemLabel,
		"itemWhere":    itemWhere,
		"binding":      dutch.Binding,
		"bindingLabel": bindingLabel,
		"partyList":    dutch.PartyNames,
		"docStatus":    docStatus,
		"count":        a.Count,
		"figureKey":    a.FigureKeyLabel,
		"figureValue": func(f *a.Figure, v float64) string {
			if f.Kind == a.RentBands {
				return dutch.Percent(v)
			}
			return dutch.Number(v)
		},
		"statusClass":         statusClass,
		"statusSlug":          statusSlug,
		"monitoring":          quarters,
		"lower":               strings.ToLower,
		"contains":            strings.Contains,
		"inline":              r.inline,
		"shorten":             shorten,
		"agreementPath":       agreementPath,
		"reportPath":          reportPath,
		"listPath":            listPath,
		"dataPath":            dataPath,
		"progressPath":        progressPath,
		"isGoal":              func(it *a.Item) bool { return it.Kind == a.Goal },
		"row":                 r.row,
		"history":             r.history,        // items.go
		"commitmentRow":       r.commitmentRow,  // memo.go
		"commitmentRows":      r.commitmentRows, // memo.go
		"shared":              r.shared,
		"commitmentsIn":       a.Commitments,
		"preambleCommitments": preambleCommitments,
		"bindingKeys":         func(b a.Binding) string { return strings.Join(bindingKeys(b), " ") },
		"topKey":              topKey,
		"glance":              r.agreementGlance, // glance.go
		"partyGroups":         partyGroups,
		"tocArgs":             func(ag *a.Agreement, ss []*a.Section) tocArgs { return tocArgs{ag, ss} },
		"columnsArgs":         func(file string, cols []columnDoc) columnsArgs { return columnsArgs{file, cols} },
	}
}

// inlineMemo is how many inline texts the renderer keeps: the same note
// or afspraak is shown on many pages of its agreement (its onderdeel, the
// reports, the lists by party, onderdeel and status), and the pages of an
// agreement are rendered together, so a small memo that is emptied when
// full saves most of the Markdown conversions (a seventh of a rebuild of
// the default site) without holding every text of a large site.
const inlineMemo = 4096

// inline renders a short Markdown text without its paragraph (Inline),
// once per text while it is in the memo.
func (r *renderer) inline(src string) (template.HTML, error) {
	if h, ok := r.inlined.get(src); ok {
		return h, nil
	}
	h, err := r.md.Inline(src)
	if err != nil {
		return h, err
	}
	r.inlined.put(src, h, inlineMemo)
	return h, nil
}

// memo is a map for several goroutines that is emptied when it is full,
// so that it never holds more than what the pages of a few agreements
// share.
type memo[K comparable] struct {
	mu sync.Mutex
	m  map[K]template.HTML
}

func (m *memo[K]) get(k K) (template.HTML, bool) {
	m.mu.Lock()
	defer m.mu.Unlock()
	h, ok := m.m[k]
	return h, ok
}

func (m *memo[K]) put(k K, h template.HTML, max int) {
	m.mu.Lock()
	defer m.mu.Unlock()
	if m.m == nil || len(m.m) >= max {
		m.m = map[K]template.HTML{}
	}
	m.m[k] = h
}

// docDate is the agreement's date in words, or "datum niet vermeld".
func docDate(d a.Date) string {
	if d.IsZero() {
		return "datum niet vermeld"
	}
	return dutch.DateOf(d)
}

// docStatus is where the document stands, with how it is signed when it
// is signed digitally: "Ondertekend (digitaal ondertekend)" reads
// badly, so a signed digital document is "Digitaal ondertekend".
func docStatus(ag *a.Agreement) string {
	if ag.Signing != a.Digital {
		return ag.Status.Label()
	}
	switch ag.Status {
	case a.Signed:
		return "Digitaal ondertekend"
	case a.ForSignature:
		return "Ter ondertekening (digitaal)"
	}
	return ag.Status.Label()
}

// partyGroup is the parties under one heading of the document's own
// grouping ("Woningcorporaties"); Name is "" when the document groups none.
type partyGroup struct {
	Name    string
	Parties []*a.Party
}

func partyGroups(ps []*a.Party) []partyGroup {
	var gs []partyGroup
	for _, p := range ps {
		i := len(gs) - 1
		for j, g := range gs {
			if g.Name == p.Group {
				i = j
			}
		}
		if i < 0 || gs[i].Name != p.Group {
			gs = append(gs, partyGroup{Name: p.Group})
			i = len(gs) - 1
		}
		gs[i].Parties = append(gs[i].Parties, p)
	}
	return gs
}

// rowArgs is one afspraak C in a table of afspraken of page Page that
// shows their state at At. What the row shows is computed beforehand, as
// fields: a field costs the template far less than a call.
type rowArgs struct {
	Page   *page
	C      *a.Item
	At     a.Date // the round the table shows
	Status a.Status
	Entry  *a.ProgressEntry // the entry the status comes from; nil for geen rapportage

	Text     template.HTML // the afspraak's text (inline)
	Deel     string        // filter key of its top-level onderdeel (topKey)
	Partijen string        // filter keys of whom it binds (bindingKeys)
	Slug     string        // of its status (statusSlug)
	Class    string        // of its status (statusClass)
	Label    string        // its status in words
	URL      string        // where it is shown
	Where    string        // the onderdeel (or the preamble) it is in
	Binding  string        // whom it binds, "" for no party named
	Overdue  bool          // past its deadline at At
	// Age is when the row's status was reported, and whether that is
	// before the round the table shows.
	Age StatusAge
}

// row is afspraak c in a table of page p that shows the state at date at.
func (r *renderer) row(p *page, c *a.Item, at a.Date) (rowArgs, error) {
	s, e := c.StatusAt(at)
	text, err := r.inline(c.Text)
	v := rowArgs{Page: p, C: c, At: at, Status: s, Entry: e, Text: text,
		Deel: topKey(c), Partijen: strings.Join(bindingKeys(c.Binding), " "), Slug: statusSlug(s), Class: statusClass(s),
		Label: s.Label(), URL: r.base.path + r.where[c], Where: itemWhere(c), Binding: dutch.Binding(c.Binding), Overdue: c.Overdue(at)}
	if c.Section == nil && p.Agreement.PreambleTitle != "" {
		v.Where = p.Agreement.PreambleTitle
	}
	if e != nil {
		v.Age = StatusAge{Reported: e.Date, Stale: stale(s, e, at)}
	}
	return v, err
}

func statusClass(s a.Status) string {
	if s == "" {
		return "geen"
	}
	return string(s)
}

// tocArgs is what the "toc" template needs: the agreement (for the URLs)
// and the sections to list.
type tocArgs struct {
	Agreement *a.Agreement
	Sections  []*a.Section
}

func itoa(n int) string { return strconv.Itoa(n) }

// columnsArgs is what the "columns" template of the data page needs.
type columnsArgs struct {
	File    string
	Columns []columnDoc
}

// quarters names monitoring quarters the way the pages do, never "Q2":
// "het 2e en 4e kwartaal", "het 4e kwartaal".
func quarters(qs []int) string {
	var s []string
	for _, q := range qs {
		s = append(s, itoa(q)+"e")
	}
	return "het " + dutch.List(s) + " kwartaal"
}

// preambleCommitments are the afspraken of the text before the first
// section, in document order.
func preambleCommitments(ag *a.Agreement) []*a.Item {
	var out []*a.Item
	var walk func([]*a.Item)
	walk = func(its []*a.Item) {
		for _, it := range its {
			if it.Monitored() {
				out = append(out, it)
			}
			walk(it.Items)
		}
	}
	walk(ag.Items)
	return out
}
