// Package rent holds the official rent limits (huurgrenzen) of the Dutch
// social rental sector per year, with where each year's amounts come from.
// Rent-band figures use them to say what a band means in euro: "tot
// € 452,20 (2023)". A year that is not in the table has no amounts; callers
// then show the band without one rather than a wrong one.
package rent

import "slices"

// Limits are the limits of one calendar year, in euro kale huur per month.
// A rent equal to a limit falls in the band below it.
type Limits struct {
	Year                    int
	Kwaliteitskortingsgrens float64
	Aftoppingsgrens1        float64 // 1e aftoppingsgrens, one- and two-person households
	Aftoppingsgrens2        float64 // 2e aftoppingsgrens, three or more persons
	Liberalisatiegrens      float64 // also the DAEB-huurgrens and huurtoeslaggrens
	Sources                 []string
}

// table: ../shared/REFERENCE.md, "Rent thresholds". Add a year only with
// its source.
var table = []Limits{
	{
		Year: 2023, Kwaliteitskortingsgrens: 452.20, Aftoppingsgrens1: 647.19, Aftoppingsgrens2: 693.60, Liberalisatiegrens: 808.06,
		Sources: []string{"Woonbond, Normen en grenzen huurtoeslag 2023", "Belastingdienst, Maximale huur 2023"},
	},
	{
		Year: 2024, Kwaliteitskortingsgrens: 454.47, Aftoppingsgrens1: 650.43, Aftoppingsgrens2: 697.07, Liberalisatiegrens: 879.66,
		Sources: []string{"Woonbond, Normen en grenzen huurtoeslag 2024", "Belastingdienst, Maximale huur 2024"},
	},
	{
		Year: 2025, Kwaliteitskortingsgrens: 477.20, Aftoppingsgrens1: 682.96, Aftoppingsgrens2: 731.93, Liberalisatiegrens: 900.07,
		Sources: []string{"Rijksoverheid, Inkomens- en huurgrenzen 2025 voor woningcorporaties en huurtoeslag"},
	},
}

// For returns the limits of year, and false when the table has none.
func For(year int) (Limits, bool) {
	i := slices.IndexFunc(table, func(l Limits) bool { return l.Year == year })
	if i < 0 {
		return Limits{}, false
	}
	return table[i], true
}

// Years lists the years in the table, oldest first.
func Years() []int {
	ys := make([]int, len(table))
	for i, l := range table {
		ys[i] = l.Year
	}
	return ys
}

// Band is the limit that bounds a rent band, by the band keys of rent-band
// figures: the band "kwaliteitskortingsgrens" holds rents up to that limit,
// "boven-liberalisatiegrens" rents above the liberalisatiegrens (Above is
// true then). ok is false for an unknown key.
func (l Limits) Band(key string) (amount float64, above, ok bool) {
	switch key {
	case "kwaliteitskortingsgrens":
		return l.Kwaliteitskortingsgrens, false, true
	case "aftoppingsgrens-1":
		return l.Aftoppingsgrens1, false, true
	case "aftoppingsgrens-2":
		return l.Aftoppingsgrens2, false, true
	case "liberalisatiegrens":
		return l.Liberalisatiegrens, false, true
	case "boven-liberalisatiegrens":
		return l.Liberalisatiegrens, true, true
	}
	return 0, false, false
}
