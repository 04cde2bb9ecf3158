package agreement

// Due is when the commitment is due: its target's date, or the default.
func (c *Commitment) Due() Date {
	if c.Target != nil && c.Target.Due != nil {
		return *c.Target.Due
	}
	return c.DefaultDue
}

// Latest is the most recent progress entry, or nil when none was reported.
func (c *Commitment) Latest() *ProgressEntry {
	if len(c.Progress) == 0 {
		return nil
	}
	return c.Progress[len(c.Progress)-1]
}

// StatusAt is the state reported by the latest entry on or before d that
// carries a status; "" means no report ("geen rapportage").
func (c *Commitment) StatusAt(d Date) (Status, *ProgressEntry) {
	for i := len(c.Progress) - 1; i >= 0; i-- {
		e := c.Progress[i]
		if e.Status != "" && !d.Before(e.Date) {
			return e.Status, e
		}
	}
	return "", nil
}

// Verdict is the latest final verdict given, or "" when none.
func (c *Commitment) Verdict() (Verdict, *ProgressEntry) {
	for i := len(c.Progress) - 1; i >= 0; i-- {
		if e := c.Progress[i]; e.Verdict != "" {
			return e.Verdict, e
		}
	}
	return "", nil
}

// Illustrative reports whether any progress entry in the agreement is marked
// as example data, so pages can say so prominently.
func (a *Agreement) Illustrative() bool {
	found := false
	a.EachCommitment(func(c *Commitment) {
		for _, e := range c.Progress {
			found = found || e.Illustrative
		}
	})
	return found
}

// EachCommitment calls fn for every commitment and sub-commitment in
// document order.
func (a *Agreement) EachCommitment(fn func(*Commitment)) {
	walk := func(cs []*Commitment) {
		for _, c := range cs {
			fn(c)
			for _, it := range c.Items {
				fn(it)
			}
		}
	}
	for _, ch := range a.Chapters {
		walk(ch.Commitments)
		for _, af := range ch.Afspraken {
			walk(af.Commitments)
		}
	}
}
