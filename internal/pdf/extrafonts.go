package pdf

import (
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"errors"
	"fmt"
	"sync"

	"golang.org/x/image/font/sfnt"
)

// Font is a further TrueType face a site gives the PDF (pdf_fonts in
// prestatie.yaml): after Liberation Sans and DejaVu Sans, it prints the
// characters they lack, such as CJK. Name is the file, for messages.
type Font struct {
	Name string
	TTF  []byte
	sum  *[32]byte // the SHA-256 of TTF, when NewFont computed it
}

// NewFont checks a font file (CheckFont) and returns it ready for
// Options.Fonts, its hash computed once for all the documents of a site
// (11 ms for a 12 MB font, per document otherwise). TTF must not change
// afterwards.
func NewFont(name string, ttf []byte) (Font, error) {
	if err := CheckFont(ttf); err != nil {
		return Font{}, err
	}
	sum := sha256.Sum256(ttf)
	return Font{Name: name, TTF: ttf, sum: &sum}, nil
}

// extraFaces are a document's further faces, in the site's order: the
// first that has a character prints it. A nil *extraFaces is none.
type extraFaces struct{ faces []face }

func (e *extraFaces) list() []face {
	if e == nil {
		return nil
	}
	return e.faces
}

// registry holds the parsed metrics of every further font seen by the
// process, by the SHA-256 of its bytes. It is a cache, not a setting: what
// a document prints with is only its own Options.Fonts, and the same bytes
// always give the same metrics, so documents of different sites rendered
// in one process do not affect each other. Fonts are kept for the life of
// the process (a preview reloading an edited font keeps the old one).
var registry struct {
	mu     sync.RWMutex
	byHash map[[32]byte]face
	fonts  []registered
}

type registered struct {
	m      *metrics
	ttf    []byte
	family string
}

func extraOf(f face) registered {
	registry.mu.RLock()
	defer registry.mu.RUnlock()
	return registry.fonts[f-numFaces]
}

// CheckFont reports, in Dutch, why the PDF writer cannot embed a font
// file: gofpdf's UTF-8 font loader takes TrueType outlines only (not CFF
// OpenType, collections or web fonts) and, as it should, refuses fonts
// whose licence forbids embedding.
func CheckFont(ttf []byte) error {
	if len(ttf) < 12 {
		return errors.New("geen lettertypebestand (te kort)")
	}
	switch tag := string(ttf[:4]); tag {
	case "\x00\x01\x00\x00", "true":
	case "OTTO":
		return errors.New("OpenType met CFF-contouren (.otf) kan de pdf niet insluiten: gebruik de TrueType-versie (.ttf) van het lettertype")
	case "ttcf":
		return errors.New("een lettertypecollectie (.ttc) kan de pdf niet insluiten: gebruik één TrueType-bestand (.ttf) per lettertype")
	case "wOFF", "wOF2":
		return errors.New("een weblettertype (WOFF) kan de pdf niet insluiten: gebruik het TrueType-bestand (.ttf)")
	default:
		return errors.New("geen TrueType-lettertype: gebruik een .ttf-bestand")
	}
	if _, err := sfnt.Parse(ttf); err != nil {
		return fmt.Errorf("onleesbaar TrueType-lettertype (%v)", err)
	}
	tables := map[string][]byte{}
	n := int(binary.BigEndian.Uint16(ttf[4:]))
	for i := range n {
		rec := 12 + 16*i
		if rec+16 > len(ttf) {
			return errors.New("onleesbaar TrueType-lettertype (tabellen buiten het bestand)")
		}
		off, size := binary.BigEndian.Uint32(ttf[rec+8:]), binary.BigEndian.Uint32(ttf[rec+12:])
		if uint64(off)+uint64(size) > uint64(len(ttf)) {
			return errors.New("onleesbaar TrueType-lettertype (tabellen buiten het bestand)")
		}
		tables[string(ttf[rec:rec+4])] = ttf[off : off+size]
	}
	for _, t := range []string{"glyf", "loca", "cmap", "hmtx", "hhea", "head"} {
		if tables[t] == nil {
			return fmt.Errorf("TrueType-lettertype zonder %q-tabel: de pdf kan het niet insluiten", t)
		}
	}
	if os2 := tables["OS/2"]; len(os2) >= 10 {
		if fsType := binary.BigEndian.Uint16(os2[8:]); fsType == 0x0002 || fsType&0x0300 != 0 {
			return errors.New("de licentie van dit lettertype staat insluiten in een pdf niet toe")
		}
	}
	return nil
}

// registerFonts returns the faces of a document's further fonts, parsing
// each the first time the process sees it.
func registerFonts(fonts []Font) (*extraFaces, error) {
	if len(fonts) == 0 {
		return nil, nil
	}
	e := &extraFaces{}
	for _, ft := range fonts {
		f, err := register(ft)
		if err != nil {
			return nil, fmt.Errorf("lettertype %s: %w", ft.Name, err)
		}
		e.faces = append(e.faces, f)
	}
	return e, nil
}

func register(ft Font) (face, error) {
	ttf := ft.TTF
	var sum [32]byte
	if ft.sum != nil {
		sum = *ft.sum
	} else {
		sum = sha256.Sum256(ttf)
	}
	registry.mu.RLock()
	f, ok := registry.byHash[sum]
	registry.mu.RUnlock()
	if ok {
		return f, nil
	}
	if err := CheckFont(ttf); err != nil {
		return 0, err
	}
	parsed, err := sfnt.Parse(ttf)
	if err != nil {
		return 0, err
	}
	m := &metrics{font: parsed, upem: float64(parsed.UnitsPerEm()), cache: make([]atomicWidth, 0x10000)}
	m.pool.New = newBuffer
	registry.mu.Lock()
	defer registry.mu.Unlock()
	if f, ok := registry.byHash[sum]; ok {
		return f, nil
	}
	if registry.byHash == nil {
		registry.byHash = map[[32]byte]face{}
	}
	f = numFaces + face(len(registry.fonts))
	// The family name comes from the bytes, not from the order fonts were
	// seen, so that the PDF is the same whatever else the process rendered.
	registry.fonts = append(registry.fonts, registered{m: m, ttf: ttf, family: "extra" + hex.EncodeToString(sum[:6])})
	registry.byHash[sum] = f
	return f, nil
}
