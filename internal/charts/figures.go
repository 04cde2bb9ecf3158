package charts

import (
	"cmp"
	"slices"
	"strings"

	a "github.com/prestatie/prestatie/internal/agreement"
	"github.com/prestatie/prestatie/internal/dutch"
)

// Figures makes one chart per series of figures in figs, in the order the
// series first appear. Figures of one kind with the same title and unit
// form a series (a time series when their dates differ); a lone figure is a
// snapshot. One number is a number card without a drawing (Option is nil).
func Figures(figs []*a.Figure) []*Chart {
	u := ids{}
	var out []*Chart
	for _, g := range series(figs) {
		out = append(out, figureChart(g, u))
	}
	return out
}

// series groups figures by kind, title and unit, each group sorted by date.
func series(figs []*a.Figure) [][]*a.Figure {
	var keys []string
	groups := map[string][]*a.Figure{}
	for _, f := range figs {
		k := string(f.Kind) + "\x00" + f.DefaultTitle() + "\x00" + f.Unit
		if _, ok := groups[k]; !ok {
			keys = append(keys, k)
		}
		groups[k] = append(groups[k], f)
	}
	out := make([][]*a.Figure, len(keys))
	for i, k := range keys {
		g := groups[k]
		slices.SortStableFunc(g, func(x, y *a.Figure) int { return x.AsOf.Compare(y.AsOf) })
		out[i] = g
	}
	return out
}

func figureChart(g []*a.Figure, u ids) *Chart {
	first, last := g[0], g[len(g)-1]
	c := &Chart{
		Kind: string(last.Kind), Title: last.DefaultTitle(), AsOf: last.AsOf, Figures: g,
		When: dutch.DateOf(first.AsOf),
	}
	c.ID = u.next(c.Kind, last.AsOf)
	if len(g) > 1 {
		c.When += " tot en met " + dutch.DateOf(last.AsOf)
	}
	for _, f := range g {
		if !slices.Contains(c.Sources, f.Source) {
			c.Sources = append(c.Sources, f.Source)
		}
		c.Approximate = c.Approximate || f.Approximate
		c.Illustrative = c.Illustrative || f.Illustrative
	}
	switch last.Kind {
	case a.RentBands:
		rentBands(c, g)
	case a.EnergyLabels:
		energyLabels(c, g)
	case a.Allocations:
		allocations(c, g)
	default:
		amounts(c, g)
	}
	return c
}

// dateColumns is one column per figure.
func dateColumns(g []*a.Figure) []Column {
	cols := make([]Column, len(g))
	for i, f := range g {
		cols[i] = Column{Key: f.AsOf.String(), Label: dutch.DateOf(f.AsOf)}
	}
	return cols
}

// value looks up key in a figure.
func value(f *a.Figure, key string) (float64, bool) {
	for _, v := range f.Values {
		if v.Key == key {
			return v.Value, true
		}
	}
	return 0, false
}

// cell formats a number as the table prints it.
// seriesCells is one table row's cells: key k of every figure of a series,
// an empty cell where a figure lacks it.
func seriesCells(g []*a.Figure, k, unit string, get func(*a.Figure, string) (float64, bool)) []Cell {
	cells := make([]Cell, 0, len(g))
	for _, f := range g {
		if v, ok := get(f, k); ok {
			cells = append(cells, cell(v, unit, f.Approximate))
		} else {
			cells = append(cells, Cell{Unit: unit})
		}
	}
	return cells
}

func cell(v float64, unit string, approx bool) Cell {
	t := dutch.Quantity(v, unit)
	if approx {
		t = "circa " + t
	}
	return Cell{Value: ptr(v), Unit: unit, Approx: approx, Text: t}
}

// short is the label on a bar: the number, "%" for shares, "ca." when
// rounded by the source.
func short(v float64, unit string, approx bool) string {
	s := dutch.Number(v)
	switch strings.ToLower(unit) {
	case "%":
		s = dutch.Percent(v)
	case "euro", "eur", "€":
		s = dutch.Euro(v)
	}
	if approx {
		s = "ca. " + s
	}
	return s
}

func circa(approx bool) string {
	if approx {
		return "circa "
	}
	return ""
}

// keysOf lists the value keys used in a series, in canonical order.
func keysOf(g []*a.Figure, skip ...string) []string {
	var keys []string
	for _, f := range g {
		for _, v := range f.Values {
			if !slices.Contains(keys, v.Key) && !slices.Contains(skip, v.Key) {
				keys = append(keys, v.Key)
			}
		}
	}
	slices.SortStableFunc(keys, func(x, y string) int {
		return cmp.Compare(a.FigureKeyOrder(g[0].Kind, x), a.FigureKeyOrder(g[0].Kind, y))
	})
	return keys
}

func plural(n float64, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}

// capital upper-cases the first letter.
func capital(s string) string {
	if s == "" {
		return s
	}
	r := []rune(s)
	return strings.ToUpper(string(r[0])) + string(r[1:])
}
