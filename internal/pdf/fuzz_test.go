package pdf

import (
	"bytes"
	"html"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"unicode/utf16"

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
// (its content streams, read by contentText, which TestContentText checks
// against pdftotext), at any nesting depth. (The PDF
// adds link addresses, "Afbeelding:" and hyphens where a line breaks a
// word, may spell other characters differently and breaks words too long
// for a line, so only ASCII runs of the composed (NFC) text are compared,
// as substrings in order of the text without white space and without the
// hyphens at line ends.)
func FuzzMarkdown(f *testing.F) {
	if err := loadMetrics(); err != nil {
		f.Fatal(err)
	}
	seedMarkdown(f)
	md := markdown.New()
	f.Fuzz(func(t *testing.T, src string) { checkMarkdown(t, md, src) })
}

// checkMarkdown is FuzzMarkdown's check of one input.
func checkMarkdown(t *testing.T, md *markdown.Converter, src string) {
	{
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
		d := &doc{ag: &agreement.Agreement{}}
		m, err = withFonts(d.config(testDate, true), testDate, b.faces, nil)
		if err != nil {
			t.Fatal(err)
		}
		b = &builder{m: m, th: newTheme(Theme{}), avail: 200}
		b.blocks(bs, flow{level: 2})
		b.flush()
		res, err := m.Generate()
		if err != nil {
			t.Fatalf("generate: %v\nMarkdown: %q", err, src)
		}
		out := contentText(res.GetBytes())
		// The PDF composes characters (A and a combining ^ become Â).
		got := norm.NFC.String(out)
		want, text := norm.NFC.String(want), strings.Join(strings.Fields(got), "")
		// Right-to-left text is printed in visual order, which moves the
		// numbers and Latin words inside it: then each run must be there,
		// in any order.
		rtl := levels([]rune(want)) != nil
		pos := 0
		for _, w := range asciiRun.FindAllString(want, -1) {
			i := strings.Index(text[pos:], w)
			if i < 0 {
				t.Fatalf("text lost: %q (at byte %d of the PDF's text)\nMarkdown: %q\nsite text: %q\nPDF text: %q", w, pos, src, want, text)
			}
			if !rtl {
				pos += i + len(w)
			}
		}
	}
}

// shownText is a text-showing operation as gofpdf writes it for a UTF-8
// font: the string holds UTF-16BE code units, with \, ( and ) escaped.
var shownText = regexp.MustCompile(`BT -?[\d.]+ -?[\d.]+ Td \(((?:[^\\)]|\\[\s\S])*)\) ?Tj`)

// contentText is the text a PDF shows, read from its (uncompressed)
// content streams in the order it is drawn, one run a line, each hyphen
// at the end of a run dropped (where layout broke a word; a word's own
// hyphen at a run's end is not part of a run of letters either).
func contentText(pdf []byte) string {
	var b strings.Builder
	for _, m := range shownText.FindAllSubmatch(pdf, -1) {
		var units []uint16
		raw := m[1]
		var bs []byte
		for i := 0; i < len(raw); i++ {
			c := raw[i]
			if c == '\\' && i+1 < len(raw) {
				i++
				c = raw[i]
				if c == 'r' {
					c = '\r'
				}
			}
			bs = append(bs, c)
		}
		for i := 0; i+1 < len(bs); i += 2 {
			units = append(units, uint16(bs[i])<<8|uint16(bs[i+1]))
		}
		run := string(utf16.Decode(units))
		b.WriteString(strings.TrimSuffix(run, "-"))
		b.WriteByte('\n')
	}
	return b.String()
}

// TestContentText: contentText reads from a PDF the text pdftotext reads
// (white space and the hyphens at line ends aside), Greek and escapes
// included (pdftotext puts right-to-left text back in logical order).
func TestContentText(t *testing.T) {
	need(t, "pdftotext")
	md := markdown.New()
	src := "Tekst met (haakjes) en \\\\ een schuine streep, Ωμέγα, € 879,66 en een lang woord: " +
		"meerjarenuitvoeringsprogramma meerjarenuitvoeringsprogramma meerjarenuitvoeringsprogramma.\n\n" + deepList(15) +
		"\n| a | woningcorporaties |\n|---|---|\n| 1 | 2 |\n"
	bs := parseMarkdown(md, src)
	m := newMaroto(layoutConfig(), testDate)
	b := &builder{m: m, th: newTheme(Theme{}), avail: 200}
	b.blocks(bs, flow{level: 2})
	b.flush()
	m, err := withFonts((&doc{ag: &agreement.Agreement{}}).config(testDate, true), testDate, b.faces, nil)
	if err != nil {
		t.Fatal(err)
	}
	b = &builder{m: m, th: newTheme(Theme{}), avail: 200}
	b.blocks(bs, flow{level: 2})
	b.flush()
	res, err := m.Generate()
	if err != nil {
		t.Fatal(err)
	}
	flat := func(s string) string { return strings.Join(strings.Fields(s), "") }
	got := flat(contentText(res.GetBytes()))
	want := flat(strings.ReplaceAll(runTool(t, "pdftotext", "-raw", writeTemp(t, res.GetBytes()), "-"), "-\n", "\n"))
	if got != want || !strings.Contains(got, "(haakjes)en\\eenschuine") || !strings.Contains(got, "meerjarenuitvoeringsprogramma") {
		t.Errorf("content streams:\n%s\npdftotext:\n%s", got, want)
	}
}
