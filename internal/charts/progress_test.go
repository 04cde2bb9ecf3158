package charts

import (
	"strings"
	"testing"
	"testing/fstest"

	a "github.com/prestatie/prestatie/internal/agreement"
	"github.com/prestatie/prestatie/internal/content"
)

// progressSite has two chapters; the first reports on three of its four
// commitments, the second on none.
func progressSite(t *testing.T, progress string) *a.Agreement {
	t.Helper()
	fsys := fstest.MapFS{
		"content/x-2024/_index.md": {Data: []byte(`---
title: Afspraken
municipality: Dorp
period: {from: 2024, to: 2025}
date: 2024-01-01
status: signed
parties:
  - {id: g, name: Gemeente, kind: municipality}
  - {id: c, name: Corporatie, kind: corporation}
---
`)},
		"content/x-2024/bouwen/_index.md": {Data: []byte(`---
title: Bouwen
order: 1
number: "1"
items:
  nieuwbouw: {party: c, target: {value: 12, unit: woningen}}
  flex: {party: c, target: {min: 5, max: 10, unit: woningen}}
  overleg: {party: g}
  kavels: {party: g, target: {max: 20000, unit: euro}}
` + progress + `---
- Oplevering 12 woningen {#nieuwbouw}
- 5 tot 10 flexwoningen {#flex}
- Overleg {#overleg}
- Kavels {#kavels}
`)},
		"content/x-2024/wonen/_index.md": {Data: []byte(`---
title: Wonen en zorg
order: 2
number: "2"
items:
  zorg: {party: all}
---
- Zorg {#zorg}
`)},
	}
	s, ds := content.Load(fsys, content.Options{})
	if ds.HasErrors() {
		t.Fatal(ds)
	}
	return s.Agreements[0]
}

const someProgress = `progress:
  - {commitment: nieuwbouw, date: 2024-06-30, status: on-track, value: 4}
  - {commitment: flex, date: 2024-06-30, status: done, value: 6}
  - {commitment: overleg, date: 2024-06-30, status: delayed, note: Later.}
  - {commitment: kavels, date: 2024-06-30, status: on-track, value: 18000}
`

func TestStatus(t *testing.T) {
	tests := []struct {
		name     string
		progress string
		at       a.Date
		summary  string
		columns  string
		rows     string
	}{
		{"reported", someProgress, a.NewDate(2024, 6, 30),
			"Van de 5 afspraken zijn er 2 op schema, 1 vertraagd en 1 gerealiseerd; over 1 is nog niet gerapporteerd (stand 30 juni 2024).",
			"Op schema|Vertraagd|Gerealiseerd|Geen rapportage", "1 Bouwen: 2 1 1 0|2 Wonen en zorg: 0 0 0 1"},
		{"before the first report", someProgress, a.NewDate(2024, 1, 1),
			"Over de 5 afspraken is nog niet gerapporteerd.", "Geen rapportage", "1 Bouwen: 4|2 Wonen en zorg: 1"},
		{"nothing reported", "", a.NewDate(2024, 1, 1),
			"Over de 5 afspraken is nog niet gerapporteerd.", "Geen rapportage", "1 Bouwen: 4|2 Wonen en zorg: 1"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := Status(progressSite(t, tt.progress), tt.at)
			if c.Summary != tt.summary {
				t.Errorf("summary\n got %q\nwant %q", c.Summary, tt.summary)
			}
			var cols, rows []string
			for _, col := range c.Table.Columns {
				cols = append(cols, col.Label)
			}
			for _, r := range c.Table.Rows {
				var cells []string
				for _, x := range r.Cells {
					cells = append(cells, x.Text)
				}
				rows = append(rows, r.Label+": "+strings.Join(cells, " "))
			}
			if strings.Join(cols, "|") != tt.columns || strings.Join(rows, "|") != tt.rows {
				t.Errorf("table %q / %q", cols, rows)
			}
			// One stacked series per column, in the status colours.
			ss := seriesOf(t, c)
			if len(ss) != len(c.Table.Columns) || ss[0]["stack"] == nil {
				t.Errorf("series %v", ss)
			}
			if c.ID != "fig-stand-"+tt.at.String() {
				t.Errorf("id %s", c.ID)
			}
		})
	}
}

func TestTargets(t *testing.T) {
	ag := progressSite(t, someProgress)
	c := Targets(ag, a.NewDate(2024, 6, 30))
	if c.Summary != "Van de 2 afspraken met een doel in getallen en een gerapporteerde stand heeft er 1 het doel bereikt (stand 30 juni 2024)." {
		t.Errorf("summary %q", c.Summary)
	}
	// The bound (maximaal € 20.000) has no percentage; the range counts
	// from its lower end.
	var rows []string
	for _, r := range c.Table.Rows {
		rows = append(rows, r.Label+": "+r.Cells[0].Text+" / "+r.Cells[1].Text+" / "+r.Cells[2].Text)
	}
	want := "Oplevering 12 woningen: 4\u00a0woningen / 12\u00a0woningen / 33,3%|5 tot 10 flexwoningen: 6\u00a0woningen / 5\u00a0woningen / 120%"
	if strings.Join(rows, "|") != want {
		t.Errorf("rows %q", rows)
	}
	d := data(seriesOf(t, c)[0])
	if labelOf(d[0]) != "4 van 12\u00a0woningen" || d[0]["value"] != 33.3 {
		t.Errorf("bar %v", d[0])
	}
	if Targets(progressSite(t, ""), a.NewDate(2024, 6, 30)) != nil {
		t.Error("a chart without any reported value")
	}
}

func TestContentInTooltipsIsEscaped(t *testing.T) {
	ag := progressSite(t, someProgress)
	ag.EachCommitment(func(c *a.Item) {
		if c.Target != nil {
			c.Target.Unit = `<img src=x onerror=alert(1)>`
		}
	})
	c := Targets(ag, a.NewDate(2024, 6, 30))
	for _, d := range data(seriesOf(t, c)[0]) {
		tip := d["tooltip"].(map[string]any)["formatter"].(string)
		if strings.Contains(tip, "<img") || !strings.Contains(tip, "&lt;img") {
			t.Errorf("tooltip %q", tip)
		}
	}
}
