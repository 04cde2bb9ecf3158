package pdf

import (
	"bytes"
	"compress/zlib"
	"fmt"
	"io"
	"regexp"
	"slices"
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
	if m := plainStream(out); m != nil {
		t.Errorf("a stream is left uncompressed: %q", out[m[0]:m[1]])
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

// plainStream finds what the regular expression it replaced found.
func TestPlainStream(t *testing.T) {
	re := regexp.MustCompile(`\n(\d+) 0 obj\n<</Length (\d+)>>\nstream\n`)
	for _, in := range []string{
		"",
		"\n12 0 obj\n<</Length 34>>\nstream\nabc",
		"x 0 obj\n<</Length 3>>\nstream\n\n7 0 obj\n<</Length 3>>\nstream\n",
		"\n 0 obj\n<</Length 3>>\nstream\n\n5 0 obj\n<</Length >>\nstream\n\n6 0 obj\n<</Length 9>>\nstrea",
		"a12 0 obj\n<</Length 3>>\nstream\n\n8 0 obj\n<</Filter /FlateDecode /Length 3>>\nstream\n\n9 0 obj\n<</Length 10>>\nstream\n",
	} {
		if got, want := plainStream([]byte(in)), re.FindSubmatchIndex([]byte(in)); !slices.Equal(got, want) {
			t.Errorf("%q: %v, want %v", in, got, want)
		}
	}
}
