package build

import (
	"encoding/json"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"runtime/debug"
	"strings"
	"sync"
	"time"

	a "github.com/prestatie/prestatie/internal/agreement"
	"github.com/prestatie/prestatie/internal/cache"
	"github.com/prestatie/prestatie/internal/content"
	"github.com/prestatie/prestatie/internal/pdf"
	"github.com/prestatie/prestatie/internal/search"
)

// An incremental build: every agreement gets a key that hashes all it is
// made from, and an agreement whose key was built before takes its files
// (pages, open data, feed, chart downloads, PDF: everything below <id>/)
// from the cache instead of rendering them. The files of the whole site
// (home page, site feed, sitemap, assets) are always made again; they are
// a small part of a large site.
//
// What an agreement's files depend on, and so its key:
//   - its folder content/<id>/, every file by path and contents;
//   - what the pages of one agreement may show of the others (the family
//     links with title, municipality and period): the _index.md of every
//     agreement and the list of folders in content/;
//   - what every page shares: prestatie.yaml, the site's templates/,
//     themes/ and static/ (logos, house style), the PDF fonts it names
//     (pdf_fonts), the ECharts build, whether
//     the PDF has its hyphenation patterns;
//   - the build's options (base URL, drafts, date, PDFs) and the program
//     itself (its build info and the size and time of its executable).
//
// So a change to one afspraak, a progress entry or a rapportage re-renders
// one agreement; a change to an _index.md, a template or the config
// re-renders all of them.

// CacheDir is where Build keeps its cache for the output folder dest: beside
// it, named after it (.public.cache for public/), like the lock and the
// temporary folders a build makes there. Nothing else is written outside
// dest.
func CacheDir(dest string) string {
	dest = filepath.Clean(dest)
	return filepath.Join(filepath.Dir(dest), "."+filepath.Base(dest)+".cache")
}

// programVersion identifies the running program for the cache keys: a new
// build of prestatie never takes over files an older one made.
var programVersion = sync.OnceValue(func() string {
	var b strings.Builder
	if bi, ok := debug.ReadBuildInfo(); ok {
		b.WriteString(bi.String())
	}
	if exe, err := os.Executable(); err == nil {
		if st, err := os.Stat(exe); err == nil {
			fmt.Fprintf(&b, "\n%s %d %d", exe, st.Size(), st.ModTime().UnixNano())
		}
	}
	return b.String()
})

// keys are the cache keys of the loaded site's agreements. An agreement
// without a key (a folder that cannot be hashed, such as one with a link
// to a folder) is always rendered; with no keys at all (nil) nothing is.
func (l loaded) keys(opt Options) map[*a.Agreement]cache.Key {
	shared := cache.New()
	shared.AddString("program", programVersion())
	shared.AddString("options", fmt.Sprintf("base=%q drafts=%t date=%s pdf=%t late=%t",
		opt.BaseURL, opt.Drafts, opt.Date.UTC().Format(time.RFC3339Nano), !opt.NoPDF, opt.LatePDF != nil))
	cfg, _ := fs.ReadFile(l.fsys, content.ConfigFile)
	shared.Add(content.ConfigFile, cfg)
	// pdf_fonts may name files outside templates/, themes/ and static/.
	for _, f := range l.fonts {
		shared.Add("pdf-font:"+f.Name, f.TTF)
	}
	for _, dir := range []string{"templates", "themes", "static"} {
		if err := shared.AddTree(l.fsys, dir); err != nil {
			return nil
		}
	}
	if e := l.echarts; e != nil {
		shared.Add("echarts", e.Script)
		shared.Add("echarts-license", e.License)
		shared.Add("echarts-notice", e.Notice)
	} else if l.noECharts != nil {
		shared.AddString("no-echarts", l.noECharts.Error())
	}
	// The PDF's hyphenation patterns are built in (the program) or read
	// from node_modules at run time, or missing.
	if err := pdf.Hyphenation(); err != nil {
		shared.AddString("hyphenation", err.Error())
	}
	entries, err := fs.ReadDir(l.fsys, "content")
	if err != nil {
		return nil
	}
	for _, e := range entries {
		index, _ := fs.ReadFile(l.fsys, "content/"+e.Name()+"/_index.md")
		shared.Add("content/"+e.Name(), index)
	}
	sk := shared.Key()
	keys := map[*a.Agreement]cache.Key{}
	for _, ag := range l.site.Agreements {
		fk, ok := l.folderKey(opt.Cache, ag.ID)
		if !ok {
			continue
		}
		h := cache.New()
		h.AddKey("shared", sk)
		h.AddKey("folder", fk)
		keys[ag] = h.Key()
	}
	return keys
}

// owner is the agreement whose files include the output path p: the one
// whose folder p is in.
func owner(byID map[string]*a.Agreement, p string) *a.Agreement {
	id, _, ok := strings.Cut(p, "/")
	if !ok {
		return nil
	}
	return byID[id]
}

// diskCache is the cache of one Build, on disk beside the output, used
// while the output's lock is held.
type diskCache struct {
	dir     *cache.Dir
	keys    map[*a.Agreement]cache.Key
	byID    map[string]*a.Agreement        // rendered agreements with a key
	hits    map[*a.Agreement][]cache.Entry // reused agreements
	writers map[*a.Agreement]*cache.Writer // rendered agreements, being stored
	// docs is the search text of the rendered agreements' pages, kept in
	// their entries (searchData) so that a later build does not read
	// and parse those pages again.
	docs map[*a.Agreement]map[string]search.Doc
	mu   sync.Mutex
}

// searchData names the search text of an entry's pages in the entry: the
// search.Doc of each page by its path, as JSON.
const searchData = ".search.json"

// openCache opens the cache of dest and looks up every agreement. A cache
// that cannot be opened is not used: the build is then a cold one.
func openCache(dest string, keys map[*a.Agreement]cache.Key) *diskCache {
	if keys == nil {
		return nil
	}
	dir, err := cache.OpenDir(CacheDir(dest))
	if err != nil {
		return nil
	}
	c := &diskCache{dir: dir, keys: keys, byID: map[string]*a.Agreement{},
		hits: map[*a.Agreement][]cache.Entry{}, writers: map[*a.Agreement]*cache.Writer{},
		docs: map[*a.Agreement]map[string]search.Doc{}}
	for ag, k := range keys {
		if es, ok := dir.Lookup(k); ok {
			c.hits[ag] = es
		} else {
			c.byID[ag.ID] = ag
		}
	}
	return c
}

// reused tells site.Render and the PDFs which agreements come from the
// cache.
func (c *diskCache) reused(ag *a.Agreement) bool {
	if c == nil {
		return false
	}
	_, ok := c.hits[ag]
	return ok
}

// reuser tells site.Render and the PDFs which agreements come from a
// cache, and hands the search index the pages of those (it is made from
// the pages' text). The zero reuser reuses nothing.
type reuser struct {
	reused func(*a.Agreement) bool
	file   func(path string) ([]byte, error)
	// doc and indexed keep the pages' search text (the preview's cache).
	doc     func(path string) (search.Doc, bool)
	indexed func(path string, d search.Doc)
}

// reuser is what the build reuses from the cache on disk.
func (c *diskCache) reuser() reuser {
	if c == nil {
		return reuser{}
	}
	byID := map[string]*a.Agreement{}
	hitDocs := map[*a.Agreement]func() map[string]search.Doc{}
	for ag := range c.hits {
		byID[ag.ID] = ag
		hitDocs[ag] = sync.OnceValue(func() map[string]search.Doc {
			var ds map[string]search.Doc
			if b, err := c.dir.Read(c.keys[ag], searchData); err == nil {
				json.Unmarshal(b, &ds) // none: the pages are read
			}
			return ds
		})
	}
	return reuser{reused: c.reused, file: func(p string) ([]byte, error) {
		ag := owner(byID, p)
		if ag == nil {
			return nil, fmt.Errorf("%s: geen bestand van de cache", p)
		}
		return os.ReadFile(c.dir.File(c.keys[ag], p))
	}, doc: func(p string) (search.Doc, bool) {
		ag := owner(byID, p)
		if ag == nil {
			return search.Doc{}, false
		}
		d, ok := hitDocs[ag]()[p]
		return d, ok
	}, indexed: func(p string, d search.Doc) {
		if ag := owner(c.byID, p); ag != nil {
			c.mu.Lock()
			if c.docs[ag] == nil {
				c.docs[ag] = map[string]search.Doc{}
			}
			c.docs[ag][p] = d
			c.mu.Unlock()
		}
	}}
}

// replay links the files of the reused agreements into the new output.
func (c *diskCache) replay(w *tree) (files, pages int, err error) {
	if c == nil {
		return 0, 0, nil
	}
	for ag, es := range c.hits {
		for _, e := range es {
			if err := w.link(e.Path, c.dir.File(c.keys[ag], e.Path)); err != nil {
				return 0, 0, err
			}
			files++
			if strings.HasSuffix(e.Path, "/index.html") {
				pages++
			}
		}
	}
	return files, pages, nil
}

// store keeps a file just written to the new output, when it belongs to a
// rendered agreement with a key.
func (c *diskCache) store(w *tree, p string) error {
	if c == nil {
		return nil
	}
	ag := owner(c.byID, p)
	if ag == nil {
		return nil
	}
	c.mu.Lock()
	wr := c.writers[ag]
	if wr == nil {
		var err error
		if wr, err = c.dir.Begin(c.keys[ag]); err != nil {
			c.mu.Unlock()
			return nil // not stored: the next build renders it again
		}
		c.writers[ag] = wr
	}
	c.mu.Unlock()
	wr.Add(p, w.path(p)) // a file not stored fails the entry (Commit)
	return nil
}

// commit puts the stored entries in place and drops the entries this build
// did not use. Failures only cost the next build time.
func (c *diskCache) commit(ok bool) {
	if c == nil {
		return
	}
	for ag, wr := range c.writers {
		if ok {
			if ds := c.docs[ag]; ds != nil {
				if b, err := json.Marshal(ds); err == nil {
					wr.Put(searchData, b) // not stored: its pages are read again
				}
			}
			wr.Commit()
		} else {
			wr.Abort()
		}
	}
	if !ok {
		return
	}
	keep := map[cache.Key]bool{}
	for _, k := range c.keys {
		keep[k] = true
	}
	c.dir.Keep(keep)
}

// stamp lists the path, size, mode and time of every file below dir: a
// file saved again has a new time, so a changed folder has a new stamp. It
// walks the folder as it is on disk (raw; resolving every name through the
// site's guard against links was most of its cost) and follows a link to a
// file through the guard (fsys); a link to a folder gives no stamp, so the
// agreement is read and rendered every time.
func stamp(raw, fsys fs.FS, dir string) (string, bool) {
	if rl, ok := raw.(fs.ReadLinkFS); ok {
		if st, err := rl.Lstat(dir); err != nil || st.Mode()&fs.ModeSymlink != 0 {
			return "", false // a linked agreement folder: not walked unguarded
		}
	}
	var b strings.Builder
	err := fs.WalkDir(raw, dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		var st fs.FileInfo
		if d.Type()&fs.ModeSymlink != 0 {
			if st, err = fs.Stat(fsys, p); err == nil && st.IsDir() {
				err = fs.ErrInvalid
			}
		} else {
			st, err = d.Info()
		}
		if err != nil {
			return err
		}
		fmt.Fprintf(&b, "%q %d %d %v\n", p, st.Size(), st.ModTime().UnixNano(), st.Mode())
		return nil
	})
	return b.String(), err == nil
}

// stampFolders stamps every folder in content/, before it is read.
func stampFolders(raw, fsys fs.FS) map[string]string {
	stamps := map[string]string{}
	entries, _ := fs.ReadDir(fsys, "content")
	for _, e := range entries {
		if e.IsDir() {
			dir := "content/" + e.Name()
			if st, ok := stamp(raw, fsys, dir); ok {
				stamps[dir] = st
			}
		}
	}
	return stamps
}

// folderKey is the hash of the files of an agreement's folder, computed
// once per version of the folder when there is a MemCache.
//
// A folder changed after it was stamped, while it was read or hashed, has
// no key: what was read may not be what was hashed.
func (l loaded) folderKey(c *MemCache, id string) (cache.Key, bool) {
	dir := "content/" + id
	before, ok := l.stamps[dir]
	if !ok {
		return cache.Key{}, false
	}
	var f *folder
	if c != nil {
		c.mu.Lock()
		f = c.read[dir]
		c.mu.Unlock()
		if f != nil && f.key != nil {
			return *f.key, true
		}
	}
	h := cache.New()
	if err := h.AddTree(l.fsys, dir); err != nil {
		return cache.Key{}, false
	}
	if after, ok := stamp(l.raw, l.fsys, dir); !ok || after != before {
		return cache.Key{}, false
	}
	k := h.Key()
	if f != nil && f.stamp == before {
		c.mu.Lock()
		f.key = &k
		c.mu.Unlock()
	}
	return k, true
}
