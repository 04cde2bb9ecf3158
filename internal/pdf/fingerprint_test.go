package pdf

import (
	"io/fs"
	"os"
	"regexp"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/prestatie/prestatie/internal/agreement"
	"github.com/prestatie/prestatie/internal/content"
)

// siteFS copies the default site's content into memory, so a test can
// change it.
func siteFS(t *testing.T) fstest.MapFS {
	t.Helper()
	m := fstest.MapFS{}
	err := fs.WalkDir(os.DirFS(root), "content", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := fs.ReadFile(os.DirFS(root), p)
		m[p] = &fstest.MapFile{Data: b}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return m
}

func loadFS(t *testing.T, fsys fs.FS) *agreement.Agreement {
	t.Helper()
	s, ds := content.Load(fsys, content.Options{})
	if ds.HasErrors() {
		t.Fatalf("load: %v", ds)
	}
	return s.Agreements[0]
}

func edit(t *testing.T, m fstest.MapFS, file, old, new string) fstest.MapFS {
	t.Helper()
	c := fstest.MapFS{}
	for k, v := range m {
		c[k] = &fstest.MapFile{Data: v.Data}
	}
	s := string(c[file].Data)
	if !strings.Contains(s, old) {
		t.Fatalf("%s has no %q", file, old)
	}
	c[file].Data = []byte(strings.Replace(s, old, new, 1))
	return c
}

func TestFingerprint(t *testing.T) {
	base := siteFS(t)
	fp := Fingerprint(loadFS(t, base))
	if !regexp.MustCompile(`^[0-9a-f]{64}$`).MatchString(fp) {
		t.Fatalf("fingerprint %q is not hex SHA-256", fp)
	}
	if again := Fingerprint(loadFS(t, base)); again != fp {
		t.Fatal("fingerprint differs between two loads")
	}
	const afspraak = "content/alphen-chaam-2023-2024/beschikbaarheid/nieuwbouw.md"
	const agreementFile = "content/alphen-chaam-2023-2024/_index.md"

	same := map[string]fstest.MapFS{
		"progress entry changed": edit(t, base, afspraak, "note: Bouw gestart.", "note: Bouw nog niet gestart."),
		"status changed":         edit(t, base, agreementFile, "status: signed", "status: for-signature"),
		"YAML reformatted": edit(t, base, afspraak, "de-ligt-iv: {party: leystromen, target: {value: 12, unit: woningen}}",
			"de-ligt-iv:\n    party: leystromen\n    target:\n      value: 12\n      unit: woningen"),
		"trailing newlines":  edit(t, base, afspraak, "{#grondprijzenbeleid}", "{#grondprijzenbeleid}\n\n\n"),
		"decomposed ë (NFC)": edit(t, base, agreementFile, "efficiënte", "efficie\u0308nte"),
	}
	// CRLF line endings everywhere.
	crlf := fstest.MapFS{}
	for k, v := range base {
		crlf[k] = &fstest.MapFile{Data: []byte(strings.ReplaceAll(string(v.Data), "\n", "\r\n"))}
	}
	same["CRLF line endings"] = crlf
	// A folder renamed: ids and paths do not count.
	renamed := fstest.MapFS{}
	for k, v := range base {
		renamed[strings.Replace(k, "/beschikbaarheid/", "/beschikbaar/", 1)] = v
	}
	same["chapter folder renamed"] = renamed
	for name, m := range same {
		if got := Fingerprint(loadFS(t, m)); got != fp {
			t.Errorf("%s: fingerprint changed", name)
		}
	}

	differ := map[string]fstest.MapFS{
		"one character of a commitment": edit(t, base, afspraak, "De Ligt IV", "De Ligt V"),
		"a target value":                edit(t, base, afspraak, "value: 12, unit", "value: 13, unit"),
		"the preamble":                  edit(t, base, agreementFile, "grote uitdagingen", "grote uitdaging"),
		"a party name":                  edit(t, base, agreementFile, "name: Leystromen", "name: Leystroom"),
		"the date":                      edit(t, base, agreementFile, "date: 2023-04-06", "date: 2023-04-07"),
		"a figure":                      edit(t, base, "content/alphen-chaam-2023-2024/beschikbaarheid/_index.md", "value: 330", "value: 331"),
		"a section number":              edit(t, base, afspraak, `number: "2"`, `number: "2a"`),
		"a party bound":                 edit(t, base, afspraak, "ontwikkellocaties: {party: gemeente}", "ontwikkellocaties: {party: leystromen}"),
		"an item's kind":                edit(t, base, afspraak, "grondprijzenbeleid: {party: gemeente}", "grondprijzenbeleid: {kind: provision}"),
		"a deadline":                    edit(t, base, afspraak, "{value: 12, unit: woningen}", "{value: 12, unit: woningen, due: 2024}"),
		"digital signing":               edit(t, base, agreementFile, "status: signed", "status: signed\nsigning: digital"),
		"the preamble's heading":        edit(t, base, agreementFile, "status: signed", "status: signed\npreamble_title: Vooraf"),
		"an item's id": edit(t, edit(t, base, afspraak, "{#grondprijzenbeleid}", "{#grondprijs}"), afspraak,
			"grondprijzenbeleid: {party", "grondprijs: {party"),
	}
	for name, m := range differ {
		if got := Fingerprint(loadFS(t, m)); got == fp {
			t.Errorf("%s: fingerprint did not change", name)
		}
	}
}

func TestCanonicalHasNoProgress(t *testing.T) {
	c := string(canonical(load(t, root)))
	for _, bad := range []string{"Bouw gestart", "Illustratief", "on-track", "alphen-chaam-2023-2024", "behoefte-opgaven", "signed"} {
		if strings.Contains(c, bad) {
			t.Errorf("normalised source contains %q", bad)
		}
	}
	for _, want := range []string{`"ID":"de-ligt-iv","Kind":"commitment","Number":"","Text":"Oplevering 12 grondgebonden huurwoningen in De Ligt IV"`,
		`"Value":"12"`, `"Path":"4/2","Number":"2","Title":"Nieuwbouw"`, `"Format":"prestatie-fingerprint/2"`, `"Signing":"wet-ink"`} {
		if !strings.Contains(c, want) {
			t.Errorf("normalised source lacks %s", want)
		}
	}
}

// goldenDefault is the fingerprint of the default agreement (content/) in
// format prestatie-fingerprint/2. It changes only when the text of the
// agreement or the specification (FINGERPRINT.md) changes: update it on
// purpose, never to make a library upgrade pass.
const goldenDefault = "b53c9e4075f7f2aefdc519ab55d16217d39ca10f42364796518c775a024dce70"

func TestFingerprintGoldenDefault(t *testing.T) {
	if got := Fingerprint(load(t, root)); got != goldenDefault {
		t.Errorf("fingerprint of the default agreement is %s, pinned %s: if content/ changed on purpose, update goldenDefault; otherwise the specification in FINGERPRINT.md was broken", got, goldenDefault)
	}
}

// TestFingerprintSpecification pins the normalised source of a small
// agreement built in code, field by field, so that a change in the loader
// or in a library cannot move the fingerprint unseen.
func TestFingerprintSpecification(t *testing.T) {
	f := func(v float64) *float64 { return &v }
	gem := &agreement.Party{ID: "g", Name: "Gemeente Dorp", Kind: agreement.Municipality, Label: "gemeente", Group: "Gemeenten",
		Signatories: []agreement.Signatory{{Name: "A. de Vries", Function: "wethouder", Place: "Dorp"}}}
	cor := &agreement.Party{ID: "c", Name: "Corporatie", Kind: agreement.Corporation, Label: "Corporatie", Group: "Corporaties", Tagline: "thuis"}
	grp := &agreement.PartyGroup{ID: "n", Name: "de negen corporaties in de regio", Kind: agreement.Corporation, Count: 9}
	s1 := &agreement.Section{ID: "een", Title: "Bepalingen", Number: "1", Body: agreement.Markdown{Source: "1. Looptijd.\r\n2. Opzegging. {#op}\n\n"}}
	op := &agreement.Item{ID: "op", Kind: agreement.Provision, Number: "2", Text: "Opzegging.", Section: s1}
	s1.Items = []*agreement.Item{op}
	s2 := &agreement.Section{ID: "twee", Title: "Wijk Noord", Area: "Noord", Year: 2025, Parent: s1, PartyRefs: []agreement.Ref{{ID: "c"}},
		Parties: []*agreement.Party{cor}, Body: agreement.Markdown{Source: "- Bouwen {#bouw}"}}
	bouw := &agreement.Item{ID: "bouw", Kind: agreement.Commitment, Text: "Bouwen", Section: s2,
		Binding:  agreement.Binding{Kinds: []agreement.PartyKind{agreement.Corporation}, Named: []*agreement.Party{gem}, Groups: []*agreement.PartyGroup{grp}},
		Target:   &agreement.Target{Min: f(20), Max: f(40.5), Unit: "woningen", Due: &agreement.Deadline{From: 2028, To: 2031}, Note: "prijspeil 2020"},
		Progress: []*agreement.ProgressEntry{{Status: agreement.OnTrack, Note: "niet in de vingerafdruk"}}}
	s2.Items = []*agreement.Item{bouw}
	s1.Sections = []*agreement.Section{s2}
	s3 := &agreement.Section{ID: "b", Title: "Regels", Number: "Bijlage 1", Annex: true, Body: agreement.Markdown{Source: "Tekst."},
		Figures: []*agreement.Figure{
			{Kind: agreement.Stock, AsOf: agreement.NewDate(2022, 5, 0), Source: "Bron", Value: f(330), Approximate: true},
			{Kind: agreement.Stock, AsOf: agreement.NewDate(2023, 5, 0), Source: "Voorbeeld", Value: f(1), Illustrative: true},
		}}
	ag := &agreement.Agreement{ID: "x", Title: "Afspraken", ShortTitle: "Afspraken Dorp", Municipality: "Dorp",
		Period: agreement.Period{From: 2025, To: 2028}, Status: agreement.Signed, Signing: agreement.Digital,
		SigningNote: "Ondertekend met een gekwalificeerde handtekening.", PreambleTitle: "Vooraf", Preamble: agreement.Markdown{Source: "Partijen, overwegende dat …"},
		Parties: []*agreement.Party{gem, cor}, Groups: []*agreement.PartyGroup{grp}, Sections: []*agreement.Section{s1, s3}, Monitoring: []int{2, 4}}
	const want = `{"Format":"prestatie-fingerprint/2","Title":"Afspraken","ShortTitle":"Afspraken Dorp","Municipality":"Dorp","Period":[2025,2028],"Reference":"","Date":"","Signing":"digital","SigningNote":"Ondertekend met een gekwalificeerde handtekening.","Parties":[{"Name":"Gemeente Dorp","Kind":"municipality","Label":"gemeente","Group":"Gemeenten","Tagline":"","Signatories":[["A. de Vries","wethouder","Dorp"]]},{"Name":"Corporatie","Kind":"corporation","Label":"Corporatie","Group":"Corporaties","Tagline":"thuis","Signatories":null}],"Groups":[{"Name":"de negen corporaties in de regio","Kind":"corporation","Count":9}],"PreambleTitle":"Vooraf","Preamble":"Partijen, overwegende dat …","Items":null,"Figures":null,"Sections":[{"Path":"1","Number":"1","Title":"Bepalingen","Annex":false,"Area":"","Year":0,"Parties":null,"Body":"1. Looptijd.\n2. Opzegging. {#op}","Figures":null,"Items":[{"ID":"op","Kind":"provision","Number":"2","Text":"Opzegging.","Binds":{"All":false,"Kinds":null,"Named":null,"Groups":null},"Target":null,"Items":null}]},{"Path":"1/1","Number":"","Title":"Wijk Noord","Annex":false,"Area":"Noord","Year":2025,"Parties":["Corporatie"],"Body":"- Bouwen {#bouw}","Figures":null,"Items":[{"ID":"bouw","Kind":"commitment","Number":"","Text":"Bouwen","Binds":{"All":false,"Kinds":["corporation"],"Named":["Gemeente Dorp"],"Groups":["de negen corporaties in de regio"]},"Target":{"Value":"","Min":"20","Max":"40.5","Trend":"","Unit":"woningen","Due":"2028-2031","Note":"prijspeil 2020"},"Items":null}]},{"Path":"2","Number":"Bijlage 1","Title":"Regels","Annex":true,"Area":"","Year":0,"Parties":null,"Body":"Tekst.","Figures":[{"Kind":"stock","AsOf":"2022-05","Source":"Bron","Title":"","Approximate":true,"Value":"330","Unit":"","Values":null,"Goal":null}],"Items":null}]}
`
	got := string(canonical(ag))
	if got != want {
		t.Errorf("normalised source:\n got %s\nwant %s", got, want)
	}
	const wantSum = "aac23105285ea2f2b178523d4eff57af92ece73a4e33c82399e602b94b09ce6a"
	if fp := Fingerprint(ag); fp != wantSum {
		t.Errorf("fingerprint %s, pinned %s", fp, wantSum)
	}
}
