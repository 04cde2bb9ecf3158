package agreement

import (
	"cmp"
	"math"
	"slices"
	"strings"

	"github.com/prestatie/prestatie/internal/diag"
)

// Validate resolves references (parties, groups, items) and checks the
// rules that span more than one value: unique ids and orders, known
// references, sensible dates and ranges. It assigns section numbers too.
// Every problem is reported; the agreement is usable for rendering only
// when none is an error.
func (a *Agreement) Validate() diag.List {
	var ds diag.List
	v := validator{a: a, ds: &ds, parties: map[string]*Party{}, groups: map[string]*PartyGroup{}, items: map[string]*Item{}}
	v.partiesAndGroups()
	v.itemList(a.Items, nil, nil)
	v.progress(a.Progress, a.Items)
	v.sections(a.Sections, nil)
	v.figures(a.Figures)
	ds = append(ds, a.AssignNumbers()...)
	return ds
}

// ReservedIDs are the element ids of every page's own landmarks (skip link,
// breadcrumbs, footer); an item may not take one.
var ReservedIDs = []string{"hoofdinhoud", "kruimelpad", "voettekst"}

type validator struct {
	a       *Agreement
	ds      *diag.List
	parties map[string]*Party
	groups  map[string]*PartyGroup
	items   map[string]*Item
}

func (v *validator) partiesAndGroups() {
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
	for _, g := range a.Groups {
		if _, dup := v.parties[g.ID]; dup {
			v.ds.Errorf(g.Pos, "groep %q heeft dezelfde id als een partij; kies een andere id", g.ID)
			continue
		}
		if prev, dup := v.groups[g.ID]; dup {
			v.ds.Errorf(g.Pos, "groep %q is al gedefinieerd op %s", g.ID, prev.Pos)
			continue
		}
		v.groups[g.ID] = g
	}
}

// party resolves a reference to a signatory party.
func (v *validator) party(r Ref) *Party {
	if p, ok := v.parties[r.ID]; ok {
		return p
	}
	v.ds.Errorf(r.Pos, "onbekende partij %q%s (partijen van deze overeenkomst: %s)", r.ID, diag.DidYouMean(r.ID, v.refIDs()), strings.Join(v.partyIDs(), ", "))
	return nil
}

// OfKindRefs are the references that bind every party of a kind.
var OfKindRefs = []struct {
	ID   string
	Kind PartyKind
}{
	{"all-municipalities", Municipality}, {"all-corporations", Corporation}, {"all-tenants", Tenants},
	{"all-care", Care}, {"all-provinces", Province}, {"all-regions", Region},
	{"all-partnerships", Partnership}, {"all-others", OtherParty},
}

func ofKind(id string) (PartyKind, bool) {
	for _, t := range OfKindRefs {
		if t.ID == id {
			return t.Kind, true
		}
	}
	return "", false
}

func (v *validator) partyIDs() []string {
	ids := make([]string, len(v.a.Parties))
	for i, p := range v.a.Parties {
		ids[i] = p.ID
	}
	return ids
}

// refIDs lists everything a party reference may name, for suggestions.
func (v *validator) refIDs() []string {
	ids := v.partyIDs()
	for _, g := range v.a.Groups {
		ids = append(ids, g.ID)
	}
	ids = append(ids, "all")
	for _, t := range OfKindRefs {
		ids = append(ids, string(t.ID))
	}
	return ids
}

func (v *validator) sections(ss []*Section, parent *Section) {
	slices.SortStableFunc(ss, func(x, y *Section) int { return cmp.Compare(x.Order, y.Order) })
	for i, s := range ss {
		s.Parent = parent
		if i > 0 && ss[i-1].Order == s.Order {
			v.ds.Errorf(s.OrderPos, "order %d is al gebruikt door %s; geef elk onderdeel binnen dezelfde map een eigen order", s.Order, ss[i-1].Pos.File)
		}
		for _, r := range s.PartyRefs {
			if p := v.party(r); p != nil && !slices.Contains(s.Parties, p) {
				if scope := parent.scope(v.a); !slices.Contains(scope, p) {
					v.ds.Errorf(r.Pos, "partij %q is geen partij van het bovenliggende onderdeel %q", r.ID, parent.Title)
				}
				s.Parties = append(s.Parties, p)
			}
		}
		v.itemList(s.Items, nil, s)
		v.progress(s.Progress, s.Items)
		v.figures(s.Figures)
		v.sections(s.Sections, s)
	}
}

// scope is the parties bound in s: its own list, else its parent's, else
// every party of the agreement.
func (s *Section) scope(a *Agreement) []*Party {
	for x := s; x != nil; x = x.Parent {
		if len(x.Parties) > 0 {
			return x.Parties
		}
	}
	return a.Parties
}

// Scope is the parties that take part in a section: the section's (or an
// ancestor's) `parties`, else every party of the agreement.
func (a *Agreement) Scope(s *Section) []*Party { return s.scope(a) }

func (v *validator) itemList(its []*Item, parent *Item, s *Section) {
	for _, it := range its {
		it.Parent, it.Section = parent, s
		if slices.Contains(ReservedIDs, it.ID) {
			v.ds.Errorf(it.Pos, "id %q is gereserveerd voor de opbouw van de pagina's; kies een andere id", it.ID)
		}
		if prev, dup := v.items[it.ID]; dup {
			v.ds.Errorf(it.Pos, "id %q is al gebruikt op %s; elke {#id} is uniek binnen de overeenkomst", it.ID, prev.Pos)
		} else {
			v.items[it.ID] = it
		}
		if len(it.PartyRefs) == 0 && parent != nil {
			it.PartyRefs = parent.PartyRefs
		}
		it.Binding = v.binding(it.PartyRefs, s)
		v.target(it.Target)
		v.itemList(it.Items, it, s)
	}
}

func (v *validator) binding(refs []Ref, s *Section) Binding {
	var b Binding
	scope := s.scope(v.a)
	for _, r := range refs {
		if r.ID == "all" {
			b.All = true
			if len(refs) > 1 {
				v.ds.Errorf(r.Pos, "\"all\" bindt al alle partijen en kan niet samen met andere staan")
			}
			continue
		}
		if k, ok := ofKind(r.ID); ok {
			if slices.Contains(b.Kinds, k) {
				continue
			}
			b.Kinds = append(b.Kinds, k)
			if !slices.ContainsFunc(scope, func(p *Party) bool { return p.Kind == k }) {
				v.ds.Errorf(r.Pos, "%q: de overeenkomst heeft hier geen partijen van soort %q", r.ID, k)
			}
			continue
		}
		if g, ok := v.groups[r.ID]; ok {
			if !slices.Contains(b.Groups, g) {
				b.Groups = append(b.Groups, g)
			}
			continue
		}
		p := v.party(r)
		if p == nil {
			continue
		}
		if !slices.Contains(scope, p) {
			v.ds.Errorf(r.Pos, "partij %q is geen partij van onderdeel %q (dat onderdeel noemt in parties: %s)", r.ID, s.Title, partyList(scope))
		}
		if !slices.Contains(b.Named, p) {
			b.Named = append(b.Named, p)
		}
	}
	order := func(ps []*Party) {
		slices.SortStableFunc(ps, func(x, y *Party) int {
			return cmp.Compare(slices.Index(v.a.Parties, x), slices.Index(v.a.Parties, y))
		})
	}
	order(b.Named)
	for _, p := range scope {
		if b.All || slices.Contains(b.Kinds, p.Kind) || slices.Contains(b.Named, p) {
			b.Parties = append(b.Parties, p)
		}
	}
	return b
}

func partyList(ps []*Party) string {
	ids := make([]string, len(ps))
	for i, p := range ps {
		ids[i] = p.ID
	}
	return strings.Join(ids, ", ")
}

func (v *validator) target(t *Target) {
	if t == nil {
		return
	}
	if t.Min != nil && t.Max != nil && *t.Min > *t.Max {
		v.ds.Errorf(t.Pos, "min (%g) is groter dan max (%g)", *t.Min, *t.Max)
	}
	if d := t.Due; d != nil {
		lo, hi := d.From, d.To
		if !d.Date.IsZero() {
			lo, hi = d.Date.Year, d.Date.Year
		}
		if lo < 1990 || hi > 2100 {
			v.ds.Errorf(t.Pos, "termijn %s ligt buiten het bereik 1990-2100", d)
		}
		if lo > hi {
			v.ds.Errorf(t.Pos, "termijn begint (%d) na het einde (%d)", lo, hi)
		}
	}
}

// progress attaches entries to the commitments of the same file.
func (v *validator) progress(es []*ProgressEntry, its []*Item) {
	local := map[string]*Item{}
	var ids []string
	walkItems(its, func(it *Item) {
		local[it.ID] = it
		if it.Monitored() {
			ids = append(ids, it.ID)
		}
	})
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
		it, ok := local[e.CommitmentRef.ID]
		if !ok {
			v.ds.Errorf(e.CommitmentRef.Pos, "onbekende afspraak %q in dit bestand%s; voortgang staat in hetzelfde bestand als de tekst met {#%s}", e.CommitmentRef.ID, diag.DidYouMean(e.CommitmentRef.ID, ids), e.CommitmentRef.ID)
			continue
		}
		if !it.Monitored() {
			v.ds.Errorf(e.CommitmentRef.Pos, "%q is een %s en wordt niet gevolgd; verwijder deze voortgang of maak er een afspraak van (kind: commitment)", it.ID, it.Kind.Label())
			continue
		}
		it.Progress = append(it.Progress, e)
	}
	for _, it := range local {
		slices.SortStableFunc(it.Progress, func(x, y *ProgressEntry) int { return x.Date.Compare(y.Date) })
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
