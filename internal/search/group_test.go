package search

import (
	"bytes"
	"cmp"
	"encoding/json"
	"maps"
	"slices"
	"strings"
	"testing"
)

// grouped are pages in two folders and one outside them, in the order of
// a site: each folder's pages together.
var grouped = []struct{ path, html string }{
	{"", `<main><h1>Home</h1><p>Alle woningen.</p></main>`},
	{"ac/", pages[0]},
	{"ac/beschikbaarheid/", pages[1]},
	{"br/", pages[2]},
	{"br/huur/", `<main><h1>Huurverhoging</h1><p>De huur van 2025 en de woningen.</p></main>`},
}

// topFolder groups pages by their first folder, as the site does with
// agreements.
func topFolder(p string) string {
	if id, _, ok := strings.Cut(p, "/"); ok {
		return id + "/"
	}
	return ""
}

// indexGrouped indexes the pages in grouped, the one at reuse from kept
// (AddPage) when it is there, and returns its files and what it kept.
func indexGrouped(t *testing.T, html map[string]string, kept map[string]Page) (map[string][]byte, map[string]Page) {
	t.Helper()
	x := New()
	x.ChunkSize = 64
	x.Folder = topFolder
	out := map[string]Page{}
	// Added in another order than they are numbered.
	for _, i := range []int{3, 0, 4, 2, 1} {
		p := grouped[i]
		if k, ok := kept[p.path]; ok {
			if err := x.AddPage(i, p.path, k); err != nil {
				t.Fatal(err)
			}
			continue
		}
		h := p.html
		if html[p.path] != "" {
			h = html[p.path]
		}
		out[p.path] = x.AddDoc(i, Extract(p.path, []byte(h)))
	}
	files, err := x.Files()
	if err != nil {
		t.Fatal(err)
	}
	m := map[string][]byte{}
	for _, f := range files {
		m[f.Path] = f.Data
	}
	return m, out
}

// TestGroups: each folder's page files lie in its own folder, named by
// them, and the entry says where: a changed page renames its own group's
// files only.
func TestGroups(t *testing.T) {
	t.Parallel()
	a, _ := indexGrouped(t, nil, nil)
	var e entryFile
	if err := json.Unmarshal(a[Entry], &e); err != nil {
		t.Fatal(err)
	}
	var folders []string
	for _, g := range e.Groups {
		folders = append(folders, g[0].(string))
		if n := g[2].(float64); n != map[any]float64{"": 1, "ac/": 2, "br/": 2}[g[0]] {
			t.Errorf("group %v: %v pages", g[0], n)
		}
	}
	if !slices.Equal(folders, []string{"", "ac/", "br/"}) || e.Pages != 5 {
		t.Fatalf("groups %v, %d pages", e.Groups, e.Pages)
	}
	// Page n is the page in the site's order n.
	n := 0
	for _, g := range e.Groups {
		for i := range int(g[2].(float64)) {
			f := g[0].(string) + Dir + g[1].(string) + "/" + string(rune('0'+i)) + ".json"
			var pg struct{ Path string }
			if err := json.Unmarshal(a[f], &pg); err != nil {
				t.Fatalf("%s: %v", f, err)
			}
			if pg.Path != grouped[n].path {
				t.Errorf("%s: page %q, want %q", f, pg.Path, grouped[n].path)
			}
			n++
		}
	}
	if len(a) != 5+1+len(e.Chunks) {
		t.Errorf("%d files, want 5 pages, the entry and %d chunks", len(a), len(e.Chunks))
	}
	// One page of br/ changed: the files of ac/ and of the site's own
	// group keep their names and bytes; br/'s get a new name.
	b, _ := indexGrouped(t, map[string]string{"br/huur/": `<main><h1>Huurverhoging</h1><p>Anders.</p></main>`}, nil)
	for p, data := range a {
		if strings.HasPrefix(p, "ac/") || strings.HasPrefix(p, Dir) && !strings.HasPrefix(p, Dir+"index") {
			if !bytes.Equal(b[p], data) {
				t.Errorf("%s changed with a page of another folder", p)
			}
		}
		if strings.HasPrefix(p, "br/") {
			if _, ok := b[p]; ok {
				t.Errorf("%s kept its name with a changed page", p)
			}
		}
	}
}

// TestAddPage: pages added again from what AddDoc kept give the same
// index, without their own files (the caller has them).
func TestAddPage(t *testing.T) {
	t.Parallel()
	cold, kept := indexGrouped(t, nil, nil)
	if len(kept) != len(grouped) {
		t.Fatalf("kept %d pages of %d", len(kept), len(grouped))
	}
	for name, reuse := range map[string]map[string]Page{
		"all":   kept,
		"ac/":   {"ac/": kept["ac/"], "ac/beschikbaarheid/": kept["ac/beschikbaarheid/"]},
		"one":   {"br/huur/": kept["br/huur/"]},
		"empty": {"": kept[""]},
	} {
		t.Run(name, func(t *testing.T) {
			warm, again := indexGrouped(t, nil, reuse)
			for p, data := range cold {
				var pg struct{ Path *string }
				json.Unmarshal(data, &pg)
				_, reused := reuse[*cmp.Or(pg.Path, new(string))]
				switch got, ok := warm[p]; {
				case pg.Path != nil && reused && ok:
					t.Errorf("%s: the file of a page added again", p)
				case !ok && !(pg.Path != nil && reused):
					t.Errorf("%s missing", p)
				case ok && !bytes.Equal(got, data):
					t.Errorf("%s differs from the index of the pages' text", p)
				}
			}
			for p := range warm {
				if _, ok := cold[p]; !ok {
					t.Errorf("%s: not in the index of the pages' text", p)
				}
			}
			// What the others kept is what they kept before.
			for p, k := range again {
				if _, ok := reuse[p]; ok || kept[p] != k {
					t.Errorf("%s: kept %+v, then %+v", p, kept[p], k)
				}
			}
			if len(again)+len(reuse) != len(grouped) {
				t.Errorf("added again: %v", slices.Sorted(maps.Keys(again)))
			}
		})
	}
}

// TestAddPageDamaged: a Page that is not as AddDoc made it is refused,
// so that the caller reads the page instead.
func TestAddPageDamaged(t *testing.T) {
	t.Parallel()
	_, kept := indexGrouped(t, nil, nil)
	good := kept["ac/"]
	for _, p := range []Page{
		{},
		{Sum: good.Sum[:30], Terms: good.Terms},
		{Sum: good.Sum + "00", Terms: good.Terms},
		{Sum: good.Sum, Terms: "woning"},
		{Sum: good.Sum, Terms: " 3"},
		{Sum: good.Sum, Terms: "woning 99999999999"},
		{Sum: "zz" + good.Sum[2:], Terms: good.Terms},
		{Sum: good.Sum, Terms: good.Terms + " woning"},
		{Sum: good.Sum, Terms: "woning 0"},
		{Sum: good.Sum, Terms: "woning x"},
	} {
		x := New()
		if err := x.AddPage(0, "ac/", p); err == nil {
			t.Errorf("AddPage(%+v) took it", p)
		}
		if len(x.docs) != 0 {
			t.Errorf("AddPage(%+v) added a page", p)
		}
	}
	if err := New().AddPage(0, "ac/", good); err != nil {
		t.Error(err)
	}
}
