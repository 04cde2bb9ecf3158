// Package corpus writes a synthetic site of N agreements, each as rich as
// the default content (seven top-level onderdelen with sub-onderdelen,
// afspraken, bepalingen and doelen, targets with every kind of deadline,
// progress at two report moments and figures of every kind), in the current
// content format. It is for measuring how the build scales (make
// bench-scale); the same n gives the same bytes.
package corpus

import (
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
)

// FamilySize is the number of agreements per family: the first of each
// family is a regional agreement, the others are part_of it.
const FamilySize = 8

// Write writes prestatie.yaml and content/ for n agreements into dir, which
// must not hold a content/ folder yet.
func Write(dir string, n int) error {
	if _, err := os.Stat(filepath.Join(dir, "content")); err == nil {
		return fmt.Errorf("%s bevat al een map content/", dir)
	}
	for path, text := range Files(n) {
		p := filepath.Join(dir, filepath.FromSlash(path))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			return err
		}
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			return err
		}
	}
	return nil
}

// Files returns the site of n agreements as slash-separated paths and their
// text.
func Files(n int) map[string]string {
	files := map[string]string{
		"prestatie.yaml": fmt.Sprintf("title: Synthetisch register van %d prestatieafspraken\ntheme: default\n", n),
	}
	for i := range n {
		g := newGen(i)
		for path, text := range g.agreement() {
			files["content/"+g.id+"/"+path] = text
		}
	}
	return files
}

var places = []string{
	"Alphen", "Baarle", "Chaam", "Dongen", "Etten", "Gilze", "Goirle", "Halderberge", "Hilvarenbeek",
	"Loon", "Moerdijk", "Oisterwijk", "Riel", "Rucphen", "Tilburg", "Waalwijk", "Woensdrecht", "Zundert",
}

var corporations = []struct{ id, name string }{
	{"leystromen", "Leystromen"}, {"thuisvester", "Thuisvester"}, {"woonstichting", "Woonstichting De Zaligheden"},
	{"tiwos", "TIWOS"}, {"wonen-breburg", "WonenBreburg"}, {"alwel", "Alwel"},
}

type gen struct {
	i      int
	id     string
	place  string
	corp   struct{ id, name string }
	second bool // a second corporation signs
	r      *rand.Rand
}

func newGen(i int) *gen {
	g := &gen{i: i, r: rand.New(rand.NewPCG(uint64(i), 0x70726573746174))}
	g.place = fmt.Sprintf("%s %d", places[i%len(places)], i/len(places)+1)
	g.id = agreementID(i)
	g.corp = corporations[i%len(corporations)]
	g.second = i%3 == 0
	return g
}

func agreementID(i int) string {
	if i%FamilySize == 0 {
		return fmt.Sprintf("regio-%04d-2023-2024", i/FamilySize+1)
	}
	return fmt.Sprintf("%s-%04d-2023-2024", strings.ToLower(places[i%len(places)]), i)
}

func (g *gen) n(lo, hi int) int { return lo + g.r.IntN(hi-lo+1) }

// sentence is a line of plausible agreement prose; k varies it.
func (g *gen) sentence(k int) string {
	s := []string{
		"Partijen zetten zich gezamenlijk in voor voldoende betaalbare woningen voor de doelgroep in %s.",
		"De woningmarkt in %s staat onder druk; de wachttijden voor een sociale huurwoning zijn opgelopen.",
		"De gemeente %s en de corporatie bespreken de voortgang twee keer per jaar in het bestuurlijk overleg.",
		"Bij nieuwbouw in %s gaat de voorkeur uit naar grondgebonden woningen die geschikt zijn voor meerdere levensfasen.",
		"Huurders in %s worden tijdig en volledig geïnformeerd over maatregelen die hun woning raken.",
		"Voor de kleine kernen van %s maken partijen maatwerkafspraken over leefbaarheid en voorzieningen.",
	}
	return fmt.Sprintf(s[(k+g.i)%len(s)], g.place)
}

func (g *gen) para(k, sentences int) string {
	var b strings.Builder
	for j := range sentences {
		if j > 0 {
			b.WriteByte(' ')
		}
		b.WriteString(g.sentence(k + j))
	}
	return b.String()
}

func (g *gen) agreement() map[string]string {
	f := map[string]string{}
	f["_index.md"] = g.index()
	for _, s := range g.sections() {
		f[s.path] = s.text
	}
	return f
}

func (g *gen) index() string {
	var b strings.Builder
	b.WriteString("---\n")
	title := "Prestatieafspraken 2023/2024"
	if g.i%FamilySize == 0 {
		title = "Regionale prestatieafspraken 2023/2024"
	}
	fmt.Fprintf(&b, "title: %s\nmunicipality: %s\nperiod: {from: 2023, to: 2024}\nreference: GV%08d\ndate: 2023-04-%02d\nstatus: signed\n",
		title, g.place, 51149+g.i, 1+g.i%28)
	if g.i%FamilySize != 0 {
		fmt.Fprintf(&b, "part_of: %s\n", agreementID(g.i-g.i%FamilySize))
	}
	b.WriteString("parties:\n")
	fmt.Fprintf(&b, "  - {id: gemeente, name: Gemeente %s, kind: municipality, label: gemeente}\n", g.place)
	fmt.Fprintf(&b, "  - {id: %s, name: %s, kind: corporation}\n", g.corp.id, g.corp.name)
	if g.second {
		c := corporations[(g.i+1)%len(corporations)]
		fmt.Fprintf(&b, "  - {id: %s, name: %s, kind: corporation}\n", c.id, c.name)
	}
	fmt.Fprintf(&b, "  - {id: huurders, name: Huurdersvereniging %s, kind: tenants, label: huurders}\n", g.place)
	b.WriteString("monitoring: [Q2, Q4]\n---\n")
	b.WriteString(g.para(0, 4) + "\n\n" + g.para(2, 3) + "\n\n## Woonvisie\n\n" + g.para(1, 5) + "\n\n")
	b.WriteString("Vanuit de Nationale Woon- en Bouwagenda liggen er uitdagingen op de deelthema's:\n\n- Woningbouw\n- Betaalbaar wonen\n- Een thuis voor iedereen\n- Programma Wonen en zorg\n\n")
	b.WriteString("## Nationale prestatieafspraken\n\n" + g.para(3, 4) + "\n\n> “In 2030 zijn er voldoende betaalbare en comfortabele woningen voor alle inwoners in elke levensfase.”\n\n")
	b.WriteString("## Woondeal\n\n" + g.para(4, 6) + "\n")
	return b.String()
}

type file struct{ path, text string }

// item is a marked item: its line of text and its annotation.
type item struct {
	id, text, ann string
	sub           []item
}

// section writes one onderdeel: front matter (title, order, number,
// figures, items, progress) and its text with the items under headings.
func (g *gen) section(path, title string, order int, number string, figures string, intro string, groups []struct {
	heading string
	items   []item
}, progress string) file {
	var b strings.Builder
	fmt.Fprintf(&b, "---\ntitle: %s\norder: %d\n", title, order)
	if number != "" {
		fmt.Fprintf(&b, "number: %q\n", number)
	}
	b.WriteString(figures)
	var anns []item
	for _, gr := range groups {
		for _, it := range gr.items {
			anns = append(anns, it)
			anns = append(anns, it.sub...)
		}
	}
	if len(anns) > 0 {
		b.WriteString("items:\n")
		for _, it := range anns {
			fmt.Fprintf(&b, "  %s: %s\n", it.id, it.ann)
		}
	}
	b.WriteString(progress)
	b.WriteString("---\n" + intro + "\n")
	for _, gr := range groups {
		b.WriteString("\n## " + gr.heading + "\n\n")
		for _, it := range gr.items {
			fmt.Fprintf(&b, "- %s {#%s}\n", it.text, it.id)
			for _, s := range it.sub {
				fmt.Fprintf(&b, "  - %s {#%s}\n", s.text, s.id)
			}
		}
	}
	return file{path, b.String()}
}

type groups = []struct {
	heading string
	items   []item
}

// progress writes report entries at 2023-06-30 and 2023-12-31 for ids.
func (g *gen) progress(ids []string, withValue map[string]int) string {
	var b strings.Builder
	b.WriteString("progress:\n")
	for _, date := range []string{"2023-06-30", "2023-12-31"} {
		for k, id := range ids {
			st := []string{"on-track", "ongoing", "delayed", "done", "not-started", "on-track"}[(g.i+k+len(date)+int(date[6]))%6]
			if date == "2023-06-30" && st == "done" {
				st = "on-track"
			}
			fmt.Fprintf(&b, "  - commitment: %s\n    date: %s\n    status: %s\n", id, date, st)
			if max, ok := withValue[id]; ok {
				v := max / 3
				if date == "2023-12-31" {
					v = max * 2 / 3
				}
				if st == "done" {
					v = max
				}
				fmt.Fprintf(&b, "    value: %d\n", v)
			}
			if st == "delayed" {
				fmt.Fprintf(&b, "    note: \"Vertraagd in %s: de vergunning laat op zich wachten; verwacht in het volgende kwartaal.\"\n", g.place)
			} else {
				fmt.Fprintf(&b, "    note: Stand van zaken besproken in het overleg van %s.\n", date)
			}
			fmt.Fprintf(&b, "    source: Voortgangsrapportage %s %s\n", g.corp.name, date[:7])
		}
	}
	return b.String()
}

func (g *gen) sections() []file {
	c := g.corp.id
	var out []file
	// 1 Overlegstructuur: afspraken for all parties and bepalingen.
	out = append(out, g.section("overlegstructuur/_index.md", "Overlegstructuur en looptijd", 1, "1", "", g.para(5, 2), groups{
		{"Afspraken", []item{
			{id: "betrekken", text: "Partijen betrekken elkaar bij beleidsontwikkeling en overleggen over alle onderwerpen uit deze afspraken.", ann: "{party: all}"},
			{id: "bestuurlijk-overleg", text: "Ten minste twee keer per jaar vindt bestuurlijk overleg plaats.", ann: "{party: all}"},
		}},
		{"Bepalingen", []item{
			{id: "looptijd", text: "Deze overeenkomst geldt van 1 januari 2023 tot en met 31 december 2024.", ann: "{kind: provision, number: \"1.1\"}"},
			{id: "tussentijds", text: "Partijen kunnen de afspraken tussentijds wijzigen als de omstandigheden daarom vragen.", ann: "{kind: provision, number: \"1.2\"}"},
			{id: "geschillen", text: "Geschillen over deze afspraken leggen partijen eerst voor aan het bestuurlijk overleg.", ann: "{kind: provision, number: \"1.3\"}"},
		}},
	}, g.progress([]string{"betrekken", "bestuurlijk-overleg"}, nil)))
	// 2 Monitoring.
	out = append(out, g.section("monitoring/_index.md", "Monitoring", 2, "2", "", g.para(0, 1), groups{
		{"Afspraken", []item{
			{id: "voortgangsrapportage", text: "Twee keer per jaar rapporteren de partijen over de voortgang, in het 2e en 4e kwartaal.", ann: "{party: all}"},
			{id: "vertraging-melden", text: "De partij die de regie heeft meldt vertraging aan de andere partijen.", ann: "{party: all}"},
		}},
	}, g.progress([]string{"voortgangsrapportage", "vertraging-melden"}, nil)))
	// 3 Beschikbaarheid with two sub-onderdelen.
	stock := g.n(250, 9000)
	out = append(out, g.section("beschikbaarheid/_index.md", "Beschikbaarheid", 3, "3",
		fmt.Sprintf("figures:\n  - {kind: stock, as_of: 2022-05, value: %d, approximate: true, source: \"Prestatieafspraken 2023/2024 (%s, mei 2022)\"}\n  - {kind: stock, as_of: 2023-05, value: %d, source: \"Jaarverslag %s 2023\"}\n  - {kind: value, title: Maximale kavelprijs sociale huurwoning, as_of: 2023-04, value: %d, unit: euro, source: \"Prestatieafspraken 2023/2024\"}\n",
			stock, g.corp.name, stock+g.n(0, 40), g.corp.name, 15000+1000*g.n(0, 10)),
		g.para(1, 4)+"\n\n"+g.para(3, 2), nil, ""))
	nb := g.n(8, 120)
	out = append(out, g.section("beschikbaarheid/nieuwbouw.md", "Nieuwbouw", 1, "3.1", "", g.para(2, 2), groups{
		{"Beoogd effect/impact", nil},
		{"Bijdrage " + g.corp.name, []item{
			{id: "nieuwbouw", text: fmt.Sprintf("Oplevering van %d grondgebonden huurwoningen in %s.", nb, g.place), ann: fmt.Sprintf("{party: %s, target: {value: %d, unit: woningen, due: 2024-12-31}}", c, nb)},
			{id: "flexwoningen", text: "Onderzoeken of 5 tot 10 flexwoningen gerealiseerd kunnen worden.", ann: fmt.Sprintf("{party: %s, target: {min: 5, max: 10, unit: woningen, due: 2024}}", c)},
		}},
		{"Bijdrage gemeente", []item{
			{id: "ontwikkellocaties", text: "Potentiële ontwikkellocaties bespreken en hierover uitvoeringsafspraken maken.", ann: "{party: gemeente}"},
			{id: "grondprijzen", text: "Het grondprijzenbeleid evalueren en herijken.", ann: "{party: gemeente, target: {due: {from: 2023, to: 2024}, note: een besluit van de raad}}"},
		}},
	}, g.progress([]string{"nieuwbouw", "flexwoningen", "ontwikkellocaties", "grondprijzen"}, map[string]int{"nieuwbouw": nb})))
	out = append(out, g.section("beschikbaarheid/doorstroming.md", "Doorstroming", 2, "3.2", "", g.para(4, 3), groups{
		{"Bijdrage " + g.corp.name, []item{
			{id: "doorstroming-senioren", text: "Senioren die verhuizen naar een passende woning krijgen voorrang en begeleiding.", ann: fmt.Sprintf("{party: %s}", c)},
		}},
		{"Bijdrage gemeente", []item{
			{id: "doorstroom-regeling", text: "De gemeente onderzoekt een doorstroomregeling voor jongeren en senioren.", ann: "{party: gemeente, target: {due: 2024}}"},
		}},
	}, g.progress([]string{"doorstroming-senioren", "doorstroom-regeling"}, nil)))
	// 4 Betaalbaarheid with rent bands and a sub-onderdeel with a goal and nested items.
	kk := g.n(10, 25)
	a1 := g.n(40, 50)
	a2 := g.n(5, 15)
	lib := g.n(1, 100-kk-a1-a2-1)
	out = append(out, g.section("betaalbaarheid/_index.md", "Betaalbaarheid", 4, "4",
		fmt.Sprintf("figures:\n  - kind: rent-bands\n    as_of: 2022-05\n    source: \"Prestatieafspraken 2023/2024 (%s)\"\n    values: {kwaliteitskortingsgrens: %d, aftoppingsgrens-1: %d, aftoppingsgrens-2: %d, liberalisatiegrens: %d, boven-liberalisatiegrens: %d}\n",
			g.corp.name, kk, a1, a2, lib, 100-kk-a1-a2-lib),
		g.para(5, 3)+fmt.Sprintf("\n\nDe verdeling naar huurprijsklassen:\n\n- %d%% tot kwaliteitskortingsgrens\n- %d%% tot 1e aftoppingsgrens\n- %d%% tot 2e aftoppingsgrens\n", kk, a1, a2), nil, ""))
	out = append(out, g.section("betaalbaarheid/huurprijzen.md", "Huurprijzen", 1, "4.1", "", g.para(0, 2), groups{
		{"Doelen", []item{
			{id: "huurprijzen-doel", text: "Het aantal woningen met een huur tot € 550 neemt tot en met 2025 niet af.", ann: "{kind: goal, target: {trend: no-decrease, unit: woningen, due: 2025-12-31, note: \"huurprijs tot € 550, prijspeil 2020\"}}"},
		}},
		{"Bijdrage " + g.corp.name, []item{
			{id: "huurbeleid", text: "De corporatie voert haar huurbeleid uit conform de Nationale Prestatieafspraken:", ann: fmt.Sprintf("{party: %s}", c), sub: []item{
				{id: "huurmatiging", text: "De huursomstijging blijft 0,5% onder de CAO-loonontwikkeling.", ann: "{target: {value: 0.5, unit: procentpunt}}"},
				{id: "huurverlaging", text: "Huurders met een laag inkomen krijgen een eenmalige huurverlaging tot € 550.", ann: "{target: {max: 550, unit: euro}}"},
			}},
		}},
		{"Bijdrage gemeente", []item{
			{id: "vroegsignalering", text: "De gemeente continueert de aanpak vroegsignalering.", ann: "{party: gemeente}"},
		}},
	}, g.progress([]string{"huurbeleid", "huurmatiging", "huurverlaging", "vroegsignalering"}, nil)))
	// 5 Duurzaamheid: energy labels as a series with a goal.
	eg := g.n(5, 400)
	labels := func(e int) string {
		return fmt.Sprintf("{A+: %d, A: %d, B: %d, C: %d, D: %d, E-G: %d}", g.n(10, 200), g.n(50, 900), g.n(50, 900), g.n(50, 700), g.n(20, 300), e)
	}
	out = append(out, g.section("duurzaamheid/_index.md", "Duurzaamheid", 5, "5",
		fmt.Sprintf("figures:\n  - kind: energy-labels\n    as_of: 2022-09\n    values: %s\n    source: \"%s, gegevens september 2022\"\n    goal: {value: 0, unit: woningen, due: 2028-12-31, note: \"Nationale Prestatieafspraken: geen label E, F of G na 2028\"}\n  - kind: energy-labels\n    as_of: 2023-09\n    values: %s\n    source: \"%s, gegevens september 2023\"\n    goal: {value: 0, unit: woningen, due: 2028-12-31, note: \"Nationale Prestatieafspraken: geen label E, F of G na 2028\"}\n",
			labels(eg), g.corp.name, labels(eg/2), g.corp.name),
		g.para(2, 5), nil, ""))
	out = append(out, g.section("duurzaamheid/verduurzamen.md", "Verduurzamen bestaand bezit", 1, "5.1", "", g.para(3, 3), groups{
		{"Bijdrage " + g.corp.name, []item{
			{id: "label-efg", text: fmt.Sprintf("De %d woningen met label E, F of G zijn voor eind 2028 verbeterd.", eg), ann: fmt.Sprintf("{party: %s, target: {value: 0, unit: woningen, due: 2028-12-31, note: \"woningen met label E, F of G\"}}", c)},
			{id: "zonnepanelen", text: "De corporatie stelt een uitvoeringsprogramma voor zonnepanelen op.", ann: fmt.Sprintf("{party: [%s, huurders]}", c)},
		}},
		{"Bijdrage gemeente", []item{
			{id: "wijkaanpak", text: "De gemeente bespreekt de wijkaanpak met de corporatie.", ann: "{party: gemeente}"},
		}},
	}, g.progress([]string{"label-efg", "zonnepanelen", "wijkaanpak"}, nil)))
	// 6 Bijzondere doelgroepen with allocations at two moments.
	alloc := func(asOf string) string {
		v := g.n(20, 400)
		return fmt.Sprintf("  - kind: allocations\n    title: Vrijgekomen woningen en toewijzingen aan bijzondere doelgroepen\n    as_of: %s\n    source: \"Jaarverslag %s %s\"\n    values: {vrijgekomen: %d, toewijzingen: %d, statushouders: %d, urgenten: %d, uitstroom: %d, maatwerk: %d, signaalwaarde: 15}\n",
			asOf, g.corp.name, asOf[:4], v, v, v/10, v/20, v/40, v/50)
	}
	out = append(out, g.section("bijzondere-doelgroepen/_index.md", "Bijzondere doelgroepen", 6, "6", "", g.para(4, 6), nil, ""))
	out = append(out, g.section("bijzondere-doelgroepen/huisvesting.md", "Huisvesting bijzondere doelgroepen", 1, "6.1",
		"figures:\n"+alloc("2022-12")+alloc("2023-12"), g.para(5, 2), groups{
			{"Bijdrage " + g.corp.name, []item{
				{id: "signaalwaarde", text: "De corporatie stelt 15% van haar vrijkomende woningen beschikbaar voor bijzondere doelgroepen.", ann: fmt.Sprintf("{party: %s, target: {value: 15, unit: \"%%\", note: signaalwaarde}}", c)},
				{id: "statushouders", text: "De corporatie huisvest haar deel van de taakstelling statushouders.", ann: fmt.Sprintf("{party: %s, target: {value: %d, unit: woningen, due: 2023-12-31}}", c, g.n(4, 40))},
			}},
			{"Bijdrage gemeente", []item{
				{id: "huisvesting-verantwoordelijkheid", text: "De gemeente draagt de wettelijke verantwoordelijkheid voor passende huisvesting.", ann: "{party: gemeente}"},
			}},
		}, g.progress([]string{"signaalwaarde", "statushouders", "huisvesting-verantwoordelijkheid"}, nil)))
	// 7 Leefbaarheid with a third level: wijken.
	out = append(out, g.section("leefbaarheid/_index.md", "Leefbaarheid", 7, "7", "", g.para(1, 3), groups{
		{"Afspraken", []item{
			{id: "leefbaarheid-budget", text: "Partijen maken jaarlijks een leefbaarheidsplan met budget.", ann: "{party: all, target: {due: 2023}}"},
		}},
	}, g.progress([]string{"leefbaarheid-budget"}, nil)))
	out = append(out, g.section("leefbaarheid/kernen/_index.md", "Kleine kernen", 1, "7.1", "", g.para(2, 2), nil, ""))
	for k, wijk := range []string{"centrum", "noord", "zuid"} {
		id := "buurtbeheer-" + wijk
		out = append(out, g.section("leefbaarheid/kernen/"+wijk+".md", "Wijk "+strings.ToUpper(wijk[:1])+wijk[1:], k+1, "", "", g.para(k, 2), groups{
			{"Afspraken", []item{
				{id: id, text: "Buurtbeheer in de wijk " + wijk + " met de huurdersvereniging.", ann: fmt.Sprintf("{party: [%s, huurders]}", c)},
			}},
		}, g.progress([]string{id}, nil)))
	}
	return out
}
