package scaffold

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"golang.org/x/text/unicode/norm"

	"github.com/prestatie/prestatie/internal/agreement"
)

// Init creates a working site in dir (which must be empty or not exist):
// prestatie.yaml, one agreement with one chapter, one afspraak, one
// commitment with a target and a progress entry, a figure drawn as a chart,
// a short README for the editor and a .gitignore. It returns the files
// written.
func Init(dir, municipality string, date agreement.Date) ([]string, error) {
	if strings.TrimSpace(municipality) == "" {
		municipality = "Voorbeeldstad"
	}
	if es, err := os.ReadDir(dir); err == nil && len(es) > 0 {
		return nil, fmt.Errorf("%s is niet leeg; kies een nieuwe of lege map", dir)
	}
	y := date.Year
	id := fmt.Sprintf("%s-%d-%d", Slug(municipality), y, y+1)
	ag := filepath.Join(dir, "content", id)
	files := map[string]string{
		filepath.Join(dir, "prestatie.yaml"):       initConfig(municipality),
		filepath.Join(dir, "README.md"):            initReadme(municipality, id),
		filepath.Join(dir, ".gitignore"):           "public/\n.public.*\n",
		filepath.Join(ag, "_index.md"):             initAgreement(municipality, y, date),
		filepath.Join(ag, "wonen", "_index.md"):    initChapter(y),
		filepath.Join(ag, "wonen", "nieuwbouw.md"): initAfspraak(y),
	}
	return writeNew(files)
}

// Slug turns a name into an id: "'s-Hertogenbosch" → "s-hertogenbosch",
// "Nuenen, Gerwen en Nederwetten" → "nuenen-gerwen-en-nederwetten".
func Slug(name string) string {
	var b strings.Builder
	dash := false
	for _, r := range norm.NFKD.String(strings.ToLower(name)) {
		switch {
		case r >= 'a' && r <= 'z', r >= '0' && r <= '9':
			if dash && b.Len() > 0 {
				b.WriteByte('-')
			}
			dash = false
			b.WriteRune(r)
		case r < 0x300 || r > 0x36f: // not a combining accent
			dash = true
		}
	}
	if b.Len() == 0 {
		return "overeenkomst"
	}
	return b.String()
}

func initConfig(municipality string) string {
	return fmt.Sprintf(`# Instellingen van de site. Alle sleutels: docs/content-format.md van prestatie.
title: %s
# base_url: https://www.example.nl/prestatieafspraken/
theme: default
`, str("Prestatieafspraken wonen "+municipality))
}

func initAgreement(municipality string, y int, date agreement.Date) string {
	return agreementSkeleton(y, y+1, municipality, date, "for-signature", false,
		"Tekst van het document vóór het eerste hoofdstuk: wie de partijen zijn en wat zij samen willen bereiken.")
}

func initChapter(y int) string {
	return fmt.Sprintf(`---
title: Wonen
order: 1
figures:
  - kind: energy-labels
    title: Energielabels van de corporatiewoningen
    as_of: %d-01
    source: Voorbeeldcijfers, vervang door de cijfers van de corporatie
    illustrative: true
    values: {A: 120, B: 200, C: 150, D: 60, E-G: 20}
---
Tekst van het hoofdstuk, zoals in het document.
`, y)
}

func initAfspraak(y int) string {
	return fmt.Sprintf(`---
title: Nieuwbouw
order: 1
items:   # wie gebonden is, het doel: alleen wat de tekst zelf zegt
  nieuwbouw-1: {party: corporatie, target: {value: 20, unit: woningen, due: %[2]d-12-31}}
progress:
  - {commitment: nieuwbouw-1, date: %[1]d-06-30, status: on-track, value: 8, note: Voorbeeld van een rapportage., illustrative: true}
---
Tekst van dit onderdeel, letterlijk zoals in de overeenkomst.

## Beoogd effect

Meer betaalbare huurwoningen voor de doelgroep.

## Bijdrage corporatie

- De corporatie bouwt 20 sociale huurwoningen. {#nieuwbouw-1}
`, y, y+1)
}

func initReadme(municipality, id string) string {
	return fmt.Sprintf(`# Prestatieafspraken %s

Deze map is een site van prestatie: de afspraken staan als tekst (Markdown) in content/, prestatie
maakt er een website en een pdf om te ondertekenen van.

## Werken aan de tekst

    prestatie serve      # voorbeeld op http://127.0.0.1:8080/, ververst bij elke wijziging
    prestatie check      # controleer de inhoud; fouten met bestand:regel:kolom
    prestatie build      # bouw de site in public/, klaar om te publiceren

## Wat waar staat

- prestatie.yaml: titel en adres van de site, huisstijl (logo, menu, voettekst).
- content/%s/_index.md: de overeenkomst: partijen, periode, status en de inleiding.
- content/%s/wonen/_index.md: een hoofdstuk (thema) met cijfers.
- content/%s/wonen/nieuwbouw.md: een afspraak met bijdragen, doelen en voortgang.
- static/ (maak deze map zelf): bestanden die zo op de site komen (favicon, logo, .well-known/).

Een nieuwe afspraak: prestatie new afspraak %s/wonen/NAAM --title "Titel".
Een nieuwe rapportageronde: prestatie new progress %s --date JJJJ-MM-DD.
Hulp bij een commando: prestatie help COMMANDO.
`, municipality, id, id, id, id, id)
}
