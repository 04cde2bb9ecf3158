package build

import (
	"io/fs"
	"os"
	"path/filepath"
	"strconv"
	"testing"
	"time"

	"github.com/prestatie/prestatie/internal/cache"
	"github.com/prestatie/prestatie/internal/corpus"
)

// TestFolderMemo: a folder whose files have the sizes and times they had
// is not hashed again (its hash comes from the memo), a folder changed just
// now is not memoised, and a changed folder is hashed and built again.
func TestFolderMemo(t *testing.T) {
	t.Parallel()
	src := t.TempDir()
	if err := corpus.Write(src, 2); err != nil {
		t.Fatal(err)
	}
	ids := agreementIDs(t, src)
	old := time.Now().Add(-time.Hour)
	filepath.WalkDir(filepath.Join(src, "content"), func(p string, d fs.DirEntry, err error) error {
		return os.Chtimes(p, old, old)
	})
	dest := filepath.Join(t.TempDir(), "public")
	opt := Options{Source: src, Dest: dest, NoPDF: true}
	buildOK(t, opt)
	memo := readFolderMemo(dest, src)
	if len(memo) != 2 {
		t.Fatalf("memo of %d folders, want 2", len(memo))
	}
	page := func(id string) string { return filepath.Join(dest, id, "index.html") }
	first := []uint64{inode(t, page(ids[0])), inode(t, page(ids[1]))}
	// A memo that says another hash for an unchanged stamp is believed:
	// the folder is not hashed, so its agreement gets another key.
	m := memo["content/"+ids[0]]
	m.Key = cache.Key{}
	memo["content/"+ids[0]] = m
	b, _ := cache.Encode(&folderMemo{Source: src, Folders: memo})
	os.WriteFile(filepath.Join(CacheDir(dest), folderMemoFile), b, 0o644)
	buildOK(t, opt)
	if inode(t, page(ids[0])) == first[0] || inode(t, page(ids[1])) != first[1] {
		t.Error("the memo of an unchanged folder was not used")
	}
	// A folder changed now is hashed (and built) again, and not memoised.
	edit(t, filepath.Join(src, "content", ids[1], "beschikbaarheid", "nieuwbouw.md"), "title: Nieuwbouw", "title: Nieuwbouw en meer")
	buildOK(t, opt)
	if inode(t, page(ids[1])) == first[1] {
		t.Error("a changed folder was not built again")
	}
	if _, ok := readFolderMemo(dest, src)["content/"+ids[1]]; ok {
		t.Error("a folder changed just now was memoised")
	}
}

func TestNewest(t *testing.T) {
	st := strconv.Quote("content/a b") + " 12 300 -rw-r--r--\n" + strconv.Quote("content/c") + " 1 200 drwxr-xr-x\n"
	if got := newest(st); got != 300 {
		t.Errorf("newest = %d", got)
	}
	if newest("rommel\n") < 1<<62 {
		t.Error("an unreadable stamp is not the newest")
	}
}

// TestDamagedCache: models, manifests, search text and the memo of folder
// hashes that cannot be read (cut short by a full disk, say) are not used:
// the build reads, renders or indexes those agreements again, and its
// output is a cold build's.
func TestDamagedCache(t *testing.T) {
	t.Parallel()
	for _, pat := range []string{modelsDir + "/*", "entries/*/.manifest", "entries/*/" + searchData, folderMemoFile} {
		t.Run(filepath.Base(pat), func(t *testing.T) {
			t.Parallel()
			src := t.TempDir()
			if err := corpus.Write(src, 2); err != nil {
				t.Fatal(err)
			}
			old := time.Now().Add(-time.Hour) // so that the folders are memoised
			filepath.WalkDir(filepath.Join(src, "content"), func(p string, d fs.DirEntry, err error) error {
				return os.Chtimes(p, old, old)
			})
			dest := filepath.Join(t.TempDir(), "public")
			opt := Options{Source: src, Dest: dest, NoPDF: true}
			buildOK(t, opt)
			files, _ := filepath.Glob(filepath.Join(CacheDir(dest), pat))
			if len(files) == 0 {
				t.Fatalf("no %s in the cache", pat)
			}
			for _, f := range files {
				b, _ := os.ReadFile(f)
				os.WriteFile(f, b[:len(b)/2], 0o644)
			}
			ids := agreementIDs(t, src)
			edit(t, filepath.Join(src, "content", ids[0], "beschikbaarheid", "nieuwbouw.md"), "title: Nieuwbouw", "title: Nieuwbouw en meer")
			buildOK(t, opt)
			cold := filepath.Join(t.TempDir(), "public")
			buildOK(t, Options{Source: src, Dest: cold, NoPDF: true, NoCache: true})
			sameTree(t, readTree(t, dest), readTree(t, cold))
		})
	}
}

// TestModelsOfFailedBuild: a build that fails on its content keeps the
// models it read (the one with errors too, with its errors), so the build
// after the fix reads only the fixed folder; it gives what a cold build
// gives, and the failing one gives its errors again from the cache.
func TestModelsOfFailedBuild(t *testing.T) {
	t.Parallel()
	src := t.TempDir()
	if err := corpus.Write(src, 2); err != nil {
		t.Fatal(err)
	}
	ids := agreementIDs(t, src)
	file := filepath.Join(src, "content", ids[0], "beschikbaarheid", "nieuwbouw.md")
	good, _ := os.ReadFile(file)
	edit(t, file, "order: ", "order: x")
	dest := filepath.Join(t.TempDir(), "public")
	opt := Options{Source: src, Dest: dest, NoPDF: true}
	_, first, err := Build(opt)
	if err != nil || !first.HasErrors() {
		t.Fatalf("a broken agreement built: %v %v", err, first)
	}
	if models, _ := os.ReadDir(filepath.Join(CacheDir(dest), modelsDir)); len(models) != 2 {
		t.Fatalf("%d models kept after a failed build, want 2", len(models))
	}
	if _, again, _ := Build(opt); again.Error() != first.Error() {
		t.Errorf("errors from the cache:\n%v\nwant:\n%v", again, first)
	}
	os.WriteFile(file, good, 0o644)
	buildOK(t, opt)
	cold := filepath.Join(t.TempDir(), "public")
	buildOK(t, Options{Source: src, Dest: cold, NoPDF: true, NoCache: true})
	sameTree(t, readTree(t, dest), readTree(t, cold))
}
