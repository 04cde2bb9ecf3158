package search

import (
	"bytes"
	"encoding/json"
	"slices"
	"strings"
	"testing"
)

func TestTerms(t *testing.T) {
	t.Parallel()
	var s Stemmer
	for _, c := range []struct{ a, b string }{
		{"woningen", "woning"},
		{"huurwoningen", "huurwoning"},
		{"huurverhogingen", "huurverhoging"},
		{"energielabels", "energielabel"},
		{"afspraken", "afspraak"},
		{"Financiële", "financiele"},
		{"bepalingen", "bepaling"},
	} {
		wa, wb := Words(c.a), Words(c.b)
		if len(wa) != 1 || len(wb) != 1 {
			t.Fatalf("Words(%q) = %q, Words(%q) = %q: want one word each", c.a, wa, c.b, wb)
		}
		if ta, tb := s.Term(wa[0]), s.Term(wb[0]); ta == "" || ta != tb {
			t.Errorf("%q → %q, %q → %q: want one term", c.a, ta, c.b, tb)
		}
	}
	if got := Words("’s-Hertogenbosch: 14,3% in 2028 (Potentiële)"); !slices.Equal(got, []string{"s", "hertogenbosch", "14", "3", "in", "2028", "potentiele"}) {
		t.Errorf("Words = %q", got)
	}
	for _, w := range []string{"de", "het", "en", "a"} {
		if got := s.Term(w); got != "" {
			t.Errorf("Term(%q) = %q, want none (stop word or one letter)", w, got)
		}
	}
	if got := s.Term("2028"); got != "2028" {
		t.Errorf("Term(2028) = %q", got)
	}
}

const page = `<!DOCTYPE html><html lang="nl"><head><title>x</title></head><body>
<header><a href="/">Site</a></header>
<nav class="breadcrumbs wrap" aria-label="Kruimelpad"><ol><li><a href="/">Home</a></li><li><a href="/ac/">Alphen-Chaam 2023/2024</a></li><li><span aria-current="page">2 Beschikbaarheid</span></li></ol></nav>
<main id="hoofdinhoud">
<h1><span class="number">2</span> Beschikbaarheid</h1>
<p>De beschikbaarheid voor de doelgroep vergroten.</p>
<h2 id="bijdrage">Bijdrage Leystromen</h2>
<ul><li id="de-ligt-iv">Oplevering 12 grondgebonden huurwoningen in De Ligt IV<p class="meta">Op schema</p></li>
<li id="ander">Een woning voor starters</li></ul>
<p>Tekst na de lijst.</p>
<script type="application/json">{"woningen": 1}</script>
<nav class="pager"><a href="/x/">Volgende: Woningbouw</a></nav>
<div hidden>verborgen woningen</div>
</main>
<footer>Toegankelijkheid</footer></body></html>`

func TestExtract(t *testing.T) {
	t.Parallel()
	d := Extract("ac/beschikbaarheid/", []byte(page))
	if d.Title != "2 Beschikbaarheid" || d.Context != "Alphen-Chaam 2023/2024" {
		t.Errorf("title %q, context %q", d.Title, d.Context)
	}
	var got []string
	for _, b := range d.Blocks {
		got = append(got, b.Anchor+"|"+b.Heading+"|"+b.Text)
	}
	want := []string{
		"||2 Beschikbaarheid",
		"||De beschikbaarheid voor de doelgroep vergroten.",
		"bijdrage|Bijdrage Leystromen|Bijdrage Leystromen",
		"de-ligt-iv|Bijdrage Leystromen|Oplevering 12 grondgebonden huurwoningen in De Ligt IV Op schema",
		"ander|Bijdrage Leystromen|Een woning voor starters",
		"bijdrage|Bijdrage Leystromen|Tekst na de lijst.",
	}
	if !slices.Equal(got, want) {
		t.Errorf("blocks:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

// build indexes pages given in the order of adding, with small chunks.
func build(t *testing.T, order []int, pages map[int]string) map[string][]byte {
	return buildSpilled(t, order, pages, 0)
}

// buildSpilled is build with the page files written to the spill's file
// every block bytes (0: a megabyte).
func buildSpilled(t *testing.T, order []int, pages map[int]string, block int) map[string][]byte {
	t.Helper()
	x := New()
	x.pages.Block = block
	x.ChunkSize = 64
	for _, o := range order {
		x.Add(o, "p"+string(rune('a'+o))+"/", []byte(pages[o]))
	}
	out := map[string][]byte{}
	files, err := x.Files()
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range files {
		out[f.Path] = f.Data
	}
	return out
}

var pages = map[int]string{
	0: page,
	1: `<main><h1>Woning</h1><p>Een woning. Energielabels en huurverhoging.</p></main>`,
	2: `<main><h1>Huur</h1><p>De huurverhogingen van 2024 voor alle woningen.</p></main>`,
}

type entryFile struct {
	Version int         `json:"version"`
	Pages   int         `json:"pages"`
	Groups  [][3]any    `json:"groups"` // folder, hash, pages
	Stop    []string    `json:"stop"`
	Chunks  [][2]string `json:"chunks"`
}

func TestIndex(t *testing.T) {
	t.Parallel()
	a := build(t, []int{0, 1, 2}, pages)
	b := build(t, []int{2, 0, 1}, pages)
	if len(a) != len(b) {
		t.Fatalf("%d files, then %d", len(a), len(b))
	}
	for p, d := range a {
		if !bytes.Equal(d, b[p]) {
			t.Errorf("%s differs between two builds of the same pages", p)
		}
	}
	var e entryFile
	if err := json.Unmarshal(a[Entry], &e); err != nil {
		t.Fatal(err)
	}
	if e.Version != Version || e.Pages != 3 || len(e.Stop) != len(StopWords) || len(e.Groups) != 1 || e.Groups[0][0] != "" || e.Groups[0][2] != 3.0 {
		t.Errorf("entry: %+v", e)
	}
	// Sharded: several chunks, in term order, each under its first term.
	if len(e.Chunks) < 3 || e.Chunks[0][0] != "" {
		t.Fatalf("chunks: %q", e.Chunks)
	}
	find := func(term string) map[string][]int {
		i := 0
		for j, c := range e.Chunks {
			if c[0] <= term {
				i = j
			}
		}
		data, ok := a[Dir+e.Chunks[i][1]]
		if !ok {
			t.Fatalf("chunk %s missing", e.Chunks[i][1])
		}
		var m map[string][]int
		if err := json.Unmarshal(data, &m); err != nil {
			t.Fatal(err)
		}
		return m
	}
	for j := 1; j < len(e.Chunks); j++ {
		if e.Chunks[j-1][0] >= e.Chunks[j][0] {
			t.Errorf("chunks out of order: %q", e.Chunks)
		}
	}
	// "woningen" and "woning" are one term: pages 0 (huurwoningen is
	// another word), 1 and 2 hold it; the title weighs more.
	var s Stemmer
	post := find(s.Term("woningen"))[s.Term("woningen")]
	if len(post) != 6 {
		t.Fatalf("postings of woning: %v, want pages 0, 1, 2", post)
	}
	if post[0] != 0 || post[2] != 1 || post[4] != 1 {
		t.Errorf("page gaps %v", post)
	}
	if post[3] <= post[5] {
		t.Errorf("page 1 (woning in its title) scores %d, page 2 %d: want the title higher", post[3], post[5])
	}
	if got := find(s.Term("huurverhogingen"))[s.Term("huurverhoging")]; len(got) != 4 {
		t.Errorf("huurverhoging: %v, want pages 1 and 2", got)
	}
	// A page of the result list.
	var pg struct {
		Path, Title, Context string
		Blocks               [][3]string
	}
	if err := json.Unmarshal(a[Dir+e.Groups[0][1].(string)+"/0.json"], &pg); err != nil {
		t.Fatal(err)
	}
	if pg.Path != "pa/" || pg.Title != "2 Beschikbaarheid" || len(pg.Blocks) != 4 || pg.Blocks[1][0] != "de-ligt-iv" {
		t.Errorf("page 0: %+v", pg)
	}
}

// TestPageJSON: a page's file is what encoding/json writes, whatever the
// text holds.
func TestPageJSON(t *testing.T) {
	t.Parallel()
	for _, d := range []Doc{
		{Path: "a/", Title: "T", Blocks: []Block{{Text: "T", IsHeading: true}}},
		{Path: "a/b/", Title: "Één <b> & \"c\"", Context: "x › y", Blocks: []Block{
			{Anchor: "id-1", Heading: "Kop\\", Text: "tekst\twith\x01control\b\f\r\n\x7f <script> &amp; \u2028\u2029 \xff\xe2\x80 invalid ‘quote’ 😀 é"},
			{Text: "h", IsHeading: true},
			{Heading: "h", Text: "plain"},
		}},
	} {
		blocks := [][3]string{}
		for _, b := range d.Blocks {
			if !b.IsHeading {
				blocks = append(blocks, [3]string{b.Anchor, b.Heading, b.Text})
			}
		}
		want, _ := json.Marshal(struct {
			Path    string      `json:"path"`
			Title   string      `json:"title"`
			Context string      `json:"context,omitempty"`
			Blocks  [][3]string `json:"blocks"`
		}{d.Path, d.Title, d.Context, blocks})
		if got := pageJSON(d); string(got) != string(want)+"\n" {
			t.Errorf("pageJSON:\n%s\nwant\n%s", got, want)
		}
	}
}

// TestSpill: the page files kept in a temporary file come back as they
// went in.
func TestSpill(t *testing.T) {
	t.Parallel()
	a := build(t, []int{0, 1, 2}, pages)
	b := buildSpilled(t, []int{1, 2, 0}, pages, 10)
	if len(a) != len(b) {
		t.Fatalf("%d files, spilled %d", len(a), len(b))
	}
	for p, d := range a {
		if !bytes.Equal(d, b[p]) {
			t.Errorf("%s differs when spilled", p)
		}
	}
}

// FuzzAppendJSON: appendJSON writes any string as encoding/json does.
func FuzzAppendJSON(f *testing.F) {
	f.Add("tekst <b> & \"c\" \\ \u2028 \xff é 😀 \x00\x1f\x7f")
	f.Fuzz(func(t *testing.T, s string) {
		want, _ := json.Marshal(s)
		if got := appendJSON(nil, s); string(got) != string(want) {
			t.Errorf("appendJSON(%q) = %s, want %s", s, got, want)
		}
	})
}
