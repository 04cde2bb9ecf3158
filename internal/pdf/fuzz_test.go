package pdf

import (
	"bytes"
	"html"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"golang.org/x/text/unicode/norm"

	"github.com/prestatie/prestatie/internal/agreement"
	"github.com/prestatie/prestatie/internal/markdown"
)

// seedMarkdown adds the Markdown body of every content file of the default
// site and the test sites (the hostile one included) to a fuzz corpus.
func seedMarkdown(f *testing.F) {
	for _, pat := range []string{"content/*/*.md", "content/*/*/*.md", "testdata/sites/*/content/*/*.md", "testdata/sites/*/content/*/*/*.md"} {
		files, _ := filepath.Glob(filepath.Join(root, pat))
		for _, p := range files {
			data, err := os.ReadFile(p)
			if err != nil {
				continue
			}
			// The body follows the second "---" line.
			if _, rest, ok := bytes.Cut(data, []byte("\n---\n")); ok {
				data = rest
			}
			f.Add(string(data))
		}
	}
	var deep strings.Builder // 40 levels of lists and quotes
	for i := range 40 {
		deep.WriteString(strings.Repeat("  ", i) + "- niveau\n")
	}
	f.Add(deep.String() + "\n" + strings.Repeat("> ", 40) + "citaat\n")
	f.Add("# Kop\n\nTekst *schuin* **vet** ~~weg~~ `code` met [link](https://example.nl/a), <https://example.nl/b>, " +
		"www.example.nl en ![beeld](https://example.nl/c.png)[^1] <b>html</b> &amp; &#8364;.\n\n" +
		"1. een\n   - twee\n\n> citaat\n\n| a | b |\n|---|--:|\n| 1 | 2 |\n\n    blok code\n\n---\n\n<div>blok</div>\n\n[^1]: noot\n")
}

var (
	htmlTag  = regexp.MustCompile(`(?s)<[^>]*>`)
	asciiRun = regexp.MustCompile(`[A-Za-z0-9]+`)
	// The site's footnote back link, which the PDF leaves out.
	backlink = `↩︎<span class="visually-hidden"> terug naar de tekst</span>`
)

// FuzzMarkdown feeds arbitrary Markdown to the conversion from goldmark's
// syntax tree to PDF blocks, lays the blocks out and writes the PDF. It
// must never panic, no text may pass the right margin, and it must lose no
// text: every run of ASCII letters and digits of the site's HTML rendering
// of the same Markdown comes back, in order, in the text of the PDF itself
// (pdftotext -raw, content-stream order), at any nesting depth. (The PDF
// adds link addresses, "Afbeelding:" and hyphens where a line breaks a
// word, may spell other characters differently and breaks words too long
// for a line, so only ASCII runs of the composed (NFC) text are compared,
// as substrings in order of the text without white space and without the
// hyphens at line ends.)
func FuzzMarkdown(f *testing.F) {
	if err := loadMetrics(); err != nil {
		f.Fatal(err)
	}
	need(f, "pdftotext")
	seedMarkdown(f)
	md := markdown.New()
	f.Fuzz(func(t *testing.T, src string) {
		bs := parseMarkdown(md, src)

		page, err := md.Block(src, nil, "")
		if err != nil {
			t.Fatalf("site rendering: %v", err)
		}
		want := html.UnescapeString(htmlTag.ReplaceAllString(strings.ReplaceAll(string(page), backlink, ""), " "))

		// The layout pass: no text beyond the right margin.
		m := newMaroto(layoutConfig(), testDate)
		b := &builder{m: m, th: newTheme(Theme{}), avail: 200}
		b.blocks(bs, flow{level: 2})
		b.flush()
		walkStructure(m.GetStructure(), func(typ string, v any, det map[string]any) {
			if typ == "prestatie-text" {
				if r, _ := det["right"].(float64); r > contentW+0.5 {
					t.Fatalf("text beyond the right margin (%.1f mm of %.1f): %q\nMarkdown: %q", r, contentW, v, src)
				}
			}
		})
		// The PDF, written with the faces the text uses.
		fs, err := fonts(b.faces)
		if err != nil {
			t.Fatal(err)
		}
		d := &doc{ag: &agreement.Agreement{}}
		m = newMaroto(d.config(testDate, fs), testDate)
		b = &builder{m: m, th: newTheme(Theme{}), avail: 200}
		b.blocks(bs, flow{level: 2})
		b.flush()
		res, err := m.Generate()
		if err != nil {
			t.Fatalf("generate: %v\nMarkdown: %q", err, src)
		}
		cmd := exec.Command("pdftotext", "-raw", "-", "-")
		cmd.Stdin = bytes.NewReader(res.GetBytes())
		out, err := cmd.Output()
		if err != nil {
			t.Fatalf("pdftotext: %v\nMarkdown: %q", err, src)
		}
		// The PDF composes characters (A and a combining ^ become Â).
		got := lineEndHyphen.ReplaceAllString(norm.NFC.String(string(out)), "$1")
		want, text := norm.NFC.String(want), strings.Join(strings.Fields(got), "")
		pos := 0
		for _, w := range asciiRun.FindAllString(want, -1) {
			i := strings.Index(text[pos:], w)
			if i < 0 {
				t.Fatalf("text lost: %q (at byte %d of the PDF's text)\nMarkdown: %q\nsite text: %q\nPDF text: %q", w, pos, src, want, text)
			}
			pos += i + len(w)
		}
	})
}

// lineEndHyphen is a hyphen that ends a line after a letter or digit.
var lineEndHyphen = regexp.MustCompile(`([\pL\pN])-\n`)
