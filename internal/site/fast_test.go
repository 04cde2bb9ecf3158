package site_test

import (
	"io/fs"
	"os"
	"strings"
	"testing"

	a "github.com/prestatie/prestatie/internal/agreement"
	"github.com/prestatie/prestatie/internal/corpus"
)

// The templates Go renders (fast.go) give the pages the templates give:
// every test site, the default site and a small generated corpus are
// rendered with the embedded templates and with the same templates
// changed so that Go does not recognise them (an action that writes
// nothing), file for file.
func TestFastSameAsTemplates(t *testing.T) {
	t.Parallel()
	own := templatesWith(t, func(name, text string) string {
		for _, def := range []string{`{{define "item-meta"}}`, `{{define "commitment-row"}}`, `{{define "headline-figures"}}`, `{{define "filter-group"}}`, `{{define "crumbs"}}`, `{{define "chart"}}`, `<!DOCTYPE html>`} {
			text = strings.Replace(text, def, def+`{{""}}`, 1)
		}
		if name == "section.html" || name == "commitments.html" || name == "report.html" {
			text = strings.Replace(text, `{{define "main"}}`, `{{define "main"}}{{""}}`, 1)
		}
		return text
	})
	embedded := templatesWith(t, func(_, text string) string { return text })
	gen := t.TempDir()
	if err := corpus.Write(gen, 3); err != nil {
		t.Fatal(err)
	}
	dirs := []string{"../..", gen}
	for _, s := range []string{"bepalingen", "digitaal", "gemengd", "hostile", "huisstijl", "kader", "nummering", "regio", "regionaal", "twee"} {
		dirs = append(dirs, "../../testdata/sites/"+s)
	}
	// A draft shown in the preview has a banner in the frame; the lists of
	// sections name an area that is not in the title; a report's
	// narrative without a title is the "Toelichting".
	draft := func(s *a.Site) {
		s.Agreements[0].Draft = true
		for _, rep := range s.Agreements[0].Reports {
			rep.Title = ""
		}
		s.Agreements[0].EachSection(func(sec *a.Section) {
			if sec.Parent != nil && sec.Area == "" {
				sec.Area = "Dorp & <buurt>"
			}
		})
	}
	// An agreement without afspraken has lists that say so.
	none := func(s *a.Site) {
		s.Agreements[0].EachItem(func(it *a.Item) { it.Kind, it.Progress = a.Provision, nil })
	}
	edits := map[int]func(*a.Site){len(dirs): draft, len(dirs) + 1: none, len(dirs) + 2: draft}
	for i, dir := range append(dirs, "../..", "../..", "../../testdata/sites/twee") {
		edit := edits[i]
		want := renderEdited(t, dir, own, edit)
		got := renderEdited(t, dir, embedded, edit)
		if len(got) != len(want) {
			t.Errorf("%s: %d files, with the templates %d", dir, len(got), len(want))
		}
		for p, w := range want {
			if got[p] != w {
				t.Errorf("%s: %s differs from the page the templates render", dir, p)
			}
		}
	}
}

// renderEdited renders the site in dir with templates tmpl, its model
// changed by edit when that is set.
func renderEdited(t *testing.T, dir string, tmpl fs.FS, edit func(*a.Site)) map[string]string {
	t.Helper()
	s := load(t, os.DirFS(dir))
	if edit != nil {
		edit(s)
	}
	return renderTemplates(t, s, "", tmpl) // site_test.go
}
