package content

// Syntax errors of YAML, in Dutch, pointing at what to change.

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"regexp"
	"strconv"
	"strings"

	"go.yaml.in/yaml/v3"

	"github.com/prestatie/prestatie/internal/diag"
)

// parse decodes YAML into its root node; a syntax error becomes a diagnostic.
func (d *decoder) parse(src []byte) *yaml.Node {
	var doc yaml.Node
	dec := yaml.NewDecoder(bytes.NewReader(src))
	if err := dec.Decode(&doc); err != nil {
		if errors.Is(err, io.EOF) { // empty front matter
			return &yaml.Node{Kind: yaml.MappingNode, Line: 1, Column: 1}
		}
		p := d.syntaxPos(src, err)
		msg := syntaxMessage(err)
		if col, hint := colonHint(src, p.Line-d.lineOff, err); hint != "" {
			p.Col, msg = col, hint+" ("+strings.TrimPrefix(yamlLine.ReplaceAllString(err.Error(), ""), "yaml: ")+")"
		}
		d.ds.Errorf(p, "ongeldige YAML: %s", msg)
		return nil
	}
	if len(doc.Content) == 0 {
		return &yaml.Node{Kind: yaml.MappingNode, Line: 1, Column: 1}
	}
	return doc.Content[0]
}

var yamlLine = regexp.MustCompile(`^yaml: line (\d+): `)

// syntaxPos turns "yaml: line N: ..." into a position (column of the first
// non-blank character of that line, as the library gives no column).
func (d *decoder) syntaxPos(src []byte, err error) diag.Pos {
	p := diag.Pos{File: d.file, Line: d.lineOff + 1, Col: 1}
	if m := yamlLine.FindStringSubmatch(err.Error()); m != nil {
		n, _ := strconv.Atoi(m[1])
		p.Line = n + d.lineOff
		lines := strings.Split(string(src), "\n")
		if n-1 < len(lines) {
			p.Col = len(lines[n-1]) - len(strings.TrimLeft(lines[n-1], " \t")) + 1
		}
	}
	return p
}

// colonHint tells the two causes of "mapping values are not allowed" apart
// on line n (1-based) of src: a key indented deeper than the one above it,
// or a colon inside a text, and gives the column to point at.
func colonHint(src []byte, n int, err error) (int, string) {
	if !strings.Contains(err.Error(), "mapping values are not allowed") {
		return 0, ""
	}
	lines := strings.Split(string(src), "\n")
	if n < 1 || n > len(lines) {
		return 0, ""
	}
	line := lines[n-1]
	indent := len(line) - len(strings.TrimLeft(line, " "))
	first := strings.Index(line, ": ")
	if first < 0 {
		return 0, ""
	}
	if second := strings.Index(line[first+2:], ": "); second >= 0 && !strings.ContainsAny(line[first+2:first+2+second], "\"'{[") {
		return first + 2 + second + 1, "een dubbele punt midden in een tekst, zoals in \"Nadruk: …\"; zet de tekst tussen aanhalingstekens"
	}
	for i := n - 2; i >= 0; i-- { // the key above
		above := lines[i]
		if strings.TrimSpace(above) == "" {
			continue
		}
		in := len(above) - len(strings.TrimLeft(above, " "))
		if strings.HasPrefix(strings.TrimLeft(above, " "), "- ") {
			in += 2
		}
		if indent > in {
			return indent + 1, fmt.Sprintf("deze regel springt %d %s verder in dan de sleutel erboven; zet sleutels van dezelfde mapping precies onder elkaar", indent-in, plural(indent-in, "spatie", "spaties"))
		}
		break
	}
	return 0, ""
}

func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}

// syntaxMessage says a YAML syntax error in Dutch, with a hint for the
// traps of Dutch prose in YAML. The library's own words follow in
// parentheses, for searching.
func syntaxMessage(err error) string {
	msg := strings.TrimPrefix(yamlLine.ReplaceAllString(err.Error(), ""), "yaml: ")
	for _, t := range syntaxHints {
		if strings.Contains(msg, t.lib) {
			return t.nl + " (" + msg + ")"
		}
	}
	return msg
}

var syntaxHints = []struct{ lib, nl string }{
	{"mapping values are not allowed", "een dubbele punt midden in een tekst, zoals in \"Nadruk: …\"; zet de tekst tussen aanhalingstekens"},
	{"did not find expected ',' or '}'", "een { } wordt niet goed gesloten; staat er een komma of dubbele punt in een tekst? Zet die tekst tussen aanhalingstekens"},
	{"did not find expected ',' or ']'", "een [ ] wordt niet goed gesloten; staat er een komma in een naam? Zet die tussen aanhalingstekens"},
	{"found character that cannot start any token", "een teken dat YAML niet aan het begin van een waarde toestaat (zoals ` of @ of een tab); zet de tekst tussen aanhalingstekens en gebruik spaties in plaats van tabs"},
	{"did not find expected key", "de inspringing klopt niet of er staat tekst waar een sleutel verwacht wordt; lijn sleutels van dezelfde mapping precies onder elkaar uit"},
	{"found unexpected end of stream", "het bestand eindigt midden in een waarde; sluit aanhalingstekens en haakjes"},
	{"could not find expected ':'", "een sleutel zonder dubbele punt; schrijf sleutel: waarde"},
	{"found undefined alias", "een alias (*naam) zonder anker (&naam)"},
	{"did not find expected '-' indicator", "een lijstpunt (-) staat niet op de goede inspringing"},
	{"did not find expected node content", "er ontbreekt een waarde; begint een tekst met een teken als * & ! | > % of @? Zet hem tussen aanhalingstekens"},
}
