package cache

import (
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"sync"
)

// Dir is a cache on disk: entries/<key>/ holds the files of one entry as
// hard links to the files the build published (no second copy on disk)
// and a manifest of their sizes and modification times. A file of the
// output changed in place (the same inode) no longer matches its manifest,
// so the entry is not used.
//
// A Dir belongs to one output folder and is only used while that folder's
// lock is held (internal/build), so one build at a time writes to it.
type Dir struct {
	root string
}

const (
	entriesDir   = "entries"
	manifestFile = ".manifest.json"
	tmpPrefix    = ".tmp-"
)

// Entry is one file of an entry, as it was stored.
type Entry struct {
	Path    string `json:"path"` // slash-separated, below the output folder
	Size    int64  `json:"size"`
	ModTime int64  `json:"mtime"` // nanoseconds since 1970
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

// File is where the stored file p of entry k is.
func (d *Dir) File(k Key, p string) string {
	return filepath.Join(d.entry(k), filepath.FromSlash(p))
}

// Lookup returns the files of entry k when it is stored and every file is
// still as it was stored.
func (d *Dir) Lookup(k Key) ([]Entry, bool) {
	b, err := os.ReadFile(filepath.Join(d.entry(k), manifestFile))
	if err != nil {
		return nil, false
	}
	var es []Entry
	if json.Unmarshal(b, &es) != nil {
		return nil, false
	}
	for _, e := range es {
		st, err := os.Lstat(d.File(k, e.Path))
		if err != nil || !st.Mode().IsRegular() || st.Size() != e.Size || st.ModTime().UnixNano() != e.ModTime {
			return nil, false
		}
	}
	return es, true
}

// Writer stores the files of one entry as they are made.
type Writer struct {
	d   *Dir
	k   Key
	tmp string
	mu  sync.Mutex
	es  []Entry
	err error
}

// Begin starts storing entry k.
func (d *Dir) Begin(k Key) (*Writer, error) {
	tmp, err := os.MkdirTemp(filepath.Join(d.root, entriesDir), tmpPrefix+k.String()[:16]+"-")
	if err != nil {
		return nil, err
	}
	return &Writer{d: d, k: k, tmp: tmp}, nil
}

// Add stores the file src, just written to the output as p, by linking it
// (copying it where the file system has no hard links). It may be called
// from several goroutines.
func (w *Writer) Add(p, src string) error {
	dst := filepath.Join(w.tmp, filepath.FromSlash(p))
	if !strings.HasPrefix(dst, w.tmp+string(filepath.Separator)) {
		return fmt.Errorf("cache: pad %q valt buiten de cache", p)
	}
	err := os.MkdirAll(filepath.Dir(dst), 0o755)
	if err == nil {
		err = Link(src, dst)
	}
	var st fs.FileInfo
	if err == nil {
		st, err = os.Lstat(dst)
	}
	w.mu.Lock()
	defer w.mu.Unlock()
	if err != nil {
		w.err = errors.Join(w.err, err)
		return err
	}
	w.es = append(w.es, Entry{Path: p, Size: st.Size(), ModTime: st.ModTime().UnixNano()})
	return nil
}

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
	if w.err != nil {
		w.Abort()
		return w.err
	}
	b, err := json.Marshal(w.es)
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

// Link hard-links src to dst, or copies it when the file system cannot
// link (another device, no hard links). The build puts stored files into
// a new output with it.
func Link(src, dst string) error {
	err := os.Link(src, dst)
	if err == nil || errors.Is(err, fs.ErrExist) {
		return err
	}
	b, rerr := os.ReadFile(src)
	if rerr != nil {
		return rerr
	}
	return os.WriteFile(dst, b, 0o644)
}
