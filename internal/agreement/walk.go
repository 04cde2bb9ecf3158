package agreement

// EachSection calls fn for every section in document order (depth first),
// bijlagen included.
func (a *Agreement) EachSection(fn func(*Section)) {
	var walk func([]*Section)
	walk = func(ss []*Section) {
		for _, s := range ss {
			fn(s)
			walk(s.Sections)
		}
	}
	walk(a.Sections)
}

// EachItem calls fn for every item of the document in document order: the
// preamble's, then each section's with its sub-items after their parent.
func (a *Agreement) EachItem(fn func(*Item)) {
	walkItems(a.Items, fn)
	a.EachSection(func(s *Section) { walkItems(s.Items, fn) })
}

// EachCommitment calls fn for every monitored commitment in document order.
func (a *Agreement) EachCommitment(fn func(*Item)) {
	a.EachItem(func(it *Item) {
		if it.Monitored() {
			fn(it)
		}
	})
}

// EachIn calls fn for every monitored commitment of one section and the
// sections below it, in document order.
func EachIn(s *Section, fn func(*Item)) {
	walkItems(s.Items, func(it *Item) {
		if it.Monitored() {
			fn(it)
		}
	})
	for _, c := range s.Sections {
		EachIn(c, fn)
	}
}

// Commitments lists the monitored commitments of one section and below.
func Commitments(s *Section) []*Item {
	var out []*Item
	EachIn(s, func(it *Item) { out = append(out, it) })
	return out
}

// ItemsOf lists every item (of any kind) of one section's own body.
func ItemsOf(s *Section) []*Item {
	var out []*Item
	walkItems(s.Items, func(it *Item) { out = append(out, it) })
	return out
}

func walkItems(its []*Item, fn func(*Item)) {
	for _, it := range its {
		fn(it)
		walkItems(it.Items, fn)
	}
}

// Top is the top-level section an item belongs to, or nil for the preamble.
func (it *Item) Top() *Section {
	s := it.Section
	for s != nil && s.Parent != nil { // up the parents: Path would make a slice
		s = s.Parent
	}
	return s
}

// Body is the document text before the signatures: sections that are not
// bijlagen, in order.
func (a *Agreement) Body() []*Section {
	var out []*Section
	for _, s := range a.Sections {
		if !s.Annex {
			out = append(out, s)
		}
	}
	return out
}

// Annexes are the bijlagen, printed after the signatures.
func (a *Agreement) Annexes() []*Section {
	var out []*Section
	for _, s := range a.Sections {
		if s.Annex {
			out = append(out, s)
		}
	}
	return out
}

// Family lists the agreement's family from its root: the framework or
// regional agreement first, then its parts depth first. An agreement
// without relatives has a family of one.
func (a *Agreement) Family() []*Agreement {
	root := a
	for root.PartOf != nil && root.PartOf != a {
		root = root.PartOf
	}
	var out []*Agreement
	seen := map[*Agreement]bool{}
	var walk func(*Agreement)
	walk = func(x *Agreement) {
		if seen[x] {
			return
		}
		seen[x] = true
		out = append(out, x)
		for _, p := range x.Parts {
			walk(p)
		}
	}
	walk(root)
	return out
}
