package content

import (
	"strings"

	"github.com/prestatie/prestatie/internal/diag"

	"go.yaml.in/yaml/v3"

	a "github.com/prestatie/prestatie/internal/agreement"
)

// This file maps each front-matter key to the model, one function per kind
// of mapping. docs/content-format.md documents the same keys.

func (d *decoder) agreementFile(n *yaml.Node, ag *a.Agreement, items *annotations) {
	var quarters []string
	var partOf, replaces string
	d.mapping(n, "overeenkomst",
		field{"title", true, d.str(&ag.Title, "title")},
		field{"short_title", false, d.str(&ag.ShortTitle, "short_title")},
		field{"municipality", true, d.str(&ag.Municipality, "municipality")},
		field{"period", true, func(n *yaml.Node) { d.period(n, &ag.Period) }},
		field{"reference", false, d.str(&ag.Reference, "reference")},
		field{"date", false, d.date(&ag.Date, "date", false)},
		field{"status", true, enum(d, &ag.Status, "status", a.DocStatuses)},
		field{"signing", false, enum(d, &ag.Signing, "signing", a.Signings)},
		field{"signing_note", false, d.str(&ag.SigningNote, "signing_note")},
		field{"numbering", false, enum(d, &ag.Numbering, "numbering", a.Numberings)},
		field{"preamble_title", false, d.str(&ag.PreambleTitle, "preamble_title")},
		field{"part_of", false, func(n *yaml.Node) { d.id(&partOf, "part_of")(n); ag.PartOfRef = a.Ref{ID: partOf, Pos: d.pos(n)} }},
		field{"replaces", false, func(n *yaml.Node) {
			d.id(&replaces, "replaces")(n)
			ag.ReplacesRef = a.Ref{ID: replaces, Pos: d.pos(n)}
		}},
		field{"parties", true, d.list("parties", func(n *yaml.Node) { ag.Parties = append(ag.Parties, d.party(n)) })},
		field{"groups", false, d.list("groups", func(n *yaml.Node) { ag.Groups = append(ag.Groups, d.group(n)) })},
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
		field{"items", false, d.annotations(items)},
		field{"progress", false, d.progress(&ag.Progress)},
		field{"figures", false, d.figures(&ag.Figures)},
		field{"draft", false, d.boolean(&ag.Draft, "draft")},
	)
	if ag.ShortTitle == "" && ag.Title != "" {
		ag.ShortTitle = ag.Title
		if ag.Municipality != "" && !strings.Contains(ag.Title, ag.Municipality) {
			ag.ShortTitle += " " + ag.Municipality
		}
	}
	if ag.Signing == "" {
		ag.Signing = a.WetInk
	}
	if ag.Numbering == "" {
		ag.Numbering = a.OwnNumbers
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
		field{"group", false, d.str(&p.Group, "group")},
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

func (d *decoder) group(n *yaml.Node) *a.PartyGroup {
	g := &a.PartyGroup{Pos: d.pos(n)}
	d.mapping(n, "groep",
		field{"id", true, d.id(&g.ID, "groep-id")},
		field{"name", true, d.str(&g.Name, "name")},
		field{"kind", false, enum(d, &g.Kind, "kind", a.PartyKinds)},
		field{"count", false, d.integer(&g.Count, "count", 1, 10000)},
	)
	return g
}

func (d *decoder) sectionFile(n *yaml.Node, s *a.Section, items *annotations) {
	var kind string
	d.mapping(n, "onderdeel",
		field{"title", true, d.str(&s.Title, "title")},
		field{"order", true, func(n *yaml.Node) { s.OrderPos = d.pos(n); d.integer(&s.Order, "order", 1, 10000)(n) }},
		field{"number", false, func(n *yaml.Node) { s.NumberPos = d.pos(n); d.str(&s.OwnNumber, "number")(n) }},
		field{"kind", false, func(n *yaml.Node) {
			enum(d, &kind, "kind", sectionKinds)(n)
			s.Annex = kind == "annex"
		}},
		field{"area", false, d.str(&s.Area, "area")},
		field{"year", false, d.integer(&s.Year, "year", 1990, 2100)},
		field{"parties", false, d.refs(&s.PartyRefs, "parties")},
		field{"items", false, d.annotations(items)},
		field{"progress", false, d.progress(&s.Progress)},
		field{"figures", false, d.figures(&s.Figures)},
		field{"draft", false, d.boolean(&s.Draft, "draft")},
	)
	if s.OrderPos.Line == 0 {
		s.OrderPos = d.pos(n)
	}
}

// annotation is what front matter says about one item of the text.
type annotation struct {
	id      string
	kind    a.ItemKind
	number  string
	target  *a.Target
	parties []a.Ref
	pos     diag.Pos
	used    bool
}

// annotations are a file's annotations by id, in the order written.
type annotations struct {
	list []*annotation
	byID map[string]*annotation
}

func (d *decoder) annotations(dst *annotations) func(*yaml.Node) {
	return func(n *yaml.Node) {
		if n.Kind != yaml.MappingNode {
			d.errorf(n, "items moet een mapping zijn van id naar wat de tekst met {#id} is, niet %s (voorbeeld: items: {de-ligt-iv: {party: leystromen}})", describe(n))
			return
		}
		if dst.byID == nil {
			dst.byID = map[string]*annotation{}
		}
		for i := 0; i+1 < len(n.Content); i += 2 {
			k, v := resolve(n.Content[i]), resolve(n.Content[i+1])
			an := &annotation{kind: a.Commitment, pos: d.pos(k)}
			d.id(&an.id, "item-id")(k)
			if an.id == "" {
				continue
			}
			if prev, dup := dst.byID[an.id]; dup {
				d.errorf(k, "item %q staat al op %s", an.id, prev.pos)
				continue
			}
			if !(v.Kind == yaml.ScalarNode && (v.Tag == "!!null" || v.Value == "")) {
				d.mapping(v, "item",
					field{"kind", false, enum(d, &an.kind, "kind", a.ItemKinds)},
					field{"party", false, d.refs(&an.parties, "party")},
					field{"number", false, d.str(&an.number, "number")},
					field{"target", false, func(n *yaml.Node) { an.target = d.target(n) }},
				)
			}
			dst.byID[an.id] = an
			dst.list = append(dst.list, an)
		}
	}
}

func (d *decoder) target(n *yaml.Node) *a.Target {
	t := &a.Target{Pos: d.pos(n)}
	if !d.mapping(n, "target",
		field{"value", false, d.number(&t.Value, "value")},
		field{"min", false, d.number(&t.Min, "min")},
		field{"max", false, d.number(&t.Max, "max")},
		field{"trend", false, enum(d, &t.Trend, "trend", a.Trends)},
		field{"unit", false, d.str(&t.Unit, "unit")},
		field{"due", false, func(n *yaml.Node) { t.Due = d.deadline(n) }},
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
	if kinds > 1 {
		d.errorf(n, "target heeft hoogstens één van value, min/max of trend")
	}
	if kinds == 1 && !hasKey(n, "unit") {
		d.errorf(n, "target met een aantal mist de verplichte sleutel \"unit\" (wat wordt geteld: woningen, euro, %%)")
	}
	if kinds == 0 && !hasKey(n, "due") && !hasKey(n, "note") {
		d.errorf(n, "target zonder aantal heeft een due of note nodig (een besluit in 2025: {due: 2025}); laat target anders weg")
	}
	return t
}

// deadline reads a date (2025-06-30), a year (2027) or a window of years
// ({from: 2028, to: 2031}).
func (d *decoder) deadline(n *yaml.Node) *a.Deadline {
	dl := &a.Deadline{}
	if n.Kind == yaml.MappingNode {
		d.mapping(n, "due",
			field{"from", true, d.integer(&dl.From, "due.from", 1990, 2100)},
			field{"to", true, d.integer(&dl.To, "due.to", 1990, 2100)},
		)
		if dl.From == 0 || dl.To == 0 {
			return nil
		}
		return dl
	}
	if !d.scalar(n, "due") {
		return nil
	}
	if n.Tag == "!!int" {
		var y int
		d.integer(&y, "due", 1990, 2100)(n)
		if y == 0 {
			return nil
		}
		dl.From, dl.To = y, y
		return dl
	}
	date, err := a.ParseDate(n.Value, false)
	if err != nil {
		d.errorf(n, "due %q is geen termijn: schrijf een datum (2025-06-30), een jaar (2027) of een periode ({from: 2028, to: 2031})", n.Value)
		return nil
	}
	dl.Date = date
	return dl
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

var sectionKinds = []a.Term[string]{{ID: "section", Label: "onderdeel"}, {ID: "annex", Label: "bijlage"}}
