package pdf

import (
	"bytes"
	"strconv"
	"strings"
	"testing"
)

// TestFaceObjects checks that PDFs whose faces were written from kept
// objects (a cold cache, then a warm one, documents written in parallel)
// have the bytes of PDFs whose faces gofpdf wrote itself, and that the
// warm ones used them.
func TestFaceObjects(t *testing.T) {
	var before int64
	sameBytesWith(t, &faceObjectsOn, func() { faceObjectsCache = recent[*faceObjects]{size: faceObjectsSize} },
		"with kept font objects", 3, func(round int) {
			if round > 0 && facesKept.Load() == before {
				t.Errorf("round %d: no face was written from kept objects", round)
			}
			before = facesKept.Load()
		})
}

// A kept face renumbers only object numbers, its own and its references,
// not other numbers of its text or anything in its streams.
func TestParseFaceObjects(t *testing.T) {
	objs := []string{
		"<</Type /Font\n/DescendantFonts [6 0 R]\n/ToUnicode 7 0 R>>\nendobj\n",
		"<</CIDSystemInfo 8 0 R\n/FontDescriptor 9 0 R\n/W [1 [500 0 0]]\n/CIDToGIDMap 10 0 R>>\nendobj\n",
		"<</Length 9>>\nstream\n5 0 R 0 R\nendstream\nendobj\n",
		"<</Registry (Adobe)>>\nendobj\n",
		"<</Ascent 905 /FontFile2 11 0 R>>\nendobj\n",
		"<</Length 3/Filter /FlateDecode>>\nstream\n7 0\nendstream\nendobj\n",
		"<</Length 4\n/Filter /FlateDecode\n/Length1 9\n>>\nstream\n>>\nR\nendstream\nendobj\n",
	}
	var pdf bytes.Buffer
	offs := make([]int, 12)
	pdf.WriteString("%PDF-1.7\n")
	for j, o := range objs {
		offs[5+j] = pdf.Len()
		pdf.WriteString(strconv.Itoa(5+j) + " 0 obj\n" + o)
	}
	fo, err := parseFaceObjects(pdf.Bytes(), offs, 5)
	if err != nil {
		t.Fatal(err)
	}
	var out bytes.Buffer
	at := map[int]int{}
	fo.write(&out, 100, at)
	refs := strings.NewReplacer("6 0 R", "101 0 R", "7 0 R", "102 0 R", "8 0 R", "103 0 R", "9 0 R", "104 0 R", "10 0 R", "105 0 R", "11 0 R", "106 0 R")
	want := ""
	for j, o := range objs {
		if j != 2 { // the stream of 2 stays as it is
			o = refs.Replace(o)
		}
		if at[100+j] != len(want) {
			t.Errorf("object %d at %d, want %d", 100+j, at[100+j], len(want))
		}
		want += strconv.Itoa(100+j) + " 0 obj\n" + o
	}
	if out.String() != want {
		t.Errorf("renumbered:\n%s\nwant:\n%s", out.String(), want)
	}
	// A reference out of the face's objects is not the structure known.
	pdf.Reset()
	pdf.WriteString("%PDF-1.7\n")
	for j, o := range objs {
		offs[5+j] = pdf.Len()
		if j == 3 {
			o = "<</Registry 2 0 R>>\nendobj\n"
		}
		pdf.WriteString(strconv.Itoa(5+j) + " 0 obj\n" + o)
	}
	if _, err := parseFaceObjects(pdf.Bytes(), offs, 5); err == nil {
		t.Error("a reference to object 2 from a face's objects was accepted")
	}
}
