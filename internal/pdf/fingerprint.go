package pdf

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"strconv"
	"strings"

	"golang.org/x/text/unicode/norm"

	"github.com/prestatie/prestatie/internal/agreement"
)

// Fingerprint is the hex SHA-256 of the agreement's normalised source. It is
// printed on the signing page and stored in the PDF's Keywords, so that a
// signed paper copy can be tied to the exact text it was made from, and it is
// the same on every machine. FINGERPRINT.md beside this file is the
// specification; a golden test pins it.
//
// The normalised source is the JSON document that canonical returns, encoded
// by encoding/json (struct fields in declaration order, no maps, no
// indentation, HTML characters not escaped, one "\n" at the end; numbers are
// strings in Go's shortest float64 form, strconv 'g' -1). Its first field is
// the format, "prestatie-fingerprint/2". It holds, in the order of the
// document:
//
//   - the agreement: title, short title, municipality, period (from, to),
//     reference, date (YYYY-MM-DD, "" when the document states none),
//     signing ("wet-ink" or "digital") and the signing note;
//   - every party in agreement order: name, kind, label, the document's
//     group, tagline and signatories (name, function, place); every unnamed
//     group of parties: name, kind, count;
//   - the preamble: its heading ("" for none), its Markdown text, its items
//     and its figures;
//   - every section in document order (depth first, bijlagen included):
//     its path (the positions among its siblings from the top, 1-based,
//     joined by "/": "4/2" is the second subsection of the fourth section),
//     the printed number ("" for none), title, bijlage or not, area, year,
//     the names of the parties it binds as written (none: inherited), its
//     Markdown text, its figures and its items;
//   - every item of the text ({#id}) in document order, sub-items inside
//     their parent: id, kind (commitment, provision, goal), number, text,
//     who it binds (all parties, kinds, named parties by name, unnamed groups
//     by name), and its target: value, min, max, trend, unit, the deadline
//     as the text states it (2025-06-30, 2027 or 2028-2031; "" for none)
//     and note;
//   - figures with real data: kind, date, source, title, approximate,
//     value, unit, the named values in canonical order, and the goal.
//
// Every string is in Unicode NFC with "\n" line endings ("\r\n" and "\r"
// become "\n"), and Markdown texts lose white space at their end.
// Left out, because they change after signing or are not the text signed:
// the status (draft, for signature, signed) and draft flags, progress
// entries and report narratives, illustrative figures (the PDF does not
// print them), monitoring quarters, the numbering mode (the printed numbers
// are in), the family (part of, replaces), file and folder names and the
// ids of sections and parties, logo files, and positions in files.
// Changing one character of the text changes the fingerprint; reformatting
// the YAML or renaming a file does not.
func Fingerprint(ag *agreement.Agreement) string {
	sum := sha256.Sum256(canonical(ag))
	return hex.EncodeToString(sum[:])
}

// fingerprintFormat names the version of the normalised source; it changes
// whenever what goes in changes.
const fingerprintFormat = "prestatie-fingerprint/2"

// canonical is the normalised source described at Fingerprint.
func canonical(ag *agreement.Agreement) []byte {
	doc := cAgreement{
		Format:        fingerprintFormat,
		Title:         n(ag.Title),
		ShortTitle:    n(ag.ShortTitle),
		Municipality:  n(ag.Municipality),
		Period:        [2]int{ag.Period.From, ag.Period.To},
		Reference:     n(ag.Reference),
		Signing:       string(ag.Signing),
		SigningNote:   body(ag.SigningNote),
		PreambleTitle: n(ag.PreambleTitle),
		Preamble:      body(ag.Preamble.Source),
		Items:         cItems(ag.Items),
		Figures:       cFigures(ag.Figures),
	}
	if !ag.Date.IsZero() {
		doc.Date = ag.Date.String()
	}
	for _, p := range ag.Parties {
		cp := cParty{Name: n(p.Name), Kind: string(p.Kind), Label: n(p.Label), Group: n(p.Group), Tagline: n(p.Tagline)}
		for _, s := range p.Signatories {
			cp.Signatories = append(cp.Signatories, [3]string{n(s.Name), n(s.Function), n(s.Place)})
		}
		doc.Parties = append(doc.Parties, cp)
	}
	for _, g := range ag.Groups {
		doc.Groups = append(doc.Groups, cGroup{Name: n(g.Name), Kind: string(g.Kind), Count: g.Count})
	}
	var walk func(ss []*agreement.Section, path string)
	walk = func(ss []*agreement.Section, path string) {
		for i, s := range ss {
			p := path + strconv.Itoa(i+1)
			cs := cSection{Path: p, Number: n(s.Number), Title: n(s.Title), Annex: s.Annex, Area: n(s.Area), Year: s.Year,
				Body: body(s.Body.Source), Figures: cFigures(s.Figures), Items: cItems(s.Items)}
			if len(s.PartyRefs) > 0 {
				for _, q := range s.Parties {
					cs.Parties = append(cs.Parties, n(q.Name))
				}
			}
			doc.Sections = append(doc.Sections, cs)
			walk(s.Sections, p+"/")
		}
	}
	walk(ag.Sections, "")
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(doc); err != nil { // cannot happen: plain structs of strings and numbers
		panic(err)
	}
	return buf.Bytes()
}

type cAgreement struct {
	Format        string
	Title         string
	ShortTitle    string
	Municipality  string
	Period        [2]int
	Reference     string
	Date          string
	Signing       string
	SigningNote   string
	Parties       []cParty
	Groups        []cGroup
	PreambleTitle string
	Preamble      string
	Items         []cItem
	Figures       []cFigure
	Sections      []cSection
}

type cParty struct {
	Name, Kind, Label, Group, Tagline string
	Signatories                       [][3]string
}

type cGroup struct {
	Name, Kind string
	Count      int
}

type cSection struct {
	Path, Number, Title string
	Annex               bool
	Area                string
	Year                int
	Parties             []string
	Body                string
	Figures             []cFigure
	Items               []cItem
}

type cItem struct {
	ID, Kind, Number, Text string
	Binds                  cBinding
	Target                 *cTarget
	Items                  []cItem
}

type cBinding struct {
	All    bool
	Kinds  []string
	Named  []string
	Groups []string
}

type cTarget struct {
	Value, Min, Max string
	Trend, Unit     string
	Due             string
	Note            string
}

type cFigure struct {
	Kind, AsOf, Source, Title string
	Approximate               bool
	Value                     string
	Unit                      string
	Values                    []cValue
	Goal                      *cTarget
}

type cValue struct {
	Key, Value string
}

func cItems(its []*agreement.Item) []cItem {
	var out []cItem
	for _, it := range its {
		ci := cItem{ID: it.ID, Kind: string(it.Kind), Number: n(it.Number), Text: body(it.Text),
			Binds: cBinds(it.Binding), Target: cTargetOf(it.Target), Items: cItems(it.Items)}
		out = append(out, ci)
	}
	return out
}

func cBinds(b agreement.Binding) cBinding {
	c := cBinding{All: b.All}
	for _, k := range b.Kinds {
		c.Kinds = append(c.Kinds, string(k))
	}
	for _, p := range b.Named {
		c.Named = append(c.Named, n(p.Name))
	}
	for _, g := range b.Groups {
		c.Groups = append(c.Groups, n(g.Name))
	}
	return c
}

func cTargetOf(t *agreement.Target) *cTarget {
	if t == nil {
		return nil
	}
	ct := &cTarget{Value: num(t.Value), Min: num(t.Min), Max: num(t.Max), Trend: string(t.Trend), Unit: n(t.Unit), Note: n(t.Note)}
	if t.Due != nil {
		ct.Due = t.Due.String()
	}
	return ct
}

func cFigures(fs []*agreement.Figure) []cFigure {
	var out []cFigure
	for _, f := range fs {
		if f.Illustrative {
			continue
		}
		cf := cFigure{Kind: string(f.Kind), AsOf: f.AsOf.String(), Source: n(f.Source), Title: n(f.Title),
			Approximate: f.Approximate, Value: num(f.Value), Unit: n(f.Unit), Goal: cTargetOf(f.Goal)}
		for _, v := range f.Values {
			cf.Values = append(cf.Values, cValue{Key: v.Key, Value: num(&v.Value)})
		}
		out = append(out, cf)
	}
	return out
}

// num writes a number in Go's shortest form ("12", "0.5", "2e+21"); "" for none.
func num(f *float64) string {
	if f == nil {
		return ""
	}
	return strconv.FormatFloat(*f, 'g', -1, 64)
}

// n normalises a string: NFC and "\n" line endings.
func n(s string) string {
	s = strings.ReplaceAll(s, "\r\n", "\n")
	s = strings.ReplaceAll(s, "\r", "\n")
	return norm.NFC.String(s)
}

// body normalises a Markdown text; white space at its end does not count.
func body(s string) string { return strings.TrimRight(n(s), " \t\n") }
