package pdf

import (
	"fmt"
	"math"
	"strings"
	"sync"
	"sync/atomic"
	"unicode"

	"github.com/go-fonts/dejavu/dejavusans"
	"github.com/go-fonts/dejavu/dejavusansbold"
	"github.com/go-fonts/dejavu/dejavusansboldoblique"
	"github.com/go-fonts/dejavu/dejavusansoblique"
	"github.com/go-fonts/liberation/liberationmonoregular"
	"github.com/go-fonts/liberation/liberationsansbold"
	"github.com/go-fonts/liberation/liberationsansbolditalic"
	"github.com/go-fonts/liberation/liberationsansitalic"
	"github.com/go-fonts/liberation/liberationsansregular"
	"github.com/johnfercher/maroto/v2/pkg/consts/fontstyle"
	"golang.org/x/image/font"
	"golang.org/x/image/font/sfnt"
	"golang.org/x/image/math/fixed"
	"golang.org/x/text/unicode/norm"
)

// family is the name the Liberation Sans faces are registered under,
// monoFamily the name of Liberation Mono, fallbackFamily the name of DejaVu
// Sans, which prints what Liberation Sans lacks (Arabic, many symbols).
const (
	family         = "liberation"
	monoFamily     = "liberationmono"
	fallbackFamily = "dejavu"
)

// face is one of the four embedded faces of Liberation Sans, Liberation
// Mono for code, or one of the four faces of DejaVu Sans.
type face int

const (
	regular face = iota
	bold
	italic
	boldItalic
	mono
	fbRegular
	fbBold
	fbItalic
	fbBoldItalic
	numFaces
)

// sansFaces is the number of faces of Liberation Sans.
const sansFaces = 4

// usedFaces records which faces a document's text uses.
type usedFaces map[face]bool

func faceOf(b, i bool) face {
	switch {
	case b && i:
		return boldItalic
	case b:
		return bold
	case i:
		return italic
	}
	return regular
}

func (f face) style() fontstyle.Type {
	if f >= numFaces {
		return fontstyle.Normal
	}
	return [...]fontstyle.Type{fontstyle.Normal, fontstyle.Bold, fontstyle.Italic, fontstyle.BoldItalic, fontstyle.Normal,
		fontstyle.Normal, fontstyle.Bold, fontstyle.Italic, fontstyle.BoldItalic}[f]
}

func (f face) family() string {
	switch {
	case f >= numFaces:
		return extraOf(f).family
	case f == mono:
		return monoFamily
	case f >= fbRegular:
		return fallbackFamily
	}
	return family
}

// fallback is the DejaVu face of a Liberation Sans face (of code: regular).
func (f face) fallback() face {
	if f < sansFaces {
		return fbRegular + f
	}
	return fbRegular
}

var ttfs = [numFaces][]byte{
	liberationsansregular.TTF, liberationsansbold.TTF, liberationsansitalic.TTF, liberationsansbolditalic.TTF,
	liberationmonoregular.TTF,
	dejavusans.TTF, dejavusansbold.TTF, dejavusansoblique.TTF, dejavusansboldoblique.TTF,
}

// metrics measures text exactly as gofpdf does: the advance width of each
// glyph from the font's hmtx table in thousandths of an em, rounded, without
// kerning. The widths are looked up lazily and cached per rune.
type metrics struct {
	font *sfnt.Font
	upem float64
	// cache holds, per rune of the Basic Multilingual Plane, 0 when not yet
	// looked up, 1 when the font has no glyph, or 2 + the width.
	cache []atomicWidth
	pool  sync.Pool
}

var (
	faceMetrics [numFaces]*metrics
	metricsOnce sync.Once
	metricsErr  error
)

func loadMetrics() error {
	metricsOnce.Do(func() {
		for i, ttf := range ttfs {
			f, err := sfnt.Parse(ttf)
			if err != nil {
				metricsErr = fmt.Errorf("lettertype %d: %w", i, err)
				return
			}
			m := &metrics{font: f, upem: float64(f.UnitsPerEm()), cache: make([]atomicWidth, 0x10000)}
			m.pool.New = newBuffer
			faceMetrics[i] = m
		}
	})
	return metricsErr
}

type atomicWidth = atomic.Uint32

func newBuffer() any { return new(sfnt.Buffer) }

// metricsOf returns the metrics of a face, loading them on first use. The
// fonts are compiled in, so failing to parse them is a bug (a panic, which
// Render turns into an error).
func metricsOf(f face) *metrics {
	if err := loadMetrics(); err != nil {
		panic(err)
	}
	if f >= numFaces {
		return extraOf(f).m
	}
	return faceMetrics[f]
}

// lookup returns the width of r in thousandths of an em and whether the font
// has a glyph for it.
func (m *metrics) lookup(r rune) (int, bool) {
	if r < 0 || r > 0xFFFF {
		return 0, false
	}
	if v := m.cache[r].Load(); v != 0 {
		return int(v) - 2, v != 1
	}
	buf := m.pool.Get().(*sfnt.Buffer)
	defer m.pool.Put(buf)
	gi, err := m.font.GlyphIndex(buf, r)
	if err != nil || gi == 0 {
		m.cache[r].Store(1)
		return 0, false
	}
	adv, err := m.font.GlyphAdvance(buf, gi, fixed.Int26_6(m.font.UnitsPerEm())<<6, font.HintingNone)
	if err != nil {
		m.cache[r].Store(1)
		return 0, false
	}
	w := int(math.Round(float64(adv) / 64 * 1000 / m.upem))
	m.cache[r].Store(uint32(w + 2))
	return w, true
}

// rightOfOrigin reports whether the glyph of r lies right of its origin,
// as a combining mark of no width drawn over the glyph after it.
func (m *metrics) rightOfOrigin(r rune) bool {
	buf := m.pool.Get().(*sfnt.Buffer)
	defer m.pool.Put(buf)
	gi, err := m.font.GlyphIndex(buf, r)
	if err != nil || gi == 0 {
		return false
	}
	b, _, err := m.font.GlyphBounds(buf, gi, fixed.Int26_6(m.font.UnitsPerEm())<<6, font.HintingNone)
	return err == nil && b.Min.X >= 0
}

// ptToMM converts a font size in points to millimetres.
const ptToMM = 25.4 / 72

// textWidth is the width in mm of s set in face f at size points; a
// character f lacks is measured in the face that prints it (printFace),
// one no face has as the missingGlyph printed for it.
func textWidth(s string, f face, size float64, extra ...*extraFaces) float64 {
	var e *extraFaces
	if len(extra) > 0 {
		e = extra[0]
	}
	m := metricsOf(f)
	units := 0
	for _, r := range s {
		w, ok := m.lookup(r)
		if !ok {
			g, has := printFace(f, r, e)
			if !has {
				r = missingGlyph
				g, _ = printFace(f, r, e)
			}
			w, _ = metricsOf(g).lookup(r)
		}
		units += w
	}
	return float64(units) * size / 1000 * ptToMM
}

// printFace is the face that prints r for text set in f: f itself, its
// DejaVu face when f lacks r and DejaVu has it, or else the first of the
// site's further faces that has it; false when none has it.
func printFace(f face, r rune, extra *extraFaces) (face, bool) {
	for _, g := range [...]face{f, f.fallback(), fbRegular} {
		if _, ok := metricsOf(g).lookup(r); ok {
			return g, true
		}
	}
	for _, g := range extra.list() {
		if _, ok := metricsOf(g).lookup(r); ok {
			return g, true
		}
	}
	return f, false
}

// hasGlyph reports whether every face of the text, Liberation Sans or
// DejaVu Sans or a further face in its place, can print r.
func hasGlyph(r rune, extra *extraFaces) bool {
	for f := range face(sansFaces) {
		if _, ok := printFace(f, r, extra); !ok {
			return false
		}
	}
	return true
}

// substitutes are characters the font lacks that have an exact equivalent it
// has. Everything else it lacks is written as its code point, "[U+1F600]",
// so that nothing is dropped silently.
var substitutes = map[rune]string{
	'\u2011': "-", // non-breaking hyphen
	'\u2010': "-", // hyphen
	'\u2012': "–", // figure dash
	'\u2015': "—", // horizontal bar
	'\u2212': "-", // minus sign
	'\u00A0': "\u00A0",
	'\u202F': "\u00A0", // narrow no-break space
	'\u2007': "\u00A0", // figure space
	'\u2009': " ",      // thin space
	'\u200A': " ",      // hair space
	'\u2002': " ",
	'\u2003': " ",
}

// clean makes s printable: Unicode NFC (so "e" + combining diaeresis becomes
// the ë the font has), tabs, newlines and other control characters become
// spaces, invisible format characters (zero-width space and joiners,
// variation selectors, byte order mark) are dropped, soft hyphens are kept
// for layout (which never prints them), Arabic letters take their
// contextual forms, and runes no font has a glyph for (CJK, emoji,
// anything above U+FFFF, which would crash gofpdf) are replaced by a close
// equivalent or printed as missingGlyph. A character of the Basic
// Multilingual Plane that only a site's further font may have (CJK) is
// kept: the line's segments print it in that font or as missingGlyph.
func clean(s string) string {
	if isPlain(s) {
		return s
	}
	s = norm.NFC.String(s)
	var b strings.Builder
	b.Grow(len(s))
	for _, r := range s {
		switch {
		case r == '\r' || r == '\n' || r == '\t' || r == '\v' || r == '\f' || r == '\u2028' || r == '\u2029' || r == '\u0085':
			b.WriteByte(' ')
		case r == '\u00AD':
			b.WriteRune(r) // a soft hyphen: where layout may hyphenate the word
		case r == '\u200B' || r == '\u200C' || r == '\u200D' || r == '\u2060' || r == '\uFEFF' ||
			r >= '\uFE00' && r <= '\uFE0F' || r >= 0xE0100 && r <= 0xE01EF:
			// invisible: nothing to print
		case unicode.IsControl(r):
			b.WriteByte(' ')
		case r == utf8RuneError:
			b.WriteRune(missingGlyph)
		default:
			if sub, ok := substitutes[r]; ok {
				b.WriteString(sub)
			} else if r <= 0xFFFF {
				b.WriteRune(r)
			} else {
				b.WriteRune(missingGlyph)
			}
		}
	}
	return shapeArabic(b.String())
}

// missingGlyph is printed for a character no font of the PDF has (CJK,
// emoji): the replacement character, one per character, so the reader sees
// that something is missing; check warns where it stands in the source.
const missingGlyph = '\uFFFD'

const utf8RuneError = '\uFFFD'

// isPlain reports whether s is printable ASCII, the common case.
func isPlain(s string) bool {
	for i := 0; i < len(s); i++ {
		if c := s[i]; c < 0x20 || c > 0x7E {
			return false
		}
	}
	return true
}

// flatText is clean without soft hyphens: for text that is not laid out
// (metadata, field names).
func flatText(s string) string { return strings.ReplaceAll(clean(s), "\u00AD", "") }
