package pdf

import (
	"reflect"
	"strings"
	"testing"

	"github.com/johnfercher/maroto/v2/pkg/consts/align"

	"github.com/prestatie/prestatie/internal/markdown"
)

func blocksOf(t *testing.T, src string) []block {
	t.Helper()
	if err := loadMetrics(); err != nil {
		t.Fatal(err)
	}
	return parseMarkdown(markdown.New(), src)
}

func TestConvertParagraphKeepsEmphasisInPlace(t *testing.T) {
	bs := blocksOf(t, "Een **vette** en *cursieve* tekst met ***beide*** en ~~weg~~.\nVolgende regel.")
	if len(bs) != 1 || bs[0].Kind != paraBlock {
		t.Fatalf("want one paragraph, got %+v", bs)
	}
	want := []span{
		{Text: "Een "}, {Text: "vette", Bold: true}, {Text: " en "}, {Text: "cursieve", Italic: true},
		{Text: " tekst met "}, {Text: "beide", Bold: true, Italic: true}, {Text: " en "},
		{Text: "weg", Strike: true}, {Text: ". Volgende regel."},
	}
	if !reflect.DeepEqual(bs[0].Spans, want) {
		t.Errorf("spans:\n got %+v\nwant %+v", bs[0].Spans, want)
	}
}

func TestConvertStructure(t *testing.T) {
	src := `# Titel

## Onderdeel

Tekst met een [link](https://example.nl/a) en https://example.nl/b en [zelfde](zelfde).

1. een
2. twee
   - genest *a*
   - genest b
     1. diep
3. drie

> “Citaat” met **nadruk**
>
> tweede alinea

| a | b |
|---|--:|
| 1 | 2 |

Noot hier[^1].

    code  regel

---

[^1]: De noot.
`
	bs := blocksOf(t, src)
	kinds := []blockKind{}
	for _, b := range bs {
		kinds = append(kinds, b.Kind)
	}
	wantKinds := []blockKind{headingBlock, headingBlock, paraBlock, listBlock, quoteBlock, tableBlock, paraBlock, codeBlock, ruleBlock, notesBlock}
	if !reflect.DeepEqual(kinds, wantKinds) {
		t.Fatalf("kinds = %v, want %v", kinds, wantKinds)
	}
	if bs[0].Level != 1 || bs[1].Level != 2 {
		t.Errorf("heading levels %d %d", bs[0].Level, bs[1].Level)
	}
	if got := plainText(bs[2].Spans); got != "Tekst met een link (https://example.nl/a) en https://example.nl/b en zelfde." {
		t.Errorf("links: %q", got)
	}
	for _, s := range bs[2].Spans {
		if strings.Contains(s.Text, "example.nl/a") && s.Link != "https://example.nl/a" {
			t.Errorf("address of a link is not a hyperlink: %+v", s)
		}
	}
	l := bs[3]
	if !l.Ordered || len(l.Items) != 3 || l.Items[0].Marker != "1." || l.Items[2].Marker != "3." {
		t.Fatalf("ordered list: %+v", l)
	}
	nested := l.Items[1].Blocks
	if len(nested) != 2 || nested[1].Kind != listBlock || nested[1].Ordered || len(nested[1].Items) != 2 {
		t.Fatalf("nested list: %+v", nested)
	}
	if deep := nested[1].Items[1].Blocks; len(deep) != 2 || deep[1].Kind != listBlock || deep[1].Items[0].Marker != "1." {
		t.Errorf("third level: %+v", deep)
	}
	if q := bs[4]; len(q.Children) != 2 || plainText(q.Children[0].Spans) != "“Citaat” met nadruk" {
		t.Errorf("quote: %+v", q)
	}
	tb := bs[5]
	if len(tb.Header) != 2 || len(tb.Rows) != 1 || plainText(tb.Rows[0][1]) != "2" || tb.Align[1] != align.Right {
		t.Errorf("table: %+v", tb)
	}
	if p := bs[6].Spans; plainText(p) != "Noot hier1." || !p[1].Sup {
		t.Errorf("footnote reference: %+v", p)
	}
	if c := bs[7]; len(c.Lines) != 1 || c.Lines[0] != "code  regel" {
		t.Errorf("code: %+v", c)
	}
	if n := bs[9]; len(n.Items) != 1 || n.Items[0].Marker != "1" || plainText(n.Items[0].Blocks[0].Spans) != "De noot." {
		t.Errorf("notes: %+v", n)
	}
}

func TestConvertTextDetails(t *testing.T) {
	tests := []struct{ in, want string }{
		{`"we doen 't" -- ja...`, "“we doen ’t” – ja…"},                          // typographer, as on the site
		{`a \*geen nadruk\* &amp; &#8364; &euro;`, "a *geen nadruk* & € €"},      // escapes and references
		{"x <b>vet</b> y <script>alert(1)</script>", "x vet y alert(1)"},         // raw HTML left out, text kept
		{"regel een  \nregel twee", "regel een\nregel twee"},                     // hard break
		{"![logo](https://x.nl/l.png)", "Afbeelding: logo (https://x.nl/l.png)"}, // image
		{"[klik](javascript:alert(1))", "klik (javascript:alert(1))"},            // printed, not clickable
		{"`code *niet* cursief`", "code *niet* cursief"},
		{"tab\there", "tab here"},
	}
	for _, tt := range tests {
		bs := blocksOf(t, tt.in)
		if len(bs) != 1 {
			t.Errorf("%q: %d blocks", tt.in, len(bs))
			continue
		}
		if got := plainText(bs[0].Spans); got != tt.want {
			t.Errorf("%q: got %q, want %q", tt.in, got, tt.want)
		}
		for _, s := range bs[0].Spans {
			if strings.Contains(tt.in, "javascript") && s.Link != "" {
				t.Errorf("javascript: address made clickable: %+v", s)
			}
		}
	}
}

// TestConvertLosesNoText checks that the words of a Markdown text all reach
// the blocks, in order.
func TestConvertLosesNoText(t *testing.T) {
	src := "Alpha *beta* **gamma**\n\n- delta\n  - epsilon [zeta](https://eta.nl)\n\n> theta\n\n| iota | kappa |\n|---|---|\n| lambda | mu |\n\nnu[^n]\n\n[^n]: xi"
	var words []string
	var walk func([]block)
	walk = func(bs []block) {
		for _, b := range bs {
			add := func(ss []span) { words = append(words, strings.Fields(plainText(ss))...) }
			add(b.Spans)
			for _, it := range b.Items {
				walk(it.Blocks)
			}
			walk(b.Children)
			for _, c := range b.Header {
				add(c)
			}
			for _, r := range b.Rows {
				for _, c := range r {
					add(c)
				}
			}
		}
	}
	walk(blocksOf(t, src))
	got := strings.Join(words, " ")
	want := "Alpha beta gamma delta epsilon zeta (https://eta.nl) theta iota kappa lambda mu nu1 xi"
	if got != want {
		t.Errorf("words:\n got %q\nwant %q", got, want)
	}
}

// TestMarkdownRows lays a Markdown text out on a document and reads the
// text back from maroto's structure: all text in order, nested lists
// indented with their markers.
func TestMarkdownRows(t *testing.T) {
	bs := blocksOf(t, "## Kop\n\nTekst **vet** erin.\n\n1. een\n   - sub\n2. twee\n\n> citaat[^1]\n\n[^1]: noot")
	m := newMaroto(layoutConfig(), testDate)
	b := &builder{m: m, th: newTheme(Theme{}), avail: 200}
	b.blocks(bs, flow{level: 2})
	b.flush()
	var texts []string
	walkStructure(m.GetStructure(), func(typ string, v any, _ map[string]any) {
		if typ == "prestatie-text" && v.(string) != "" {
			texts = append(texts, v.(string))
		}
	})
	want := []string{"Kop", "Tekst vet erin.", "1. een", "– sub", "2. twee", "citaat1", "1 noot"}
	if !reflect.DeepEqual(texts, want) {
		t.Errorf("texts = %q, want %q", texts, want)
	}
}

// TestListLevelMarkers: four levels of bullets have four distinct markers;
// nested numbered lists count 1, a, i (then again 1, a, i) from their own
// start number, with their own delimiter (a list that interrupts a
// paragraph must start at 1 in CommonMark, hence the blank lines).
func TestListLevelMarkers(t *testing.T) {
	for _, tc := range []struct{ md, want string }{
		{"- een\n  - twee\n    - drie\n      - vier\n        - vijf\n", "• een|– twee|◦ drie|▪ vier|▪ vijf"},
		{"1. een\n   1. twee\n      1. drie\n         1. vier\n            1. vijf\n", "1. een|a. twee|i. drie|1. vier|a. vijf"},
		{"3. c\n4. d\n\n   2. b\n   3. c\n\n      4) iv\n      5) v\n", "3. c|4. d|b. b|c. c|iv) iv|v) v"},
		{"1. een\n   - punt\n     1. a\n", "1. een|– punt|a. a"},
		{"27. x\n\n    27. y\n", "27. x|aa. y"},
		// beyond the deepest indent a marker carries its level
		{deepList(15), "• n|– n|◦ n|▪ n|▪ n|▪ n|▪ n|▪ n|▪ n|▪ n|▪ n|▪ n|▪ n|14 ▪ n|15 ▪ n"},
	} {
		bs := blocksOf(t, tc.md)
		m := newMaroto(layoutConfig(), testDate)
		b := &builder{m: m, th: newTheme(Theme{}), avail: 200}
		b.blocks(bs, flow{level: 2})
		b.flush()
		var got []string
		walkStructure(m.GetStructure(), func(typ string, v any, _ map[string]any) {
			if typ == "prestatie-text" && v.(string) != "" {
				got = append(got, v.(string))
			}
		})
		if g := strings.Join(got, "|"); g != tc.want {
			t.Errorf("%q: markers %q, want %q", tc.md, g, tc.want)
		}
	}
	for n, want := range map[int]string{1: "i", 4: "iv", 9: "ix", 14: "xiv", 40: "xl", 1994: "mcmxciv"} {
		if got := roman(n); got != want {
			t.Errorf("roman(%d) = %q, want %q", n, got, want)
		}
	}
	for n, want := range map[int]string{1: "a", 26: "z", 27: "aa", 52: "az", 53: "ba", 702: "zz", 703: "aaa"} {
		if got := alpha(n); got != want {
			t.Errorf("alpha(%d) = %q, want %q", n, got, want)
		}
	}
}

// deepList is a bulleted list nested n levels, each item "n".
func deepList(n int) string {
	var b strings.Builder
	for i := range n {
		b.WriteString(strings.Repeat("  ", i) + "- n\n")
	}
	return b.String()
}

// TestSoftHyphenComesThrough: &shy; in Markdown reaches layout as a soft
// hyphen, the only place its word then breaks.
func TestSoftHyphenComesThrough(t *testing.T) {
	bs := blocksOf(t, "woning&shy;corporaties")
	if len(bs) != 1 || plainText(bs[0].Spans) != "woning\u00ADcorporaties" {
		t.Fatalf("blocks %+v", bs)
	}
	st := textStyle{Size: 9, Lead: 1.3}
	var got []string
	for _, l := range layout(bs[0].Spans, st, textWidth("woningcorpo", regular, 9)) {
		got = append(got, l.text())
	}
	if strings.Join(got, "|") != "woning-|corporaties" {
		t.Errorf("lines %q", got)
	}
}
