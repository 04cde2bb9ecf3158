package agreement

import (
	"cmp"
	"slices"
	"strings"
)

// Group is the commitments of one list such as "Bijdrage Leystromen": the
// commitments that bind the same parties.
type Group struct {
	Binding     Binding
	Commitments []*Commitment
	// AllOnly is set when this is the only group and it binds all parties:
	// a process chapter's plain "Afspraken" list.
	AllOnly bool
}

// Groups splits commitments by who they bind, ordered by the agreement's
// contribution order (single parties before combinations that start with
// the same party); within a group the order of the file is kept. This is
// the order of the signed document, so numbering follows it too.
func (a *Agreement) Groups(cs []*Commitment) []Group {
	type keyed struct {
		Group
		order, size int
	}
	var gs []keyed
	index := map[string]int{}
	for _, c := range cs {
		k := c.Binding.key()
		i, ok := index[k]
		if !ok {
			i = len(gs)
			index[k] = i
			gs = append(gs, keyed{Group: Group{Binding: c.Binding}, order: firstIndex(a.ContributionOrder, c.Binding.Parties), size: len(c.Binding.Parties)})
		}
		gs[i].Commitments = append(gs[i].Commitments, c)
	}
	slices.SortStableFunc(gs, func(x, y keyed) int { return cmp.Or(cmp.Compare(x.order, y.order), cmp.Compare(x.size, y.size)) })
	out := make([]Group, len(gs))
	for i, g := range gs {
		out[i] = g.Group
	}
	if len(out) == 1 && out[0].Binding.All {
		out[0].AllOnly = true
	}
	return out
}

func (b Binding) key() string {
	switch {
	case b.All:
		return "*"
	case b.OfKind != "":
		return "*" + string(b.OfKind)
	}
	ids := make([]string, len(b.Parties))
	for i, p := range b.Parties {
		ids[i] = p.ID
	}
	return strings.Join(ids, ",")
}

func firstIndex(order, ps []*Party) int {
	best := len(order)
	for _, p := range ps {
		if i := slices.Index(order, p); i >= 0 && i < best {
			best = i
		}
	}
	return best
}
