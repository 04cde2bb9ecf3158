package site_test

import (
	"io/fs"
	"os"
	"testing"

	"github.com/prestatie/prestatie"
	"github.com/prestatie/prestatie/internal/content"
	"github.com/prestatie/prestatie/internal/corpus"
	"github.com/prestatie/prestatie/internal/site"
)

// BenchmarkRender renders the pages of a generated corpus of 20
// agreements, loaded once, handing each file to an Emit that drops it
// (as a build does): the template execution, Markdown and search index
// without content loading or disk writes.
//
//	go test ./internal/site -run '^$' -bench Render -benchmem -cpuprofile cpu.out
func BenchmarkRender(b *testing.B) {
	dir := b.TempDir()
	if err := corpus.Write(dir, 20); err != nil {
		b.Fatal(err)
	}
	s, ds := content.Load(os.DirFS(dir), content.Options{})
	if ds.HasErrors() {
		b.Fatal(ds)
	}
	tmpl, _ := fs.Sub(prestatie.Templates, "templates")
	theme, _ := fs.Sub(prestatie.Themes, "themes/default")
	for b.Loop() {
		_, err := site.Render(s, site.Options{Templates: tmpl, Theme: theme, ECharts: stubECharts,
			Emit: func(site.File) error { return nil }})
		if err != nil {
			b.Fatal(err)
		}
	}
}
