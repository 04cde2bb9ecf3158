package content

import (
	"cmp"
	"errors"
	"io/fs"
	"path"
	"regexp"
	"runtime"
	"slices"
	"strings"
	"sync"
	"unicode/utf8"

	"go.yaml.in/yaml/v3"

	a "github.com/prestatie/prestatie/internal/agreement"
	"github.com/prestatie/prestatie/internal/diag"
	"github.com/prestatie/prestatie/internal/markdown"
)

// ConfigFile is the site configuration, at the root of the site folder.
const ConfigFile = "prestatie.yaml"

// ReportsDir is the folder in an agreement that holds the narratives of
// monitoring reports (voortgang/2023-q4.md); it is not a chapter.
const ReportsDir = "voortgang"

// Options steer loading.
type Options struct {
	// Drafts includes agreements, chapters and afspraken marked draft.
	Drafts bool
	// Prefix is put before every file name in diagnostics (the site folder
	// as the user typed it), so messages point at real paths.
	Prefix string
	// Reuse, when set, is asked for each agreement folder (content/<id>)
	// before it is read: an agreement it returns, read before from the
	// same files, is taken with the diagnostics reading it gave instead of
	// reading the folder again. Read, when set, is told of each folder
	// that was read. The preview server reads only the folders that
	// changed (internal/build). Both are called from several goroutines.
	Reuse func(dir string) (*a.Agreement, diag.List, bool)
	Read  func(dir string, ag *a.Agreement, ds diag.List)
}

// Load reads the site in fsys: the configuration and every agreement under
// content/. It returns the validated model and all diagnostics, sorted. The
// site is only fit to render when the list holds no error.
func Load(fsys fs.FS, opt Options) (*a.Site, diag.List) {
	l := loader{fsys: SiteFS(fsys), opt: opt}
	l.checkLinks()
	site := l.config()
	entries, err := fs.ReadDir(fsys, "content")
	if err != nil {
		l.ds.Errorf(l.at("content"), "geen map content/ gevonden (%v): geef met --source de map die content/ bevat", unwrap(err))
		return site, l.ds.Sort()
	}
	// The agreements are read side by side, one per core, each by a
	// loader of its own; their diagnostics are put together in order.
	type read struct {
		ag *a.Agreement
		ds diag.List
	}
	reads := make([]read, len(entries))
	var wg sync.WaitGroup
	sem := make(chan struct{}, runtime.GOMAXPROCS(0))
	for i, e := range entries {
		switch {
		case skip(e.Name()):
		case e.IsDir():
			wg.Go(func() {
				sem <- struct{}{}
				defer func() { <-sem }()
				al := loader{fsys: l.fsys, opt: opt}
				reads[i].ag = al.folderAgreement(path.Join("content", e.Name()))
				reads[i].ds = al.ds
			})
		default:
			l.ds.Warnf(l.atFile(path.Join("content", e.Name())), "bestand wordt genegeerd: een overeenkomst is een map content/<naam>/ met _index.md")
		}
	}
	wg.Wait()
	for _, r := range reads {
		l.ds = append(l.ds, r.ds...)
		if ag := r.ag; ag != nil && (!ag.Draft || opt.Drafts) {
			site.Agreements = append(site.Agreements, ag)
		}
	}
	slices.SortStableFunc(site.Agreements, func(x, y *a.Agreement) int {
		return cmp.Or(strings.Compare(x.Municipality, y.Municipality), -cmp.Compare(x.Period.From, y.Period.From), strings.Compare(x.ID, y.ID))
	})
	for _, ag := range site.Agreements { // a reused agreement has the links of its last load
		ag.PartOf, ag.Parts, ag.Replaces, ag.ReplacedBy = nil, nil, nil, nil
	}
	l.ds = append(l.ds, a.LinkFamilies(site.Agreements)...)
	return site, l.ds.Sort()
}

// folderAgreement is the agreement in dir: reused (Options.Reuse) or read.
func (l *loader) folderAgreement(dir string) *a.Agreement {
	if l.opt.Reuse != nil {
		if ag, ds, ok := l.opt.Reuse(dir); ok {
			l.ds = append(l.ds, ds...)
			if ag == nil {
				return nil
			}
			// A copy, so that linking the families below leaves the
			// agreement of the earlier load (still being rendered,
			// perhaps) as it was; only the family links point to
			// other agreements.
			cp := *ag
			return &cp
		}
	}
	n := len(l.ds)
	ag := l.agreement(dir)
	if l.opt.Read != nil {
		l.opt.Read(dir, ag, slices.Clone(l.ds[n:]))
	}
	return ag
}

type loader struct {
	fsys fs.FS
	opt  Options
	ds   diag.List
	// stray are annotations of the agreement being read whose id is not in
	// the text of their own file; reported once the whole agreement is read,
	// so the message can say where the id is.
	stray []stray
}

type stray struct {
	an  *annotation
	ids []string // the ids of the annotation's own file, for suggestions
}

func (l *loader) at(name string) diag.Pos { return diag.Pos{File: path.Join(l.opt.Prefix, name)} }

// atFile points at the start of a file, for problems with the file as a whole.
func (l *loader) atFile(name string) diag.Pos {
	p := l.at(name)
	p.Line, p.Col = 1, 1
	return p
}

func skip(name string) bool {
	return strings.HasPrefix(name, ".") || strings.HasPrefix(name, "_") && name != "_index.md"
}

var segment = regexp.MustCompile(`^[a-z0-9]+(-[a-z0-9]+)*$`)

func (l *loader) checkName(name, file string) {
	if !segment.MatchString(name) {
		l.ds.Errorf(diag.Pos{File: l.at(file).File, Line: 1, Col: 1},
			"naam %q is niet bruikbaar in een adres: gebruik kleine letters, cijfers en koppeltekens", name)
	}
}

func (l *loader) config() *a.Site {
	s := &a.Site{Title: "Prestatieafspraken", BaseURL: "/", Language: "nl", Theme: "default"}
	src, err := fs.ReadFile(l.fsys, ConfigFile)
	if errors.Is(err, fs.ErrNotExist) {
		return s
	}
	d := &decoder{file: l.at(ConfigFile).File, ds: &l.ds}
	if err != nil {
		l.ds.Errorf(d.pos(nil), "%v", unwrap(err))
		return s
	}
	if !l.checkFileSize(ConfigFile) || !checkUTF8(&l.ds, d.file, src, 1) {
		return s
	}
	n := d.parse(src)
	if n == nil || !d.checkTree(n, len(src)) {
		return s
	}
	var themeNode *yaml.Node
	d.mapping(n, "siteconfiguratie", append([]field{
		field{"title", false, d.str(&s.Title, "title")},
		field{"base_url", false, func(n *yaml.Node) {
			if d.str(&s.BaseURL, "base_url")(n); CheckBaseURL(s.BaseURL) != nil {
				d.errorf(n, "%v", CheckBaseURL(s.BaseURL))
			}
		}},
		field{"language", false, enum(d, &s.Language, "language", []a.Term[string]{{ID: "nl", Label: "Nederlands"}})},
		field{"theme", false, func(n *yaml.Node) { themeNode = n; d.id(&s.Theme, "theme")(n) }},
		field{"unsafe_html", false, d.boolean(&s.UnsafeHTML, "unsafe_html")},
		field{"pdf_fonts", false, d.list("pdf_fonts", func(n *yaml.Node) {
			f := a.Asset{Pos: d.pos(n)}
			if d.str(&f.Source, "pdf_fonts")(n); !localPath(f.Source) {
				d.errorf(n, "pdf_fonts %q: geef een pad in de map van de site, zoals fonts/NotoSansSC-Regular.ttf", f.Source)
				return
			}
			s.PDFFonts = append(s.PDFFonts, f)
		})},
	}, append(d.styleFields(&s.Style), d.publicationFields(&s.Publication)...)...)...) // house style: style.go; publishing: data.go
	l.checkTheme(d, themeNode, s.Theme)
	return s
}

// file reads one Markdown file and decodes its front matter with fn.
func (l *loader) file(name string, fn func(d *decoder, n *yaml.Node, body a.Markdown)) {
	d := &decoder{file: l.at(name).File, ds: &l.ds}
	if !l.checkFileSize(name) {
		return
	}
	src, err := fs.ReadFile(l.fsys, name)
	if err != nil {
		l.ds.Errorf(l.atFile(name), "%v", unwrap(err))
		return
	}
	fm, body, fmLine, bodyLine, err := Split(src)
	if err != nil {
		l.ds.Errorf(diag.Pos{File: d.file, Line: 1, Col: 1}, "%v", err)
		return
	}
	d.lineOff = fmLine - 1
	if !checkUTF8(&l.ds, d.file, fm, fmLine) {
		return
	}
	n := d.parse(fm)
	md := a.Markdown{Source: string(body), Pos: diag.Pos{File: d.file, Line: bodyLine, Col: 1}}
	if n == nil || !d.checkTree(n, len(fm)) {
		return
	}
	if !checkBody(&l.ds, md) {
		md.Source = "" // refused: not parsed any further
	}
	fn(d, n, md)
}

// folder reads dir/_index.md with fn and returns the other entries of dir
// to visit; ok is false when there is no _index.md.
func (l *loader) folder(dir, what string, fn func(d *decoder, n *yaml.Node, body a.Markdown)) (rest []fs.DirEntry, ok bool) {
	index := path.Join(dir, "_index.md")
	if _, err := fs.Stat(l.fsys, index); err != nil {
		l.ds.Errorf(l.at(dir), "map van %s zonder _index.md: maak %s/_index.md met front matter (de verplichte sleutels staan in docs/content-format.md)", what, path.Base(dir))
		return nil, false
	}
	l.checkName(path.Base(dir), index)
	l.file(index, fn)
	entries, _ := fs.ReadDir(l.fsys, dir)
	for _, e := range entries {
		if !skip(e.Name()) && e.Name() != "_index.md" {
			rest = append(rest, e)
		}
	}
	return rest, true
}

func (l *loader) agreement(dir string) *a.Agreement {
	ag := &a.Agreement{ID: path.Base(dir)}
	var ann annotations
	var marks []*markdown.Mark
	entries, ok := l.folder(dir, "een overeenkomst", func(d *decoder, n *yaml.Node, body a.Markdown) {
		ag.Pos, ag.Preamble = d.pos(n), body
		d.agreementFile(n, ag, &ann)
		marks = l.marks(body)
		d.checkParties(n, ag)
	})
	if !ok {
		return nil
	}
	ag.Items = l.items(marks, &ann, ag.Preamble)
	for _, e := range entries {
		name := path.Join(dir, e.Name())
		if e.IsDir() && e.Name() == ReportsDir {
			l.reports(name, ag)
			continue
		}
		if s := l.section(name, e); s != nil && (!s.Draft || l.opt.Drafts) {
			ag.Sections = append(ag.Sections, s)
		}
	}
	numberUnordered(ag)
	l.reportStray(ag)
	l.ds = append(l.ds, ag.Validate()...)
	return ag
}

// section reads a section: a folder with _index.md and the sections below
// it, or a single .md file. Other files are skipped (nil).
func (l *loader) section(name string, e fs.DirEntry) *a.Section {
	var ann annotations
	var marks []*markdown.Mark
	read := func(d *decoder, n *yaml.Node, body a.Markdown, s *a.Section) {
		s.Pos, s.Body = d.pos(n), body
		d.sectionFile(n, s, &ann)
		marks = l.marks(body)
	}
	if !e.IsDir() {
		if !strings.HasSuffix(e.Name(), ".md") {
			return nil
		}
		s := &a.Section{ID: strings.TrimSuffix(e.Name(), ".md")}
		l.checkName(s.ID, name)
		l.file(name, func(d *decoder, n *yaml.Node, body a.Markdown) { read(d, n, body, s) })
		s.Items = l.items(marks, &ann, s.Body)
		return s
	}
	s := &a.Section{ID: e.Name()}
	entries, ok := l.folder(name, "een onderdeel", func(d *decoder, n *yaml.Node, body a.Markdown) { read(d, n, body, s) })
	if !ok {
		return nil
	}
	s.Items = l.items(marks, &ann, s.Body)
	for _, c := range entries {
		if sub := l.section(path.Join(name, c.Name()), c); sub != nil && (!sub.Draft || l.opt.Drafts) {
			s.Sections = append(s.Sections, sub)
		}
	}
	return s
}

// marks finds the items ({#id}) of a body and reports markers that are not
// valid ones.
func (l *loader) marks(body a.Markdown) []*markdown.Mark {
	src := []byte(body.Source)
	ms, loose := markers.Items(src)
	for _, lo := range loose {
		if lo.NotAtEnd {
			l.ds.Errorf(offsetPos(body, lo.Offset), "%s staat niet aan het eind van het lijstpunt, de alinea of de tabelrij: zet de markering achter de laatste zin", lo.Text)
			continue
		}
		l.ds.Errorf(offsetPos(body, lo.Offset), "%s is geen geldige markering van een item: schrijf {#id} met een id van kleine letters, cijfers en koppeltekens, beginnend met een letter", lo.Text)
	}
	return ms
}

// items turns the marks of a body into items, annotated by front matter.
// Every annotation must name an item of the same file.
func (l *loader) items(ms []*markdown.Mark, ann *annotations, body a.Markdown) []*a.Item {
	var ids []string
	var build func([]*markdown.Mark) []*a.Item
	build = func(ms []*markdown.Mark) []*a.Item {
		var out []*a.Item
		for _, m := range ms {
			it := &a.Item{ID: m.ID, Kind: a.Commitment, Text: m.Text, Number: m.Number, Pos: offsetPos(body, m.Offset)}
			ids = append(ids, m.ID)
			if an := ann.byID[m.ID]; an != nil {
				an.used = true
				it.Kind, it.Target, it.PartyRefs, it.AnnPos = an.kind, an.target, an.parties, an.pos
				if an.number != "" {
					it.Number = an.number
				}
			}
			if it.Number == "" { // "2.1 Thuisvester bouwt …": the text carries its number
				it.Number = strings.TrimSuffix(leadingNumber.FindString(m.Text), ".")
				it.Number = strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(it.Number), "."))
			}
			it.Items = build(m.Children)
			out = append(out, it)
		}
		return out
	}
	items := build(ms)
	for _, an := range ann.list {
		if !an.used {
			l.stray = append(l.stray, stray{an, ids})
		}
	}
	return items
}

// reportStray reports annotations without their item in the same file,
// saying where the item is when it is elsewhere in the agreement.
func (l *loader) reportStray(ag *a.Agreement) {
	where := map[string]diag.Pos{}
	ag.EachItem(func(it *a.Item) { where[it.ID] = it.Pos })
	for _, s := range l.stray {
		if p, ok := where[s.an.id]; ok {
			l.ds.Errorf(s.an.pos, "item %q staat in de tekst van een ander bestand (%s): zet deze annotatie in de front matter van dat bestand", s.an.id, p)
			continue
		}
		l.ds.Errorf(s.an.pos, "item %q staat niet in de tekst van dit bestand: zet {#%s} aan het eind van het lijstpunt of de alinea%s", s.an.id, s.an.id, diag.DidYouMean(s.an.id, s.ids))
	}
	l.stray = nil
}

// leadingNumber is a number a text starts with: "2.1 ", "1.2.3 ". One
// level ("5 tot 10", "1.200 woningen") is a quantity, not a number.
var leadingNumber = regexp.MustCompile(`^\d{1,2}(\.\d{1,2})+\.?\s`)

// offsetPos is the position of byte off of a body.
func offsetPos(body a.Markdown, off int) diag.Pos {
	src := body.Source[:min(off, len(body.Source))]
	line := strings.Count(src, "\n")
	col := utf8.RuneCountInString(src[strings.LastIndexByte(src, '\n')+1:]) + 1
	return diag.Pos{File: body.Pos.File, Line: body.Pos.Line + line, Col: col}
}

// markers finds items in bodies; raw HTML does not matter for that.
var markers = markdown.New()

// unwrap drops the operation and path from fs errors: the position already names the file.
func unwrap(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}

// reports reads the narratives of monitoring reports.
func (l *loader) reports(dir string, ag *a.Agreement) {
	entries, _ := fs.ReadDir(l.fsys, dir)
	for _, e := range entries {
		name := path.Join(dir, e.Name())
		if skip(e.Name()) {
			continue
		}
		if e.IsDir() || !strings.HasSuffix(e.Name(), ".md") {
			l.ds.Errorf(l.atFile(name), "in voortgang/ horen alleen rapportages als 2023-q4.md")
			continue
		}
		r := &a.Report{Slug: strings.TrimSuffix(e.Name(), ".md")}
		d, err := a.ParseMomentSlug(r.Slug)
		if err != nil {
			l.ds.Errorf(diag.Pos{File: l.at(name).File, Line: 1, Col: 1}, "%v", err)
			continue
		}
		r.Date = d
		l.file(name, func(d *decoder, n *yaml.Node, body a.Markdown) {
			r.Pos, r.Body = d.pos(n), body
			d.mapping(n, "rapportage", field{"title", false, d.str(&r.Title, "title")})
		})
		ag.Reports = append(ag.Reports, r)
	}
}
