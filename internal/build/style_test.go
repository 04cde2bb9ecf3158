package build

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// styledSite writes a small site with the house-style keys in config.
func styledSite(t *testing.T, config string) string {
	t.Helper()
	dir := t.TempDir()
	files := map[string]string{
		"prestatie.yaml": config,
		"content/x-2024/_index.md": "---\ntitle: Afspraken\nmunicipality: Dorp\nperiod: {from: 2024, to: 2024}\ndate: 2024-01-01\nstatus: signed\n" +
			"parties:\n  - {id: a, name: Gemeente Dorp, kind: municipality}\n  - {id: b, name: Corp, kind: corporation}\n---\nTekst.\n",
		"static/logo.svg":                 "<svg/>",
		"static/.well-known/security.txt": "Contact: mailto:x@example.nl\n",
		"static/web.config":               "<configuration/>",
		"huisstijl.css":                   ":root { --prestatie-color-primary: #4b2a8a; }",
	}
	for name, data := range files {
		p := filepath.Join(dir, filepath.FromSlash(name))
		os.MkdirAll(filepath.Dir(p), 0o755)
		if err := os.WriteFile(p, []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

// TestHouseStyle: static/ is published as it is without following links out
// of the site; logo, navigation, footer links, extra style sheets and the
// token class reach every page.
func TestHouseStyle(t *testing.T) {
	t.Parallel()
	dir := styledSite(t, `title: Dorp
theme_class: dorp-theme
logo: {file: logo.svg, alt: Gemeente Dorp}
extra_css: [huisstijl.css]
nav: [{title: Afspraken, url: x-2024/afspraken/}, {title: Gemeente, url: "https://www.example.nl/"}]
footer_links: [{title: Privacy, url: "https://www.example.nl/privacy"}]
`)
	outside := filepath.Join(t.TempDir(), "geheim.txt")
	os.WriteFile(outside, []byte("geheim"), 0o644)
	if err := os.Symlink(outside, filepath.Join(dir, "static", "geheim.txt")); err != nil {
		t.Skip("no symbolic links here:", err)
	}
	out, _, ds, err := Render(os.DirFS(dir), Options{Source: dir, NoPDF: true}, "")
	if err != nil || ds.HasErrors() {
		t.Fatal(err, ds)
	}
	if len(ds) != 1 || !strings.Contains(ds[0].String(), "static/geheim.txt: waarschuwing: symbolische koppeling niet gevolgd") {
		t.Errorf("diagnostics: %v", ds)
	}
	files := map[string]string{}
	for _, f := range out.Files {
		files[f.Path] = string(f.Data)
	}
	for _, f := range []string{"logo.svg", ".well-known/security.txt", "web.config"} {
		if _, ok := files[f]; !ok {
			t.Errorf("static/%s not published", f)
		}
	}
	for name, data := range files {
		if strings.Contains(data, "geheim") && !strings.HasSuffix(name, ".html") {
			t.Errorf("%s: the link's target was published", name)
		}
	}
	page := files["x-2024/index.html"]
	for _, want := range []string{
		`<html lang="nl" class="dorp-theme">`,
		`<img class="site-logo" src="/logo.svg" alt="Gemeente Dorp">`,
		`<a href="/x-2024/afspraken/">Afspraken</a>`,
		`<a href="https://www.example.nl/">Gemeente</a>`,
		`<a href="https://www.example.nl/privacy">Privacy</a>`,
	} {
		if !strings.Contains(page, want) {
			t.Errorf("page lacks %s", want)
		}
	}
	css := regexp.MustCompile(`<link rel="stylesheet" href="/assets/style\.[0-9a-f]{10}\.css">\s*<link rel="stylesheet" href="/(assets/extra/huisstijl\.[0-9a-f]{10}\.css)">`).FindStringSubmatch(page)
	if css == nil || files[css[1]] == "" {
		t.Errorf("extra style sheet not loaded after the theme, or not published")
	}
}

func TestHouseStyleMistakes(t *testing.T) {
	t.Parallel()
	tests := []struct{ config, want string }{
		{"logo: {file: weg.svg, alt: X}\n", `prestatie.yaml:1:7: logo "weg.svg" niet gevonden in static/`},
		{"logo: {file: ../x.svg, alt: X}\n", `logo.file "../x.svg": geef een pad in static/`},
		{"extra_css: [../buiten.css]\n", `extra_css "../buiten.css": geef een pad in de map van de site`},
		{"extra_css: [weg.css]\n", `extra_css "weg.css": niet gevonden in de map van de site`},
		{"extra_css: [huisstijl.txt]\n", `extra_css "huisstijl.txt": geef een .css-bestand`},
		{"extra_css: [\"npm:@nergens/tokens/dist/theme.css\"]\n", `niet gevonden in node_modules`},
		{"nav: [{title: X, url: \"javascript:alert(1)\"}]\n", `nav: url "javascript:alert(1)"`},
		{"nav: [{title: X, url: /absoluut/}]\n", `nav: url "/absoluut/"`},
		{"theme_class: \"a\\\" onload=x\"\n", `een klassenaam heeft alleen letters`},
	}
	for _, tt := range tests {
		dir := styledSite(t, tt.config)
		_, _, ds, _ := Render(os.DirFS(dir), Options{Source: dir, NoPDF: true}, "")
		if !ds.HasErrors() || !strings.Contains(ds.Error(), tt.want) {
			t.Errorf("%q: %v, want %q", tt.config, ds, tt.want)
		}
	}
	dir := styledSite(t, "")
	os.WriteFile(filepath.Join(dir, "static", "index.html"), []byte("x"), 0o644)
	if _, _, ds, _ := Render(os.DirFS(dir), Options{Source: dir, NoPDF: true}, ""); !strings.Contains(ds.Error(), "static/index.html: index.html maakt prestatie zelf") {
		t.Errorf("static file replacing a page: %v", ds)
	}
}
