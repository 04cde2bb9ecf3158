package build

import (
	"bytes"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"syscall"
	"testing"

	"github.com/prestatie/prestatie/internal/corpus"
	"github.com/prestatie/prestatie/internal/site"
)

// readTree is every file below dir by its slash path.
func readTree(t testing.TB, dir string) map[string][]byte {
	t.Helper()
	files := map[string][]byte{}
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := os.ReadFile(p)
		rel, _ := filepath.Rel(dir, p)
		files[filepath.ToSlash(rel)] = b
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return files
}

// sameTree fails unless got and want hold the same files with the same bytes.
func sameTree(t testing.TB, got, want map[string][]byte) {
	t.Helper()
	var diffs []string
	for p, b := range want {
		g, ok := got[p]
		switch {
		case !ok:
			diffs = append(diffs, "missing "+p)
		case !bytes.Equal(g, b):
			diffs = append(diffs, "differs "+p)
		}
	}
	for p := range got {
		if _, ok := want[p]; !ok {
			diffs = append(diffs, "extra "+p)
		}
	}
	slices.Sort(diffs)
	if len(diffs) > 0 {
		t.Errorf("the incremental build differs from a cold build in %d files:\n%s", len(diffs), strings.Join(diffs[:min(len(diffs), 20)], "\n"))
	}
}

func inode(t testing.TB, p string) uint64 {
	t.Helper()
	st, err := os.Stat(p)
	if err != nil {
		t.Fatal(err)
	}
	return st.Sys().(*syscall.Stat_t).Ino
}

func buildOK(t testing.TB, opt Options) Summary {
	t.Helper()
	sum, ds, err := Build(opt)
	if err != nil || ds.HasErrors() {
		t.Fatalf("build: %v\n%v", err, ds)
	}
	return sum
}

// copyDir copies the site in src to a new folder.
func copyDir(t testing.TB, src string) string {
	t.Helper()
	dir := t.TempDir()
	if err := os.CopyFS(dir, os.DirFS(src)); err != nil {
		t.Fatal(err)
	}
	return dir
}

// change is one edit to a site, and which agreements' pages it may
// re-render (nil: all of them).
type change struct {
	name    string
	edit    func(t testing.TB, dir string)
	touched []string // ids of the agreements rendered again; nil for all
}

// TestIncrementalEqualsCold builds a site, changes one thing, builds it
// again with the cache, and compares every file with a cold build of the
// changed site: byte for byte the same, the whole-site files (home page,
// feeds, sitemap, open data) included. The files of an agreement that did
// not change are the cached ones (the same inode), the changed one's are
// new.
func TestIncrementalEqualsCold(t *testing.T) {
	if testing.Short() {
		t.Skip("builds a corpus several times")
	}
	t.Parallel()
	gen := t.TempDir()
	if err := corpus.Write(gen, 9); err != nil {
		t.Fatal(err)
	}
	ids := agreementIDs(t, gen)
	part := ids[0]
	for _, id := range ids {
		if !strings.HasPrefix(id, "regio-") {
			part = id // an agreement that is part of a regional one
			break
		}
	}
	nieuwbouw := func(id string) string { return filepath.Join("content", id, "beschikbaarheid", "nieuwbouw.md") }
	// An agreement that does not change has a warning (a character the
	// PDF cannot print): the build that takes it from the cache gives it.
	other := ids[1]
	if other == part {
		other = ids[2]
	}
	edit(t, filepath.Join(gen, nieuwbouw(other)), "title: Nieuwbouw", "title: Nieuwbouw 中")
	// A static file in an agreement's folder is part of it.
	os.MkdirAll(filepath.Join(gen, "static", other, "bijlage"), 0o755)
	os.WriteFile(filepath.Join(gen, "static", other, "bijlage", "index.html"), []byte("bijlage"), 0o644)
	changes := []change{
		{"een afspraak", func(t testing.TB, dir string) {
			edit(t, filepath.Join(dir, nieuwbouw(part)), "items:\n", "items:\n  nieuw: {party: gemeente}\n")
			edit(t, filepath.Join(dir, nieuwbouw(part)), "\n\n", "\n\nEen nieuwe afspraak. {#nieuw}\n\n")
		}, []string{part}},
		{"een voortgangsmelding", func(t testing.TB, dir string) {
			edit(t, filepath.Join(dir, nieuwbouw(part)), "Stand van zaken besproken", "Anders besproken")
		}, []string{part}},
		{"de titel van een deel", func(t testing.TB, dir string) {
			edit(t, filepath.Join(dir, "content", part, "_index.md"), "title: ", "title: Gewijzigd ")
		}, nil},
		{"de titel van de site", func(t testing.TB, dir string) {
			edit(t, filepath.Join(dir, "prestatie.yaml"), "title: ", "title: Nieuw ")
		}, nil},
		{"een overeenkomst weg", func(t testing.TB, dir string) {
			os.RemoveAll(filepath.Join(dir, "content", ids[len(ids)-1]))
		}, nil},
	}
	for _, c := range changes {
		t.Run("preview/"+c.name, func(t *testing.T) {
			t.Parallel()
			src := copyDir(t, gen)
			var cache MemCache
			render := func(cache *MemCache) map[string][]byte {
				out, _, ds, err := Render(os.DirFS(src), Options{Source: src, Cache: cache, NoPDF: true}, "")
				if err != nil || ds.HasErrors() {
					t.Fatal(err, ds)
				}
				return files(out.Files)
			}
			render(&cache)
			c.edit(t, src)
			sameTree(t, render(&cache), render(nil))
		})
		t.Run(c.name, func(t *testing.T) {
			t.Parallel()
			src := copyDir(t, gen)
			dest := filepath.Join(t.TempDir(), "public")
			opt := Options{Source: src, Dest: dest, NoPDF: true}
			buildOK(t, opt)
			before := map[string]uint64{}
			for _, id := range ids {
				before[id] = inode(t, filepath.Join(dest, id, "index.html"))
			}
			c.edit(t, src)
			warmSum, warm, err := Build(opt)
			if err != nil || warm.HasErrors() {
				t.Fatalf("build: %v\n%v", err, warm)
			}
			cold := filepath.Join(t.TempDir(), "public")
			coldSum, want, err := Build(Options{Source: src, Dest: cold, NoPDF: true, NoCache: true})
			if err != nil || want.HasErrors() {
				t.Fatalf("build: %v\n%v", err, want)
			}
			if warmSum.Files != coldSum.Files || warmSum.Pages != coldSum.Pages {
				t.Errorf("the incremental build counted %d files, %d pages; a cold one %d, %d", warmSum.Files, warmSum.Pages, coldSum.Files, coldSum.Pages)
			}
			sameTree(t, readTree(t, dest), readTree(t, cold))
			// The models taken from the cache bring their warnings.
			if warm.Error() != want.Error() || len(want) == 0 {
				t.Errorf("diagnostics of the incremental build:\n%v\nof a cold one:\n%v", warm, want)
			}
			if models, _ := os.ReadDir(filepath.Join(CacheDir(dest), modelsDir)); len(models) != len(agreementIDs(t, src)) {
				t.Errorf("%d models kept for %d agreements", len(models), len(agreementIDs(t, src)))
			}
			// Every entry keeps its pages' search text: the next build
			// does not read them again (and gives the same index, above).
			entries, _ := filepath.Glob(filepath.Join(CacheDir(dest), "entries", "*"))
			if len(entries) == 0 {
				t.Error("no cache entries")
			}
			for _, e := range entries {
				if _, err := os.Stat(filepath.Join(e, searchData)); err != nil {
					t.Errorf("an entry without its search text: %v", err)
				}
			}
			for _, id := range ids {
				p := filepath.Join(dest, id, "index.html")
				if _, err := os.Stat(p); err != nil {
					continue // removed
				}
				again := c.touched == nil || slices.Contains(c.touched, id)
				if reused := inode(t, p) == before[id]; reused == again {
					t.Errorf("%s: rendered again %t, want %t", id, !reused, again)
				}
			}
		})
	}
}

func agreementIDs(t testing.TB, dir string) []string {
	t.Helper()
	es, err := os.ReadDir(filepath.Join(dir, "content"))
	if err != nil {
		t.Fatal(err)
	}
	var ids []string
	for _, e := range es {
		ids = append(ids, e.Name())
	}
	return ids
}

// TestIncrementalWithPDF: on the default site with its PDF, a changed
// afspraak gives the same output as a cold build, and an unchanged site
// takes every file of the agreement, its PDF included, from the cache.
func TestIncrementalWithPDF(t *testing.T) {
	t.Parallel()
	src := copySite(t)
	dest := filepath.Join(t.TempDir(), "public")
	opt := Options{Source: src, Dest: dest}
	buildOK(t, opt)
	pdf := filepath.Join(dest, "alphen-chaam-2023-2024", "alphen-chaam-2023-2024.pdf")
	first := inode(t, pdf)
	buildOK(t, opt)
	if inode(t, pdf) != first {
		t.Error("an unchanged site rendered its PDF again")
	}
	edit(t, filepath.Join(src, "content", "alphen-chaam-2023-2024", "beschikbaarheid", "nieuwbouw.md"), "title: Nieuwbouw", "title: Nieuwbouw en meer")
	buildOK(t, opt)
	if inode(t, pdf) == first {
		t.Error("a changed agreement kept its old PDF")
	}
	cold := filepath.Join(t.TempDir(), "public")
	buildOK(t, Options{Source: src, Dest: cold, NoCache: true})
	sameTree(t, readTree(t, dest), readTree(t, cold))
}

// TestCacheNotTrustedAfterEdit: a published file changed in place (the
// same inode as the cached copy) is not reused: the next build makes it
// again, and the output is a cold build's.
func TestCacheNotTrustedAfterEdit(t *testing.T) {
	t.Parallel()
	src := copySite(t)
	dest := filepath.Join(t.TempDir(), "public")
	opt := Options{Source: src, Dest: dest, NoPDF: true}
	buildOK(t, opt)
	page := filepath.Join(dest, "alphen-chaam-2023-2024", "index.html")
	want, _ := os.ReadFile(page)
	f, err := os.OpenFile(page, os.O_APPEND|os.O_WRONLY, 0)
	if err != nil {
		t.Fatal(err)
	}
	f.WriteString("<!-- hand edit -->")
	f.Close()
	buildOK(t, opt)
	if got, _ := os.ReadFile(page); !bytes.Equal(got, want) {
		t.Error("a page edited in the output was taken from the cache as it was edited")
	}
}

// TestCacheBesideOutput: the cache is the folder beside the output named
// after it, and a build without the cache neither reads nor writes it.
func TestCacheBesideOutput(t *testing.T) {
	t.Parallel()
	src := copySite(t)
	parent := t.TempDir()
	dest := filepath.Join(parent, "public")
	buildOK(t, Options{Source: src, Dest: dest, NoPDF: true, NoCache: true})
	if _, err := os.Stat(CacheDir(dest)); err == nil {
		t.Error("--no-cache made a cache")
	}
	buildOK(t, Options{Source: src, Dest: dest, NoPDF: true})
	es, _ := os.ReadDir(parent)
	var names []string
	for _, e := range es {
		names = append(names, e.Name())
	}
	slices.Sort(names)
	if want := []string{".public.cache", ".public.lock", "public"}; !slices.Equal(names, want) {
		t.Errorf("beside the output: %v, want %v", names, want)
	}
}

// TestMemCacheEqualsRender: Render with a MemCache (the preview) gives
// the files of a plain Render after a change, PDFs included.
func TestMemCacheEqualsRender(t *testing.T) {
	t.Parallel()
	src := copySite(t)
	var c MemCache
	render := func(cache *MemCache) map[string][]byte {
		out, _, ds, err := Render(os.DirFS(src), Options{Source: src, Cache: cache}, "")
		if err != nil || ds.HasErrors() {
			t.Fatal(err, ds)
		}
		return files(out.Files)
	}
	// The preview's way: the pages first, the PDFs after them.
	late := func(cache *MemCache) map[string][]byte {
		var pdfs func() ([]site.File, error)
		out, _, ds, err := Render(os.DirFS(src), Options{Source: src, Cache: cache, LatePDF: func(f func() ([]site.File, error)) { pdfs = f }}, "")
		if err != nil || ds.HasErrors() {
			t.Fatal(err, ds)
		}
		fs, err := pdfs()
		if err != nil {
			t.Fatal(err)
		}
		return files(append(out.Files, fs...))
	}
	render(&c)
	late(&c)
	edit(t, filepath.Join(src, "content", "alphen-chaam-2023-2024", "beschikbaarheid", "nieuwbouw.md"), "title: Nieuwbouw", "title: Nieuwbouw en meer")
	want := render(nil)
	sameTree(t, render(&c), want)
	sameTree(t, render(&c), want) // all from the cache
	sameTree(t, late(&c), late(nil))
	sameTree(t, late(&c), late(nil))
}

func files(fs []site.File) map[string][]byte {
	m := map[string][]byte{}
	for _, f := range fs {
		m[f.Path] = f.Data
	}
	return m
}

// TestSiteFeedKeepsNewest: the site feed of a large site keeps its newest
// entries only; an agreement's own feed keeps all of its entries.
func TestSiteFeedKeepsNewest(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	if err := corpus.Write(dir, 5); err != nil {
		t.Fatal(err)
	}
	out, s, ds, err := Render(os.DirFS(dir), Options{Source: dir, NoPDF: true}, "")
	if err != nil || ds.HasErrors() {
		t.Fatal(err, ds)
	}
	fs := files(out.Files)
	total := 0
	for _, ag := range s.Agreements {
		total += bytes.Count(fs[ag.ID+"/feed.xml"], []byte("<entry>"))
	}
	if got := bytes.Count(fs["feed.xml"], []byte("<entry>")); total <= 200 || got != 200 {
		t.Errorf("site feed: %d entries of %d, want the newest 200", got, total)
	}
}
