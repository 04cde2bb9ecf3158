package cache

import (
	"os"
	"path"
	"path/filepath"
	"testing"
	"testing/fstest"
)

// TestKeyParts: parts are framed, so moving bytes from one part to the
// next gives another key, and the same parts the same key.
func TestKeyParts(t *testing.T) {
	key := func(parts ...string) Key {
		h := New()
		for i := 0; i+1 < len(parts); i += 2 {
			h.AddString(parts[i], parts[i+1])
		}
		return h.Key()
	}
	if key("a", "bc") == key("ab", "c") || key("a", "b", "c", "") == key("a", "bc") {
		t.Error("shifted parts give the same key")
	}
	if key("a", "b") != key("a", "b") {
		t.Error("the same parts give another key")
	}
	tree := func(files fstest.MapFS) Key {
		h := New()
		if err := h.AddTree(files, "c"); err != nil {
			t.Fatal(err)
		}
		return h.Key()
	}
	one := fstest.MapFS{"c/x.md": {Data: []byte("x")}, "c/d/y.md": {Data: []byte("y")}}
	other := fstest.MapFS{"c/x.md": {Data: []byte("x")}, "c/d/y.md": {Data: []byte("z")}}
	if tree(one) == tree(other) || tree(one) != tree(one) {
		t.Error("a tree's key does not follow its files")
	}
}

// TestDir: an entry is found while the output's files and folders are as
// stored, not when a file changed in place, was replaced or is gone, or a
// folder got another file; Keep removes the others.
func TestDir(t *testing.T) {
	root := t.TempDir()
	out := t.TempDir()
	d, err := OpenDir(filepath.Join(root, "cache"))
	if err != nil {
		t.Fatal(err)
	}
	store := func(k Key, files map[string]string) {
		w, err := d.Begin(k)
		if err != nil {
			t.Fatal(err)
		}
		dirs := map[string]bool{}
		for p, text := range files {
			src := filepath.Join(out, filepath.FromSlash(p))
			os.MkdirAll(filepath.Dir(src), 0o755)
			os.WriteFile(src, []byte(text), 0o644)
			dirs[path.Dir(p)] = true
		}
		for p := range files {
			dirs[p] = true
		}
		for p := range dirs {
			e, err := Stat(out, p)
			if err != nil {
				t.Fatal(err)
			}
			w.Add(e)
		}
		if err := w.Commit(); err != nil {
			t.Fatal(err)
		}
	}
	k1, k2 := New().Key(), func() Key { h := New(); h.AddString("x", "y"); return h.Key() }()
	files := map[string]string{"a/index.html": "A", "a/b/index.html": "B"}
	store(k1, files)
	store(k2, map[string]string{"c/index.html": "C"})
	if es, ok := d.Lookup(k1, out); !ok || len(es) != 4 {
		t.Fatalf("lookup: %v %v", es, ok)
	}
	for name, change := range map[string]func(){
		"edited in place": func() {
			f, _ := os.OpenFile(filepath.Join(out, "a", "index.html"), os.O_APPEND|os.O_WRONLY, 0)
			f.WriteString("edited")
			f.Close()
		},
		"replaced": func() {
			p := filepath.Join(out, "a", "b", "index.html")
			st, _ := os.Stat(p)
			os.Remove(p)
			os.WriteFile(p, []byte("B"), 0o644)
			os.Chtimes(p, st.ModTime(), st.ModTime())
		},
		"a file added": func() { os.WriteFile(filepath.Join(out, "a", "b", "extra.html"), nil, 0o644) },
		"removed":      func() { os.Remove(filepath.Join(out, "a", "b", "index.html")) },
	} {
		os.RemoveAll(filepath.Join(out, "a"))
		store(k1, files)
		change()
		if _, ok := d.Lookup(k1, out); ok {
			t.Errorf("an entry whose output was %s was found", name)
		}
	}
	if err := d.Keep(map[Key]bool{k1: true}); err != nil {
		t.Fatal(err)
	}
	if _, ok := d.Lookup(k2, out); ok {
		t.Error("Keep left an entry it was not given")
	}
	// A build killed while storing leaves a temporary entry: the next
	// OpenDir removes it.
	if _, err := d.Begin(k2); err != nil {
		t.Fatal(err)
	}
	if _, err := OpenDir(filepath.Join(root, "cache")); err != nil {
		t.Fatal(err)
	}
	left, _ := filepath.Glob(filepath.Join(root, "cache", entriesDir, tmpPrefix+"*"))
	if len(left) > 0 {
		t.Errorf("left behind: %v", left)
	}
}

func TestDirData(t *testing.T) {
	d, err := OpenDir(filepath.Join(t.TempDir(), "cache"))
	if err != nil {
		t.Fatal(err)
	}
	k := New().Key()
	w, err := d.Begin(k)
	if err != nil {
		t.Fatal(err)
	}
	for _, bad := range []string{"search.json", ".a/b", manifestFile, ".."} {
		if w.Put(bad, nil) == nil {
			t.Errorf("Put(%q) was allowed", bad)
		}
	}
	if err := w.Put(".search.json", []byte("{}")); err != nil {
		t.Fatal(err)
	}
	if err := w.Commit(); err != nil {
		t.Fatal(err)
	}
	if b, err := d.Read(k, ".search.json"); err != nil || string(b) != "{}" {
		t.Errorf("Read: %q %v", b, err)
	}
	if _, ok := d.Lookup(k, t.TempDir()); ok {
		t.Error("an entry without files was found")
	}
}
