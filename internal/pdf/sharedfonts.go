package pdf

import (
	"bytes"
	"fmt"
	"maps"
	"reflect"
	"sync"
	"time"
	"unsafe"

	"github.com/johnfercher/maroto/v2/pkg/core"
	"github.com/johnfercher/maroto/v2/pkg/core/entity"
	"github.com/phpdave11/gofpdf"
)

// Fonts parsed once per process. gofpdf's AddUTF8FontFromBytes parses the
// whole TrueType file and then JSON-encodes its 65,536 glyph widths to make
// the font's id (a SHA-1), every time: a fifth of a PDF's time when maroto
// does it for every document. So each face is added once, to a writer of
// its own (the template), and every document's writer gets a copy of that
// font definition: the same definition gofpdf would have made, so the same
// bytes. maroto v2.3.3 and gofpdf v1.4.3 expose neither the writer's font
// table nor a way to hand it a parsed font; installFonts reaches the
// unexported fields as writerOf does. When an upgrade changes them,
// installFonts fails with an error (no PDF is written wrongly) and
// TestSharedFonts says so.

// fontTemplate is one face as gofpdf defines it: its key in the writer's
// font table and the definition (gofpdf's unexported fontDefType).
type fontTemplate struct {
	key string
	def reflect.Value
}

var templates struct {
	mu sync.Mutex
	by map[face]*fontTemplate
}

// templateOf returns the parsed definition of f, parsing it on first use.
func templateOf(f face, ttf []byte) (*fontTemplate, error) {
	templates.mu.Lock()
	defer templates.mu.Unlock()
	if t := templates.by[f]; t != nil {
		return t, nil
	}
	gofpdfMu.Lock() // NewCustom reads gofpdf's default dates
	w := gofpdf.NewCustom(&gofpdf.InitType{OrientationStr: "P", UnitStr: "mm", Size: gofpdf.SizeType{Wd: 210, Ht: 297}})
	gofpdfMu.Unlock()
	// gofpdf keeps the bytes and writes into them while subsetting; every
	// document gets a copy (cloneDef), the template keeps its own.
	w.AddUTF8FontFromBytes(f.family(), string(f.style()), bytes.Clone(ttf))
	if err := w.Error(); err != nil {
		return nil, err
	}
	table, err := fontTable(w)
	if err != nil {
		return nil, err
	}
	if table.Len() != 1 {
		return nil, libraryChanged(fmt.Sprintf("gofpdf heeft %d lettertypen na één toevoeging", table.Len()))
	}
	iter := table.MapRange()
	iter.Next()
	t := &fontTemplate{key: iter.Key().String(), def: iter.Value()}
	if id := iter.Value().FieldByName("i"); id.IsValid() && id.Kind() == reflect.String {
		fontIDs.Store(f, id.String()) // else addText selects the font three times
	}
	if _, err := cloneDef(t.def, false); err != nil {
		return nil, err
	}
	if templates.by == nil {
		templates.by = map[face]*fontTemplate{}
	}
	templates.by[f] = t
	return t, nil
}

// faceTTF returns the TrueType bytes of a face.
func faceTTF(f face) []byte {
	if f >= numFaces {
		return extraOf(f).ttf
	}
	return ttfs[f]
}

// docFaces lists the faces a document embeds: regular, bold, italic and,
// when the text uses them, bold italic, the monospaced face of code, the
// DejaVu faces and the site's further faces, in the site's order.
func docFaces(used usedFaces, extra *extraFaces) []face {
	var fs []face
	for f := range numFaces {
		if (f == boldItalic || f >= mono) && !used[f] {
			continue
		}
		fs = append(fs, f)
	}
	for _, f := range extra.list() {
		if used[f] {
			fs = append(fs, f)
		}
	}
	return fs
}

// withFonts creates the document of a drawing pass with the faces its
// text uses.
func withFonts(cfg *entity.Config, date time.Time, used usedFaces, extra *extraFaces) (core.Maroto, error) {
	m := newMaroto(cfg, date)
	return m, installFonts(m, docFaces(used, extra), false)
}

// installFonts gives the writer behind m the document's faces and selects
// the default font (regular, 10 pt), as maroto would have done had it been
// given the fonts: maroto's own attempt to select it, before the fonts are
// there, left an error in the writer that is cleared here.
//
// With share, the faces' file bytes are the template's, which gofpdf must
// not cut (it writes into them): useSubsets or ownBytes gives the writer
// bytes of its own before it writes the document. Without, they are the
// writer's own from the start.
func installFonts(m core.Maroto, faces []face, share bool) error {
	w := writerOf(providerOf(m))
	if w == nil {
		return libraryChanged("de PDF-schrijver van maroto is onbereikbaar")
	}
	table, err := fontTable(w)
	if err != nil {
		return err
	}
	for _, f := range faces {
		t, err := templateOf(f, faceTTF(f))
		if err != nil {
			return err
		}
		def, err := cloneDef(t.def, share)
		if err != nil {
			return err
		}
		table.SetMapIndex(reflect.ValueOf(t.key), def)
	}
	w.ClearError()
	w.SetFont(family, "", 10)
	return w.Error()
}

// fontTable returns gofpdf's table of fonts (map[string]fontDefType),
// writable.
func fontTable(w *gofpdf.Fpdf) (reflect.Value, error) {
	v := reflect.ValueOf(w).Elem().FieldByName("fonts")
	if !v.IsValid() || v.Kind() != reflect.Map || v.Type().Key().Kind() != reflect.String {
		return reflect.Value{}, libraryChanged("gofpdf heeft geen lettertypetabel meer")
	}
	return writable(v), nil
}

// cloneDef copies a font definition for one document: what gofpdf changes
// while it writes a document (the runes used; the parsed file, which
// subsetting parses again into its own fields, and, unless share, its
// bytes) is the copy's own; the glyph widths, only read, are shared.
func cloneDef(tmpl reflect.Value, share bool) (reflect.Value, error) {
	bad := libraryChanged("de lettertypedefinitie van gofpdf is veranderd")
	def := reflect.New(tmpl.Type()).Elem()
	def.Set(tmpl)
	used, file := def.FieldByName("usedRunes"), def.FieldByName("utf8File")
	if !used.IsValid() || !file.IsValid() || file.Kind() != reflect.Pointer || file.IsNil() {
		return reflect.Value{}, bad
	}
	used = writable(used)
	runes, ok := used.Interface().(map[int]int)
	if !ok {
		return reflect.Value{}, bad
	}
	used.Set(reflect.ValueOf(maps.Clone(runes)))
	file = writable(file)
	var ttf []byte
	if !share {
		b, err := fileBytes(file)
		if err != nil {
			return reflect.Value{}, err
		}
		ttf = bytes.Clone(b.Bytes())
	}
	nf, err := copyFile(file, ttf)
	if err != nil {
		return reflect.Value{}, err
	}
	file.Set(nf)
	return def, nil
}

// providerOf returns the provider (the PDF writer's wrapper) of a maroto
// document, or nil.
func providerOf(m core.Maroto) core.Provider {
	v := reflect.ValueOf(m)
	if v.Kind() != reflect.Pointer || v.IsNil() || v.Elem().Kind() != reflect.Struct {
		return nil
	}
	f := v.Elem().FieldByName("provider")
	if !f.IsValid() || f.Kind() != reflect.Interface {
		return nil
	}
	p, _ := writable(f).Interface().(core.Provider)
	return p
}

// writable returns v, an unexported field of an addressable struct, so
// that it can be read and set.
func writable(v reflect.Value) reflect.Value {
	return reflect.NewAt(v.Type(), unsafe.Pointer(v.UnsafeAddr())).Elem()
}

// ownBytes gives every face of the writer its own copy of the file bytes
// it shares with the template.
func ownBytes(w *gofpdf.Fpdf) error {
	table, err := fontTable(w)
	if err != nil {
		return err
	}
	for _, k := range table.MapKeys() {
		_, file, err := defParts(table.MapIndex(k))
		if err != nil {
			return err
		}
		b, err := fileBytes(file)
		if err != nil {
			return err
		}
		b.SetBytes(bytes.Clone(b.Bytes()))
	}
	return nil
}

// pagesOf returns the number of pages maroto will write for m, as
// Generate adds the page being filled: the pages so far plus one; -1 when
// maroto no longer has the field.
func pagesOf(m core.Maroto) int {
	v := reflect.ValueOf(m)
	if v.Kind() != reflect.Pointer || v.IsNil() || v.Elem().Kind() != reflect.Struct {
		return -1
	}
	f := v.Elem().FieldByName("pages")
	if !f.IsValid() || f.Kind() != reflect.Slice {
		return -1
	}
	return f.Len() + 1
}

// libraryChanged is the error of every place that reaches into maroto's or
// gofpdf's unexported fields (writerOf, installFonts, useSubsets) and finds
// them not as this version of prestatie knows them: a program built with
// other versions of those modules than go.mod pins. Not the content's fault,
// so the message says what to do instead of where.
func libraryChanged(what string) error {
	return fmt.Errorf("pdf: %s; prestatie is gebouwd met een andere versie van maroto of gofpdf dan go.mod vastlegt: bouw het programma opnieuw met de versies uit go.mod (make install) of meld dit met de uitvoer van prestatie version", what)
}

// unexpected is the error of the places that rework the PDF gofpdf wrote
// (compressing streams, splicing font objects, the catalog, signature
// fields) and find it not built as this version knows it: the same cause
// as libraryChanged, and the same thing to do.
func unexpected(what string) error {
	return libraryChanged("onverwachte opbouw van de PDF die gofpdf schreef (" + what + ")")
}
