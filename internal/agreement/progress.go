package agreement

// Due is the deadline the text states for the item, or nil.
func (c *Item) Due() *Deadline {
	if c.Target != nil {
		return c.Target.Due
	}
	return nil
}

// Latest is the most recent progress entry, or nil when none was reported.
func (c *Item) Latest() *ProgressEntry {
	if len(c.Progress) == 0 {
		return nil
	}
	return c.Progress[len(c.Progress)-1]
}

// StatusAt is the state reported by the latest entry on or before d that
// carries a status; "" means no report ("geen rapportage").
func (c *Item) StatusAt(d Date) (Status, *ProgressEntry) {
	for i := len(c.Progress) - 1; i >= 0; i-- {
		e := c.Progress[i]
		if e.Status != "" && !d.Before(e.Date) {
			return e.Status, e
		}
	}
	return "", nil
}

// Verdict is the latest final verdict given, or "" when none.
func (c *Item) Verdict() (Verdict, *ProgressEntry) {
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
	a.EachCommitment(func(c *Item) {
		for _, e := range c.Progress {
			found = found || e.Illustrative
		}
	})
	return found
}
