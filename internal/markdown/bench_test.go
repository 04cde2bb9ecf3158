package markdown

import (
	"html/template"
	"slices"
	"strings"
	"testing"

	"github.com/prestatie/prestatie/internal/corpus"
)

// corpusBodies are the Markdown bodies (front matter cut off) of a
// generated corpus of two agreements, in a fixed order.
func corpusBodies(tb testing.TB) [][]byte {
	files := corpus.Files(2)
	var names []string
	for p := range files {
		if strings.HasSuffix(p, ".md") {
			names = append(names, p)
		}
	}
	slices.Sort(names)
	var out [][]byte
	for _, p := range names {
		parts := strings.SplitN(files[p], "---\n", 3)
		if len(parts) != 3 {
			tb.Fatalf("%s: no front matter", p)
		}
		out = append(out, []byte(parts[2]))
	}
	return out
}

// BenchmarkItems is what loading does with every body: find its items.
func BenchmarkItems(b *testing.B) {
	bodies := corpusBodies(b)
	c := New()
	for b.Loop() {
		for _, src := range bodies {
			c.Items(src)
		}
	}
}

// BenchmarkDocument is what the site does with every body: render it with
// the site's HTML after each item.
func BenchmarkDocument(b *testing.B) {
	bodies := corpusBodies(b)
	c := New()
	meta := func(id string) template.HTML { return `<p class="meta">` + template.HTML(id) + `</p>` }
	for b.Loop() {
		for _, src := range bodies {
			if _, err := c.Document(string(src), NewIDs(), "tekst", 1, meta, func(string) string { return "" }); err != nil {
				b.Fatal(err)
			}
		}
	}
}
