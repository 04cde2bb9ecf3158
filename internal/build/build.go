// Package build runs the whole pipeline: load and validate the content,
// render the site, and publish it atomically. The CLI's build and check
// commands, and later the preview server, use it.
package build

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/prestatie/prestatie"
	a "github.com/prestatie/prestatie/internal/agreement"
	"github.com/prestatie/prestatie/internal/cache"
	"github.com/prestatie/prestatie/internal/charts"
	"github.com/prestatie/prestatie/internal/content"
	"github.com/prestatie/prestatie/internal/diag"
	"github.com/prestatie/prestatie/internal/pdf"
	"github.com/prestatie/prestatie/internal/site"
)

// Options are the settings of one build.
type Options struct {
	Source  string // site folder
	Dest    string // output folder; default Source/public
	BaseURL string // overrides prestatie.yaml's base_url
	Drafts  bool   // include drafts
	// Date, when set, is written into the PDFs instead of the agreement's
	// date (the CLI sets it from SOURCE_DATE_EPOCH).
	Date time.Time
	// NoPDF leaves the PDFs out (quick previews and site-only tests).
	NoPDF bool
	// LatePDF, when set, makes the PDFs render after the site instead of
	// beside it: Render returns the pages (which link the PDFs) without
	// them and hands LatePDF a function that renders and returns them. The
	// preview server serves the pages first.
	LatePDF func(pdfs func() ([]site.File, error))
	// NoCache makes Build render every agreement, without reading or
	// writing its cache beside the output (CacheDir).
	NoCache bool
	// Cache, when set, makes Render reuse the files of every agreement
	// whose inputs are as in an earlier Render with the same Cache (the
	// preview server), and keep the files it renders for the next one.
	Cache *MemCache

	keyed bool // Build with its cache on disk
}

// Summary tells what a build produced.
type Summary struct {
	Agreements int
	Pages      int
	Files      int
	Elapsed    time.Duration
}

// Check loads and validates the site in opt.Source: it reports every
// content problem that Build would fail on.
func Check(opt Options) (*a.Site, diag.List) {
	raw := os.DirFS(opt.Source)
	l := load(content.SiteFS(raw), raw, opt, displayPrefix(opt.Source))
	return l.site, l.ds
}

// loaded is the site with what the build reads beside the content: the
// theme, the party logos and the house style.
type loaded struct {
	site        *a.Site
	ds          diag.List
	theme       fs.FS
	logos       map[*a.Agreement]map[string]pdf.Logo
	fonts       []pdf.Font // the site's further PDF fonts (pdf_fonts)
	static, css []site.File
	fsys        fs.FS  // the site, links followed only within it
	prefix      string // put before file names in diagnostics
	echarts     *charts.ECharts
	noECharts   error // why echarts is nil
	// stamps are the agreement folders as they were before they were
	// read, for the cache (incremental.go).
	stamps map[string]string
	raw    fs.FS // the site folder as it is, links not followed
	// models and folderKeys are Build's model cache and the hashes of
	// the agreement folders it computed (modelcache.go).
	models     *modelCache
	folderKeys map[string]cache.Key
}

// load reads the site, its theme, logos and house style, and checks what
// the PDF needs, collecting every problem. fsys follows links only within
// the site (content.SiteFS); raw is the same folder as it is, for static/,
// which follows no link at all and warns about each.
func load(fsys, raw fs.FS, opt Options, prefix string) loaded {
	copt := content.Options{Drafts: opt.Drafts, Prefix: prefix}
	var stamps map[string]string
	if opt.keyed || opt.Cache != nil {
		stamps = stampFolders(raw, fsys)
	}
	var models *modelCache
	var folderKeys map[string]cache.Key
	var memo checkMemo = opt.Cache
	if opt.Cache != nil {
		copt.Reuse, copt.Read = opt.Cache.folders(stamps)
	} else if opt.keyed {
		models, folderKeys = openModels(opt.Dest, fsys, raw, stamps, opt, prefix)
		copt.Reuse, copt.Read = models.reuse, models.read
		memo = models
	}
	s, ds := content.Load(fsys, copt)
	models.unread(fsys, raw, stamps, folderKeys)
	l := loaded{site: s, prefix: prefix, stamps: stamps, raw: raw, models: models, folderKeys: folderKeys}
	theme, err := themeFS(fsys, s.Theme)
	if err != nil {
		if !ds.HasErrors() { // content reports an unknown theme at its line
			ds.Errorf(diag.Pos{File: filepath.Join(prefix, content.ConfigFile), Line: 1, Col: 1}, "%v", err)
		}
		l.ds = ds.Sort()
		return l
	}
	l.theme = theme
	checkThemeFiles(theme, s.Theme, prefix, &ds)
	l.fonts = loadFonts(fsys, s, &ds)
	checkFooters(s, l.fonts, &ds, memo)
	if err := pdf.Hyphenation(); err != nil && len(s.Agreements) > 0 {
		// Once, at the site's configuration as for ECharts: it is the
		// program's lack, not the content's.
		ds.Warnf(diag.Pos{File: filepath.Join(prefix, content.ConfigFile)}, "%v", err)
	}
	l.logos = loadLogos(theme, s, &ds)
	l.static, l.css = houseStyle(raw, opt.Source, s, prefix, &ds)
	l.ds = ds.Sort()
	return l
}

// Build checks the site, renders it and replaces opt.Dest with the result.
// When there are errors nothing is written and the diagnostics are returned;
// err is for failures that are not the content's fault.
func Build(opt Options) (Summary, diag.List, error) {
	start := time.Now()
	dest := opt.Dest
	if dest == "" {
		dest = filepath.Join(opt.Source, "public")
	}
	if err := CheckDest(opt.Source, dest); err != nil {
		return Summary{}, nil, err
	}
	// A build killed in its swap is undone first, so that even a build that
	// fails on its content leaves the previous output in place.
	Recover(dest)
	if err := content.CheckBaseURL(opt.BaseURL); err != nil {
		return Summary{}, nil, fmt.Errorf("ongeldige base-url (--base-url): %v", err)
	}
	fsys := os.DirFS(opt.Source)
	opt.keyed = !opt.NoCache
	if real, err := realPath(dest); err == nil {
		opt.Dest = real // the cache is beside it (CacheDir), as publish sees it
	}
	l, err := prepare(fsys, opt, displayPrefix(opt.Source))
	if err != nil || l.ds.HasErrors() {
		if err == nil {
			l.models.store(false) // for the build after the fix
		}
		return Summary{}, l.ds, err
	}
	var keys map[*a.Agreement]cache.Key
	if !opt.NoCache {
		keys = l.keys(opt)
	}
	// Pages and PDFs go to the temporary folder of the publish as soon as
	// they are made (streamed), not held until the end. The agreements
	// built before with the same inputs are linked in from the cache.
	var out *site.Output
	var cached, cachedPages int
	ds := l.ds
	err = publish(dest, func(w *tree) error {
		c := openCache(w.dest, keys)
		cached, cachedPages = c.keepIn(w)
		l.models.store(true)
		var err error
		out, ds, err = l.render(opt, w.write, c.reuser())
		if err != nil {
			return err
		}
		if ds.HasErrors() {
			return errContent
		}
		for _, f := range out.Files {
			if w.kept(f.Path) { // a static file in a kept folder: counted there
				cached--
				if strings.HasSuffix(f.Path, "/index.html") {
					cachedPages--
				}
				continue
			}
			if !w.has(f.Path) {
				if err := w.write(f); err != nil {
					return err
				}
			}
		}
		if err := w.wait(); err != nil {
			return err
		}
		c.commit(w)
		return nil
	})
	if errors.Is(err, errContent) {
		return Summary{}, ds, nil
	}
	if err != nil {
		return Summary{}, ds, err
	}
	return Summary{Agreements: len(l.site.Agreements), Pages: out.Pages + cachedPages, Files: len(out.Files) + cached, Elapsed: time.Since(start)}, ds, nil
}

// errContent stops a publish when the content has errors found while
// rendering (a static file that clashes with a page).
var errContent = errors.New("fouten in de inhoud")

// Render loads the site in fsys and renders it in memory, without writing
// anything. prefix is put before file names in diagnostics.
// Symbolic links in fsys are followed only within the site.
func Render(fsys fs.FS, opt Options, prefix string) (*site.Output, *a.Site, diag.List, error) {
	l, err := prepare(fsys, opt, prefix)
	if err != nil || l.ds.HasErrors() {
		return nil, l.site, l.ds, err
	}
	if opt.Cache != nil {
		return l.renderCached(opt)
	}
	out, ds, err := l.render(opt, nil, reuser{})
	if err != nil || ds.HasErrors() {
		return nil, l.site, ds, err
	}
	return out, l.site, ds, nil
}

// prepare loads and checks the site in fsys: everything before rendering.
func prepare(fsys fs.FS, opt Options, prefix string) (loaded, error) {
	raw := fsys
	fsys = content.SiteFS(fsys)
	if err := CheckDate(opt.Date); err != nil {
		return loaded{}, err
	}
	l := load(fsys, raw, opt, prefix)
	l.fsys = fsys
	if !l.ds.HasErrors() {
		l.echarts, l.noECharts = charts.LoadECharts(opt.Source)
	}
	return l, nil
}

// render renders the loaded site. With emit, pages and PDFs are handed to
// it as they are made and the Output lists the pages without their data;
// the other files are in the Output as usual. The files of the agreements
// that reuse names (from a cache) are left out.
func (l loaded) render(opt Options, emit func(site.File) error, reuse reuser) (*site.Output, diag.List, error) {
	s, ds, static := l.site, l.ds, l.static
	var run *pdfRun
	var pdfs func() ([]site.File, error)
	var info func(*a.Agreement) (int, int, error)
	if opt.LatePDF == nil {
		run = l.startPDFs(opt, emit, reuse.reused)
		pdfs, info = run.wait, run.info
		if emit != nil && run.started >= pdfPhase*runtime.GOMAXPROCS(0) {
			// Enough PDFs to keep every core busy: they are made
			// before the pages, not beside them, so that what a PDF
			// holds while it is laid out and what the pages leave (the
			// search index, the sitemap's dates) are not live at once.
			// 800 agreements: the peak with PDFs was 455 MiB, 95 MiB
			// above that without them (gc.go).
			run.wg.Wait()
		} else if run.started >= runtime.GOMAXPROCS(0) {
			roomForPDFs() // a PDF on every core beside the pages (gc.go)
		}
	}
	out, err := site.Render(s, site.Options{
		PDF:        !opt.NoPDF,
		PDFInfo:    info,
		Favicon:    ownFavicon(static),
		BaseURL:    opt.BaseURL,
		Templates:  overlay{sub(l.fsys, "templates"), sub(prestatie.Templates, "templates")},
		Theme:      l.theme,
		ECharts:    func() (*charts.ECharts, error) { return l.echarts, l.noECharts },
		Emit:       emit,
		Reuse:      reuse.reused,
		ReusedFile: reuse.file,
		ReusedPage: reuse.page,
		Indexed:    reuse.indexed,
	})
	if err != nil {
		if pdfs != nil {
			pdfs()
		}
		return nil, ds, err
	}
	if clashes(out.Files, static, l.prefix, &ds); ds.HasErrors() {
		if pdfs != nil {
			pdfs()
		}
		return nil, ds, nil
	}
	out.Files = append(append(out.Files, static...), l.css...)
	if out.TablesOnly != nil {
		ds.Warnf(diag.Pos{File: filepath.Join(l.prefix, content.ConfigFile)}, "%s", tablesOnly(out.TablesOnly))
	}
	if opt.LatePDF != nil {
		if !opt.NoPDF {
			opt.LatePDF(func() ([]site.File, error) { return l.pdfs(opt, nil, nil)() })
		}
		return out, ds, nil
	}
	files, err := pdfs()
	if err != nil {
		return nil, ds, err
	}
	for _, f := range files {
		if f.Path != "" { // not a reused agreement's
			out.Files = append(out.Files, f)
		}
	}
	slices.SortFunc(out.Files, func(x, y site.File) int { return strings.Compare(x.Path, y.Path) })
	return out, ds, nil
}

// pdfs starts rendering the PDF of every agreement but those skip names
// in the background, beside the site, and returns a function that waits
// for them (a skipped agreement's File is the zero File).
// With emit, each PDF is handed to it when done and not kept.
func (l loaded) pdfs(opt Options, emit func(site.File) error, skip func(*a.Agreement) bool) func() ([]site.File, error) {
	return l.startPDFs(opt, emit, skip).wait
}

// pdfPhase is how many PDFs per core a streamed build must render for
// them to go before the pages instead of beside them: fewer (a one-file
// rebuild, a small site) would leave cores idle.
const pdfPhase = 2

// pdfRun is the PDFs being rendered beside the site.
type pdfRun struct {
	site    *a.Site
	wg      sync.WaitGroup
	started int // PDFs being rendered
	files   []site.File
	facts   []pdfFacts
	errs    []error
}

// pdfFacts is what the agreement page says of its PDF.
type pdfFacts struct{ size, pages int }

func (l loaded) startPDFs(opt Options, emit func(site.File) error, skip func(*a.Agreement) bool) *pdfRun {
	s, logos := l.site, l.logos
	run := &pdfRun{site: s}
	if opt.NoPDF {
		return run
	}
	po := pdf.Options{Date: opt.Date, Theme: pdfTheme(l.theme, l.css), Fonts: l.fonts}
	run.files = make([]site.File, len(s.Agreements))
	run.facts = make([]pdfFacts, len(s.Agreements))
	run.errs = make([]error, len(s.Agreements))
	// At most one PDF per core at a time: each holds tens of megabytes
	// while it is laid out, and hundreds at once only cost memory and
	// garbage collection (measured: 200 agreements peaked at 732 MiB).
	sem := make(chan struct{}, runtime.GOMAXPROCS(0))
	for i, ag := range s.Agreements {
		if skip != nil && skip(ag) {
			continue
		}
		run.started++
		run.wg.Go(func() {
			sem <- struct{}{}
			defer func() { <-sem }()
			po := po
			po.Logos = logos[ag]
			b, err := pdf.Render(ag, po)
			f := site.File{Path: PDFPath(ag), Data: b}
			run.facts[i] = pdfFacts{size: len(b), pages: pdf.Pages(b)}
			if err == nil && emit != nil {
				// Written at once and not kept: the agreement page
				// needs only its size and page count (info).
				err = emit(f)
				f.Data = nil
			}
			run.files[i], run.errs[i] = f, err
		})
	}
	return run
}

// wait waits for the PDFs.
func (r *pdfRun) wait() ([]site.File, error) {
	r.wg.Wait()
	return r.files, errors.Join(r.errs...)
}

// info hands the site an agreement's PDF size and page count for the
// agreement page: it waits for the PDFs rendering beside the pages.
func (r *pdfRun) info(ag *a.Agreement) (size, pages int, err error) {
	_, err = r.wait()
	if i := slices.Index(r.site.Agreements, ag); i >= 0 && i < len(r.facts) {
		return r.facts[i].size, r.facts[i].pages, err
	}
	return 0, 0, err
}

// ownFavicon is the site's own favicon from static/ (favicon.svg,
// favicon.png or favicon.ico at its top), "" when it has none.
func ownFavicon(static []site.File) string {
	for _, name := range []string{"favicon.svg", "favicon.png", "favicon.ico"} {
		if slices.ContainsFunc(static, func(f site.File) bool { return f.Path == name }) {
			return name
		}
	}
	return ""
}

// PDFPath is where an agreement's PDF is published: beside its page.
func PDFPath(ag *a.Agreement) string { return ag.ID + "/" + ag.ID + ".pdf" }

// themeFS is the site's theme folder over the embedded default theme, so a
// theme only needs the files it changes.
func themeFS(fsys fs.FS, name string) (fs.FS, error) {
	own := sub(fsys, "themes/"+name)
	if own == nil && name != "default" {
		return nil, fmt.Errorf("thema %q niet gevonden (verwacht de map themes/%s/)", name, name)
	}
	return overlay{own, sub(prestatie.Themes, "themes/default")}, nil
}

func displayPrefix(source string) string {
	if source == "" || source == "." {
		return ""
	}
	return filepath.ToSlash(filepath.Clean(source))
}

// tablesOnly is the one warning of a build without ECharts.
func tablesOnly(err error) string {
	const msg = "de grafieken staan als tabellen op de site"
	if v, ok := errors.AsType[*charts.VersionError](err); ok {
		return msg + ": " + v.Error()
	}
	return msg + ": ECharts is niet in dit programma ingebouwd en node_modules/echarts is niet gevonden (bouw het programma met make install)"
}
