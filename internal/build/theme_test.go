package build

import (
	"bytes"
	"image"
	"image/color"
	"image/png"
	"strings"
	"testing"
	"testing/fstest"
)

func themedSite(logo string) fstest.MapFS {
	return fstest.MapFS{
		"prestatie.yaml": {Data: []byte("theme: gemeente\n")},
		"content/x-2024/_index.md": {Data: []byte(`---
title: Afspraken
municipality: Dorp
period: {from: 2024, to: 2024}
date: 2024-01-01
status: signed
parties:
  - {id: a, name: Gemeente Dorp, kind: municipality, logo: ` + logo + `}
  - {id: b, name: Corp, kind: corporation}
---
`)},
		"themes/gemeente/logo.png":  {Data: tinyPNG()},
		"themes/gemeente/logo.svg":  {Data: []byte("<svg/>")},
		"themes/gemeente/style.css": {Data: []byte("/* eigen */")},
		"templates/404.html":        {Data: []byte(`{{define "main"}}<h1>Eigen 404</h1>{{end}}`)},
	}
}

// TestSiteOverrides: a site's own theme and templates replace the embedded
// files of the same name; the rest still comes from the defaults.
func TestSiteOverrides(t *testing.T) {
	out, _, ds, err := Render(themedSite("logo.png"), Options{}, "")
	if err != nil || ds.HasErrors() {
		t.Fatal(err, ds)
	}
	files := map[string]string{}
	for _, f := range out.Files {
		files[f.Path] = string(f.Data)
	}
	style := ""
	for name, data := range files {
		if strings.HasPrefix(name, "assets/style.") && strings.HasSuffix(name, ".css") { // content-hashed name
			style = data
		}
	}
	if style != "/* eigen */" || files["assets/logo.png"] != string(tinyPNG()) {
		t.Errorf("theme files not taken from the site")
	}
	if !strings.Contains(files["404.html"], "Eigen 404") {
		t.Errorf("template override not used")
	}
	if !strings.Contains(files["x-2024/index.html"], `<img class="logo" src="/assets/logo.png"`) {
		t.Errorf("logo not shown")
	}
	if !strings.Contains(files["x-2024/x-2024.pdf"], "/Subtype /Image") {
		t.Errorf("logo not drawn on the PDF cover")
	}
}

// tinyPNG is a 2×2 PNG, as a theme's logo.
func tinyPNG() []byte {
	img := image.NewRGBA(image.Rect(0, 0, 2, 2))
	img.Set(0, 0, color.RGBA{0x15, 0x42, 0x73, 0xff})
	var b bytes.Buffer
	png.Encode(&b, img)
	return b.Bytes()
}

func TestMissingThemeAndLogo(t *testing.T) {
	t.Parallel()
	_, _, ds, _ := Render(themedSite("ontbreekt.png"), Options{}, "")
	if len(ds) != 1 || !strings.Contains(ds[0].String(), `content/x-2024/_index.md:8:5: logo "ontbreekt.png" van partij "a" niet gevonden in themes/gemeente/`) {
		t.Errorf("diagnostics = %v", ds)
	}
	_, _, ds, _ = Render(themedSite("logo.svg"), Options{}, "")
	if len(ds) != 1 || !strings.Contains(ds[0].String(), "gebruik een PNG- of JPEG-bestand") {
		t.Errorf("diagnostics = %v", ds)
	}
	m := themedSite("logo.png")
	m["prestatie.yaml"] = &fstest.MapFile{Data: []byte("theme: stad\n")}
	_, _, ds, _ = Render(m, Options{}, "")
	if len(ds) != 1 || !strings.Contains(ds[0].String(), `thema "stad" niet gevonden`) {
		t.Errorf("diagnostics = %v", ds)
	}
}
