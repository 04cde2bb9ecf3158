package build

import (
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
	"github.com/prestatie/prestatie/internal/parallel"
	"github.com/prestatie/prestatie/internal/pdf"
)

// An incremental build: every agreement gets a key that hashes all it is
// made from, and an agreement whose folder in the output was built with
// the same key, and is as that build left it, keeps its files (pages, open
// data, feed, chart downloads, PDF: everything below <id>/) where they are
// instead of rendering them (diskcache.go, journal.go). The files of the
// whole site (home page, site feed, sitemap, assets) are always made
// again. Its model comes from the model cache (modelcache.go).
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
		fk, ok := l.folderKeys["content/"+ag.ID]
		if l.folderKeys == nil {
			fk, ok = l.folderKey(opt.Cache, ag.ID)
		}
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

// stampFolders stamps every folder in content/, before it is read, one
// folder per core at a time.
func stampFolders(raw, fsys fs.FS) map[string]string {
	entries, _ := fs.ReadDir(fsys, "content")
	sts := make([]string, len(entries))
	oks := make([]bool, len(entries))
	parallel.For(len(entries), func(i int) {
		if entries[i].IsDir() {
			sts[i], oks[i] = stamp(raw, fsys, "content/"+entries[i].Name())
		}
	})
	stamps := map[string]string{}
	for i, e := range entries {
		if oks[i] {
			stamps["content/"+e.Name()] = sts[i]
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
