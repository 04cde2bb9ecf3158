// Package search builds the site's search index: at build time every
// searchable page's text is read from its HTML, cut into words, stemmed
// with the Dutch Snowball stemmer and written as small JSON files that
// the site's own script (themes/default/search.js) fetches per query.
//
// The script does the same to the query as this package does to the
// pages (Terms), so the two must agree exactly: the folding and cutting
// rules below are mirrored in search.js, and a test runs both on the
// same words.
package search

import (
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"github.com/blevesearch/snowballstem"
	"github.com/blevesearch/snowballstem/dutch"
	"golang.org/x/text/unicode/norm"
)

// StopWords are Snowball's Dutch stop words: so common that they carry no
// meaning for a search, left out of the index and of queries. The index
// hands them to the script, so both leave out the same words.
var StopWords = strings.Fields(`aan al alles als altijd andere ben bij daar dan dat de der deze die dit
doch doen door dus een eens en er ge geen geweest haar had heb hebben heeft hem het hier hij hoe hun
iemand iets ik in is ja je kan kon kunnen maar me meer men met mij mijn moet na naar niet niets nog nu
of om omdat onder ons ook op over reeds te tegen toch toen tot u uit uw van veel voor want waren was
wat werd wezen wie wil worden wordt zal ze zelf zich zij zijn zo zonder zou`)

var stop = func() map[string]bool {
	m := map[string]bool{}
	for _, w := range StopWords {
		m[w] = true
	}
	return m
}()

// Words cuts a text into its words as the index sees them: lower case,
// accents removed ("financiële" → "financiele"), runs of letters and
// digits. search.js's words() does the same.
func Words(text string) []string {
	var out []string
	eachWord(text, func(w string) { out = append(out, w) })
	return out
}

// eachWord calls f with each word of text, as Words cuts them. Words of
// ASCII letters and digits, most of a Dutch text, are taken as they stand
// (lowered); others go through Unicode decomposition to lose their
// accents.
func eachWord(text string, f func(string)) {
	eachRaw(text, func(w string, ascii, upper bool) { emit(w, ascii, upper, f) })
}

// inWord are the ASCII letters and digits.
var inWord = func() (t [utf8.RuneSelf]bool) {
	for c := range utf8.RuneSelf {
		t[c] = 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9'
	}
	return t
}()

// eachRaw cuts text into runs of letters, digits and marks: the words as
// they stand, before emit lowers them and takes off their accents. ascii
// tells that w is ASCII, upper that it has an upper case letter.
func eachRaw(text string, f func(w string, ascii, upper bool)) {
	start, ascii, upper := -1, true, false
	for i := 0; i < len(text); {
		c, size := text[i], 1
		var in bool
		if c < utf8.RuneSelf {
			in = inWord[c]
		} else {
			var r rune
			r, size = utf8.DecodeRuneInString(text[i:])
			in = unicode.IsLetter(r) || unicode.IsNumber(r) || unicode.Is(unicode.M, r)
		}
		switch {
		case in && start < 0:
			start, ascii, upper = i, c < utf8.RuneSelf, 'A' <= c && c <= 'Z'
		case in:
			ascii = ascii && c < utf8.RuneSelf
			upper = upper || 'A' <= c && c <= 'Z'
		case start >= 0:
			f(text[start:i], ascii, upper)
			start = -1
		}
		i += size
	}
	if start >= 0 {
		f(text[start:], ascii, upper)
	}
}

func emit(w string, ascii, upper bool, f func(string)) {
	switch {
	case ascii && !upper:
		f(w)
	case ascii:
		f(strings.ToLower(w))
	default:
		var b strings.Builder
		for _, r := range norm.NFD.String(strings.ToLower(w)) {
			if !unicode.Is(unicode.M, r) {
				b.WriteRune(r)
			}
		}
		if b.Len() > 0 {
			f(b.String())
		}
	}
}

// Stemmer stems words with the Dutch Snowball stemmer, remembering each
// word's stem: a site repeats a small vocabulary many times. It is safe
// for concurrent use.
type Stemmer struct{ memo sync.Map }

// Term is the index term of one word from Words, or "" for a stop word or
// a single letter. Words of the letters a–z only are stemmed ("woningen"
// → "woning"); others (numbers, "2028", other scripts) are kept whole.
func (s *Stemmer) Term(w string) string {
	if t, ok := plainTerm(w); ok {
		return t
	}
	if t, ok := s.memo.Load(w); ok {
		return t.(string)
	}
	t := stem(w)
	s.memo.Store(w, t)
	return t
}

// plainTerm is the term of a word that is not stemmed: "" for a stop word
// or a single letter, the word itself when it has other characters than
// a–z. ok is false for a word to stem.
func plainTerm(w string) (t string, ok bool) {
	if stop[w] || (len(w) == 1 && !isDigit(w[0])) {
		return "", true
	}
	for i := 0; i < len(w); i++ {
		if w[i] < 'a' || w[i] > 'z' {
			return w, true
		}
	}
	return "", false
}

func stem(w string) string {
	env := snowballstem.NewEnv(w)
	dutch.Stem(env)
	return env.Current()
}

func isDigit(c byte) bool { return c >= '0' && c <= '9' }
