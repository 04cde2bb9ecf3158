// Package seed knows how the signed Alphen-Chaam text (testdata/seed/) must
// come through in an output: the site's pages and the PDF are both checked
// against it with Missing, so the two checks cannot drift apart.
package seed

import (
	"fmt"
	"regexp"
	"strings"
)

// File is the seed, relative to the repository root.
const File = "testdata/seed/prestatieafspraken-alphen-chaam-2023-2024.txt"

var (
	spaces   = regexp.MustCompile(`\s+`)
	curlies  = strings.NewReplacer("‘", "'", "’", "'", "“", "\"", "”", "\"", "\u00a0", " ")
	numbered = regexp.MustCompile(`^\d+ `)
	clauses  = regexp.MustCompile(`[.;:] `)
	// The cover: a logo's lettering, and the date in another notation.
	cover = map[string]string{"Alphen, Chaam": "Gemeente Alphen-Chaam", "06/04/2023": "6 april 2023"}
)

// Normalise makes typographic and plain quotes, and runs of white space,
// compare equal.
func Normalise(s string) string {
	return strings.TrimSpace(spaces.ReplaceAllString(curlies.Replace(s), " "))
}

// Missing lists what of the seed is not in text (which must be Normalised):
// prose and bullets word for word, clause by clause; headings ignoring case
// and the seed's own chapter numbers. checked counts the seed lines.
func Missing(seed []byte, text string) (missing []string, checked int) {
	lower := strings.ToLower(text)
	for i, line := range strings.Split(string(seed), "\n") {
		line = strings.TrimSpace(line)
		if line == "" {
			continue
		}
		if c, ok := cover[line]; ok {
			line = c
		}
		// Bullets; "- * 21% ..." is a bullet in the source PDF, "1^e" a superscript.
		line = strings.TrimPrefix(strings.TrimPrefix(line, "- "), "* ")
		line = Normalise(strings.ReplaceAll(line, "^e", "e"))
		checked++
		if line == strings.ToUpper(line) || numbered.MatchString(line) { // a heading
			if h := strings.ToLower(numbered.ReplaceAllString(line, "")); !strings.Contains(lower, h) {
				missing = append(missing, fmt.Sprintf("seed line %d: heading %q", i+1, line))
			}
			continue
		}
		for _, s := range clauses.Split(line, -1) {
			if s = strings.TrimSpace(s); s != "" && !strings.Contains(text, s) {
				missing = append(missing, fmt.Sprintf("seed line %d: %q", i+1, s))
			}
		}
	}
	return missing, checked
}
