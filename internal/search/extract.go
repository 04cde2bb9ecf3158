package search

import (
	"bytes"
	"slices"
	"strings"
	"unicode/utf8"

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
func skipped(t atom.Atom) bool {
	switch t {
	case atom.Script, atom.Style, atom.Template, atom.Svg, atom.Nav,
		atom.Button, atom.Select, atom.Form, atom.Noscript:
		return true
	}
	return false
}

// skippedClasses mark elements that repeat what stands beside them: the
// data table of a chart and its download links (its caption and summary
// are indexed).
var skippedClasses = []string{"chart-data", "chart-downloads"}

func skippedClass(class string) bool {
	return hasClass(class, skippedClasses...)
}

// hasClass reports whether one of the names in the class attribute is
// one of names, split as strings.Fields splits.
func hasClass(class string, names ...string) bool {
	for i := 0; i < len(class); i++ {
		if class[i] >= utf8.RuneSelf { // Unicode white space
			return slices.ContainsFunc(strings.Fields(class), func(f string) bool { return slices.Contains(names, f) })
		}
	}
	for len(class) > 0 {
		i := 0
		for i < len(class) && asciiSpace(class[i]) {
			i++
		}
		j := i
		for j < len(class) && !asciiSpace(class[j]) {
			j++
		}
		if i < j && slices.Contains(names, class[i:j]) {
			return true
		}
		class = class[j:]
	}
	return false
}

func asciiSpace(c byte) bool {
	return c == ' ' || c == '\t' || c == '\n' || c == '\v' || c == '\f' || c == '\r'
}

// inline elements do not separate words; every other element does.
func inline(t atom.Atom) bool {
	switch t {
	case atom.A, atom.Abbr, atom.B, atom.Cite, atom.Code, atom.Data,
		atom.Dfn, atom.Em, atom.I, atom.Mark, atom.Q, atom.S,
		atom.Small, atom.Span, atom.Strong, atom.Sub, atom.Sup,
		atom.Time, atom.U:
		return true
	}
	return false
}

func heading(t atom.Atom) bool {
	switch t {
	case atom.H1, atom.H2, atom.H3, atom.H4, atom.H5, atom.H6:
		return true
	}
	return false
}

func void(t atom.Atom) bool {
	switch t {
	case atom.Br, atom.Img, atom.Input, atom.Hr, atom.Wbr, atom.Meta, atom.Link, atom.Source:
		return true
	}
	return false
}

// Extract reads a rendered page: the text of its <main> (hidden elements,
// scripts and navigation left out) and its breadcrumbs (nav.breadcrumbs).
func Extract(path string, page []byte) Doc {
	b := region(page)
	e := &extractor{doc: Doc{Path: path}}
	if scan(e, b) {
		return e.doc
	}
	e = &extractor{doc: Doc{Path: path}}
	extractTokens(e, b)
	return e.doc
}

// extractTokens reads b with golang.org/x/net/html's Tokenizer: the pages
// scan gives up on.
func extractTokens(e *extractor, b []byte) {
	z := html.NewTokenizer(bytes.NewReader(b))
	for {
		tt := z.Next()
		switch tt {
		case html.ErrorToken:
			e.close()
			return
		case html.TextToken:
			e.text(z.Text(), false)
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
	crumb   collapser
	parts   []string
	skip    int // depth of the skipped element, 0 when none
	heading atom.Atom
	head    collapser
	anchor  string // of the current block
	section struct{ anchor, heading string }
	text_   collapser
}

func (e *extractor) start(tag atom.Atom, at attrs, selfClosing bool) {
	if !e.inMain {
		switch {
		case tag == atom.Main:
			e.inMain = true
		case tag == atom.Nav && hasClass(at.class, "breadcrumbs"):
			e.crumbs = true
		case e.crumbs && tag == atom.Li:
			e.crumb.reset()
		}
		return
	}
	if void(tag) || selfClosing {
		if !inline(tag) {
			e.space()
		}
		return
	}
	e.stack = append(e.stack, open{tag: tag})
	if e.skip > 0 {
		return
	}
	if skipped(tag) || at.hidden || skippedClass(at.class) {
		e.skip = len(e.stack)
		return
	}
	if !inline(tag) {
		e.space()
	}
	id := at.id
	switch {
	case heading(tag) && e.heading == 0:
		e.flush()
		e.heading = tag
		e.head.reset()
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
			if s := e.crumb.String(); s != "" {
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
	if !inline(o.tag) {
		e.space()
	}
	if o.tag == e.heading {
		e.heading = 0
		h := e.head.String()
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

// text takes a text as it stands in the page; unescape tells that its
// character references are still to be read (not in a script or style).
func (e *extractor) text(s []byte, unescape bool) {
	var to *collapser
	switch {
	case !e.inMain:
		if !e.crumbs {
			return
		}
		to = &e.crumb
	case e.skip > 0:
		return
	case e.heading != 0:
		to = &e.head
	default:
		to = &e.text_
	}
	if unescape && bytes.IndexByte(s, '&') >= 0 {
		to.writeString(html.UnescapeString(string(s)))
	} else {
		to.write(s)
	}
}

func (e *extractor) space() {
	if e.heading != 0 {
		e.head.writeString(" ")
	} else {
		e.text_.writeString(" ")
	}
}

// flush ends the current block.
func (e *extractor) flush() {
	if t := e.text_.String(); t != "" {
		e.doc.Blocks = append(e.doc.Blocks, Block{Anchor: e.anchor, Heading: e.section.heading, Text: t})
	}
	e.text_.reset()
}

func (e *extractor) close() {
	if e.inMain {
		e.flush()
		e.inMain = false
	}
}

// collapser collects text as collapse would return it: trimmed, each run
// of white space one space.
type collapser struct {
	b     []byte
	space bool // white space seen after the last byte written
}

func (c *collapser) write(s []byte) {
	for i := 0; i < len(s); {
		if white[s[i]] {
			c.space = len(c.b) > 0
			i++
			continue
		}
		j := i + 1
		for j < len(s) && !white[s[j]] {
			j++
		}
		if c.space {
			c.b = append(c.b, ' ')
			c.space = false
		}
		c.b = append(c.b, s[i:j]...)
		i = j
	}
}

func (c *collapser) writeString(s string) {
	for i := 0; i < len(s); i++ {
		c.add(s[i])
	}
}

// white is the white space collapse takes together.
var white = [256]bool{' ': true, '\t': true, '\n': true, '\r': true, '\f': true}

func (c *collapser) add(ch byte) {
	switch ch {
	case ' ', '\t', '\n', '\r', '\f':
		c.space = len(c.b) > 0
	default:
		if c.space {
			c.b = append(c.b, ' ')
			c.space = false
		}
		c.b = append(c.b, ch)
	}
}

// String is the text collected since the last reset.
func (c *collapser) String() string { return string(c.b) }

func (c *collapser) reset() { c.b, c.space = c.b[:0], false }
