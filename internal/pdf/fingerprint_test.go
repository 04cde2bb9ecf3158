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
		"YAML reformatted": edit(t, base, afspraak, "target: {value: 12, unit: woningen}",
			"target:\n      value: 12\n      unit: woningen"),
		"trailing newlines":  edit(t, base, afspraak, "betaalbare koop.", "betaalbare koop.\n\n\n"),
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
		"the contribution order":        edit(t, base, agreementFile, "contribution_order: [leystromen, gemeente]", "contribution_order: [gemeente, leystromen]"),
		"a party bound":                 edit(t, base, afspraak, "party: gemeente\n    text: >-\n      Potentiële", "party: leystromen\n    text: >-\n      Potentiële"),
	}
	for name, m := range differ {
		if got := Fingerprint(loadFS(t, m)); got == fp {
			t.Errorf("%s: fingerprint did not change", name)
		}
	}
}

func TestCanonicalHasNoProgress(t *testing.T) {
	c := string(canonical(load(t, root)))
	for _, bad := range []string{"Bouw gestart", "Illustratief", "on-track", "de-ligt-iv", "alphen-chaam-2023-2024"} {
		if strings.Contains(c, bad) {
			t.Errorf("normalised source contains %q", bad)
		}
	}
	for _, want := range []string{`"Oplevering 12 grondgebonden huurwoningen in De Ligt IV"`, `"Value":"12"`, `"Group":"Bijdrage Leystromen"`} {
		if !strings.Contains(c, want) {
			t.Errorf("normalised source lacks %s", want)
		}
	}
}
