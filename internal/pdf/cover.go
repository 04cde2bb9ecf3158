package pdf

import (
	"math"
	"strconv"

	"github.com/johnfercher/maroto/v2/pkg/components/col"
	"github.com/johnfercher/maroto/v2/pkg/components/image"
	"github.com/johnfercher/maroto/v2/pkg/components/row"
	"github.com/johnfercher/maroto/v2/pkg/consts/extension"
	"github.com/johnfercher/maroto/v2/pkg/core"
	"github.com/johnfercher/maroto/v2/pkg/props"

	"github.com/prestatie/prestatie/internal/agreement"
)

// statusLine says what the paper is: a concept, a text to sign, or a copy
// of the signed text. A paper whose signature lines are empty never says
// it is signed.
func statusLine(ag *agreement.Agreement) string {
	switch {
	case ag.Status == agreement.Draft || ag.Draft:
		return "Concept"
	case ag.Status == agreement.ForSignature:
		return "Ter ondertekening"
	case ag.Date.IsZero():
		return "Kopie van de ondertekende tekst"
	}
	return "Kopie van de op " + dateOf(ag.Date) + " ondertekende tekst"
}

// cover prints the first page: title, municipality, period, the parties
// under the document's own groups with their logos, and the reference, the
// date and what the paper is (statusLine).
func (d *doc) cover(b *builder) {
	ag, th := d.ag, d.th
	if r, h := d.logoRow(b); r != nil {
		b.push(r, h, false)
		b.space(8)
	} else {
		b.space(22)
	}
	switch {
	case ag.Status == agreement.Draft || ag.Draft:
		b.para(txt("CONCEPT"), textStyle{Extra: th.extra, Size: 26, Lead: 1.2, Color: th.alert, Bold: true}, paraOpts{bottom: 6})
	case ag.Status == agreement.ForSignature:
		b.para(txt("Ter ondertekening"), textStyle{Extra: th.extra, Size: 13, Lead: 1.2, Color: th.primary, Bold: true}, paraOpts{bottom: 6})
	}
	title := textStyle{Extra: th.extra, Size: 26, Lead: 1.15, Color: th.primary, Bold: true, Whole: true}
	for _, size := range []float64{18, 12} { // a very long title gets smaller, so the cover stays one page
		if len(layout(txt(ag.Title), title, contentW)) <= 4 {
			break
		}
		title.Size = size
	}
	b.para(txt(ag.Title), title, paraOpts{bottom: 3, level: 1})
	b.para(txt(ag.Municipality), textStyle{Extra: th.extra, Size: 16, Lead: 1.25, Color: th.text, Whole: true}, paraOpts{bottom: 1})
	b.para(txt(period(ag.Period)), textStyle{Extra: th.extra, Size: 12, Lead: 1.3, Color: th.muted}, paraOpts{bottom: 10})
	rule := &textBlock{lines: []line{{}}, st: th.small, rules: []hrule{{0, 0, contentW, th.rule}}}
	b.push(full(rule, rule.height()), rule.height(), false)
	b.para(txt("Partijen"), textStyle{Extra: th.extra, Size: 9, Lead: 1.3, Color: th.muted, Bold: true}, paraOpts{top: 2, bottom: 2})
	d.coverParties(b)
	b.space(8)
	facts := [][2]string{}
	if ag.Reference != "" {
		facts = append(facts, [2]string{"Kenmerk", ag.Reference})
	}
	if !ag.Date.IsZero() {
		facts = append(facts, [2]string{"Datum", dateOf(ag.Date)})
	}
	facts = append(facts, [2]string{"Status", statusLine(ag)})
	for _, f := range facts {
		st := textStyle{Extra: th.extra, Size: 10, Lead: 1.45, Color: th.text}
		l := layout(txt(f[1]), st, contentW-30)
		lab := layout([]span{{Text: f[0]}}, textStyle{Extra: th.extra, Size: 10, Lead: 1.45, Color: th.muted}, 30)[0]
		t := &textBlock{lines: l, st: st, indent: 30, marker: &lab, track: b.track, tag: b.blockTag("P")}
		b.push(full(t, t.height()), t.height(), false)
	}
}

func period(p agreement.Period) string {
	if p.From == p.To {
		return "Periode " + strconv.Itoa(p.From)
	}
	return "Periode " + strconv.Itoa(p.From) + " tot en met " + strconv.Itoa(p.To)
}

// partyGroup is a heading of the document's own grouping of parties
// ("Woningcorporaties") and its parties; name "" for parties without one.
type partyGroup struct {
	name    string
	parties []*agreement.Party
}

// partyGroups groups the parties by Party.Group in order of first
// appearance, when any party has a group; otherwise it is one group
// without a name.
func partyGroups(ag *agreement.Agreement) []partyGroup {
	var out []partyGroup
	at := map[string]int{}
	for _, p := range ag.Parties {
		i, ok := at[p.Group]
		if !ok {
			i = len(out)
			at[p.Group] = i
			out = append(out, partyGroup{name: p.Group})
		}
		out[i].parties = append(out[i].parties, p)
	}
	return out
}

// coverParties lists the parties under the document's groups: one column
// for a few, two for many, and names only when even that would not fit the
// cover.
func (d *doc) coverParties(b *builder) {
	ag, th := d.ag, d.th
	name := textStyle{Extra: th.extra, Size: 11, Lead: 1.3, Color: th.text, Bold: true, Whole: true} // names are not hyphenated
	sub := textStyle{Extra: th.extra, Size: 9, Lead: 1.3, Color: th.muted, Ital: true}
	groupSt := textStyle{Extra: th.extra, Size: 9, Lead: 1.3, Color: th.primary, Bold: true, Whole: true}
	subOf := func(p *agreement.Party) []span {
		s := p.Kind.Label()
		if p.Tagline != "" {
			s += " · " + p.Tagline
		}
		return txt(s)
	}
	cols := 1
	if len(ag.Parties) > 5 {
		cols = 2
	}
	w := contentW / float64(cols)
	type cell struct{ n, s []line }
	groups := partyGroups(ag)
	cells := make([][]cell, len(groups))
	height := 0.0
	for gi, g := range groups {
		if g.name != "" {
			height += groupSt.lineHeight() + 3
		}
		for _, p := range g.parties {
			cells[gi] = append(cells[gi], cell{layout(txt(p.Name), name, w-4), layout(subOf(p), sub, w-4)})
		}
		cs := cells[gi]
		for i := 0; i < len(cs); i += cols {
			h := 0.0
			for j := i; j < min(i+cols, len(cs)); j++ {
				h = math.Max(h, float64(len(cs[j].n))*name.lineHeight()+float64(len(cs[j].s))*sub.lineHeight()+3)
			}
			height += h
		}
	}
	groupHead := func(g partyGroup, top float64) {
		if g.name != "" {
			b.para(txt(g.name), groupSt, paraOpts{top: top, bottom: 1, keep: true})
		}
	}
	if height > 120 { // too many to list with their descriptions: names only
		for gi, g := range groups {
			groupHead(g, float64(min(gi, 1))*2)
			var ss []span
			for i, p := range g.parties {
				if i > 0 {
					ss = append(ss, span{Text: " · "})
				}
				ss = append(ss, txt(p.Name)...)
			}
			b.para(ss, textStyle{Extra: th.extra, Size: 10, Lead: 1.4, Color: th.text}, paraOpts{bottom: 2})
		}
		return
	}
	for gi, g := range groups {
		groupHead(g, float64(min(gi, 1))*2)
		cs := cells[gi]
		for i := 0; i < len(cs); i += cols {
			var names, subs []*textBlock
			hn, hs := 0.0, 0.0
			for j := i; j < i+cols; j++ {
				if j >= len(cs) {
					names, subs = append(names, nil), append(subs, nil)
					continue
				}
				tn := &textBlock{lines: cs[j].n, st: name, track: b.track, tag: b.blockTag("P")}
				ts := &textBlock{lines: cs[j].s, st: sub, bottom: 3, track: b.track, tag: b.blockTag("P")}
				names, subs = append(names, tn), append(subs, ts)
				hn, hs = math.Max(hn, tn.height()), math.Max(hs, ts.height())
			}
			b.push(columns(names, hn), hn, true)
			b.push(columns(subs, hs), hs, false)
		}
	}
}

// columns puts blocks side by side in equal columns.
func columns(ts []*textBlock, h float64) core.Row {
	r := row.New(h)
	per := grid / len(ts)
	for i, t := range ts {
		size := per
		if i == len(ts)-1 {
			size = grid - per*(len(ts)-1)
		}
		c := col.New(size)
		if t != nil {
			c.Add(t)
		}
		r.Add(c)
	}
	return r
}

// logoRow is a row with the parties' logos in party order, at most six.
func (d *doc) logoRow(b *builder) (core.Row, float64) {
	var cols []core.Col
	for _, p := range d.ag.Parties {
		l, ok := d.logos[p.ID]
		if !ok || len(cols) == 6 {
			continue
		}
		ext := extension.Png
		if l.JPEG {
			ext = extension.Jpg
		}
		img := image.NewFromBytes(l.Data, ext, props.Rect{Percent: 90})
		cols = append(cols, col.New(grid/6).Add(b.figure(img, "Logo van "+clean(p.Name))))
	}
	if len(cols) == 0 {
		return nil, 0
	}
	const h = 18
	return row.New(h).Add(cols...), h
}
