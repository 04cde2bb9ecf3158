package site

import (
	a "github.com/prestatie/prestatie/internal/agreement"
)

// Honest time: a status is shown with the date it was reported, and marked
// when it is older than the report round the page shows ("niet bijgewerkt
// sinds …"); after the period the agreement page says that it has ended
// and what the final verdicts are.

// stale reports whether a status reported in e is older than the round:
// the partners did not update it in that round. A final state (done,
// dropped) needs no update, and "geen rapportage" has no date to be old.
func stale(s a.Status, e *a.ProgressEntry, round a.Date) bool {
	return e != nil && e.Date.Before(round) && s != a.Done && s != a.Dropped
}

// StatusAge is what the pages say about when a status was reported.
type StatusAge struct {
	Reported a.Date // zero for "geen rapportage"
	Stale    bool
}

// latestAge is the status age of an afspraak's latest entry on its
// section page, against the agreement's latest round.
func latestAge(it *a.Item, ag *a.Agreement) StatusAge {
	e := it.Latest()
	if e == nil {
		return StatusAge{}
	}
	if e.Status == "" { // a verdict: final, never stale
		return StatusAge{Reported: e.Date}
	}
	return StatusAge{Reported: e.Date, Stale: stale(e.Status, e, ag.AsOf())}
}

// periodEnd is the last day of the agreement's period.
func periodEnd(ag *a.Agreement) a.Date { return a.NewDate(ag.Period.To, 12, 31) }

// ended reports whether the agreement's period is over as far as its
// content tells (never by the build's clock): its latest report is on or
// after the period's last day, or another agreement replaces it.
func ended(ag *a.Agreement) bool {
	return ag.ReplacedBy != nil || (!ag.LatestReport().IsZero() && !ag.AsOf().Before(periodEnd(ag)))
}

// verdicts is the final judgement of an agreement's afspraken after its
// period: each afspraak with a verdict, and how many have none.
type verdicts struct {
	End     a.Date
	Given   []verdictRow
	Counts  []verdictCount // per verdict, in vocabulary order, only those given
	None    int
	Total   int
	Replace *a.Agreement // the agreement that replaces it, if any
}

type verdictRow struct {
	C     *a.Item
	Entry *a.ProgressEntry
	Path  string
}

type verdictCount struct {
	Label string
	N     int
}

// Verdicts is the agreement page's final judgement, or nil while the
// period runs.
func (p *page) Verdicts() *verdicts {
	ag := p.Agreement
	if ag == nil || !ended(ag) {
		return nil
	}
	v := &verdicts{End: periodEnd(ag), Replace: ag.ReplacedBy}
	n := map[a.Verdict]int{}
	ag.EachCommitment(func(c *a.Item) {
		v.Total++
		if vd, e := c.Verdict(); e != nil {
			v.Given = append(v.Given, verdictRow{C: c, Entry: e, Path: p.r.where[c]})
			n[vd]++
			return
		}
		v.None++
	})
	for _, t := range a.Verdicts {
		if n[t.ID] > 0 {
			v.Counts = append(v.Counts, verdictCount{t.Label, n[t.ID]})
		}
	}
	return v
}
