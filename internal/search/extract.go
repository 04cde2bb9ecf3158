package search

import (
	"bytes"
	"slices"
	"strings"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// Doc is one searchable page as the index sees it: what its HTML shows in
// <main>, cut into blocks at each heading and each element with an id
// (an afspraak, a bepaling, a figure), so that a result can link the
// place of the match and quote it.
//
// A Doc is serialisable (encoding/json, short field names), so that a
// build cache can keep a page's Doc instead of reading the page again.
type Doc struct {
	Path    string  `json:"p"`           // the page below the site's base, "a/b/"
	Title   string  `json:"t"`           // its <h1>
	Context string  `json:"c,omitempty"` // the breadcrumbs between Home and the page, "Alphen-Chaam 2023/2024 › 2 Beschikbaarheid"
	Blocks  []Block `json:"b"`
}

// Block is a stretch of a page's text under one anchor.
type Block struct {
	Anchor  string `json:"a,omitempty"` // element id to link, "" for the page itself
	Heading string `json:"h,omitempty"` // the heading the text stands under, "" for none
	Text    string `json:"x"`
	// IsHeading tells that Text is a heading's own text (weighed higher).
	IsHeading bool `json:"ih,omitempty"`
}

// skipped elements hold no text a reader searches for: scripts and chart
// data, navigation (contents, pager), controls.
var skipped = map[atom.Atom]bool{
	atom.Script: true, atom.Style: true, atom.Template: true, atom.Svg: true, atom.Nav: true,
	atom.Button: true, atom.Select: true, atom.Form: true, atom.Noscript: true,
}

// skippedClasses mark elements that repeat what stands beside them: the
// data table of a chart and its download links (its caption and summary
// are indexed).
var skippedClasses = []string{"chart-data", "chart-downloads"}

func skippedClass(class string) bool {
	for _, c := range strings.Fields(class) {
		if slices.Contains(skippedClasses, c) {
			return true
		}
	}
	return false
}

// inline elements do not separate words; every other element does.
var inline = map[atom.Atom]bool{
	atom.A: true, atom.Abbr: true, atom.B: true, atom.Cite: true, atom.Code: true, atom.Data: true,
	atom.Dfn: true, atom.Em: true, atom.I: true, atom.Mark: true, atom.Q: true, atom.S: true,
	atom.Small: true, atom.Span: true, atom.Strong: true, atom.Sub: true, atom.Sup: true,
	atom.Time: true, atom.U: true,
}

var headings = map[atom.Atom]bool{atom.H1: true, atom.H2: true, atom.H3: true, atom.H4: true, atom.H5: true, atom.H6: true}

// Extract reads a rendered page: the text of its <main> (hidden elements,
// scripts and navigation left out) and its breadcrumbs (nav.breadcrumbs).
func Extract(path string, page []byte) Doc {
	e := &extractor{doc: Doc{Path: path}}
	z := html.NewTokenizer(bytes.NewReader(region(page)))
	for {
		tt := z.Next()
		switch tt {
		case html.ErrorToken:
			e.close()
			return e.doc
		case html.TextToken:
			e.text(string(z.Text()))
		case html.StartTagToken, html.SelfClosingTagToken:
			name, hasAttr := z.TagName()
			var at attrs
			for hasAttr {
				var k, v []byte
				k, v, hasAttr = z.TagAttr()
				switch string(k) {
				case "id":
					at.id = string(v)
				case "class":
					at.class = string(v)
				case "hidden":
					at.hidden = true
				case "aria-hidden":
					at.hidden = at.hidden || string(v) == "true"
				}
			}
			e.start(atom.Lookup(name), at, tt == html.SelfClosingTagToken)
		case html.EndTagToken:
			name, _ := z.TagName()
			e.end(atom.Lookup(name))
		}
	}
}

// attrs are the attributes Extract reads.
type attrs struct {
	id, class string
	hidden    bool // hidden, or aria-hidden="true"
}

// region is the part of a page Extract reads: from the breadcrumbs (or
// <main>) to the end of <main>, so that the head, header and footer are
// not even tokenized. A page without <main> is read whole.
func region(page []byte) []byte {
	from := bytes.Index(page, []byte("<main"))
	to := bytes.LastIndex(page, []byte("</main>"))
	if from < 0 || to < from {
		return page
	}
	if i := bytes.Index(page[:from], []byte("breadcrumbs")); i >= 0 {
		if j := bytes.LastIndex(page[:i], []byte("<nav")); j >= 0 {
			from = j
		}
	}
	return page[from : to+len("</main>")]
}

type open struct {
	tag    atom.Atom
	anchor string // the id it set, "" when it set none
}

type extractor struct {
	doc Doc
	// stack holds the open elements inside <main> (or the breadcrumbs).
	stack   []open
	inMain  bool
	crumbs  bool // inside nav.breadcrumbs
	crumb   strings.Builder
	parts   []string
	skip    int // depth of the skipped element, 0 when none
	heading atom.Atom
	head    strings.Builder
	anchor  string // of the current block
	section struct{ anchor, heading string }
	text_   strings.Builder
}

var voids = map[atom.Atom]bool{atom.Br: true, atom.Img: true, atom.Input: true, atom.Hr: true, atom.Wbr: true, atom.Meta: true, atom.Link: true, atom.Source: true}

func (e *extractor) start(tag atom.Atom, at attrs, selfClosing bool) {
	if !e.inMain {
		switch {
		case tag == atom.Main:
			e.inMain = true
		case tag == atom.Nav && slices.Contains(strings.Fields(at.class), "breadcrumbs"):
			e.crumbs = true
		case e.crumbs && tag == atom.Li:
			e.crumb.Reset()
		}
		return
	}
	if voids[tag] || selfClosing {
		if !inline[tag] {
			e.space()
		}
		return
	}
	e.stack = append(e.stack, open{tag: tag})
	if e.skip > 0 {
		return
	}
	if skipped[tag] || at.hidden || skippedClass(at.class) {
		e.skip = len(e.stack)
		return
	}
	if !inline[tag] {
		e.space()
	}
	id := at.id
	switch {
	case headings[tag] && e.heading == 0:
		e.flush()
		e.heading = tag
		e.head.Reset()
		if tag != atom.H1 {
			e.section.anchor, e.anchor = id, id
		}
	case id != "":
		e.flush()
		e.stack[len(e.stack)-1].anchor = id
		e.anchor = id
	}
}

func (e *extractor) end(tag atom.Atom) {
	if !e.inMain {
		switch {
		case e.crumbs && tag == atom.Li:
			if s := collapse(e.crumb.String()); s != "" {
				e.parts = append(e.parts, s)
			}
		case e.crumbs && tag == atom.Nav:
			e.crumbs = false
			// Home first, the page itself last: what lies between says
			// where the page is.
			if len(e.parts) > 2 {
				e.doc.Context = strings.Join(e.parts[1:len(e.parts)-1], " › ")
			}
		}
		return
	}
	if tag == atom.Main {
		e.close()
		return
	}
	// Close up to the matching element, as a browser would for
	// unclosed ones (<li>, <p>).
	i := len(e.stack) - 1
	for i >= 0 && e.stack[i].tag != tag {
		i--
	}
	if i < 0 {
		return
	}
	for j := len(e.stack) - 1; j >= i; j-- {
		e.pop(j)
	}
	e.stack = e.stack[:i]
}

func (e *extractor) pop(j int) {
	o := e.stack[j]
	if e.skip > 0 {
		if e.skip == j+1 {
			e.skip = 0
		}
		return
	}
	if !inline[o.tag] {
		e.space()
	}
	if o.tag == e.heading {
		e.heading = 0
		h := collapse(e.head.String())
		if o.tag == atom.H1 {
			if e.doc.Title == "" {
				e.doc.Title = h
			}
			e.doc.Blocks = append(e.doc.Blocks, Block{Text: h, IsHeading: true})
		} else {
			e.section.heading = h
			e.doc.Blocks = append(e.doc.Blocks, Block{Anchor: e.anchor, Heading: h, Text: h, IsHeading: true})
		}
		return
	}
	if o.anchor != "" {
		e.flush()
		// Back to the anchor of the element around it, or the section's.
		e.anchor = e.section.anchor
		for k := j - 1; k >= 0; k-- {
			if e.stack[k].anchor != "" {
				e.anchor = e.stack[k].anchor
				break
			}
		}
	}
}

func (e *extractor) text(s string) {
	switch {
	case !e.inMain:
		if e.crumbs {
			e.crumb.WriteString(s)
		}
	case e.skip > 0:
	case e.heading != 0:
		e.head.WriteString(s)
	default:
		e.text_.WriteString(s)
	}
}

func (e *extractor) space() {
	if e.heading != 0 {
		e.head.WriteByte(' ')
	} else {
		e.text_.WriteByte(' ')
	}
}

// flush ends the current block.
func (e *extractor) flush() {
	if t := collapse(e.text_.String()); t != "" {
		e.doc.Blocks = append(e.doc.Blocks, Block{Anchor: e.anchor, Heading: e.section.heading, Text: t})
	}
	e.text_.Reset()
}

func (e *extractor) close() {
	if e.inMain {
		e.flush()
		e.inMain = false
	}
}

// collapse trims s and makes each run of white space one space.
func collapse(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	space := false
	for i := 0; i < len(s); i++ {
		switch c := s[i]; c {
		case ' ', '\t', '\n', '\r', '\f':
			space = b.Len() > 0
		default:
			if space {
				b.WriteByte(' ')
				space = false
			}
			b.WriteByte(c)
		}
	}
	return b.String()
}
