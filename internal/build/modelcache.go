package build

// The model cache of Build: an agreement's model as content.Load made it,
// with the diagnostics of reading and checking it, kept on disk beside the
// output under the hash of its folder's files, so that a build reads, parses
// and checks only the agreements whose files changed. Reading, parsing and
// checking 800 agreements took 4 s of CPU; decoding them takes a tenth of it.

import (
	"fmt"
	"io/fs"
	"math"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"time"

	a "github.com/prestatie/prestatie/internal/agreement"
	"github.com/prestatie/prestatie/internal/cache"
	"github.com/prestatie/prestatie/internal/diag"
	"github.com/prestatie/prestatie/internal/parallel"
)

// modelsDir holds the models in the cache folder, one file per key.
const modelsDir = "models"

// model is what is kept of one agreement folder.
type model struct {
	Agreement *a.Agreement // without its family links (content.Load makes them)
	Diags     diag.List    // of reading it
	// Checked is what checkFooters found with the PDF fonts Fonts
	// (fontsKey); nil when it has not looked.
	Checked *diag.List
	Fonts   string
}

// modelCache is the model cache of one Build.
type modelCache struct {
	dir   string
	keys  map[string]cache.Key // by folder (content/<id>): its model's key
	mu    sync.Mutex
	got   map[string]*model // by folder: reused or read now
	dirty map[string]bool   // folders whose model is to be stored
	// stamps and folderKeys are every folder's stamp and hash, for the
	// memo of the hashes (folderMemo).
	stamps     map[string]string
	folderKeys map[string]cache.Key
	source     string // the site folder, absolute
}

// openModels hashes every agreement folder that has a stamp and opens the
// models of dest's cache. A folder that changed while it was hashed has no
// key, and is read (and not stored).
func openModels(dest string, fsys, raw fs.FS, stamps map[string]string, opt Options, prefix string) (*modelCache, map[string]cache.Key) {
	base := cache.New()
	base.AddString("program", programVersion())
	base.AddString("options", fmt.Sprintf("drafts=%t prefix=%q", opt.Drafts, prefix))
	bk := base.Key()
	c := &modelCache{dir: filepath.Join(CacheDir(dest), modelsDir), keys: map[string]cache.Key{},
		got: map[string]*model{}, dirty: map[string]bool{}, stamps: stamps}
	folderKeys := map[string]cache.Key{}
	c.folderKeys = folderKeys
	var dirs []string
	for dir := range stamps {
		dirs = append(dirs, dir)
	}
	c.source, _ = filepath.Abs(opt.Source)
	memo := readFolderMemo(dest, c.source)
	fks := make([]*cache.Key, len(dirs))
	parallel.For(len(dirs), func(i int) {
		if m, ok := memo[dirs[i]]; ok && m.Stamp == stamps[dirs[i]] {
			fks[i] = &m.Key
		} else if k, ok := hashFolder(raw, fsys, dirs[i], stamps[dirs[i]]); ok {
			fks[i] = &k
		}
	})
	for i, dir := range dirs {
		if fks[i] == nil {
			continue
		}
		folderKeys[dir] = *fks[i]
		h := cache.New()
		h.AddKey("base", bk)
		h.AddKey("folder", *fks[i])
		c.keys[dir] = h.Key()
	}
	return c, folderKeys
}

func (c *modelCache) file(k cache.Key) string { return filepath.Join(c.dir, k.String()) }

// reuse is content.Options.Reuse: the stored model of dir's files.
func (c *modelCache) reuse(dir string) (*a.Agreement, diag.List, bool) {
	k, ok := c.keys[dir]
	if !ok {
		return nil, nil, false
	}
	b, err := os.ReadFile(c.file(k))
	if err != nil {
		return nil, nil, false
	}
	m := new(model)
	if cache.Decode(b, m) != nil || m.Agreement == nil {
		return nil, nil, false
	}
	c.mu.Lock()
	c.got[dir] = m
	c.mu.Unlock()
	return m.Agreement, m.Diags, true
}

// read is content.Options.Read: dir was read now.
func (c *modelCache) read(dir string, ag *a.Agreement, ds diag.List) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.got[dir] = &model{Agreement: ag, Diags: ds}
	c.dirty[dir] = true
}

// unread drops the folders that changed while they were read: what was
// read may not be what was hashed.
func (c *modelCache) unread(fsys, raw fs.FS, stamps map[string]string, folderKeys map[string]cache.Key) {
	if c == nil {
		return
	}
	for dir := range c.dirty {
		if st, ok := stamp(raw, fsys, dir); !ok || st != stamps[dir] {
			delete(c.keys, dir)
			delete(folderKeys, dir)
		}
	}
}

// checked and setChecked keep what checkFooters found.
func (c *modelCache) checked(ag *a.Agreement, fonts string) (diag.List, bool) {
	if c == nil {
		return nil, false
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if m := c.got["content/"+ag.ID]; m != nil && m.Checked != nil && m.Fonts == fonts {
		return *m.Checked, true
	}
	return nil, false
}

func (c *modelCache) setChecked(ag *a.Agreement, fonts string, ds diag.List) {
	if c == nil {
		return
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	dir := "content/" + ag.ID
	if m := c.got[dir]; m != nil {
		m.Checked, m.Fonts = &ds, fonts
		c.dirty[dir] = true
	}
}

// store writes the models read or checked now and removes those of
// folders that are gone or changed. The caller holds the output's lock.
// Failures only cost the next build time.
//
// A build that fails on its content stores the models it read with
// clean false: without the lock, so it only adds files (each written in
// one step under a name of its own) and removes none; the next build,
// after a fix, reads only the folders that changed.
func (c *modelCache) store(clean bool) {
	if c == nil {
		return
	}
	if os.MkdirAll(c.dir, 0o755) != nil {
		return
	}
	var dirs []string
	for dir := range c.dirty {
		if _, ok := c.keys[dir]; ok && c.got[dir].Agreement != nil {
			dirs = append(dirs, dir)
		}
	}
	parallel.For(len(dirs), func(i int) {
		m := *c.got[dirs[i]]
		ag := *m.Agreement
		ag.PartOf, ag.Parts, ag.Replaces, ag.ReplacedBy = nil, nil, nil, nil
		m.Agreement = &ag
		b, err := cache.Encode(&m)
		if err != nil {
			return
		}
		writeFile(c.file(c.keys[dirs[i]]), b)
	})
	c.storeFolderMemo()
	if !clean {
		return
	}
	want := map[string]bool{}
	for _, k := range c.keys {
		want[k.String()] = true
	}
	entries, _ := os.ReadDir(c.dir)
	for _, e := range entries {
		if !want[e.Name()] {
			os.Remove(filepath.Join(c.dir, e.Name()))
		}
	}
}

// writeFile writes a file of the cache in one step, through a temporary
// file of its own beside it (another build may write the same name).
func writeFile(name string, b []byte) {
	f, err := os.CreateTemp(filepath.Dir(name), "."+filepath.Base(name)+".tmp-*")
	if err != nil {
		return
	}
	_, err = f.Write(b)
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Rename(f.Name(), name)
	}
	if err != nil {
		os.Remove(f.Name())
	}
}

// hashFolder is the hash of the files of an agreement folder, when the
// folder is as stamped before and after hashing it.
func hashFolder(raw, fsys fs.FS, dir, before string) (cache.Key, bool) {
	h := cache.New()
	if err := h.AddTree(fsys, dir); err != nil {
		return cache.Key{}, false
	}
	if after, ok := stamp(raw, fsys, dir); !ok || after != before {
		return cache.Key{}, false
	}
	return h.Key(), true
}

// folderMemo is the hash of each agreement folder with the stamp it had
// (the path, size, time and mode of every file), kept in the cache so that
// a folder whose stamp is the same is not read and hashed again: hashing
// 800 folders took 0.6 s of CPU. As git does with its index, a folder
// with a file changed less than racyWindow before the stamp was taken is
// not memoised: a second change within the file system's clock tick could
// leave size and time as they were.
//
// The memo names the site folder it is of: another site built into the
// same output may have folders with the same names, sizes and times.
type folderMemo struct {
	Source  string
	Folders map[string]memoised
}

type memoised struct {
	Stamp string
	Key   cache.Key
}

const (
	folderMemoFile = "folders"
	racyWindow     = 2 * time.Second
)

// readFolderMemo is the memo of the site folder source kept beside dest.
func readFolderMemo(dest, source string) map[string]memoised {
	var m folderMemo
	b, err := os.ReadFile(filepath.Join(CacheDir(dest), folderMemoFile))
	if err != nil || cache.Decode(b, &m) != nil || m.Source != source {
		return nil
	}
	return m.Folders
}

// storeFolderMemo keeps the hashes of this build's folders.
func (c *modelCache) storeFolderMemo() {
	m := folderMemo{Source: c.source, Folders: map[string]memoised{}}
	limit := time.Now().Add(-racyWindow).UnixNano()
	for dir, k := range c.folderKeys {
		if st := c.stamps[dir]; newest(st) < limit {
			m.Folders[dir] = memoised{st, k}
		}
	}
	if b, err := cache.Encode(&m); err == nil {
		writeFile(filepath.Join(filepath.Dir(c.dir), folderMemoFile), b)
	}
}

// newest is the latest modification time in a stamp; the largest number
// when it cannot tell.
func newest(stamp string) int64 {
	var t int64
	for line := range strings.Lines(stamp) {
		q, err := strconv.QuotedPrefix(line)
		if err != nil {
			return math.MaxInt64
		}
		f := strings.Fields(line[len(q):])
		if len(f) < 2 {
			return math.MaxInt64
		}
		mt, err := strconv.ParseInt(f[1], 10, 64)
		if err != nil {
			return math.MaxInt64
		}
		t = max(t, mt)
	}
	return t
}
