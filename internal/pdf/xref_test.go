package pdf

import (
	"fmt"
	"os/exec"
	"strings"
	"testing"
	"testing/fstest"
)

// xrefSite has cross-references to an item, a heading in the text and a
// section, one of them before its place on an earlier page, and one to an
// id that exists nowhere.
func xrefSite() fstest.MapFS {
	filler := strings.Repeat("Dit is een lange alinea die de tekst over meer pagina's verdeelt. ", 40) + "\n\n"
	return fstest.MapFS{
		"content/x-2025/_index.md": {Data: []byte(`---
title: Prestatieafspraken Dorp 2025
municipality: Dorp
period: {from: 2025, to: 2025}
date: 2025-01-01
status: draft
parties:
  - {id: a, name: Gemeente Dorp, kind: municipality}
  - {id: b, name: Woonstichting, kind: corporation}
---
Preambule.
`)},
		"content/x-2025/wonen.md": {Data: []byte(`---
title: Wonen
order: 1
---
Lees [de afspraak over De Ligt](#de-ligt), [de beschikbaarheid](#beschikbaarheid),
[het onderdeel Leefbaarheid](#leefbaarheid) en [niets](#nergens).

` + strings.Repeat(filler, 4) + `## Beschikbaarheid

- Oplevering 12 woningen in De Ligt IV {#de-ligt}
`)},
		"content/x-2025/leefbaarheid.md": {Data: []byte("---\ntitle: Leefbaarheid\norder: 2\n---\nTerug naar [de afspraak](#de-ligt) en [de tabel](#tabel).\n\n" +
			"| Nr. | Afspraak |\n| --- | --- |\n| 3.1 | Onderzoek {#tabel} |\n")},
	}
}

func TestCrossReferences(t *testing.T) {
	need(t, "qpdf")
	ag := loadFS(t, xrefSite())
	pdf, err := Render(ag, Options{})
	if err != nil {
		t.Fatal(err)
	}
	d := newDoc(ag, newTheme(Theme{}))
	if err := d.build(newMaroto(d.config(testDate, false), testDate), pagination{pages: map[string]int{}}, nil); err != nil {
		t.Fatal(err)
	}
	for id, want := range map[string]bool{"de-ligt": true, "beschikbaarheid": true, "leefbaarheid": true, "tabel": true, "nergens": false} {
		if d.dests[id] != want {
			t.Errorf("place %q drawn: %v, want %v", id, d.dests[id], want)
		}
	}
	pages := texts(t, pdf)
	pageWith := func(s string) int {
		for i, p := range pages {
			if strings.Contains(strings.Join(strings.Fields(p), " "), s) {
				return i + 1
			}
		}
		t.Fatalf("%q is on no page", s)
		return 0
	}
	for i, p := range pages {
		if strings.Contains(p, "#") {
			t.Errorf("page %d prints a \"#\":\n%s", i+1, p)
		}
	}
	if !strings.Contains(strings.Join(strings.Fields(strings.Join(pages, " ")), " "), "Leefbaarheid en niets.") {
		t.Error("the text of the links is not printed as written")
	}

	_, annots := qpdfLinks(t, pdf)
	// links[from][to] counts the internal links from page from to page to
	links := map[int]map[int]int{}
	for i, as := range annots {
		for _, a := range as {
			if a.dict["/Subtype"] != "/Link" {
				continue
			}
			if a.dest > 0 {
				if links[i+1] == nil {
					links[i+1] = map[int]int{}
				}
				links[i+1][a.dest]++
			}
			if act, ok := a.dict["/A"].(map[string]any); ok {
				if uri, _ := act["/URI"].(string); strings.Contains(uri, "#") {
					t.Errorf("page %d: a cross-reference as an address: %v", i+1, act)
				}
			}
		}
	}
	from := pageWith("Lees de afspraak over De Ligt")
	item, head, sect := pageWith("Oplevering 12 woningen"), pageWith("Beschikbaarheid"), pageWith("Terug naar de afspraak")
	if from == item {
		t.Fatalf("the reference and its place share page %d: the test needs them apart", from)
	}
	for _, to := range []int{item, head, sect} {
		if links[from][to] == 0 {
			t.Errorf("no link from page %d to page %d; links: %v", from, to, links)
		}
	}
	if links[sect][item] == 0 {
		t.Errorf("no link from page %d back to page %d; links: %v", sect, item, links)
	}
	if out, err := exec.Command("qpdf", "--check", writeTemp(t, pdf)).CombinedOutput(); err != nil {
		t.Errorf("qpdf --check: %v\n%s", err, out)
	}
	checkTagged(t, pdf)
}

// TestCrossReferenceWarning: check warns at the link to an id that is
// nowhere, and only there.
func TestCrossReferenceWarning(t *testing.T) {
	ds := CrossReferences(loadFS(t, xrefSite()))
	col := len("[het onderdeel Leefbaarheid](#leefbaarheid) en ") + 1
	want := fmt.Sprintf(`content/x-2025/wonen.md:6:%d: waarschuwing: koppeling naar "#nergens"`, col)
	if len(ds) != 1 || !strings.HasPrefix(ds[0].String(), want) {
		t.Fatalf("warnings %v, want one starting with %s", ds, want)
	}
}
