package site

import (
	"errors"
	"html/template"
	"slices"
	"strings"
	"sync"

	a "github.com/prestatie/prestatie/internal/agreement"
	"github.com/prestatie/prestatie/internal/charts"
)

// chartView is a chart as the "figures" template shows it: the chart with
// the URLs of its downloads, which sit beside the page.
//
// What the template reads is copied into fields of the view itself: a
// field of the embedded chart costs text/template a search through the
// embedding each time, and a method a reflective call.
type chartView struct {
	*charts.Chart
	dir string // URL of the page's folder

	ID, Caption, Summary string
	Source               string // the sources, joined
	Single, Illustrative bool   // Single: a number card without a drawing
	Height               int
	Option               map[string]any
	Cards                []charts.Card
	Notes                []string
	Table                charts.Table
	Goal                 *a.Target // the target drawn against the figure, if any
	CSVURL, JSONURL      string    // the downloads
	// TableRows are the rows of its table, each cell with the label of
	// its column (a field, not a call per cell in the template).
	TableRows []tableRow
}

type tableRow struct {
	Label string
	Cells []tableCell
}

type tableCell struct {
	Label string // of the cell's column
	Text  string
}

func newChartView(c *charts.Chart, dir string) chartView {
	rows := make([]tableRow, len(c.Table.Rows))
	for i, r := range c.Table.Rows {
		rows[i] = tableRow{Label: r.Label, Cells: make([]tableCell, len(r.Cells))}
		for j, cell := range r.Cells {
			rows[i].Cells[j] = tableCell{Label: c.Table.ColumnLabel(j), Text: cell.Text}
		}
	}
	v := chartView{Chart: c, dir: dir, ID: c.ID, Caption: c.Caption(), Summary: c.Summary, Source: c.Source(),
		Single: c.Single(), Illustrative: c.Illustrative, Height: c.Height, Option: c.Option, Cards: c.Cards,
		Notes: c.Notes, Table: c.Table, CSVURL: dir + c.CSVName(), JSONURL: dir + c.JSONName(), TableRows: rows}
	if n := len(c.Figures); n > 0 {
		v.Goal = c.Figures[n-1].Goal
	}
	return v
}

// chartCache keeps the charts of each page while pages ask for them: the
// head of a page, its body and the agreement page's list of figures, from
// several goroutines. Once a page is written (release), only the
// downloads of its charts are kept for chartFiles, not the charts with
// their ECharts options: held to the end of the build, those were a fifth
// of a large site's memory. A page that asks again has them built again.
// With emit the downloads are handed to it then and only their paths are
// kept (800 agreements: 12-17 MB less held to the end).
type chartCache struct {
	mu     sync.Mutex
	byPage map[string][]chartView // by key: "figures " or "progress " + page path
	kept   map[string]downloads
	emit   func(File) error
}

// downloads are the files of a page's charts.
type downloads struct {
	files   []File
	emitted bool // files were handed to emit and are only paths
	drawn   bool // a chart is drawn, not only shown as a number
	// heads are the page's charts for the agreement page's list of
	// figures, without their ECharts options (headCharts).
	heads []*charts.Chart
}

func (c *chartCache) get(key string, build func() []chartView) []chartView {
	c.mu.Lock()
	defer c.mu.Unlock()
	if vs, ok := c.byPage[key]; ok {
		return vs
	}
	if c.byPage == nil {
		c.byPage = map[string][]chartView{}
	}
	vs := build()
	c.byPage[key] = vs
	return vs
}

// release drops the charts of the page at path p and of the pages below
// it, keeping their downloads.
func (c *chartCache) release(p string) error {
	type page struct {
		key string
		vs  []chartView
	}
	var done []page
	c.mu.Lock()
	for key, vs := range c.byPage {
		if _, path, _ := strings.Cut(key, " "); strings.HasPrefix(path, p) {
			done = append(done, page{key, vs})
			delete(c.byPage, key)
		}
	}
	c.mu.Unlock()
	for _, d := range done {
		_, path, _ := strings.Cut(d.key, " ")
		dl, err := chartDownloads(path, d.vs)
		if err != nil {
			return err
		}
		if c.emit != nil {
			if err := emit(c.emit, dl.files); err != nil {
				return err
			}
			dl.emitted = true
		}
		c.mu.Lock()
		if c.kept == nil {
			c.kept = map[string]downloads{}
		}
		c.kept[d.key] = dl
		c.mu.Unlock()
	}
	return nil
}

// downloads are the downloads of the charts of key, on the page at path
// p: those kept, or those of the charts built now.
func (c *chartCache) downloads(key, p string, build func() []chartView) (downloads, error) {
	c.mu.Lock()
	d, ok := c.kept[key]
	c.mu.Unlock()
	if ok {
		return d, nil
	}
	return chartDownloads(p, c.get(key, build))
}

// chartDownloads are the CSV and JSON of charts vs on the page at path p.
func chartDownloads(p string, vs []chartView) (downloads, error) {
	var d downloads
	for _, v := range vs {
		// The head keeps what the list of figures reads (headCharts),
		// not the table, cards and figures: 800 agreements held 5 MB
		// of those to the end.
		c := v.Chart
		head := charts.Chart{ID: c.ID, Kind: c.Kind, Title: c.Title, When: c.When, AsOf: c.AsOf,
			Approximate: c.Approximate, Illustrative: c.Illustrative, Summary: c.Summary, Height: c.Height}
		if c.Option != nil {
			head.Option = drawnHead // drawn: Single stays false
		}
		d.heads = append(d.heads, &head)
		// A number card has its downloads too; only a drawing needs ECharts.
		d.drawn = d.drawn || !v.Single
		j, err := v.JSON()
		if err != nil {
			return d, err
		}
		d.files = append(d.files, File{Path: p + v.CSVName(), Data: recsv(v.CSV())}, File{Path: p + v.JSONName(), Data: j})
	}
	return d, nil
}

// drawnHead is the Option of a drawn chart's head: not nil, and never
// read or changed.
var drawnHead = map[string]any{}

// The keys of the chartCache: the kind of charts and the page's path.
const (
	figuresKey  = "figures "
	progressKey = "progress "
)

// pageCharts are the charts of figs on the page at path p (below the base).
func (r *renderer) pageCharts(p string, figs []*a.Figure) []chartView {
	return r.charts.get(figuresKey+p, r.figuresBuild(p, figs))
}

func (r *renderer) figuresBuild(p string, figs []*a.Figure) func() []chartView {
	return func() []chartView {
		var vs []chartView
		for _, c := range charts.Figures(figs) {
			vs = append(vs, newChartView(c, r.base.path+p))
		}
		return vs
	}
}

// progressCharts are the status overview and the target progress of an
// agreement, shown on its page.
func (r *renderer) progressCharts(ag *a.Agreement) []chartView {
	return r.charts.get(progressKey+agreementPath(ag), r.progressBuild(ag))
}

func (r *renderer) progressBuild(ag *a.Agreement) func() []chartView {
	return func() []chartView {
		at := ag.AsOf()
		var vs []chartView
		for _, c := range []*charts.Chart{charts.Status(ag, at), charts.Targets(ag, at)} {
			if c != nil {
				vs = append(vs, newChartView(c, r.base.path+agreementPath(ag)))
			}
		}
		return vs
	}
}

// Charts are the charts of figures shown on this page.
func (p *page) Charts(figs []*a.Figure) []chartView { return p.r.pageCharts(p.Path, figs) }

// Figures renders charts vs: the template "figures", or the same in Go
// while the page kind has the embedded one (fast.go).
func (p *page) Figures(vs []chartView) (template.HTML, error) {
	var b htmlOut
	if p.r.fast(p.Kind, "figures") && figuresGo(&b, vs) {
		return template.HTML(b.String()), nil
	}
	b.Reset()
	err := p.r.pages_[p.Kind].ExecuteTemplate(&b, "figures", vs)
	return template.HTML(b.String()), err
}

// ProgressCharts are the agreement's status overview and target progress.
func (p *page) ProgressCharts() []chartView { return p.r.progressCharts(p.Agreement) }

// hasCharts reports whether the page draws a chart, and so needs the
// scripts.
func (p *page) hasCharts() bool {
	if p.r.echarts == nil {
		return false // tables only
	}
	drawn := func(vs []chartView) bool {
		for _, v := range vs {
			if !v.Single {
				return true
			}
		}
		return false
	}
	switch p.Kind {
	case "agreement":
		return drawn(p.ProgressCharts()) || drawn(p.Charts(p.Agreement.Figures))
	case "section":
		return drawn(p.Charts(p.Section.Figures))
	}
	return false
}

// headline is one figure of a section, listed on the agreement page with
// a link to its chart.
type headline struct {
	Chart *charts.Chart
	Where string // "Beschikbaarheid › 2 Nieuwbouw"
	URL   string // of the chart on its page
}

// Headlines lists the figures of the agreement's sections, in document
// order.
func (p *page) Headlines() []headline {
	ag := p.Agreement
	var hs []headline
	add := func(path, where string, figs []*a.Figure) {
		for _, c := range p.r.headCharts(p.Kind, path, figs) {
			hs = append(hs, headline{Chart: c, Where: where, URL: p.r.base.path + path + "#" + c.ID})
		}
	}
	ag.EachSection(func(s *a.Section) { add(sectionPath(ag, s), sectionTrail(s), s.Figures) })
	return hs
}

// headCharts are the charts of figs on the page at path p for the list
// of figures of a page of kind. The agreement page comes after the pages
// of its sections, which have released their charts by then (a section's
// charts were built twice, their ECharts options the most of it): the
// embedded "headline-figures" reads of a chart only its title, moment
// and summary, so it gets the charts kept without their options. A site's
// own template, which may read more, gets them built again.
func (r *renderer) headCharts(kind, p string, figs []*a.Figure) []*charts.Chart {
	if r.fast(kind, "headline-figures") {
		r.charts.mu.Lock()
		d, ok := r.charts.kept[figuresKey+p]
		r.charts.mu.Unlock()
		if ok {
			return d.heads
		}
	}
	var cs []*charts.Chart
	for _, v := range r.pageCharts(p, figs) {
		cs = append(cs, v.Chart)
	}
	return cs
}

// chartFiles are the CSV and JSON downloads of every chart on every page,
// and ECharts itself when a page draws a chart; emitted are those the
// cache handed to its emit already, as paths.
func (r *renderer) chartFiles(out *Output) (files, emitted []File, err error) {
	drawn := false
	add := func(key, p string, build func() []chartView) error {
		d, err := r.charts.downloads(key, p, build)
		if d.emitted {
			emitted = append(emitted, d.files...)
		} else {
			files = append(files, d.files...)
		}
		drawn = drawn || d.drawn
		return err
	}
	for _, ag := range r.site.Agreements {
		if r.reused[ag.ID] != nil {
			// Its downloads are the caller's; whether it draws a chart
			// still decides whether ECharts is published.
			drawn = drawn || draws(ag)
			continue
		}
		p := agreementPath(ag)
		if err := add(progressKey+p, p, r.progressBuild(ag)); err != nil {
			return nil, nil, err
		}
		if err := add(figuresKey+p, p, r.figuresBuild(p, ag.Figures)); err != nil {
			return nil, nil, err
		}
		ag.EachSection(func(s *a.Section) {
			if p := sectionPath(ag, s); err == nil {
				err = add(figuresKey+p, p, r.figuresBuild(p, s.Figures))
			}
		})
		if err != nil {
			return nil, nil, err
		}
	}
	if drawn && r.echarts == nil {
		out.TablesOnly = r.noECh
	}
	if drawn && r.echarts != nil {
		echarts := r.echarts
		files = append(files,
			File{Path: r.assetPath(charts.EChartsScript), Data: echarts.Script},
			File{Path: "assets/echarts-LICENSE.txt", Data: echarts.License},
			File{Path: "assets/echarts-NOTICE.txt", Data: echarts.Notice})
	}
	return files, emitted, nil
}

// draws reports whether a page of ag draws a chart, as chartFiles finds
// for a rendered agreement, without keeping the charts.
func draws(ag *a.Agreement) bool {
	drawn := func(cs []*charts.Chart) bool {
		return slices.ContainsFunc(cs, func(c *charts.Chart) bool { return c != nil && !c.Single() })
	}
	at := ag.AsOf()
	if drawn([]*charts.Chart{charts.Status(ag, at), charts.Targets(ag, at)}) || drawn(charts.Figures(ag.Figures)) {
		return true
	}
	found := false
	ag.EachSection(func(s *a.Section) { found = found || drawn(charts.Figures(s.Figures)) })
	return found
}

// loadECharts reads the chart library once; without it the charts are
// published as their tables.
func (r *renderer) loadECharts(load func() (*charts.ECharts, error)) error {
	if load == nil {
		r.noECh = charts.ErrNoECharts
		return nil
	}
	e, err := load()
	if err != nil && !errors.Is(err, charts.ErrNoECharts) {
		return err
	}
	r.echarts, r.noECh = e, err
	return nil
}
