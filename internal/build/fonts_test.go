package build

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/prestatie/prestatie/internal/testfont"
)

const fontAgreement = "---\ntitle: Afspraken\nmunicipality: Dorp\nperiod: {from: 2025, to: 2025}\nstatus: signed\nparties:\n  - {id: a, name: Gemeente, kind: municipality}\n  - {id: b, name: Corp, kind: corporation}\n---\nHet teken 中 staat in de tekst.\n"

// TestPDFFonts: a font of pdf_fonts takes away the warning about what it
// prints; a setting the PDF cannot use is an error at its place.
func TestPDFFonts(t *testing.T) {
	t.Parallel()
	ttf := testfont.CJK(t)
	site := func(cfg string) fstest.MapFS {
		return fstest.MapFS{
			"prestatie.yaml":           {Data: []byte(cfg)},
			"content/x-2025/_index.md": {Data: []byte(fontAgreement)},
			"fonts/cjk.ttf":            {Data: ttf},
			"fonts/cjk.otf":            {Data: append([]byte("OTTO"), ttf[4:]...)},
			"fonts/cjk.ttc":            {Data: append([]byte("ttcf"), ttf[4:]...)},
			"fonts/leeg.ttf":           {Data: []byte("geen lettertype")},
		}
	}
	_, _, ds, err := Render(site("title: X\npdf_fonts: [fonts/cjk.ttf]\n"), Options{NoPDF: true}, "")
	if err != nil || ds.HasErrors() || strings.Contains(ds.Error(), "中") {
		t.Errorf("with the font: want no error and no warning about 中, got %v\n%v", err, ds)
	}
	_, _, ds, _ = Render(site("title: X\n"), Options{NoPDF: true}, "")
	if !strings.Contains(ds.Error(), `"中" (U+4E2D) staat in geen lettertype`) {
		t.Errorf("without the font: want the warning about 中, got\n%v", ds)
	}

	cfg := "title: X\npdf_fonts:\n  - fonts/cjk.otf\n  - fonts/cjk.ttc\n  - fonts/leeg.ttf\n  - fonts/weg.ttf\n  - /etc/font.ttf\n  - ../font.ttf\n"
	_, _, ds, _ = Render(site(cfg), Options{NoPDF: true}, "")
	got := ds.Error()
	for _, want := range []string{
		`prestatie.yaml:3:5: pdf_fonts "fonts/cjk.otf": OpenType met CFF-contouren (.otf) kan de pdf niet insluiten: gebruik de TrueType-versie (.ttf)`,
		`prestatie.yaml:4:5: pdf_fonts "fonts/cjk.ttc": een lettertypecollectie (.ttc)`,
		`prestatie.yaml:5:5: pdf_fonts "fonts/leeg.ttf": geen TrueType-lettertype`,
		`prestatie.yaml:6:5: pdf_fonts "fonts/weg.ttf" niet gevonden in de map van de site`,
		`prestatie.yaml:7:5: pdf_fonts "/etc/font.ttf": geef een pad in de map van de site`,
		`prestatie.yaml:8:5: pdf_fonts "../font.ttf": geef een pad in de map van de site`,
		`"中" (U+4E2D) staat in geen lettertype`,
	} {
		if !strings.Contains(got, want) {
			t.Errorf("missing %q in\n%s", want, got)
		}
	}
	_, _, ds, _ = Render(site("pdf_fonts: fonts/cjk.ttf\n"), Options{NoPDF: true}, "")
	if !strings.Contains(ds.Error(), "prestatie.yaml:1:12: pdf_fonts moet een lijst zijn") {
		t.Errorf("want an error for a font that is not in a list, got\n%v", ds)
	}
}

// TestPDFFontOutsideSite: a link to a font outside the site folder is
// refused, as every link that leaves it.
func TestPDFFontOutsideSite(t *testing.T) {
	t.Parallel()
	ttf := testfont.CJK(t)
	outside := filepath.Join(t.TempDir(), "cjk.ttf")
	dir := t.TempDir()
	for p, b := range map[string][]byte{
		outside:                              ttf,
		filepath.Join(dir, "prestatie.yaml"): []byte("pdf_fonts: [fonts/cjk.ttf]\n"),
		filepath.Join(dir, "content/x-2025/_index.md"): []byte(fontAgreement),
	} {
		os.MkdirAll(filepath.Dir(p), 0o755)
		if err := os.WriteFile(p, b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	os.MkdirAll(filepath.Join(dir, "fonts"), 0o755)
	if err := os.Symlink(outside, filepath.Join(dir, "fonts", "cjk.ttf")); err != nil {
		t.Skip(err)
	}
	_, ds := Check(Options{Source: dir})
	if !strings.Contains(ds.Error(), `prestatie.yaml:1:13: pdf_fonts "fonts/cjk.ttf" niet leesbaar in de map van de site (symbolische link wijst buiten de map van de site)`) {
		t.Errorf("want the link refused at the setting, got\n%v", ds)
	}
}

// TestPDFFontInCacheKey: changing the font file renders the PDF again,
// though it lies outside templates/, themes/ and static/.
func TestPDFFontInCacheKey(t *testing.T) {
	t.Parallel()
	ttf := testfont.CJK(t)
	src := t.TempDir()
	for p, b := range map[string][]byte{
		"prestatie.yaml":           []byte("pdf_fonts: [fonts/cjk.ttf]\n"),
		"content/x-2025/_index.md": []byte(fontAgreement),
		"fonts/cjk.ttf":            ttf,
	} {
		os.MkdirAll(filepath.Dir(filepath.Join(src, p)), 0o755)
		if err := os.WriteFile(filepath.Join(src, p), b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	dest := filepath.Join(t.TempDir(), "public")
	opt := Options{Source: src, Dest: dest}
	buildOK(t, opt)
	pdf := filepath.Join(dest, "x-2025", "x-2025.pdf")
	first := inode(t, pdf)
	buildOK(t, opt)
	if inode(t, pdf) != first {
		t.Fatal("an unchanged site rendered its PDF again")
	}
	changed := append([]byte{}, ttf...)
	changed[len(changed)-1] ^= 0xFF // a byte of the last table; still a font
	if err := os.WriteFile(filepath.Join(src, "fonts", "cjk.ttf"), changed, 0o644); err != nil {
		t.Fatal(err)
	}
	buildOK(t, opt)
	if inode(t, pdf) == first {
		t.Error("a changed font kept the old PDF")
	}
}
