package charts

import (
	"math"
	"regexp"
	"strings"

	a "github.com/prestatie/prestatie/internal/agreement"
	"github.com/prestatie/prestatie/internal/dutch"
)

// progressSource is the "Bron:" of the progress charts.
const progressSource = "voortgangsrapportages van de partijen"

// Status is the status overview of an agreement at a moment: per
// top-level onderdeel the number of afspraken in each state, "geen rapportage"
// included. It is nil when the agreement has no commitments.
func Status(ag *a.Agreement, at a.Date) *Chart {
	d := ag.DashboardAt(at)
	if d.All.Total == 0 {
		return nil
	}
	reported := d.All.NoReport < d.All.Total
	c := &Chart{
		ID: ids{}.next(KindStatus, at), Kind: KindStatus, Title: "Stand van de afspraken per onderdeel", AsOf: at,
		When: dutch.DateOf(at), Sources: []string{progressSource}, Illustrative: ag.Illustrative(),
	}
	if !reported {
		c.When = "nog geen rapportage"
	}
	type col struct {
		status a.Status
		label  string
	}
	var cols []col
	for _, t := range a.Statuses {
		if d.All.ByStatus[t.ID] > 0 {
			cols = append(cols, col{t.ID, t.Label})
		}
	}
	if d.All.NoReport > 0 {
		cols = append(cols, col{"", a.NoReport})
	}
	count := func(t a.Tally, s a.Status) int {
		if s == "" {
			return t.NoReport
		}
		return t.ByStatus[s]
	}
	c.Table.Corner = "Onderdeel"
	for _, k := range cols {
		key := string(k.status)
		if key == "" {
			key = "geen-rapportage"
		}
		c.Table.Columns = append(c.Table.Columns, Column{Key: key, Label: capital(k.label)})
	}
	var rows []a.ChapterTally
	for _, ct := range d.ByChapter {
		if ct.Total > 0 {
			rows = append(rows, ct)
		}
	}
	b := bars{horizontal: true, stacked: true}
	for _, ct := range rows {
		label := ct.Chapter.Label()
		row := Row{Key: ct.Chapter.ID, Label: label}
		for _, k := range cols {
			n := float64(count(ct.Tally, k.status))
			row.Cells = append(row.Cells, Cell{Value: ptr(n), Unit: "afspraken", Text: dutch.Number(n)})
		}
		c.Table.Rows = append(c.Table.Rows, row)
		b.categories = append(b.categories, label)
	}
	for _, k := range cols {
		s := barSeries{name: capital(k.label), colour: statusColours[string(k.status)]}
		for _, ct := range rows {
			n := float64(count(ct.Tally, k.status))
			if n == 0 {
				s.points = append(s.points, point{})
				continue
			}
			s.points = append(s.points, point{value: ptr(n), label: dutch.Number(n),
				tip: tooltip("{a}: " + dutch.Number(n) + " " + plural(n, "afspraak", "afspraken"))})
		}
		b.series = append(b.series, s)
	}

	total := float64(d.All.Total)
	if !reported {
		c.Summary = "Over " + plural(total, "de enige afspraak", "de "+dutch.Number(total)+" afspraken") + " is nog niet gerapporteerd."
	} else {
		var parts []string
		for _, k := range cols {
			if k.status != "" {
				parts = append(parts, dutch.Number(float64(d.All.ByStatus[k.status]))+" "+k.label)
			}
		}
		of := "Van de " + dutch.Number(total) + " afspraken "
		if total == 1 {
			of = "Van de ene afspraak "
		}
		s := of + plural(float64(d.All.ByStatus[cols[0].status]), "is", "zijn") + " er " + dutch.List(parts)
		if len(parts) == 0 {
			s = of + "is er nog geen gerapporteerd"
		} else if d.All.NoReport > 0 {
			s += "; over " + dutch.Number(float64(d.All.NoReport)) + " is nog niet gerapporteerd"
		}
		c.Summary = s + " (stand " + dutch.DateOf(at) + ")."
	}
	draw(c, b)
	return c
}

// Targets is the progress towards the commitments' numeric targets at a
// moment: for every commitment with a target amount (or a lower bound) and
// a reported value, the value against the target, e.g. 0 of 12 woningen.
// It is nil when there is none.
func Targets(ag *a.Agreement, at a.Date) *Chart {
	c := &Chart{
		ID: ids{}.next(KindTargets, at), Kind: KindTargets, Title: "Voortgang naar de doelen in getallen", AsOf: at,
		When: dutch.DateOf(at), Sources: []string{progressSource}, Illustrative: ag.Illustrative(),
	}
	c.Table = Table{Corner: "Afspraak", Columns: []Column{
		{Key: "stand", Label: "Stand"}, {Key: "doel", Label: "Doel"}, {Key: "bereikt", Label: "Bereikt"},
	}}
	b := bars{horizontal: true, percentAxis: true, mark: &mark{value: 100, label: "doel"}}
	s := barSeries{name: "Bereikt"}
	var reached, n float64
	top := 100.0
	ag.EachCommitment(func(cm *a.Item) {
		t := cm.Target
		if t == nil || t.Value == nil && t.Min == nil {
			return
		}
		v, ok := cm.ValueAt(at)
		goal := 0.0
		if t.Value != nil {
			goal = *t.Value
		} else {
			goal = *t.Min
		}
		if !ok || goal <= 0 {
			return
		}
		pct := math.Round(v/goal*1000) / 10
		n++
		if v >= goal {
			reached++
		}
		top = max(top, pct)
		row := Row{Key: cm.ID, Label: ItemLabel(cm, 90)}
		row.Cells = []Cell{cell(v, t.Unit, false), cell(goal, t.Unit, false), {Value: ptr(pct), Unit: "%", Text: dutch.Percent(pct)}}
		c.Table.Rows = append(c.Table.Rows, row)
		b.categories = append(b.categories, row.Label) // cut to the chart's width by ECharts
		of := dutch.Number(v) + " van " + dutch.Quantity(goal, t.Unit)
		if t.Unit == "%" || strings.EqualFold(t.Unit, "euro") {
			of = dutch.Quantity(v, t.Unit) + " van " + dutch.Quantity(goal, t.Unit)
		}
		s.points = append(s.points, point{value: ptr(pct), label: of, tip: tooltip(of + " (" + dutch.Percent(pct) + ")")})
	})
	if n == 0 {
		return nil
	}
	b.series = []barSeries{s}
	b.axisMax = niceMax(top)
	c.Summary = "Van de " + plural(n, "ene afspraak", dutch.Number(n)+" afspraken") + " met een doel in getallen en een gerapporteerde stand " +
		plural(reached, "heeft", "hebben") + " er " + dutch.Number(reached) + " het doel bereikt (stand " + dutch.DateOf(at) + ")."
	c.Notes = []string{"Bereikt is de stand gedeeld door het doel; bij een doel als bandbreedte (5 tot 10) telt de ondergrens."}
	draw(c, b)
	return c
}

var (
	mdLink  = regexp.MustCompile(`\[([^\]]*)\]\([^)]*\)`)
	mdMarks = strings.NewReplacer("**", "", "__", "", "*", "", "`", "", "\n", " ")
)

// ItemLabel names an item in a table or chart: the document's number of
// the item, if it has one, then the start of its text. No number is made
// up from the onderdeel's: "2" and a bullet is not "2.1".
func ItemLabel(it *a.Item, max int) string {
	if it.Number != "" {
		return it.Number + " " + plainText(it.Text, max)
	}
	return plainText(it.Text, max)
}

// plainText is a Markdown text without its markup, cut at a word boundary
// near max runes.
func plainText(s string, max int) string {
	s = mdMarks.Replace(mdLink.ReplaceAllString(s, "$1"))
	s = strings.Join(strings.Fields(s), " ")
	r := []rune(s)
	if len(r) <= max {
		return s
	}
	cut := string(r[:max])
	if i := strings.LastIndex(cut, " "); i > max/2 {
		cut = cut[:i]
	}
	return strings.TrimRight(cut, ",.;: ") + " …"
}
