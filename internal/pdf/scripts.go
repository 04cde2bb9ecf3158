package pdf

import (
	"strings"
	"unicode"

	"golang.org/x/text/unicode/bidi"
	"golang.org/x/text/unicode/norm"
)

// Right-to-left scripts in a left-to-right document. gofpdf writes the
// characters of a text in the order it is given, one glyph per character,
// without shaping, so this file does what a shaping engine would for
// Hebrew and Arabic in that model:
//   - Arabic letters take their contextual form (isolated, initial, medial,
//     final, and the lam-alef ligatures) from the Arabic Presentation
//     Forms-B block, which DejaVu Sans has (shapeArabic, in clean, so that
//     layout measures the forms that are printed). A full shaper
//     (go-text/typesetting) returns glyph numbers, which gofpdf's text
//     model cannot print.
//   - Each line is put in visual order by the rules of the Unicode
//     bidirectional algorithm for a left-to-right paragraph without
//     explicit embeddings (weak types W1–W7, bracket pairs N0, neutrals
//     N1–N2, implicit
//     levels I1–I2, reordering L2 and mirrored brackets L4), with the
//     character classes of golang.org/x/text/unicode/bidi. Its Paragraph
//     type is marked unfinished and keeps a number after Hebrew in the
//     left-to-right run, against the algorithm.

// arabicForms maps an Arabic letter to its presentation forms: isolated,
// final, initial, medial (the last two empty for a letter that joins only
// to the letter before it).
var arabicForms = func() map[rune][4]rune {
	m := map[rune][4]rune{}
	// In Presentation Forms-B each letter's forms follow each other in
	// the order isolated, final, initial, medial; the ligatures of lam and
	// alef (U+FEF5 on) are left to lamAlef.
	var group []rune
	var base rune
	flush := func() {
		var f [4]rune
		copy(f[:], group)
		if len(group) == 2 || len(group) == 4 {
			m[base] = f
		}
		group = nil
	}
	for r := rune(0xFE80); r <= 0xFEF4; r++ {
		d := []rune(norm.NFKD.String(string(r)))
		if len(d) != 1 {
			continue
		}
		if d[0] != base {
			flush()
			base = d[0]
		}
		group = append(group, r)
	}
	flush()
	return m
}()

// lamAlef maps an alef after lam to the isolated form of their ligature
// (the final form follows it).
var lamAlef = map[rune]rune{'\u0622': '\uFEF5', '\u0623': '\uFEF7', '\u0625': '\uFEF9', '\u0627': '\uFEFB'}

// joining types: D joins on both sides, R only to the letter before it, C
// (tatweel) causes joining, T (marks) is transparent, U does not join.
const (
	joinU = iota
	joinD
	joinR
	joinC
	joinT
)

func joining(r rune) int {
	switch {
	case r == '\u0640':
		return joinC
	case unicode.Is(unicode.Mn, r): // vowel marks are of the Inherited script
		return joinT
	}
	f, ok := arabicForms[r]
	switch {
	case !ok:
		return joinU
	case f[2] != 0:
		return joinD
	}
	return joinR
}

// hasArabic reports whether s has an Arabic letter.
func hasArabic(s string) bool {
	for _, r := range s {
		if r >= 0x0600 && r <= 0x06FF {
			return true
		}
	}
	return false
}

// shapeArabic replaces the Arabic letters of s by their contextual forms.
func shapeArabic(s string) string {
	if !hasArabic(s) {
		return s
	}
	rs := []rune(s)
	// neighbour is the joining type of the nearest letter before (step -1)
	// or after (+1) i, marks skipped.
	neighbour := func(i, step int) (int, int) {
		for j := i + step; j >= 0 && j < len(rs); j += step {
			if t := joining(rs[j]); t != joinT {
				return t, j
			}
		}
		return joinU, -1
	}
	var b strings.Builder
	for i := 0; i < len(rs); i++ {
		r := rs[i]
		t := joining(r)
		if t != joinD && t != joinR {
			b.WriteRune(r)
			continue
		}
		prev, _ := neighbour(i, -1)
		next, j := neighbour(i, +1)
		joinsPrev := prev == joinD || prev == joinC
		if r == '\u0644' && j == i+1 {
			if lig, ok := lamAlef[rs[j]]; ok {
				if joinsPrev {
					lig++
				}
				b.WriteRune(lig)
				i++
				continue
			}
		}
		joinsNext := t == joinD && (next == joinD || next == joinR || next == joinC)
		f := arabicForms[r]
		switch {
		case joinsPrev && joinsNext:
			b.WriteRune(f[3])
		case joinsPrev:
			b.WriteRune(f[1])
		case joinsNext:
			b.WriteRune(f[2])
		default:
			b.WriteRune(f[0])
		}
	}
	return b.String()
}

// rtlClass reports whether a character is written right to left or is an
// Arabic number, whose presence makes a line need reordering.
func rtlClass(c bidi.Class) bool { return c == bidi.R || c == bidi.AL || c == bidi.AN }

// levels returns the embedding level of each character of a line of a
// left-to-right paragraph: 0 left to right, 1 right to left, 2 a number
// inside right-to-left text; nil when every level is 0.
func levels(rs []rune) []int {
	cls := make([]bidi.Class, len(rs))
	rtl := false
	for i, r := range rs {
		p, _ := bidi.LookupRune(r)
		cls[i] = p.Class()
		rtl = rtl || rtlClass(cls[i])
	}
	if !rtl {
		return nil
	}
	isStrong := func(c bidi.Class) bool { return c == bidi.L || c == bidi.R || c == bidi.AL }
	// W1: a mark takes the class of the character before it.
	for i, c := range cls {
		if c == bidi.NSM {
			if i == 0 {
				cls[i] = bidi.L
			} else {
				cls[i] = cls[i-1]
			}
		}
	}
	// W2, W3: European digits after Arabic letters are Arabic numbers;
	// Arabic letters are right to left.
	last := bidi.L
	for i, c := range cls {
		switch {
		case isStrong(c):
			last = c
		case c == bidi.EN && last == bidi.AL:
			cls[i] = bidi.AN
		}
	}
	for i, c := range cls {
		if c == bidi.AL {
			cls[i] = bidi.R
		}
	}
	// W4: one separator between two numbers of a kind joins them.
	for i := 1; i+1 < len(cls); i++ {
		a, c, z := cls[i-1], cls[i], cls[i+1]
		if a == bidi.EN && z == bidi.EN && (c == bidi.ES || c == bidi.CS) {
			cls[i] = bidi.EN
		} else if a == bidi.AN && z == bidi.AN && c == bidi.CS {
			cls[i] = bidi.AN
		}
	}
	// W5: terminators (%, €) next to European digits belong to them.
	for i := 0; i < len(cls); {
		if cls[i] != bidi.ET {
			i++
			continue
		}
		j := i
		for j < len(cls) && cls[j] == bidi.ET {
			j++
		}
		if i > 0 && cls[i-1] == bidi.EN || j < len(cls) && cls[j] == bidi.EN {
			for k := i; k < j; k++ {
				cls[k] = bidi.EN
			}
		}
		i = j
	}
	// W6, W7: other separators are neutral; European digits after
	// left-to-right text are left to right.
	last = bidi.L
	for i, c := range cls {
		switch c {
		case bidi.ES, bidi.ET, bidi.CS:
			cls[i] = bidi.ON
		case bidi.L, bidi.R:
			last = c
		case bidi.EN:
			if last == bidi.L {
				cls[i] = bidi.L
			}
		}
	}
	dir := func(c bidi.Class) bidi.Class {
		if c == bidi.EN || c == bidi.AN {
			return bidi.R
		}
		return c
	}
	bracketPairs(rs, cls, dir)
	// N1, N2: neutrals between two characters of one direction (numbers
	// count as right to left) take it; others take the paragraph's.
	for i := 0; i < len(cls); {
		if c := cls[i]; c == bidi.L || c == bidi.R || c == bidi.EN || c == bidi.AN {
			i++
			continue
		}
		j := i
		for j < len(cls) && !(cls[j] == bidi.L || cls[j] == bidi.R || cls[j] == bidi.EN || cls[j] == bidi.AN) {
			j++
		}
		before, after := bidi.L, bidi.L
		if i > 0 {
			before = dir(cls[i-1])
		}
		if j < len(cls) {
			after = dir(cls[j])
		}
		set := bidi.L
		if before == after {
			set = before
		}
		for k := i; k < j; k++ {
			cls[k] = set
		}
		i = j
	}
	// I1: levels of a left-to-right paragraph.
	lv := make([]int, len(cls))
	for i, c := range cls {
		switch c {
		case bidi.R:
			lv[i] = 1
		case bidi.EN, bidi.AN:
			lv[i] = 2
		}
	}
	return lv
}

// bracketPairs gives both brackets of a pair the direction of what they
// enclose (N0, for a left-to-right paragraph): left to right when the
// inside has left-to-right text, else right to left when the inside and
// the text before the pair are right to left.
func bracketPairs(rs []rune, cls []bidi.Class, dir func(bidi.Class) bidi.Class) {
	const opening, closing = "([{", ")]}"
	var stack []int
	for i, r := range rs {
		if strings.ContainsRune(opening, r) {
			stack = append(stack, i)
			continue
		}
		k := strings.IndexRune(closing, r)
		if k < 0 || len(stack) == 0 {
			continue
		}
		o := stack[len(stack)-1]
		if rs[o] != rune(opening[k]) {
			continue
		}
		stack = stack[:len(stack)-1]
		hasL, hasR := false, false
		for _, c := range cls[o+1 : i] {
			switch dir(c) {
			case bidi.L:
				hasL = true
			case bidi.R:
				hasR = true
			}
		}
		set := bidi.ON
		switch {
		case hasL:
			set = bidi.L
		case hasR:
			before := bidi.L
			for j := o - 1; j >= 0; j-- {
				if d := dir(cls[j]); d == bidi.L || d == bidi.R {
					before = d
					break
				}
			}
			set = before
		}
		if set != bidi.ON {
			cls[o], cls[i] = set, set
		}
	}
}

// visual returns the logical index of each character of a line in visual
// order (L2): every run at level k or above is reversed, from the highest
// level down to 1.
func visual(lv []int) []int {
	order := make([]int, len(lv))
	for i := range order {
		order[i] = i
	}
	for k := 2; k >= 1; k-- {
		for i := 0; i < len(order); {
			if lv[order[i]] < k {
				i++
				continue
			}
			j := i
			for j < len(order) && lv[order[j]] >= k {
				j++
			}
			for a, z := i, j-1; a < z; a, z = a+1, z-1 {
				order[a], order[z] = order[z], order[a]
			}
			i = j
		}
	}
	return order
}

// markFace is the face that prints a combining mark (Arabic vowel,
// Hebrew point) of right-to-left text, which reversal draws just before
// its letter: one whose mark lies right of its origin, over the glyph drawn
// after it, as DejaVu Sans draws them. Liberation Sans centres its Hebrew
// points on the origin, which without positioning tables puts them between
// two letters.
func markFace(f face, r rune) face {
	if metricsOf(f).rightOfOrigin(r) {
		return f
	}
	if g := f.fallback(); metricsOf(g).rightOfOrigin(r) {
		return g
	}
	return f
}

// has reports whether face f has a glyph for r.
func has(f face, r rune) bool {
	_, ok := metricsOf(f).lookup(r)
	return ok
}

// mirrored is the mirror image of a bracket, set in right-to-left text
// (L4).
func mirrored(r rune) rune {
	const pairs = "()[]{}<>«»‹›"
	rs := []rune(pairs)
	for i, p := range rs {
		if p == r {
			return rs[i^1]
		}
	}
	return r
}

// simple reports whether f prints all of s, left to right.
func simple(s string, f face) bool {
	if isPlain(s) {
		return true
	}
	m := metricsOf(f)
	for _, r := range s {
		if r >= 0x0590 && r <= 0x08FF || r >= 0xFB1D && r <= 0xFEFC || r >= 0x200E && r <= 0x202E {
			return false // Hebrew, Arabic and their presentation forms, bidi controls
		}
		if _, ok := m.lookup(r); !ok {
			return false
		}
	}
	return true
}

// segment is text of one style printed in one face.
type segment struct {
	text string
	sp   span
	face face
}

// segments splits the pieces of a line where the face that prints them
// changes (a character Liberation Sans lacks is printed in DejaVu Sans),
// in visual order.
func (st textStyle) segments(ps []piece) []segment {
	plain := true
	for _, p := range ps {
		plain = plain && simple(p.text, st.faceOf(p.sp))
	}
	if plain { // one face, left to right
		out := make([]segment, len(ps))
		for i, p := range ps {
			out[i] = segment{p.text, p.sp, st.faceOf(p.sp)}
		}
		return out
	}
	var rs []rune
	var at []int // piece of each rune
	for i, p := range ps {
		for _, r := range p.text {
			rs = append(rs, r)
			at = append(at, i)
		}
	}
	lv := levels(rs)
	order := visual(make([]int, len(rs)))
	if lv != nil {
		order = visual(lv)
	}
	var out []segment
	var b strings.Builder
	cur := segment{face: -1}
	for _, i := range order {
		r, p := rs[i], ps[at[i]]
		f, ok := printFace(st.faceOf(p.sp), r, st.Extra)
		if !ok { // no font has it: clean kept it for a further face
			r = missingGlyph
			f, _ = printFace(st.faceOf(p.sp), r, st.Extra)
		}
		switch {
		case r == ' ' && cur.face >= 0 && p.sp.sameStyle(cur.sp) && has(cur.face, r):
			f = cur.face // a space stays in the face around it (if it has one: a further font may not)
		case lv != nil && lv[i]%2 == 1 && unicode.Is(unicode.Mn, r):
			f = markFace(f, r)
		}
		if lv != nil && lv[i]%2 == 1 {
			r = mirrored(r)
		}
		if f != cur.face || !p.sp.sameStyle(cur.sp) {
			if b.Len() > 0 {
				cur.text = b.String()
				out = append(out, cur)
				b.Reset()
			}
			cur = segment{sp: p.sp, face: f}
		}
		b.WriteRune(r)
	}
	if b.Len() > 0 {
		cur.text = b.String()
		out = append(out, cur)
	}
	return out
}
