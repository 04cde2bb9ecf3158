package content

import (
	"testing"
	"testing/fstest"

	a "github.com/prestatie/prestatie/internal/agreement"
)

// TestItemsFromText: items are found in the body in document order, with
// the position of their marker, their own numbers, and the annotation of
// the same id; deeper onderdelen are read at any depth.
func TestItemsFromText(t *testing.T) {
	m := siteFS(t, "_base")
	m["content/test-2024/thema/nieuwbouw.md"] = &fstest.MapFile{Data: []byte(`---
title: Nieuwbouw
order: 1
number: "2"
items:
  voorbehoud: {kind: provision}
  bouwen: {party: [gemeente, all-corporations], target: {value: 12, unit: woningen, due: {from: 2028, to: 2031}}}
---
1.1 Partijen behouden hun bevoegdheden. {#voorbehoud}

1. Eerst bouwen. {#bouwen}
2. Dan praten. {#praten}
   - met iedereen {#iedereen}
`)}
	m["content/test-2024/thema/wijken/_index.md"] = &fstest.MapFile{Data: []byte("---\ntitle: Wijken\norder: 2\n---\n")}
	m["content/test-2024/thema/wijken/noord/_index.md"] = &fstest.MapFile{Data: []byte("---\ntitle: Noord\norder: 1\n---\n")}
	m["content/test-2024/thema/wijken/noord/plein.md"] = &fstest.MapFile{Data: []byte("---\ntitle: Plein\norder: 1\nnumber: \"2.2.1.1\"\n---\n- Een bank. {#bank}\n")}
	s, ds := Load(m, Options{})
	if len(ds) > 0 {
		t.Fatalf("diagnostics:\n%v", ds)
	}
	ag := s.Agreements[0]
	sec := ag.Sections[0].Sections[0]
	var got []string
	for _, it := range a.ItemsOf(sec) {
		got = append(got, string(it.Kind)+":"+it.ID+":"+it.Number+":"+it.Pos.String())
	}
	want := []string{
		"provision:voorbehoud:1.1:content/test-2024/thema/nieuwbouw.md:9:41",
		"commitment:bouwen:1:content/test-2024/thema/nieuwbouw.md:11:18",
		"commitment:praten:2:content/test-2024/thema/nieuwbouw.md:12:16",
		"commitment:iedereen::content/test-2024/thema/nieuwbouw.md:13:19",
	}
	if len(got) != len(want) {
		t.Fatalf("items = %v", got)
	}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("item %d = %s, want %s", i, got[i], want[i])
		}
	}
	b := sec.Items[1].Binding
	if len(b.Named) != 1 || len(b.Kinds) != 1 || len(b.Parties) != 2 || sec.Items[1].Target.Due.From != 2028 {
		t.Errorf("binding or deadline: %+v %+v", b, sec.Items[1].Target.Due)
	}
	if !sec.Items[2].Binding.None() {
		t.Errorf("an item without annotation names no party")
	}
	deep := ag.Sections[0].Sections[1].Sections[0].Sections[0]
	if deep.Number != "2.2.1.1" || deep.Depth() != 4 || deep.Items[0].ID != "bank" {
		t.Errorf("fourth level: %+v", deep)
	}
}
