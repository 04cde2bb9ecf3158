package main

// The help of each command, printed by prestatie help COMMAND and
// prestatie COMMAND --help, and after a usage error.

const siteFlag = `  --source MAP     de map van de site, met content/ en prestatie.yaml (standaard .)
`

const outputFlags = `  --quiet, -q      toon alleen waarschuwingen en fouten
  --format FORMAAT text (standaard) of json: meldingen als JSON op standaarduitvoer, voor CI
`

const helpInit = `Gebruik: prestatie init [MAP] [--municipality NAAM]

Maakt een nieuwe site in MAP (standaard de huidige map; die moet leeg zijn of
nog niet bestaan): prestatie.yaml, één overeenkomst met een onderdeel, een
afspraak met een doel en een voortgangsmelding, en een README met uitleg. De
site is meteen te bouwen en te bekijken.

Vlaggen:
  --municipality NAAM  de gemeente (standaard Voorbeeldstad)
  --quiet, -q          toon alleen fouten
`

const helpServe = `Gebruik: prestatie serve [--source MAP] [--port POORT] [--bind ADRES]

Bouwt de site in het geheugen en toont hem op http://127.0.0.1:8080/. Bij elke
wijziging in content/, templates/, themes/, static/ of prestatie.yaml wordt de
site opnieuw gebouwd; open pagina's verversen zodra de nieuwe versie klaar is.
Fouten in de inhoud verschijnen in de browser met bestand:regel:kolom, terwijl
de laatste goede versie te zien blijft. Concepten worden getoond, met een
markering.

Vlaggen:
` + siteFlag + `  --port POORT     poort (standaard 8080; 0 kiest een vrije poort)
  --bind ADRES     adres om op te luisteren (standaard 127.0.0.1)
  --public         sta een adres buiten deze computer toe bij --bind (de site
                   is dan voor anderen op het netwerk te zien)
  --no-drafts      toon geen concepten, zoals build zonder --drafts
` + outputFlags

const helpBuild = `Gebruik: prestatie build [--source MAP] [--dest MAP] [--base-url URL] [--drafts] [--no-pdf] [--no-cache]

Controleert de inhoud en bouwt de site met de pdf's. Bij een fout worden alle
fouten getoond en wordt niets geschreven: de vorige uitvoer blijft staan.
Een overeenkomst waarvan niets is veranderd sinds de vorige build wordt niet
opnieuw gemaakt maar uit de cache naast de uitvoermap gehaald (.public.cache
naast public/); de uitvoer is byte voor byte dezelfde.

Vlaggen:
` + siteFlag + `  --dest MAP       uitvoermap (standaard public in de map van de site)
  --base-url URL   adres van de site, bijv. https://www.example.nl/prestatieafspraken/
  --drafts         neem concepten (draft: true) mee
  --no-pdf         bouw alleen de site, zonder pdf's (sneller; de pagina's
                   linken dan niet naar een pdf)
  --no-cache       maak alles opnieuw, zonder de cache te lezen of te vullen
` + outputFlags + `
SOURCE_DATE_EPOCH zet de datum in de pdf (standaard de datum van de overeenkomst).
`

const helpCheck = `Gebruik: prestatie check [--source MAP] [--drafts]

Controleert de inhoud, schrijft niets en toont de vingerafdruk van elke
overeenkomst.

Vlaggen:
` + siteFlag + `  --drafts         controleer ook concepten (draft: true)
` + outputFlags

const helpPDF = `Gebruik: prestatie pdf [OVEREENKOMST] [-o BESTAND] [--source MAP]

Maakt de pdf van één overeenkomst (OVEREENKOMST is de naam van haar map in
content/; mag weg als er maar één is).

Vlaggen:
` + siteFlag + `  -o BESTAND       waar de pdf komt (standaard OVEREENKOMST.pdf)
  --drafts         concepten (draft: true) zijn ook te kiezen
` + outputFlags + `
SOURCE_DATE_EPOCH zet de datum in de pdf (standaard de datum van de overeenkomst).
`

const helpNew = `Gebruik:
  prestatie new agreement ID --municipality NAAM --from JAAR --to JAAR
      maak een nieuwe overeenkomst (concept: alleen met --drafts gebouwd)
  prestatie new onderdeel OVEREENKOMST/ONDERDEEL/NAAM [--title TITEL]
      maak een nieuw onderdeel NAAM onder ONDERDEEL (en ONDERDEEL als dat er
      nog niet is), met een voorbeeld van een afspraak in de tekst
  prestatie new progress OVEREENKOMST --date JJJJ-MM-DD
      voeg voor elke open afspraak een in te vullen voortgangsmelding toe

ID, ONDERDEEL en NAAM: kleine letters, cijfers en koppeltekens.

Vlaggen:
` + siteFlag + `  --quiet, -q      toon alleen fouten
`

const helpMigrate = `Gebruik: prestatie migrate [--source MAP]

Zet een site van het eerste inhoudsformaat (afspraken als commitments in de
front matter) om naar het huidige: de afspraken komen als lijstpunten met
{#id} in de tekst, onder de kopjes die de pagina's eerst zelf toevoegden
(Beoogd effect/impact, Bijdrage …), en party, target en number blijven
onder items staan. De bestanden in content/ worden ter plekke aangepast;
zet ze eerst onder versiebeheer. Vergelijk daarna met het ondertekende
document (zie docs/content-format.md, Overstappen) en draai prestatie check.

Vlaggen:
` + siteFlag + `  --quiet, -q      toon alleen fouten
`

const helpVersion = `Gebruik: prestatie version

Toont de versie, de commit, of er niet-vastgelegde wijzigingen waren, de
Go-versie, het platform en de ingebouwde versie van ECharts.
`

const helpHelp = `Gebruik: prestatie help [COMMANDO]

Toont de lijst van commando's, of de hulp bij één commando.
`
