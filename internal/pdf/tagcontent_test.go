package pdf

import (
	"strings"
	"unicode/utf16"
)

type ctokKind int

const (
	opTok ctokKind = iota
	strTok
	otherTok
)

type ctok struct {
	kind ctokKind
	s    string // operator, name or number; a string decoded from UTF-16BE
}

func contentTokens(b []byte) []ctok {
	var out []ctok
	isDelim := func(c byte) bool { return strings.IndexByte("()<>[]{}/%", c) >= 0 }
	isSpace := func(c byte) bool { return c == ' ' || c == '\n' || c == '\r' || c == '\t' || c == '\f' || c == 0 }
	for i := 0; i < len(b); {
		c := b[i]
		switch {
		case isSpace(c):
			i++
		case c == '%':
			for i < len(b) && b[i] != '\n' {
				i++
			}
		case c == '(':
			var s []byte
			depth := 0
			for i++; i < len(b); i++ {
				if b[i] == '\\' && i+1 < len(b) {
					i++
					switch b[i] {
					case 'n':
						s = append(s, '\n')
					case 'r':
						s = append(s, '\r')
					case 't':
						s = append(s, '\t')
					case 'b':
						s = append(s, '\b')
					case 'f':
						s = append(s, '\f')
					case '\n':
					default:
						if b[i] >= '0' && b[i] <= '7' {
							v, n := 0, 0
							for n < 3 && i < len(b) && b[i] >= '0' && b[i] <= '7' {
								v = v*8 + int(b[i]-'0')
								i++
								n++
							}
							i--
							s = append(s, byte(v))
						} else {
							s = append(s, b[i])
						}
					}
					continue
				}
				if b[i] == '(' {
					depth++
				} else if b[i] == ')' {
					if depth == 0 {
						break
					}
					depth--
				}
				s = append(s, b[i])
			}
			i++
			out = append(out, ctok{strTok, utf16be(s)})
		case c == '<' && i+1 < len(b) && b[i+1] == '<', c == '>' && i+1 < len(b) && b[i+1] == '>':
			out = append(out, ctok{otherTok, string(b[i : i+2])})
			i += 2
		case c == '<':
			j := i + 1
			for j < len(b) && b[j] != '>' {
				j++
			}
			out = append(out, ctok{otherTok, string(b[i : j+1])})
			i = j + 1
		case c == '[' || c == ']' || c == '{' || c == '}':
			out = append(out, ctok{otherTok, string(c)})
			i++
		default:
			j := i + 1
			for j < len(b) && !isSpace(b[j]) && !isDelim(b[j]) {
				j++
			}
			w := string(b[i:j])
			kind := opTok
			if c == '/' || c == '-' || c == '+' || c == '.' || c >= '0' && c <= '9' || w == "true" || w == "false" || w == "null" {
				kind = otherTok
			}
			out = append(out, ctok{kind, w})
			i = j
		}
	}
	return out
}

// utf16be decodes the text of gofpdf's Unicode fonts.
func utf16be(b []byte) string {
	u := make([]uint16, 0, len(b)/2)
	for i := 0; i+1 < len(b); i += 2 {
		u = append(u, uint16(b[i])<<8|uint16(b[i+1]))
	}
	return string(utf16.Decode(u))
}

// TestTagWriterRefuses: when the content of the pages and the recorded
// structure disagree, tagPDF returns an error rather than a PDF with a
