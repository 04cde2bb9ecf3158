package agreement

import (
	"strings"
	"testing"

	"github.com/prestatie/prestatie/internal/diag"
)

func num(f float64) *float64 { return &f }

// sample builds a small agreement in memory: two chapters, one with
// afspraken, one with its own commitments, and an annex.
func sample() *Agreement {
	gem := &Party{ID: "gemeente", Name: "Gemeente X", Kind: Municipality, Label: "gemeente"}
	cor := &Party{ID: "corp", Name: "Corp", Kind: Corporation}
	ten := &Party{ID: "hv", Name: "HV", Kind: Tenants}
	c1 := &Commitment{ID: "bouwen", PartyRefs: []Ref{{ID: "corp"}}, Target: &Target{Value: num(12), Unit: "woningen"}}
	c2 := &Commitment{ID: "grond", PartyRefs: []Ref{{ID: "corp"}, {ID: "gemeente"}}, Items: []*Commitment{{ID: "grond-a"}, {ID: "grond-b"}}}
	c3 := &Commitment{ID: "overleg", PartyRefs: []Ref{{ID: "all-corporations"}}}
	return &Agreement{
		ID: "x", Period: Period{From: 2023, To: 2024}, Parties: []*Party{gem, cor, ten},
		Chapters: []*Chapter{
			{ID: "proces", Order: 2, Commitments: []*Commitment{c3}},
			{ID: "bijlage", Order: 9, Annex: true},
			{ID: "thema", Order: 1, Year: 2023, Afspraken: []*Afspraak{
				{ID: "b", Order: 2},
				{ID: "a", Order: 1, Commitments: []*Commitment{c1, c2}, Progress: []*ProgressEntry{
					{CommitmentRef: Ref{ID: "bouwen"}, Date: NewDate(2023, 12, 31), Status: Done, Value: num(12)},
					{CommitmentRef: Ref{ID: "bouwen"}, Date: NewDate(2023, 6, 30), Status: OnTrack, Value: num(0)},
					{CommitmentRef: Ref{ID: "bouwen"}, Date: NewDate(2024, 12, 31), Verdict: Realised},
				}},
			}},
		},
	}
}

func TestValidateSample(t *testing.T) {
	a := sample()
	if ds := a.Validate(); len(ds) > 0 {
		t.Fatalf("unexpected diagnostics:\n%v", ds)
	}
	th := a.Chapters[0]
	if th.ID != "thema" || th.Number != "1" || th.Afspraken[0].ID != "a" || th.Afspraken[0].Number != "1.1" {
		t.Errorf("chapters not in order: %s %s", th.ID, th.Number)
	}
	c2 := th.Afspraken[0].Commitments[1]
	if c2.Number != "1.1.1" || c2.Items[1].Number != "1.1.1b" || c2.Items[1].Parent != c2 {
		t.Errorf("numbers: %s %s", c2.Number, c2.Items[1].Number)
	}
	// Bound parties keep agreement order, whatever order they were written in.
	if got := c2.Binding.Parties; len(got) != 2 || got[0].ID != "gemeente" {
		t.Errorf("binding = %v", got)
	}
	if got := c2.Items[0].Binding.Parties; len(got) != 2 {
		t.Errorf("items inherit the parent's parties, got %d", len(got))
	}
	overleg := a.Chapters[1].Commitments[0]
	if overleg.Number != "2.1" || overleg.Binding.OfKind != Corporation || len(overleg.Binding.Parties) != 1 {
		t.Errorf("all-corporations: %s %+v", overleg.Number, overleg.Binding)
	}
	if a.Chapters[2].Number != "Bijlage 1" {
		t.Errorf("annex number = %q", a.Chapters[2].Number)
	}
	if len(a.ContributionOrder) != 3 {
		t.Errorf("contribution order defaults to parties")
	}
}

func TestStatusAt(t *testing.T) {
	a := sample()
	a.Validate()
	c := a.Chapters[0].Afspraken[0].Commitments[0]
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
	if c.Due() != EndOfYear(2023) {
		t.Errorf("due defaults to the chapter's year: %s", c.Due())
	}
	if Status("").Label() != "geen rapportage" || Delayed.Label() != "vertraagd" {
		t.Errorf("labels")
	}
}

func TestValidateErrors(t *testing.T) {
	a := sample()
	a.Period = Period{From: 2024, To: 2023}
	a.Chapters[2].Afspraken[1].Commitments[0].PartyRefs = []Ref{{ID: "corpp"}}
	a.Chapters[2].Afspraken[1].Commitments[1].Target = &Target{Min: num(10), Max: num(5), Unit: "w"}
	a.Chapters[2].Afspraken[1].Progress = append(a.Chapters[2].Afspraken[1].Progress,
		&ProgressEntry{CommitmentRef: Ref{ID: "bouwen"}, Date: NewDate(2024, 6, 30), Status: Delayed},
		&ProgressEntry{CommitmentRef: Ref{ID: "overleg"}, Date: NewDate(2024, 6, 30), Status: Done})
	a.Chapters[0].Commitments = append(a.Chapters[0].Commitments, &Commitment{ID: "bouwen", PartyRefs: []Ref{{ID: "all"}, {ID: "corp"}}})
	var msgs []string
	for _, d := range a.Validate() {
		msgs = append(msgs, d.Msg)
	}
	got := strings.Join(msgs, "\n")
	for _, want := range []string{
		"periode begint (2024) na het einde (2023)",
		`onbekende partij "corpp"; bedoelde u "corp"?`,
		"min (10) is groter dan max (5)",
		`status "delayed" vraagt om een toelichting (note)`,
		`onbekende commitment "overleg" in dit bestand`, // progress only on its own file's commitments
		`commitment-id "bouwen" is al gebruikt`,
		`"all" kan niet samen met andere partijen staan`,
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
