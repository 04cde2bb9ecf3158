package pdf

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/prestatie/prestatie/internal/content"
	"github.com/prestatie/prestatie/internal/testfont"
)

const cjkSite = "---\ntitle: Afspraken 中\nmunicipality: Dorp\nperiod: {from: 2025, to: 2025}\nstatus: signed\nparties:\n  - {id: a, name: Gemeente, kind: municipality}\n  - {id: b, name: Corp, kind: corporation}\n---\nHet teken 中 staat in de tekst.\n"

// TestExtraFontPrintsWhatOthersLack: a character only the site's further
// font has is printed in it (pdftotext reads it back) and not warned
// about; without the font it is printed as U+FFFD and warned about.
func TestExtraFontPrintsWhatOthersLack(t *testing.T) {
	t.Parallel()
	ttf := testfont.CJK(t)
	s, ds := content.Load(fstest.MapFS{"content/x-2025/_index.md": {Data: []byte(cjkSite)}}, content.Options{})
	if ds.HasErrors() {
		t.Fatal(ds)
	}
	ag := s.Agreements[0]
	fonts := []Font{{Name: "fonts/cjk.ttf", TTF: ttf}}

	if ws := Unprintable(ag, nil); !strings.Contains(ws.Error(), `"中" (U+4E2D) staat in geen lettertype`) {
		t.Errorf("without the font, want a warning about 中, got %v", ws)
	}
	if ws := Unprintable(ag, fonts); len(ws) != 0 {
		t.Errorf("with the font, want no warning, got %v", ws)
	}

	with, err := Render(ag, Options{Fonts: fonts})
	if err != nil {
		t.Fatal(err)
	}
	text := strings.Join(texts(t, with), "\n")
	if !strings.Contains(text, "Het teken 中 staat") || !strings.Contains(text, "Afspraken 中") || strings.Contains(text, "\uFFFD") {
		t.Errorf("with the font, want 中 in the text, got:\n%s", text)
	}
	if fs := runTool(t, "pdffonts", writeTemp(t, with)); !regexp.MustCompile(`(?m)^utf8extra\S+ +CID TrueType +Identity-H +yes`).MatchString(fs) {
		t.Errorf("want the further font embedded:\n%s", fs)
	}
	again, err := Render(ag, Options{Fonts: fonts})
	if err != nil || !bytes.Equal(with, again) {
		t.Errorf("not deterministic with a further font (err %v)", err)
	}

	without, err := Render(ag, Options{})
	if err != nil {
		t.Fatal(err)
	}
	text = strings.Join(texts(t, without), "\n")
	if strings.Contains(text, "中") || !strings.Contains(text, "Het teken \uFFFD staat") {
		t.Errorf("without the font, want U+FFFD for 中, got:\n%s", text)
	}
}

func TestCheckFont(t *testing.T) {
	t.Parallel()
	ttf := testfont.CJK(t)
	restricted := bytes.Clone(ttf)
	tests := []struct {
		name string
		data []byte
		want string // "" = accepted
	}{
		{"ttf", ttf, ""},
		{"otf", append([]byte("OTTO"), ttf[4:]...), "CFF-contouren (.otf)"},
		{"ttc", append([]byte("ttcf"), ttf[4:]...), "lettertypecollectie (.ttc)"},
		{"woff", append([]byte("wOFF"), ttf[4:]...), "weblettertype"},
		{"text", []byte("dit is geen lettertype"), "geen TrueType-lettertype"},
		{"short", []byte("OTTO"), "te kort"},
		{"restricted", setFSType(t, restricted, 0x0002), "licentie"},
	}
	for _, tt := range tests {
		err := CheckFont(tt.data)
		switch {
		case tt.want == "" && err != nil:
			t.Errorf("%s: %v", tt.name, err)
		case tt.want != "" && (err == nil || !strings.Contains(err.Error(), tt.want)):
			t.Errorf("%s: got %v, want %q", tt.name, err, tt.want)
		}
	}
}

// setFSType sets the embedding permissions of the font's OS/2 table.
func setFSType(t *testing.T, ttf []byte, v uint16) []byte {
	n := int(ttf[4])<<8 | int(ttf[5])
	for i := range n {
		rec := ttf[12+16*i:]
		if string(rec[:4]) == "OS/2" {
			off := int(rec[8])<<24 | int(rec[9])<<16 | int(rec[10])<<8 | int(rec[11])
			ttf[off+8], ttf[off+9] = byte(v>>8), byte(v)
			return ttf
		}
	}
	t.Skip("test font has no OS/2 table")
	return nil
}

// TestExtraFaceRunsHaveTheirGlyphs: every drawn run, the invisible space
// that ends a line included, is in a face that has its characters; a
// further font without a space (as the test font) would otherwise draw
// its empty box for the spaces around the characters it prints.
func TestExtraFaceRunsHaveTheirGlyphs(t *testing.T) {
	t.Parallel()
	extra, err := registerFonts([]Font{{Name: "cjk.ttf", TTF: testfont.CJK(t)}})
	if err != nil {
		t.Fatal(err)
	}
	st := textStyle{Extra: extra, Size: 11, Lead: 1.4}
	for _, s := range []string{"Het teken 中 staat", "Afspraken 中", "中 中 中", "**vet 中** en 中"} {
		for _, l := range layout([]span{{Text: clean(s)}}, st, 40) {
			for _, r := range wordEnd(l).Runs {
				for _, c := range r.Text {
					if !has(r.Face, c) {
						t.Errorf("%q: run %q in face %d, which lacks %q", s, r.Text, r.Face, c)
					}
				}
			}
		}
	}
}

// BenchmarkRenderExtraFont measures what a large further font costs a
// document that uses it: GNU Unifont's 12 MB TrueType with CJK, from
// pdfcpu's test data when that module is in the module cache.
func BenchmarkRenderExtraFont(b *testing.B) {
	out, err := exec.Command("go", "list", "-m", "-f", "{{.Dir}}", "github.com/pdfcpu/pdfcpu").Output()
	if err != nil {
		b.Skipf("go list -m github.com/pdfcpu/pdfcpu: %v", err)
	}
	ttf, err := os.ReadFile(filepath.Join(strings.TrimSpace(string(out)), "pkg", "testdata", "fonts", "unifont_jp-13.0.03.ttf"))
	if err != nil {
		b.Skipf("unifont: %v", err)
	}
	ft, err := NewFont("unifont.ttf", ttf)
	if err != nil {
		b.Fatal(err)
	}
	s, ds := content.Load(fstest.MapFS{"content/x-2025/_index.md": {Data: []byte(cjkSite + "\n日本語の文章、住宅の約束。\n")}}, content.Options{})
	if ds.HasErrors() {
		b.Fatal(ds)
	}
	for _, fonts := range [][]Font{nil, {ft}} {
		b.Run(map[bool]string{true: "zonder", false: "unifont"}[fonts == nil], func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if _, err := Render(s.Agreements[0], Options{Fonts: fonts}); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
