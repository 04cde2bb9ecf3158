package agreement

import (
	"strings"
	"testing"

	"github.com/prestatie/prestatie/internal/diag"
)

func num(f float64) *float64 { return &f }

// sample builds a small agreement in memory: a chapter with two
// subsections (numbered as the document does), a process chapter whose
// items bind all corporations, a provision, an unnumbered wijk section and
// an annex.
func sample() *Agreement {
	gem := &Party{ID: "gemeente", Name: "Gemeente X", Kind: Municipality, Label: "gemeente"}
	cor := &Party{ID: "corp", Name: "Corp", Kind: Corporation}
	ten := &Party{ID: "hv", Name: "HV", Kind: Tenants}
	y2023 := &Deadline{From: 2023, To: 2023}
	c1 := &Item{ID: "bouwen", Kind: Commitment, PartyRefs: []Ref{{ID: "corp"}}, Target: &Target{Value: num(12), Unit: "woningen", Due: y2023}}
	c2 := &Item{ID: "grond", Kind: Commitment, PartyRefs: []Ref{{ID: "corp"}, {ID: "gemeente"}}, Target: &Target{Due: y2023},
		Items: []*Item{{ID: "grond-a", Kind: Commitment, Target: &Target{Due: y2023}}, {ID: "grond-b", Kind: Commitment, Target: &Target{Due: y2023}}}}
	c3 := &Item{ID: "overleg", Kind: Commitment, PartyRefs: []Ref{{ID: "all-corporations"}}}
	p1 := &Item{ID: "voorbehoud", Kind: Provision, Number: "1"}
	c4 := &Item{ID: "samen", Kind: Commitment} // "partijen": no party named
	return &Agreement{
		ID: "x", Period: Period{From: 2023, To: 2024}, Parties: []*Party{gem, cor, ten},
		Sections: []*Section{
			{ID: "proces", Order: 2, Items: []*Item{c3, p1, c4}},
			{ID: "bijlage", Order: 9, Annex: true, OwnNumber: "2"},
			{ID: "thema", Order: 1, OwnNumber: "2", Year: 2023, Sections: []*Section{
				{ID: "b", Order: 2, OwnNumber: "1"}, // the document numbers 1, 2 again inside its chapter 2
				{ID: "a", Order: 1, OwnNumber: "2", Items: []*Item{c1, c2}, Progress: []*ProgressEntry{
					{CommitmentRef: Ref{ID: "bouwen"}, Date: NewDate(2023, 12, 31), Status: Done, Value: num(12)},
					{CommitmentRef: Ref{ID: "bouwen"}, Date: NewDate(2023, 6, 30), Status: OnTrack, Value: num(0)},
					{CommitmentRef: Ref{ID: "bouwen"}, Date: NewDate(2024, 12, 31), Verdict: Realised},
				}},
				{ID: "wijk", Order: 3}, // unnumbered
			}},
		},
	}
}

func TestValidateSample(t *testing.T) {
	a := sample()
	if ds := a.Validate(); len(ds) > 0 {
		t.Fatalf("unexpected diagnostics:\n%v", ds)
	}
	th := a.Sections[0]
	if th.ID != "thema" || th.Number != "2" || th.Sections[0].ID != "a" || th.Sections[0].Number != "2" || th.Sections[2].Number != "" {
		t.Errorf("sections not in order or renumbered: %s %s", th.ID, th.Number)
	}
	c2 := th.Sections[0].Items[1]
	if c2.Items[1].Parent != c2 || c2.Section != th.Sections[0] {
		t.Errorf("parent links")
	}
	// Bound parties keep agreement order, whatever order they were written in.
	if got := c2.Binding.Parties; len(got) != 2 || got[0].ID != "gemeente" {
		t.Errorf("binding = %v", got)
	}
	if got := c2.Items[0].Binding.Parties; len(got) != 2 {
		t.Errorf("items inherit the parent's parties, got %d", len(got))
	}
	overleg := a.Sections[1].Items[0]
	if len(overleg.Binding.Kinds) != 1 || overleg.Binding.Kinds[0] != Corporation || len(overleg.Binding.Parties) != 1 {
		t.Errorf("all-corporations: %+v", overleg.Binding)
	}
	if !a.Sections[1].Items[2].Binding.None() {
		t.Errorf("an item without party names none")
	}
	if a.Sections[2].Number != "Bijlage 2" {
		t.Errorf("annex number = %q", a.Sections[2].Number)
	}
}

func TestAutoNumbering(t *testing.T) {
	a := sample()
	a.Numbering = AutoNumbers
	a.EachSection(func(s *Section) {
		if !s.Annex {
			s.OwnNumber = ""
		}
	})
	if ds := a.Validate(); len(ds) > 0 {
		t.Fatal(ds)
	}
	got := []string{a.Sections[0].Number, a.Sections[0].Sections[0].Number, a.Sections[0].Sections[1].Number, a.Sections[0].Sections[2].Number, a.Sections[1].Number, a.Sections[2].Number}
	want := []string{"1", "1.1", "1.2", "1.3", "2", "Bijlage 2"}
	if strings.Join(got, "|") != strings.Join(want, "|") {
		t.Errorf("numbers = %v, want %v", got, want)
	}
}

func TestStatusAt(t *testing.T) {
	a := sample()
	a.Validate()
	c := a.Sections[0].Sections[0].Items[0]
	tests := []struct {
		date Date
		want Status
	}{
		{NewDate(2023, 1, 1), ""}, // geen rapportage, not "not-started"
		{NewDate(2023, 6, 30), OnTrack},
		{NewDate(2023, 9, 1), OnTrack},
		{NewDate(2023, 12, 31), Done},
		{NewDate(2025, 1, 1), Done}, // the verdict entry carries no status
	}
	for _, tt := range tests {
		if got, _ := c.StatusAt(tt.date); got != tt.want {
			t.Errorf("StatusAt(%s) = %q, want %q", tt.date, got, tt.want)
		}
	}
	if v, _ := c.Verdict(); v != Realised {
		t.Errorf("Verdict = %q", v)
	}
	if c.Due().End() != EndOfYear(2023) {
		t.Errorf("due in 2023 ends on 31 December: %s", c.Due().End())
	}
	if a.Sections[1].Items[0].Due() != nil {
		t.Errorf("no deadline is stated, none is made up")
	}
	if Status("").Label() != "geen rapportage" || Delayed.Label() != "vertraagd" {
		t.Errorf("labels")
	}
}

func TestValidateErrors(t *testing.T) {
	a := sample()
	a.Period = Period{From: 2024, To: 2023}
	af := a.Sections[2].Sections[1] // "a", before sorting
	af.Items[0].PartyRefs = []Ref{{ID: "corpp"}}
	af.Items[1].Target = &Target{Min: num(10), Max: num(5), Unit: "w"}
	af.Progress = append(af.Progress,
		&ProgressEntry{CommitmentRef: Ref{ID: "bouwen"}, Date: NewDate(2024, 6, 30), Status: Delayed},
		&ProgressEntry{CommitmentRef: Ref{ID: "overleg"}, Date: NewDate(2024, 6, 30), Status: Done})
	a.Sections[0].Items = append(a.Sections[0].Items, &Item{ID: "bouwen", Kind: Commitment, PartyRefs: []Ref{{ID: "all"}, {ID: "corp"}}})
	a.Sections[0].Progress = append(a.Sections[0].Progress, &ProgressEntry{CommitmentRef: Ref{ID: "voorbehoud"}, Date: NewDate(2024, 6, 30), Status: Done})
	a.Sections[2].Sections[2].OwnNumber = "2" // a sibling of "a", also numbered 2
	var msgs []string
	for _, d := range a.Validate() {
		msgs = append(msgs, d.Msg)
	}
	got := strings.Join(msgs, "\n")
	for _, want := range []string{
		"periode begint (2024) na het einde (2023)",
		`onbekende partij "corpp"; bedoelde u "corp"? (partijen van deze overeenkomst: gemeente, corp, hv)`,
		"min (10) is groter dan max (5)",
		`status "delayed" vraagt om een toelichting (note)`,
		`onbekende afspraak "overleg" in dit bestand`, // progress only on its own file's commitments
		`id "bouwen" is al gebruikt`,
		`"all" bindt al alle partijen en kan niet samen met andere staan`,
		`"voorbehoud" is een bepaling en wordt niet gevolgd`,
		`nummer "2" is al gebruikt`,
	} {
		if !strings.Contains(got, want) {
			t.Errorf("missing %q in:\n%s", want, got)
		}
	}
}

func TestFigureRules(t *testing.T) {
	a := sample()
	a.Figures = []*Figure{
		{Kind: RentBands, Values: []FigureValue{{Key: "kwaliteitskortingsgrens", Value: 21}, {Key: "aftoppingsgrens-1", Value: 54}, {Key: "aftoppingsgrens-2", Value: 13}, {Key: "liberalisatiegrens", Value: 10}, {Key: "boven-liberalisatiegrens", Value: 1}}},
		{Kind: RentBands, AsOf: NewDate(2023, 5, 0), Values: []FigureValue{{Key: "kwaliteitskortingsgrens", Value: 90}}},
		{Kind: EnergyLabels, Values: []FigureValue{{Key: "G", Value: 1}, {Key: "A", Value: 2}, {Key: "E-G", Value: 5}}},
	}
	ds := a.Validate()
	var warn, errs diag.List
	for _, d := range ds {
		if d.Severity == diag.Warning {
			warn = append(warn, d)
		} else {
			errs = append(errs, d)
		}
	}
	// 99% (Alphen-Chaam's rounding) is fine; 90% is a warning, not an error.
	if len(warn) != 1 || !strings.Contains(warn[0].Msg, "90%") {
		t.Errorf("warnings = %v", warn)
	}
	if len(errs) != 1 || !strings.Contains(errs[0].Msg, `label G telt al mee in "E-G"`) {
		t.Errorf("errors = %v", errs)
	}
	if a.Figures[2].Values[0].Key != "A" {
		t.Errorf("values sorted into label order: %v", a.Figures[2].Values)
	}
}
