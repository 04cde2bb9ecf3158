package agreement

import (
	"fmt"
	"slices"
	"strings"
)

// RentBandKeys are the huurprijsklassen, cheapest first. Each is "up to"
// that limit; the last is above the liberalisatiegrens.
var RentBandKeys = []Term[string]{
	{"kwaliteitskortingsgrens", "tot kwaliteitskortingsgrens"},
	{"aftoppingsgrens-1", "tot 1e aftoppingsgrens"},
	{"aftoppingsgrens-2", "tot 2e aftoppingsgrens"},
	{"liberalisatiegrens", "tot liberalisatiegrens"},
	{"boven-liberalisatiegrens", "boven liberalisatiegrens"},
}

// EnergyLabelClasses are the NTA 8800 classes, best first, then "onbekend".
var EnergyLabelClasses = []string{"A++++", "A+++", "A++", "A+", "A", "B", "C", "D", "E", "F", "G"}

// AllocationKeys are the numbers an allocation figure may hold.
var AllocationKeys = []Term[string]{
	{"vrijgekomen", "vrijgekomen woningen"},
	{"toewijzingen", "toewijzingen"},
	{"statushouders", "statushouders"},
	{"urgenten", "urgenten"},
	{"uitstroom", "uitstroom en contingenten"},
	{"maatwerk", "maatwerk"},
	{"signaalwaarde", "signaalwaarde (%)"},
}

// FigureKeyOrder gives the position of key among the keys of kind, or -1 if
// the key is not allowed. Energy label groups ("E-G") sort at their first class.
func FigureKeyOrder(kind FigureKind, key string) int {
	switch kind {
	case RentBands:
		return slices.IndexFunc(RentBandKeys, func(t Term[string]) bool { return t.ID == key })
	case Allocations:
		return slices.IndexFunc(AllocationKeys, func(t Term[string]) bool { return t.ID == key })
	case EnergyLabels:
		if key == "onbekend" {
			return 2 * len(EnergyLabelClasses)
		}
		lo, hi, ok := labelRange(key)
		if !ok {
			return -1
		}
		return 2*lo + min(hi-lo, 1)
	}
	return -1
}

// FigureKeys lists the keys allowed for kind, for messages.
func FigureKeys(kind FigureKind) []string {
	switch kind {
	case RentBands:
		return IDs(RentBandKeys)
	case Allocations:
		return IDs(AllocationKeys)
	case EnergyLabels:
		return append(slices.Clone(EnergyLabelClasses), "onbekend")
	}
	return nil
}

// FigureKeyLabel is the Dutch label of a value key.
func FigureKeyLabel(kind FigureKind, key string) string {
	switch kind {
	case RentBands:
		return Label(RentBandKeys, key)
	case Allocations:
		return Label(AllocationKeys, key)
	case EnergyLabels:
		if key == "onbekend" {
			return "label onbekend"
		}
		return "label " + key
	}
	return key
}

// labelRange parses "B" or a group "E-G" into class indexes.
func labelRange(key string) (lo, hi int, ok bool) {
	a, b, group := strings.Cut(key, "-")
	lo = slices.Index(EnergyLabelClasses, a)
	hi = lo
	if group {
		hi = slices.Index(EnergyLabelClasses, b)
	}
	return lo, hi, lo >= 0 && hi > lo || lo >= 0 && !group
}

// DefaultTitle is the caption of a figure without its own title.
func (f *Figure) DefaultTitle() string {
	if f.Title != "" {
		return f.Title
	}
	return Label(FigureKinds, f.Kind)
}

// Total is the sum of the figure's values (rent bands, energy labels).
func (f *Figure) Total() float64 {
	var t float64
	for _, v := range f.Values {
		if f.Kind == Allocations && v.Key == "signaalwaarde" {
			continue
		}
		t += v.Value
	}
	return t
}

func (f *Figure) String() string { return fmt.Sprintf("%s %s", f.Kind, f.AsOf) }
