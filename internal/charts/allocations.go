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
	addRow("aandeel", "Aandeel bijzondere doelgroepen in de vrijgekomen woningen", "%", func(i int) (float64, bool) { return ps[i].share, ps[i].hasShare })
	addRow("signaalwaarde", "Signaalwaarde (afgesproken aandeel)", "%", func(i int) (float64, bool) { return ps[i].signal, ps[i].hasSignal })

	// The chart: per period the realised share against the signal value.
	b := bars{percentAxis: true}
	s := barSeries{name: "Aandeel bijzondere doelgroepen"}
	top := 0.0
	for i, f := range g {
		p := ps[i]
		b.categories = append(b.categories, dutch.DateOf(f.AsOf))
		if !p.hasShare {
			s.points = append(s.points, point{})
			continue
		}
		top = max(top, p.share)
		s.points = append(s.points, point{value: ptr(p.share), label: dutch.Percent(p.share),
			tip: tooltip(dutch.Number(p.groups) + " van " + dutch.Number(p.vacated) + " vrijgekomen woningen naar bijzondere doelgroepen: " + dutch.Percent(p.share))})
	}
	b.series = []barSeries{s}
	if lp := ps[len(ps)-1]; lp.hasSignal {
		b.mark = &mark{value: lp.signal, label: "signaalwaarde " + dutch.Percent(lp.signal)}
		top = max(top, lp.signal)
	}
	b.axisMax = niceMax(top)

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
	b.aria = c.Title + ". " + c.Summary
	if slices.ContainsFunc(ps, func(p period) bool { return p.hasShare }) {
		c.Option, c.Height = b.option(), b.height()
	}
}

// ---- Stock and other single numbers ----
