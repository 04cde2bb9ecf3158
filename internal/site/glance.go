package site

import (
	"strconv"

	a "github.com/prestatie/prestatie/internal/agreement"
)

// The summaries at a glance: what a tenant on a phone and a wethouder on
// one screen ask first. Six states and "verlopen" fold into four lights
// (and "vervallen" when any afspraak was dropped), counted over the
// afspraken only: bepalingen and doelen are not monitored.

// light is one state of the summaries.
type light int

const (
	lightDone      light = iota // gerealiseerd
	lightOnTrack                // op schema, doorlopend, niet gestart: not late
	lightAttention              // vertraagd, or past its deadline
	lightDropped                // vervallen
	lightNone                   // geen rapportage
	lightCount
)

var lightTerms = [lightCount]struct{ Label, Class string }{
	{"gerealiseerd", "done"},
	{"op schema", "on-track"},
	{"vraagt aandacht", "attention"},
	{"vervallen", "dropped"},
	{"geen rapportage", "none"},
}

// lightOf is the light of one afspraak at a moment. A realised verdict
// given by then counts as done; a late afspraak asks attention, reported
// or not.
func lightOf(c *a.Item, at a.Date) light {
	s, _ := c.StatusAt(at)
	if v, e := c.Verdict(); e != nil && !at.Before(e.Date) && v == a.Realised {
		s = a.Done
	}
	switch {
	case s == a.Done:
		return lightDone
	case s == a.Dropped:
		return lightDropped
	case s == a.Delayed || c.Overdue(at):
		return lightAttention
	case s == "":
		return lightNone
	}
	return lightOnTrack
}

// lights counts afspraken per light.
type lights struct {
	N     [lightCount]int
	Total int
}

func (l *lights) add(c *a.Item, at a.Date) {
	l.N[lightOf(c, at)]++
	l.Total++
}

// lightShare is one light's part of a bar and its legend.
type lightShare struct {
	Label, Class  string
	N             int
	X, Width, End string // of the bar, in percent: "12.5%"
}

// Shares are the lights in order, "vervallen" only when there is one, with
// their place on a bar of 100%. Widths are rounded to a tenth of a percent
// and the last bar takes the rest, so the bar always ends at 100%.
func (l lights) Shares() []lightShare {
	var out []lightShare
	done := 0 // in tenths of a percent
	last := -1
	for i := range lightCount {
		if l.N[i] > 0 {
			last = int(i)
		}
	}
	for i := range lightCount {
		if i == lightDropped && l.N[i] == 0 {
			continue
		}
		s := lightShare{Label: lightTerms[i].Label, Class: lightTerms[i].Class, N: l.N[i]}
		if l.Total > 0 && l.N[i] > 0 {
			w := (l.N[i]*1000 + l.Total/2) / l.Total
			if int(i) == last {
				w = 1000 - done
			}
			s.X, s.Width, s.End = tenths(done)+"%", tenths(w)+"%", tenths(done+w)+"%"
			done += w
		}
		out = append(out, s)
	}
	return out
}

// Of is the count of one light by its class name, for templates.
func (l lights) Of(class string) int {
	for i, t := range lightTerms {
		if t.Class == class {
			return l.N[i]
		}
	}
	return 0
}

// tenths writes n tenths as a decimal with a point: "12.5", "100".
func tenths(n int) string {
	s := strconv.Itoa(n / 10)
	if n%10 != 0 {
		s += "." + strconv.Itoa(n%10)
	}
	return s
}

// themeLights is one top-level onderdeel's row of the stoplight summary.
type themeLights struct {
	Title  string // the onderdeel's label, or the preamble's title
	Path   string // its page below the base; "" for the preamble
	Lights lights
}

// round is what one rapportage changed, against the round before it.
type round struct {
	Date     a.Date
	Prev     *a.Date
	Label    string // "4e kwartaal 2024"
	Path     string // the report page below the base
	Total    int    // afspraken
	Reported int    // afspraken with a voortgangsmelding in the round
	// NewlyDone became gerealiseerd; NewlyLate became vertraagd or passed
	// their deadline in the round.
	NewlyDone, NewlyLate []*a.Item
	// Changed are the afspraken whose state changed or that passed their
	// deadline in the round, in document order.
	Changed []a.Change
}

// NotReported is the number of afspraken without a voortgangsmelding in
// the round.
func (r round) NotReported() int { return r.Total - r.Reported }

// roundOf sums up one rapportage.
func roundOf(ag *a.Agreement, m moment) round {
	r := round{Date: m.Date, Prev: m.Prev, Label: m.Label, Path: m.Path(ag)}
	ag.EachCommitment(func(*a.Item) { r.Total++ })
	for _, ch := range m.Changes {
		if len(ch.Entries) > 0 {
			r.Reported++
		}
		if ch.StatusChanged() || ch.Overdue {
			r.Changed = append(r.Changed, ch)
		}
		switch {
		case ch.StatusChanged() && ch.To == a.Done:
			r.NewlyDone = append(r.NewlyDone, ch.Commitment)
		case ch.StatusChanged() && ch.To == a.Delayed, ch.Overdue:
			r.NewlyLate = append(r.NewlyLate, ch.Commitment)
		}
	}
	return r
}

// glance is an agreement's state at its latest report in a few numbers:
// the lights, per top-level onderdeel too, the share of measurable targets
// realised, and what the latest round changed.
type glance struct {
	At           a.Date
	Reported     bool // anything reported at all
	Illustrative bool
	All          lights
	Themes       []themeLights
	// Measurable counts afspraken with a target in numbers; Realised those
	// of them that reached it (reported value, gerealiseerd, or a
	// realised verdict).
	Measurable, Realised int
	Last                 *round // the latest rapportage; nil before the first
	Ended                bool   // the period is over
	End                  a.Date // the period's last day
	NoVerdict            int    // after the period: afspraken without a final verdict
}

// RealisedPct is the share of measurable targets realised, in whole
// percent.
func (g glance) RealisedPct() int {
	if g.Measurable == 0 {
		return 0
	}
	return (g.Realised*100 + g.Measurable/2) / g.Measurable
}

// glanceOf sums up an agreement at its latest report; ms are its moments.
func glanceOf(ag *a.Agreement, ms []moment, where func(*a.Section) string) glance {
	at := ag.AsOf()
	g := glance{At: at, Reported: !ag.LatestReport().IsZero(), Illustrative: ag.Illustrative(), Ended: ended(ag), End: periodEnd(ag)}
	pre := themeLights{Title: ag.PreambleTitle}
	if pre.Title == "" {
		pre.Title = "Begin van de overeenkomst"
	}
	walk := func(c *a.Item, t *themeLights) {
		g.All.add(c, at)
		t.Lights.add(c, at)
		if c.Target.Measurable() {
			g.Measurable++
			if realised(c, at) {
				g.Realised++
			}
		}
		if g.Ended {
			if _, e := c.Verdict(); e == nil {
				g.NoVerdict++
			}
		}
	}
	ag.EachItem(func(c *a.Item) {
		if c.Monitored() && c.Section == nil {
			walk(c, &pre)
		}
	})
	if pre.Lights.Total > 0 {
		g.Themes = append(g.Themes, pre)
	}
	for _, s := range ag.Sections {
		t := themeLights{Title: s.Label(), Path: where(s)}
		a.EachIn(s, func(c *a.Item) { walk(c, &t) })
		if t.Lights.Total > 0 {
			g.Themes = append(g.Themes, t)
		}
	}
	if last := ag.LatestReport(); !last.IsZero() {
		for i := len(ms) - 1; i >= 0; i-- {
			if ms[i].Date == last {
				r := roundOf(ag, ms[i])
				g.Last = &r
				break
			}
		}
	}
	return g
}

// realised reports whether a measurable target was reached by at: the
// reported value reaches it, or the afspraak is gerealiseerd.
func realised(c *a.Item, at a.Date) bool {
	if pct, ok := c.Reached(at); ok && pct >= 100 {
		return true
	}
	return lightOf(c, at) == lightDone
}

// Glance is the agreement page's summary at a glance.
func (p *page) Glance() glance {
	ag := p.Agreement
	return glanceOf(ag, p.r.moments[ag], func(s *a.Section) string { return sectionPath(ag, s) })
}

// Round is the report page's summary of its round.
func (p *page) Round() round { return roundOf(p.Agreement, *p.Moment) }

// RoundOf is the summary of one round of the page's agreement.
func (p *page) RoundOf(m moment) round { return roundOf(p.Agreement, m) }

// LightsAt counts the agreement's afspraken per light at a moment.
func (p *page) LightsAt(at a.Date) lights {
	var l lights
	p.Agreement.EachCommitment(func(c *a.Item) { l.add(c, at) })
	return l
}

// agreementGlance is the home page's summary of one agreement.
func (r *renderer) agreementGlance(ag *a.Agreement) glance {
	return glanceOf(ag, r.moments[ag], func(s *a.Section) string { return sectionPath(ag, s) })
}
