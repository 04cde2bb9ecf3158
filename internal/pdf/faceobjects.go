package pdf

import (
	"bytes"
	"reflect"
	"strconv"
	"sync/atomic"

	"github.com/phpdave11/gofpdf"
)

// Font objects written once per face and set of characters. gofpdf writes
// a face as seven objects (Type0 font, CID font with its widths, ToUnicode
// map, CID system info, descriptor, CIDToGIDMap, font file), and to make
// them it cuts the face again and compresses the font file and a 128 KB
// CIDToGIDMap, each with a new zlib writer that allocates about a
// megabyte: more than half of what a document allocates, and in a large
// build the allocation sets how often the garbage collector marks the
// whole site's heap. Two documents with a face and the same characters get
// the same seven objects but for their numbers (the text on the pages is
// written as Unicode, the same whatever the subset). So the first such
// document writes them as gofpdf does and they are kept with their
// numbers made relative; a later one hands gofpdf, for that face, objects
// that cost nothing to write and number the same (the face as a core font,
// one object, and six encodings), and spliceFaces puts the kept objects in
// their place and the cross-reference table right. The bytes are those
// gofpdf would have written (TestFaceObjects).

// faceObjectsSize bounds the faces kept (two generations of this many,
// each its compressed font file, tens of kilobytes).
const faceObjectsSize = 64

// faceObjectsOn is false only in a test that compares with gofpdf's own.
var faceObjectsOn = true

var faceObjectsCache = recent[*faceObjects]{size: faceObjectsSize}

// facesKept counts the faces written from kept objects (for the tests and
// the benchmarks).
var facesKept atomic.Int64

// objsPerFace is how many objects gofpdf writes for a UTF-8 face.
const objsPerFace = 7

// placeholderDiff marks the encodings that stand in for kept objects.
const placeholderDiff = "0 /prestatieFacePlaceholder"

// faceObjects are the objects of a face as gofpdf wrote them, and where
// they hold an object number (their own and their references to one
// another), relative to the first.
type faceObjects struct {
	raw  []byte
	nums []numAt
}

type numAt struct {
	at, end, rel int
	head         bool // the object's own number, where it starts
}

// facePlan is what useSubsets did to a document's faces: in gofpdf's
// order (by key), each face's key and its kept objects, or nil when gofpdf
// writes it.
type facePlan struct {
	table reflect.Value // gofpdf's font table, for the numbers it gave
	faces []plannedFace
}

type plannedFace struct {
	key, cacheKey string
	kept          *faceObjects
}

// keepFaces hands gofpdf a placeholder for every face whose objects are
// kept: the face becomes a core font (one object) and six encodings are
// added (one object each). keys are the table's keys in gofpdf's order
// with the cache key of each.
func keepFaces(w *gofpdf.Fpdf, table reflect.Value, keys []reflect.Value, cacheKeys []string) (*facePlan, error) {
	if !faceObjectsOn {
		return nil, nil
	}
	diffs := reflect.ValueOf(w).Elem().FieldByName("diffs")
	if !diffs.IsValid() || diffs.Kind() != reflect.Slice || diffs.Type().Elem().Kind() != reflect.String {
		return nil, libraryChanged("gofpdf heeft geen lijst van coderingen meer")
	}
	diffs = writable(diffs)
	if diffs.Len() > 0 {
		return nil, nil // a font of another kind: gofpdf writes them all
	}
	plan := &facePlan{table: table}
	var placeholders []string
	for i, k := range keys {
		def := table.MapIndex(k)
		tp := def.FieldByName("Tp")
		if !tp.IsValid() || tp.Kind() != reflect.String {
			return nil, libraryChanged("de lettertypedefinitie van gofpdf is veranderd")
		}
		if tp.String() != "UTF8" {
			return nil, nil
		}
		kept, _ := faceObjectsCache.get(cacheKeys[i])
		plan.faces = append(plan.faces, plannedFace{key: k.String(), cacheKey: cacheKeys[i], kept: kept})
	}
	for i, k := range keys {
		if plan.faces[i].kept == nil {
			continue
		}
		d := reflect.New(table.Type().Elem()).Elem()
		d.Set(table.MapIndex(k))
		d.FieldByName("Tp").SetString("Core")
		table.SetMapIndex(k, d)
		for range objsPerFace - 1 {
			placeholders = append(placeholders, placeholderDiff)
		}
	}
	diffs.Set(reflect.AppendSlice(diffs, reflect.ValueOf(placeholders)))
	return plan, nil
}

// growOutput makes room in gofpdf's output buffer, before it writes the
// document, for about what it will write: the pages, the faces (a kept
// face is its objects; another mostly its compressed subset, 10-15 KB in
// a generated agreement) and the rest (under 16 KB there). Left to itself
// the buffer doubles as it fills: about four times the document in
// allocations.
func growOutput(w *gofpdf.Fpdf, plan *facePlan, faces int) {
	v := reflect.ValueOf(w).Elem()
	buf, pages := v.FieldByName("buffer"), v.FieldByName("pages")
	if !buf.IsValid() || !pages.IsValid() {
		return // only an allocation saved
	}
	b, ok := writable(buf).Addr().Interface().(interface{ Grow(int) })
	ps, ok2 := writable(pages).Interface().([]*bytes.Buffer)
	if !ok || !ok2 {
		return
	}
	n := 32 << 10
	for _, p := range ps {
		if p != nil {
			n += p.Len() + 256
		}
	}
	kept := 0
	if plan != nil {
		for _, f := range plan.faces {
			if f.kept != nil {
				n += len(f.kept.raw)
				kept++
			}
		}
	}
	n += (faces - kept) * (20 << 10)
	b.Grow(n)
}

// kept reports whether the plan keeps the objects of the face with key.
func (p *facePlan) kept(key string) bool {
	if p == nil {
		return false
	}
	for _, f := range p.faces {
		if f.key == key {
			return f.kept != nil
		}
	}
	return false
}

// spliceFaces puts the kept objects of the plan in the place of their
// placeholders in pdf as gofpdf wrote it, keeps the objects of the faces
// gofpdf wrote, and numbers the faces' objects as gofpdf would have.
func spliceFaces(pdf []byte, plan *facePlan) ([]byte, error) {
	if plan == nil {
		return pdf, nil
	}
	bad := func(what string) error {
		return libraryChanged("gofpdf schrijft de lettertypen anders (" + what + ")")
	}
	x, offs, err := readXref(pdf)
	if err != nil {
		return nil, err
	}
	ns, first, last, err := plan.numbers(pdf, offs)
	if err != nil {
		return nil, err
	}
	start := offs[first]
	lastObj, err := objectAt(pdf, offs, last)
	if err != nil {
		return nil, bad("object")
	}
	end := offs[last] + len(lastObj)

	objs := make([]*faceObjects, len(plan.faces))
	renumber := map[int]int{} // the fonts' first objects, for the resources
	for i, f := range plan.faces {
		if objs[i] = f.kept; objs[i] == nil {
			if objs[i], err = parseFaceObjects(pdf, offs, ns[i]); err != nil {
				return nil, err
			}
			faceObjectsCache.put(f.cacheKey, objs[i])
		} else {
			facesKept.Add(1)
		}
		renumber[ns[i]] = first + objsPerFace*i
	}

	fonts, fontsAt, fontsEnd, err := fontResources(pdf, offs, renumber)
	if err != nil {
		return nil, err
	}
	if end > fontsAt || fontsEnd > x {
		return nil, bad("volgorde")
	}

	var out bytes.Buffer
	size := len(pdf) - (end - start) + 64
	for _, o := range objs {
		size += len(o.raw) + 8*len(o.nums)
	}
	out.Grow(size)
	out.Write(pdf[:start])
	newOffs := make(map[int]int, last-first+1)
	for i, o := range objs {
		o.write(&out, first+objsPerFace*i, newOffs)
	}
	d1 := out.Len() - end
	out.Write(pdf[end:fontsAt])
	out.Write(fonts)
	out.Write(pdf[fontsEnd:x])
	d2 := d1 + len(fonts) - (fontsEnd - fontsAt)
	return writeXref(&out, pdf, x, func(n, off int) int {
		switch {
		case n >= first && n <= last:
			return newOffs[n]
		case off >= fontsEnd:
			return off + d2
		case off >= end:
			return off + d1
		}
		return off
	})
}

// numbers returns the first object gofpdf gave each face of the plan,
// after checking that they are as spliceFaces expects: the placeholders'
// encodings first, then the faces in order, a kept face as one object and
// another as its seven. first and last are the objects of all that.
func (p *facePlan) numbers(pdf []byte, offs []int) (ns []int, first, last int, err error) {
	bad := func(what string) error {
		return libraryChanged("gofpdf schrijft de lettertypen anders (" + what + ")")
	}
	ns = make([]int, len(p.faces))
	kept := 0
	for i, f := range p.faces {
		def := p.table.MapIndex(reflect.ValueOf(f.key))
		if !def.IsValid() {
			return nil, 0, 0, bad("lettertype")
		}
		ns[i] = int(def.FieldByName("N").Int())
		if f.kept != nil {
			kept++
		}
	}
	first = ns[0] - (objsPerFace-1)*kept
	next := ns[0]
	for i, f := range p.faces {
		if ns[i] != next {
			return nil, 0, 0, bad("volgorde")
		}
		next++
		if f.kept == nil {
			next += objsPerFace - 1
		}
	}
	last = next - 1
	if first < 1 || last >= len(offs) {
		return nil, 0, 0, bad("nummers")
	}
	for n := first; n < ns[0]; n++ {
		obj, err := objectAt(pdf, offs, n)
		if err != nil || !bytes.Contains(obj, []byte("/Differences ["+placeholderDiff+"]")) {
			return nil, 0, 0, bad("plaatshouder")
		}
	}
	return ns, first, last, nil
}

// fontResources returns the fonts of the resources (object 2), each named
// by the first object renumber gives it, and where they are in pdf.
func fontResources(pdf []byte, offs []int, renumber map[int]int) ([]byte, int, int, error) {
	bad := libraryChanged("gofpdf schrijft de lettertypen anders (hulpbronnen)")
	res, err := objectAt(pdf, offs, 2)
	if err != nil {
		return nil, 0, 0, bad
	}
	fs := bytes.Index(res, []byte("\n/Font <<\n"))
	if fs < 0 {
		return nil, 0, 0, bad
	}
	fs += len("\n/Font <<\n")
	fe := bytes.Index(res[fs:], []byte(">>\n"))
	if fe < 0 {
		return nil, 0, 0, bad
	}
	var fonts []byte
	for _, line := range bytes.SplitAfter(res[fs:fs+fe], []byte("\n")) {
		if len(line) == 0 {
			continue
		}
		f := bytes.Fields(line)
		if len(f) != 4 || string(f[2]) != "0" || string(f[3]) != "R" {
			return nil, 0, 0, bad
		}
		n, err := strconv.Atoi(string(f[1]))
		m, ok := renumber[n]
		if err != nil || !ok {
			return nil, 0, 0, bad
		}
		fonts = append(append(append(fonts, f[0]...), ' '), strconv.Itoa(m)+" 0 R\n"...)
	}
	return fonts, offs[2] + fs, offs[2] + fs + fe, nil
}

// parseFaceObjects reads the seven objects gofpdf wrote for a face from
// its first object n, and notes where they hold an object number: every
// reference among them must be to one of them.
func parseFaceObjects(pdf []byte, offs []int, n int) (*faceObjects, error) {
	bad := libraryChanged("gofpdf schrijft de lettertypen anders (lettertypeobjecten)")
	if n+objsPerFace > len(offs) {
		return nil, bad
	}
	fo := &faceObjects{}
	for j := range objsPerFace {
		obj, err := objectAt(pdf, offs, n+j)
		if err != nil {
			return nil, bad
		}
		base := len(fo.raw)
		fo.raw = append(fo.raw, obj...)
		head := strconv.Itoa(n + j)
		fo.nums = append(fo.nums, numAt{at: base, end: base + len(head), rel: j, head: true})
		text := obj
		if i := bytes.Index(obj, []byte(">>\nstream\n")); i >= 0 {
			text = obj[:i]
		}
		for off := len(head); ; {
			i := bytes.Index(text[off:], []byte(" 0 R"))
			if i < 0 {
				break
			}
			e := off + i
			s := e
			for s > 0 && '0' <= text[s-1] && text[s-1] <= '9' {
				s--
			}
			ref, err := strconv.Atoi(string(text[s:e]))
			if err != nil || s == 0 || text[s-1] != ' ' && text[s-1] != '[' || ref < n || ref >= n+objsPerFace {
				return nil, bad
			}
			fo.nums = append(fo.nums, numAt{at: base + s, end: base + e, rel: ref - n})
			off = e + len(" 0 R")
		}
	}
	return fo, nil
}

// write writes the objects numbered from base into the document b and
// notes where each object starts.
func (fo *faceObjects) write(b *bytes.Buffer, base int, offs map[int]int) {
	prev := 0
	for _, n := range fo.nums {
		b.Write(fo.raw[prev:n.at])
		if n.head {
			offs[base+n.rel] = b.Len()
		}
		b.WriteString(strconv.Itoa(base + n.rel))
		prev = n.end
	}
	b.Write(fo.raw[prev:])
}

// objectAt returns object n of pdf as gofpdf wrote it: from "n 0 obj\n"
// to "endobj\n", a stream by its /Length.
func objectAt(pdf []byte, offs []int, n int) ([]byte, error) {
	bad := unexpected("object " + strconv.Itoa(n))
	if n <= 0 || n >= len(offs) || offs[n] <= 0 || offs[n] >= len(pdf) {
		return nil, bad
	}
	b := pdf[offs[n]:]
	head := strconv.Itoa(n) + " 0 obj\n"
	if !bytes.HasPrefix(b, []byte(head)) {
		return nil, bad
	}
	const endobj = "endobj\n"
	if i := bytes.Index(b, []byte(">>\nstream\n")); i >= 0 && !bytes.Contains(b[:i], []byte(endobj)) {
		dict := b[:i]
		l := bytes.Index(dict, []byte("/Length "))
		if l < 0 {
			return nil, bad
		}
		l += len("/Length ")
		e := l
		for e < len(dict) && '0' <= dict[e] && dict[e] <= '9' {
			e++
		}
		size, err := strconv.Atoi(string(dict[l:e]))
		s := i + len(">>\nstream\n")
		if err != nil || s+size > len(b) || !bytes.HasPrefix(b[s+size:], []byte("\nendstream\n"+endobj)) {
			return nil, bad
		}
		return b[:s+size+len("\nendstream\n"+endobj)], nil
	}
	i := bytes.Index(b, []byte("\n"+endobj))
	if i < 0 {
		return nil, bad
	}
	return b[:i+1+len(endobj)], nil
}
