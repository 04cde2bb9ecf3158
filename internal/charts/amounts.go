package charts

import (
	"cmp"
	"math"
	"strings"

	a "github.com/prestatie/prestatie/internal/agreement"
	"github.com/prestatie/prestatie/internal/dutch"
)

// amounts is a number or a series of numbers (housing stock, a key
// figure). Its latest number is a card with the change since the moment
// before; only a series of three moments or more is drawn as well, since
// two bars of nearly one height show less than the change in words.
func amounts(c *Chart, g []*a.Figure) {
	last := g[len(g)-1]
	unit := last.Unit
	c.Table = Table{Corner: "Cijfer", Columns: dateColumns(g)}
	row := Row{Key: c.Kind, Label: c.Title}
	for _, f := range g {
		if f.Value != nil {
			row.Cells = append(row.Cells, cell(*f.Value, unit, f.Approximate))
		} else {
			row.Cells = append(row.Cells, Cell{Unit: unit})
		}
	}
	goal, hasGoal := goalNumber(last.Goal)
	if hasGoal {
		c.Table.Columns = append(c.Table.Columns, Column{Key: "doel", Label: goalLabel(last.Goal)})
		gc := cell(goal, unit, false)
		gc.Text = dutch.Target(last.Goal)
		row.Cells = append(row.Cells, gc)
	}
	c.Table.Rows = []Row{row}

	// The card: the latest number and its change since the one before.
	var prev *a.Figure
	for _, f := range g[:len(g)-1] {
		if f.Value != nil {
			prev = f
		}
	}
	if last.Value != nil {
		card := Card{Value: short(*last.Value, unit, last.Approximate), Unit: cardUnit(*last.Value, unit)}
		if prev != nil {
			card.Change = change(*prev.Value, *last.Value, unit, prev.Approximate || last.Approximate) +
				" " + dutch.DateOf(prev.AsOf) + " (" + short(*prev.Value, unit, prev.Approximate) + ")"
		}
		c.Cards = []Card{card}
	}

	// Summary.
	q := func(f *a.Figure) string { return circa(f.Approximate) + dutch.Quantity(*f.Value, unit) }
	var s1 string
	switch {
	case last.Value == nil:
		s1 = c.Title + ": geen cijfer"
	case len(g) == 1 && c.Kind == string(a.Stock):
		s1 = "In " + dutch.DateOf(last.AsOf) + " " + plural(*last.Value, "was er ", "waren er ") + q(last)
	case len(g) == 1:
		s1 = c.Title + ": " + q(last) + " (" + dutch.DateOf(last.AsOf) + ")"
	case g[0].Value != nil:
		s1 = c.Title + ": van " + q(g[0]) + " in " + dutch.DateOf(g[0].AsOf) + " naar " + q(last) + " in " + dutch.DateOf(last.AsOf)
	default:
		s1 = c.Title + ": " + q(last) + " in " + dutch.DateOf(last.AsOf)
	}
	if hasGoal {
		s1 += "; het doel is " + dutch.Target(last.Goal)
		if last.Goal.Due != nil {
			s1 += " " + dutch.Deadline(last.Goal.Due)
		}
	} else if last.Goal != nil && last.Goal.Trend != "" {
		s1 += "; het doel: " + dutch.Target(last.Goal)
	}
	c.Summary = s1 + "."

	if len(g) < 3 {
		return
	}
	b := bars{noLegend: true} // the categories name the goal
	s := barSeries{name: capital(cmp.Or(unit, "aantal")), stack: "doel"}
	top := goal
	for _, f := range g {
		b.categories = append(b.categories, dutch.DateOf(f.AsOf))
		if f.Value == nil {
			s.points = append(s.points, point{})
			continue
		}
		v := *f.Value
		top = max(top, v)
		s.points = append(s.points, point{value: ptr(v), label: short(v, unit, f.Approximate),
			tip: tooltip(circa(f.Approximate) + dutch.Quantity(v, unit))})
	}
	b.series = []barSeries{s}
	b.axisMax = niceMax(top)
	if hasGoal {
		b.categories = append(b.categories, goalShort(last.Goal))
		b.series[0].points = append(b.series[0].points, point{})
		gs := barSeries{name: goalLabel(last.Goal), goal: true, stack: "doel"}
		for range g {
			gs.points = append(gs.points, point{})
		}
		gs.points = append(gs.points, point{value: ptr(goal), label: dutch.Number(goal), tip: tooltip(dutch.Target(last.Goal))})
		b.series = append(b.series, gs)
	}
	draw(c, b)
}

// cardUnit is the unit written after a card's number, when the number
// does not carry it already ("€ 20.000", "15%").
func cardUnit(v float64, unit string) string {
	switch strings.ToLower(unit) {
	case "", "%", "procent", "euro", "eur", "€":
		return ""
	}
	if v == 1 {
		return dutch.Singular(unit)
	}
	return unit
}

// change says how a number moved since an earlier moment, up to the
// moment's name: "70 woningen meer dan in", "evenveel als in".
func change(from, to float64, unit string, approx bool) string {
	d := math.Round((to-from)*100) / 100
	if d == 0 {
		return "evenveel als in"
	}
	word := " meer dan in"
	if d < 0 {
		word = " minder dan in"
	}
	n := math.Abs(d)
	var q string
	switch strings.ToLower(unit) {
	case "%", "procent":
		q = dutch.Number(n) + " procentpunt" // Dutch counts percentage points in the singular
	default:
		q = dutch.Quantity(n, unit)
	}
	return circa(approx) + q + word
}
