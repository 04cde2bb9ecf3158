package pdf

import (
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"

	"github.com/prestatie/prestatie/internal/agreement"
	"github.com/prestatie/prestatie/internal/diag"
)

// Unprintable warns, at its first place in each file, about every character
// the PDF cannot print as written: one none of its fonts (Liberation Sans,
// DejaVu Sans and the site's further fonts) has a glyph for, such as CJK and emoji, printed as
// missingGlyph (�). The site shows them; the warning lets the editor
// decide before the PDF is signed.
func Unprintable(ag *agreement.Agreement, fonts []Font) diag.List {
	if err := loadMetrics(); err != nil {
		return nil
	}
	extra, err := registerFonts(fonts)
	if err != nil {
		extra = nil // the site reports a font it cannot use at its setting
	}
	printable := func(r rune) bool { return printable(r, extra) }
	var ds diag.List
	seen := map[string]bool{} // file + text, so a word is reported once a file
	// scan reports each run of characters not in the fonts once, at its
	// first character.
	scan := func(s string, at func(off int) diag.Pos) {
		s = norm.NFC.String(s)
		for i := 0; i < len(s); {
			r, n := utf8.DecodeRuneInString(s[i:])
			if printable(r) {
				i += n
				continue
			}
			j := i + n
			for j < len(s) {
				r2, n2 := utf8.DecodeRuneInString(s[j:])
				if printable(r2) && r2 != ' ' && !unicode.Is(unicode.Mn, r2) && !unicode.Is(unicode.Cf, r2) {
					break
				}
				j += n2
			}
			run := strings.TrimSpace(s[i:j])
			p := at(i)
			if key := p.File + "\x00" + run; !seen[key] {
				seen[key] = true
				ds.Warnf(p, "%q (%s) staat in geen lettertype van de pdf en wordt daar als %q gedrukt; de site toont het wel; "+
					"gebruik een ander teken of schrijf het uit als het in de ondertekende tekst moet staan", run, codePoints(run), missingGlyph)
			}
			i = j
		}
	}
	fixed := func(p diag.Pos) func(int) diag.Pos { return func(int) diag.Pos { return p } }
	body := func(m agreement.Markdown) func(int) diag.Pos {
		return func(off int) diag.Pos { return bodyPos(m, off) }
	}
	scan(ag.Title, fixed(ag.Pos))
	for _, p := range ag.Parties {
		scan(p.Name+" "+p.Label+" "+p.Tagline+" "+p.Group, fixed(p.Pos))
	}
	scan(ag.Preamble.Source, body(ag.Preamble))
	ag.EachSection(func(s *agreement.Section) {
		scan(s.Title, fixed(s.Pos))
		scan(s.Body.Source, body(s.Body))
	})
	return ds
}

// codePoints names the characters of s: "U+1F3E0 U+4E2D".
func codePoints(s string) string {
	var b strings.Builder
	for _, r := range s {
		if r == ' ' {
			continue
		}
		if b.Len() > 0 {
			b.WriteByte(' ')
		}
		fmt.Fprintf(&b, "U+%04X", r)
	}
	return b.String()
}

// printable reports whether clean prints r as itself or a substitute.
func printable(r rune, extra *extraFaces) bool {
	if r == utf8.RuneError {
		return false
	}
	if unicode.IsControl(r) || unicode.Is(unicode.Cf, r) || unicode.Is(unicode.Mn, r) || r >= '\uFE00' && r <= '\uFE0F' {
		return true // printed as a space or dropped, as clean does
	}
	if _, ok := substitutes[r]; ok {
		return true
	}
	return r <= 0xFFFF && hasGlyph(r, extra)
}

// bodyPos is the position of byte off of a Markdown body. Offsets are of
// the NFC form, which for the rare text that changes under NFC may point a
// few columns off; the line is right.
func bodyPos(m agreement.Markdown, off int) diag.Pos {
	src := norm.NFC.String(m.Source)
	src = src[:min(off, len(src))]
	line := strings.Count(src, "\n")
	col := utf8.RuneCountInString(src[strings.LastIndexByte(src, '\n')+1:]) + 1
	return diag.Pos{File: m.Pos.File, Line: m.Pos.Line + line, Col: col}
}

// Hyphenation reports why the PDF cannot hyphenate Dutch words (the
// binary lacks the patterns and there is no node_modules/hyphen), or nil.
func Hyphenation() error {
	_, err := dutchHyphens()
	return err
}
