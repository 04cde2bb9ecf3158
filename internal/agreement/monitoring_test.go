package agreement

import (
	"slices"
	"testing"
	"time"
)

func TestOverdueAndReached(t *testing.T) {
	a := sample()
	a.Monitoring = []int{2, 4}
	a.Validate()
	bouwen := a.Sections[0].Sections[0].Items[0] // due in 2023
	if bouwen.ID != "bouwen" {
		t.Fatalf("got %s", bouwen.ID)
	}
	if bouwen.Overdue(NewDate(2024, 6, 30)) {
		t.Errorf("done before its due date: not overdue")
	}
	grond := a.Sections[0].Sections[0].Items[1]
	if grond.Overdue(NewDate(2023, 12, 31)) || !grond.Overdue(NewDate(2024, 1, 1)) {
		t.Errorf("no report and past due end of 2023: overdue from 1 January 2024")
	}
	tests := []struct {
		at   Date
		pct  float64
		have bool
	}{
		{NewDate(2023, 3, 1), 0, false},
		{NewDate(2023, 6, 30), 0, true},
		{NewDate(2024, 1, 1), 100, true},
	}
	for _, tt := range tests {
		if pct, ok := bouwen.Reached(tt.at); pct != tt.pct || ok != tt.have {
			t.Errorf("Reached(%s) = %v, %v; want %v, %v", tt.at, pct, ok, tt.pct, tt.have)
		}
	}
	flex := &Item{Kind: Commitment, Target: &Target{Min: num(5), Max: num(10), Unit: "woningen"}, Progress: []*ProgressEntry{{Date: NewDate(2023, 6, 30), Value: num(2)}}}
	if pct, _ := flex.Reached(NewDate(2023, 12, 31)); pct != 40 {
		t.Errorf("range 5-10 with 2 reached = %v%%, want 40%%", pct)
	}
	bound := &Item{Kind: Commitment, Target: &Target{Max: num(550), Unit: "euro"}, Progress: []*ProgressEntry{{Date: NewDate(2023, 6, 30), Value: num(500)}}}
	if _, ok := bound.Reached(NewDate(2023, 12, 31)); ok {
		t.Errorf("a maximum is a bound, not something to reach")
	}
}

func TestDashboardAddsUp(t *testing.T) {
	a := sample()
	a.Validate()
	d := a.DashboardAt(NewDate(2023, 6, 30))
	sum := d.All.NoReport
	for _, n := range d.All.ByStatus {
		sum += n
	}
	var count int
	a.EachCommitment(func(*Item) { count++ })
	if d.All.Total != count || sum != count {
		t.Errorf("total %d, sum %d, commitments %d", d.All.Total, sum, count)
	}
	if d.All.ByStatus[OnTrack] != 1 || d.All.NoReport != count-1 {
		t.Errorf("by status = %v, no report %d", d.All.ByStatus, d.All.NoReport)
	}
	chapters := 0
	for _, ct := range d.ByChapter {
		chapters += ct.Total
	}
	if chapters != count {
		t.Errorf("chapter tallies add to %d, want %d", chapters, count)
	}
	for _, pt := range d.ByParty {
		if pt.Party.ID == "corp" && pt.Total != 5 { // bouwen, grond (+2 items), overleg
			t.Errorf("corp binds %d commitments, want 5", pt.Total)
		}
	}
	if d.NoParty.Total != 1 { // "samen" names nobody; the provision is not counted
		t.Errorf("no-party tally = %d, want 1", d.NoParty.Total)
	}
	if count != 6 {
		t.Errorf("monitored commitments = %d, want 6 (the provision is not one)", count)
	}
}

func TestMomentsAndChanges(t *testing.T) {
	a := sample()
	a.Monitoring = []int{2, 4}
	a.Validate()
	ms := a.Moments()
	want := []Date{NewDate(2023, 6, 30), NewDate(2023, 12, 31), NewDate(2024, 6, 30), NewDate(2024, 12, 31)}
	if len(ms) != len(want) {
		t.Fatalf("moments = %v", ms)
	}
	for i := range want {
		if ms[i] != want[i] {
			t.Errorf("moment %d = %s, want %s", i, ms[i], want[i])
		}
	}
	ch := a.ChangesSince(NewDate(2023, 6, 30), NewDate(2023, 12, 31))
	if len(ch) != 1 || ch[0].Commitment.ID != "bouwen" || ch[0].From != OnTrack || ch[0].To != Done || !ch[0].StatusChanged() {
		t.Errorf("changes = %+v", ch)
	}
	// In 2024 the commitments due in 2023 without a report become overdue;
	// those without a stated deadline never do.
	ch = a.ChangesSince(NewDate(2023, 12, 31), NewDate(2024, 6, 30))
	overdue := 0
	for _, c := range ch {
		if c.Overdue {
			overdue++
		}
	}
	if overdue != 3 { // grond and its two items
		t.Errorf("newly overdue = %d: %+v", overdue, ch)
	}
	if a.LatestReport() != NewDate(2024, 12, 31) {
		t.Errorf("latest report = %s", a.LatestReport())
	}
}

func TestEntriesBetween(t *testing.T) {
	t.Parallel()
	d := func(m time.Month) Date { return Date{2024, m, 1} }
	e := func(m time.Month) *ProgressEntry { return &ProgressEntry{Date: d(m)} }
	sorted := []*ProgressEntry{e(1), e(3), e(5), e(7)}
	unsorted := []*ProgressEntry{e(3), e(7), e(5)}
	for _, tc := range []struct {
		name      string
		ps        []*ProgressEntry
		prev, cur Date
		want      []*ProgressEntry
	}{
		{"run", sorted, d(2), d(5), sorted[1:3]},
		{"none", sorted, d(7), d(12), nil},
		{"all", sorted, Date{}, d(12), sorted},
		{"one of unsorted", unsorted, d(4), d(6), []*ProgressEntry{unsorted[2]}},
		{"two apart", unsorted, d(2), d(5), []*ProgressEntry{unsorted[0], unsorted[2]}},
	} {
		got := entriesBetween(tc.ps, tc.prev, tc.cur)
		if !slices.Equal(got, tc.want) {
			t.Errorf("%s: got %v, want %v", tc.name, got, tc.want)
		}
		if len(got) > 0 {
			_ = append(got, e(12)) // must not write into ps
		}
	}
	if sorted[3].Date != d(7) {
		t.Error("appending to the entries changed the item's progress")
	}
}
