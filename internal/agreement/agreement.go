// Package agreement is the domain model of prestatieafspraken: an agreement
// between parties as the signed document has it, a tree of sections in the
// document's order with the document's numbers, the numbered items of its
// text (monitored commitments, provisions, goals), the targets and figures
// that annotate them and the progress reported on them. It does no I/O; the
// content package builds it from files and the site and pdf packages render
// it, both walking the same tree in the same order.
package agreement

import "github.com/prestatie/prestatie/internal/diag"

// Site is everything one build publishes.
type Site struct {
	Title       string
	BaseURL     string // absolute URL or path, always ending in "/"
	Language    string
	Theme       string
	UnsafeHTML  bool
	Style       Style       // house style: logo, navigation, footer, CSS
	Publication Publication // data licence, accessibility statement
	// PDFFonts are further TrueType fonts in the site folder for the PDF,
	// in the config's order, for characters its own fonts lack (CJK).
	PDFFonts   []Asset
	Agreements []*Agreement
}

// Markdown is a Markdown source text with the position of its first byte, so
// that problems found while rendering can point into the file.
type Markdown struct {
	Source string
	Pos    diag.Pos
}

// Agreement is one signed (or to be signed) document.
type Agreement struct {
	ID           string // folder name, URL segment
	Title        string
	ShortTitle   string
	Municipality string
	Period       Period
	Reference    string
	Date         Date // zero when the document states none
	Status       DocStatus
	Signing      Signing
	SigningNote  string // Markdown: how a digitally signed document was signed
	Numbering    Numbering
	Parties      []*Party
	Groups       []*PartyGroup // unnamed groups: "de negen corporaties in de regio"
	Monitoring   []int         // quarters, 1..4
	// PreambleTitle is the heading the document gives the text before its
	// first section ("Vooraf", "Considerans"); "" prints none.
	PreambleTitle string
	Preamble      Markdown
	Items         []*Item // items written in the preamble
	Progress      []*ProgressEntry
	Figures       []*Figure
	Sections      []*Section
	Reports       []*Report // narratives of monitoring reports
	Draft         bool
	Pos           diag.Pos

	// Family: the agreement this one is part of (a jaarschijf of a
	// framework, a local agreement under a regional one) and the one it
	// replaces. Resolved across the site by Link.
	PartOfRef, ReplacesRef Ref
	PartOf, Replaces       *Agreement
	Parts                  []*Agreement // agreements that are part of this one
	ReplacedBy             *Agreement
}

// Period is the span of years an agreement covers, inclusive.
type Period struct {
	From, To int
	Pos      diag.Pos
}

// Contains reports whether year y lies within the period.
func (p Period) Contains(y int) bool { return y >= p.From && y <= p.To }

// Party is one signatory organisation.
type Party struct {
	ID          string
	Name        string
	Kind        PartyKind
	Label       string // short name used where the party is named in lists; defaults to Name
	Group       string // the document's own grouping on cover and signing page ("Woningcorporaties")
	Tagline     string
	Logo        string
	Signatories []Signatory
	Pos         diag.Pos
}

// PartyGroup is a group of organisations the document names without naming
// its members: "de zeven gemeenten in de regio". It can be bound by items
// but does not sign.
type PartyGroup struct {
	ID    string
	Name  string
	Kind  PartyKind // "" when mixed
	Count int       // 0 when not stated
	Pos   diag.Pos
}

// Signatory is a person who signs on behalf of a party. Empty fields are
// printed as open lines.
type Signatory struct {
	Name, Function, Place string
}

// Section is a part of the document at any depth: a chapter, a paragraph,
// a wijk or kern, a jaarschijf, a bijlage. It carries the document's own
// number or none.
type Section struct {
	ID        string // folder or file name, URL segment
	Title     string
	Order     int
	OwnNumber string // as the document numbers it; "" for none
	// Number is what is printed before the title: OwnNumber, an automatic
	// number where the agreement asks for one, or "".
	Number    string
	Annex     bool
	Area      string
	Year      int
	Body      Markdown
	Items     []*Item // top-level items of the body, in document order
	Progress  []*ProgressEntry
	Figures   []*Figure
	PartyRefs []Ref    // the parties this section binds, as written
	Parties   []*Party // resolved; nil means inherited (all parties at the top)
	Sections  []*Section
	Parent    *Section
	Draft     bool
	Pos       diag.Pos
	OrderPos  diag.Pos
	NumberPos diag.Pos // of the number key, when written
}

// Depth is 1 for a top-level section.
func (s *Section) Depth() int {
	d := 1
	for p := s.Parent; p != nil; p = p.Parent {
		d++
	}
	return d
}

// Path lists the section's ancestors and itself, top first.
func (s *Section) Path() []*Section {
	var p []*Section
	for x := s; x != nil; x = x.Parent {
		p = append([]*Section{x}, p...)
	}
	return p
}

// Label is "2.1 Nieuwbouw", "Bijlage 1 Regels" or just the title.
func (s *Section) Label() string {
	if s.Number == "" {
		return s.Title
	}
	return s.Number + " " + s.Title
}

// Item is a numbered or marked item of the text ({#id} in the Markdown):
// a monitored commitment, a provision or a goal. Its text is the
// document's; the annotation in front matter adds who is bound, a target
// and progress.
type Item struct {
	ID      string
	Kind    ItemKind
	Text    string // inline Markdown, exactly as in the body
	Number  string // the document's number: own, or the ordered list's; "" for bullets
	Target  *Target
	Items   []*Item // sub-items, in document order
	Parent  *Item
	Section *Section // nil for items in the preamble
	// Progress, sorted by date by Validate; only commitments have it.
	Progress []*ProgressEntry
	Pos      diag.Pos // the {#id} in the body
	AnnPos   diag.Pos // the annotation in front matter, if any

	// Binding says who is bound; PartyRefs are the references as written.
	Binding   Binding
	PartyRefs []Ref
}

// Monitored reports whether progress is reported on the item: commitments
// are, provisions and goals are not.
func (it *Item) Monitored() bool { return it.Kind == Commitment }

// Ref is a reference by id, with where it was written.
type Ref struct {
	ID  string
	Pos diag.Pos
}

// Binding is who an item binds, as the text says it: nobody named
// ("partijen"), every party, parties of some kinds, named parties, unnamed
// groups, or any mix.
type Binding struct {
	All     bool          // every party of the agreement (or of the section)
	Kinds   []PartyKind   // every party of these kinds
	Named   []*Party      // named parties, in agreement order
	Groups  []*PartyGroup // unnamed groups
	Parties []*Party      // every party bound: named plus the parties of All and Kinds
}

// None reports whether the item names no party.
func (b Binding) None() bool {
	return !b.All && len(b.Kinds) == 0 && len(b.Named) == 0 && len(b.Groups) == 0
}

// Target is what an item states about its result: an amount, a range or
// bound, a trend, or nothing measurable (a decision, a milestone), and a
// deadline when the text gives one.
type Target struct {
	Value    *float64
	Min, Max *float64
	Trend    Trend
	Unit     string
	Due      *Deadline // nil: the text states no deadline
	Note     string
	Pos      diag.Pos
}

// Measurable reports whether the target states an amount, range or trend.
func (t *Target) Measurable() bool {
	return t != nil && (t.Value != nil || t.Min != nil || t.Max != nil || t.Trend != "")
}

// ProgressEntry is one report on one commitment at one monitoring moment.
type ProgressEntry struct {
	CommitmentRef Ref
	Date          Date
	Status        Status  // "" when only a verdict is given
	Verdict       Verdict // ""
	Value         *float64
	Note          string // Markdown
	Source        string
	Illustrative  bool
	Pos           diag.Pos
	DatePos       diag.Pos
}

// Figure is a dated set of numbers with its source, such as the rent bands of
// May 2022. Figures of one kind with different dates form a time series.
type Figure struct {
	Kind         FigureKind
	AsOf         Date
	Source       string
	Title        string
	Approximate  bool
	Illustrative bool
	Value        *float64 // stock and value
	Unit         string
	Values       []FigureValue // rent-bands, energy-labels, allocations; in canonical order
	Goal         *Target
	Pos          diag.Pos
}

// FigureValue is one named number of a figure.
type FigureValue struct {
	Key   string
	Value float64
	Pos   diag.Pos
}

// Report is the narrative of one monitoring report, from
// content/<agreement>/voortgang/<moment>.md.
type Report struct {
	Slug  string // "2023-q4" or "2024-03-31"
	Date  Date
	Title string
	Body  Markdown
	Pos   diag.Pos
}
