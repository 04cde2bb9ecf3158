package search

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"math"
	"slices"
	"strconv"
	"strings"
	"sync"
)

// The index is written as files below Dir:
//
//	index.json              the entry: stop words, number of pages, and the
//	                        first term of each chunk with its file name
//	index/<hash>.json       a chunk: terms in order, each with its postings
//	index/<hash>/<n>.json   page n: path, title, context and blocks, for the
//	                        result list and its quote
//
// Terms are cut into chunks of about ChunkSize bytes in term order, so a
// query fetches the entry, one small chunk per word and the pages it
// shows. Every file but the entry is named by its content, so it can be
// cached for good (docs/house-style.md).
const (
	Dir       = "zoeken/"
	Entry     = Dir + "index.json"
	ChunkSize = 8 << 10
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
type Index struct {
	// ChunkSize is the size in bytes after which a chunk is cut.
	ChunkSize int
	stem      Stemmer
	mu        sync.Mutex
	docs      map[int]*entry
}

type entry struct {
	doc    Doc
	tf     map[string]float64 // term → weighted count
	length float64            // sum of the weights
}

// New returns an empty index.
func New() *Index { return &Index{ChunkSize: ChunkSize, docs: map[int]*entry{}} }

// Add reads the page at position order (pages are numbered in this
// order, so the index does not depend on which goroutine came first).
func (x *Index) Add(order int, path string, page []byte) {
	x.AddDoc(order, Extract(path, page))
}

// AddDoc adds an extracted page.
func (x *Index) AddDoc(order int, d Doc) {
	e := &entry{doc: d, tf: map[string]float64{}}
	for i, b := range d.Blocks {
		w := float64(textWeight)
		switch {
		case b.IsHeading && i == 0 && b.Anchor == "" && b.Text == d.Title:
			w = titleWeight
		case b.IsHeading:
			w = headingWeight
		}
		eachWord(b.Text, func(word string) {
			if t := x.stem.Term(word); t != "" {
				e.tf[t] += w
				e.length += w
			}
		})
	}
	x.mu.Lock()
	x.docs[order] = e
	x.mu.Unlock()
}

// Files writes the index: the same pages give the same bytes.
func (x *Index) Files() []File {
	orders := make([]int, 0, len(x.docs))
	for o := range x.docs {
		orders = append(orders, o)
	}
	slices.Sort(orders)
	var total float64
	for _, o := range orders {
		total += x.docs[o].length
	}
	avg := 1.0
	if len(orders) > 0 && total > 0 {
		avg = total / float64(len(orders))
	}
	// Postings per term: page number and score, pages in order.
	type posting struct{ doc, score int }
	postings := map[string][]posting{}
	for n, o := range orders {
		e := x.docs[o]
		norm := k1 * (1 - bm + bm*e.length/avg)
		for t, tf := range e.tf {
			s := int(math.Round(100 * tf * (k1 + 1) / (tf + norm)))
			postings[t] = append(postings[t], posting{n, max(s, 1)})
		}
	}
	terms := make([]string, 0, len(postings))
	for t := range postings {
		terms = append(terms, t)
	}
	slices.Sort(terms)
	for _, t := range terms {
		slices.SortFunc(postings[t], func(a, b posting) int { return a.doc - b.doc })
	}

	var files []File
	// Pages.
	pages := make([][]byte, len(orders))
	h := sha256.New()
	for n, o := range orders {
		pages[n] = pageJSON(x.docs[o].doc)
		h.Write(pages[n])
		h.Write([]byte{0})
	}
	pageDir := "index/" + hex.EncodeToString(h.Sum(nil)[:5]) + "/"
	for n, b := range pages {
		files = append(files, File{Path: Dir + pageDir + strconv.Itoa(n) + ".json", Data: b})
	}
	// Chunks: {"term":[doc, score, doc-gap, score, ...], ...}.
	type chunk struct {
		first string
		file  string
	}
	var chunks []chunk
	var buf bytes.Buffer
	var first string
	cut := func() {
		if buf.Len() == 0 {
			return
		}
		buf.WriteString("}\n")
		name := "index/" + hashOf(buf.Bytes()) + ".json"
		files = append(files, File{Path: Dir + name, Data: bytes.Clone(buf.Bytes())})
		chunks = append(chunks, chunk{first, name})
		buf.Reset()
	}
	for _, t := range terms {
		if buf.Len() >= x.ChunkSize {
			cut()
		}
		if buf.Len() == 0 {
			first = t
			buf.WriteByte('{')
		} else {
			buf.WriteByte(',')
		}
		buf.Write(jsonString(t))
		buf.WriteString(":[")
		prev := 0
		for i, p := range postings[t] {
			if i > 0 {
				buf.WriteByte(',')
			}
			buf.WriteString(strconv.Itoa(p.doc - prev))
			buf.WriteByte(',')
			buf.WriteString(strconv.Itoa(p.score))
			prev = p.doc
		}
		buf.WriteByte(']')
	}
	cut()
	if len(chunks) > 0 {
		chunks[0].first = "" // every term sorts after it
	}
	// The entry.
	var b bytes.Buffer
	b.WriteString(`{"version":1,"pages":` + strconv.Itoa(len(orders)) + `,"pageDir":`)
	b.Write(jsonString(pageDir))
	b.WriteString(`,"stop":[`)
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
	files = append(files, File{Path: Entry, Data: b.Bytes()})
	slices.SortFunc(files, func(a, b File) int { return strings.Compare(a.Path, b.Path) })
	return files
}

// pageJSON is a page for the result list: its path, title, context and the
// blocks of text to quote, [anchor, heading, text] each (headings on their
// own are left out: the block under them repeats them).
func pageJSON(d Doc) []byte {
	blocks := [][3]string{}
	for _, b := range d.Blocks {
		if !b.IsHeading {
			blocks = append(blocks, [3]string{b.Anchor, b.Heading, b.Text})
		}
	}
	v := struct {
		Path    string      `json:"path"`
		Title   string      `json:"title"`
		Context string      `json:"context,omitempty"`
		Blocks  [][3]string `json:"blocks"`
	}{d.Path, d.Title, d.Context, blocks}
	b, _ := json.Marshal(v) // strings only: cannot fail
	return append(b, '\n')
}

func jsonString(s string) []byte {
	b, _ := json.Marshal(s)
	return b
}

func hashOf(b []byte) string {
	sum := sha256.Sum256(b)
	return hex.EncodeToString(sum[:5])
}
