package site

import (
	"slices"
	"strings"

	a "github.com/prestatie/prestatie/internal/agreement"
	"github.com/prestatie/prestatie/internal/dutch"
)

// locate maps every item of the site to its place: the page it is on (its
// section's, or the agreement page for the preamble's) with its anchor.
func locate(s *a.Site) map[*a.Item]string {
	m := map[*a.Item]string{}
	for _, ag := range s.Agreements {
		ag.EachItem(func(it *a.Item) {
			p := agreementPath(ag)
			if it.Section != nil {
				p = sectionPath(ag, it.Section)
			}
			m[it] = p + "#" + it.ID
		})
	}
	return m
}

// places maps, per agreement, the id of every onderdeel and item to its
// page (an item with its anchor: its place in where, whose strings it
// shares), so that a link "#id" in the text reaches a place on another
// page. The first in document order keeps an id that two share, as in
// the PDF.
func places(s *a.Site, where map[*a.Item]string) map[*a.Agreement]map[string]string {
	out := map[*a.Agreement]map[string]string{}
	for _, ag := range s.Agreements {
		m := map[string]string{}
		add := func(id, path string) {
			if _, ok := m[id]; !ok && id != "" {
				m[id] = path
			}
		}
		ag.EachItem(func(it *a.Item) { // the preamble's come first
			if it.Section == nil {
				add(it.ID, where[it])
			}
		})
		ag.EachSection(func(sec *a.Section) {
			add(sec.ID, sectionPath(ag, sec))
			for _, it := range a.ItemsOf(sec) {
				add(it.ID, where[it])
			}
		})
		out[ag] = m
	}
	return out
}

// moment is one monitoring report (rapportage).
type moment struct {
	Date    a.Date
	Slug    string
	Label   string // "2e kwartaal 2023"
	Prev    *a.Date
	Report  *a.Report
	Changes []a.Change
}

func (m moment) Path(ag *a.Agreement) string { return reportPath(ag, m.Date) }

// The site's own pages of an agreement sit in its folder voortgang/,
// which the content reserves for report narratives, so that they never
// take the name of an onderdeel (a chapter may well be called
// "Afspraken"). Report slugs (2023-q4, 2024-03-31) cannot clash with them.
func progressPath(ag *a.Agreement) string { return agreementPath(ag) + "voortgang/" }

// listPath is the list of afspraken, with its filters below it.
func listPath(ag *a.Agreement) string { return progressPath(ag) + "afspraken/" }

// dataPath is the open data: the page and its files.
func dataPath(ag *a.Agreement) string { return progressPath(ag) + "data/" }

// moments lists the monitoring moments that have been reached: up to the
// latest report, plus any with a narrative. Oldest first.
func moments(ag *a.Agreement) []moment {
	last := ag.LatestReport()
	var out []moment
	var prev *a.Date
	for _, d := range ag.Moments() {
		if last.Before(d) && ag.Report(d) == nil {
			continue
		}
		m := moment{Date: d, Slug: a.MomentSlug(d), Label: momentLabel(d), Prev: prev, Report: ag.Report(d)}
		from := a.Date{}
		if prev != nil {
			from = *prev
		}
		m.Changes = ag.ChangesSince(from, d)
		out = append(out, m)
		prev = &out[len(out)-1].Date
	}
	return out
}

func momentLabel(d a.Date) string {
	if s := a.MomentSlug(d); len(s) == 7 && s[5] == 'q' {
		return string(s[6]) + "e kwartaal " + s[:4]
	}
	return dutch.DateOf(d)
}

func (r *renderer) progressPages(ag *a.Agreement, crumbs []link) []job {
	var jobs []job
	ms := r.moments[ag]
	reportsPath := progressPath(ag)
	jobs = append(jobs, r.job("reports", reportsPath, func(p *page) error {
		p.Title, p.Agreement, p.Crumbs = "Rapportages", ag, crumbs
		p.Moments = slices.Clone(ms)
		slices.Reverse(p.Moments) // newest first
		return nil
	}))
	for i := range ms {
		m := ms[i]
		jobs = append(jobs, r.job("report", m.Path(ag), func(p *page) error {
			p.Title, p.Agreement, p.Moment = "Rapportage "+m.Label, ag, &m
			p.Crumbs = append(slices.Clone(crumbs), link{"Rapportages", reportsPath})
			if i > 0 {
				p.Prev = &link{"Rapportage " + ms[i-1].Label, ms[i-1].Path(ag)}
			}
			if i+1 < len(ms) {
				p.Next = &link{"Rapportage " + ms[i+1].Label, ms[i+1].Path(ag)}
			}
			return nil
		}))
	}
	// The filters are made again when their pages render (filtersOf):
	// held from here to the end of the build, they were 5 MB at 800
	// agreements.
	for i, f := range filters(ag) {
		all := f.Kind == ""
		jobs = append(jobs, r.job("commitments", f.Path, func(p *page) error {
			f := &r.filtersOf(ag)[i]
			p.Title, p.Agreement, p.Filter = f.Title, ag, f
			p.Crumbs = crumbs
			if !all {
				p.Crumbs = append(slices.Clone(crumbs), link{"Alle afspraken", listPath(ag)})
			}
			return nil
		}))
	}
	jobs = append(jobs, r.job("data", dataPath(ag), func(p *page) error {
		p.Title, p.Agreement, p.Crumbs = "Open data", ag, crumbs
		return nil
	}))
	return jobs
}

// Dashboard is the agreement's state at its latest report.
func (p *page) Dashboard() dashboard {
	ag := p.Agreement
	at := ag.AsOf()
	d := dashboard{At: at, Reported: !ag.LatestReport().IsZero(), Tally: ag.DashboardAt(at)}
	for _, t := range a.Statuses {
		d.Columns = append(d.Columns, column{Status: t.ID, Label: t.Label})
	}
	d.Columns = append(d.Columns, column{Label: a.NoReport})
	for _, g := range ag.Groups {
		d.Groups = append(d.Groups, groupTally{Group: g, Tally: a.Tally{ByStatus: map[a.Status]int{}}})
	}
	ag.EachCommitment(func(c *a.Item) {
		s, e := c.StatusAt(at)
		if s == a.Delayed || c.Overdue(at) {
			d.Attention = append(d.Attention, attention{C: c, Status: s, Entry: e, Overdue: c.Overdue(at), Path: p.r.where[c], At: at})
		}
		for i := range d.Groups {
			if slices.Contains(c.Binding.Groups, d.Groups[i].Group) {
				t := &d.Groups[i].Tally
				t.Total++
				if s == "" {
					t.NoReport++
				} else {
					t.ByStatus[s]++
				}
				if c.Overdue(at) {
					t.Overdue++
				}
			}
		}
	})
	return d
}

// groupTally is one unnamed group's row of the table per party: the
// afspraken that bind the group.
type groupTally struct {
	Group *a.PartyGroup
	a.Tally
}

type dashboard struct {
	At        a.Date
	Reported  bool
	Tally     a.Dashboard
	Columns   []column
	Attention []attention
	Groups    []groupTally
}

type column struct {
	Status a.Status // "" for geen rapportage
	Label  string
}

// Count is the number in a tally for one column.
func (c column) Count(t a.Tally) int {
	if c.Status == "" {
		return t.NoReport
	}
	return t.ByStatus[c.Status]
}

type attention struct {
	C       *a.Item
	Status  a.Status
	Entry   *a.ProgressEntry
	Overdue bool
	Path    string
	At      a.Date // the round the dashboard shows
}

// Age is when the status of an afspraak that asks attention was reported.
func (t attention) Age() StatusAge {
	if t.Entry == nil {
		return StatusAge{}
	}
	return StatusAge{Reported: t.Entry.Date, Stale: stale(t.Status, t.Entry, t.At)}
}

// ItemPath is where an item is shown, below the base, with its anchor.
func (p *page) ItemPath(it *a.Item) string { return p.r.where[it] }

// statusSlug names a state in URLs and filters, in Dutch:
// "op-schema", "geen-rapportage".
func statusSlug(s a.Status) string { return strings.ReplaceAll(s.Label(), " ", "-") }

// noParty is the filter key of afspraken that name no party.
const noParty = "zonder-partij"

// bindingKeys are the filter keys of who an item binds: party and group
// ids, or noParty.
func bindingKeys(b a.Binding) []string {
	if b.None() {
		return []string{noParty}
	}
	var keys []string
	for _, p := range b.Parties {
		keys = append(keys, p.ID)
	}
	for _, g := range b.Groups {
		keys = append(keys, g.ID)
	}
	return keys
}

// topKey is the filter key of an item's top-level section, "" for the
// preamble.
func topKey(it *a.Item) string {
	if t := it.Top(); t != nil {
		return t.ID
	}
	return ""
}

// filter is one view of the list of afspraken: all, or one top-level
// section, party or state.
type filter struct {
	Kind    string // "", "onderdeel", "partij", "status"
	Key     string
	Title   string
	Path    string
	At      a.Date
	Rows    []*a.Item
	Options []filterGroup
}

// filterGroup is one kind of choice of the filter (onderdeel, partij,
// status): a link per choice, each a page of its own without JavaScript
// and an instant filter with it (filter.js), and All, the link that lifts
// the choice ("alle onderdelen").
type filterGroup struct {
	Kind, Label, All string
	List             string // the list of all afspraken, below the base
	Links            []filterLink
}

// filterLink is one choice: its page and the key filter.js matches rows on.
type filterLink struct {
	Title, Path, Key string
}

// filterMemo is how many agreements' filters the renderer keeps: the
// pages of an agreement render together, one per core.
const filterMemo = 16

// filtersOf are the filters of ag, the same values (and so the same
// shared parts, memo.go) for all its pages while they are in the memo.
func (r *renderer) filtersOf(ag *a.Agreement) []filter {
	r.filterMu.Lock()
	defer r.filterMu.Unlock()
	if fs, ok := r.filterSets[ag]; ok {
		return fs
	}
	if r.filterSets == nil || len(r.filterSets) >= filterMemo {
		r.filterSets = map[*a.Agreement][]filter{}
	}
	fs := filters(ag)
	r.filterSets[ag] = fs
	return fs
}

func filters(ag *a.Agreement) []filter {
	at := ag.AsOf()
	base := listPath(ag)
	var all []*a.Item
	ag.EachCommitment(func(c *a.Item) { all = append(all, c) })
	status := func(c *a.Item) a.Status { s, _ := c.StatusAt(at); return s }

	var out []filter
	opts := []filterGroup{{Kind: "onderdeel", Label: "Onderdeel", All: "alle onderdelen", List: base}, {Kind: "partij", Label: "Partij", All: "alle partijen", List: base}, {Kind: "status", Label: "Status", All: "alle statussen", List: base}}
	add := func(kind, key, title string, keep func(*a.Item) bool) {
		f := filter{Kind: kind, Key: key, Title: title, Path: base, At: at}
		if kind != "" {
			f.Path = base + kind + "/" + key + "/"
		}
		for _, c := range all {
			if keep(c) {
				f.Rows = append(f.Rows, c)
			}
		}
		if kind != "" && len(f.Rows) == 0 {
			return
		}
		out = append(out, f)
		for i := range opts {
			if opts[i].Kind == kind {
				opts[i].Links = append(opts[i].Links, filterLink{title, f.Path, key})
			}
		}
	}
	add("", "", "Alle afspraken", func(*a.Item) bool { return true })
	for _, s := range ag.Sections {
		add("onderdeel", s.ID, s.Label(), func(c *a.Item) bool { return c.Top() == s })
	}
	for _, pt := range ag.Parties {
		add("partij", pt.ID, pt.Name, func(c *a.Item) bool { return slices.Contains(c.Binding.Parties, pt) })
	}
	for _, g := range ag.Groups {
		add("partij", g.ID, g.Name, func(c *a.Item) bool { return slices.Contains(c.Binding.Groups, g) })
	}
	if !slices.ContainsFunc(ag.Parties, func(p *a.Party) bool { return p.ID == noParty }) {
		add("partij", noParty, "geen partij genoemd", func(c *a.Item) bool { return c.Binding.None() })
	}
	for _, t := range a.Statuses {
		add("status", statusSlug(t.ID), t.Label, func(c *a.Item) bool { return status(c) == t.ID })
	}
	add("status", statusSlug(""), a.NoReport, func(c *a.Item) bool { return status(c) == "" })
	for i := range out {
		out[i].Options = opts
	}
	return out
}
