package pdf

import (
	"embed"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"unicode"
)

// Dutch hyphenation with Liang's method (the one TeX uses) and the Dutch
// patterns of the hyph-utf8 project (hyph-nl, with its list of exceptions),
// as the npm package hyphen ships them (pinned by package-lock.json). No Go
// module with the Dutch patterns can be had from the module proxy, so the
// pattern file is copied from node_modules by make embed-hyphen into the
// git-ignored folder hyphen/ and built in, as ECharts is; a binary built
// without it reads node_modules/hyphen at run time, and without either the
// PDF breaks long words between letters, still with a hyphen, and check
// warns.

// hyphenFile is the pattern file inside the hyphen package.
const hyphenFile = "patterns/nl.js"

//go:embed hyphen
var hyphenFS embed.FS

// hyphenator holds the patterns as a trie and the exceptions.
type hyphenator struct {
	levels     [][]int8
	root       *trie
	exceptions map[string][]int
}

type trie struct {
	next   map[rune]*trie
	levels int // index into hyphenator.levels, -1 when no pattern ends here
}

var (
	hyphOnce sync.Once
	hyph     *hyphenator
	hyphErr  error
)

// dutchHyphens returns the Dutch hyphenator, or nil and why there is none.
func dutchHyphens() (*hyphenator, error) {
	hyphOnce.Do(func() {
		src, err := fs.ReadFile(hyphenFS, "hyphen/"+hyphenFile)
		if err != nil {
			src, err = findHyphen()
		}
		if err != nil {
			hyphErr = err
			return
		}
		hyph, hyphErr = parseHyphen(src)
	})
	return hyph, hyphErr
}

// errNoHyphen says the patterns are neither built in nor in node_modules.
var errNoHyphen = errors.New("de Nederlandse afbreekpatronen (npm-pakket hyphen) ontbreken: lange woorden worden zonder lettergreepregels afgebroken; bouw prestatie met make of voer npm ci uit")

// findHyphen reads the patterns from node_modules/hyphen in the working
// directory or a folder above it (go test, go run in the repository).
func findHyphen() ([]byte, error) {
	dir, err := os.Getwd()
	if err != nil {
		return nil, errNoHyphen
	}
	for {
		b, err := os.ReadFile(filepath.Join(dir, "node_modules", "hyphen", hyphenFile))
		if err == nil {
			return b, nil
		}
		up := filepath.Dir(dir)
		if up == dir {
			return nil, errNoHyphen
		}
		dir = up
	}
}

// parseHyphen reads the pattern file: a JavaScript module whose data is
// [levels, trie, exceptions], written as a JavaScript literal.
func parseHyphen(src []byte) (*hyphenator, error) {
	s := string(src)
	i := strings.Index(s, "(this, [")
	if i < 0 {
		return nil, fmt.Errorf("afbreekpatronen: onbekende opmaak van %s", hyphenFile)
	}
	p := &jsParser{s: s, i: i + len("(this, ")}
	v, err := p.value()
	if err != nil {
		return nil, fmt.Errorf("afbreekpatronen: %w", err)
	}
	parts, ok := v.([]any)
	if !ok || len(parts) < 2 {
		return nil, fmt.Errorf("afbreekpatronen: onbekende opmaak van %s", hyphenFile)
	}
	h := &hyphenator{exceptions: map[string][]int{}}
	levels, _ := parts[0].([]any)
	for _, l := range levels {
		var row []int8
		for _, n := range asList(l) {
			row = append(row, int8(asInt(n)))
		}
		h.levels = append(h.levels, row)
	}
	h.root = h.node(parts[1])
	if len(parts) > 2 {
		if m, ok := parts[2].(map[string]any); ok {
			// An exception lists where the hyphens stand in the hyphenated
			// word ("wa-ter": 2); as letter offsets each hyphen before it
			// counts one less.
			for w, ps := range m {
				n := len([]rune(w))
				for k, v := range asList(ps) {
					if at := asInt(v) - k; at > 0 && at < n {
						h.exceptions[w] = append(h.exceptions[w], at)
					}
				}
			}
		}
	}
	return h, nil
}

// node converts a trie node: an object of children, a number (a pattern
// ends here) or [children, number].
func (h *hyphenator) node(v any) *trie {
	t := &trie{levels: -1}
	switch v := v.(type) {
	case float64:
		t.levels = int(v)
	case []any:
		if len(v) == 2 {
			t = h.node(v[0])
			t.levels = asInt(v[1])
		}
	case map[string]any:
		t.next = make(map[rune]*trie, len(v))
		for k, c := range v {
			for _, r := range k {
				t.next[r] = h.node(c)
				break
			}
		}
	}
	if t.levels >= len(h.levels) {
		t.levels = -1
	}
	return t
}

func asList(v any) []any { l, _ := v.([]any); return l }
func asInt(v any) int    { f, _ := v.(float64); return int(f) }

// points returns where word may be hyphenated: rune offsets i such that a
// hyphen may stand between word[:i] and word[i]. word is one run of
// letters; at least two letters stay on either side.
func (h *hyphenator) points(word []rune) []int {
	n := len(word)
	if n < 5 {
		return nil
	}
	low := make([]rune, n+2)
	low[0], low[n+1] = '.', '.'
	for i, r := range word {
		low[i+1] = unicode.ToLower(r)
	}
	if ps, ok := h.exceptions[string(low[1:n+1])]; ok {
		return ps
	}
	// levels[j] is the value of the gap before word[j]. A pattern that
	// starts at the word's start has no value for the gap before the dot.
	levels := make([]int8, n+1)
	for s := 0; s < n; s++ {
		e := max(s-1, 0)
		t := h.root
		for _, r := range low[s:] {
			t = t.next[r]
			if t == nil {
				break
			}
			if t.levels < 0 {
				continue
			}
			for k, v := range h.levels[t.levels] {
				if j := e + k; j <= n && v > levels[j] {
					levels[j] = v
				}
			}
		}
	}
	var out []int
	for j := 2; j <= n-2; j++ {
		if levels[j]%2 == 1 {
			out = append(out, j)
		}
	}
	return out
}

// jsParser reads the JavaScript literal of the pattern file: arrays,
// objects with bare or quoted keys, numbers and strings.
type jsParser struct {
	s string
	i int
}

func (p *jsParser) skip() {
	for p.i < len(p.s) && strings.IndexByte(" \t\r\n", p.s[p.i]) >= 0 {
		p.i++
	}
}

func (p *jsParser) value() (any, error) {
	p.skip()
	if p.i >= len(p.s) {
		return nil, errors.New("onverwacht einde")
	}
	switch c := p.s[p.i]; {
	case c == '[':
		p.i++
		var out []any
		for {
			p.skip()
			if p.i < len(p.s) && p.s[p.i] == ']' {
				p.i++
				return out, nil
			}
			v, err := p.value()
			if err != nil {
				return nil, err
			}
			out = append(out, v)
			if err := p.sep(']'); err != nil {
				return nil, err
			}
		}
	case c == '{':
		p.i++
		out := map[string]any{}
		for {
			p.skip()
			if p.i < len(p.s) && p.s[p.i] == '}' {
				p.i++
				return out, nil
			}
			k, err := p.key()
			if err != nil {
				return nil, err
			}
			p.skip()
			if p.i >= len(p.s) || p.s[p.i] != ':' {
				return nil, fmt.Errorf("':' verwacht op %d", p.i)
			}
			p.i++
			v, err := p.value()
			if err != nil {
				return nil, err
			}
			out[k] = v
			if err := p.sep('}'); err != nil {
				return nil, err
			}
		}
	case c == '"' || c == '\'':
		return p.str()
	default:
		j := p.i
		for j < len(p.s) && strings.IndexByte("-0123456789.", p.s[j]) >= 0 {
			j++
		}
		f, err := strconv.ParseFloat(p.s[p.i:j], 64)
		if err != nil {
			return nil, fmt.Errorf("getal verwacht op %d", p.i)
		}
		p.i = j
		return f, nil
	}
}

// sep reads a comma, or leaves the closing bracket for the caller.
func (p *jsParser) sep(end byte) error {
	p.skip()
	if p.i < len(p.s) && p.s[p.i] == ',' {
		p.i++
		return nil
	}
	if p.i < len(p.s) && p.s[p.i] == end {
		return nil
	}
	return fmt.Errorf("',' of '%c' verwacht op %d", end, p.i)
}

func (p *jsParser) key() (string, error) {
	if c := p.s[p.i]; c == '"' || c == '\'' {
		return p.str()
	}
	j := p.i
	for j < len(p.s) && strings.IndexByte(" \t\r\n:", p.s[j]) < 0 {
		j++
	}
	if j == p.i {
		return "", fmt.Errorf("sleutel verwacht op %d", p.i)
	}
	k := p.s[p.i:j]
	p.i = j
	return k, nil
}

func (p *jsParser) str() (string, error) {
	q := p.s[p.i]
	j := strings.IndexByte(p.s[p.i+1:], q)
	if j < 0 {
		return "", errors.New("open tekenreeks")
	}
	v := p.s[p.i+1 : p.i+1+j]
	p.i += j + 2
	if strings.Contains(v, `\`) {
		u, err := strconv.Unquote(`"` + v + `"`)
		if err != nil {
			return "", err
		}
		v = u
	}
	return v, nil
}
