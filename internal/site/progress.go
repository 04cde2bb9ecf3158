package site

import (
	"slices"

	a "github.com/prestatie/prestatie/internal/agreement"
	"github.com/prestatie/prestatie/internal/dutch"
)

// location is where a commitment is shown.
type location struct {
	Agreement *a.Agreement
	Chapter   *a.Chapter
	Afspraak  *a.Afspraak // nil for a chapter's own commitments
}

// Path is the commitment's page below the base, with its anchor.
func (l location) Path(c *a.Commitment) string {
	if l.Afspraak != nil {
		return afspraakPath(l.Agreement, l.Chapter, l.Afspraak) + "#" + c.ID
	}
	return chapterPath(l.Agreement, l.Chapter) + "#" + c.ID
}

func locate(s *a.Site) map[*a.Commitment]location {
	m := map[*a.Commitment]location{}
	put := func(l location, cs []*a.Commitment) {
		for _, c := range cs {
			m[c] = l
			for _, it := range c.Items {
				m[it] = l
			}
		}
	}
	for _, ag := range s.Agreements {
		for _, ch := range ag.Chapters {
			put(location{ag, ch, nil}, ch.Commitments)
			for _, af := range ch.Afspraken {
				put(location{ag, ch, af}, af.Commitments)
			}
		}
	}
	return m
}

// moment is one monitoring report.
type moment struct {
	Date    a.Date
	Slug    string
	Label   string // "2e kwartaal 2023"
	Prev    *a.Date
	Report  *a.Report
	Changes []a.Change
	Entries int // progress entries dated on this moment
}

func (m moment) Path(ag *a.Agreement) string { return agreementPath(ag) + "voortgang/" + m.Slug + "/" }

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
		ag.EachCommitment(func(c *a.Commitment) {
			for _, e := range c.Progress {
				if e.Date == d {
					m.Entries++
				}
			}
		})
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
	reportsPath := agreementPath(ag) + "voortgang/"
	jobs = append(jobs, r.job("reports", reportsPath, func(p *page) {
		p.Title, p.Agreement, p.Crumbs = "Voortgangsrapportages", ag, crumbs
		p.Moments = slices.Clone(ms)
		slices.Reverse(p.Moments) // newest first
	}))
	for i := range ms {
		m := ms[i]
		jobs = append(jobs, r.job("report", m.Path(ag), func(p *page) {
			p.Title, p.Agreement, p.Moment = "Voortgang "+m.Label, ag, &m
			p.Crumbs = append(slices.Clone(crumbs), link{"Voortgangsrapportages", reportsPath})
			if i > 0 {
				p.Prev = &link{"Voortgang " + ms[i-1].Label, ms[i-1].Path(ag)}
			}
			if i+1 < len(ms) {
				p.Next = &link{"Voortgang " + ms[i+1].Label, ms[i+1].Path(ag)}
			}
		}))
	}
	for _, f := range filters(ag, r.where) {
		jobs = append(jobs, r.job("commitments", f.Path, func(p *page) {
			p.Title, p.Agreement, p.Filter = f.Title, ag, &f
			p.Crumbs = crumbs
			if f.Kind != "" {
				p.Crumbs = append(slices.Clone(crumbs), link{"Alle afspraken", agreementPath(ag) + "afspraken/"})
			}
		}))
	}
	jobs = append(jobs, r.job("data", agreementPath(ag)+"data/", func(p *page) {
		p.Title, p.Agreement, p.Crumbs = "Open data", ag, crumbs
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
	ag.EachCommitment(func(c *a.Commitment) {
		s, e := c.StatusAt(at)
		if s == a.Delayed || c.Overdue(at) {
			d.Attention = append(d.Attention, attention{C: c, Status: s, Entry: e, Overdue: c.Overdue(at), Path: p.r.where[c].Path(c)})
		}
	})
	return d
}

type dashboard struct {
	At        a.Date
	Reported  bool
	Tally     a.Dashboard
	Columns   []column
	Attention []attention
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
	C       *a.Commitment
	Status  a.Status
	Entry   *a.ProgressEntry
	Overdue bool
	Path    string
}

// CommitmentPath is where a commitment is shown, below the base.
func (p *page) CommitmentPath(c *a.Commitment) string { return p.r.where[c].Path(c) }

// Where is the chapter and afspraak a commitment belongs to.
func (p *page) Where(c *a.Commitment) location { return p.r.where[c] }

// filter is one view of the commitments list: all, or one theme, party or state.
type filter struct {
	Kind    string // "", "thema", "partij", "status"
	Key     string
	Title   string
	Path    string
	At      a.Date
	Rows    []*a.Commitment
	Options []filterGroup
}

type filterGroup struct {
	Kind, Label string
	Links       []link
}

func filters(ag *a.Agreement, where map[*a.Commitment]location) []filter {
	at := ag.AsOf()
	base := agreementPath(ag) + "afspraken/"
	var all []*a.Commitment
	ag.EachCommitment(func(c *a.Commitment) { all = append(all, c) })
	status := func(c *a.Commitment) a.Status { s, _ := c.StatusAt(at); return s }

	var out []filter
	opts := []filterGroup{{Kind: "thema", Label: "Thema"}, {Kind: "partij", Label: "Partij"}, {Kind: "status", Label: "Status"}}
	add := func(kind, key, title string, keep func(*a.Commitment) bool) {
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
				opts[i].Links = append(opts[i].Links, link{title, f.Path})
			}
		}
	}
	add("", "", "Alle afspraken", func(*a.Commitment) bool { return true })
	for _, ch := range ag.Chapters {
		add("thema", ch.ID, ch.Number+" "+ch.Title, func(c *a.Commitment) bool { return where[c].Chapter == ch })
	}
	for _, pt := range ag.Parties {
		add("partij", pt.ID, pt.Name, func(c *a.Commitment) bool { return slices.Contains(c.Binding.Parties, pt) })
	}
	for _, t := range a.Statuses {
		add("status", string(t.ID), t.Label, func(c *a.Commitment) bool { return status(c) == t.ID })
	}
	add("status", "geen-rapportage", a.NoReport, func(c *a.Commitment) bool { return status(c) == "" })
	for i := range out {
		out[i].Options = opts
	}
	return out
}
