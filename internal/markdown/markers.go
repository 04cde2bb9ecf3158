package markdown

import (
	"bytes"
	"strings"
)

// The markers are found by scanning bytes, not by regular expressions: a
// marker is looked for at the end of every paragraph, list item and table
// row of every text, several times per build, and an unanchored pattern
// that must end the text costs a backtracking attempt at every byte.
// markers_test.go holds the patterns these functions implement and checks
// them against each other.

// findMarker finds a marker "{#id}" that ends b, with the spaces and tabs
// around it: start is where the spaces before it begin, [idStart, idStop)
// is the id. As `[ \t]*\{#([a-z][a-z0-9]*(?:-[a-z0-9]+)*)\}[ \t]*$`.
func findMarker(b []byte) (start, idStart, idStop int, ok bool) {
	end := len(bytes.TrimRight(b, " \t"))
	if end < 4 || b[end-1] != '}' {
		return 0, 0, 0, false
	}
	idStop = end - 1
	idStart = idStop
	for idStart > 0 && isIDByte(b[idStart-1]) {
		idStart--
	}
	if idStart < 2 || b[idStart-1] != '#' || b[idStart-2] != '{' || !validID(b[idStart:idStop]) {
		return 0, 0, 0, false
	}
	start = idStart - 2
	for start > 0 && (b[start-1] == ' ' || b[start-1] == '\t') {
		start--
	}
	return start, idStart, idStop, true
}

func isIDByte(c byte) bool { return c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '-' }

// validID is [a-z][a-z0-9]*(-[a-z0-9]+)* for a run of id bytes.
func validID(id []byte) bool {
	if len(id) == 0 || id[0] < 'a' || id[0] > 'z' || id[len(id)-1] == '-' {
		return false
	}
	return !bytes.Contains(id, []byte("--"))
}

// findLooseMarker finds text like a marker, valid or not, that ends b:
// the index of its "{#", as `\{#[^}\n]*\}[ \t]*$`.
func findLooseMarker(b []byte) (start int, ok bool) {
	end := len(bytes.TrimRight(b, " \t"))
	if end < 3 || b[end-1] != '}' {
		return 0, false
	}
	lo := end - 1 // the marker's text runs back to the nearest "}" or newline
	for lo > 0 && b[lo-1] != '}' && b[lo-1] != '\n' {
		lo--
	}
	if i := bytes.Index(b[lo:end-1], []byte("{#")); i >= 0 {
		return lo + i, true
	}
	return 0, false
}

// findAnyMarker finds the first text like a marker in b, valid or not:
// [start, stop) as `\{#[^}\n]*\}`.
func findAnyMarker(b []byte) (start, stop int, ok bool) {
	for from := 0; ; {
		i := bytes.Index(b[from:], []byte("{#"))
		if i < 0 {
			return 0, 0, false
		}
		i += from
		j := bytes.IndexAny(b[i+2:], "}\n")
		if j < 0 {
			return 0, 0, false
		}
		if b[i+2+j] == '}' {
			return i, i + 2 + j + 1, true
		}
		from = i + 2 + j + 1 // a newline: no "{#" before it can match
	}
}

// isRowNumber reports a cell that only holds a number, "3", "2.1" or
// "2.1.": `^\d+(\.\d+)*\.?$`.
func isRowNumber(s string) bool {
	s = strings.TrimSuffix(s, ".")
	if s == "" {
		return false
	}
	digits := 0
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case c >= '0' && c <= '9':
			digits++
		case c == '.' && digits > 0:
			digits = 0
		default:
			return false
		}
	}
	return digits > 0
}
