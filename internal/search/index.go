package search

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"math"
	"slices"
	"strconv"
	"strings"
	"sync"
	"unicode/utf8"

	"github.com/prestatie/prestatie/internal/spill"
)

// The index is written as files below the site's base:
//
//	zoeken/index.json                the entry: stop words, number of pages,
//	                                 the groups of page files, and the first
//	                                 term of each chunk with its file name
//	zoeken/index/<hash>.json         a chunk: terms in order, each with its
//	                                 postings
//	<folder>zoeken/<hash>/<i>.json   page i of a group: path, title, context
//	                                 and blocks, for the result list and its
//	                                 quote
//
// Terms are cut into chunks of about ChunkSize bytes in term order, so a
// query fetches the entry, one small chunk per word and the pages it
// shows. Every file but the entry is named by its content, so it can be
// cached for good (docs/house-style.md).
//
// The pages are numbered group by group: a group is the pages of one
// folder (Index.Folder: an agreement's), and its files lie in that folder,
// named by a hash of them all. So an agreement that did not change keeps
// its page files, with their names and bytes, where they are: an
// incremental build leaves its folder in place (internal/build), and the
// entry says where each group's files are.
const (
	Dir       = "zoeken/"
	Entry     = Dir + "index.json"
	ChunkSize = 8 << 10
	// Version is the entry's format ("version").
	Version = 2
)

// Weights of a word by where it stands: the page's title, a heading, the
// text.
const (
	titleWeight   = 5
	headingWeight = 2
	textWeight    = 1
)

// BM25's constants: k1 how fast repeated words stop adding, b how much a
// long page is discounted.
const (
	k1 = 1.2
	bm = 0.75
)

// File is one file of the index, its path below the site's base.
type File struct {
	Path string
	Data []byte
}

// Index collects pages from several goroutines and writes the index.
//
// It keeps of each page only what the index files need: the page's own
// file (its text for the result list, pageJSON) and its terms as numbers
// with their weighted counts. A large site's pages are not held as
// strings and maps until the end (800 agreements: 15,000 pages).
type Index struct {
	// ChunkSize is the size in bytes after which a chunk is cut.
	ChunkSize int
	// Folder, when set, is the folder ("a/", below the base) whose
	// zoeken/ holds the file of the page at path, "" for the site's own
	// zoeken/; without it every page's file is there.
	Folder func(path string) string
	mu     sync.Mutex
	docs   map[int]*entry
	// terms are the terms by number, ids the numbers by term.
	terms []string
	ids   map[string]int32
	// free are the counters not in use: one per goroutine adding pages
	// at a time.
	free []*counter
	// pages are the pages' files until they are written: a large site's
	// were the largest part of what its build held (800 agreements: 47
	// MB).
	pages spill.Spill
}

type entry struct {
	page    spill.Ref // the page's file (pages), when hasPage
	hasPage bool      // false for a page added again (AddPage)
	sum     [sumSize]byte
	folder  string // of its group (Index.Folder)
	// terms are its terms (packTerms), n how many.
	terms  []byte
	n      int32
	length uint64 // sum of the weights
}

// counter counts the terms of one page at a time, remembering the term of
// every word as it stands in the text ("Woningen"), so that a word met
// again is neither lowered nor stemmed nor looked up under the lock.
type counter struct {
	terms  map[string]int32 // word as it stands → term number, -1 for none
	counts []uint64         // by term number, on this page
	seen   []uint64         // the term numbers counted on this page, in order of appearance
	packed []uint64         // room for the page's terms to pack
}

// New returns an empty index.
func New() *Index {
	return &Index{ChunkSize: ChunkSize, docs: map[int]*entry{}, ids: map[string]int32{}}
}

// Add reads the page at position order (pages are numbered in this
// order, so the index does not depend on which goroutine came first).
func (x *Index) Add(order int, path string, page []byte) {
	x.AddDoc(order, Extract(path, page))
}

// AddDoc adds an extracted page and returns what a later build needs to
// add it again (AddPage).
func (x *Index) AddDoc(order int, d Doc) Page {
	c := x.counter()
	for i, b := range d.Blocks {
		w := uint64(textWeight)
		switch {
		case b.IsHeading && i == 0 && b.Anchor == "" && b.Text == d.Title:
			w = titleWeight
		case b.IsHeading:
			w = headingWeight
		}
		eachRaw(b.Text, func(raw string, ascii, upper bool) {
			id, ok := c.terms[raw]
			if !ok {
				id = -1
				emit(raw, ascii, upper, func(word string) { id = x.termOf(word) })
				c.terms[strings.Clone(raw)] = id // not the page's text
			}
			if id < 0 {
				return
			}
			if int(id) >= len(c.counts) {
				c.counts = append(c.counts, make([]uint64, int(id)+1-len(c.counts))...)
			}
			if c.counts[id] == 0 {
				c.seen = append(c.seen, uint64(id))
			}
			c.counts[id] += w
		})
	}
	file := pageJSON(d)
	e := &entry{page: x.pages.Put(file), hasPage: true, folder: x.folder(d.Path), n: int32(len(c.seen))}
	sum := sha256.Sum256(file)
	copy(e.sum[:], sum[:])
	ts := c.packed[:0]
	for _, id := range c.seen {
		n := c.counts[id]
		ts = append(ts, id<<32|n)
		e.length += n
		c.counts[id] = 0
	}
	c.seen = c.seen[:0]
	// Page.Terms, read from x.terms under the lock: it may grow meanwhile.
	terms := make([]byte, 0, 12*len(ts))
	x.mu.Lock()
	for i, t := range ts {
		if i > 0 {
			terms = append(terms, ' ')
		}
		terms = append(append(terms, x.terms[t>>32]...), ' ')
		terms = strconv.AppendUint(terms, t&(1<<32-1), 10)
	}
	x.mu.Unlock()
	e.terms, c.packed = packTerms(ts), ts
	x.mu.Lock()
	x.docs[order] = e
	x.free = append(x.free, c)
	x.mu.Unlock()
	return Page{Sum: hex.EncodeToString(e.sum[:]), Terms: string(terms)}
}

// counter is a counter not in use by another goroutine.
func (x *Index) counter() *counter {
	x.mu.Lock()
	defer x.mu.Unlock()
	if n := len(x.free); n > 0 {
		c := x.free[n-1]
		x.free = x.free[:n-1]
		return c
	}
	return &counter{terms: map[string]int32{}}
}

// termOf is the number of the term of word, -1 for none.
func (x *Index) termOf(word string) int32 {
	t, ok := plainTerm(word)
	if !ok {
		t = stem(word)
	}
	if t == "" {
		return -1
	}
	x.mu.Lock()
	defer x.mu.Unlock()
	return x.id(t)
}

// id is the number of the term t, a new one for a term not seen before;
// x.mu is held.
func (x *Index) id(t string) int32 {
	id, ok := x.ids[t]
	if !ok {
		t = strings.Clone(t) // not the page's text nor the cache's data
		id = int32(len(x.terms))
		x.terms = append(x.terms, t)
		x.ids[t] = id
	}
	return id
}

// Files writes the index: the same pages give the same bytes.
func (x *Index) Files() ([]File, error) {
	var files []File
	err := x.Each(func(f File) error {
		files = append(files, f)
		return nil
	})
	slices.SortFunc(files, func(a, b File) int { return strings.Compare(a.Path, b.Path) })
	return files, err
}

// Each hands f the files of the index one by one, as Files has them, so
// that they need not be held all at once; it stops at the first error.
// The file of a page added with AddPage is not among them. It is the
// index's last use: it drops the pages' files it kept.
func (x *Index) Each(f func(File) error) error {
	defer x.pages.Close()
	groups, orders := x.groups()
	var total float64
	for _, o := range orders {
		total += float64(x.docs[o].length)
	}
	avg := 1.0
	if len(orders) > 0 && total > 0 {
		avg = total / float64(len(orders))
	}
	// Postings per term: page number and score, pages in order, all in
	// two arrays, term after term from starts[id] (a score is at most
	// 100 * (k1 + 1): a byte; 5 bytes a posting, not 8, at the largest
	// live heap of a large build).
	starts := make([]int32, len(x.terms)+1)
	for _, o := range orders {
		eachTerm(x.docs[o].terms, func(id int32, _ uint64) { starts[id+1]++ })
	}
	for id := range x.terms {
		starts[id+1] += starts[id]
	}
	sum := starts[len(x.terms)]
	docs, scores := make([]int32, sum), make([]uint8, sum)
	fill := slices.Clone(starts[:len(x.terms)])
	for n, o := range orders {
		e := x.docs[o]
		norm := k1 * (1 - bm + bm*float64(e.length)/avg)
		eachTerm(e.terms, func(id int32, count uint64) {
			tf := float64(count)
			s := int(math.Round(100 * tf * (k1 + 1) / (tf + norm)))
			docs[fill[id]], scores[fill[id]] = int32(n), uint8(max(s, 1))
			fill[id]++
		})
		// The postings say it all now: a large site's terms by page
		// (800 agreements: 10 MB) go while the files are written.
		e.terms = nil
	}
	ids := make([]int32, 0, len(x.terms))
	for id := range x.terms {
		if starts[id+1] > starts[id] {
			ids = append(ids, int32(id))
		}
	}
	slices.SortFunc(ids, func(a, b int32) int { return strings.Compare(x.terms[a], x.terms[b]) })

	// Pages: each group's files in its folder, named by all of them.
	// They are read back one at a time, not loaded whole (44 MB at 800
	// agreements).
	for _, g := range groups {
		for i, o := range g.orders {
			e := x.docs[o]
			if !e.hasPage {
				continue
			}
			b, err := x.pages.Get(e.page)
			if err != nil {
				return err
			}
			if err := f(File{Path: g.dir() + strconv.Itoa(i) + ".json", Data: b}); err != nil {
				return err
			}
		}
	}
	// Chunks: {"term":[doc, score, doc-gap, score, ...], ...}.
	type chunk struct {
		first string
		file  string
	}
	var chunks []chunk
	var buf bytes.Buffer
	var first string
	cut := func() error {
		if buf.Len() == 0 {
			return nil
		}
		buf.WriteString("}\n")
		name := "index/" + hashOf(buf.Bytes()) + ".json"
		chunks = append(chunks, chunk{first, name})
		data := bytes.Clone(buf.Bytes())
		buf.Reset()
		return f(File{Path: Dir + name, Data: data})
	}
	for _, id := range ids {
		t := x.terms[id]
		if buf.Len() >= x.ChunkSize {
			if err := cut(); err != nil {
				return err
			}
		}
		if buf.Len() == 0 {
			first = t
			buf.WriteByte('{')
		} else {
			buf.WriteByte(',')
		}
		buf.Write(jsonString(t))
		buf.WriteString(":[")
		prev := int32(0)
		for i := starts[id]; i < starts[id+1]; i++ {
			if i > starts[id] {
				buf.WriteByte(',')
			}
			buf.Write(strconv.AppendInt(buf.AvailableBuffer(), int64(docs[i]-prev), 10))
			buf.WriteByte(',')
			buf.Write(strconv.AppendInt(buf.AvailableBuffer(), int64(scores[i]), 10))
			prev = docs[i]
		}
		buf.WriteByte(']')
	}
	if err := cut(); err != nil {
		return err
	}
	if len(chunks) > 0 {
		chunks[0].first = "" // every term sorts after it
	}
	// The entry.
	var b bytes.Buffer
	b.WriteString(`{"version":` + strconv.Itoa(Version) + `,"pages":` + strconv.Itoa(len(orders)) + `,"groups":[`)
	for i, g := range groups {
		if i > 0 {
			b.WriteByte(',')
		}
		b.WriteByte('[')
		b.Write(jsonString(g.folder))
		b.WriteByte(',')
		b.Write(jsonString(g.hash))
		b.WriteString("," + strconv.Itoa(len(g.orders)) + "]")
	}
	b.WriteString(`],"stop":[`)
	for i, w := range StopWords {
		if i > 0 {
			b.WriteByte(',')
		}
		b.Write(jsonString(w))
	}
	b.WriteString(`],"chunks":[`)
	for i, c := range chunks {
		if i > 0 {
			b.WriteByte(',')
		}
		b.WriteByte('[')
		b.Write(jsonString(c.first))
		b.WriteByte(',')
		b.Write(jsonString(c.file))
		b.WriteByte(']')
	}
	b.WriteString("]}\n")
	return f(File{Path: Entry, Data: b.Bytes()})
}

// pageJSON is a page for the result list: its path, title, context and the
// blocks of text to quote, [anchor, heading, text] each (headings on their
// own are left out: the block under them repeats them).
func pageJSON(d Doc) []byte {
	b := make([]byte, 0, pageSize(d))
	b = append(b, `{"path":`...)
	b = appendJSON(b, d.Path)
	b = append(b, `,"title":`...)
	b = appendJSON(b, d.Title)
	if d.Context != "" {
		b = append(b, `,"context":`...)
		b = appendJSON(b, d.Context)
	}
	b = append(b, `,"blocks":[`...)
	first := true
	for _, k := range d.Blocks {
		if k.IsHeading {
			continue
		}
		if !first {
			b = append(b, ',')
		}
		first = false
		b = append(b, '[')
		b = appendJSON(b, k.Anchor)
		b = append(b, ',')
		b = appendJSON(b, k.Heading)
		b = append(b, ',')
		b = appendJSON(b, k.Text)
		b = append(b, ']')
	}
	return append(b, "]}\n"...)
}

// pageSize is about the size of d's page file.
func pageSize(d Doc) int {
	n := 64 + len(d.Path) + len(d.Title) + len(d.Context)
	for _, k := range d.Blocks {
		if !k.IsHeading {
			n += 12 + len(k.Anchor) + len(k.Heading) + len(k.Text)
		}
	}
	return n
}

// appendJSON appends s as encoding/json writes it (its appendString,
// HTML escaped), without the reflection and allocation of json.Marshal.
// TestPageJSON holds the two to the same bytes.
func appendJSON(b []byte, s string) []byte {
	const hex = "0123456789abcdef"
	b = append(b, '"')
	start := 0
	for i := 0; i < len(s); {
		if c := s[i]; c < utf8.RuneSelf {
			if c >= 0x20 && c != '"' && c != '\\' && c != '<' && c != '>' && c != '&' {
				i++
				continue
			}
			b = append(b, s[start:i]...)
			switch c {
			case '\\', '"':
				b = append(b, '\\', c)
			case '\b':
				b = append(b, '\\', 'b')
			case '\f':
				b = append(b, '\\', 'f')
			case '\n':
				b = append(b, '\\', 'n')
			case '\r':
				b = append(b, '\\', 'r')
			case '\t':
				b = append(b, '\\', 't')
			default:
				b = append(b, '\\', 'u', '0', '0', hex[c>>4], hex[c&0xF])
			}
			i++
			start = i
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == utf8.RuneError && size == 1:
			b = append(b, s[start:i]...)
			b = append(b, `\ufffd`...)
		case r == '\u2028' || r == '\u2029':
			b = append(b, s[start:i]...)
			b = append(b, '\\', 'u', '2', '0', '2', hex[r&0xF])
		default:
			i += size
			continue
		}
		i += size
		start = i
	}
	b = append(b, s[start:]...)
	return append(b, '"')
}

func jsonString(s string) []byte { return appendJSON(nil, s) }

func hashOf(b []byte) string {
	sum := sha256.Sum256(b)
	return hex.EncodeToString(sum[:5])
}
