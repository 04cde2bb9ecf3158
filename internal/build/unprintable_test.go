package build

import (
	"strings"
	"testing"
	"testing/fstest"
)

// TestUnprintableWarned: characters the PDF cannot print as written are
// warnings of check and build, at their place, once per run of text; the
// build goes on (the site shows them).
func TestUnprintableWarned(t *testing.T) {
	t.Parallel()
	fsys := fstest.MapFS{
		"content/x-2025/_index.md": {Data: []byte("---\ntitle: Afspraken 🏠\nmunicipality: Dorp\nperiod: {from: 2025, to: 2025}\nstatus: signed\nparties:\n  - {id: a, name: Gemeente, kind: municipality}\n  - {id: b, name: Corp, kind: corporation}\n---\nWelkom שלום en 中文, Ωμέγα, مرحبا en café. Nog eens 中文.\n")},
	}
	_, s, ds, err := Render(fsys, Options{}, "")
	if err != nil || ds.HasErrors() || s == nil {
		t.Fatalf("render: %v\n%v", err, ds)
	}
	got := ds.Error()
	for _, want := range []string{
		`content/x-2025/_index.md:2:1: waarschuwing: "🏠" (U+1F3E0) staat in geen lettertype van de pdf en wordt daar als '�' gedrukt`,
		`content/x-2025/_index.md:10:16: waarschuwing: "中文" (U+4E2D U+6587) staat in geen lettertype van de pdf`,
	} {
		if !strings.Contains(got, want) {
			t.Errorf("missing %q in\n%s", want, got)
		}
	}
	if strings.Count(got, "中文") != 1 || strings.Contains(got, "Ωμέγα") || strings.Contains(got, "café") || strings.Contains(got, "שלום") || strings.Contains(got, "مرحبا") {
		t.Errorf("one warning per run of text, none for Greek, Hebrew, Arabic or accents:\n%s", got)
	}
}
