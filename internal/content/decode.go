package content

import (
	"fmt"
	"math"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"unique"

	"go.yaml.in/yaml/v3"

	"github.com/prestatie/prestatie/internal/agreement"
	"github.com/prestatie/prestatie/internal/diag"
)

// decoder walks YAML nodes of one file, turning them into model values and
// collecting a diagnostic for every problem instead of stopping at the first.
type decoder struct {
	file    string
	lineOff int // added to node lines: front matter starts below "---"
	ds      *diag.List
}

func (d *decoder) pos(n *yaml.Node) diag.Pos {
	if n == nil {
		return diag.Pos{File: d.file}
	}
	return diag.Pos{File: d.file, Line: n.Line + d.lineOff, Col: n.Column}
}

func (d *decoder) errorf(n *yaml.Node, format string, args ...any) {
	d.ds.Errorf(d.pos(n), format, args...)
}

// field is one allowed key of a mapping.
type field struct {
	key      string
	required bool
	decode   func(value *yaml.Node)
}

// mapping decodes n as a mapping of the given fields. Unknown keys,
// duplicates and missing required keys are reported. what names the mapping
// in messages ("partij", "commitment").
func (d *decoder) mapping(n *yaml.Node, what string, fields ...field) bool {
	n = resolve(n)
	if n.Kind != yaml.MappingNode {
		d.errorf(n, "%s moet een mapping (sleutel: waarde) zijn, niet %s", what, describe(n))
		return false
	}
	// Mappings are small: duplicates and missing keys are found by looking
	// back over the keys, without a map per mapping, unless it is large (a
	// hostile file of many keys must not cost their square).
	var seen map[string]*yaml.Node
	if len(n.Content) > 2*smallMapping {
		seen = map[string]*yaml.Node{}
	}
	earlier := func(end int, key string) *yaml.Node {
		if seen != nil {
			return seen[key]
		}
		return findKey(n, end, key)
	}
	var suggested []string
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, v := resolve(n.Content[i]), resolve(n.Content[i+1])
		if prev := earlier(i, k.Value); prev != nil {
			d.errorf(k, "sleutel %q staat al op regel %d", k.Value, prev.Line+d.lineOff)
			continue
		}
		if seen != nil {
			seen[k.Value] = k
		}
		f := findField(fields, k.Value)
		if f == nil {
			if where, ok := belongs[k.Value]; ok {
				d.errorf(k, "sleutel %q hoort niet in %s: %s", k.Value, what, where)
				continue
			}
			if n.Style&yaml.FlowStyle != 0 && strings.ContainsAny(k.Value, " ") && (v.Tag == "!!null") {
				d.errorf(k, "onbekende sleutel %q in %s: staat er een komma in een tekst tussen { }? Zet die tekst tussen aanhalingstekens, bijvoorbeeld note: \"huur tot € 550, prijspeil 2020\"", k.Value, what)
				continue
			}
			known := make([]string, len(fields))
			for i, f := range fields {
				known[i] = f.key
			}
			d.errorf(k, "onbekende sleutel %q in %s%s", k.Value, what, diag.DidYouMean(k.Value, known))
			suggested = append(suggested, diag.Suggest(k.Value, known))
			continue
		}
		if v.Kind == yaml.ScalarNode && v.Tag == "!!null" {
			if f.required {
				d.errorf(v, "%s: %q mag niet leeg zijn", what, k.Value)
			}
			continue
		}
		f.decode(v)
	}
	for _, f := range fields {
		if f.required && earlier(len(n.Content), f.key) == nil && !slices.Contains(suggested, f.key) {
			d.errorf(n, "%s mist de verplichte sleutel %q", what, f.key)
		}
	}
	return true
}

// smallMapping is the most keys a mapping has to be searched without a map.
const smallMapping = 32

// findKey is the first key node named key among the keys of mapping n
// before index end of its content, or nil.
func findKey(n *yaml.Node, end int, key string) *yaml.Node {
	for i := 0; i < end && i+1 < len(n.Content); i += 2 {
		if k := resolve(n.Content[i]); k.Value == key {
			return k
		}
	}
	return nil
}

// belongs says where a key goes that is valid elsewhere, or what replaced
// a key of the first content format (docs/content-format.md, "Overstappen").
var belongs = map[string]string{
	"party":              "wie gebonden is staat bij een item: items: {<id>: {party: …}}",
	"target":             "een doel staat bij een item: items: {<id>: {target: …}}",
	"due":                "een termijn staat in de target van een item: items: {<id>: {target: {due: 2027}}}",
	"unit":               "unit staat in een target of een figuur",
	"commitments":        "afspraken staan nu in de tekst zelf, als lijstpunt of alinea met {#id} aan het eind, en worden onder items geannoteerd; zet een site in het eerste formaat om met prestatie migrate (docs/content-format.md, Overstappen)",
	"effect":             "het beoogd effect is tekst: zet het met de kop uit het document in de body",
	"goals":              "een doel is een item van de tekst: zet het in de body met {#id} en geef het onder items kind: goal en een target",
	"contribution_order": "de volgorde van de tekst is de volgorde van het document; kopjes als Bijdrage gemeente schrijft u zelf in de body",
	"municipality":       "municipality staat in de _index.md van de overeenkomst",
	"period":             "period staat in de _index.md van de overeenkomst",
	"signatories":        "signatories staan bij een partij onder parties",
	"parties":            "parties staan in de _index.md van de overeenkomst of, voor een onderdeel met eigen partijen, in dat onderdeel",
	"order":              "order staat in de front matter van een onderdeel",
	"commitment":         "commitment staat in een voortgangsmelding onder progress",
	"status":             "status staat in een voortgangsmelding onder progress, of (ondertekening) in de _index.md van de overeenkomst",
}

func findField(fs []field, key string) *field {
	for i := range fs {
		if fs[i].key == key {
			return &fs[i]
		}
	}
	return nil
}

func resolve(n *yaml.Node) *yaml.Node {
	for n != nil && n.Kind == yaml.AliasNode {
		n = n.Alias
	}
	return n
}

func describe(n *yaml.Node) string {
	switch n.Kind {
	case yaml.MappingNode:
		return "een mapping"
	case yaml.SequenceNode:
		return "een lijst"
	}
	switch n.Tag {
	case "!!int", "!!float":
		return "het getal " + n.Value
	case "!!bool":
		return "de waarde " + n.Value
	}
	return fmt.Sprintf("%q", n.Value)
}

func (d *decoder) scalar(n *yaml.Node, what string) bool {
	if n.Kind != yaml.ScalarNode {
		d.errorf(n, "%s moet een enkele waarde zijn, niet %s", what, describe(n))
		return false
	}
	return true
}

// str accepts any scalar as text (a reference such as 00051149 stays as written).
func (d *decoder) str(dst *string, what string) func(*yaml.Node) {
	return func(n *yaml.Node) {
		if d.scalar(n, what) {
			*dst = intern(strings.TrimSpace(n.Value))
		}
	}
}

// intern returns the one copy of a short text of the front matter: the
// model keeps every scalar it reads for the whole build, and references
// (ids), sources and units repeat across entries (in a generated corpus
// short notes too: the model of 800 agreements went from 50 to 43 MB).
// Long texts are seldom the same and are kept as they are.
func intern(s string) string {
	if len(s) > internMax {
		return s
	}
	return unique.Make(s).Value()
}

const internMax = 120

func (d *decoder) integer(dst *int, what string, lo, hi int) func(*yaml.Node) {
	return func(n *yaml.Node) {
		if !d.scalar(n, what) {
			return
		}
		i, err := strconv.Atoi(n.Value)
		if n.Tag != "!!int" || err != nil {
			d.errorf(n, "%s moet een geheel getal zijn, niet %s", what, describe(n))
			return
		}
		if i < lo || i > hi {
			d.errorf(n, "%s %d ligt buiten het bereik %d-%d", what, i, lo, hi)
			return
		}
		*dst = i
	}
}

func (d *decoder) number(dst **float64, what string) func(*yaml.Node) {
	return func(n *yaml.Node) {
		if f, ok := d.float(n, what); ok {
			*dst = &f
		}
	}
}

func (d *decoder) float(n *yaml.Node, what string) (float64, bool) {
	if !d.scalar(n, what) {
		return 0, false
	}
	if n.Tag != "!!int" && n.Tag != "!!float" {
		hint := ""
		if strings.ContainsAny(n.Value, ",.") {
			hint = " (schrijf getallen zonder duizendtalpunt en met een decimale punt: 20000, 0.5)"
		}
		d.errorf(n, "%s moet een getal zijn, niet %s%s", what, describe(n), hint)
		return 0, false
	}
	f, err := strconv.ParseFloat(strings.ReplaceAll(n.Value, "_", ""), 64)
	if err != nil || math.IsNaN(f) || math.IsInf(f, 0) {
		d.errorf(n, "%s moet een eindig getal zijn, niet %s", what, describe(n))
		return 0, false
	}
	return f, true
}

func (d *decoder) boolean(dst *bool, what string) func(*yaml.Node) {
	return func(n *yaml.Node) {
		if !d.scalar(n, what) {
			return
		}
		if n.Tag != "!!bool" {
			d.errorf(n, "%s moet true of false zijn, niet %s", what, describe(n))
			return
		}
		*dst = n.Value == "true"
	}
}

func (d *decoder) date(dst *agreement.Date, what string, monthOK bool) func(*yaml.Node) {
	return func(n *yaml.Node) {
		if !d.scalar(n, what) {
			return
		}
		t, err := agreement.ParseDate(n.Value, monthOK)
		if err != nil {
			d.errorf(n, "%s: %v", what, err)
			return
		}
		*dst = t
	}
}

func enum[T ~string](d *decoder, dst *T, what string, terms []agreement.Term[T]) func(*yaml.Node) {
	return func(n *yaml.Node) {
		if !d.scalar(n, what) {
			return
		}
		for _, t := range terms {
			if string(t.ID) == n.Value {
				*dst = t.ID
				return
			}
		}
		ids := agreement.IDs(terms)
		hint := diag.DidYouMean(n.Value, ids)
		for _, t := range terms { // a Dutch label typed instead of the id
			if strings.EqualFold(t.Label, n.Value) {
				hint = "; bedoelde u \"" + string(t.ID) + "\"?"
			}
		}
		d.errorf(n, "%s %q is niet toegestaan (kies uit %s)%s", what, n.Value, strings.Join(ids, ", "), hint)
	}
}

var idPattern = regexp.MustCompile(`^[a-z][a-z0-9]*(-[a-z0-9]+)*$`)

func (d *decoder) id(dst *string, what string) func(*yaml.Node) {
	return func(n *yaml.Node) {
		if !d.scalar(n, what) {
			return
		}
		if !idPattern.MatchString(n.Value) {
			d.errorf(n, "%s %q is geen geldige id (kleine letters, cijfers en koppeltekens, beginnend met een letter)", what, n.Value)
			return
		}
		*dst = intern(n.Value)
	}
}

// list decodes a sequence, calling each for every element.
func (d *decoder) list(what string, each func(*yaml.Node)) func(*yaml.Node) {
	return func(n *yaml.Node) {
		if n.Kind != yaml.SequenceNode {
			d.errorf(n, "%s moet een lijst zijn, niet %s", what, describe(n))
			return
		}
		for _, e := range n.Content {
			each(resolve(e))
		}
	}
}

// refs decodes a reference or a list of references.
func (d *decoder) refs(dst *[]agreement.Ref, what string) func(*yaml.Node) {
	one := func(n *yaml.Node) {
		var id string
		d.id(&id, what)(n)
		if id != "" {
			*dst = append(*dst, agreement.Ref{ID: id, Pos: d.pos(n)})
		}
	}
	return func(n *yaml.Node) {
		if n.Kind == yaml.SequenceNode {
			if len(n.Content) == 0 {
				d.errorf(n, "%s: de lijst is leeg", what)
			}
			d.list(what, one)(n)
			return
		}
		one(n)
	}
}

// didYouMeanFold suggests ignoring case first ("e-g" for "E-G"), then by distance.
func didYouMeanFold(word string, candidates []string) string {
	for _, c := range candidates {
		if strings.EqualFold(c, word) {
			return "; bedoelde u \"" + c + "\"?"
		}
	}
	return diag.DidYouMean(word, candidates)
}
