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
	"github.com/prestatie/prestatie/internal/dutch"
)

// Fingerprint is the hex SHA-256 of the agreement's normalised source. It is
// printed on the signing page and stored in the PDF's Keywords, so that a
// signed paper copy can be tied to the exact text it was made from, and it is
// the same on every machine.
//
// The normalised source is the JSON document that canonical returns, encoded
// by encoding/json (struct fields in declaration order, no maps, no indentation;
// numbers are strings in Go's shortest float64 form, strconv 'g' -1). It holds everything the parties
// sign, in the order of the document:
//
//   - the agreement's title, short title, municipality, period, reference,
//     date and monitoring quarters;
//   - every party in agreement order: name, kind, label, tagline and
//     signatories (name, function, place);
//   - the preamble, and the agreement's figures;
//   - every chapter in document order: number, title, annex or not, area,
//     year, introduction, figures, and its commitments; every afspraak:
//     number, title, context, effect, goals, figures and commitments;
//   - every commitment in the order the document prints it (grouped by the
//     contribution order): number, text, the names of the parties it binds
//     (or "all" / the kind), target (value, min, max, trend, unit, due date
//     or the default due date, note) and its items.
//
// Every string is in Unicode NFC with "\n" line endings ("\r\n" and "\r"
// become "\n"), and Markdown bodies lose trailing white space at their end.
// Left out, because they change after signing or do not change the text:
// the status (draft, for signature, signed) and draft flags, progress
// entries and report narratives, ids and file names, logo files, and
// positions in files. Changing one character of the content changes the
// fingerprint; reformatting the YAML or renaming a file does not.
func Fingerprint(ag *agreement.Agreement) string {
	sum := sha256.Sum256(canonical(ag))
	return hex.EncodeToString(sum[:])
}

// canonical is the normalised source described at Fingerprint.
func canonical(ag *agreement.Agreement) []byte {
	doc := cAgreement{
		Format:       "prestatie-fingerprint/1",
		Title:        n(ag.Title),
		ShortTitle:   n(ag.ShortTitle),
		Municipality: n(ag.Municipality),
		Period:       [2]int{ag.Period.From, ag.Period.To},
		Reference:    n(ag.Reference),
		Date:         ag.Date.String(),
		Monitoring:   append([]int{}, ag.Monitoring...),
		Preamble:     body(ag.Preamble.Source),
		Figures:      cFigures(ag.Figures),
	}
	for _, p := range ag.Parties {
		cp := cParty{Name: n(p.Name), Kind: string(p.Kind), Label: n(p.Label), Tagline: n(p.Tagline)}
		for _, s := range p.Signatories {
			cp.Signatories = append(cp.Signatories, [3]string{n(s.Name), n(s.Function), n(s.Place)})
		}
		doc.Parties = append(doc.Parties, cp)
	}
	for _, ch := range ag.Chapters {
		cc := cChapter{Number: n(ch.Number), Title: n(ch.Title), Annex: ch.Annex, Area: n(ch.Area), Year: ch.Year,
			Intro: body(ch.Intro.Source), Figures: cFigures(ch.Figures), Commitments: cCommitments(ag, ch.Commitments)}
		for _, af := range ch.Afspraken {
			ca := cAfspraak{Number: n(af.Number), Title: n(af.Title), Context: body(af.Context.Source),
				Effect: body(af.Effect), Figures: cFigures(af.Figures), Commitments: cCommitments(ag, af.Commitments)}
			for _, g := range af.Goals {
				ca.Goals = append(ca.Goals, cGoal{Text: body(g.Text), Target: cTarget(g.Target, agreement.Date{})})
			}
			cc.Afspraken = append(cc.Afspraken, ca)
		}
		doc.Chapters = append(doc.Chapters, cc)
	}
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(doc); err != nil { // cannot happen: plain structs of strings and numbers
		panic(err)
	}
	return buf.Bytes()
}

type cAgreement struct {
	Format       string
	Title        string
	ShortTitle   string
	Municipality string
	Period       [2]int
	Reference    string
	Date         string
	Monitoring   []int
	Parties      []cParty
	Preamble     string
	Figures      []cFigure
	Chapters     []cChapter
}

type cParty struct {
	Name, Kind, Label, Tagline string
	Signatories                [][3]string
}

type cChapter struct {
	Number, Title string
	Annex         bool
	Area          string
	Year          int
	Intro         string
	Figures       []cFigure
	Commitments   []cCommitment
	Afspraken     []cAfspraak
}

type cAfspraak struct {
	Number, Title, Context, Effect string
	Goals                          []cGoal
	Figures                        []cFigure
	Commitments                    []cCommitment
}

type cGoal struct {
	Text   string
	Target *cTargetT
}

type cCommitment struct {
	Group  string // the heading of its list: "Bijdrage Leystromen"
	Number string
	Text   string
	Binds  []string
	Target *cTargetT
	Items  []cCommitment
}

type cTargetT struct {
	Value, Min, Max string
	Trend, Unit     string
	Due             string
	Note            string
}

type cFigure struct {
	Kind, AsOf, Source, Title string
	Approximate, Illustrative bool
	Value                     string
	Unit                      string
	Values                    []cValue
	Goal                      *cTargetT
}

type cValue struct {
	Key, Value string
}

func cCommitments(ag *agreement.Agreement, cs []*agreement.Commitment) []cCommitment {
	var out []cCommitment
	for _, g := range ag.Groups(cs) {
		h := dutch.GroupHeading(g)
		for _, c := range g.Commitments {
			out = append(out, cCommit(c, n(h)))
		}
	}
	return out
}

func cCommit(c *agreement.Commitment, group string) cCommitment {
	cc := cCommitment{Group: group, Number: n(c.Number), Text: body(c.Text), Binds: binds(c.Binding),
		Target: cTarget(c.Target, c.Due())}
	for _, it := range c.Items {
		cc.Items = append(cc.Items, cCommit(it, ""))
	}
	return cc
}

func binds(b agreement.Binding) []string {
	switch {
	case b.All:
		return []string{"all"}
	case b.OfKind != "":
		return []string{"all-" + string(b.OfKind)}
	}
	var out []string
	for _, p := range b.Parties {
		out = append(out, n(p.Name))
	}
	return out
}

func cTarget(t *agreement.Target, due agreement.Date) *cTargetT {
	if t == nil {
		return nil
	}
	ct := &cTargetT{Value: num(t.Value), Min: num(t.Min), Max: num(t.Max), Trend: string(t.Trend), Unit: n(t.Unit), Note: n(t.Note)}
	if t.Due != nil {
		due = *t.Due
	}
	if !due.IsZero() {
		ct.Due = due.String()
	}
	return ct
}

func cFigures(fs []*agreement.Figure) []cFigure {
	var out []cFigure
	for _, f := range fs {
		cf := cFigure{Kind: string(f.Kind), AsOf: f.AsOf.String(), Source: n(f.Source), Title: n(f.Title),
			Approximate: f.Approximate, Illustrative: f.Illustrative, Value: num(f.Value), Unit: n(f.Unit),
			Goal: cTarget(f.Goal, agreement.Date{})}
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
