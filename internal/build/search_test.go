package build

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/prestatie/prestatie/internal/cache"
	"github.com/prestatie/prestatie/internal/corpus"
	"github.com/prestatie/prestatie/internal/search"
)

// TestSearchFilesStayInPlace: the search index's page files of an
// agreement lie in its folder; a build with every agreement reused gives
// the cold build's index, and a build after a change to one agreement
// leaves the others' where they are (the same files, the same inodes) and
// gives the changed one new names; the entry names every one of them.
func TestSearchFilesStayInPlace(t *testing.T) {
	t.Parallel()
	src := t.TempDir()
	if err := corpus.Write(src, 3); err != nil {
		t.Fatal(err)
	}
	dest := filepath.Join(t.TempDir(), "public")
	opt := Options{Source: src, Dest: dest, NoPDF: true}
	buildOK(t, opt)
	ids := agreementIDs(t, src)
	pageFiles := func() map[string]uint64 {
		t.Helper()
		b, err := os.ReadFile(filepath.Join(dest, filepath.FromSlash(search.Entry)))
		if err != nil {
			t.Fatal(err)
		}
		var e struct{ Groups [][3]any }
		if err := json.Unmarshal(b, &e); err != nil {
			t.Fatal(err)
		}
		files := map[string]uint64{}
		for _, g := range e.Groups {
			for i := range int(g[2].(float64)) {
				p := g[0].(string) + search.Dir + g[1].(string) + "/" + strconv.Itoa(i) + ".json"
				files[p] = inode(t, filepath.Join(dest, filepath.FromSlash(p)))
			}
		}
		if len(e.Groups) != len(ids) {
			t.Errorf("%d groups for %d agreements", len(e.Groups), len(ids))
		}
		return files
	}
	before := pageFiles()
	// Every agreement reused: the same index as the cold build's.
	cold := readTree(t, dest)
	buildOK(t, opt)
	sameTree(t, readTree(t, dest), cold)
	changed := ids[1]
	edit(t, filepath.Join(src, "content", changed, "beschikbaarheid", "nieuwbouw.md"), "title: Nieuwbouw", "title: Nieuwbouw (gewijzigd)")
	buildOK(t, opt)
	after := pageFiles()
	kept, renamed := 0, 0
	for p, ino := range before {
		mine := strings.HasPrefix(p, changed+"/")
		switch now, ok := after[p]; {
		case mine && ok:
			t.Errorf("%s: the changed agreement's file kept its name", p)
		case mine:
			renamed++
		case !ok || now != ino:
			t.Errorf("%s: an unchanged agreement's file was not left in place", p)
		default:
			kept++
		}
	}
	if kept == 0 || renamed == 0 {
		t.Errorf("%d files kept, %d renamed", kept, renamed)
	}
}

// TestDamagedSearchData: what an entry keeps of its pages for the search
// index, when it cannot be read (damaged, another format) or is not as
// the index made it, costs only time: the pages are read again, and the
// output is a cold build's.
func TestDamagedSearchData(t *testing.T) {
	t.Parallel()
	gen := t.TempDir()
	if err := corpus.Write(gen, 2); err != nil {
		t.Fatal(err)
	}
	empty, err := cache.Encode(&map[string]search.Page{})
	if err != nil {
		t.Fatal(err)
	}
	for name, damage := range map[string]func(t *testing.T, entry string){
		"onleesbaar": func(t *testing.T, entry string) {
			os.WriteFile(filepath.Join(entry, searchData), []byte("\x01\x05kapot"), 0o644)
		},
		"weg": func(t *testing.T, entry string) {
			os.Remove(filepath.Join(entry, searchData))
		},
		"leeg": func(t *testing.T, entry string) {
			os.WriteFile(filepath.Join(entry, searchData), empty, 0o644)
		},
		"zonder hash": func(t *testing.T, entry string) {
			var ps map[string]search.Page
			b, _ := os.ReadFile(filepath.Join(entry, searchData))
			if err := cache.Decode(b, &ps); err != nil || len(ps) == 0 {
				t.Fatal("no search data in the entry", err)
			}
			for p, pg := range ps {
				pg.Sum = ""
				ps[p] = pg
			}
			b, _ = cache.Encode(&ps)
			os.WriteFile(filepath.Join(entry, searchData), b, 0o644)
		},
	} {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			src := copyDir(t, gen)
			dest := filepath.Join(t.TempDir(), "public")
			opt := Options{Source: src, Dest: dest, NoPDF: true}
			buildOK(t, opt)
			entries, _ := filepath.Glob(filepath.Join(CacheDir(dest), "entries", "*"))
			if len(entries) == 0 {
				t.Fatal("no cache entries")
			}
			for _, e := range entries {
				damage(t, e)
			}
			ids := agreementIDs(t, src)
			edit(t, filepath.Join(src, "content", ids[0], "beschikbaarheid", "nieuwbouw.md"), "title: Nieuwbouw", "title: Nieuwbouw (gewijzigd)")
			buildOK(t, opt)
			cold := filepath.Join(t.TempDir(), "public")
			buildOK(t, Options{Source: src, Dest: cold, NoPDF: true, NoCache: true})
			sameTree(t, readTree(t, dest), readTree(t, cold))
		})
	}
}
