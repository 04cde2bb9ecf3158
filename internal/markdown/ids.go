package markdown

import (
	"strconv"
	"strings"
	"unicode"

	"github.com/yuin/goldmark/ast"
	"golang.org/x/text/unicode/norm"
)

// IDs generates heading ids that read well for Dutch ("Beëindiging" becomes
// "beeindiging", not goldmark's "beindiging") and are unique within a page.
// Share one IDs between all documents rendered onto the same page.
type IDs struct {
	used     map[string]bool
	reserved map[string]bool // the page template's own ids
	next     map[string]int  // per base, the suffix below which all are taken
}

// NewIDs returns a generator that will not hand out the reserved ids (ids
// the page template uses itself).
func NewIDs(reserved ...string) *IDs {
	ids := &IDs{used: map[string]bool{}, reserved: map[string]bool{}, next: map[string]int{}}
	for _, r := range reserved {
		ids.used[r] = true
		ids.reserved[r] = true
	}
	return ids
}

// Slug turns a text into an id: NFKD-decomposed, accents dropped, lower
// case, every run of other characters one hyphen.
func Slug(s string) string {
	var b strings.Builder
	hyphen := false
	for _, r := range norm.NFKD.String(s) {
		switch {
		case unicode.Is(unicode.Mn, r):
		case r == '€':
			b.WriteString(sep(&hyphen, b.Len()) + "euro")
		case r < unicode.MaxASCII && (unicode.IsLetter(r) || unicode.IsDigit(r)):
			b.WriteString(sep(&hyphen, b.Len()))
			b.WriteRune(unicode.ToLower(r))
		default:
			hyphen = true
		}
	}
	// An id starts with a letter (CSS selectors and the sanitiser want
	// one): "1.1 Looptijd" becomes "h-1-1-looptijd".
	if out := b.String(); out != "" && out[0] >= '0' && out[0] <= '9' {
		return "h-" + out
	}
	return b.String()
}

func sep(pending *bool, n int) string {
	s := ""
	if *pending && n > 0 {
		s = "-"
	}
	*pending = false
	return s
}

// Generate implements parser.IDs.
func (ids *IDs) Generate(value []byte, kind ast.NodeKind) []byte {
	base := Slug(string(value))
	if base == "" {
		base = "kop"
	}
	return []byte(ids.Unique(base))
}

// Unique returns base, or base-2, base-3 … if taken, and marks it used.
// It remembers where it stopped for each base, so that a page with
// thousands of equal headings does not cost quadratic time.
func (ids *IDs) Unique(base string) string {
	id := base
	for i := max(2, ids.next[base]); ids.used[id]; i++ {
		id = base + "-" + strconv.Itoa(i)
		ids.next[base] = i + 1
	}
	ids.used[id] = true
	return id
}

// Put implements parser.IDs: ids written with {#id} are reserved.
func (ids *IDs) Put(value []byte) { ids.used[string(value)] = true }
