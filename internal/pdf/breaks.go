package pdf

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// Where a word may be broken across lines. A word is never split without a
// hyphen and a number is never split at all:
//   - soft hyphens in the source (U+00AD, &shy;) are the only places a word
//     that has them is hyphenated;
//   - otherwise Dutch words are hyphenated at their syllables (hyph-nl
//     patterns, see hyphenate.go), and a compound breaks after its own
//     hyphen or slash without an extra one;
//   - numbers and amounts (1.234, 879,66, 12%) have no break at all: a
//     narrow table cell sets them smaller instead (shrinkToFit);
//   - an address (https://…, name@example.nl) breaks after / . - _ ? & =
//     without a hyphen, which would change it.
// Only a word with no break that fits is split between letters, with a
// hyphen, and only a number or address that does not fit a line even at
// the smallest size without one.

// word is a word token measured, with the places it may break, which are
// found only when the word must be broken (most words never are).
type word struct {
	pieces []piece
	width  float64
	tok    token       // the token, while the breaks are not yet known
	found  bool        // the breaks are known
	breaks []wordBreak // the breaks, once found
}

// breakList returns the places w may break, finding them on first use.
func (w *word) breakList() []wordBreak {
	if !w.found {
		w.breaks, w.found = breaks(w.tok), true
	}
	return w.breaks
}

// wordBreak is a byte offset in the word's text where a line may end, and
// whether a hyphen is printed there.
type wordBreak struct {
	at    int
	hyph  bool
	fixed bool // a soft hyphen or the word's own hyphen: preferred
}

func (st textStyle) newWord(t token) word {
	w := word{pieces: t.pieces, tok: t}
	for _, p := range t.pieces {
		w.width += st.width(p)
	}
	return w
}

// wordText is the text of pieces.
func wordText(ps []piece) string {
	if len(ps) == 1 {
		return ps[0].text
	}
	var b strings.Builder
	for _, p := range ps {
		b.WriteString(p.text)
	}
	return b.String()
}

// breaks lists where a word may break, in order.
func breaks(t token) []wordBreak {
	text := wordText(t.pieces)
	if isNumber(text) {
		return nil
	}
	var out []wordBreak
	if isAddress(text) {
		for i, r := range text {
			if strings.ContainsRune("/.-_?&=", r) && i > 0 && i+1 < len(text) {
				out = append(out, wordBreak{at: i + 1})
			}
		}
		return out
	}
	for i, r := range text { // the word's own hyphens and slashes
		if (r == '-' || r == '–' || r == '/') && i > 0 && i+utf8.RuneLen(r) < len(text) {
			out = append(out, wordBreak{at: i + utf8.RuneLen(r), fixed: true})
		}
	}
	if len(t.soft) > 0 {
		for _, at := range t.soft {
			if at > 0 && at < len(text) {
				out = append(out, wordBreak{at: at, hyph: true, fixed: true})
			}
		}
		return sortBreaks(out)
	}
	h, _ := dutchHyphens()
	if h == nil {
		return out
	}
	// Each run of letters is hyphenated on its own; a run with two or more
	// capitals (an abbreviation, a name such as BBSH) is not.
	for i := 0; i < len(text); {
		r, n := utf8.DecodeRuneInString(text[i:])
		if !unicode.IsLetter(r) {
			i += n
			continue
		}
		j, caps := i, 0
		var rs []rune
		var offs []int
		for j < len(text) {
			r2, n2 := utf8.DecodeRuneInString(text[j:])
			if !unicode.IsLetter(r2) {
				break
			}
			if unicode.IsUpper(r2) {
				caps++
			}
			rs = append(rs, r2)
			offs = append(offs, j)
			j += n2
		}
		if caps < 2 {
			for _, p := range h.points(rs) {
				out = append(out, wordBreak{at: offs[p], hyph: true})
			}
		}
		i = j
	}
	return sortBreaks(out)
}

func sortBreaks(bs []wordBreak) []wordBreak {
	for i := 1; i < len(bs); i++ {
		for j := i; j > 0 && bs[j].at < bs[j-1].at; j-- {
			bs[j], bs[j-1] = bs[j-1], bs[j]
		}
	}
	return bs
}

// isNumber reports whether s is a number or an amount: digits with the
// signs that go with them, no letters.
func isNumber(s string) bool {
	digit := false
	for _, r := range s {
		switch {
		case unicode.IsDigit(r):
			digit = true
		case unicode.IsLetter(r):
			return false
		case strings.ContainsRune(".,:;+-–−%€$£/ ()'\u00a0", r):
		default:
			return false
		}
	}
	return digit
}

// isAddress reports whether s is a web or mail address.
func isAddress(s string) bool {
	return strings.Contains(s, "://") || strings.HasPrefix(s, "www.") || strings.HasPrefix(s, "(http") ||
		strings.Contains(s, "@") && strings.Contains(s, ".")
}

// cut splits pieces at byte offset at of their text.
func cut(ps []piece, at int) (head, tail []piece) {
	for i, p := range ps {
		if at <= 0 {
			return head, append(tail, ps[i:]...)
		}
		if at < len(p.text) {
			head = append(head, piece{p.text[:at], p.sp})
			tail = append(tail, piece{p.text[at:], p.sp})
			return head, append(tail, ps[i+1:]...)
		}
		head = append(head, p)
		at -= len(p.text)
	}
	return head, tail
}

// split breaks w at its last break whose first part, with its hyphen,
// fits in room mm; the last break of the source (a soft hyphen, the word's
// own hyphen) that fits is taken instead when it fills 40% of the room.
func (st textStyle) split(w word, room float64) (head []piece, tail word, hyph, ok bool) {
	bs := w.breakList()
	best, fixed, fixedW := -1, -1, 0.0
	for i, b := range bs {
		h, _ := cut(w.pieces, b.at)
		hw := 0.0
		for _, p := range h {
			hw += st.width(p)
		}
		if b.hyph {
			hw += st.width(piece{"-", h[len(h)-1].sp})
		}
		if hw > room+1e-9 {
			break
		}
		best = i
		if b.fixed {
			fixed, fixedW = i, hw
		}
	}
	if best < 0 {
		return nil, w, false, false
	}
	if fixed >= 0 && fixed != best && fixedW >= room*0.4 {
		best = fixed
	}
	b := bs[best]
	head, rest := cut(w.pieces, b.at)
	if b.hyph {
		head = append(head, piece{"-", head[len(head)-1].sp})
	}
	tail = word{pieces: rest, found: true}
	for _, p := range rest {
		tail.width += st.width(p)
	}
	for _, c := range bs[best+1:] {
		c.at -= b.at
		tail.breaks = append(tail.breaks, c)
	}
	return head, tail, b.hyph, true
}

// splitAnywhere breaks a word that has no break that fits between two
// characters: with a hyphen between letters, without one in a number or
// address (which then does not fit a line even at its smallest size).
func (st textStyle) splitAnywhere(w word, room float64) (head []piece, tail word, hyphen bool) {
	text := wordText(w.pieces)
	hyph := !isNumber(text) && !isAddress(text)
	hw := 0.0
	if hyph {
		hw = st.width(piece{"-", w.pieces[0].sp})
	}
	used, at := 0.0, 0
	for _, p := range w.pieces {
		for _, r := range p.text {
			rw := st.width(piece{string(r), p.sp})
			if used+rw+hw > room+1e-9 {
				goto done
			}
			used += rw
			at += utf8.RuneLen(r)
		}
	}
done:
	if at == 0 { // not even one character fits: it goes on a line of its own
		_, n := utf8.DecodeRuneInString(text)
		at, hyph = n, false
	}
	if at >= len(text) {
		return w.pieces, word{}, false
	}
	head, rest := cut(w.pieces, at)
	if hyph {
		head = append(head, piece{"-", head[len(head)-1].sp})
	}
	tail = word{pieces: rest, found: true}
	for _, p := range rest {
		tail.width += st.width(p)
	}
	for _, b := range w.breakList() {
		if b.at > at {
			b.at -= at
			tail.breaks = append(tail.breaks, b)
		}
	}
	return head, tail, hyph
}

// narrowest is the width of the widest part of w that no break divides
// (with its hyphen): the least width w can be set in without splitting it
// between letters.
func (st textStyle) narrowest(w word) float64 {
	widest, last := 0.0, 0
	for _, b := range append(w.breakList(), wordBreak{at: len(wordText(w.pieces))}) {
		_, rest := cut(w.pieces, last)
		part, _ := cut(rest, b.at-last)
		pw := 0.0
		for _, p := range part {
			pw += st.width(p)
		}
		if b.hyph && len(part) > 0 {
			pw += st.width(piece{"-", part[len(part)-1].sp})
		}
		widest = max(widest, pw)
		last = b.at
	}
	return widest
}

// glued reports whether the space after word and before next (the rest of
// the span, then the spans after it) joins a currency sign to its amount or
// an amount to its percent sign, which no line may separate.
func glued(word []piece, next string, after []span) bool {
	var w strings.Builder
	for _, p := range word {
		w.WriteString(p.text)
	}
	for next == "" && len(after) > 0 {
		next, after = after[0].Text, after[1:]
	}
	prev := w.String()
	if prev == "" || next == "" {
		return false
	}
	first, _ := utf8.DecodeRuneInString(next)
	last, _ := utf8.DecodeLastRuneInString(prev)
	switch {
	case strings.ContainsRune("€$£", last) && !strings.ContainsFunc(prev, func(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }):
		return unicode.IsDigit(first) || first == '-'
	case unicode.IsDigit(last) && first == '%':
		return true
	}
	return false
}
