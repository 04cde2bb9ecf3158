package site

import (
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	a "github.com/prestatie/prestatie/internal/agreement"
)

// The summaries at a glance, on agreements built in memory.

func day(y, m, d int) a.Date { return a.NewDate(y, time.Month(m), d) }

func entry(d a.Date, s a.Status) *a.ProgressEntry { return &a.ProgressEntry{Date: d, Status: s} }

func commitment(id string, es ...*a.ProgressEntry) *a.Item {
	return &a.Item{ID: id, Kind: a.Commitment, Progress: es}
}

func TestLightOf(t *testing.T) {
	t.Parallel()
	q2, q4 := day(2024, 6, 30), day(2024, 12, 31)
	ten := 10.0
	late := &a.Target{Value: &ten, Unit: "woningen", Due: &a.Deadline{Date: day(2024, 9, 1)}}
	verdict := &a.ProgressEntry{Date: q4, Verdict: a.Realised}
	for _, c := range []struct {
		name string
		it   *a.Item
		want light
	}{
		{"nothing reported", commitment("a"), lightNone},
		{"reported after the moment", commitment("a", entry(day(2025, 6, 30), a.Done)), lightNone},
		{"op schema", commitment("a", entry(q2, a.OnTrack)), lightOnTrack},
		{"doorlopend", commitment("a", entry(q2, a.Ongoing)), lightOnTrack},
		{"niet gestart", commitment("a", entry(q2, a.NotStarted)), lightOnTrack},
		{"vertraagd", commitment("a", entry(q2, a.Delayed)), lightAttention},
		{"gerealiseerd after vertraagd", commitment("a", entry(q2, a.Delayed), entry(q4, a.Done)), lightDone},
		{"vervallen", commitment("a", entry(q4, a.Dropped)), lightDropped},
		{"op schema but past its deadline", &a.Item{ID: "a", Kind: a.Commitment, Target: late, Progress: []*a.ProgressEntry{entry(q2, a.OnTrack)}}, lightAttention},
		{"past its deadline, never reported", &a.Item{ID: "a", Kind: a.Commitment, Target: late}, lightAttention},
		{"a realised verdict", commitment("a", entry(q2, a.Delayed), verdict), lightDone},
	} {
		if got := lightOf(c.it, q4); got != c.want {
			t.Errorf("%s: %s, want %s", c.name, lightTerms[got].Label, lightTerms[c.want].Label)
		}
	}
}

func TestLightShares(t *testing.T) {
	t.Parallel()
	for _, c := range []struct {
		name   string
		n      [lightCount]int
		labels []string // the shares shown, in order
		widths []string
		ends   []string
	}{
		{"thirds round to the last", [lightCount]int{1, 1, 1, 0, 0},
			[]string{"gerealiseerd", "op schema", "vraagt aandacht", "geen rapportage"},
			[]string{"33.3%", "33.3%", "33.4%", ""}, []string{"33.3%", "66.6%", "100%", ""}},
		{"vervallen only when there is one", [lightCount]int{0, 0, 0, 1, 3},
			[]string{"gerealiseerd", "op schema", "vraagt aandacht", "vervallen", "geen rapportage"},
			[]string{"", "", "", "25%", "75%"}, []string{"", "", "", "25%", "100%"}},
		{"all one light", [lightCount]int{0, 0, 0, 0, 46},
			[]string{"gerealiseerd", "op schema", "vraagt aandacht", "geen rapportage"},
			[]string{"", "", "", "100%"}, []string{"", "", "", "100%"}},
		{"nothing", [lightCount]int{},
			[]string{"gerealiseerd", "op schema", "vraagt aandacht", "geen rapportage"},
			[]string{"", "", "", ""}, []string{"", "", "", ""}},
	} {
		l := lights{N: c.n}
		for _, n := range c.n {
			l.Total += n
		}
		var labels, widths, ends []string
		for _, s := range l.Shares() {
			labels, widths, ends = append(labels, s.Label), append(widths, s.Width), append(ends, s.End)
		}
		if !slices.Equal(labels, c.labels) || !slices.Equal(widths, c.widths) || !slices.Equal(ends, c.ends) {
			t.Errorf("%s: %q %q %q\nwant %q %q %q", c.name, labels, widths, ends, c.labels, c.widths, c.ends)
		}
	}
}

// twoRounds is an agreement of 2023-2024 with a report at the end of
// June and of December 2024, its afspraken spread over two onderdelen and
// the preamble.
func twoRounds(extra ...*a.ProgressEntry) *a.Agreement {
	q2, q4 := day(2024, 6, 30), day(2024, 12, 31)
	five, four, ten := 5.0, 5.0, 10.0
	built := &a.Item{ID: "bouw", Kind: a.Commitment, Target: &a.Target{Value: &five, Unit: "woningen"},
		Progress: []*a.ProgressEntry{entry(q2, a.OnTrack), {Date: q4, Status: a.Done, Value: &four}}}
	homes := &a.Item{ID: "huur", Kind: a.Commitment, Target: &a.Target{Min: &ten, Unit: "woningen"},
		Progress: []*a.ProgressEntry{entry(q2, a.OnTrack), entry(q4, a.Delayed)}}
	quiet := commitment("stil", entry(q2, a.OnTrack))
	none := commitment("niets")
	rule := &a.Item{ID: "looptijd", Kind: a.Provision}
	pre := commitment("vooraf", extra...)
	s1 := &a.Section{ID: "wonen", Title: "Wonen", Number: "1", Items: []*a.Item{built, homes, rule}}
	s2 := &a.Section{ID: "zorg", Title: "Zorg", Number: "2", Items: []*a.Item{quiet, none}}
	for _, s := range []*a.Section{s1, s2} {
		for _, it := range s.Items {
			it.Section = s
		}
	}
	return &a.Agreement{ID: "x", Title: "X", Period: a.Period{From: 2023, To: 2024}, Monitoring: []int{2, 4},
		Items: []*a.Item{pre}, Sections: []*a.Section{s1, s2}}
}

func TestGlance(t *testing.T) {
	t.Parallel()
	q4 := day(2024, 12, 31)
	for _, c := range []struct {
		name                 string
		ag                   *a.Agreement
		all                  [lightCount]int
		themes               []string
		measurable, realised int
		reported, notRep     int
		newlyDone, newlyLate []string
		ended                bool
		noVerdict            int
	}{
		{
			name: "two rounds", ag: twoRounds(),
			// bouw done, huur delayed, stil on track, niets and vooraf unreported; the bepaling not counted
			all:        [lightCount]int{1, 1, 1, 0, 2},
			themes:     []string{"Begin van de overeenkomst 1", "1 Wonen 2", "2 Zorg 2"},
			measurable: 2, realised: 1,
			reported: 2, notRep: 3,
			newlyDone: []string{"bouw"}, newlyLate: []string{"huur"},
			ended: true, noVerdict: 5,
		},
		{
			name: "a verdict and a dropped afspraak", ag: twoRounds(&a.ProgressEntry{Date: q4, Verdict: a.Realised}, entry(day(2024, 6, 30), a.Dropped)),
			all:        [lightCount]int{2, 1, 1, 0, 1},
			themes:     []string{"Begin van de overeenkomst 1", "1 Wonen 2", "2 Zorg 2"},
			measurable: 2, realised: 1,
			reported: 3, notRep: 2,
			newlyDone: []string{"bouw"}, newlyLate: []string{"huur"},
			ended: true, noVerdict: 4,
		},
	} {
		t.Run(c.name, func(t *testing.T) {
			ag := c.ag
			slices.SortStableFunc(ag.Items[0].Progress, func(x, y *a.ProgressEntry) int { return x.Date.Compare(y.Date) })
			g := glanceOf(ag, moments(ag), func(s *a.Section) string { return s.ID + "/" })
			if g.All.N != c.all {
				t.Errorf("lights %v, want %v", g.All.N, c.all)
			}
			var themes []string
			for _, th := range g.Themes {
				themes = append(themes, th.Title+" "+strconv.Itoa(th.Lights.Total))
			}
			if !slices.Equal(themes, c.themes) {
				t.Errorf("themes %q, want %q", themes, c.themes)
			}
			if g.Measurable != c.measurable || g.Realised != c.realised {
				t.Errorf("targets %d of %d realised, want %d of %d", g.Realised, g.Measurable, c.realised, c.measurable)
			}
			if g.Last == nil || g.Last.Date != q4 {
				t.Fatalf("last round %v, want %v", g.Last, q4)
			}
			r := *g.Last
			if r.Reported != c.reported || r.NotReported() != c.notRep {
				t.Errorf("round: %d reported, %d not, want %d and %d", r.Reported, r.NotReported(), c.reported, c.notRep)
			}
			if ids(r.NewlyDone) != strings.Join(c.newlyDone, " ") || ids(r.NewlyLate) != strings.Join(c.newlyLate, " ") {
				t.Errorf("round: newly done %s, late %s; want %v, %v", ids(r.NewlyDone), ids(r.NewlyLate), c.newlyDone, c.newlyLate)
			}
			if g.Ended != c.ended || g.NoVerdict != c.noVerdict {
				t.Errorf("ended %v with %d without verdict, want %v and %d", g.Ended, g.NoVerdict, c.ended, c.noVerdict)
			}
		})
	}
}

func ids(its []*a.Item) string {
	var s []string
	for _, it := range its {
		s = append(s, it.ID)
	}
	return strings.Join(s, " ")
}
