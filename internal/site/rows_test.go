package site_test

import (
	"io/fs"
	"regexp"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/prestatie/prestatie"
)

// templatesWith are the embedded templates, each changed by edit.
func templatesWith(t *testing.T, edit func(name, text string) string) fstest.MapFS {
	t.Helper()
	tmpl, _ := fs.Sub(prestatie.Templates, "templates")
	own := fstest.MapFS{}
	err := fs.WalkDir(tmpl, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := fs.ReadFile(tmpl, p)
		own[p] = &fstest.MapFile{Data: []byte(edit(p, string(b)))}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return own
}

func renderWith(t *testing.T, dir string, tmpl fs.FS) map[string]string {
	t.Helper()
	return renderEdited(t, dir, tmpl, nil) // fast_test.go
}

// A site's own row template that shows the page it is on is rendered for
// every page: the rows of the lists of afspraken are shared among pages
// only when the template cannot tell them apart.
func TestOwnRowTemplateReadsPage(t *testing.T) {
	t.Parallel()
	own := templatesWith(t, func(name, text string) string {
		if name != "partials-progress.html" {
			return text
		}
		text = strings.Replace(text, `{{define "commitment-row"}}`, `{{define "default-row"}}`, 1)
		return text + `{{define "commitment-row"}}<tr><td>{{.Page.Path}}</td></tr>{{end}}`
	})
	lists := 0
	for p, data := range renderWith(t, "../..", own) {
		if !strings.Contains(p, "/voortgang/afspraken/") || !strings.HasSuffix(p, "index.html") {
			continue
		}
		lists++
		want := "<tr><td>" + strings.TrimSuffix(p, "index.html") + "</td></tr>"
		if !strings.Contains(data, want) {
			t.Errorf("%s: no row %s", p, want)
		}
	}
	if lists < 2 {
		t.Fatalf("%d lists of afspraken rendered, want several", lists)
	}
}

// Templates that render every part in place, without the memo of rows
// and shared parts (as a site's own templates may), give the same pages.
func TestSharedPartsSameAsInPlace(t *testing.T) {
	t.Parallel()
	shared := regexp.MustCompile(`\{\{(-?) ?shared ("[a-z-]+") ([^}]+)\}\}`)
	row := regexp.MustCompile(`\{\{commitmentRow ([^}]+)\}\}`)
	rows := regexp.MustCompile(`\{\{(-?) ?commitmentRows (\$[a-z]+) (\$[a-z]+|\.[A-Za-z]*) ([^}]+)\}\}`)
	inPlace := templatesWith(t, func(name, text string) string {
		text = shared.ReplaceAllString(text, `{{$1 template $2 $3}}`)
		text = row.ReplaceAllString(text, `{{template "commitment-row" (row $1)}}`)
		text = rows.ReplaceAllString(text, `{{$1 range $3}}{{template "commitment-row" (row $2 . $4)}}{{end}}`)
		if strings.Contains(text, "{{shared") || strings.Contains(text, "{{- shared") || strings.Contains(text, "{{commitmentRow") {
			t.Fatalf("%s: a memo call is left", name)
		}
		return text
	})
	for _, dir := range []string{"../..", "../../testdata/sites/huisstijl", "../../testdata/sites/twee"} {
		want := renderWith(t, dir, inPlace)
		got := renderWith(t, dir, templatesWith(t, func(_, text string) string { return text }))
		if len(got) != len(want) {
			t.Errorf("%s: %d files, in place %d", dir, len(got), len(want))
		}
		for p, w := range want {
			if got[p] != w {
				t.Errorf("%s: %s differs from the page rendered in place", dir, p)
			}
		}
	}
}
