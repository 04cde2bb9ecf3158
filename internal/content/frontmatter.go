// Package content reads a site folder into the agreement model. It splits
// each Markdown file into YAML front matter and body, decodes the front
// matter strictly while keeping the line and column of every value, and
// reports every problem it finds as a positioned diagnostic.
package content

import (
	"bytes"
	"errors"
)

// Split separates front matter from body. The file must start with a line
// "---" and the front matter ends at the next line "---". fmLine is the line
// number of the first front-matter line, bodyLine that of the first body line.
func Split(src []byte) (fm, body []byte, fmLine, bodyLine int, err error) {
	src = bytes.TrimPrefix(src, []byte("\ufeff"))
	first, rest, ok := cutLine(src)
	if !ok && len(first) == 0 || string(trimCR(first)) != "---" {
		return nil, nil, 0, 0, errors.New("het bestand begint niet met front matter (een regel \"---\")")
	}
	line := 2
	start := rest
	for len(rest) > 0 {
		l, next, _ := cutLine(rest)
		if string(trimCR(l)) == "---" { // compared without a copy
			fm = start[:len(start)-len(rest)]
			return fm, next, 2, line + 1, nil
		}
		rest = next
		line++
	}
	return nil, nil, 0, 0, errors.New("front matter wordt niet afgesloten met een regel \"---\"")
}

func cutLine(b []byte) (line, rest []byte, found bool) {
	if i := bytes.IndexByte(b, '\n'); i >= 0 {
		return b[:i], b[i+1:], true
	}
	return b, nil, false
}

func trimCR(b []byte) []byte { return bytes.TrimRight(b, "\r \t") }
