package markdown

import (
	"html/template"
	"strings"
	"testing"
)

func TestItems(t *testing.T) {
	src := []byte("## Bijdrage\n\n- Oplevering *12* woningen {#de-ligt-iv}\n- Onderzoeken of\n  5 tot 10 {#flex}\n  - sub a {#sub-a}\n- gewoon\n\n3. drie {#drie}\n4. vier {#vier}\n\nEen doel. {#doel}\n\nFout {#Fout}\n\n`code {#niet}`\n")
	ms, loose := New().Items(src)
	type flat struct{ id, text, number string }
	var got []flat
	var walk func([]*Mark)
	walk = func(ms []*Mark) {
		for _, m := range ms {
			if string(src[m.Offset:m.Offset+2]) != "{#" {
				t.Errorf("%s: offset %d points at %q", m.ID, m.Offset, src[m.Offset:m.Offset+2])
			}
			got = append(got, flat{m.ID, m.Text, m.Number})
			walk(m.Children)
		}
	}
	walk(ms)
	want := []flat{
		{"de-ligt-iv", "Oplevering *12* woningen", ""},
		{"flex", "Onderzoeken of\n5 tot 10", ""},
		{"sub-a", "sub a", ""},
		{"drie", "drie", "3"},
		{"vier", "vier", "4"},
		{"doel", "Een doel.", ""},
	}
	if len(got) != len(want) {
		t.Fatalf("items = %+v", got)
	}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("item %d = %+v, want %+v", i, got[i], want[i])
		}
	}
	if len(ms) != 5 || len(ms[1].Children) != 1 {
		t.Errorf("sub-items nest under their item")
	}
	if len(loose) != 1 || loose[0].Text != "{#Fout}" {
		t.Errorf("loose = %+v", loose)
	}
}

func TestDocumentDecoratesItems(t *testing.T) {
	src := "- Bouwen {#bouwen}\n- Niets\n\nEen doel. {#doel}\n"
	h, err := New().Document(src, nil, "", 0, func(id string) template.HTML {
		return template.HTML(`<span class="x">` + id + `</span>`)
	}, nil)
	if err != nil {
		t.Fatal(err)
	}
	s := string(h)
	for _, want := range []string{`<li id="bouwen">Bouwen`, `<span class="x">bouwen</span>`, `<p id="doel">Een doel.</p>`, `<span class="x">doel</span>`} {
		if !strings.Contains(s, want) {
			t.Errorf("missing %q in\n%s", want, s)
		}
	}
	if strings.Contains(s, "{#") || strings.Contains(s, "data-prestatie") {
		t.Errorf("marker or internal attribute printed:\n%s", s)
	}
}

// TestTableRowItems: a document that lists its afspraken in a table marks
// the row in its last cell; the row's number cell is its number.
func TestTableRowItems(t *testing.T) {
	src := []byte("| Nr | Afspraak | Wie |\n| --- | --- | --- |\n| 2.1 | Bouwen van *12* woningen | corporatie {#bouwen} |\n| 2.2 | Praten | gemeente {#Praten} |\n")
	ms, loose := New().Items(src)
	if len(ms) != 1 || ms[0].ID != "bouwen" || ms[0].Number != "2.1" || ms[0].Text != "Bouwen van *12* woningen | corporatie" {
		t.Fatalf("items = %+v", ms)
	}
	if string(src[ms[0].Offset:ms[0].Offset+2]) != "{#" {
		t.Errorf("offset %d", ms[0].Offset)
	}
	if len(loose) != 1 || loose[0].Text != "{#Praten}" {
		t.Errorf("loose = %+v", loose)
	}
	h, err := New().Document(string(src), nil, "", 0, func(id string) template.HTML { return "<span>" + template.HTML(id) + "</span>" }, nil)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(h), `<tr id="bouwen">`) || !strings.Contains(string(h), "<td>corporatie<span>bouwen</span></td>") || strings.Contains(string(h), "{#bouwen}") {
		t.Errorf("row:\n%s", h)
	}
}

// TestCrossReferences: a link "#id" to a place on this page stays; one to
// a place elsewhere goes to that page; an unknown one stays as written.
func TestCrossReferences(t *testing.T) {
	src := "Zie [hier](#bouwen), [daar](#elders) en [nergens](#nergens).\n\n- Bouwen {#bouwen}\n"
	h, err := New().Document(src, nil, "", 0, nil, func(id string) string {
		if id == "elders" || id == "bouwen" {
			return "/ag/thema/#" + id
		}
		return ""
	})
	if err != nil {
		t.Fatal(err)
	}
	s := string(h)
	for _, want := range []string{`<a href="#bouwen">hier</a>`, `<a href="/ag/thema/#elders">daar</a>`, `<a href="#nergens">nergens</a>`} {
		if !strings.Contains(s, want) {
			t.Errorf("missing %q in\n%s", want, s)
		}
	}
}
