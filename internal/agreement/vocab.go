package agreement

// DocStatus is where the document stands in the signing process.
type DocStatus string

const (
	Draft        DocStatus = "draft"
	ForSignature DocStatus = "for-signature"
	Signed       DocStatus = "signed"
)

// PartyKind is the role of a party in the Woningwet sense.
type PartyKind string

const (
	Municipality PartyKind = "municipality"
	Corporation  PartyKind = "corporation"
	Tenants      PartyKind = "tenants"
	Care         PartyKind = "care"
	Province     PartyKind = "province"
	Region       PartyKind = "region"
	Partnership  PartyKind = "partnership"
	OtherParty   PartyKind = "other"
)

// ItemKind says what a marked item of the text is.
type ItemKind string

const (
	Commitment ItemKind = "commitment" // afspraak: monitored
	Provision  ItemKind = "provision"  // bepaling: binds, not monitored
	Goal       ItemKind = "goal"       // doel: an aim, not monitored
)

// Signing is how the document is signed.
type Signing string

const (
	WetInk  Signing = "wet-ink"
	Digital Signing = "digital"
)

// Numbering says where section numbers come from.
type Numbering string

const (
	OwnNumbers  Numbering = "own"  // only the numbers the document writes
	AutoNumbers Numbering = "auto" // 1, 1.1, … for every section without its own
)

// Status is the state of a commitment at a monitoring moment. The absence
// of any report ("geen rapportage") is not a Status: it is the zero value.
type Status string

const (
	NotStarted Status = "not-started"
	OnTrack    Status = "on-track"
	Delayed    Status = "delayed"
	Done       Status = "done"
	Dropped    Status = "dropped"
	Ongoing    Status = "ongoing"
)

// Verdict is the final judgement at the end of the period, an axis apart
// from Status.
type Verdict string

const (
	Realised    Verdict = "realised"
	Partial     Verdict = "partial"
	NotRealised Verdict = "not-realised"
)

// Trend is a target that a quantity must not fall or rise.
type Trend string

const (
	NoDecrease Trend = "no-decrease"
	NoIncrease Trend = "no-increase"
)

// FigureKind says what a figure holds.
type FigureKind string

const (
	Stock        FigureKind = "stock"
	RentBands    FigureKind = "rent-bands"
	EnergyLabels FigureKind = "energy-labels"
	Allocations  FigureKind = "allocations"
	SingleValue  FigureKind = "value"
)

// Vocabularies in the order they are documented and shown. Each maps an id
// as written in content files to its Dutch label.
var (
	DocStatuses = []Term[DocStatus]{
		{ID: Draft, Label: "Concept"}, {ForSignature, "Ter ondertekening"}, {Signed, "Ondertekend"},
	}
	PartyKinds = []Term[PartyKind]{
		{Municipality, "gemeente"}, {Corporation, "woningcorporatie"},
		{Tenants, "huurdersorganisatie"}, {Care, "zorgpartij"}, {Province, "provincie"},
		{Region, "regio"}, {Partnership, "samenwerkingsverband"}, {OtherParty, "overige partij"},
	}
	// PartyKindPlurals name all parties of a kind: "alle corporaties".
	PartyKindPlurals = []Term[PartyKind]{
		{Municipality, "gemeenten"}, {Corporation, "corporaties"},
		{Tenants, "huurdersorganisaties"}, {Care, "zorgpartijen"}, {Province, "provincies"},
		{Region, "regio's"}, {Partnership, "samenwerkingsverbanden"}, {OtherParty, "overige partijen"},
	}
	ItemKinds = []Term[ItemKind]{
		{Commitment, "afspraak"}, {Provision, "bepaling"}, {Goal, "doel"},
	}
	ItemKindPlurals = []Term[ItemKind]{
		{Commitment, "afspraken"}, {Provision, "bepalingen"}, {Goal, "doelen"},
	}
	Signings = []Term[Signing]{
		{WetInk, "met de hand"}, {Digital, "digitaal"},
	}
	Numberings = []Term[Numbering]{
		{OwnNumbers, "eigen nummers"}, {AutoNumbers, "automatisch"},
	}
	Statuses = []Term[Status]{
		{NotStarted, "niet gestart"}, {OnTrack, "op schema"}, {Delayed, "vertraagd"},
		{Done, "gerealiseerd"}, {Dropped, "vervallen"}, {Ongoing, "doorlopend"},
	}
	Verdicts = []Term[Verdict]{
		{Realised, "gerealiseerd"}, {Partial, "deels gerealiseerd"}, {NotRealised, "niet gerealiseerd"},
	}
	Trends = []Term[Trend]{
		{NoDecrease, "neemt niet af"}, {NoIncrease, "neemt niet toe"},
	}
	FigureKinds = []Term[FigureKind]{
		{Stock, "Woningvoorraad"}, {RentBands, "Huurprijsklassen"}, {EnergyLabels, "Energielabels"},
		{Allocations, "Toewijzingen"}, {SingleValue, "Kengetal"},
	}
)

// NoReport is the Dutch label for a commitment without any progress entry.
const NoReport = "geen rapportage"

// Term is one entry of a closed vocabulary.
type Term[T ~string] struct {
	ID    T
	Label string
}

// Label returns the Dutch label of id in terms, or id itself if unknown.
func Label[T ~string](terms []Term[T], id T) string {
	for _, t := range terms {
		if t.ID == id {
			return t.Label
		}
	}
	return string(id)
}

// IDs lists the ids of a vocabulary, for messages and suggestions.
func IDs[T ~string](terms []Term[T]) []string {
	s := make([]string, len(terms))
	for i, t := range terms {
		s[i] = string(t.ID)
	}
	return s
}

// Label returns the Dutch label of the status, "geen rapportage" for none.
func (s Status) Label() string {
	if s == "" {
		return NoReport
	}
	return Label(Statuses, s)
}

func (s DocStatus) Label() string { return Label(DocStatuses, s) }
func (v Verdict) Label() string   { return Label(Verdicts, v) }
func (k PartyKind) Label() string { return Label(PartyKinds, k) }
func (k ItemKind) Label() string  { return Label(ItemKinds, k) }

// Count writes n with the singular or plural noun: "1 afspraak", "3 afspraken".
func Count(n int, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return itoa(n) + " " + many
}
