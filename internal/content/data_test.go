package content

import (
	"strings"
	"testing"
	"testing/fstest"

	a "github.com/prestatie/prestatie/internal/agreement"
)

// TestPublicationKeys: data_licence and accessibility are read with their
// types, and wrong values are reported at their line.
func TestPublicationKeys(t *testing.T) {
	t.Parallel()
	load := func(cfg string) (*a.Site, string) {
		s, ds := Load(fstest.MapFS{"prestatie.yaml": {Data: []byte(cfg)}, "content/.leeg": {}}, Options{})
		return s, ds.Error()
	}
	s, msg := load("data_licence: CC-BY-4.0\naccessibility:\n  status: partially-compliant\n  checked: 2026-03-01\n  contact: toegankelijkheid@example.nl\n")
	if msg != "" {
		t.Fatalf("valid keys refused: %s", msg)
	}
	acc := s.Publication.Accessibility
	if s.Publication.DataLicence != "CC-BY-4.0" || acc.Status != "partially-compliant" || acc.Checked != a.NewDate(2026, 3, 1) || acc.Contact != "toegankelijkheid@example.nl" {
		t.Errorf("decoded %+v", s.Publication)
	}
	if s, _ := load("title: x\n"); s.Publication != (a.Publication{}) {
		t.Errorf("without keys: %+v, want the zero value (the site fills in CC0 and says nothing is stated)", s.Publication)
	}
	for cfg, want := range map[string]string{
		"data_licence: \"\"\n":                         "prestatie.yaml:1:15: data_licence is leeg",
		"accessibility: {status: A}\n":                 "prestatie.yaml:1:25: accessibility.status \"A\" is niet toegestaan",
		"accessibility: {checked: 2026-13-01}\n":       "prestatie.yaml:1:26: accessibility.checked",
		"accessibility: {contact: javascript:alert}\n": "prestatie.yaml:1:26: accessibility.contact \"javascript:alert\"",
		"accessibility: {contact: mail@}\n":            "accessibility.contact",
		"accessibility: {statement: x}\n":              "statement",
	} {
		if _, msg := load(cfg); !strings.Contains(msg, want) {
			t.Errorf("%q: got %q, want %q", cfg, msg, want)
		}
	}
}
