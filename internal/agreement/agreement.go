// Package agreement is the domain model of prestatieafspraken: an agreement
// between parties, its chapters, afspraken and commitments, the targets and
// figures they carry and the progress reported on them. It does no I/O; the
// content package builds it from files and the site and pdf packages render it.
package agreement

import "github.com/prestatie/prestatie/internal/diag"

// Site is everything one build publishes.
type Site struct {
	Title      string
	BaseURL    string // absolute URL or path, always ending in "/"
	Language   string
	Theme      string
	UnsafeHTML bool
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
	Date         Date
	Status       DocStatus
	Parties      []*Party
	// ContributionOrder is the order of the "Bijdrage" lists inside an
	// afspraak; it defaults to Parties.
	ContributionOrder []*Party
	Monitoring        []int // quarters, 1..4
	Preamble          Markdown
	Figures           []*Figure
	Chapters          []*Chapter
	Reports           []*Report // narratives of monitoring reports
	Draft             bool
	Pos               diag.Pos

	// Unresolved references, checked by Validate.
	ContributionRefs []Ref
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
	Label       string // short name for headings; defaults to Name
	Tagline     string
	Logo        string
	Signatories []Signatory
	Pos         diag.Pos
}

// Signatory is a person who signs on behalf of a party. Empty fields are
// printed as open lines.
type Signatory struct {
	Name, Function, Place string
}

// Chapter is a theme, a process chapter, an area, a jaarschijf or an annex.
type Chapter struct {
	ID          string
	Title       string
	Order       int
	OwnNumber   string // from front matter, "" for automatic
	Number      string // assigned by Number()
	Annex       bool
	Area        string
	Year        int
	Intro       Markdown
	Figures     []*Figure
	Commitments []*Commitment // only when the chapter has no afspraken
	Progress    []*ProgressEntry
	Afspraken   []*Afspraak
	Draft       bool
	Pos         diag.Pos
	OrderPos    diag.Pos
}

// Afspraak is one agreement item within a chapter, such as "Nieuwbouw".
type Afspraak struct {
	ID          string
	Title       string
	Order       int
	OwnNumber   string
	Number      string
	Context     Markdown
	Effect      string // Markdown
	Goals       []*Goal
	Figures     []*Figure
	Commitments []*Commitment
	Progress    []*ProgressEntry
	Draft       bool
	Pos         diag.Pos
	OrderPos    diag.Pos
}

// Goal is a measurable aim behind an afspraak's effect; it may lie beyond the
// agreement's period.
type Goal struct {
	Text   string
	Target *Target
	Pos    diag.Pos
}

// Commitment is one thing one or more parties commit to: a bullet of a
// "Bijdrage" list.
type Commitment struct {
	ID        string
	Text      string // Markdown
	OwnNumber string
	Number    string
	Target    *Target
	// DefaultDue is the end of the chapter's year or of the period: when the
	// commitment is due if its target names no date.
	DefaultDue Date
	Items      []*Commitment
	Parent     *Commitment
	Progress   []*ProgressEntry // sorted by date by Validate
	Pos        diag.Pos

	// Binding says who is bound; PartyRefs are the references as written.
	Binding   Binding
	PartyRefs []Ref
}

// Ref is a reference by id, with where it was written.
type Ref struct {
	ID  string
	Pos diag.Pos
}

// Binding is the set of parties a commitment binds.
type Binding struct {
	All     bool      // every party of the agreement
	OfKind  PartyKind // every party of this kind, when not ""
	Parties []*Party  // resolved, in agreement order
}

// Target is what is measurable about a commitment or goal. Exactly one of
// Value, Min/Max or Trend is set.
type Target struct {
	Value    *float64
	Min, Max *float64
	Trend    Trend
	Unit     string
	Due      *Date // nil: the end of the chapter's year or of the period
	Note     string
	Pos      diag.Pos
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
