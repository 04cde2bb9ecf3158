package markdown

import (
	"html/template"
	"strings"
	"testing"
)

func TestSlug(t *testing.T) {
	tests := map[string]string{
		"Beëindiging van huurcontracten": "beeindiging-van-huurcontracten",
		"Café & coördinatie — 2023/2024": "cafe-coordinatie-2023-2024",
		"Ärger über € 879,66":            "arger-uber-euro-879-66",
		"Ĳsselmonde":                     "ijsselmonde",
		"Woonvisie 2018-2023":            "woonvisie-2018-2023",
		"  !! ":                          "",
	}
	for in, want := range tests {
		if got := Slug(in); got != want {
			t.Errorf("Slug(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestBlock(t *testing.T) {
	c := New()
	ids := NewIDs("voorwoord")
	tests := []struct{ in, want string }{
		{"## Beëindiging", `<h2 id="beeindiging">Beëindiging</h2>`},
		{"## Beëindiging", `<h2 id="beeindiging-2">Beëindiging</h2>`}, // unique on the page
		{"## Voorwoord", `<h2 id="voorwoord-2">Voorwoord</h2>`},       // reserved by the template
		{"## Eigen {#beschikbaarheid}", `<h2 id="beschikbaarheid">Eigen</h2>`},
		{`"we doen 't" -- ja...`, "<p>“we doen ’t” – ja…</p>"},
		{"hierna te noemen 'de partijen'", "<p>hierna te noemen ‘de partijen’</p>"},
		{"| a | b |\n|---|---|\n| 1 | 2 |", "<table>"},
		{"x <script>alert(1)</script>", "<p>x <!-- raw HTML omitted -->alert(1)<!-- raw HTML omitted --></p>"},
		{"[a](javascript:alert(1))", `<p><a href="">a</a></p>`},
	}
	for _, tt := range tests {
		got, err := c.Block(tt.in, ids, "")
		if err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(string(got), tt.want) {
			t.Errorf("Block(%q) = %q, want it to contain %q", tt.in, got, tt.want)
		}
	}
}

func TestFootnotePrefix(t *testing.T) {
	got, _ := New().Block("Tekst[^1]\n\n[^1]: Noot.", nil, "voorwoord")
	if !strings.Contains(string(got), `id="voorwoord-fn:1"`) {
		t.Errorf("footnote ids not prefixed: %s", got)
	}
}

func TestInline(t *testing.T) {
	c := New()
	if got, _ := c.Inline("Een *korte* tekst"); got != "Een <em>korte</em> tekst" {
		t.Errorf("Inline = %q", got)
	}
	if got, _ := c.Inline("Een\n\nTwee"); !strings.Contains(string(got), "<p>Twee</p>") {
		t.Errorf("Inline keeps paragraphs of a longer text: %q", got)
	}
}

func TestUnsafe(t *testing.T) {
	got, _ := New(WithUnsafeHTML(true)).Block("<b>vet</b>", nil, "")
	if !strings.Contains(string(got), "<b>vet</b>") {
		t.Errorf("unsafe HTML not passed: %q", got)
	}
}

func TestSectionShiftsHeadings(t *testing.T) {
	got, _ := New().Section("# Een\n\n## Twee\n\n###### Zes", nil, "", 1)
	for _, want := range []string{`<h2 id="een">`, `<h3 id="twee">`, `<h6 id="zes">`} {
		if !strings.Contains(string(got), want) {
			t.Errorf("missing %s in %s", want, got)
		}
	}
}

func TestSanitize(t *testing.T) {
	c := New()
	tests := []struct{ in, want, not string }{
		{"## Kop {style=\"position:fixed\" tabindex=\"0\" hidden=hidden}", `<h2 id="kop">Kop</h2>`, "style="},
		{"## Skip {#hoofdinhoud}", `<h2 id="skip">Skip</h2>`, `id="hoofdinhoud"`},
		{"## Eigen {#beschikbaarheid .rood}", `<h2 id="beschikbaarheid">Eigen</h2>`, "class="},
		{"![logo](https://other.host/p.gif \"t\")", `<a href="https://other.host/p.gif" title="t">logo</a>`, "<img"},
		{"![kaart](//cdn.example/k.png)", `<a href="//cdn.example/k.png">kaart</a>`, "<img"},
		{"![kaart](kaart.png)", `<img src="kaart.png" alt="kaart">`, "<a "},
	}
	for _, tt := range tests {
		got, _ := c.Block(tt.in, NewIDs("hoofdinhoud"), "")
		if !strings.Contains(string(got), tt.want) || strings.Contains(string(got), tt.not) {
			t.Errorf("Block(%q) = %s; want %s and no %s", tt.in, got, tt.want, tt.not)
		}
	}
}

func TestTablesScrollInARegion(t *testing.T) {
	got, _ := New().Block("| a | b |\n|---|---|\n| 1 | 2 |", nil, "")
	if !strings.Contains(string(got), `<div class="table-wrap" role="region" tabindex="0" aria-label="Tabel"><table>`) || !strings.Contains(string(got), "</table></div>") {
		t.Errorf("table not wrapped: %s", got)
	}
}

// TestWideTablesBecomeCards: a table of four or more columns gets the class
// "cards" and each cell its column header as data-label (escaped, markup
// dropped), so the style sheet can show a card per row on a phone; a narrow
// table stays as it is.
func TestWideTablesBecomeCards(t *testing.T) {
	tests := []struct{ in, want, not string }{
		{"| a | b |\n|---|---|\n| 1 | 2 |", `<table>`, "data-label"},
		{"| Nr. | *Afspraak* | \"Trekker\" & co | `Plan` |\n|---|---|---|---:|\n| 3.1 | x | y | 2025 |",
			`<div class="table-wrap" role="region" tabindex="0" aria-label="Tabel"><table class="cards">`, ""},
		{"| Nr. | *Afspraak* | \"Trekker\" & co | `Plan` |\n|---|---|---|---:|\n| 3.1 | x | y | 2025 |",
			`<td data-label="Nr.">3.1</td>` + "\n" + `<td data-label="Afspraak">x</td>` + "\n" + `<td data-label="“Trekker” &amp; co">y</td>` + "\n" + `<td data-label="Plan" style="text-align:right">2025</td>`, ""},
		{"| a | | c | d |\n|---|---|---|---|\n| 1 | 2 | 3 |", `<td data-label="a">1</td>` + "\n<td>2</td>", ""},
		{"| kolom <script>alert(1)</script> \"x\" | b | c | d |\n|---|---|---|---|\n| 1 | 2 | 3 | 4 |", `<td data-label="kolom alert(1) “x”">1</td>`, "<script"},
	}
	for _, tt := range tests {
		got, _ := New().Block(tt.in, nil, "")
		if !strings.Contains(string(got), tt.want) || (tt.not != "" && strings.Contains(string(got), tt.not)) {
			t.Errorf("Block(%q) = %s; want %s and no %q", tt.in, got, tt.want, tt.not)
		}
	}
}

// TestRenderParsed: Parse and then Render gives what Document gives, for
// every body of a generated corpus, so a caller that reads the tree first
// parses a text once.
func TestRenderParsed(t *testing.T) {
	t.Parallel()
	c := New()
	meta := func(id string) template.HTML { return template.HTML(`<p class="meta">` + id + `</p>`) }
	resolve := func(id string) string { return "/elders/#" + id }
	for i, src := range corpusBodies(t) {
		want, err := c.Document(string(src), NewIDs("hoofdinhoud"), "tekst", 1, meta, resolve)
		if err != nil {
			t.Fatal(err)
		}
		ids := NewIDs("hoofdinhoud")
		doc := c.Parse(src, ids, "tekst")
		got, err := c.Render(doc, src, ids, 1, meta, resolve)
		if err != nil {
			t.Fatal(err)
		}
		if got != want {
			t.Fatalf("body %d: Render after Parse differs from Document:\n%s\n---\n%s", i, got, want)
		}
	}
}
