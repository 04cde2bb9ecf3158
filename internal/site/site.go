// Package site renders the agreement model to a static website: one page per
// agreement and section (onderdeel) of any depth, a home page, a 404 page, sitemap.xml and
// robots.txt. Pages come from html/template files (embedded defaults,
// overridable per site) and Markdown through the markdown package.
package site

import (
	"bytes"
	"errors"
	"fmt"
	"html/template"
	"io/fs"
	"net/url"
	"runtime"
	"slices"
	"strings"
	"sync"
	"sync/atomic"

	a "github.com/prestatie/prestatie/internal/agreement"
	"github.com/prestatie/prestatie/internal/charts"
	"github.com/prestatie/prestatie/internal/markdown"
	"github.com/prestatie/prestatie/internal/search"
)

// Options steer rendering.
type Options struct {
	// BaseURL overrides the site's base URL (absolute, or a path such as
	// "/prestatieafspraken/").
	BaseURL string
	// Templates holds the page templates (*.html); Theme the files copied to
	// assets/ (style.css, logos).
	Templates fs.FS
	Theme     fs.FS
	// ECharts loads the chart library, copied to assets/ when a page draws a
	// chart (charts.LoadECharts). When it is nil or its error wraps
	// charts.ErrNoECharts, the charts are published as their tables and
	// Output.TablesOnly says why.
	ECharts func() (*charts.ECharts, error)
	// PDF tells that every agreement has a PDF at <id>/<id>.pdf (written by
	// the caller), so the agreement page links it.
	PDF bool
	// PDFFile, when set with PDF, returns an agreement's PDF (waiting for it
	// when it is rendered beside the pages), so that the agreement page
	// gives its size and page count. Without it the link has neither.
	PDFFile func(*a.Agreement) ([]byte, error)
	// PDFInfo, when set with PDF, is used instead of PDFFile: it returns
	// the size in bytes and the page count (PDFPages) of an agreement's
	// PDF, so that a caller that streams the PDFs to disk need not keep
	// them until the agreement pages are rendered.
	PDFInfo func(*a.Agreement) (size, pages int, err error)
	// Favicon is the site's own favicon from static/ ("favicon.ico"), a
	// path below the base; "" for the theme's favicon.svg.
	Favicon string
	// Emit, when set, receives every page as soon as it is rendered, from
	// several goroutines, and the open data and chart files when they are
	// made; Output.Files then lists those files without their Data, so a
	// large site is not held in memory.
	Emit func(File) error
	// Reuse, when set, names the agreements whose own files (everything
	// below <id>/: pages, open data, feed, chart downloads) the caller
	// has from an earlier build of the same inputs (internal/cache): they
	// are neither rendered nor listed in Output.Files, but the files of
	// the whole site (home page, site feed, sitemap) still include them.
	Reuse func(*a.Agreement) bool
	// ReusedFile, with Reuse, returns a reused agreement's file as the
	// caller has it: the search index is made from the pages' text.
	ReusedFile func(path string) ([]byte, error)
	// ReusedPage, when set, returns what the search index kept of a
	// reused page, as the caller had it from Indexed, so that its text is
	// not read again; Indexed, when set, is handed that of every page put
	// in the index. Both are called from several goroutines.
	ReusedPage func(path string) (search.Page, bool)
	Indexed    func(path string, p search.Page)
}

// Output is the rendered site, sorted by path.
type Output struct {
	Files []File
	Pages int // HTML pages among Files
	// TablesOnly is set when pages have charts but ECharts was not found:
	// the charts are published as their tables and summaries.
	TablesOnly error
}

// Render renders the whole site. It does no I/O beyond reading the template
// and theme file systems, so callers decide where the files go.
func Render(s *a.Site, opt Options) (*Output, error) {
	base, err := parseBase(firstNonEmpty(opt.BaseURL, s.BaseURL))
	if err != nil {
		return nil, err
	}
	r := &renderer{
		site:     s,
		base:     base,
		md:       markdown.New(markdown.WithUnsafeHTML(s.UnsafeHTML)),
		where:    locate(s),
		moments:  map[*a.Agreement][]moment{},
		pdf:      opt.PDF,
		pdfFile:  opt.PDFFile,
		pdfFacts: opt.PDFInfo,
		favicon:  opt.Favicon,
		pdfs:     map[*a.Agreement]*pdfResult{},
		search:   search.New(),
		charts:   chartCache{emit: opt.Emit},
		pooled:   opt.Emit != nil,
		indexed:  opt.Indexed,
		reused:   map[string]*a.Agreement{},
	}
	r.places = places(s, r.where)
	r.search.Folder = r.searchFolder() // search.go
	for _, ag := range s.Agreements {
		if opt.Reuse != nil && opt.Reuse(ag) {
			r.reused[ag.ID] = ag
		}
	}
	for _, ag := range s.Agreements {
		r.pdfs[ag] = &pdfResult{}
	}
	for _, ag := range s.Agreements {
		r.moments[ag] = moments(ag)
	}
	if err := r.loadECharts(opt.ECharts); err != nil {
		return nil, err
	}
	if err := r.hashAssets(opt.Theme); err != nil {
		return nil, fmt.Errorf("thema: %w", err)
	}
	if err := r.parseTemplates(opt.Templates); err != nil {
		return nil, err
	}
	jobs, err := r.pages()
	if err != nil {
		return nil, err
	}
	files := make([]File, 0, len(jobs))
	errs := make([]error, len(jobs))
	var wg sync.WaitGroup
	sem := make(chan struct{}, runtime.GOMAXPROCS(0))
	// Agreement pages wait for their PDF's size and page count: they go
	// last, so that the other pages render meanwhile.
	order := make([]int, 0, len(jobs))
	r.lastmods = make([]a.Date, len(jobs))
	var reindex []int // reused pages the search index reads again
	for _, waits := range []bool{false, true} {
		for i, j := range jobs {
			if ag := r.reusedOwner(j.path); ag != nil {
				if !waits { // what render would have noted for the sitemap
					r.lastmods[i] = r.updated(ag)
					if searchable[j.kind] {
						reindex = append(reindex, i)
					}
				}
				continue
			}
			if (j.kind == "agreement") == waits {
				order = append(order, i)
			}
		}
	}
	rendered := make([]File, len(jobs))
	for _, i := range order {
		j := jobs[i]
		wg.Add(1)
		sem <- struct{}{}
		go func() {
			defer func() { <-sem; wg.Done() }()
			f, err := r.render(i, j)
			if err == nil {
				r.indexPage(i, j, f) // search.go
				if j.path != "" {
					err = r.charts.release(j.path) // figures.go
				}
			}
			if err == nil && opt.Emit != nil {
				err = opt.Emit(f)
				f.Data, f.buf = nil, nil
			}
			rendered[i], errs[i] = f, err
		}()
	}
	// The search index is made from the pages: a reused page is read
	// from the caller's copy (Options.ReusedFile).
	for _, i := range reindex {
		j := jobs[i]
		wg.Add(1)
		sem <- struct{}{}
		go func() {
			defer func() { <-sem; wg.Done() }()
			errs[i] = r.indexReused(i, j, opt)
		}()
	}
	wg.Wait()
	for _, err := range errs {
		if err != nil {
			return nil, err
		}
	}
	for _, i := range order {
		files = append(files, rendered[i])
	}
	out := &Output{Files: files, Pages: len(files)}
	assets, err := copyTree(opt.Theme, r.assetPath)
	if err != nil {
		return nil, fmt.Errorf("thema: %w", err)
	}
	out.Files = append(out.Files, assets...)
	if r.base.origin != "" { // a sitemap needs absolute addresses
		out.Files = append(out.Files, r.sitemap(jobs))
	}
	out.Files = append(out.Files, r.robots())
	// The open data, the chart downloads and the search index are made
	// from what the pages left, each on its own: side by side, so that
	// the end of a large build is not one core's work.
	var data, figs, figsDone, idx []File
	var dataErr, figsErr, idxErr error
	var tail sync.WaitGroup
	tail.Go(func() {
		data, dataErr = r.dataFiles(opt.Emit) // opendata.go
	})
	tail.Go(func() {
		if figs, figsDone, figsErr = r.chartFiles(out); figsErr == nil {
			figsErr = emit(opt.Emit, figs)
		}
	})
	tail.Go(func() { idx, idxErr = r.searchFiles(opt.Emit) }) // search.go
	tail.Wait()
	if err := errors.Join(dataErr, figsErr, idxErr); err != nil {
		return nil, err
	}
	out.Files = append(out.Files, data...)
	out.Files = append(append(out.Files, figs...), figsDone...)
	out.Files = append(out.Files, idx...)
	slices.SortFunc(out.Files, func(x, y File) int { return strings.Compare(x.Path, y.Path) })
	return out, nil
}

// emit hands files to the caller's Emit, when set, and keeps only their
// paths, so that the open data and chart files of a large site are not
// held in memory with everything after them.
func emit(to func(File) error, files []File) error {
	if to == nil {
		return nil
	}
	for i := range files {
		if err := to(files[i]); err != nil {
			return err
		}
		files[i].Data = nil
	}
	return nil
}

type renderer struct {
	site   *a.Site
	base   baseURL
	md     *markdown.Converter
	pages_ map[string]*template.Template
	where  map[*a.Item]string // the page each item is on, with its anchor
	// places are, per agreement, the pages of the ids a cross-reference
	// "#id" in its text may name.
	places map[*a.Agreement]map[string]string
	// moments are each agreement's monitoring reports, computed once for
	// the report pages and the feeds.
	moments  map[*a.Agreement][]moment
	pdf      bool
	pdfFile  func(*a.Agreement) ([]byte, error)
	pdfFacts func(*a.Agreement) (size, pages int, err error)
	favicon  string                      // the site\'s own, below the base; "" for the theme\'s
	pdfs     map[*a.Agreement]*pdfResult // what pdfInfo read, once per agreement
	// lastmods are the Updated dates of the pages, by their index in
	// the list of jobs, for the sitemap: a slice, not a map by path (a
	// sync.Map of 40,000 pages held 5 MB to the end of a large build).
	lastmods []a.Date
	charts   chartCache // charts per page, built once
	echarts  *charts.ECharts
	noECh    error             // why echarts is nil
	assets   map[string]string // theme file → content-hashed name (assets.go)
	search   *search.Index     // the pages' text, for the search page (search.go)
	indexed  func(path string, p search.Page)
	// reused are the agreements, by id, whose own files the caller has
	// already (Options.Reuse).
	reused  map[string]*a.Agreement
	inlined memo[string] // inline texts (funcs.go)
	// rowKeys are, per page kind, the memo key of its row template, 0
	// when rows are not shared (memo.go); rows the rendered rows.
	rowKeys map[string]int
	rows    memo[rowKey]
	parts   memo[sharedKey] // shared parts of pages (memo.go)
	// filterSets are the filters of the agreements whose lists render
	// (filtersOf).
	filterMu   sync.Mutex
	filterSets map[*a.Agreement][]filter
	trails     sync.Map                   // breadcrumb trails by their links (memo.go)
	tmplIDs    map[string]map[string]int  // per page kind, its templates' ids (memo.go)
	sizes      map[string]*atomic.Int64   // per page kind, the size of its last page
	fastOK     map[string]map[string]bool // per page kind, the templates Go renders (fast.go)
	pooled     bool                       // pages' buffers from pagePool (Options.Emit)
}

// reusedOwner is the reused agreement that owns the output path p (below
// the base), nil when p is not an agreement's or its agreement is rendered.
func (r *renderer) reusedOwner(p string) *a.Agreement {
	if len(r.reused) == 0 {
		return nil
	}
	id, _, ok := strings.Cut(p, "/")
	if !ok {
		return nil
	}
	return r.reused[id]
}

// job is one page to render.
type job struct {
	kind string // template name without .html
	path string // URL path below the base, "" for home, "x/y/" for pages
	file string // output file
	data func(*page) error
}

// render renders job j, the i-th of the site's pages.
func (r *renderer) render(i int, j job) (File, error) {
	p := &page{HasPDF: r.pdf, Site: r.site, Base: r.base.path, Path: j.path, Kind: j.kind, IDs: markdown.NewIDs(reservedIDs...), Feed: "feed.xml"}
	if err := j.data(p); err != nil {
		return File{}, fmt.Errorf("%s: %w", j.file, err)
	}
	p.Canonical = r.base.abs(j.path)
	p.Description, p.Style, p.OwnFavicon = p.description(), &p.Site.Style, p.ownFavicon()
	p.HasCharts, p.IsDraft, p.Updated = p.hasCharts(), p.isDraft(), p.updated()
	p.Frame, p.Trail = frame(p), r.trail(p.Crumbs, p.Kind)
	r.lastmods[i] = p.Updated
	// The buffer starts at the size of the last page of the kind: growing
	// it from nothing allocated twice the page.
	buf := new(bytes.Buffer)
	if r.pooled {
		buf = pagePool.Get().(*bytes.Buffer)
	}
	size := r.sizes[j.kind]
	buf.Grow(int(size.Load()))
	t := r.pages_[j.kind]
	done := false
	if r.fast(j.kind, frameTemplate) { // fast.go
		var err error
		done, err = frameGo(buf, p, func() error {
			if ok, err := mainGo(buf, p); ok || err != nil { // fast.go
				return err
			}
			return t.ExecuteTemplate(buf, "main", p)
		})
		if err != nil {
			return File{}, fmt.Errorf("%s: %w", j.file, err)
		}
	}
	if !done {
		if err := t.ExecuteTemplate(buf, frameTemplate, p); err != nil {
			return File{}, fmt.Errorf("%s: %w", j.file, err)
		}
	}
	size.Store(int64(buf.Len()))
	f := File{Path: j.file, Data: buf.Bytes()}
	if r.pooled {
		f.buf = buf
	}
	return f, nil
}

// reservedIDs are the element ids of the frame of every page (base.html);
// Markdown headings avoid them and an item may not take them. The ids of
// the site's own sections of a page are handed out by page.ID, after the
// items' ids, so they never clash with the document's.
var reservedIDs = a.ReservedIDs

// parseTemplates parses the frame and the partials once and each kind of
// page on a clone of them (parsing them again for every kind took a tenth
// of a small site's build).
func (r *renderer) parseTemplates(tfs fs.FS) error {
	r.pages_ = map[string]*template.Template{}
	r.rowKeys, r.tmplIDs, r.sizes = map[string]int{}, map[string]map[string]int{}, map[string]*atomic.Int64{}
	sigs, tmplSigs := map[string]int{}, map[string]int{}
	common, err := template.New("base.html").Funcs(r.funcs()).ParseFS(tfs, "base.html", "partials*.html")
	if err != nil {
		return fmt.Errorf("sjabloon: %w", err)
	}
	for _, kind := range []string{"home", "agreement", "section", "404", "reports", "report", "commitments", "data", "accessibility", "search"} {
		t, err := common.Clone()
		if err == nil {
			t, err = t.ParseFS(tfs, kind+".html")
		}
		if err != nil {
			return fmt.Errorf("sjabloon %s.html: %w", kind, err)
		}
		r.pages_[kind] = t
		r.rowKeys[kind] = rowMemoKey(t, sigs)
		r.tmplIDs[kind] = templateIDs(t, tmplSigs)
		r.sizes[kind] = new(atomic.Int64)
	}
	if r.fastOK, err = fastKinds(tfs, r.pages_, r.funcs()); err != nil { // fast.go
		return fmt.Errorf("sjabloon: %w", err)
	}
	return nil
}

// baseURL is where the site lives: path is used in links (so the same
// output works on any host), abs in sitemap and canonical links.
type baseURL struct {
	path   string // "/" or "/prestatieafspraken/"
	origin string // "https://www.example.nl" or "" when unknown
}

func parseBase(s string) (baseURL, error) {
	if s == "" {
		s = "/"
	}
	u, err := url.Parse(s)
	if err != nil || u.RawQuery != "" || u.Fragment != "" || (u.Scheme != "" && u.Host == "") {
		return baseURL{}, fmt.Errorf("ongeldige base-url %q: verwacht https://host/pad/ of /pad/", s)
	}
	if u.Scheme != "" && u.Scheme != "http" && u.Scheme != "https" {
		return baseURL{}, fmt.Errorf("ongeldige base-url %q: alleen http en https", s)
	}
	p := u.EscapedPath()
	if !strings.HasPrefix(p, "/") {
		p = "/" + p
	}
	if !strings.HasSuffix(p, "/") {
		p += "/"
	}
	b := baseURL{path: p}
	if u.Host != "" {
		b.origin = u.Scheme + "://" + u.Host
	}
	return b, nil
}

// abs is the absolute URL of a path below the base, or the root-relative
// path when the origin is unknown.
func (b baseURL) abs(p string) string { return b.origin + b.path + p }

func firstNonEmpty(s ...string) string {
	for _, x := range s {
		if x != "" {
			return x
		}
	}
	return ""
}

func copyTree(fsys fs.FS, dest func(string) string) ([]File, error) {
	var files []File
	err := fs.WalkDir(fsys, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || strings.HasPrefix(d.Name(), ".") {
			return err
		}
		data, err := fs.ReadFile(fsys, p)
		files = append(files, File{Path: dest(p), Data: data})
		return err
	})
	return files, err
}

// pdfResult is an agreement's PDF facts, read once.
type pdfResult struct {
	once sync.Once
	info pdfInfo
	err  error
}

// pdfInfo is the size and page count of an agreement's PDF, or the zero
// value when the build does not hand the PDF over.
func (r *renderer) pdfInfo(ag *a.Agreement) pdfInfo {
	res := r.pdfs[ag]
	if r.pdfFile == nil && r.pdfFacts == nil || res == nil {
		return pdfInfo{}
	}
	res.once.Do(func() {
		if r.pdfFacts != nil {
			size, pages, err := r.pdfFacts(ag)
			res.info, res.err = pdfInfo{Size: size, Pages: pages}, err
			return
		}
		b, err := r.pdfFile(ag)
		res.info, res.err = pdfInfoOf(b), err
	})
	return res.info
}
