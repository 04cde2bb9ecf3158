package pdf

import (
	"bytes"
	"compress/zlib"
	"fmt"
	"io"
	"regexp"
	"strconv"
	"testing"
)

// The pages are compressed after gofpdf wrote them: no stream is left
// without a filter, each inflates, and the cross-reference table points at
// every object.
func TestCompressedStreams(t *testing.T) {
	out, err := Render(load(t, root), Options{})
	if err != nil {
		t.Fatal(err)
	}
	if m := plainStream.Find(out); m != nil {
		t.Errorf("a stream is left uncompressed: %q", m)
	}
	streams := regexp.MustCompile(`<</Filter /FlateDecode /Length (\d+)>>\nstream\n`).FindAllSubmatchIndex(out, -1)
	if len(streams) < 10 {
		t.Fatalf("%d compressed page streams, want at least 10", len(streams))
	}
	for _, m := range streams {
		n, _ := strconv.Atoi(string(out[m[2]:m[3]]))
		r, err := zlib.NewReader(bytes.NewReader(out[m[1] : m[1]+n]))
		if err == nil {
			_, err = io.ReadAll(r)
		}
		if err != nil {
			t.Fatalf("stream at %d does not inflate: %v", m[0], err)
		}
	}
	xref := bytes.LastIndex(out, []byte("\nxref\n"))
	entries := regexp.MustCompile(`(?m)^(\d{10}) 00000 n $`).FindAllSubmatch(out[xref:], -1)
	for i, e := range entries {
		off, _ := strconv.Atoi(string(e[1]))
		if want := fmt.Sprintf("%d 0 obj\n", i+1); !bytes.HasPrefix(out[off:], []byte(want)) {
			t.Fatalf("xref entry %d points at %q, not at its object", i+1, out[off:off+12])
		}
	}
}

// BenchmarkCompressLevel renders the default agreement with the page
// streams at zlib levels 1, 6 and 9 and reports the size of the PDF:
//
//	go test ./internal/pdf -run '^$' -bench CompressLevel
func BenchmarkCompressLevel(b *testing.B) {
	ag := load(b, root)
	defer func(l int) { compressLevel = l }(compressLevel)
	for _, level := range []int{zlib.BestSpeed, 6, zlib.BestCompression} {
		b.Run(fmt.Sprint("level-", level), func(b *testing.B) {
			compressLevel = level
			var size int
			for b.Loop() {
				out, err := Render(ag, Options{})
				if err != nil {
					b.Fatal(err)
				}
				size = len(out)
			}
			b.ReportMetric(float64(size), "bytes/pdf")
		})
	}
}
