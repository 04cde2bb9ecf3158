package build

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestFavicon: every page has the theme's favicon.svg, unless static/
// holds the site's own favicon: then that one.
func TestFavicon(t *testing.T) {
	t.Parallel()
	for own, want := range map[string]string{
		"":            `<link rel="icon" href="/assets/favicon.svg" type="image/svg+xml">`,
		"favicon.ico": `<link rel="icon" href="/favicon.ico">`,
	} {
		dir := styledSite(t, "title: Dorp\n")
		if own != "" {
			if err := os.WriteFile(filepath.Join(dir, "static", own), []byte("ico"), 0o644); err != nil {
				t.Fatal(err)
			}
		}
		out, _, ds, err := Render(os.DirFS(dir), Options{Source: dir, NoPDF: true}, "")
		if err != nil || ds.HasErrors() {
			t.Fatal(err, ds)
		}
		for _, f := range out.Files {
			if strings.HasSuffix(f.Path, ".html") && !strings.Contains(string(f.Data), want) {
				t.Errorf("static/%q: %s lacks %s", own, f.Path, want)
			}
		}
	}
}
