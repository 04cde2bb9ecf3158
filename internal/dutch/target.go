package dutch

import (
	"strings"

	"github.com/prestatie/prestatie/internal/agreement"
)

// Target describes a target in words: "12 woningen", "5 tot 10 woningen",
// "maximaal € 550", "aantal woningen neemt niet af". Due date and note are
// left to the caller, which knows whether a default date applies.
func Target(t *agreement.Target) string {
	q := func(f float64) string { return Quantity(f, t.Unit) }
	switch {
	case t.Value != nil:
		return q(*t.Value)
	case t.Min != nil && t.Max != nil:
		if strings.EqualFold(t.Unit, "euro") {
			return Euro(*t.Min) + " tot " + Euro(*t.Max)
		}
		return Number(*t.Min) + " tot " + q(*t.Max)
	case t.Min != nil:
		return "ten minste " + q(*t.Min)
	case t.Max != nil:
		return "maximaal " + q(*t.Max)
	case t.Trend != "":
		return "aantal " + t.Unit + " " + agreement.Label(agreement.Trends, t.Trend)
	}
	return ""
}

// DateOf formats a model date.
func DateOf(d agreement.Date) string { return Date(d.Year, d.Month, d.Day) }

// List joins names the Dutch way: "a", "a en b", "a, b en c".
func List(names []string) string {
	switch len(names) {
	case 0:
		return ""
	case 1:
		return names[0]
	}
	return strings.Join(names[:len(names)-1], ", ") + " en " + names[len(names)-1]
}

// PartyNames lists parties by label: "gemeente en Leystromen".
func PartyNames(ps []*agreement.Party) string {
	names := make([]string, len(ps))
	for i, p := range ps {
		names[i] = p.Label
	}
	return List(names)
}

var kindPlural = map[agreement.PartyKind]string{
	agreement.Municipality: "alle gemeenten", agreement.Corporation: "alle corporaties",
	agreement.Tenants: "alle huurdersorganisaties", agreement.OtherParty: "alle overige partijen",
}

// GroupHeading is the heading of a list of commitments: "Bijdrage
// Leystromen", "Bijdrage gemeente en Leystromen", "Bijdrage alle
// corporaties", or "Afspraken" for a chapter whose afspraken bind everyone.
func GroupHeading(g agreement.Group) string {
	switch {
	case g.AllOnly:
		return "Afspraken"
	case g.Binding.All:
		return "Bijdrage alle partijen"
	case g.Binding.OfKind != "":
		return "Bijdrage " + kindPlural[g.Binding.OfKind]
	}
	return "Bijdrage " + PartyNames(g.Binding.Parties)
}
