package pdf

import (
	"bytes"
	"compress/zlib"
	"fmt"
	"sort"
	"strconv"
)

// gofpdf compresses every stream with a zlib writer of its own, and setting
// one up (about a megabyte of tables, cleared) cost more than compressing
// the page itself: 12% of a PDF's time. So gofpdf writes the pages
// uncompressed (WithCompression(false); it still compresses the fonts
// itself) and compressStreams compresses them afterwards with writers that
// are reused.

// compressLevel is the zlib level of the page streams, chosen by
// measurement (BenchmarkCompressLevel, default agreement, 2 loaded cores):
// level 1 gives 96.5 KB in about 49 ms, level 6 90.2 KB (-6.5%) in about
// 63 ms, level 9 89.9 KB in about 76 ms. Most of a PDF is its fonts, which
// gofpdf compresses itself, so a higher level buys little. A variable so
// that the benchmark can try the others.
var compressLevel = zlib.BestSpeed

// zwriters are reusable zlib writers per level: a few, kept for the life
// of the process. A sync.Pool lost them to every garbage collection, and a
// large build collects every PDF or two, so that most documents set up a
// writer again (a megabyte of allocation, a sixth of a PDF's).
var zwriters [zlib.BestCompression + 1]chan *zlib.Writer

func init() {
	for i := range zwriters {
		zwriters[i] = make(chan *zlib.Writer, 4)
	}
}

// zwriter returns a zlib writer of the level, to be handed back with
// putZwriter.
func zwriter(level int) (*zlib.Writer, error) {
	select {
	case w := <-zwriters[level]:
		return w, nil
	default:
		return zlib.NewWriterLevel(nil, level)
	}
}

func putZwriter(level int, w *zlib.Writer) {
	select {
	case zwriters[level] <- w:
	default: // enough kept
	}
}

// plainStream finds in b the first start of an object whose stream gofpdf
// wrote without a filter (page contents and ToUnicode maps):
// "\n<object> 0 obj\n<</Length <length>>>\nstream\n". It returns the
// offsets of the match, the object number and the length, as
// regexp.FindSubmatchIndex would, or nil. Scanning for the fixed middle
// is a fifth of what the regular expression cost.
func plainStream(b []byte) []int {
	const mid, end = " 0 obj\n<</Length ", ">>\nstream\n"
	digit := func(c byte) bool { return '0' <= c && c <= '9' }
	for off := 0; ; {
		i := bytes.Index(b[off:], []byte(mid))
		if i < 0 {
			return nil
		}
		i += off
		j := i
		for j > 0 && digit(b[j-1]) {
			j--
		}
		k := i + len(mid)
		l := k
		for l < len(b) && digit(b[l]) {
			l++
		}
		if j < i && j > 0 && b[j-1] == '\n' && l > k && bytes.HasPrefix(b[l:], []byte(end)) {
			return []int{j - 1, l + len(end), j, i, k, l}
		}
		off = i + 1
	}
}

// compressStreams returns pdf with every unfiltered stream flate-compressed
// and the cross-reference table and startxref moved to match.
func compressStreams(pdf []byte, level int) ([]byte, error) {
	x := bytes.LastIndex(pdf, []byte("\nxref\n"))
	if x < 0 {
		return nil, unexpected("xref")
	}
	x++ // the offset of "xref"
	w, err := zwriter(level)
	if err != nil {
		return nil, err
	}
	defer putZwriter(level, w)
	var out, z bytes.Buffer
	out.Grow(len(pdf) / 2)
	// moved[i] says that everything from at onwards moved by delta.
	type move struct{ at, delta int }
	var moved []move
	pos := 0
	for {
		m := plainStream(pdf[pos:x])
		if m == nil {
			break
		}
		n, err := strconv.Atoi(string(pdf[pos+m[4] : pos+m[5]]))
		start := pos + m[1]
		end := start + n
		if err != nil || end > x || !bytes.HasPrefix(pdf[end:], []byte("\nendstream")) {
			return nil, unexpected("stream")
		}
		out.Write(pdf[pos : pos+m[2]])
		z.Reset()
		w.Reset(&z)
		w.Write(pdf[start:end])
		if err := w.Close(); err != nil {
			return nil, err
		}
		fmt.Fprintf(&out, "%s 0 obj\n<</Filter /FlateDecode /Length %d>>\nstream\n", pdf[pos+m[2]:pos+m[3]], z.Len())
		out.Write(z.Bytes())
		pos = end
		moved = append(moved, move{end, out.Len() - end})
	}
	out.Write(pdf[pos:x])
	return writeXref(&out, pdf, x, func(_, off int) int {
		i := sort.Search(len(moved), func(i int) bool { return moved[i].at > off })
		if i == 0 {
			return off
		}
		return off + moved[i-1].delta
	})
}

// xrefParts splits the cross-reference table gofpdf wrote at x (one
// section from object 0): the count line, the entries of 20 bytes
// ("0000000123 00000 n \n") and what follows them up to startxref.
func xrefParts(pdf []byte, x int) (head, entries, tail []byte, err error) {
	bad := unexpected("xref")
	lines := bytes.SplitAfterN(pdf[x:], []byte("\n"), 3)
	if len(lines) < 3 || string(lines[0]) != "xref\n" {
		return nil, nil, nil, bad
	}
	var first, count int
	if _, err := fmt.Sscanf(string(lines[1]), "%d %d\n", &first, &count); err != nil || first != 0 || len(lines[2]) < 20*count {
		return nil, nil, nil, bad
	}
	return pdf[x : x+len(lines[0])+len(lines[1])], lines[2][:20*count], lines[2][20*count:], nil
}

// readXref returns where the cross-reference table starts and the offset
// of every object in use by its number (0 for the others).
func readXref(pdf []byte) (int, []int, error) {
	x := bytes.LastIndex(pdf, []byte("\nxref\n"))
	if x < 0 {
		return 0, nil, unexpected("xref")
	}
	x++
	_, entries, _, err := xrefParts(pdf, x)
	if err != nil {
		return 0, nil, err
	}
	offs := make([]int, len(entries)/20)
	for i := range offs {
		e := entries[20*i : 20*i+20]
		if e[17] != 'n' {
			continue
		}
		if offs[i], err = strconv.Atoi(string(e[:10])); err != nil {
			return 0, nil, unexpected("xref")
		}
	}
	return x, offs, nil
}

// writeXref ends out, pdf up to its cross-reference table at x rewritten,
// with that table, every object at the offset moved gives for its number
// and old offset, and the trailer.
func writeXref(out *bytes.Buffer, pdf []byte, x int, moved func(n, off int) int) ([]byte, error) {
	head, entries, tail, err := xrefParts(pdf, x)
	if err != nil {
		return nil, err
	}
	newX := out.Len()
	out.Write(head)
	for i := range len(entries) / 20 {
		e := entries[20*i : 20*i+20]
		if e[17] != 'n' {
			out.Write(e)
			continue
		}
		off, err := strconv.Atoi(string(e[:10]))
		if err != nil {
			return nil, unexpected("xref")
		}
		fmt.Fprintf(out, "%010d%s", moved(i, off), e[10:])
	}
	s := bytes.LastIndex(tail, []byte("\nstartxref\n"))
	if s < 0 {
		return nil, unexpected("startxref")
	}
	out.Write(tail[:s])
	fmt.Fprintf(out, "\nstartxref\n%d\n%%%%EOF\n", newX)
	if !bytes.HasPrefix(tail[s:], []byte(fmt.Sprintf("\nstartxref\n%d\n", x))) {
		return nil, unexpected("startxref")
	}
	return out.Bytes(), nil
}
