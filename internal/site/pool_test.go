package site_test

import (
	"io/fs"
	"os"
	"sync"
	"testing"

	"github.com/prestatie/prestatie"
	"github.com/prestatie/prestatie/internal/corpus"
	"github.com/prestatie/prestatie/internal/site"
)

// TestEmitDone renders a site twice: kept whole, and handed to an Emit
// that copies each file, then spoils its data and gives the buffer back
// (File.Done), as a build's writer does once the file is on disk. The two
// must be the same: nothing reads a page's data after Emit, and a buffer
// used again for another page starts empty.
func TestEmitDone(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	if err := corpus.Write(dir, 3); err != nil {
		t.Fatal(err)
	}
	s := load(t, os.DirFS(dir))
	want := renderSite(t, s, "/")

	tmpl, _ := fs.Sub(prestatie.Templates, "templates")
	theme, _ := fs.Sub(prestatie.Themes, "themes/default")
	var mu sync.Mutex
	got := map[string]string{}
	out, err := site.Render(s, site.Options{BaseURL: "/", Templates: tmpl, Theme: theme, ECharts: stubECharts,
		Emit: func(f site.File) error {
			mu.Lock()
			got[f.Path] = string(f.Data)
			mu.Unlock()
			for i := range f.Data {
				f.Data[i] = 'X'
			}
			f.Done()
			return nil
		}})
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range out.Files {
		if f.Data != nil {
			got[f.Path] = string(f.Data)
		}
	}
	if len(got) != len(want) {
		t.Errorf("%d files with Emit, %d without", len(got), len(want))
	}
	for p, w := range want {
		if got[p] != w {
			t.Errorf("%s differs with Emit and File.Done", p)
		}
	}
}
