package pdf

import (
	"strings"
	"testing"
)

// hyphenated writes word with "-" at its hyphenation points.
func hyphenated(h *hyphenator, word string) string {
	rs := []rune(word)
	var b strings.Builder
	last := 0
	for _, p := range h.points(rs) {
		b.WriteString(string(rs[last:p]) + "-")
		last = p
	}
	b.WriteString(string(rs[last:]))
	return b.String()
}

// TestDutchHyphenation: the patterns of hyph-nl break Dutch words at their
// syllables (the results of the npm package hyphen for the same words).
func TestDutchHyphenation(t *testing.T) {
	t.Parallel()
	h, err := dutchHyphens()
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct{ word, want string }{
		{"procentpunt", "pro-cent-punt"},
		{"woningcorporaties", "wo-ning-cor-po-ra-ties"},
		{"huurdersorganisatie", "huur-ders-or-ga-ni-sa-tie"},
		{"prestatieafspraken", "pres-ta-tie-af-spra-ken"},
		{"Waterstaatsingenieur", "Wa-ter-staats-in-ge-ni-eur"},
		{"gemeente", "ge-meen-te"},
		{"huur", "huur"},
	} {
		if got := hyphenated(h, tc.word); got != tc.want {
			t.Errorf("%s: %s, want %s", tc.word, got, tc.want)
		}
	}
}
