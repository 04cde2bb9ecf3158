// Package faithful checks that an output keeps the document: the numbers
// and titles of its onderdelen and the numbers and texts of its items
// appear in an output's text in the order of the source. The site's pages
// and the PDF are both checked with it (internal/build), so neither can
// reorder or renumber what was signed.
package faithful

import (
	"fmt"
	"html"
	"regexp"
	"strings"

	a "github.com/prestatie/prestatie/internal/agreement"
)

// Token is one thing that must appear, with where it comes from.
type Token struct {
	Text  string // normalised
	Where string // "onderdeel 2.1", "item de-ligt-iv"
}

// Expected lists what the document shows, in its order: for every
// onderdeel its number and title, then its items (number and the start of
// the text), then its onderdelen. Bijlagen come last, as printed.
func Expected(ag *a.Agreement, annexes bool) []Token {
	var out []Token
	items := func(its []*a.Item) {
		var walk func([]*a.Item)
		walk = func(its []*a.Item) {
			for _, it := range its {
				out = append(out, Token{Text: Start(it.Text, 8), Where: "item " + it.ID})
				walk(it.Items)
			}
		}
		walk(its)
	}
	items(ag.Items)
	var sec func(s *a.Section)
	sec = func(s *a.Section) {
		label := s.Title
		if s.Number != "" {
			label = s.Number + " " + s.Title
		}
		out = append(out, Token{Text: Normalise(label), Where: "onderdeel " + s.ID})
		items(s.Items)
		for _, c := range s.Sections {
			sec(c)
		}
	}
	for _, s := range ag.Body() {
		sec(s)
	}
	if annexes {
		for _, s := range ag.Annexes() {
			sec(s)
		}
	}
	return out
}

var (
	spaces  = regexp.MustCompile(`\s+`)
	curlies = strings.NewReplacer("‘", "'", "’", "'", "“", "\"", "”", "\"", "\u00a0", " ", "\u00ad", "", "–", "-", "—", "-")
	mdLink  = regexp.MustCompile(`\[([^\]]*)\]\([^)]*\)`)
	mdMarks = strings.NewReplacer("**", "", "__", "", "*", "", "_", "", "`", "", "\\", "")
	tags    = regexp.MustCompile(`<[^>]*>`)
)

// Normalise makes quotes, dashes and runs of white space compare equal.
func Normalise(s string) string {
	return strings.TrimSpace(spaces.ReplaceAllString(curlies.Replace(s), " "))
}

// Start is the first n words of a Markdown text, without its markup: long
// enough to tell items apart, short enough not to cross a page break.
func Start(md string, n int) string {
	s := Normalise(mdMarks.Replace(mdLink.ReplaceAllString(md, "$1")))
	var words []string
	for _, w := range strings.Fields(s) {
		if w != "|" { // between the cells of a table row
			words = append(words, w)
		}
	}
	if len(words) > n {
		words = words[:n]
	}
	return strings.Join(words, " ")
}

// HTMLText is the text of an HTML page, normalised.
func HTMLText(page string) string {
	page = regexp.MustCompile(`(?s)<(script|style|head)[^>]*>.*?</(script|style|head)>`).ReplaceAllString(page, " ")
	return Normalise(html.UnescapeString(tags.ReplaceAllString(page, " ")))
}

// InOrder reports every token of want that is missing from text or stands
// before the token that precedes it in the document.
func InOrder(want []Token, text string) []string {
	var problems []string
	at := 0
	for _, t := range want {
		i := strings.Index(text[at:], t.Text)
		if i < 0 {
			if strings.Contains(text, t.Text) {
				problems = append(problems, fmt.Sprintf("%s %q staat niet op zijn plaats", t.Where, t.Text))
			} else {
				problems = append(problems, fmt.Sprintf("%s %q ontbreekt", t.Where, t.Text))
			}
			continue
		}
		at += i + len(t.Text)
	}
	return problems
}
