package site

import (
	"html/template"

	a "github.com/prestatie/prestatie/internal/agreement"
	"github.com/prestatie/prestatie/internal/dutch"
)

// changeView is an afspraak whose state changed in a rapportage, as its
// report page lists it: its words computed beforehand, as fields (a
// field costs the template far less than a call).
type changeView struct {
	Commitment    *a.Item
	URL           string // where the afspraak is shown
	Label, Where  string // itemLabel (140) and itemWhere
	StatusChanged bool
	From, To      string // the states' labels
	Overdue       bool   // newly past its deadline
	Deadline      string
	Entries       []changeEntry
}

// changeEntry is a voortgangsmelding of the round.
type changeEntry struct {
	Date         string
	Value        string // "" when none
	Note         string // Markdown, "" when none
	NoteHTML     template.HTML
	Illustrative bool
}

// Changes are what the report page's rapportage changed.
func (p *page) Changes() ([]changeView, error) {
	var out []changeView
	for _, c := range p.Moment.Changes {
		it := c.Commitment
		v := changeView{Commitment: it, URL: p.r.base.path + p.r.where[it], Label: itemLabel(it, 140), Where: itemWhere(it),
			StatusChanged: c.StatusChanged(), From: c.From.Label(), To: c.To.Label(), Overdue: c.Overdue, Deadline: dutch.Deadline(it.Due())}
		for _, e := range c.Entries {
			ce := changeEntry{Date: dutch.DateOf(e.Date), Note: e.Note, Illustrative: e.Illustrative}
			if e.Value != nil {
				ce.Value = dutch.Number(*e.Value)
			}
			if e.Note != "" {
				h, err := p.r.inline(e.Note)
				if err != nil {
					return nil, err
				}
				ce.NoteHTML = h
			}
			v.Entries = append(v.Entries, ce)
		}
		out = append(out, v)
	}
	return out, nil
}
