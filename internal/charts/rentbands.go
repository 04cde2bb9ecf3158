package charts

import (
	"cmp"
	"slices"
	"strings"

	a "github.com/prestatie/prestatie/internal/agreement"
	"github.com/prestatie/prestatie/internal/dutch"
	"github.com/prestatie/prestatie/internal/rent"
)

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
	b := bars{horizontal: true, percentAxis: unit == "%"}
	latest := g[len(g)-1].AsOf.Year
	for _, k := range keys {
		label := a.Label(a.RentBandKeys, k)
		// On the chart, the band's limit in euro of the latest moment's year.
		cat := label
		if l, ok := rent.For(latest); ok {
			if amount, _, ok := l.Band(k); ok {
				cat += " (" + dutch.Euro(amount) + ")"
			}
		}
		b.categories = append(b.categories, cat)
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
	var known []string
	for _, y := range years {
		if l, ok := rent.For(y); ok {
			known = append(known, itoa(y)+": "+strings.Join(l.Sources, ", "))
		} else {
			c.Notes = append(c.Notes, noLimits(y))
		}
	}
	if len(known) > 0 {
		c.Notes = append(c.Notes, "Huurgrenzen in euro kale huur per maand; een huur gelijk aan een grens valt in de klasse eronder. Bron "+strings.Join(known, "; ")+".")
	}
	if _, ok := rent.For(latest); ok && len(years) > 1 {
		c.Notes = append(c.Notes, "De bedragen bij de klassen in de grafiek zijn de grenzen van "+itoa(latest)+"; de tabel noemt die van elk jaar.")
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
	draw(c, b)
}

// noLimits says why the bands of a year carry no amounts: the table of
// official limits (internal/rent) starts later, or does not have the
// year yet.
func noLimits(y int) string {
	ys := rent.Years()
	switch {
	case len(ys) > 0 && y < ys[0]:
		return "De huurprijsklassen zijn van " + itoa(y) + "; de officiële huurgrenzen staan hier pas vanaf " + itoa(ys[0]) +
			", daarom staan de klassen zonder bedrag in euro."
	case len(ys) > 0 && y > ys[len(ys)-1]:
		return "De officiële huurgrenzen van " + itoa(y) + " zijn hier nog niet opgenomen (wel tot en met " + itoa(ys[len(ys)-1]) +
			"), daarom staan de klassen zonder bedrag in euro."
	}
	return "Voor " + itoa(y) + " zijn geen officiële huurgrenzen opgenomen; de klassen staan daarom zonder bedrag in euro."
}
