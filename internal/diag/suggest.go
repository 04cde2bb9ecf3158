package diag

import "strings"

// Suggest returns the candidate closest to word when it is close enough to
// be a likely typo, or "".
func Suggest(word string, candidates []string) string {
	// A unique candidate that starts with the word: "alphen-chaam" for
	// "alphen-chaam-2023-2024".
	prefixed := ""
	for _, c := range candidates {
		if len(word) >= 3 && strings.HasPrefix(c, word) && c != word {
			if prefixed != "" {
				prefixed = ""
				break
			}
			prefixed = c
		}
	}
	if prefixed != "" {
		return prefixed
	}
	best, bestDist := "", len(word)/2+2
	for _, c := range candidates {
		if d := distance(word, c); d < bestDist {
			best, bestDist = c, d
		}
	}
	if best == word {
		return ""
	}
	return best
}

// DidYouMean formats a suggestion for a message: `; bedoelde u "x"?`, or "".
func DidYouMean(word string, candidates []string) string {
	if s := Suggest(word, candidates); s != "" {
		return "; bedoelde u \"" + s + "\"?"
	}
	return ""
}

// distance is the Levenshtein distance between a and b, by rune.
func distance(a, b string) int {
	ra, rb := []rune(a), []rune(b)
	prev := make([]int, len(rb)+1)
	cur := make([]int, len(rb)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(ra); i++ {
		cur[0] = i
		for j := 1; j <= len(rb); j++ {
			cost := 1
			if ra[i-1] == rb[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(rb)]
}
