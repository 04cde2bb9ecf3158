package site_test

import (
	"bytes"
	"encoding/json"
	"encoding/xml"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	a "github.com/prestatie/prestatie/internal/agreement"
)

func twee(t *testing.T) map[string]string {
	return built(t, testSites["twee"]).files
}

// TestDashboardAddsUp: on the agreement page of every test site, the
// counts per state add up to the number of afspraken in the text, which
// the dashboard says and the list of afspraken shows.
func TestDashboardAddsUp(t *testing.T) {
	t.Parallel()
	count := regexp.MustCompile(`<span class="count">(\d+)</span>`)
	total := regexp.MustCompile(`(\d+) afspra(?:ak|ken), waarvan (\d+) verlopen`)
	for name, dir := range testSites {
		b := built(t, dir)
		for _, ag := range b.model.Agreements {
			want := 0
			ag.EachCommitment(func(*a.Item) { want++ })
			page := b.files[ag.ID+"/index.html"]
			sum := 0
			for _, m := range count.FindAllStringSubmatch(page, -1) {
				n, _ := strconv.Atoi(m[1])
				sum += n
			}
			if sum != want {
				t.Errorf("%s %s: states add up to %d, the text has %d afspraken", name, ag.ID, sum, want)
			}
			if m := total.FindStringSubmatch(page); m != nil {
				if n, _ := strconv.Atoi(m[1]); n != want {
					t.Errorf("%s %s: the dashboard says %d afspraken, the text has %d", name, ag.ID, n, want)
				}
			} else if !ag.LatestReport().IsZero() {
				t.Errorf("%s %s: no dashboard total", name, ag.ID)
			}
			// Each row carries plain keys for the live filter (html/template
			// would quote a value of an attribute whose name starts with "on").
			if rows := len(filterRow.FindAllString(b.files[ag.ID+"/voortgang/afspraken/index.html"], -1)); rows != want {
				t.Errorf("%s %s: the list of afspraken has %d rows, the text %d afspraken", name, ag.ID, rows, want)
			}
		}
	}
}

var filterRow = regexp.MustCompile(`<tr data-deel="[a-z0-9-]*" data-partijen="[a-z0-9 -]*" data-status="[a-z-]+">`)

func TestOverdueAndReports(t *testing.T) {
	t.Parallel()
	files := twee(t)
	ag := files["noordstad-2024-2025/index.html"]
	if !regexp.MustCompile(`(?s)Vraagt aandacht.*De gemeente levert de grond.*verlopen \(uiterlijk 31 december 2024\)`).MatchString(ag) {
		t.Errorf("the commitment due end of 2024 without report is not shown as overdue")
	}
	q24 := files["noordstad-2024-2025/voortgang/2024-q4/index.html"]
	q25 := files["noordstad-2024-2025/voortgang/2025-q4/index.html"]
	if !strings.Contains(q24, "Status: geen rapportage → <strong>op schema</strong>") || !strings.Contains(q24, "stand 4.") {
		t.Errorf("2024-q4 lacks the first report of bouwen")
	}
	if strings.Contains(q24, "<strong>verlopen</strong>") {
		t.Errorf("2024-q4: nothing is overdue yet on its due date")
	}
	if !strings.Contains(q25, "Wijzigingen sinds de rapportage van 31 december 2024") ||
		!strings.Contains(q25, "Status: op schema → <strong>gerealiseerd</strong>") ||
		!strings.Contains(q25, "<strong>verlopen</strong> (uiterlijk 31 december 2024)") {
		t.Errorf("2025-q4 does not list the changes since 2024-q4:\n%s", q25)
	}
	if !strings.Contains(q25, "<h2 id=\"toelichting\">Toelichting van de partijen</h2>") || !strings.Contains(q25, "De nieuwbouw is <strong>opgeleverd</strong>.") {
		t.Errorf("2025-q4 lacks the narrative of voortgang/2025-q4.md")
	}
	index := files["noordstad-2024-2025/voortgang/index.html"]
	if i, j := strings.Index(index, "2025-q4/"), strings.Index(index, "2024-q4/"); i < 0 || j < 0 || i > j {
		t.Errorf("reports index is not newest first")
	}
}

func TestSeveralAgreements(t *testing.T) {
	t.Parallel()
	files := twee(t)
	home := files["index.html"]
	if !regexp.MustCompile(`(?s)<h2>Noordstad</h2>.*noordstad-2024-2025/.*noordstad-2022-2023/.*<h2>Zuidveld</h2>`).MatchString(home) {
		t.Errorf("home page does not group by municipality, newest period first")
	}
	for _, ag := range []string{"noordstad-2022-2023", "noordstad-2024-2025", "zuidveld-2024-2025"} {
		for _, f := range []string{"index.html", "feed.xml", "voortgang/data/punten.csv", "voortgang/data/voortgang.json", "voortgang/index.html", "voortgang/afspraken/index.html"} {
			if _, ok := files[ag+"/"+f]; !ok {
				t.Errorf("%s has no %s", ag, f)
			}
		}
		if !strings.Contains(files[ag+"/index.html"], `<link rel="alternate" type="application/atom+xml" href="/`+ag+`/feed.xml"`) {
			t.Errorf("%s does not link its own feed", ag)
		}
	}
}

type atom struct {
	XMLName xml.Name    `xml:"http://www.w3.org/2005/Atom feed"`
	ID      string      `xml:"id"`
	Updated string      `xml:"updated"`
	Entries []atomEntry `xml:"entry"`
}

type atomEntry struct {
	ID      string `xml:"id"`
	Title   string `xml:"title"`
	Updated string `xml:"updated"`
	Link    struct {
		Href string `xml:"href,attr"`
	} `xml:"link"`
}

func TestFeedsAreAtom(t *testing.T) {
	t.Parallel()
	files := twee(t)
	for _, f := range []string{"feed.xml", "noordstad-2024-2025/feed.xml"} {
		var feed atom
		if err := xml.Unmarshal([]byte(files[f]), &feed); err != nil {
			t.Fatalf("%s: %v", f, err)
		}
		if feed.ID == "" || len(feed.Entries) == 0 {
			t.Errorf("%s: id %q, %d entries", f, feed.ID, len(feed.Entries))
		}
		if _, err := time.Parse(time.RFC3339, feed.Updated); err != nil {
			t.Errorf("%s: feed updated %q is not RFC 3339", f, feed.Updated)
		}
		seen := map[string]bool{}
		for _, e := range feed.Entries {
			if _, err := time.Parse(time.RFC3339, e.Updated); err != nil {
				t.Errorf("%s: %s updated %q is not RFC 3339", f, e.ID, e.Updated)
			}
			if seen[e.ID] {
				t.Errorf("%s: duplicate id %s", f, e.ID)
			}
			seen[e.ID] = true
			page := strings.TrimPrefix(strings.SplitN(e.Link.Href, "#", 2)[0], "/") + "index.html"
			if _, ok := files[page]; !ok {
				t.Errorf("%s: entry %s links to %s, which does not exist", f, e.ID, e.Link.Href)
			}
		}
	}
	// The site feed holds every agreement's entries.
	var site, one atom
	xml.Unmarshal([]byte(files["feed.xml"]), &site)
	xml.Unmarshal([]byte(files["noordstad-2024-2025/feed.xml"]), &one)
	if len(site.Entries) != 3*len(one.Entries) {
		t.Errorf("site feed has %d entries, want 3 × %d", len(site.Entries), len(one.Entries))
	}
}

// TestOpenDataAgreesWithPages parses the CSV and JSON of every test site,
// checks them against the JSON Schema, finds each item in the document's
// order with its kind, and each afspraak with its state on the page the
// data links to.
func TestOpenDataAgreesWithPages(t *testing.T) {
	t.Parallel()
	for name, dir := range testSites {
		b := built(t, dir)
		files := b.files
		for _, ag := range b.model.Agreements {
			dir := ag.ID + "/voortgang/data/"
			rows := readCSV(t, dir+"punten.csv", files[dir+"punten.csv"])
			var doc struct {
				Punten []map[string]any `json:"punten"`
			}
			if err := json.Unmarshal([]byte(files[dir+"punten.json"]), &doc); err != nil {
				t.Fatalf("%s %s: %v", name, dir, err)
			}
			var items []*a.Item
			ag.EachItem(func(it *a.Item) { items = append(items, it) })
			if len(rows)-1 != len(doc.Punten) || len(doc.Punten) != len(items) {
				t.Fatalf("%s %s: CSV has %d rows, JSON %d records, the text %d items", name, dir, len(rows)-1, len(doc.Punten), len(items))
			}
			header := rows[0]
			col := func(name string) int {
				for i, h := range header {
					if h == name {
						return i
					}
				}
				t.Fatalf("no column %s", name)
				return -1
			}
			for i, rec := range doc.Punten {
				it, row := items[i], rows[i+1]
				id := rec["id"].(string)
				if id != it.ID || row[col("id")] != id {
					t.Errorf("%s %s: record %d is %s (CSV %s), the text has %s there", name, dir, i, id, row[col("id")], it.ID)
					continue
				}
				if rec["soort"] != it.Kind.Label() || row[col("soort")] != it.Kind.Label() || rec["nummer"] != it.Number {
					t.Errorf("%s %s: %s soort %v nummer %v, want %s %q", name, dir, id, rec["soort"], rec["nummer"], it.Kind.Label(), it.Number)
				}
				if due := it.Due(); due == nil && rec["termijn"] != "" || due != nil && rec["termijn"] != due.String() {
					t.Errorf("%s %s: %s termijn %v", name, dir, id, rec["termijn"])
				}
				if it.Binding.None() != (len(rec["partijen"].([]any)) == 0 && len(rec["groepen"].([]any)) == 0) {
					t.Errorf("%s %s: %s partijen %v groepen %v", name, dir, id, rec["partijen"], rec["groepen"])
				}
				page := files[strings.TrimPrefix(strings.SplitN(rec["url"].(string), "#", 2)[0], "/")+"index.html"]
				at := strings.Index(page, `id="`+id+`"`)
				if at < 0 {
					t.Errorf("%s: not on %s", id, rec["url"])
					continue
				}
				if !it.Monitored() {
					if rec["status"] != nil || rec["status_label"] != nil || rec["verlopen"] != nil || row[col("status_label")] != "" || row[col("verlopen")] != "" {
						t.Errorf("%s %s: %s is a %s but has a status: %v", name, dir, id, it.Kind.Label(), rec)
					}
					continue
				}
				if row[col("status_label")] != rec["status_label"] {
					t.Errorf("%s: CSV and JSON disagree on the status: %v vs %v", id, row[col("status_label")], rec["status_label"])
				}
				item := page[at:]
				label := rec["status_label"].(string)
				if v, _ := it.Verdict(); v != "" && it.Latest().Status == "" {
					label = v.Label() // the page shows the latest entry: a verdict
				}
				if !strings.Contains(item[:min(len(item), 3000)], label) {
					t.Errorf("%s: page does not show status %q", id, rec["status_label"])
				}
			}
			for _, pair := range [][2]string{{"punten.json", "punten.schema.json"}, {"voortgang.json", "voortgang.schema.json"}} {
				var v, schema any
				json.Unmarshal([]byte(files[dir+pair[0]]), &v)
				if err := json.Unmarshal([]byte(files[dir+pair[1]]), &schema); err != nil {
					t.Fatalf("%s: %v", pair[1], err)
				}
				for _, problem := range validate(v, schema.(map[string]any), "$") {
					t.Errorf("%s %s: %s", name, pair[0], problem)
				}
			}
		}
	}
	// A number with a decimal comma, as the CSV promises.
	if !bytes.Contains([]byte(built(t, testSites["default"]).files["alphen-chaam-2023-2024/voortgang/data/punten.csv"]), []byte(";0,5;")) {
		t.Errorf("CSV lacks the 0,5 procentpunt target in Dutch notation")
	}
}

// validate checks v against the subset of JSON Schema the published
// schemas use: type, required, properties, additionalProperties, items, enum.
func validate(v any, s map[string]any, at string) []string {
	var out []string
	if types, ok := s["type"]; ok {
		var ts []string
		switch x := types.(type) {
		case string:
			ts = []string{x}
		case []any:
			for _, y := range x {
				ts = append(ts, y.(string))
			}
		}
		okType := false
		for _, ty := range ts {
			switch ty {
			case "object":
				_, okType = v.(map[string]any)
			case "array":
				_, okType = v.([]any)
			case "string":
				_, okType = v.(string)
			case "number":
				_, okType = v.(float64)
			case "boolean":
				_, okType = v.(bool)
			case "null":
				okType = v == nil
			}
			if okType {
				break
			}
		}
		if !okType {
			return append(out, at+": type is not "+strings.Join(ts, "|"))
		}
	}
	if enum, ok := s["enum"].([]any); ok {
		found := false
		for _, e := range enum {
			found = found || e == v
		}
		if !found {
			out = append(out, at+": value not in enum")
		}
	}
	if obj, ok := v.(map[string]any); ok {
		props, _ := s["properties"].(map[string]any)
		for _, r := range s["required"].([]any) {
			if _, ok := obj[r.(string)]; !ok {
				out = append(out, at+": missing "+r.(string))
			}
		}
		for k, x := range obj {
			ps, ok := props[k].(map[string]any)
			if !ok {
				if s["additionalProperties"] == false {
					out = append(out, at+": unexpected "+k)
				}
				continue
			}
			out = append(out, validate(x, ps, at+"."+k)...)
		}
	}
	if arr, ok := v.([]any); ok {
		if items, ok := s["items"].(map[string]any); ok {
			for i, x := range arr {
				out = append(out, validate(x, items, at+"["+strconv.Itoa(i)+"]")...)
			}
		}
	}
	return out
}

// TestGlanceAddsUp: on every agreement page with reported afspraken, the
// counts in words beside the status bar at the top add up to the
// afspraken of the text, and every report page opens with its round in
// short.
func TestGlanceAddsUp(t *testing.T) {
	t.Parallel()
	legend := regexp.MustCompile(`(?s)<section class="glance".*?<ul class="light-legend">(.*?)</ul>`)
	count := regexp.MustCompile(`<span class="light-n">(\d+)</span>`)
	for name, dir := range testSites {
		b := built(t, dir)
		for _, ag := range b.model.Agreements {
			want := 0
			ag.EachCommitment(func(*a.Item) { want++ })
			page := b.files[ag.ID+"/index.html"]
			m := legend.FindStringSubmatch(page)
			if ag.LatestReport().IsZero() && want > 0 {
				// Nothing reported: one sentence says so, without a bar of one colour.
				if m != nil || !strings.Contains(page, "Er is nog geen voortgang gerapporteerd over de") {
					t.Errorf("%s %s: nothing reported, yet a status bar or no sentence that says so", name, ag.ID)
				}
				continue
			}
			if want == 0 {
				if m != nil {
					t.Errorf("%s %s: a status bar without afspraken", name, ag.ID)
				}
				continue
			}
			if m == nil {
				t.Errorf("%s %s: no status bar at the top of the agreement page", name, ag.ID)
				continue
			}
			sum := 0
			for _, n := range count.FindAllStringSubmatch(m[1], -1) {
				k, _ := strconv.Atoi(n[1])
				sum += k
			}
			if sum != want {
				t.Errorf("%s %s: the status bar counts %d, the text has %d afspraken", name, ag.ID, sum, want)
			}
			for path, page := range b.files {
				if strings.HasPrefix(path, ag.ID+"/voortgang/20") && !strings.Contains(page, `<ul class="round-counts">`) {
					t.Errorf("%s %s: report page without its round in short", name, path)
				}
			}
		}
	}
}
