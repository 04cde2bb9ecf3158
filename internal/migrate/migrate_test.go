package migrate

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	a "github.com/prestatie/prestatie/internal/agreement"
	"github.com/prestatie/prestatie/internal/content"
)

// TestMigrate moves a part of the Alphen-Chaam agreement in the first
// format over: the result loads without problems, keeps every commitment's
// text, party and target, shows the headings the first format's pages
// printed, and a second run changes nothing.
func TestMigrate(t *testing.T) {
	dir := t.TempDir()
	if err := os.CopyFS(dir, os.DirFS("testdata/v1")); err != nil {
		t.Fatal(err)
	}
	changed, err := Site(dir)
	if err != nil {
		t.Fatal(err)
	}
	if len(changed) != 4 { // the agreement and the three files with commitments
		t.Errorf("changed %d files, want 4: %v", len(changed), changed)
	}
	s, ds := content.Load(os.DirFS(dir), content.Options{})
	if len(ds) > 0 {
		t.Fatalf("migrated site has problems:\n%v", ds)
	}
	ag := s.Agreements[0]
	var items []*a.Item
	ag.EachItem(func(it *a.Item) { items = append(items, it) })
	if len(items) != 13 { // 5 + 2 + 5 commitments and sub-items, and one goal
		t.Errorf("%d items", len(items))
	}
	nb, err := os.ReadFile(filepath.Join(dir, "content/ac/beschikbaarheid/nieuwbouw.md"))
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{
		"## Beoogd effect/impact\n\nDe beschikbaarheid voor de doelgroep",
		"## Bijdrage Leystromen\n\n- Oplevering 12 grondgebonden huurwoningen in De Ligt IV {#de-ligt-iv}",
		"de-ligt-iv: {party: leystromen, target: {value: 12, unit: woningen}}",
		"## Bijdrage gemeente",
	} {
		if !strings.Contains(string(nb), want) {
			t.Errorf("nieuwbouw.md lacks %q:\n%s", want, nb)
		}
	}
	if strings.Index(string(nb), "Bijdrage Leystromen") > strings.Index(string(nb), "Bijdrage gemeente") {
		t.Errorf("contribution_order (Leystromen first) decides the order of the lists")
	}
	if ag.Numbering != a.AutoNumbers || ag.Sections[0].Number != "1" {
		t.Errorf("numbers of the first format kept: %s %q", ag.Numbering, ag.Sections[0].Number)
	}
	again, err := Site(dir)
	if err != nil || len(again) != 0 {
		t.Errorf("second run changed %v (%v)", again, err)
	}
}
