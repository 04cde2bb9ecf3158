package faithful

import (
	"strings"
	"testing"

	a "github.com/prestatie/prestatie/internal/agreement"
)

func TestInOrder(t *testing.T) {
	ag := &a.Agreement{Sections: []*a.Section{
		{ID: "een", Number: "2", Title: "Wonen", Items: []*a.Item{{ID: "x", Text: "De *gemeente* bouwt 120 woningen"}, {ID: "y", Text: "Daarna 300"}}},
		{ID: "b", Annex: true, Number: "Bijlage 1", Title: "Regels"},
	}}
	want := Expected(ag, true)
	if len(want) != 4 || want[1].Text != "De gemeente bouwt 120 woningen" {
		t.Fatalf("expected = %+v", want)
	}
	if p := InOrder(want, "2 Wonen … De gemeente bouwt 120 woningen. Daarna 300 … Bijlage 1 Regels"); len(p) != 0 {
		t.Errorf("in order: %v", p)
	}
	p := InOrder(want, "2 Wonen Daarna 300. De gemeente bouwt 120 woningen. Bijlage 1 Regels")
	if len(p) != 1 || !strings.Contains(p[0], "niet op zijn plaats") {
		t.Errorf("reordered: %v", p)
	}
	if p := InOrder(want, "Wonen Daarna 300"); len(p) != 3 {
		t.Errorf("missing: %v", p)
	}
	if got := HTMLText(`<h1>2 <b>Wonen</b></h1><script>x</script><p>“a”&amp;b</p>`); got != `2 Wonen "a"&b` {
		t.Errorf("HTMLText = %q", got)
	}
}
