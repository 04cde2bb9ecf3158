package build

// The cache of the preview server: what each Render read and rendered, kept
// in memory for the next (see incremental.go for the keys).

import (
	"fmt"
	"slices"
	"strings"
	"sync"

	a "github.com/prestatie/prestatie/internal/agreement"
	"github.com/prestatie/prestatie/internal/cache"
	"github.com/prestatie/prestatie/internal/diag"
	"github.com/prestatie/prestatie/internal/search"
	"github.com/prestatie/prestatie/internal/site"
)

// MemCache keeps the files of each agreement in memory between the builds
// of one process (the preview server), by the same keys as Build's cache
// on disk. The zero value is ready to use.
type MemCache struct {
	files cache.Mem[[]site.File] // everything below <id>/ but the PDF when it comes late
	pdfs  cache.Mem[site.File]   // PDFs rendered after the pages (Options.LatePDF)
	// docs are what the search index kept of an agreement's pages, by
	// page.
	docs cache.Mem[map[string]search.Page]

	mu sync.Mutex
	// read are the agreement folders as the last Render read them;
	// a folder whose files have the same names, sizes and times is not
	// read (nor hashed) again.
	read map[string]*folder
}

// folder is one agreement folder (content/<id>) as it was read.
type folder struct {
	stamp string // the path, size and time of every file below it
	ag    *a.Agreement
	ds    diag.List
	key   *cache.Key // the hash of its files, once computed
	// checked holds what checkFooters found, once it has looked, with
	// the PDF fonts it looked with (fontsKey).
	checked *diag.List
	fonts   string
}

// checked is what checkFooters found in ag when it was read from the same
// files before.
func (c *MemCache) checked(ag *a.Agreement, fonts string) (diag.List, bool) {
	if c == nil {
		return nil, false
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if f := c.read["content/"+ag.ID]; f != nil && f.checked != nil && f.fonts == fonts {
		return *f.checked, true
	}
	return nil, false
}

func (c *MemCache) setChecked(ag *a.Agreement, fonts string, ds diag.List) {
	if c == nil {
		return
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if f := c.read["content/"+ag.ID]; f != nil {
		f.checked, f.fonts = &ds, fonts
	}
}

// folders hands content.Load what reuses the agreements of the last
// Render whose folders are unchanged, and records those it reads.
func (c *MemCache) folders(stamps map[string]string) (reuse func(string) (*a.Agreement, diag.List, bool), read func(string, *a.Agreement, diag.List)) {
	c.mu.Lock()
	last := c.read
	c.read = map[string]*folder{}
	c.mu.Unlock()
	reuse = func(dir string) (*a.Agreement, diag.List, bool) {
		st, ok := stamps[dir]
		if f := last[dir]; ok && f != nil && f.stamp == st {
			c.mu.Lock()
			c.read[dir] = f
			c.mu.Unlock()
			return f.ag, f.ds, true
		}
		return nil, nil, false
	}
	read = func(dir string, ag *a.Agreement, ds diag.List) {
		if st, ok := stamps[dir]; ok {
			c.mu.Lock()
			c.read[dir] = &folder{stamp: st, ag: ag, ds: ds}
			c.mu.Unlock()
		}
	}
	return reuse, read
}

// renderCached is Render with opt.Cache: the agreements rendered before
// with the same inputs are taken from the cache, the others rendered and
// kept in it.
func (l loaded) renderCached(opt Options) (*site.Output, *a.Site, diag.List, error) {
	c := opt.Cache
	keys := l.keys(opt)
	hits := map[*a.Agreement][]site.File{}
	byID := map[string]*a.Agreement{} // rendered agreements with a key
	for ag, k := range keys {
		if files, ok := c.files.Get(k); ok {
			hits[ag] = files
		} else {
			byID[ag.ID] = ag
		}
	}
	if late := opt.LatePDF; late != nil && !opt.NoPDF {
		// The PDFs rendered before come from the cache, the others
		// are rendered and kept.
		opt.LatePDF = func(func() ([]site.File, error)) {
			late(func() ([]site.File, error) { return l.cachedPDFs(opt, keys) })
		}
	}
	hitFiles := map[string][]site.File{}           // by agreement id
	hitDocs := map[string]map[string]search.Page{} // by agreement id, then page
	for ag, files := range hits {
		hitFiles[ag.ID] = files
		if ds, ok := c.docs.Get(keys[ag]); ok {
			hitDocs[ag.ID] = ds
		}
	}
	var docsMu sync.Mutex
	docs := map[string]search.Page{} // what the index kept of the pages indexed now
	allByID := map[string]*a.Agreement{}
	for ag := range keys {
		allByID[ag.ID] = ag
	}
	reuse := reuser{
		reused: func(ag *a.Agreement) bool { _, ok := hits[ag]; return ok },
		file: func(p string) ([]byte, error) {
			id, _, _ := strings.Cut(p, "/")
			for _, f := range hitFiles[id] {
				if f.Path == p {
					return f.Data, nil
				}
			}
			return nil, fmt.Errorf("%s: geen bestand van de cache", p)
		},
		page: func(p string) (search.Page, bool) {
			id, _, _ := strings.Cut(p, "/")
			d, ok := hitDocs[id][p]
			return d, ok
		},
		indexed: func(p string, d search.Page) {
			docsMu.Lock()
			docs[p] = d
			docsMu.Unlock()
		},
	}
	out, ds, err := l.render(opt, nil, reuse)
	if err != nil || ds.HasErrors() {
		return nil, l.site, ds, err
	}
	groups := map[*a.Agreement][]site.File{}
	for _, f := range out.Files {
		if ag := owner(byID, f.Path); ag != nil {
			groups[ag] = append(groups[ag], f)
		}
	}
	for ag, files := range groups {
		c.files.Put(keys[ag], files)
	}
	docGroups := map[*a.Agreement]map[string]search.Page{}
	for p, d := range docs {
		if ag := owner(allByID, p); ag != nil {
			if docGroups[ag] == nil {
				docGroups[ag] = map[string]search.Page{}
			}
			docGroups[ag][p] = d
		}
	}
	for ag, ds := range docGroups {
		c.docs.Put(keys[ag], ds)
	}
	for _, files := range hits {
		for _, f := range files {
			out.Files = append(out.Files, f)
			if strings.HasSuffix(f.Path, "/index.html") {
				out.Pages++
			}
		}
	}
	slices.SortFunc(out.Files, func(x, y site.File) int { return strings.Compare(x.Path, y.Path) })
	keep := map[cache.Key]bool{}
	for _, k := range keys {
		keep[k] = true
	}
	c.files.Keep(keep)
	c.pdfs.Keep(keep)
	c.docs.Keep(keep)
	return out, l.site, ds, nil
}

// cachedPDFs are the PDFs of every agreement: from the cache where they
// were rendered before with the same inputs, rendered and kept otherwise.
func (l loaded) cachedPDFs(opt Options, keys map[*a.Agreement]cache.Key) ([]site.File, error) {
	c := opt.Cache
	have := map[*a.Agreement]site.File{}
	for ag, k := range keys {
		if f, ok := c.pdfs.Get(k); ok {
			have[ag] = f
		}
	}
	files, err := l.pdfs(opt, nil, func(ag *a.Agreement) bool { _, ok := have[ag]; return ok })()
	if err != nil {
		return nil, err
	}
	for i, ag := range l.site.Agreements {
		if f, ok := have[ag]; ok {
			files[i] = f
		} else if k, ok := keys[ag]; ok {
			c.pdfs.Put(k, files[i])
		}
	}
	return files, nil
}
