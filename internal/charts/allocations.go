package charts

import (
	"cmp"
	"math"
	"slices"

	a "github.com/prestatie/prestatie/internal/agreement"
	"github.com/prestatie/prestatie/internal/dutch"
)

// groupKeys are the bijzondere doelgroepen among the allocation keys.
var groupKeys = []string{"statushouders", "urgenten", "uitstroom", "maatwerk"}

// share is part of whole in percent, rounded to one decimal as printed.
func share(part, whole float64) float64 { return math.Round(part/whole*1000) / 10 }

func allocations(c *Chart, g []*a.Figure) {
	last := g[len(g)-1]
	unit := cmp.Or(last.Unit, "woningen")
	keys := keysOf(g, "signaalwaarde")
	c.Table = Table{Corner: "Toewijzing", Columns: dateColumns(g)}
	for _, k := range keys {
		row := Row{Key: k, Label: capital(a.Label(a.AllocationKeys, k))}
		row.Cells = append(row.Cells, seriesCells(g, k, unit, value)...)
		c.Table.Rows = append(c.Table.Rows, row)
	}
	// Computed: the groups together, their share of the vacated homes, and
	// the agreed signal value.
	type period struct {
		groups, vacated, signal        float64
		hasGroups, hasShare, hasSignal bool
		share                          float64
	}
	ps := make([]period, len(g))
	for i, f := range g {
		p := &ps[i]
		for _, k := range groupKeys {
			if v, ok := value(f, k); ok {
				p.groups, p.hasGroups = p.groups+v, true
			}
		}
		if v, ok := value(f, "vrijgekomen"); ok && v > 0 && p.hasGroups {
			p.vacated, p.hasShare, p.share = v, true, share(p.groups, v)
		}
		p.signal, p.hasSignal = value(f, "signaalwaarde")
	}
	addRow := func(key, label, unit string, get func(i int) (float64, bool)) {
		row := Row{Key: key, Label: label}
		any := false
		for i, f := range g {
			if v, ok := get(i); ok {
				row.Cells, any = append(row.Cells, cell(v, unit, f.Approximate && unit != "%")), true
			} else {
				row.Cells = append(row.Cells, Cell{Unit: unit})
			}
		}
		if any {
			c.Table.Rows = append(c.Table.Rows, row)
		}
	}
	addRow("bijzondere-doelgroepen", "Bijzondere doelgroepen samen", unit, func(i int) (float64, bool) { return ps[i].groups, ps[i].hasGroups })
	// The share of each group, as the chart stacks them.
	for _, k := range groupKeys {
		if !slices.Contains(keys, k) {
			continue
		}
		addRow("aandeel-"+k, "Aandeel "+a.Label(a.AllocationKeys, k)+" in de vrijgekomen woningen", "%", func(i int) (float64, bool) {
			v, ok := value(g[i], k)
			if !ok || !ps[i].hasShare {
				return 0, false
			}
			return share(v, ps[i].vacated), true
		})
	}
	addRow("aandeel", "Aandeel bijzondere doelgroepen in de vrijgekomen woningen", "%", func(i int) (float64, bool) { return ps[i].share, ps[i].hasShare })
	addRow("signaalwaarde", "Signaalwaarde (afgesproken aandeel)", "%", func(i int) (float64, bool) { return ps[i].signal, ps[i].hasSignal })

	lp := ps[len(ps)-1]
	switch {
	case lp.hasShare:
		sum := "Van de " + circa(last.Approximate) + dutch.Number(lp.vacated) + " vrijgekomen woningen (stand " + dutch.DateOf(last.AsOf) + ") ging " +
			dutch.Percent(lp.share) + " naar bijzondere doelgroepen (" + dutch.Quantity(lp.groups, unit) + ")"
		if lp.hasSignal {
			switch {
			case lp.share < lp.signal:
				sum += ", onder de signaalwaarde van " + dutch.Percent(lp.signal)
			case lp.share > lp.signal:
				sum += ", boven de signaalwaarde van " + dutch.Percent(lp.signal)
			default:
				sum += ", gelijk aan de signaalwaarde"
			}
		}
		c.Summary = sum + "."
	case lp.hasGroups:
		c.Summary = capital(circa(last.Approximate)) + dutch.Quantity(lp.groups, unit) + " gingen naar bijzondere doelgroepen (stand " + dutch.DateOf(last.AsOf) +
			"); zonder het aantal vrijgekomen woningen is hun aandeel niet te berekenen."
	default:
		c.Summary = "Voor " + dutch.DateOf(last.AsOf) + " zijn geen toewijzingen aan bijzondere doelgroepen opgegeven."
	}
	c.Notes = append(c.Notes, "Het aandeel is berekend: bijzondere doelgroepen samen (statushouders, urgenten, uitstroom en contingenten, maatwerk) gedeeld door de vrijgekomen woningen.")

	// The chart: per period the groups stacked, as shares of the vacated
	// homes, against the signal value; without vacated homes, as numbers.
	shares := slices.ContainsFunc(ps, func(p period) bool { return p.hasShare })
	b := bars{percentAxis: shares, stacked: true, cardLabel: "Naar bijzondere doelgroepen"}
	if shares {
		b.cardLabel = "Aandeel bijzondere doelgroepen in de vrijgekomen woningen"
	}
	for _, f := range g {
		b.categories = append(b.categories, dutch.DateOf(f.AsOf))
	}
	top := 0.0
	for _, k := range groupKeys {
		if !slices.Contains(keys, k) {
			continue
		}
		name := capital(a.Label(a.AllocationKeys, k))
		s := barSeries{name: name}
		for i, f := range g {
			v, ok := value(f, k)
			switch {
			case !ok || shares && !ps[i].hasShare:
				s.points = append(s.points, point{})
			case shares:
				pct := share(v, ps[i].vacated)
				s.points = append(s.points, point{value: ptr(pct), label: nonZero(pct, dutch.Percent(pct)),
					tip: tooltip("{a}: " + circa(f.Approximate) + dutch.Quantity(v, unit) + ", " + dutch.Percent(pct) + " van " + dutch.Number(ps[i].vacated) + " vrijgekomen woningen")})
			default:
				s.points = append(s.points, point{value: ptr(v), label: nonZero(v, short(v, "", f.Approximate)),
					tip: tooltip("{a}: " + circa(f.Approximate) + dutch.Quantity(v, unit))})
			}
		}
		b.series = append(b.series, s)
	}
	// The total on top of each stack: a series of zero height whose label
	// is the sum, left out of the legend.
	total := barSeries{name: "Samen", total: true}
	for i, f := range g {
		p := ps[i]
		switch {
		case shares && p.hasShare:
			top = max(top, p.share)
			total.points = append(total.points, point{value: ptr(0), label: "samen " + dutch.Percent(p.share)})
		case !shares && p.hasGroups:
			top = max(top, p.groups)
			total.points = append(total.points, point{value: ptr(0), label: "samen " + short(p.groups, "", f.Approximate)})
		default:
			total.points = append(total.points, point{})
		}
	}
	b.series = append(b.series, total)
	if lp := ps[len(ps)-1]; shares && lp.hasSignal {
		b.mark = &mark{value: lp.signal, label: "signaalwaarde " + dutch.Percent(lp.signal)}
		top = max(top, lp.signal)
	}
	b.axisMax = niceMax(top)
	draw(c, b)
}

// nonZero is label, or none for a zero, which has no bar to carry it.
func nonZero(v float64, label string) string {
	if v == 0 {
		return ""
	}
	return label
}
