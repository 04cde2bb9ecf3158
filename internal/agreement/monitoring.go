package agreement

import (
	"fmt"
	"slices"
	"time"
)

// Overdue reports whether the commitment is past the deadline its text states at the given
// moment without being done, dropped or judged realised.
func (c *Item) Overdue(at Date) bool {
	due := c.Due()
	if !c.Monitored() || due == nil || !due.End().Before(at) {
		return false
	}
	if v, e := c.Verdict(); e != nil && !at.Before(e.Date) && v == Realised {
		return false
	}
	s, _ := c.StatusAt(at)
	return s != Done && s != Dropped
}

// ValueAt is the latest reported value on or before at.
func (c *Item) ValueAt(at Date) (float64, bool) {
	for i := len(c.Progress) - 1; i >= 0; i-- {
		if e := c.Progress[i]; e.Value != nil && !at.Before(e.Date) {
			return *e.Value, true
		}
	}
	return 0, false
}

// Reached is the share of the target reached at the given moment, in
// percent: the value against an exact target, or against the lower end of a
// range ("5 tot 10": 5 is reaching it). Bounds (only a maximum) and trends
// have no percentage; ok is false then, and when nothing was reported.
func (c *Item) Reached(at Date) (pct float64, ok bool) {
	t := c.Target
	if t == nil {
		return 0, false
	}
	goal := 0.0
	switch {
	case t.Value != nil:
		goal = *t.Value
	case t.Min != nil:
		goal = *t.Min
	default:
		return 0, false
	}
	v, ok := c.ValueAt(at)
	if !ok || goal == 0 {
		return 0, false
	}
	return v / goal * 100, true
}

// Tally counts commitments by their state at one moment. Total equals the
// sum of ByStatus and NoReport; Overdue counts across states.
type Tally struct {
	Total    int
	ByStatus map[Status]int
	NoReport int
	Overdue  int
}

func (t *Tally) add(c *Item, at Date) {
	if t.ByStatus == nil {
		t.ByStatus = map[Status]int{}
	}
	t.Total++
	if s, _ := c.StatusAt(at); s == "" {
		t.NoReport++
	} else {
		t.ByStatus[s]++
	}
	if c.Overdue(at) {
		t.Overdue++
	}
}

// Dashboard is the state of an agreement at one moment, rolled up per
// chapter and per party. Every numbered commitment (sub-items included)
// counts once in the agreement and chapter tallies; in the party tallies it
// counts once for every party it binds.
type Dashboard struct {
	At        Date
	All       Tally
	NoParty   Tally // commitments that name no party ("partijen")
	ByChapter []ChapterTally
	ByParty   []PartyTally
}

// ChapterTally is one top-level section's row of a Dashboard.
type ChapterTally struct {
	Chapter *Section
	Tally
}

// PartyTally is one party's row of a Dashboard.
type PartyTally struct {
	Party *Party
	Tally
}

// DashboardAt rolls up every commitment's state at the given moment.
func (a *Agreement) DashboardAt(at Date) Dashboard {
	d := Dashboard{At: at, All: Tally{ByStatus: map[Status]int{}}, NoParty: Tally{ByStatus: map[Status]int{}}}
	parties := map[*Party]*Tally{}
	for _, p := range a.Parties {
		d.ByParty = append(d.ByParty, PartyTally{Party: p, Tally: Tally{ByStatus: map[Status]int{}}})
	}
	for i := range d.ByParty {
		parties[d.ByParty[i].Party] = &d.ByParty[i].Tally
	}
	count := func(c *Item, ct *Tally) {
		d.All.add(c, at)
		if ct != nil {
			ct.add(c, at)
		}
		if c.Binding.None() {
			d.NoParty.add(c, at)
		}
		for _, p := range c.Binding.Parties {
			parties[p].add(c, at)
		}
	}
	walkItems(a.Items, func(c *Item) {
		if c.Monitored() {
			count(c, nil)
		}
	})
	for _, s := range a.Sections {
		ct := ChapterTally{Chapter: s, Tally: Tally{ByStatus: map[Status]int{}}}
		EachIn(s, func(c *Item) { count(c, &ct.Tally) })
		if ct.Total > 0 {
			d.ByChapter = append(d.ByChapter, ct)
		}
	}
	return d
}

// quarterEnd is the last day of quarter q of year y.
func quarterEnd(y, q int) Date {
	m := time.Month(3 * q)
	return Date{y, m, time.Date(y, m+1, 0, 0, 0, 0, 0, time.UTC).Day()}
}

// Moments are the agreement's monitoring moments: the end of each
// monitoring quarter in each year of the period, plus the date of any
// progress entry that falls on none of them (a report after the period, a
// final verdict). Sorted, without duplicates.
func (a *Agreement) Moments() []Date {
	var ms []Date
	for y := a.Period.From; y <= a.Period.To; y++ {
		for _, q := range a.Monitoring {
			ms = append(ms, quarterEnd(y, q))
		}
	}
	a.EachCommitment(func(c *Item) {
		for _, e := range c.Progress {
			ms = append(ms, e.Date)
		}
	})
	for _, r := range a.Reports {
		ms = append(ms, r.Date)
	}
	slices.SortFunc(ms, Date.Compare)
	return slices.Compact(ms)
}

// LatestReport is the date of the most recent progress entry, or the zero
// Date when nothing was reported.
func (a *Agreement) LatestReport() Date {
	var last Date
	a.EachCommitment(func(c *Item) {
		if e := c.Latest(); e != nil && last.Before(e.Date) {
			last = e.Date
		}
	})
	return last
}

// AsOf is the moment the pages report on: the latest report, or the start
// of the period when nothing was reported yet (then every commitment has
// "geen rapportage"). Never today, so a build does not depend on its date.
func (a *Agreement) AsOf() Date {
	if d := a.LatestReport(); !d.IsZero() {
		return d
	}
	return NewDate(a.Period.From, 1, 1)
}

// Change is what changed for one commitment between two moments.
type Change struct {
	Commitment *Item
	From, To   Status           // "" is geen rapportage
	Entries    []*ProgressEntry // entries dated after the previous moment, up to this one
	Overdue    bool             // newly overdue at this moment
}

// StatusChanged reports whether the state differs between the two moments.
func (c Change) StatusChanged() bool { return c.From != c.To }

// ChangesSince lists, in document order, every commitment with a progress
// entry dated after prev and on or before cur, or that became overdue.
func (a *Agreement) ChangesSince(prev, cur Date) []Change {
	var out []Change
	a.EachCommitment(func(c *Item) {
		ch := Change{Commitment: c}
		ch.From, _ = c.StatusAt(prev)
		ch.To, _ = c.StatusAt(cur)
		ch.Entries = entriesBetween(c.Progress, prev, cur)
		ch.Overdue = c.Overdue(cur) && !c.Overdue(prev)
		if len(ch.Entries) > 0 || ch.Overdue {
			out = append(out, ch)
		}
	})
	return out
}

// entriesBetween are the entries of ps dated after prev and on or before
// cur, in their order. Those of a validated item, sorted by date, are
// one run of ps: shared, not copied (the changes of every moment are
// kept for the whole build, 4.5 MB of copies at 800 agreements), with
// no room to append into ps.
func entriesBetween(ps []*ProgressEntry, prev, cur Date) []*ProgressEntry {
	in := func(e *ProgressEntry) bool { return prev.Before(e.Date) && !cur.Before(e.Date) }
	from, to := -1, -1
	for i, e := range ps {
		switch {
		case !in(e):
		case from < 0:
			from, to = i, i+1
		case to == i:
			to++
		default: // not one run: copied
			var out []*ProgressEntry
			for _, e := range ps {
				if in(e) {
					out = append(out, e)
				}
			}
			return out
		}
	}
	if from < 0 {
		return nil
	}
	return ps[from:to:to]
}

// MomentSlug names a monitoring moment in URLs and file names: "2023-q4"
// for the end of a quarter, the date itself otherwise.
func MomentSlug(d Date) string {
	if d.Month%3 == 0 && d == quarterEnd(d.Year, int(d.Month)/3) {
		return fmt.Sprintf("%04d-q%d", d.Year, d.Month/3)
	}
	return d.String()
}

// ParseMomentSlug is the inverse of MomentSlug.
func ParseMomentSlug(s string) (Date, error) {
	var y, q int
	if n, _ := fmt.Sscanf(s, "%4d-q%1d", &y, &q); n == 2 && q >= 1 && q <= 4 && fmt.Sprintf("%04d-q%d", y, q) == s {
		return quarterEnd(y, q), nil
	}
	d, err := ParseDate(s, false)
	if err != nil {
		return Date{}, fmt.Errorf("%q is geen monitoringsmoment (verwacht bijvoorbeeld 2023-q4 of 2024-03-31)", s)
	}
	return d, nil
}

// Report returns the narrative for moment d, or nil.
func (a *Agreement) Report(d Date) *Report {
	for _, r := range a.Reports {
		if r.Date == d {
			return r
		}
	}
	return nil
}
