package pdf

import (
	"bytes"
	"encoding/binary"
	"maps"
	"reflect"
	"slices"

	"github.com/phpdave11/gofpdf"
)

// Font subsets made once per set of characters. When gofpdf writes a
// document it cuts every face down to the glyphs the text uses, parsing the
// whole TrueType file again (cmap, metrics, every glyph's place): a sixth
// of a PDF's time, the same work for every document that uses the same
// characters. gofpdf's cutting is idempotent: the subset cut again for the
// same characters is the same subset, with the same glyph numbers. So the
// first document with a set of characters cuts the face (as gofpdf would),
// and from then on the writer is handed that subset in place of the whole
// file, which gofpdf then cuts in a fraction of the time into the same
// bytes. That it is idempotent is checked for every subset before it is
// used (same bytes, same glyph numbers, same last character); a subset that
// is not is never used, and the document is cut from the whole file as
// before.

// subsetCacheSize bounds the subsets kept (two generations of this many,
// each tens of kilobytes).
const subsetCacheSize = 128

// subsetsOn is false only in a test that compares with the whole files.
var subsetsOn = true

type subsetEntry struct {
	ttf []byte // nil: the subset is not idempotent, use the whole file
}

var subsets = recent[*subsetEntry]{size: subsetCacheSize}

// useSubsets hands every face of the writer, once the document is drawn
// and before it is written, the subset of its characters in place of the
// whole file, where that gives the same bytes; or, when the objects of the
// face with those characters are kept, a placeholder (keepFaces). The plan
// says which, for spliceFaces.
func useSubsets(w *gofpdf.Fpdf) (*facePlan, error) {
	if w == nil {
		return nil, libraryChanged("de PDF-schrijver van maroto is onbereikbaar")
	}
	if !subsetsOn {
		return nil, ownBytes(w)
	}
	table, err := fontTable(w)
	if err != nil {
		return nil, err
	}
	keys := table.MapKeys()
	slices.SortFunc(keys, func(a, b reflect.Value) int { return cmpString(a.String(), b.String()) })
	cacheKeys := make([]string, len(keys))
	for i, k := range keys {
		runes, _, err := defParts(table.MapIndex(k))
		if err != nil {
			return nil, err
		}
		cacheKeys[i] = subsetKey(k.String(), runes)
	}
	plan, err := keepFaces(w, table, keys, cacheKeys)
	if err != nil {
		return nil, err
	}
	growOutput(w, plan, len(keys))
	for i, k := range keys {
		if plan.kept(k.String()) {
			continue // gofpdf writes a placeholder: nothing to cut
		}
		runes, file, err := defParts(table.MapIndex(k))
		if err != nil {
			return nil, err
		}
		key := cacheKeys[i]
		e, ok := subsets.get(key)
		if !ok {
			e = makeSubset(file, runes)
			subsets.put(key, e)
		}
		// gofpdf writes into the bytes it cuts: the document's own copy,
		// of the subset or else of the whole file
		ttf := e.ttf
		if ttf == nil {
			b, err := fileBytes(file)
			if err != nil {
				return nil, err
			}
			ttf = b.Bytes()
		}
		if err := setFileBytes(file, bytes.Clone(ttf)); err != nil {
			return nil, err
		}
	}
	return plan, nil
}

func cmpString(a, b string) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}

// defParts returns the runes a font definition's text used and its parsed
// file (a *utf8FontFile), writable.
func defParts(def reflect.Value) (map[int]int, reflect.Value, error) {
	bad := libraryChanged("de lettertypedefinitie van gofpdf is veranderd")
	d := reflect.New(def.Type()).Elem()
	d.Set(def)
	used, file := d.FieldByName("usedRunes"), d.FieldByName("utf8File")
	if !used.IsValid() || !file.IsValid() || file.Kind() != reflect.Pointer || file.IsNil() {
		return nil, reflect.Value{}, bad
	}
	runes, ok := writable(used).Interface().(map[int]int)
	if !ok {
		return nil, reflect.Value{}, bad
	}
	return runes, writable(file), nil
}

// subsetKey names a face and the characters gofpdf cuts it for: the runes
// used, as gofpdf keeps them (rune -> rune, or 0 for those it adds itself).
func subsetKey(font string, runes map[int]int) string {
	ks := slices.Sorted(maps.Keys(runes))
	b := make([]byte, 0, len(font)+1+8*len(ks))
	b = append(b, font...)
	b = append(b, 0)
	for _, k := range ks {
		b = binary.LittleEndian.AppendUint32(b, uint32(k))
		b = binary.LittleEndian.AppendUint32(b, uint32(runes[k]))
	}
	return string(b)
}

// cutFont does what gofpdf's writer does with a face: cut its file for the runes
// (without rune 0, which it drops first). It returns the subset, the glyph
// number of every rune in it and the last rune.
type cutResult struct {
	ttf    []byte
	glyphs map[int]int
	last   int
}

func cutFont(file reflect.Value, runes map[int]int) (cutResult, bool) {
	rs := maps.Clone(runes)
	delete(rs, 0)
	fn := file.MethodByName("GenerateCutFont")
	if !fn.IsValid() {
		return cutResult{}, false
	}
	out := fn.Call([]reflect.Value{reflect.ValueOf(rs)})
	ttf, ok := out[0].Interface().([]byte)
	glyphs, last := file.Elem().FieldByName("CodeSymbolDictionary"), file.Elem().FieldByName("LastRune")
	if !ok || ttf == nil || !glyphs.IsValid() || !last.IsValid() || last.Kind() != reflect.Int {
		return cutResult{}, false
	}
	g, ok := glyphs.Interface().(map[int]int)
	return cutResult{ttf: ttf, glyphs: maps.Clone(g), last: int(last.Int())}, ok
}

// makeSubset cuts a copy of the face's file for runes and checks that
// cutting the subset again gives the same.
func makeSubset(file reflect.Value, runes map[int]int) *subsetEntry {
	b, err := fileBytes(file)
	if err != nil {
		return &subsetEntry{}
	}
	whole, err := copyFile(file, bytes.Clone(b.Bytes()))
	if err != nil {
		return &subsetEntry{}
	}
	first, ok := cutFont(whole, runes)
	if !ok {
		return &subsetEntry{}
	}
	sub, err := copyFile(file, bytes.Clone(first.ttf))
	if err != nil {
		return &subsetEntry{}
	}
	again, ok := cutFont(sub, runes)
	if !ok || !bytes.Equal(again.ttf, first.ttf) || !maps.Equal(again.glyphs, first.glyphs) || again.last != first.last {
		return &subsetEntry{}
	}
	return &subsetEntry{ttf: first.ttf}
}

// copyFile returns a copy of a parsed file (*utf8FontFile) with a reader
// of its own over ttf, or over the same bytes when ttf is nil.
func copyFile(file reflect.Value, ttf []byte) (reflect.Value, error) {
	nf := reflect.New(file.Type().Elem())
	nf.Elem().Set(file.Elem())
	rd := nf.Elem().FieldByName("fileReader")
	if !rd.IsValid() || rd.Kind() != reflect.Pointer || rd.IsNil() {
		return reflect.Value{}, libraryChanged("het lettertypebestand van gofpdf is veranderd")
	}
	rd = writable(rd)
	nr := reflect.New(rd.Type().Elem())
	nr.Elem().Set(rd.Elem())
	rd.Set(nr)
	if ttf == nil {
		return nf, nil
	}
	return nf, setFileBytes(nf, ttf)
}

// fileBytes returns the bytes field of a parsed file's reader, writable.
func fileBytes(file reflect.Value) (reflect.Value, error) {
	rd := file.Elem().FieldByName("fileReader")
	if !rd.IsValid() || rd.Kind() != reflect.Pointer || rd.IsNil() {
		return reflect.Value{}, libraryChanged("het lettertypebestand van gofpdf is veranderd")
	}
	arr := writable(rd).Elem().FieldByName("array")
	if !arr.IsValid() || arr.Kind() != reflect.Slice || arr.Type().Elem().Kind() != reflect.Uint8 {
		return reflect.Value{}, libraryChanged("het lettertypebestand van gofpdf is veranderd")
	}
	return writable(arr), nil
}

// setFileBytes makes ttf the bytes a parsed file is cut from.
func setFileBytes(file reflect.Value, ttf []byte) error {
	arr, err := fileBytes(file)
	if err != nil {
		return err
	}
	arr.SetBytes(ttf)
	return nil
}
