package build

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"

	a "github.com/prestatie/prestatie/internal/agreement"
	"github.com/prestatie/prestatie/internal/cache"
	"github.com/prestatie/prestatie/internal/search"
	"github.com/prestatie/prestatie/internal/spill"
)

// diskCache is the cache of one Build, on disk beside the output, used
// while the output's lock is held. An agreement whose key is as in the
// build that made the output, and whose files in the output are as that
// build left them, keeps its folder: nothing of it is rendered or moved.
type diskCache struct {
	dir  *cache.Dir
	dest string
	keys map[*a.Agreement]cache.Key
	byID map[string]*a.Agreement        // rendered agreements with a key
	hits map[*a.Agreement][]cache.Entry // kept agreements
	// docs is what the search index kept of the rendered agreements'
	// pages (search.Page), stored in their entries (searchData) so that
	// a later build neither reads and parses those pages again nor
	// counts their words. Each page's is held encoded in a temporary file
	// (spilled) until the end.
	docs    map[*a.Agreement]map[string]spill.Ref
	spilled spill.Spill
	mu      sync.Mutex
}

// searchData names what the search index kept of an entry's pages in the
// entry: the search.Page of each page by its path (cache.Encode). An
// entry of an older format (".search", the pages' text) is not read as
// this one.
const searchData = ".search-pages"

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
	c := &diskCache{dir: dir, dest: dest, keys: keys, byID: map[string]*a.Agreement{},
		hits: map[*a.Agreement][]cache.Entry{}, docs: map[*a.Agreement]map[string]spill.Ref{}}
	var ags []*a.Agreement
	var ks []cache.Key
	for ag, k := range keys {
		ags = append(ags, ag)
		ks = append(ks, k)
	}
	found := make([][]cache.Entry, len(ks))
	if cache.Inodes { // the journal tells entries apart by inode
		found = dir.LookupAll(ks, dest)
	}
	for i, es := range found {
		if ag := ags[i]; es != nil && ownsAll(ag.ID, es) {
			c.hits[ag] = es
		} else {
			c.byID[ag.ID] = ag
		}
	}
	return c
}

// ownsAll reports whether every entry lies in the agreement's folder.
func ownsAll(id string, es []cache.Entry) bool {
	for _, e := range es {
		if e.Path != id && !strings.HasPrefix(e.Path, id+"/") {
			return false
		}
	}
	return true
}

// keepIn leaves the folders of the kept agreements in the output and
// returns how many files and pages they hold.
func (c *diskCache) keepIn(w *tree) (files, pages int) {
	if c == nil {
		return 0, 0
	}
	w.track = true
	for ag, es := range c.hits {
		w.keepOld(ag.ID)
		for _, e := range es {
			if e.Dir {
				continue
			}
			files++
			if strings.HasSuffix(e.Path, "/index.html") {
				pages++
			}
		}
	}
	return files, pages
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
	// page and indexed keep what the search index kept of the pages.
	page    func(path string) (search.Page, bool)
	indexed func(path string, p search.Page)
}

// reuser is what the build reuses from the cache on disk: what the search
// index kept of the kept pages, or the pages themselves in the output.
func (c *diskCache) reuser() reuser {
	if c == nil {
		return reuser{}
	}
	byID := map[string]*a.Agreement{}
	hitDocs := map[*a.Agreement]func() map[string]search.Page{}
	for ag := range c.hits {
		byID[ag.ID] = ag
		hitDocs[ag] = sync.OnceValue(func() map[string]search.Page {
			var ds map[string]search.Page
			if b, err := c.dir.Read(c.keys[ag], searchData); err == nil {
				if cache.Decode(b, &ds) != nil {
					return nil // the pages are read
				}
			}
			return ds
		})
	}
	return reuser{reused: c.reused, file: func(p string) ([]byte, error) {
		if owner(byID, p) == nil {
			return nil, fmt.Errorf("%s: geen bestand van de cache", p)
		}
		return os.ReadFile(filepath.Join(c.dest, filepath.FromSlash(p)))
	}, page: func(p string) (search.Page, bool) {
		ag := owner(byID, p)
		if ag == nil {
			return search.Page{}, false
		}
		d, ok := hitDocs[ag]()[p]
		return d, ok
	}, indexed: func(p string, d search.Page) {
		if ag := owner(c.byID, p); ag != nil {
			b, err := cache.Encode(&d)
			if err != nil {
				return // not stored: its pages are read again
			}
			r := c.spilled.Put(b)
			c.mu.Lock()
			if c.docs[ag] == nil {
				c.docs[ag] = map[string]spill.Ref{}
			}
			c.docs[ag][p] = r
			c.mu.Unlock()
		}
	}}
}

// searchData is what the entry of ag keeps as searchData: what the search
// index kept of its pages, by path.
func (c *diskCache) searchData(ag *a.Agreement) ([]byte, error) {
	if c.docs[ag] == nil {
		return nil, errors.New("geen zoektekst")
	}
	ds := map[string]search.Page{}
	for p, r := range c.docs[ag] {
		b, err := c.spilled.Get(r)
		if err != nil {
			return nil, err
		}
		var d search.Page
		if err := cache.Decode(b, &d); err != nil {
			return nil, err
		}
		ds[p] = d
	}
	return cache.Encode(&ds)
}

// commit stores the entries of the rendered agreements, as they are in
// the new output, and drops the entries this build did not use. Failures
// only cost the next build time: an entry is trusted only while the
// output's files are as it lists them, so one stored for an output that
// was then not published is never used.
func (c *diskCache) commit(w *tree) {
	if c == nil {
		return
	}
	defer c.spilled.Close()
	tops := map[string]bool{}
	for id := range c.byID {
		tops[id] = true
	}
	all, err := w.entries(tops)
	if err != nil {
		all = nil // nothing stored: the next build renders every agreement
	}
	for id, ag := range c.byID {
		es := all[id]
		if len(es) == 0 {
			continue
		}
		wr, err := c.dir.Begin(c.keys[ag])
		if err != nil {
			continue
		}
		wr.Add(es...)
		if b, err := c.searchData(ag); err == nil {
			wr.Put(searchData, b) // not stored: its pages are read again
		}
		wr.Commit()
	}
	keep := map[cache.Key]bool{}
	for _, k := range c.keys {
		keep[k] = true
	}
	c.dir.Keep(keep)
}
