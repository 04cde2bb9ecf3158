package scaffold

import (
	"fmt"
	"path/filepath"
	"strings"

	"go.yaml.in/yaml/v3"
)

// str writes s as a YAML scalar that reads back as exactly s, in block and
// in flow context alike: plain where that is safe, double-quoted otherwise
// ("Nuenen, Gerwen en Nederwetten", "'s-Hertogenbosch", "ja", "2024").
func str(s string) string {
	if plainSafe(s) {
		return s
	}
	n := &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!str", Value: s, Style: yaml.DoubleQuotedStyle}
	b, err := yaml.Marshal(n)
	if err != nil { // cannot happen for a string node
		return fmt.Sprintf("%q", s)
	}
	return strings.TrimSuffix(string(b), "\n")
}

// plainSafe: letters, digits, spaces and a few inner punctuation marks, not
// starting with one that YAML gives a meaning, and not a word YAML reads as
// another type.
func plainSafe(s string) bool {
	if s == "" || s != strings.TrimSpace(s) || strings.Contains(s, "  ") {
		return false
	}
	for i, r := range s {
		switch {
		case r >= 'a' && r <= 'z', r >= 'A' && r <= 'Z', r > 0x7f && r != 0x85 && r != 0x2028 && r != 0x2029 && r != 0xfeff:
		case r >= '0' && r <= '9':
			if i == 0 {
				return false // numbers, dates
			}
		case r == ' ' || r == '.' || r == '-' || r == '(' || r == ')' || r == '/':
			if i == 0 {
				return false
			}
		default:
			return false
		}
	}
	var v any
	if err := yaml.Unmarshal([]byte("v: "+s), &struct{ V *any }{&v}); err != nil {
		return false
	}
	got, ok := v.(string)
	return ok && got == s
}

// inside joins the site folder and a path below it, refusing a path that
// would leave it ("../x", "/etc", "a/../../b").
func inside(source string, parts ...string) (string, error) {
	rel := filepath.Join(parts...)
	if !filepath.IsLocal(rel) {
		return "", fmt.Errorf("%q valt buiten de map van de site", filepath.ToSlash(strings.Join(parts, "/")))
	}
	return filepath.Join(source, rel), nil
}
