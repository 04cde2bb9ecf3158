package cache

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"github.com/prestatie/prestatie/internal/parallel"
)

// Dir is a cache on disk beside one output folder: entries/<key>/ holds
// the manifest of the files and folders a build published for that key
// (their paths and what the file system says of them: size, time, inode)
// and data the build made beside them (Put). The files themselves are
// not copied nor linked: they stay in the output, where an unchanged
// agreement's folder is left as it is by the next build. A file or folder
// of the output that was changed, added to or replaced no longer matches
// the manifest, so the entry is not used.
//
// A Dir belongs to one output folder and is only used while that folder's
// lock is held (internal/build), so one build at a time writes to it.
type Dir struct {
	root string
}

const (
	entriesDir   = "entries"
	manifestFile = ".manifest"
	tmpPrefix    = ".tmp-"
)

// Entry is one file or folder of an entry, as it was published.
type Entry struct {
	Path    string // slash-separated, below the output folder
	Dir     bool
	Size    int64
	ModTime int64 // nanoseconds since 1970
	Ino     uint64
}

// Stat is the Entry of the file or folder at p (below out) as it is.
func Stat(out, p string) (Entry, error) {
	st, err := os.Lstat(filepath.Join(out, filepath.FromSlash(p)))
	if err != nil {
		return Entry{}, err
	}
	return EntryOf(p, st), nil
}

// EntryOf is the Entry of a file or folder at p with the information st.
func EntryOf(p string, st fs.FileInfo) Entry {
	e := Entry{Path: p, Dir: st.IsDir(), ModTime: st.ModTime().UnixNano(), Ino: Inode(st)}
	if !e.Dir {
		e.Size = st.Size()
	}
	return e
}

// same reports whether st is what e says, also in kind.
func (e Entry) same(st fs.FileInfo) bool {
	if e.Dir != st.IsDir() || (!e.Dir && !st.Mode().IsRegular()) {
		return false
	}
	return EntryOf(e.Path, st) == e
}

// OpenDir opens (and makes) the cache in root, removing what a build that
// was killed while storing left behind.
func OpenDir(root string) (*Dir, error) {
	d := &Dir{root: root}
	if err := os.MkdirAll(filepath.Join(root, entriesDir), 0o755); err != nil {
		return nil, err
	}
	names, err := os.ReadDir(filepath.Join(root, entriesDir))
	if err != nil {
		return nil, err
	}
	for _, n := range names {
		if strings.HasPrefix(n.Name(), tmpPrefix) {
			os.RemoveAll(filepath.Join(root, entriesDir, n.Name()))
		}
	}
	return d, nil
}

func (d *Dir) entry(k Key) string { return filepath.Join(d.root, entriesDir, k.String()) }

// Lookup returns the files and folders of entry k when it is stored and
// every one of them is in out as it was published.
func (d *Dir) Lookup(k Key, out string) ([]Entry, bool) {
	b, err := os.ReadFile(filepath.Join(d.entry(k), manifestFile))
	if err != nil {
		return nil, false
	}
	var es []Entry
	if Decode(b, &es) != nil || len(es) == 0 {
		return nil, false
	}
	for _, e := range es {
		st, err := os.Lstat(filepath.Join(out, filepath.FromSlash(e.Path)))
		if err != nil || !e.same(st) {
			return nil, false
		}
	}
	return es, true
}

// LookupAll looks up several entries at once, side by side (each is a
// stat of every file it lists): found[i] is Lookup(keys[i], out).
func (d *Dir) LookupAll(keys []Key, out string) (found [][]Entry) {
	found = make([][]Entry, len(keys))
	parallel.For(len(keys), func(i int) { found[i], _ = d.Lookup(keys[i], out) })
	return found
}

// Writer stores one entry.
type Writer struct {
	d   *Dir
	k   Key
	tmp string
	es  []Entry
}

// Begin starts storing entry k.
func (d *Dir) Begin(k Key) (*Writer, error) {
	tmp, err := os.MkdirTemp(filepath.Join(d.root, entriesDir), tmpPrefix+k.String()[:16]+"-")
	if err != nil {
		return nil, err
	}
	return &Writer{d: d, k: k, tmp: tmp}, nil
}

// Add lists published files and folders in the entry.
func (w *Writer) Add(es ...Entry) { w.es = append(w.es, es...) }

// Put stores data the build made beside the files, such as the search
// text of the entry's pages, under name: a file name starting with "."
// (the output has no such path below an agreement's folder), not listed
// in the manifest. Read returns it. Data that could not be stored does not
// fail the entry: its reader makes it again.
func (w *Writer) Put(name string, data []byte) error {
	if err := dataName(name); err != nil {
		return err
	}
	return os.WriteFile(filepath.Join(w.tmp, name), data, 0o644)
}

// Read returns the data stored with Put under name in entry k.
func (d *Dir) Read(k Key, name string) ([]byte, error) {
	if err := dataName(name); err != nil {
		return nil, err
	}
	return os.ReadFile(filepath.Join(d.entry(k), name))
}

func dataName(name string) error {
	if !strings.HasPrefix(name, ".") || strings.ContainsAny(name, `/\`) || name == manifestFile || name == "." || name == ".." {
		return fmt.Errorf("cache: %q is geen naam voor gegevens naast de bestanden", name)
	}
	return nil
}

// Commit puts the entry in place; an entry stored under the same key
// before is replaced.
func (w *Writer) Commit() error {
	b, err := Encode(&w.es)
	if err == nil {
		err = os.WriteFile(filepath.Join(w.tmp, manifestFile), b, 0o644)
	}
	if err == nil {
		final := w.d.entry(w.k)
		os.RemoveAll(final)
		err = os.Rename(w.tmp, final)
	}
	if err != nil {
		w.Abort()
	}
	return err
}

// Abort drops the entry.
func (w *Writer) Abort() { os.RemoveAll(w.tmp) }

// Keep removes every entry but those in keep: after a build the cache holds
// what its output is made of, and no more.
func (d *Dir) Keep(keep map[Key]bool) error {
	names, err := os.ReadDir(filepath.Join(d.root, entriesDir))
	if err != nil {
		return err
	}
	want := map[string]bool{}
	for k := range keep {
		want[k.String()] = true
	}
	var errs []error
	for _, n := range names {
		if !want[n.Name()] {
			errs = append(errs, os.RemoveAll(filepath.Join(d.root, entriesDir, n.Name())))
		}
	}
	return errors.Join(errs...)
}
