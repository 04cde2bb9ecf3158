package charts

import (
	"cmp"
	"slices"
	"strings"

	a "github.com/prestatie/prestatie/internal/agreement"
	"github.com/prestatie/prestatie/internal/dutch"
)

// efg reports whether a label key lies within E, F and G.
func efg(key string) bool {
	lo, _, _ := strings.Cut(key, "-")
	hi := key[strings.LastIndex(key, "-")+1:]
	if !strings.Contains(key, "-") {
		hi = key
	}
	in := func(k string) bool { return k == "E" || k == "F" || k == "G" }
	return in(lo) && in(hi)
}

// aOrBetter reports whether a label key lies within A++++ to A.
func aOrBetter(key string) bool {
	hi := key
	if i := strings.LastIndex(key, "-"); i > 0 {
		hi = key[i+1:]
	}
	return strings.HasPrefix(hi, "A") && key != "onbekend"
}

// labelColour is the colour of a class, or of the middle class of a group.
func labelColour(key string) string {
	if c, ok := labelColours[key]; ok {
		return c
	}
	lo, hi, _ := strings.Cut(key, "-")
	i, j := slices.Index(a.EnergyLabelClasses, lo), slices.Index(a.EnergyLabelClasses, hi)
	if i < 0 || j < 0 {
		return labelColours["onbekend"]
	}
	return labelColours[a.EnergyLabelClasses[(i+j)/2]]
}

// goalNumber is the number a goal aims at: its value, else its bound.
func goalNumber(t *a.Target) (float64, bool) {
	switch {
	case t == nil:
		return 0, false
	case t.Value != nil:
		return *t.Value, true
	case t.Max != nil:
		return *t.Max, true
	case t.Min != nil:
		return *t.Min, true
	}
	return 0, false
}

func goalLabel(t *a.Target) string {
	if t.Due != nil {
		return "Doel " + dutch.Deadline(t.Due)
	}
	return "Doel"
}

func goalShort(t *a.Target) string {
	if t.Due != nil {
		return "doel " + itoa(t.Due.End().Year)
	}
	return "doel"
}

func energyLabels(c *Chart, g []*a.Figure) {
	last := g[len(g)-1]
	unit := cmp.Or(last.Unit, "woningen")
	goal, hasGoal := goalNumber(last.Goal)
	keys := keysOf(g)
	var efgKeys []string
	for _, k := range keys {
		if efg(k) {
			efgKeys = append(efgKeys, k)
		}
	}
	// The national goal counts homes with E, F or G together: it goes on
	// the one row that holds them, or on a row that adds them up.
	goalKey := ""
	sumRow := false
	if hasGoal {
		if len(efgKeys) == 1 {
			goalKey = efgKeys[0]
		} else {
			goalKey, sumRow = "E-G samen", true
		}
	}
	c.Table = Table{Corner: "Energielabel", Columns: dateColumns(g)}
	if hasGoal {
		c.Table.Columns = append(c.Table.Columns, Column{Key: "doel", Label: goalLabel(last.Goal)})
	}
	rowKeys := slices.Clone(keys)
	if sumRow {
		rowKeys = append(rowKeys, goalKey)
	}
	sumOf := func(f *a.Figure) (float64, bool) {
		var t float64
		var any bool
		for _, k := range efgKeys {
			if v, ok := value(f, k); ok {
				t, any = t+v, true
			}
		}
		return t, any
	}
	get := func(f *a.Figure, k string) (float64, bool) {
		if sumRow && k == goalKey {
			return sumOf(f)
		}
		return value(f, k)
	}
	for _, k := range rowKeys {
		label := a.FigureKeyLabel(a.EnergyLabels, k)
		if sumRow && k == goalKey {
			label = "label E, F en G samen"
		}
		row := Row{Key: k, Label: label}
		row.Cells = append(row.Cells, seriesCells(g, k, unit, get)...)
		if hasGoal {
			if k == goalKey {
				row.Cells = append(row.Cells, cell(goal, unit, false))
			} else {
				row.Cells = append(row.Cells, Cell{Unit: unit})
			}
		}
		c.Table.Rows = append(c.Table.Rows, row)
	}

	// The chart is the distribution over the classes, one series per
	// moment. The goal and the total it counts are not classes: they stand
	// apart, as a card beside the chart and the goal below it.
	b := bars{horizontal: true, noLegend: len(g) == 1} // one moment: the caption names it
	for _, k := range keys {
		b.categories = append(b.categories, strings.TrimPrefix(a.FigureKeyLabel(a.EnergyLabels, k), "label "))
	}
	for _, f := range g {
		s := barSeries{name: dutch.DateOf(f.AsOf), colour: mutedColour}
		for _, k := range keys {
			v, ok := value(f, k)
			if !ok {
				s.points = append(s.points, point{})
				continue
			}
			s.points = append(s.points, point{value: ptr(v), label: short(v, "", f.Approximate), colour: labelColour(k),
				tip: tooltip("{a}: " + circa(f.Approximate) + dutch.Quantity(v, unit))})
		}
		b.series = append(b.series, s)
	}
	top := 0.0
	for _, s := range b.series {
		for _, p := range s.points {
			if p.value != nil {
				top = max(top, *p.value)
			}
		}
	}
	b.axisMax = niceMax(top)
	if len(efgKeys) > 0 && (hasGoal || len(keys) == 1) {
		c.Cards = []Card{efgCard(g, efgKeys, unit, sumOf, len(keys) > 1)}
	}

	// Summary, from the latest figure.
	var total, good, bad, unknown float64
	for _, v := range last.Values {
		total += v.Value
		switch {
		case v.Key == "onbekend":
			unknown += v.Value
		case efg(v.Key):
			bad += v.Value
		case aOrBetter(v.Key):
			good += v.Value
		}
	}
	when := " (" + dutch.DateOf(last.AsOf) + ")"
	var s string
	if bad == total {
		s = capital(circa(last.Approximate)) + dutch.Number(bad) + " " + plural(bad, "woning heeft", "woningen hebben") + " energielabel E, F of G" + when
	} else {
		s = "Van de " + circa(last.Approximate) + dutch.Quantity(total, unit) + " " + plural(good, "heeft", "hebben") + " er " +
			dutch.Number(good) + " label A of beter en " + dutch.Number(bad) + " label E, F of G"
		if unknown > 0 {
			s += "; van " + dutch.Number(unknown) + " is het label onbekend"
		}
		s += when
	}
	if hasGoal {
		s += "; het doel is " + dutch.Target(last.Goal) + " met label E, F of G"
		if last.Goal.Due != nil {
			s += " " + dutch.Deadline(last.Goal.Due)
		}
	}
	c.Summary = s + "."
	draw(c, b)
}

// efgCard is the number of homes with label E, F or G at the latest
// moment, with the change since the moment before: the number the
// national goal counts.
func efgCard(g []*a.Figure, efgKeys []string, unit string, sumOf func(*a.Figure) (float64, bool), together bool) Card {
	last := g[len(g)-1]
	n, _ := sumOf(last)
	var classes []string
	for _, k := range efgKeys {
		lo, hi, _ := strings.Cut(k, "-")
		i, j := slices.Index(a.EnergyLabelClasses, lo), slices.Index(a.EnergyLabelClasses, cmp.Or(hi, lo))
		if i >= 0 && j >= i {
			classes = append(classes, a.EnergyLabelClasses[i:j+1]...)
		}
	}
	label := "Woningen met label " + strings.Join(classes, ", ")
	if n := len(classes); n > 1 {
		label = "Woningen met label " + strings.Join(classes[:n-1], ", ") + " of " + classes[n-1]
	}
	if together {
		label = "Label " + dutch.List(classes) + " samen"
	}
	card := Card{Label: label, Value: short(n, "", last.Approximate), Unit: cardUnit(n, unit)}
	for i := len(g) - 2; i >= 0; i-- {
		if p, ok := sumOf(g[i]); ok {
			card.Change = change(p, n, unit, g[i].Approximate || last.Approximate) + " " + dutch.DateOf(g[i].AsOf) + " (" + short(p, "", g[i].Approximate) + ")"
			break
		}
	}
	return card
}
