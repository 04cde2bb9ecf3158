package site_test

import (
	"regexp"
	"strconv"
	"strings"
	"testing"
	"testing/fstest"

	a "github.com/prestatie/prestatie/internal/agreement"
)

// TestStatusesAreDated: in the list of afspraken every status says when
// it was reported, and one older than the latest round (and not final)
// says "niet bijgewerkt sinds" that date.
func TestStatusesAreDated(t *testing.T) {
	t.Parallel()
	stale := 0
	for name, dir := range testSites {
		b := built(t, dir)
		for _, ag := range b.model.Agreements {
			page := b.files[ag.ID+"/voortgang/afspraken/index.html"]
			rows := map[string]string{}
			for _, row := range strings.Split(page, "<tr data-deel=")[1:] {
				row, _, _ = strings.Cut(row, "</tr>")
				if i := strings.Index(row, `#`); i >= 0 {
					id, _, _ := strings.Cut(row[i+1:], `"`)
					rows[id] = row
				}
			}
			at := ag.AsOf()
			ag.EachCommitment(func(c *a.Item) {
				row, ok := rows[c.ID]
				if !ok {
					t.Errorf("%s %s: no row", name, c.ID)
					return
				}
				s, e := c.StatusAt(at)
				var want string
				switch {
				case e == nil:
					if strings.Contains(row, "gerapporteerd") || strings.Contains(row, "bijgewerkt") {
						t.Errorf("%s %s: geen rapportage with a date: %s", name, c.ID, row)
					}
					return
				case e.Date.Before(at) && s != a.Done && s != a.Dropped:
					want = `niet bijgewerkt sinds <time datetime="` + e.Date.String() + `">`
					stale++
				default:
					want = `gerapporteerd <time datetime="` + e.Date.String() + `">`
				}
				if !strings.Contains(row, want) {
					t.Errorf("%s %s: row lacks %q:\n%s", name, c.ID, want, row)
				}
			})
		}
	}
	if stale == 0 {
		t.Errorf("no test site has a status older than its latest round")
	}
	// The default site's 'loopt door in 2024' of December 2023, on its
	// section page too.
	page := built(t, testSites["default"]).files["alphen-chaam-2023-2024/monitoring/index.html"]
	if !strings.Contains(page, `niet bijgewerkt sinds de <a href="/alphen-chaam-2023-2024/voortgang/2023-q4/">rapportage van <time datetime="2023-12-31">31 december 2023</time></a>`) {
		t.Errorf("the section page does not mark a status of December 2023 as not updated")
	}
}

// endedSite is csvSite over one year, reported at its end, with a final
// verdict on one of its two afspraken.
func endedSite(extra string) fstest.MapFS {
	fsys := csvSite("")
	idx := string(fsys["content/x-2024/_index.md"].Data)
	fsys["content/x-2024/_index.md"] = &fstest.MapFile{Data: []byte(strings.Replace(idx, "period: {from: 2024, to: 2025}", "period: {from: 2024, to: 2024}", 1))}
	sec := string(fsys["content/x-2024/t/_index.md"].Data)
	sec = strings.Replace(sec, "progress:\n", "progress:\n"+extra, 1)
	fsys["content/x-2024/t/_index.md"] = &fstest.MapFile{Data: []byte(sec)}
	return fsys
}

// TestPeriodEnded: once the latest report is at the period's end, the
// agreement page says the period has ended, gives each verdict and
// counts the afspraken without one; before that it says nothing of it.
func TestPeriodEnded(t *testing.T) {
	t.Parallel()
	running := render(t, csvSite(""), "/")["x-2024/index.html"]
	if strings.Contains(running, "looptijd van deze overeenkomst is afgelopen") {
		t.Errorf("a running agreement says its period has ended")
	}
	page := render(t, endedSite("  - {commitment: bouw, date: 2024-12-31, verdict: realised, note: Alle drie opgeleverd.}\n"), "/")["x-2024/index.html"]
	for _, want := range []string{
		`<strong>De looptijd van deze overeenkomst is afgelopen</strong> op <time datetime="2024-12-31">31 december 2024</time>.`,
		"Eindoordeel: 1 gerealiseerd. Over 1 afspraak van de 2 is geen eindoordeel gegeven.",
		`<caption>Eindoordeel per afspraak</caption>`,
		"Alle drie opgeleverd.",
	} {
		if !strings.Contains(page, want) {
			t.Errorf("ended agreement page lacks %q", want)
		}
	}
	page = render(t, endedSite("  - {commitment: plan, date: 2024-12-31, status: done}\n"), "/")["x-2024/index.html"]
	if !strings.Contains(page, "Over geen van de 2 afspraken is een eindoordeel gegeven.") || strings.Contains(page, "Eindoordeel per afspraak") {
		t.Errorf("ended agreement without verdicts: %s", page[strings.Index(page, "period-ended"):][:400])
	}
}

// TestDashboardCountsOnlyAfspraken: on a site whose text has bepalingen
// and doelen, the dashboard's counts add up to the afspraken alone.
func TestDashboardCountsOnlyAfspraken(t *testing.T) {
	t.Parallel()
	b := built(t, testSites["bepalingen"])
	for _, ag := range b.model.Agreements {
		items, commitments := 0, 0
		ag.EachItem(func(*a.Item) { items++ })
		ag.EachCommitment(func(*a.Item) { commitments++ })
		if items == commitments {
			t.Fatalf("%s: no bepalingen or doelen to leave out", ag.ID)
		}
		page := b.files[ag.ID+"/index.html"]
		sum := 0
		for _, m := range regexp.MustCompile(`<span class="count">(\d+)</span>`).FindAllStringSubmatch(page, -1) {
			n, _ := strconv.Atoi(m[1])
			sum += n
		}
		if sum != commitments {
			t.Errorf("%s: the dashboard counts %d, the text has %d afspraken (and %d items)", ag.ID, sum, commitments, items)
		}
	}
}
