package charts

import (
	"cmp"

	a "github.com/prestatie/prestatie/internal/agreement"
	"github.com/prestatie/prestatie/internal/dutch"
)

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

	b := bars{noLegend: true} // the categories name the goal
	s := barSeries{name: capital(cmp.Or(unit, "aantal")), stack: "doel"}
	for _, f := range g {
		b.categories = append(b.categories, dutch.DateOf(f.AsOf))
		if f.Value == nil {
			s.points = append(s.points, point{})
			continue
		}
		v := *f.Value
		s.points = append(s.points, point{value: ptr(v), label: short(v, unit, f.Approximate),
			tip: tooltip(circa(f.Approximate) + dutch.Quantity(v, unit))})
	}
	b.series = []barSeries{s}
	top := goal
	for _, f := range g {
		if f.Value != nil {
			top = max(top, *f.Value)
		}
	}
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
	b.aria = c.Title + ". " + c.Summary
	// A lone number without a goal is clearer as text than as one bar, but
	// the housing stock is drawn even then, as the start of its series.
	if len(g) > 1 || hasGoal || c.Kind == string(a.Stock) {
		c.Option, c.Height = b.option(), b.height()
	}
}
