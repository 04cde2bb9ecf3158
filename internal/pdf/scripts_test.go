package pdf

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestRightToLeftOrder: a line is printed in visual order: Hebrew and
// Arabic words reversed, a number after them kept left to right and put
// before them, brackets mirrored, Arabic letters joined; Latin untouched.
func TestRightToLeftOrder(t *testing.T) {
	t.Parallel()
	if err := loadMetrics(); err != nil {
		t.Fatal(err)
	}
	st := textStyle{Size: 10, Lead: 1.4}
	for _, tc := range []struct{ in, want string }{
		{"Huur en woning 2025", "Huur en woning 2025"},
		{"Huur שלום עולם end", "Huur םלוע םולש end"},
		{"Huur שלום עולם 123 end", "Huur 123 םלוע םולש end"},
		{"x שלום (עולם) y", "x (םלוע) םולש y"},
		{"de naam سلام is", "de naam \uFEE1\uFEFC\uFEB3 is"},
		{"مرحبا", "\uFE8E\uFE92\uFEA3\uFEAE\uFEE3"},
		{"x שלום (2025) y", "x (2025) םולש y"},
		{"x (שלום) y", "x (םולש) y"},
		// a vowel mark precedes its letter, in DejaVu Sans, which draws it
		// over the glyph after it (TestFallbackFace)
		{"x שָלום y", "x םולָש y"},
		{"مَرحبا", "\uFE8E\uFE92\uFEA3\uFEAE\u064E\uFEE3"},
	} {
		lines := layout([]span{{Text: clean(tc.in)}}, st, 1000)
		if got := lines[0].text(); got != tc.want {
			t.Errorf("%q: %q, want %q", tc.in, got, tc.want)
		}
	}
}

// TestFallbackFace: what Liberation Sans lacks (Arabic, ✓) is printed in
// DejaVu Sans, in a run of its own, in the weight of its text.
func TestFallbackFace(t *testing.T) {
	t.Parallel()
	if err := loadMetrics(); err != nil {
		t.Fatal(err)
	}
	st := textStyle{Size: 10, Lead: 1.4}
	lines := layout([]span{{Text: clean("Gereed ✓ en ")}, {Text: clean("سلام"), Bold: true}, {Text: clean(" en שָלום")}}, st, 1000)
	var faces []string
	for _, r := range lines[0].Runs {
		faces = append(faces, r.Face.family()+"/"+string(r.Face.style())+":"+strings.TrimSpace(r.Text))
	}
	want := "liberation/:Gereed|dejavu/:✓|liberation/:en|dejavu/B:\uFEE1\uFEFC\uFEB3|liberation/:en םול|dejavu/:\u05B8|liberation/:ש" // visual order
	if got := strings.Join(faces, "|"); got != want {
		t.Errorf("runs %q, want %q", got, want)
	}
}

// TestScriptsInPDF: Greek, Cyrillic, Hebrew and Arabic are printed, the
// last in DejaVu Sans, embedded only then; CJK and emoji are printed as
// the replacement character, never as "[U+".
func TestScriptsInPDF(t *testing.T) {
	need(t, "pdffonts")
	need(t, "pdftotext")
	ag := load(t, root)
	ag.Preamble.Source = "Grieks Ωμέγα, Russisch Жилищный фонд, Hebreeuws שלום עולם, Arabisch مرحبا بكم, Chinees 住房 en een huis 🏠.\n"
	pdf, err := Render(ag, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if dir := os.Getenv("PDF_KEEP"); dir != "" {
		os.WriteFile(filepath.Join(dir, "scripts.pdf"), pdf, 0o644)
	}
	file := writeTemp(t, pdf)
	if fonts := runTool(t, "pdffonts", file); !strings.Contains(fonts, "dejavu") {
		t.Errorf("DejaVu Sans is not embedded:\n%s", fonts)
	}
	text := strings.Join(texts(t, pdf), "")
	for _, want := range []string{"Grieks Ωμέγα", "Russisch Жилищный фонд", "Chinees \uFFFD\uFFFD en een huis \uFFFD."} {
		if !strings.Contains(text, want) {
			t.Errorf("%q is missing", want)
		}
	}
	for _, word := range []string{"שלום", "עולם"} { // in either order: pdftotext may reorder
		if !strings.Contains(text, word) && !strings.Contains(text, reverse(word)) {
			t.Errorf("%q is missing", word)
		}
	}
	if strings.Contains(text, "[U+") {
		t.Error(`the PDF prints "[U+"`)
	}
	_, plain := renderSite(t, root)
	if fonts := runTool(t, "pdffonts", writeTemp(t, plain)); strings.Contains(fonts, "dejavu") {
		t.Errorf("a Latin text embeds DejaVu Sans:\n%s", fonts)
	}
}

func reverse(s string) string {
	rs := []rune(s)
	for i, j := 0, len(rs)-1; i < j; i, j = i+1, j-1 {
		rs[i], rs[j] = rs[j], rs[i]
	}
	return string(rs)
}
