package search

import (
	"bytes"

	"golang.org/x/net/html/atom"
)

// scan is Extract's tokenizer: one pass over the bytes of a page, handing
// the extractor its tags and text without building tokens, attribute
// lists or strings it does not need. Reading every searchable page of a
// large site through golang.org/x/net/html's Tokenizer was most of what
// the search index cost (800 agreements: 6.3 s of 8.7 s CPU).
//
// It splits the bytes exactly where that Tokenizer does (the code below
// follows its states: tag names, attribute keys and values, comments,
// raw text elements) for what rendered pages hold, and gives up (false)
// on what they do not: the end of input inside markup, <plaintext>, a
// script with "<!--" in it, an attribute Extract reads that holds a
// character reference, a carriage return or a NUL. Extract then reads
// the page with the Tokenizer (extractTokens). A fuzz test holds the two
// to the same result.
func scan(e *extractor, b []byte) bool {
	var s scanner
	s.b = b
	return s.run(e)
}

type scanner struct {
	b []byte
	// keys are the attribute names of the tag being read, for the
	// Tokenizer's rule that a repeated attribute is ignored.
	keys [][]byte
}

func isSpace(c byte) bool { return c == ' ' || c == '\n' || c == '\r' || c == '\t' || c == '\f' }

func isLetter(c byte) bool { return 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' }

func (s *scanner) run(e *extractor) bool {
	b := s.b
	text := 0 // start of the text not yet handed over
	i := 0
	for {
		j := bytes.IndexByte(b[i:], '<')
		if j < 0 || i+j+1 >= len(b) {
			break // the rest is text
		}
		i += j
		c := b[i+1]
		if !isLetter(c) && c != '/' && c != '!' && c != '?' {
			i++ // a '<' in text
			continue
		}
		if text < i {
			e.text(b[text:i], true)
		}
		var ok bool
		switch {
		case isLetter(c):
			i, ok = s.startTag(e, i+1)
		case c == '/':
			i, ok = s.endTag(e, i+2)
		case c == '!':
			i, ok = s.markup(i + 2)
		default: // "<?": a bogus comment up to '>'
			i, ok = s.untilClose(i + 2)
		}
		if !ok {
			return false
		}
		text = i
	}
	if text < len(b) {
		e.text(b[text:], true)
	}
	e.close()
	return true
}

// untilClose skips to after the next '>'.
func (s *scanner) untilClose(i int) (int, bool) {
	j := bytes.IndexByte(s.b[i:], '>')
	if j < 0 {
		return 0, false
	}
	return i + j + 1, true
}

// markup skips a comment or a doctype; i is after "<!".
func (s *scanner) markup(i int) (int, bool) {
	b := s.b
	if i+2 > len(b) {
		return 0, false
	}
	if b[i] != '-' || b[i+1] != '-' {
		return s.untilClose(i) // a doctype or a bogus comment
	}
	// The Tokenizer's readComment.
	dashes, beginning := 0, true
	for i += 2; i < len(b); i++ {
		switch b[i] {
		case '-':
			dashes++
			continue
		case '>':
			if dashes >= 2 || beginning {
				return i + 1, true
			}
		case '!':
			if dashes >= 2 {
				i++
				if i >= len(b) {
					return 0, false
				}
				if b[i] == '>' {
					return i + 1, true
				}
				if b[i] == '-' {
					dashes, beginning = 1, false
					continue
				}
			}
		}
		dashes, beginning = 0, false
	}
	return 0, false
}

// endTag reads an end tag; i is after "</".
func (s *scanner) endTag(e *extractor, i int) (int, bool) {
	b := s.b
	if i >= len(b) {
		return 0, false
	}
	switch {
	case b[i] == '>': // "</>" is nothing
		return i + 1, true
	case !isLetter(b[i]):
		return s.untilClose(i) // a bogus comment
	}
	t, ok := s.tag(i, false)
	if !ok {
		return 0, false
	}
	e.end(lookup(b[i:t.nameEnd]))
	return t.next, true
}

// startTag reads a start tag and, after a raw text element's (script,
// style, title, ...), its text; i is at the tag name.
func (s *scanner) startTag(e *extractor, i int) (int, bool) {
	b := s.b
	t, ok := s.tag(i, true)
	if !ok || t.bad {
		return 0, false
	}
	name := b[i:t.nameEnd]
	e.start(lookup(name), t.attrs, t.selfClosing)
	raw := rawText(name)
	if raw == "" {
		return t.next, true
	}
	end, ok := s.rawEnd(t.next, raw)
	if !ok {
		return 0, false
	}
	if t.next < end {
		text := b[t.next:end]
		if bytes.IndexByte(text, 0) >= 0 || raw == "script" && bytes.Contains(text, []byte("<!--")) {
			return 0, false
		}
		e.text(text, raw == "title" || raw == "textarea") // RCDATA
	}
	return end, true
}

// rawText is the name of a raw text element ("script"), "" for others.
// <plaintext> is not read here.
func rawText(name []byte) string {
	if len(name) < 3 || len(name) > 9 {
		return ""
	}
	for _, r := range [...]string{"iframe", "noembed", "noframes", "noscript", "script", "style", "textarea", "title", "xmp", "plaintext"} {
		if equalLower(name, r) {
			return r
		}
	}
	return ""
}

// rawEnd is where the text of the raw text element raw ends: at its end
// tag, "</" + raw (any case) and one of " \n\r\t\f/>".
func (s *scanner) rawEnd(i int, raw string) (int, bool) {
	b := s.b
	if raw == "plaintext" {
		return 0, false
	}
	for {
		j := bytes.Index(b[i:], []byte("</"))
		if j < 0 {
			return 0, false
		}
		i += j
		k := i + 2 + len(raw)
		if k >= len(b) {
			return 0, false
		}
		if equalLower(b[i+2:k], raw) && (isSpace(b[k]) || b[k] == '/' || b[k] == '>') {
			return i, true
		}
		i += 2
	}
}

// equalLower reports whether b is s (lower case ASCII) in any case, as
// the Tokenizer compares names: only A-Z are folded.
func equalLower(b []byte, s string) bool {
	if len(b) != len(s) {
		return false
	}
	for i := range len(b) {
		c := b[i]
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		if c != s[i] {
			return false
		}
	}
	return true
}

// lookup is the atom of a tag name in any case.
func lookup(name []byte) atom.Atom {
	for _, c := range name {
		if 'A' <= c && c <= 'Z' {
			var buf [16]byte
			if len(name) > len(buf) {
				return 0 // longer than any atom of a tag Extract tells apart
			}
			low := buf[:len(name)]
			for i, c := range name {
				if 'A' <= c && c <= 'Z' {
					c += 'a' - 'A'
				}
				low[i] = c
			}
			return atom.Lookup(low)
		}
	}
	return atom.Lookup(name)
}

// tagRead is a tag as tag read it.
type tagRead struct {
	nameEnd     int
	attrs       attrs
	selfClosing bool
	next        int  // after its '>'
	bad         bool // an attribute Extract reads needs unescaping: give up
}

// tag reads a tag from its name (at i) to its '>', as the Tokenizer's
// readTag, readTagName, readTagAttrKey and readTagAttrVal do; with
// start, the attributes Extract reads are kept.
func (s *scanner) tag(i int, start bool) (tagRead, bool) {
	b := s.b
	var t tagRead
	// The name: up to white space, '/' or '>'.
	j := i + 1
	for ; j < len(b); j++ {
		if c := b[j]; isSpace(c) || c == '/' || c == '>' {
			break
		}
	}
	t.nameEnd = j
	if j < len(b) && isSpace(b[j]) {
		j++
	}
	skip := func() {
		for j < len(b) && isSpace(b[j]) {
			j++
		}
	}
	skip()
	s.keys = s.keys[:0]
	lastValEnd := -1 // of the last attribute kept, -1 for none
	for {
		if j >= len(b) {
			return t, false
		}
		if b[j] == '>' {
			j++
			break
		}
		// The key: a leading '=' belongs to it.
		ks := j
		if b[j] != '/' { // "/" ends an empty key
			for j++; j < len(b); j++ {
				if c := b[j]; isSpace(c) || c == '/' || c == '>' || c == '=' {
					break
				}
			}
			if j >= len(b) {
				return t, false
			}
		}
		ke := j
		// The value.
		vs, ve := j, j
		skip()
		if j >= len(b) {
			return t, false
		}
		switch c := b[j]; {
		case c == '/':
			j++
		case c == '=':
			j++
			skip()
			if j >= len(b) {
				return t, false
			}
			switch q := b[j]; q {
			case '>':
			case '\'', '"':
				k := bytes.IndexByte(b[j+1:], q)
				if k < 0 {
					return t, false
				}
				vs, ve = j+1, j+1+k
				j = ve + 1
			default:
				vs = j
				for j++; j < len(b) && !isSpace(b[j]) && b[j] != '>'; j++ {
				}
				if j >= len(b) {
					return t, false
				}
				ve = j
				if isSpace(b[j]) {
					j++
				}
			}
		}
		if start && ks < ke && s.keep(b[ks:ke]) {
			lastValEnd = ve
			t.read(b[ks:ke], b[vs:ve])
		}
		skip()
	}
	t.next = j
	// Self-closing: a '/' before the '>' that is not the end of the last
	// attribute's value ("<p a=/>").
	t.selfClosing = b[j-2] == '/' && (lastValEnd < 0 || j-2 != lastValEnd-1)
	return t, true
}

// keep reports whether an attribute is the first of its name in the tag:
// the Tokenizer ignores repeats.
func (s *scanner) keep(key []byte) bool {
	for _, k := range s.keys {
		if len(k) == len(key) && equalFoldASCII(k, key) {
			return false
		}
	}
	s.keys = append(s.keys, key)
	return true
}

func equalFoldASCII(a, b []byte) bool {
	for i := range a {
		x, y := a[i], b[i]
		if 'A' <= x && x <= 'Z' {
			x += 'a' - 'A'
		}
		if 'A' <= y && y <= 'Z' {
			y += 'a' - 'A'
		}
		if x != y {
			return false
		}
	}
	return true
}

// read notes an attribute Extract reads.
func (t *tagRead) read(key, val []byte) {
	var name string
	switch {
	case equalLower(key, "id"):
		name = "id"
	case equalLower(key, "class"):
		name = "class"
	case equalLower(key, "hidden"):
		t.attrs.hidden = true
		return
	case equalLower(key, "aria-hidden"):
		name = "aria-hidden"
	default:
		return
	}
	if bytes.IndexByte(val, '&') >= 0 || bytes.IndexByte(val, '\r') >= 0 || bytes.IndexByte(val, 0) >= 0 {
		t.bad = true // the Tokenizer unescapes and converts these
		return
	}
	switch name {
	case "id":
		t.attrs.id = string(val)
	case "class":
		t.attrs.class = string(val)
	default:
		t.attrs.hidden = t.attrs.hidden || string(val) == "true"
	}
}
