package pdf

import (
	"math"
	"slices"
	"strings"

	"github.com/johnfercher/maroto/v2/pkg/consts/align"
	"github.com/johnfercher/maroto/v2/pkg/props"
)

// maroto prints one text component in one style. This file adds what a
// signed document needs: a text run that mixes styles within a sentence
// (**vet**, *cursief*, ~~doorgehaald~~, superscript note numbers, links), so
// a paragraph keeps both its text and its emphasis. Lines are broken here,
// with exact font metrics, so the height of every row is known when it is
// added; each line is then drawn as a few single-line maroto texts, one per
// change of style.

// span is a piece of inline text in one style.
type span struct {
	Text   string
	Bold   bool
	Italic bool
	Strike bool
	Sup    bool
	Code   bool   // monospaced
	Link   string // address of a hyperlink; the address itself is printed by the converter
}

func (s span) sameStyle(t span) bool {
	return s.Bold == t.Bold && s.Italic == t.Italic && s.Strike == t.Strike && s.Sup == t.Sup && s.Link == t.Link && s.Code == t.Code
}

// plainText is the text of spans without styles.
func plainText(ss []span) string {
	var b strings.Builder
	for _, s := range ss {
		b.WriteString(s.Text)
	}
	return b.String()
}

// textStyle is the look of a paragraph.
type textStyle struct {
	Size  float64 // points
	Lead  float64 // line height as a multiple of the size
	Color props.Color
	Bold  bool // base weight: every span is bold
	Ital  bool
	Mono  bool       // every span is monospaced (a code block)
	Align align.Type // Left, Right or Center
	// Whole: a word moves whole to the next line rather than being
	// hyphenated to fill this one (headings, titles); only a word wider
	// than a line is broken.
	Whole bool
	// Extra are the site's further faces (nil: none).
	Extra *extraFaces
}

func (st textStyle) lineHeight() float64 { return st.Size * ptToMM * st.Lead }

// run is a piece of one line in one style, at its horizontal offset.
type run struct {
	X     float64
	Text  string
	Face  face
	Size  float64
	Sup   bool
	Str   bool
	Link  string
	Width float64
}

type line struct {
	Runs  []run
	Width float64
	// Hyph: the line ends in a hyphen that layout added where it broke a
	// word (the word's text has none there): a tagged PDF's text of the
	// word leaves it out.
	Hyph bool
}

func (l line) text() string {
	var b strings.Builder
	for i, r := range l.Runs {
		if i > 0 && r.X > l.Runs[i-1].X+l.Runs[i-1].Width+0.01 {
			b.WriteByte(' ')
		}
		b.WriteString(r.Text)
	}
	return b.String()
}

// piece is part of a word in one style.
type piece struct {
	text string
	sp   span
}

// token is a word (possibly in several styles), a space or a forced break.
type token struct {
	pieces []piece
	space  bool  // a breakable space; pieces holds the one space
	brk    bool  // hard line break
	soft   []int // byte offsets in the word's text of its soft hyphens (removed from the pieces)
}

// softHyphen marks where the source allows a word to be hyphenated. It is
// never printed: a hyphen is printed where the line breaks there.
const softHyphen = '\u00AD'

func tokenize(ss []span) []token {
	var toks []token
	var word []piece
	var soft []int
	wordLen := 0
	endWord := func() {
		if len(word) > 0 {
			toks = append(toks, token{pieces: word, soft: soft})
		}
		word, soft, wordLen = nil, nil, 0
	}
	addPiece := func(text string, s span) {
		for {
			i := strings.IndexRune(text, softHyphen)
			if i < 0 {
				break
			}
			if i > 0 {
				word = append(word, piece{text[:i], s})
				wordLen += i
			}
			soft = append(soft, wordLen)
			text = text[i+len(string(softHyphen)):]
		}
		if text != "" {
			word = append(word, piece{text, s})
			wordLen += len(text)
		}
	}
	for si, s := range ss {
		rest := s.Text
		for rest != "" {
			i := strings.IndexAny(rest, " \n")
			if i < 0 {
				addPiece(rest, s)
				break
			}
			if i > 0 {
				addPiece(rest[:i], s)
			}
			if rest[i] == ' ' && glued(word, rest[i+1:], ss[si+1:]) {
				addPiece(" ", s) // "€ 879,66" and "12 %" stay on one line
				rest = rest[i+1:]
				continue
			}
			endWord()
			if rest[i] == '\n' {
				toks = append(toks, token{brk: true})
			} else {
				toks = append(toks, token{space: true, pieces: []piece{{" ", s}}})
			}
			rest = rest[i+1:]
		}
	}
	endWord()
	return toks
}

func (st textStyle) faceOf(sp span) face {
	if st.Mono || sp.Code {
		return mono // one face: code keeps its characters, not its emphasis
	}
	return faceOf(st.Bold || sp.Bold, st.Ital || sp.Italic)
}

func (st textStyle) sizeOf(sp span) float64 {
	if sp.Sup {
		return st.Size * 0.65
	}
	return st.Size
}

func (st textStyle) width(p piece) float64 {
	return textWidth(p.text, st.faceOf(p.sp), st.sizeOf(p.sp), st.Extra)
}

// layout breaks spans into lines of at most width mm: at spaces, at forced
// breaks ("\n"), and inside a word where it may be hyphenated (see
// breaks) when the word does not fit the rest of a line that would
// otherwise stay short, or does not fit a line at all. Spaces at the start
// and end of a line are dropped. Nothing else is lost: the text of the
// lines is the text of the spans, plus the hyphens printed at breaks.
//
// The lines are shared (layouts, layoutcache.go): callers must not
// change them.
func layout(ss []span, st textStyle, width float64) []line {
	key := layoutKey(ss, st, width)
	if ls, ok := layouts.get(key); ok {
		return ls
	}
	ls := slices.Clip(layoutNew(ss, st, width))
	layouts.put(key, ls)
	return ls
}

func layoutNew(ss []span, st textStyle, width float64) []line {
	width = max(width, 5)
	var lines []line
	var cur []piece
	curW := 0.0
	var pendingSpace *piece
	flush := func() {
		lines = append(lines, st.makeLine(cur, width))
		cur, curW, pendingSpace = nil, 0, nil
	}
	for _, t := range tokenize(ss) {
		switch {
		case t.brk:
			flush()
			continue
		case t.space:
			if len(cur) > 0 {
				p := t.pieces[0]
				pendingSpace = &p
			}
			continue
		}
		w := st.newWord(t)
		sw := 0.0
		if pendingSpace != nil {
			sw = st.width(*pendingSpace)
		}
		if len(cur) > 0 && curW+sw+w.width <= width+1e-9 {
			cur = append(cur, *pendingSpace)
			cur = append(cur, w.pieces...)
			curW += sw + w.width
			pendingSpace = nil
			continue
		}
		if len(cur) > 0 {
			// The word does not fit the rest of the line: hyphenate it
			// there when the line would otherwise stay short by more than
			// a quarter (an address moves whole, and no more than two
			// lines in a row end in a hyphen), or the word needs more than
			// a line anyway.
			room := width - curW - sw
			if room > width/4 && !st.Whole && !hyphenRun(lines, 2) && !isAddress(wordText(w.pieces)) || w.width > width+1e-9 {
				if head, tail, hyph, ok := st.split(w, room); ok {
					cur = append(cur, *pendingSpace)
					cur = append(cur, head...)
					flush()
					lines[len(lines)-1].Hyph = hyph
					w = tail
				}
			}
			if len(cur) > 0 {
				flush()
			}
		}
		for w.width > width+1e-9 {
			head, tail, hyph, ok := st.split(w, width)
			if !ok {
				head, tail, hyph = st.splitAnywhere(w, width)
			}
			cur = head
			flush()
			lines[len(lines)-1].Hyph = hyph
			w = tail
		}
		cur = append(cur, w.pieces...)
		curW = w.width
	}
	if len(cur) > 0 || len(lines) == 0 {
		flush()
	}
	return lines
}

// hyphenRun reports whether the last n lines end in a hyphen layout added.
func hyphenRun(lines []line, n int) bool {
	if len(lines) < n {
		return false
	}
	for _, l := range lines[len(lines)-n:] {
		if !l.Hyph {
			return false
		}
	}
	return true
}

// minCellShrink is the smallest share of its size a table cell's text is
// set in so that its longest word fits (9 pt becomes at least 6 pt);
// minNumberShrink the smallest for a number, which is never split.
const (
	minCellShrink   = 2.0 / 3
	minNumberShrink = 0.5
)

// shrinkToFit returns the style for a narrow table cell: the text's size
// made just small enough that the widest part of a word that cannot be
// hyphenated (a number such as 1.234.567, a syllable) fits on one line;
// never below minCellShrink of the size for words, minNumberShrink for
// numbers. Long words are hyphenated rather than shrunk.
func (st textStyle) shrinkToFit(ss []span, w float64) textStyle {
	scale := 1.0
	for _, t := range tokenize(ss) {
		if t.space || t.brk {
			continue
		}
		wd := st.newWord(t)
		if wd.width <= w+1e-9 {
			continue
		}
		need := st.narrowest(wd)
		if need <= w+1e-9 || need == 0 {
			continue
		}
		floor := minCellShrink
		if len(wd.breakList()) == 0 && isNumber(wordText(wd.pieces)) {
			floor = minNumberShrink
		}
		scale = min(scale, max(w/need, floor))
	}
	if scale < 1 {
		st.Size = math.Floor(st.Size*scale*10) / 10 // a tenth of a point below, so it fits
	}
	return st
}

// makeLine merges the pieces of a line into runs of one style and face,
// in visual order (right-to-left text reversed, see scripts.go), and
// places them according to the alignment.
func (st textStyle) makeLine(ps []piece, width float64) line {
	var l line
	x := 0.0
	for _, g := range st.segments(ps) {
		size := st.sizeOf(g.sp)
		w := textWidth(g.text, g.face, size)
		if n := len(l.Runs); n > 0 && l.Runs[n-1].Link == g.sp.Link && sameRun(l.Runs[n-1], g.face, size, g.sp) {
			l.Runs[n-1].Text += g.text
			l.Runs[n-1].Width += w
		} else if strings.TrimSpace(g.text) == "" && n > 0 {
			// a space between two styles: leave a gap, start the next run after it
		} else {
			l.Runs = append(l.Runs, run{X: x, Text: g.text, Face: g.face, Size: size,
				Sup: g.sp.Sup, Str: g.sp.Strike, Link: g.sp.Link, Width: w})
		}
		x += w
	}
	l.Width = x
	off := 0.0
	switch st.Align {
	case align.Right:
		off = width - x
	case align.Center:
		off = (width - x) / 2
	}
	if off != 0 {
		for i := range l.Runs {
			l.Runs[i].X += off
		}
	}
	return l
}

func sameRun(r run, f face, size float64, sp span) bool {
	return r.Face == f && r.Size == size && r.Sup == sp.Sup && r.Str == sp.Strike
}
