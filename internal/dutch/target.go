package dutch

import (
	"strconv"
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

// Binding names who an item binds as the text would: "gemeente en
// Leystromen", "alle corporaties", "gemeente en de negen corporaties in de
// regio", "alle partijen"; "" when the item names nobody.
func Binding(b agreement.Binding) string {
	if b.All {
		return "alle partijen"
	}
	var names []string
	for _, p := range b.Named {
		names = append(names, p.Label)
	}
	for _, k := range b.Kinds {
		names = append(names, "alle "+agreement.Label(agreement.PartyKindPlurals, k))
	}
	for _, g := range b.Groups {
		names = append(names, g.Name)
	}
	return List(names)
}

// Deadline says a deadline as a text would: "uiterlijk 30 juni 2025", "in
// 2027", "tussen 2028 en 2031".
func Deadline(d *agreement.Deadline) string {
	switch {
	case d == nil:
		return ""
	case !d.Date.IsZero():
		return "uiterlijk " + DateOf(d.Date)
	case d.From == d.To:
		return "in " + itoa(d.From)
	}
	return "tussen " + itoa(d.From) + " en " + itoa(d.To)
}

func itoa(n int) string { return strconv.Itoa(n) }
