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
// the PDF cannot print as written: one its fonts have no glyph for (an
// emoji, most non-Latin scripts), printed as "[U+…]", and right-to-left
// script (Hebrew, Arabic), which the PDF would set left to right. The site
// shows them; the warning lets the editor decide before the PDF is signed.
func Unprintable(ag *agreement.Agreement) diag.List {
	if err := loadMetrics(); err != nil {
		return nil
	}
	var ds diag.List
	seen := map[string]bool{} // file + text, so a word is reported once a file
	// scan reports each run of characters of one kind (not in the font, or
	// right to left) once, at its first character.
	scan := func(s string, at func(off int) diag.Pos) {
		s = norm.NFC.String(s)
		kind := func(r rune) int {
			switch {
			case !printable(r):
				return 1
			case unicode.In(r, unicode.Hebrew, unicode.Arabic):
				return 2
			}
			return 0
		}
		for i := 0; i < len(s); {
			r, n := utf8.DecodeRuneInString(s[i:])
			k := kind(r)
			if k == 0 {
				i += n
				continue
			}
			j := i + n
			for j < len(s) {
				r2, n2 := utf8.DecodeRuneInString(s[j:])
				if kind(r2) != k && !(r2 == ' ' && k == 2) {
					break
				}
				j += n2
			}
			run := strings.TrimSpace(s[i:j])
			p := at(i)
			if key := p.File + "\x00" + run; !seen[key] {
				seen[key] = true
				if k == 1 {
					ds.Warnf(p, "%q staat niet in het lettertype van de pdf en wordt daar als %s gedrukt; de site toont het wel", run, codePoints(run))
				} else {
					ds.Warnf(p, "%q is schrift van rechts naar links, dat de pdf van links naar rechts zet; de site toont het goed", run)
				}
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

// codePoints is how clean prints text the font lacks: "[U+1F3E0]".
func codePoints(s string) string {
	var b strings.Builder
	for _, r := range s {
		fmt.Fprintf(&b, "[U+%04X]", r)
	}
	return b.String()
}

// printable reports whether clean prints r as itself or a substitute.
func printable(r rune) bool {
	if r == utf8.RuneError {
		return false
	}
	if unicode.IsControl(r) || unicode.Is(unicode.Cf, r) || unicode.Is(unicode.Mn, r) || r >= '\uFE00' && r <= '\uFE0F' {
		return true // printed as a space or dropped, as clean does
	}
	if _, ok := substitutes[r]; ok {
		return true
	}
	return r <= 0xFFFF && hasGlyph(r)
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
