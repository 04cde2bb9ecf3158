package main

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"time"
)

// hugoSite is a minimal Hugo site over the same content folder: one layout
// for pages and one for sections (title, the Markdown, the list of pages
// below), no taxonomies, feeds or sitemap. It is what the side by
// side measured: Hugo converting the same Markdown with the least layout,
// against prestatie's whole site.
var hugoSite = map[string]string{
	"hugo.toml": `baseURL = "https://example.org/"
languageCode = "nl"
title = "Synthetisch register"
disableKinds = ["taxonomy", "term", "RSS", "sitemap"]
`,
	"layouts/_default/baseof.html": `<!doctype html><html lang="nl"><head><meta charset="utf-8"><title>{{.Title}}</title></head><body><main>{{block "main" .}}{{end}}</main></body></html>
`,
	"layouts/_default/single.html": `{{define "main"}}<h1>{{.Title}}</h1>{{.Content}}{{end}}
`,
	"layouts/_default/list.html": `{{define "main"}}<h1>{{.Title}}</h1>{{.Content}}<ul>{{range .Pages}}<li><a href="{{.RelPermalink}}">{{.Title}}</a></li>{{end}}</ul>{{end}}
`,
}

// runHugo builds the corpus in src with Hugo (its content folder linked,
// not copied) into a fresh folder and prints its row like run does.
func runHugo(hugo, src, dir string, n int, bin *trash, files bool) {
	site := filepath.Join(dir, "hugo-"+strconv.Itoa(n))
	out := filepath.Join(dir, "hugo-out-"+strconv.Itoa(n))
	bin.put(site)
	bin.put(out)
	defer bin.put(site)
	defer bin.put(out)
	for name, text := range hugoSite {
		p := filepath.Join(site, name)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			fail(err)
		}
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			fail(err)
		}
	}
	if err := os.Symlink(filepath.Join(src, "content"), filepath.Join(site, "content")); err != nil {
		fail(err)
	}
	load, _ := os.ReadFile("/proc/loadavg")
	cmd := exec.Command(hugo, "--quiet", "--source", site, "--destination", out)
	cmd.Stderr = os.Stderr
	start := time.Now()
	if b, err := cmd.Output(); err != nil {
		fail(fmt.Errorf("hugo %d: %v\n%s", n, err, b))
	}
	wall := time.Since(start)
	pages, count := 0, 0
	filepath.WalkDir(out, func(p string, d os.DirEntry, err error) error {
		if err == nil && d.Type().IsRegular() {
			count++
			if strings.HasSuffix(p, ".html") {
				pages++
			}
		}
		return nil
	})
	row(n, "hugo", pages, count, out, wall, cmd.ProcessState, load)
	if files {
		writeAgain(out, bin, n, "hugo-files")
	}
}
