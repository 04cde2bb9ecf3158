package zzdump

import (
	"io/fs"
	"os"
	"path/filepath"
	"testing"

	"github.com/prestatie/prestatie"
	"github.com/prestatie/prestatie/internal/charts"
	"github.com/prestatie/prestatie/internal/content"
	"github.com/prestatie/prestatie/internal/site"
)

func TestRender(t *testing.T) {
	for name, dir := range map[string]string{"default": "../../..", "regio": "../../../testdata/sites/regio", "twee": "../../../testdata/sites/twee", "hostile": "../../../testdata/sites/hostile"} {
		s, ds := content.Load(os.DirFS(dir), content.Options{})
		if ds.HasErrors() {
			t.Log(name, ds)
		}
		tmpl, _ := fs.Sub(prestatie.Templates, "templates")
		theme, _ := fs.Sub(prestatie.Themes, "themes/default")
		out, err := site.Render(s, site.Options{Templates: tmpl, Theme: theme, ECharts: func() (*charts.ECharts, error) { return &charts.ECharts{}, nil }})
		if err != nil {
			t.Fatal(name, err)
		}
		for _, f := range out.Files {
			p := filepath.Join("/tmp/out1", name, f.Path)
			os.MkdirAll(filepath.Dir(p), 0o755)
			os.WriteFile(p, f.Data, 0o644)
		}
	}
}
