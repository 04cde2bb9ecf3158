package content

import (
	"strings"

	"go.yaml.in/yaml/v3"

	a "github.com/prestatie/prestatie/internal/agreement"
)

// This file maps each front-matter key to the model, one function per kind
// of mapping. docs/content-format.md documents the same keys.

func (d *decoder) agreementFile(n *yaml.Node, ag *a.Agreement) {
	var quarters []string
	d.mapping(n, "overeenkomst",
		field{"title", true, d.str(&ag.Title, "title")},
		field{"short_title", false, d.str(&ag.ShortTitle, "short_title")},
		field{"municipality", true, d.str(&ag.Municipality, "municipality")},
		field{"period", true, func(n *yaml.Node) { d.period(n, &ag.Period) }},
		field{"reference", false, d.str(&ag.Reference, "reference")},
		field{"date", true, d.date(&ag.Date, "date", false)},
		field{"status", true, enum(d, &ag.Status, "status", a.DocStatuses)},
		field{"parties", true, d.list("parties", func(n *yaml.Node) { ag.Parties = append(ag.Parties, d.party(n)) })},
		field{"contribution_order", false, d.refs(&ag.ContributionRefs, "contribution_order")},
		field{"monitoring", false, d.list("monitoring", func(n *yaml.Node) {
			var q string
			d.str(&q, "monitoring")(n)
			if i := indexOf([]string{"Q1", "Q2", "Q3", "Q4"}, q); i >= 0 {
				ag.Monitoring = append(ag.Monitoring, i+1)
				quarters = append(quarters, q)
			} else if q != "" {
				d.errorf(n, "monitoringsmoment %q is niet toegestaan (kies uit Q1, Q2, Q3, Q4)", q)
			}
		})},
		field{"figures", false, d.figures(&ag.Figures)},
		field{"draft", false, d.boolean(&ag.Draft, "draft")},
	)
	if ag.ShortTitle == "" && ag.Title != "" {
		ag.ShortTitle = ag.Title
		if ag.Municipality != "" && !strings.Contains(ag.Title, ag.Municipality) {
			ag.ShortTitle += " " + ag.Municipality
		}
	}
}

func (d *decoder) period(n *yaml.Node, p *a.Period) {
	p.Pos = d.pos(n)
	d.mapping(n, "period",
		field{"from", true, d.integer(&p.From, "period.from", 1990, 2100)},
		field{"to", true, d.integer(&p.To, "period.to", 1990, 2100)},
	)
}

func (d *decoder) party(n *yaml.Node) *a.Party {
	p := &a.Party{Pos: d.pos(n)}
	d.mapping(n, "partij",
		field{"id", true, d.id(&p.ID, "partij-id")},
		field{"name", true, d.str(&p.Name, "name")},
		field{"kind", true, enum(d, &p.Kind, "kind", a.PartyKinds)},
		field{"label", false, d.str(&p.Label, "label")},
		field{"tagline", false, d.str(&p.Tagline, "tagline")},
		field{"logo", false, d.str(&p.Logo, "logo")},
		field{"signatories", false, d.list("signatories", func(n *yaml.Node) {
			var s a.Signatory
			d.mapping(n, "ondertekenaar",
				field{"name", false, d.str(&s.Name, "name")},
				field{"function", false, d.str(&s.Function, "function")},
				field{"place", false, d.str(&s.Place, "place")},
			)
			p.Signatories = append(p.Signatories, s)
		})},
	)
	return p
}

func (d *decoder) chapterFile(n *yaml.Node, ch *a.Chapter) {
	var kind string
	d.mapping(n, "hoofdstuk",
		field{"title", true, d.str(&ch.Title, "title")},
		field{"order", true, func(n *yaml.Node) { ch.OrderPos = d.pos(n); d.integer(&ch.Order, "order", 1, 10000)(n) }},
		field{"number", false, d.str(&ch.OwnNumber, "number")},
		field{"kind", false, func(n *yaml.Node) {
			enum(d, &kind, "kind", chapterKinds)(n)
			ch.Annex = kind == "annex"
		}},
		field{"area", false, d.str(&ch.Area, "area")},
		field{"year", false, d.integer(&ch.Year, "year", 1990, 2100)},
		field{"figures", false, d.figures(&ch.Figures)},
		field{"commitments", false, d.commitments(&ch.Commitments)},
		field{"progress", false, d.progress(&ch.Progress)},
		field{"draft", false, d.boolean(&ch.Draft, "draft")},
	)
}

func (d *decoder) afspraakFile(n *yaml.Node, af *a.Afspraak) {
	d.mapping(n, "afspraak",
		field{"title", true, d.str(&af.Title, "title")},
		field{"order", true, func(n *yaml.Node) { af.OrderPos = d.pos(n); d.integer(&af.Order, "order", 1, 10000)(n) }},
		field{"number", false, d.str(&af.OwnNumber, "number")},
		field{"effect", false, d.str(&af.Effect, "effect")},
		field{"goals", false, d.list("goals", func(n *yaml.Node) {
			g := &a.Goal{Pos: d.pos(n)}
			d.mapping(n, "doel",
				field{"text", true, d.str(&g.Text, "text")},
				field{"target", true, func(n *yaml.Node) { g.Target = d.target(n) }},
			)
			af.Goals = append(af.Goals, g)
		})},
		field{"figures", false, d.figures(&af.Figures)},
		field{"commitments", false, d.commitments(&af.Commitments)},
		field{"progress", false, d.progress(&af.Progress)},
		field{"draft", false, d.boolean(&af.Draft, "draft")},
	)
}

func (d *decoder) commitments(dst *[]*a.Commitment) func(*yaml.Node) {
	return d.list("commitments", func(n *yaml.Node) { *dst = append(*dst, d.commitment(n, false)) })
}

func (d *decoder) commitment(n *yaml.Node, item bool) *a.Commitment {
	c := &a.Commitment{Pos: d.pos(n)}
	fields := []field{
		{"id", true, d.id(&c.ID, "commitment-id")},
		{"party", !item, d.refs(&c.PartyRefs, "party")},
		{"text", true, d.str(&c.Text, "text")},
		{"number", false, d.str(&c.OwnNumber, "number")},
		{"target", false, func(n *yaml.Node) { c.Target = d.target(n) }},
	}
	if !item { // one level of sub-bullets, as in signed documents
		fields = append(fields, field{"items", false, d.list("items", func(n *yaml.Node) {
			c.Items = append(c.Items, d.commitment(n, true))
		})})
	}
	d.mapping(n, "commitment", fields...)
	return c
}

func (d *decoder) target(n *yaml.Node) *a.Target {
	t := &a.Target{Pos: d.pos(n)}
	var due a.Date
	if !d.mapping(n, "target",
		field{"value", false, d.number(&t.Value, "value")},
		field{"min", false, d.number(&t.Min, "min")},
		field{"max", false, d.number(&t.Max, "max")},
		field{"trend", false, enum(d, &t.Trend, "trend", a.Trends)},
		field{"unit", true, d.str(&t.Unit, "unit")},
		field{"due", false, func(n *yaml.Node) { d.date(&due, "due", false)(n); t.Due = &due }},
		field{"note", false, d.str(&t.Note, "note")},
	) {
		return nil
	}
	// Count keys written, not values decoded: a bad value is reported already.
	kinds := 0
	if hasKey(n, "value") {
		kinds++
	}
	if hasKey(n, "min") || hasKey(n, "max") {
		kinds++
	}
	if hasKey(n, "trend") {
		kinds++
	}
	if kinds != 1 {
		d.errorf(n, "target heeft precies één van value, min/max of trend nodig")
	}
	if t.Due != nil && t.Due.IsZero() {
		t.Due = nil // already reported
	}
	return t
}

func (d *decoder) progress(dst *[]*a.ProgressEntry) func(*yaml.Node) {
	return d.list("progress", func(n *yaml.Node) {
		e := &a.ProgressEntry{Pos: d.pos(n)}
		var ref string
		d.mapping(n, "voortgang",
			field{"commitment", true, func(n *yaml.Node) {
				d.id(&ref, "commitment")(n)
				e.CommitmentRef = a.Ref{ID: ref, Pos: d.pos(n)}
			}},
			field{"date", true, func(n *yaml.Node) { e.DatePos = d.pos(n); d.date(&e.Date, "date", false)(n) }},
			field{"status", false, enum(d, &e.Status, "status", a.Statuses)},
			field{"verdict", false, enum(d, &e.Verdict, "verdict", a.Verdicts)},
			field{"value", false, d.number(&e.Value, "value")},
			field{"note", false, d.str(&e.Note, "note")},
			field{"source", false, d.str(&e.Source, "source")},
			field{"illustrative", false, d.boolean(&e.Illustrative, "illustrative")},
		)
		if n.Kind == yaml.MappingNode && !hasValue(n, "status") && !hasValue(n, "verdict") {
			d.errorf(n, "voortgang heeft een status of een verdict nodig")
		}
		if ref != "" && !e.Date.IsZero() {
			*dst = append(*dst, e)
		}
	})
}

func (d *decoder) figures(dst *[]*a.Figure) func(*yaml.Node) {
	return d.list("figures", func(n *yaml.Node) {
		f := &a.Figure{Pos: d.pos(n)}
		var values *yaml.Node
		d.mapping(n, "figuur",
			field{"kind", true, enum(d, &f.Kind, "kind", a.FigureKinds)},
			field{"as_of", true, d.date(&f.AsOf, "as_of", true)},
			field{"source", true, d.str(&f.Source, "source")},
			field{"title", false, d.str(&f.Title, "title")},
			field{"approximate", false, d.boolean(&f.Approximate, "approximate")},
			field{"illustrative", false, d.boolean(&f.Illustrative, "illustrative")},
			field{"value", false, d.number(&f.Value, "value")},
			field{"unit", false, d.str(&f.Unit, "unit")},
			field{"values", false, func(n *yaml.Node) { values = n }},
			field{"goal", false, func(n *yaml.Node) { f.Goal = d.target(n) }},
		)
		if f.Kind == "" {
			return
		}
		d.figureValues(n, values, f)
		*dst = append(*dst, f)
	})
}

// figureValues checks the keys a figure's kind requires and reads its values.
func (d *decoder) figureValues(n, values *yaml.Node, f *a.Figure) {
	switch f.Kind {
	case a.Stock, a.SingleValue:
		if f.Value == nil && !hasKey(n, "value") {
			d.errorf(n, "figuur van soort %q mist de verplichte sleutel \"value\"", f.Kind)
		}
		if values != nil {
			d.errorf(values, "figuur van soort %q heeft geen \"values\"; gebruik \"value\"", f.Kind)
		}
		if f.Kind == a.Stock && f.Unit == "" {
			f.Unit = "woningen"
		}
		if f.Kind == a.SingleValue && f.Unit == "" && !hasKey(n, "unit") {
			d.errorf(n, "figuur van soort \"value\" mist de verplichte sleutel \"unit\"")
		}
		return
	}
	if values == nil {
		d.errorf(n, "figuur van soort %q mist de verplichte sleutel \"values\"", f.Kind)
		return
	}
	if f.Value != nil {
		d.errorf(n, "figuur van soort %q heeft geen \"value\"; gebruik \"values\"", f.Kind)
	}
	values = resolve(values)
	if values.Kind != yaml.MappingNode {
		d.errorf(values, "values moet een mapping (sleutel: getal) zijn, niet %s", describe(values))
		return
	}
	keys := a.FigureKeys(f.Kind)
	seen := map[string]bool{}
	for i := 0; i+1 < len(values.Content); i += 2 {
		k, v := resolve(values.Content[i]), resolve(values.Content[i+1])
		if seen[k.Value] {
			d.errorf(k, "sleutel %q staat twee keer in values", k.Value)
			continue
		}
		seen[k.Value] = true
		if a.FigureKeyOrder(f.Kind, k.Value) < 0 {
			d.errorf(k, "onbekende sleutel %q voor %s (toegestaan: %s)%s", k.Value, f.Kind, strings.Join(keys, ", "), didYouMeanFold(k.Value, keys))
			continue
		}
		if x, ok := d.float(v, k.Value); ok {
			f.Values = append(f.Values, a.FigureValue{Key: k.Value, Value: x, Pos: d.pos(v)})
		}
	}
}

func hasKey(n *yaml.Node, key string) bool {
	n = resolve(n)
	for i := 0; i+1 < len(n.Content); i += 2 {
		if n.Content[i].Value == key {
			return true
		}
	}
	return false
}

// hasValue reports whether key is present with a non-empty value.
func hasValue(n *yaml.Node, key string) bool {
	n = resolve(n)
	for i := 0; i+1 < len(n.Content); i += 2 {
		if n.Content[i].Value == key {
			v := resolve(n.Content[i+1])
			return !(v.Kind == yaml.ScalarNode && (v.Tag == "!!null" || v.Value == ""))
		}
	}
	return false
}

func indexOf(s []string, v string) int {
	for i, x := range s {
		if x == v {
			return i
		}
	}
	return -1
}

var chapterKinds = []a.Term[string]{{ID: "chapter", Label: "hoofdstuk"}, {ID: "annex", Label: "bijlage"}}
