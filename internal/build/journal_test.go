package build

import (
	"os"
	"path/filepath"
	"testing"
)

// TestRollback kills (in effect) a publish of changed entries after each
// of its moves, with and without the exchange: the next build's recovery
// puts the previous output back whole, entries taken out (an agreement
// removed) and put in (a new one) included, removes the temporary
// folders, and leaves a file that someone else put beside the output.
func TestRollback(t *testing.T) {
	t.Parallel()
	for _, fallback := range []bool{false, true} {
		for k := 0; k <= 4; k++ {
			parent := t.TempDir()
			dest := filepath.Join(parent, "public")
			write := func(root string, files map[string]string) {
				for p, text := range files {
					os.MkdirAll(filepath.Dir(filepath.Join(root, p)), 0o755)
					if err := os.WriteFile(filepath.Join(root, p), []byte(text), 0o644); err != nil {
						t.Fatal(err)
					}
				}
			}
			write(dest, map[string]string{"index.html": "oud", "a/index.html": "a oud", "b/index.html": "b", "weg/index.html": "weg", MarkerFile: markerText})
			before := treeHash(t, dest)
			tmp, _ := os.MkdirTemp(parent, tempPrefix("public", "new"))
			aside, _ := os.MkdirTemp(parent, tempPrefix("public", "old"))
			write(tmp, map[string]string{"index.html": "nieuw", "a/index.html": "a nieuw", "nieuw/index.html": "nieuw"})
			j := journal{Staging: filepath.Base(tmp), Aside: filepath.Base(aside)}
			if err := j.plan(tmp, dest, map[string]bool{"b": true, MarkerFile: true}); err != nil {
				t.Fatal(err)
			}
			if len(j.Entries) != 4 { // a, index.html, nieuw; weg out
				t.Fatalf("plan: %+v", j.Entries)
			}
			if err := writeJournal(parent, "public", j); err != nil {
				t.Fatal(err)
			}
			part := j
			part.Entries = j.Entries[:k]
			if err := part.apply(tmp, dest, aside, !fallback); err != nil {
				t.Fatal(err)
			}
			os.WriteFile(filepath.Join(parent, "iemand-anders.txt"), nil, 0o644)
			Recover(dest)
			if got := treeHash(t, dest); got != before {
				t.Errorf("fallback %t, %d of 4 moved: the previous output is not back whole", fallback, k)
			}
			left, _ := filepath.Glob(filepath.Join(parent, ".public.*"))
			if len(left) != 1 || filepath.Base(left[0]) != ".public.lock" {
				t.Errorf("fallback %t, %d moved: left %v", fallback, k, left)
			}
			if _, err := os.Stat(filepath.Join(parent, "iemand-anders.txt")); err != nil {
				t.Error("recovery removed a file it did not make")
			}
		}
	}
}

// TestRollbackMovesOnlyItsOwn: a journal whose entries are no longer what
// it says (another inode in the output) moves nothing and keeps the
// folders it names.
func TestRollbackMovesOnlyItsOwn(t *testing.T) {
	t.Parallel()
	parent := t.TempDir()
	dest := filepath.Join(parent, "public")
	os.MkdirAll(filepath.Join(dest, "a"), 0o755)
	tmp := filepath.Join(parent, ".public.new-1-x")
	aside := filepath.Join(parent, ".public.old-1-x")
	os.MkdirAll(filepath.Join(tmp, "a"), 0o755)
	os.MkdirAll(aside, 0o755)
	j := journal{Staging: filepath.Base(tmp), Aside: filepath.Base(aside), Entries: []journalEntry{{Name: "a", New: 1, Old: 2}}}
	if err := writeJournal(parent, "public", j); err != nil {
		t.Fatal(err)
	}
	Recover(dest)
	for _, p := range []string{filepath.Join(dest, "a"), filepath.Join(tmp, "a"), aside, journalPath(parent, "public")} {
		if _, err := os.Stat(p); err != nil {
			t.Errorf("%s: %v", p, err)
		}
	}
}
