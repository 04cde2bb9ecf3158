package charts

import (
	"cmp"
	"math"
	"slices"
	"strings"

	a "github.com/prestatie/prestatie/internal/agreement"
	"github.com/prestatie/prestatie/internal/dutch"
	"github.com/prestatie/prestatie/internal/rent"
)

// Figures makes one chart per series of figures in figs, in the order the
// series first appear. Figures of one kind with the same title and unit
// form a series (a time series when their dates differ); a lone figure is a
// snapshot. A single `value` figure has no drawing (Option is nil).
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

// ---- Rent bands ----

// bandPhrase is how a band reads in a sentence.
var bandPhrase = map[string]string{
	"kwaliteitskortingsgrens":  "tot de kwaliteitskortingsgrens",
	"aftoppingsgrens-1":        "tot de 1e aftoppingsgrens",
	"aftoppingsgrens-2":        "tot de 2e aftoppingsgrens",
	"liberalisatiegrens":       "tot de liberalisatiegrens",
	"boven-liberalisatiegrens": "boven de liberalisatiegrens",
}

// bandLimit is "tot € 452,20 (2023)" for a band in a year, or "" when the
// reference table has no limits for that year.
func bandLimit(key string, year int) string {
	l, ok := rent.For(year)
	if !ok {
		return ""
	}
	amount, above, ok := l.Band(key)
	if !ok {
		return ""
	}
	word := "tot"
	if above {
		word = "boven"
	}
	return word + " " + dutch.Euro(amount) + " (" + itoa(year) + ")"
}

func rentBands(c *Chart, g []*a.Figure) {
	unit := cmp.Or(g[len(g)-1].Unit, "%")
	c.Table = Table{Corner: "Huurprijsklasse", Columns: dateColumns(g)}
	var years []int
	for _, f := range g {
		if !slices.Contains(years, f.AsOf.Year) {
			years = append(years, f.AsOf.Year)
		}
	}
	keys := keysOf(g)
	b := bars{horizontal: true}
	for _, k := range keys {
		label := a.Label(a.RentBandKeys, k)
		b.categories = append(b.categories, label)
		var limits []string
		for _, y := range years {
			if s := bandLimit(k, y); s != "" {
				limits = append(limits, s)
			}
		}
		if len(limits) > 0 {
			label += ", " + strings.Join(limits, ", ")
		}
		row := Row{Key: k, Label: label}
		row.Cells = append(row.Cells, seriesCells(g, k, unit, value)...)
		c.Table.Rows = append(c.Table.Rows, row)
	}
	for _, f := range g {
		s := barSeries{name: dutch.DateOf(f.AsOf)}
		for _, k := range keys {
			v, ok := value(f, k)
			if !ok {
				s.points = append(s.points, point{})
				continue
			}
			head := "{a}: "
			if lim := bandLimit(k, f.AsOf.Year); lim != "" {
				head = lim + "; " + head
			}
			s.points = append(s.points, point{value: ptr(v), label: short(v, unit, f.Approximate),
				tip: tooltip(head + short(v, unit, f.Approximate))})
		}
		b.series = append(b.series, s)
	}
	top := 0.0
	for _, f := range g {
		for _, v := range f.Values {
			top = max(top, v.Value)
		}
	}
	b.axisMax = niceMax(top)
	// The "{a}: " above is a template variable inside an escaped line;
	// html.EscapeString leaves braces alone, so ECharts still fills it in.
	for _, y := range years {
		if l, ok := rent.For(y); ok {
			c.Notes = append(c.Notes, "Huurgrenzen "+itoa(y)+" (kale huur per maand; een huur gelijk aan een grens valt in de klasse eronder): "+
				strings.Join(l.Sources, "; ")+".")
		} else {
			c.Notes = append(c.Notes, "Voor "+itoa(y)+" zijn geen officiële huurgrenzen opgenomen; de klassen staan daarom zonder bedrag.")
		}
	}

	f := g[len(g)-1]
	var parts []string
	for i, v := range f.Values {
		n := short(v.Value, unit, false)
		if unit != "%" {
			n = dutch.Number(v.Value)
		}
		switch {
		case i == 0 && unit == "%":
			parts = append(parts, n+" van de woningen een huur "+bandPhrase[v.Key])
		case i == 0:
			parts = append(parts, n+" "+plural(v.Value, "woning", "woningen")+" een huur "+bandPhrase[v.Key])
		default:
			parts = append(parts, n+" "+bandPhrase[v.Key])
		}
	}
	verb := "had"
	if unit != "%" && len(f.Values) > 0 && f.Values[0].Value != 1 {
		verb = "hadden"
	}
	c.Summary = "In " + dutch.DateOf(f.AsOf) + " " + verb + " " + circa(f.Approximate) + dutch.List(parts) + "."
	b.aria = c.Title + ". " + c.Summary
	c.Option, c.Height = b.option(), b.height()
}

// ---- Energy labels ----

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
	b := bars{horizontal: true}
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
		b.categories = append(b.categories, strings.TrimPrefix(label, "label "))
	}
	// The goal gets a category of its own below the classes, sharing the
	// slot of the latest series, so it does not halve every bar.
	if hasGoal {
		b.categories = append(b.categories, capital(goalShort(last.Goal))+": "+strings.TrimPrefix(a.FigureKeyLabel(a.EnergyLabels, goalKey), "label "))
		if sumRow {
			b.categories[len(b.categories)-1] = capital(goalShort(last.Goal)) + ": E, F en G"
		}
	}
	for i, f := range g {
		s := barSeries{name: dutch.DateOf(f.AsOf), colour: mutedColour}
		if i == len(g)-1 {
			s.stack = "doel"
		}
		for _, k := range rowKeys {
			v, ok := get(f, k)
			if !ok {
				s.points = append(s.points, point{})
				continue
			}
			colour := labelColour(k)
			if sumRow && k == goalKey {
				colour = labelColour("E-G")
			}
			s.points = append(s.points, point{value: ptr(v), label: short(v, "", f.Approximate), colour: colour,
				tip: tooltip("{a}: " + circa(f.Approximate) + dutch.Quantity(v, unit))})
		}
		if hasGoal {
			s.points = append(s.points, point{})
		}
		b.series = append(b.series, s)
	}
	if hasGoal {
		s := barSeries{name: goalLabel(last.Goal), goal: true, stack: "doel"}
		for range rowKeys {
			s.points = append(s.points, point{})
		}
		s.points = append(s.points, point{value: ptr(goal), label: dutch.Number(goal), tip: tooltip("{a}: " + dutch.Target(last.Goal))})
		b.series = append(b.series, s)
	}

	// The categories name the goal; a legend is needed for several dates.
	b.noLegend = len(g) == 1
	top := 0.0
	for _, s := range b.series {
		for _, p := range s.points {
			if p.value != nil {
				top = max(top, *p.value)
			}
		}
	}
	b.axisMax = niceMax(top)

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
	b.aria = c.Title + ". " + c.Summary
	c.Option, c.Height = b.option(), b.height()
}

// ---- Allocations ----

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
