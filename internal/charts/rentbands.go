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
