package agreement

import (
	"cmp"
	"math"
	"slices"
	"strings"

	"github.com/prestatie/prestatie/internal/diag"
)

// Validate resolves references (parties, commitments) and checks the rules
// that span more than one value: unique ids and orders, known references,
// sensible dates and ranges. It assigns numbers too. Every problem is
// reported; the agreement is usable for rendering only when none is an error.
func (a *Agreement) Validate() diag.List {
	var ds diag.List
	v := validator{a: a, ds: &ds, parties: map[string]*Party{}, commitments: map[string]*Commitment{}}
	v.parties_()
	v.chapters()
	ds = append(ds, a.AssignNumbers()...)
	return ds
}

type validator struct {
	a           *Agreement
	ds          *diag.List
	parties     map[string]*Party
	commitments map[string]*Commitment
}

func (v *validator) parties_() {
	a := v.a
	if a.Period.From > a.Period.To {
		v.ds.Errorf(a.Period.Pos, "periode begint (%d) na het einde (%d)", a.Period.From, a.Period.To)
	}
	if len(a.Parties) == 1 {
		v.ds.Errorf(a.Parties[0].Pos, "een overeenkomst heeft ten minste twee partijen")
	}
	for _, p := range a.Parties {
		if prev, dup := v.parties[p.ID]; dup {
			v.ds.Errorf(p.Pos, "partij %q is al gedefinieerd op %s", p.ID, prev.Pos)
			continue
		}
		v.parties[p.ID] = p
		if p.Label == "" {
			p.Label = p.Name
		}
	}
	if len(a.ContributionRefs) == 0 {
		a.ContributionOrder = a.Parties
		return
	}
	seen := map[string]bool{}
	for _, r := range a.ContributionRefs {
		p := v.party(r)
		if p == nil {
			continue
		}
		if seen[p.ID] {
			v.ds.Errorf(r.Pos, "partij %q staat twee keer in contribution_order", r.ID)
		}
		seen[p.ID] = true
		a.ContributionOrder = append(a.ContributionOrder, p)
	}
	for _, p := range a.Parties { // parties left out keep their place at the end
		if !seen[p.ID] {
			a.ContributionOrder = append(a.ContributionOrder, p)
		}
	}
}

func (v *validator) party(r Ref) *Party {
	if p, ok := v.parties[r.ID]; ok {
		return p
	}
	v.ds.Errorf(r.Pos, "onbekende partij %q%s", r.ID, diag.DidYouMean(r.ID, append(v.partyIDs(), bindAll...)))
	return nil
}

// ofKind are the references that bind every party of a kind.
var ofKind = map[string]PartyKind{"all-municipalities": Municipality, "all-corporations": Corporation, "all-tenants": Tenants}

// bindAll lists the special references, for suggestions.
var bindAll = []string{"all", "all-municipalities", "all-corporations", "all-tenants"}

func (v *validator) partyIDs() []string {
	ids := make([]string, len(v.a.Parties))
	for i, p := range v.a.Parties {
		ids[i] = p.ID
	}
	return ids
}

func (v *validator) chapters() {
	a := v.a
	slices.SortStableFunc(a.Chapters, func(x, y *Chapter) int { return cmp.Compare(x.Order, y.Order) })
	for i, ch := range a.Chapters {
		if i > 0 && a.Chapters[i-1].Order == ch.Order {
			v.ds.Errorf(ch.OrderPos, "order %d is al gebruikt door %s", ch.Order, a.Chapters[i-1].Pos.File)
		}
		slices.SortStableFunc(ch.Afspraken, func(x, y *Afspraak) int { return cmp.Compare(x.Order, y.Order) })
		if len(ch.Commitments) > 0 && len(ch.Afspraken) > 0 {
			v.ds.Errorf(ch.Commitments[0].Pos, "hoofdstuk %q heeft afspraken in eigen bestanden; zet deze commitments in een afspraak", ch.Title)
		}
		v.commitmentList(ch.Commitments, ch.Year)
		v.progress(ch.Progress, ch.Commitments)
		v.figures(ch.Figures)
		for j, af := range ch.Afspraken {
			if j > 0 && ch.Afspraken[j-1].Order == af.Order {
				v.ds.Errorf(af.OrderPos, "order %d is al gebruikt door %s", af.Order, ch.Afspraken[j-1].Pos.File)
			}
			v.commitmentList(af.Commitments, ch.Year)
			for _, g := range af.Goals {
				v.target(g.Target)
			}
			v.progress(af.Progress, af.Commitments)
			v.figures(af.Figures)
		}
	}
	v.figures(a.Figures)
}

func (v *validator) commitmentList(cs []*Commitment, year int) {
	due := EndOfYear(cmp.Or(year, v.a.Period.To))
	for _, c := range cs {
		v.commitment(c, due)
		for _, it := range c.Items {
			it.Parent = c
			if len(it.PartyRefs) == 0 {
				it.PartyRefs = c.PartyRefs
			}
			v.commitment(it, due)
		}
	}
}

func (v *validator) commitment(c *Commitment, due Date) {
	c.DefaultDue = due
	if prev, dup := v.commitments[c.ID]; dup {
		v.ds.Errorf(c.Pos, "commitment-id %q is al gebruikt op %s", c.ID, prev.Pos)
	} else {
		v.commitments[c.ID] = c
	}
	c.Binding = v.binding(c.PartyRefs)
	v.target(c.Target)
}

func (v *validator) binding(refs []Ref) Binding {
	var b Binding
	for _, r := range refs {
		switch r.ID {
		case "all":
			b.All = true
		case "all-municipalities", "all-corporations", "all-tenants":
			b.OfKind = ofKind[r.ID]
		default:
			if p := v.party(r); p != nil && !slices.Contains(b.Parties, p) {
				b.Parties = append(b.Parties, p)
			}
			continue
		}
		if len(refs) > 1 {
			v.ds.Errorf(r.Pos, "%q kan niet samen met andere partijen staan", r.ID)
		}
	}
	switch {
	case b.All:
		b.Parties = v.a.Parties
	case b.OfKind != "":
		for _, p := range v.a.Parties {
			if p.Kind == b.OfKind {
				b.Parties = append(b.Parties, p)
			}
		}
		if len(b.Parties) == 0 && len(refs) > 0 {
			v.ds.Errorf(refs[0].Pos, "de overeenkomst heeft geen partijen van soort %q", b.OfKind)
		}
	default: // keep agreement order so lists read the same everywhere
		slices.SortStableFunc(b.Parties, func(x, y *Party) int {
			return cmp.Compare(slices.Index(v.a.Parties, x), slices.Index(v.a.Parties, y))
		})
	}
	return b
}

func (v *validator) target(t *Target) {
	if t == nil {
		return
	}
	if t.Min != nil && t.Max != nil && *t.Min > *t.Max {
		v.ds.Errorf(t.Pos, "min (%g) is groter dan max (%g)", *t.Min, *t.Max)
	}
	if t.Due != nil && (t.Due.Year < 1990 || t.Due.Year > 2100) {
		v.ds.Errorf(t.Pos, "datum %s ligt buiten het bereik 1990-2100", t.Due)
	}
}

// progress attaches entries to the commitments of the same file.
func (v *validator) progress(es []*ProgressEntry, cs []*Commitment) {
	local := map[string]*Commitment{}
	var ids []string
	for _, c := range cs {
		for _, x := range append([]*Commitment{c}, c.Items...) {
			local[x.ID] = x
			ids = append(ids, x.ID)
		}
	}
	from, to := NewDate(v.a.Period.From-1, 1, 1), EndOfYear(v.a.Period.To+5)
	for _, e := range es {
		if e.Date.Before(from) || to.Before(e.Date) {
			v.ds.Errorf(e.DatePos, "rapportagedatum %s ligt buiten %s tot en met %s (periode %d-%d)", e.Date, from, to, v.a.Period.From, v.a.Period.To)
		}
		if (e.Status == Delayed || e.Verdict == Partial || e.Verdict == NotRealised) && strings.TrimSpace(e.Note) == "" {
			what := "status \"" + string(e.Status) + "\""
			if e.Status != Delayed {
				what = "oordeel \"" + string(e.Verdict) + "\""
			}
			v.ds.Errorf(e.Pos, "%s vraagt om een toelichting (note)", what)
		}
		c, ok := local[e.CommitmentRef.ID]
		if !ok {
			v.ds.Errorf(e.CommitmentRef.Pos, "onbekende commitment %q in dit bestand%s", e.CommitmentRef.ID, diag.DidYouMean(e.CommitmentRef.ID, ids))
			continue
		}
		c.Progress = append(c.Progress, e)
	}
	for _, c := range local {
		slices.SortStableFunc(c.Progress, func(x, y *ProgressEntry) int { return x.Date.Compare(y.Date) })
	}
}

func (v *validator) figures(fs []*Figure) {
	for _, f := range fs {
		v.target(f.Goal)
		slices.SortStableFunc(f.Values, func(x, y FigureValue) int {
			return cmp.Compare(FigureKeyOrder(f.Kind, x.Key), FigureKeyOrder(f.Kind, y.Key))
		})
		for _, fv := range f.Values {
			if fv.Value < 0 {
				v.ds.Errorf(fv.Pos, "%s mag niet negatief zijn", fv.Key)
			}
			if f.Kind == RentBands && fv.Value > 100 {
				v.ds.Errorf(fv.Pos, "aandeel %s is %g%%, meer dan 100%%", fv.Key, fv.Value)
			}
		}
		switch f.Kind {
		case RentBands:
			switch f.Unit {
			case "", "%":
				// Shares are rounded (Alphen-Chaam: 21+54+13+10+1 = 99).
				if sum := f.Total(); math.Abs(sum-100) > 2 {
					v.ds.Warnf(f.Pos, "huurprijsklassen tellen op tot %g%%, niet tot 100%%", sum)
				}
			case "woningen":
			default:
				v.ds.Errorf(f.Pos, "unit van huurprijsklassen is %% (aandelen) of woningen (aantallen), niet %q", f.Unit)
			}
		case EnergyLabels:
			v.labelOverlap(f)
		case Allocations:
			v.allocations(f)
		}
	}
	v.seriesDates(fs)
}

// allocations checks that the groups fit in the homes that were allocated
// and that the signal value is a share.
func (v *validator) allocations(f *Figure) {
	get := func(k string) (float64, diag.Pos, bool) {
		for _, fv := range f.Values {
			if fv.Key == k {
				return fv.Value, fv.Pos, true
			}
		}
		return 0, diag.Pos{}, false
	}
	if s, pos, ok := get("signaalwaarde"); ok && s > 100 {
		v.ds.Errorf(pos, "signaalwaarde is %g%%, meer dan 100%%", s)
	}
	var groups float64
	for _, k := range []string{"statushouders", "urgenten", "uitstroom", "maatwerk"} {
		if n, _, ok := get(k); ok {
			groups += n
		}
	}
	for _, k := range []string{"toewijzingen", "vrijgekomen"} {
		if n, _, ok := get(k); ok && groups > n {
			v.ds.Warnf(f.Pos, "toewijzingen aan bijzondere doelgroepen (%g) zijn meer dan %s (%g)", groups, k, n)
			return
		}
	}
}

// seriesDates reports two figures of one series (kind, title and unit) on
// the same date: a time series has one figure per date.
func (v *validator) seriesDates(fs []*Figure) {
	seen := map[string]*Figure{}
	for _, f := range fs {
		k := string(f.Kind) + "\x00" + f.DefaultTitle() + "\x00" + f.Unit + "\x00" + f.AsOf.String()
		if prev, dup := seen[k]; dup {
			v.ds.Errorf(f.Pos, "figuur %s van %s staat er al op %s; geef elke datum één figuur of een eigen title", f.Kind, f.AsOf, prev.Pos)
			continue
		}
		seen[k] = f
	}
}

// labelOverlap reports a class counted twice, e.g. both "E-G" and "F".
func (v *validator) labelOverlap(f *Figure) {
	used := map[int]string{}
	for _, fv := range f.Values {
		lo, hi, ok := labelRange(fv.Key)
		if !ok {
			continue
		}
		for i := lo; i <= hi; i++ {
			if prev, dup := used[i]; dup {
				v.ds.Errorf(fv.Pos, "label %s telt al mee in %q", EnergyLabelClasses[i], prev)
				break
			}
			used[i] = fv.Key
		}
	}
}
