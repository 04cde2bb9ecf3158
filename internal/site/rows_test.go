package site_test

import (
	"io/fs"
	"os"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/prestatie/prestatie"
	"github.com/prestatie/prestatie/internal/site"
)

// A site's own row template that shows the page it is on is rendered for
// every page: the rows of the lists of afspraken are shared among pages
// only when the template cannot tell them apart.
func TestOwnRowTemplateReadsPage(t *testing.T) {
	t.Parallel()
	tmpl, _ := fs.Sub(prestatie.Templates, "templates")
	own := fstest.MapFS{}
	err := fs.WalkDir(tmpl, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := fs.ReadFile(tmpl, p)
		if p == "partials-progress.html" {
			old := strings.Replace(string(b), `{{define "commitment-row"}}`, `{{define "default-row"}}`, 1)
			b = []byte(old + `{{define "commitment-row"}}<tr><td>{{.Page.Path}}</td></tr>{{end}}`)
		}
		own[p] = &fstest.MapFile{Data: b}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	theme, _ := fs.Sub(prestatie.Themes, "themes/default")
	out, err := site.Render(load(t, os.DirFS("../..")), site.Options{Templates: own, Theme: theme, ECharts: stubECharts})
	if err != nil {
		t.Fatal(err)
	}
	lists := 0
	for _, f := range out.Files {
		if !strings.Contains(f.Path, "/voortgang/afspraken/") || !strings.HasSuffix(f.Path, "index.html") {
			continue
		}
		lists++
		want := "<tr><td>" + strings.TrimSuffix(f.Path, "index.html") + "</td></tr>"
		if !strings.Contains(string(f.Data), want) {
			t.Errorf("%s: no row %s", f.Path, want)
		}
	}
	if lists < 2 {
		t.Fatalf("%d lists of afspraken rendered, want several", lists)
	}
}
