package content

import (
	"bytes"
	"cmp"
	"errors"
	"io"
	"io/fs"
	"path"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"go.yaml.in/yaml/v3"

	a "github.com/prestatie/prestatie/internal/agreement"
	"github.com/prestatie/prestatie/internal/diag"
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
}

// Load reads the site in fsys: the configuration and every agreement under
// content/. It returns the validated model and all diagnostics, sorted. The
// site is only fit to render when the list holds no error.
func Load(fsys fs.FS, opt Options) (*a.Site, diag.List) {
	l := loader{fsys: fsys, opt: opt}
	site := l.config()
	entries, err := fs.ReadDir(fsys, "content")
	if err != nil {
		l.ds.Errorf(l.at("content"), "geen map content/ gevonden (%v): geef met --source de map die content/ bevat", unwrap(err))
		return site, l.ds.Sort()
	}
	for _, e := range entries {
		switch {
		case skip(e.Name()):
		case e.IsDir():
			if ag := l.agreement(path.Join("content", e.Name())); ag != nil && (!ag.Draft || opt.Drafts) {
				site.Agreements = append(site.Agreements, ag)
			}
		default:
			l.ds.Warnf(l.atFile(path.Join("content", e.Name())), "bestand wordt genegeerd: een overeenkomst is een map content/<naam>/ met _index.md")
		}
	}
	slices.SortStableFunc(site.Agreements, func(x, y *a.Agreement) int {
		return cmp.Or(strings.Compare(x.Municipality, y.Municipality), -cmp.Compare(x.Period.From, y.Period.From), strings.Compare(x.ID, y.ID))
	})
	return site, l.ds.Sort()
}

type loader struct {
	fsys fs.FS
	opt  Options
	ds   diag.List
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
	n := d.parse(src)
	if n == nil {
		return s
	}
	d.mapping(n, "siteconfiguratie",
		field{"title", false, d.str(&s.Title, "title")},
		field{"base_url", false, d.str(&s.BaseURL, "base_url")},
		field{"language", false, enum(d, &s.Language, "language", []a.Term[string]{{ID: "nl", Label: "Nederlands"}})},
		field{"theme", false, d.id(&s.Theme, "theme")},
		field{"unsafe_html", false, d.boolean(&s.UnsafeHTML, "unsafe_html")},
	)
	return s
}

// parse decodes YAML into its root node; a syntax error becomes a diagnostic.
func (d *decoder) parse(src []byte) *yaml.Node {
	var doc yaml.Node
	dec := yaml.NewDecoder(bytes.NewReader(src))
	if err := dec.Decode(&doc); err != nil {
		if errors.Is(err, io.EOF) { // empty front matter
			return &yaml.Node{Kind: yaml.MappingNode, Line: 1, Column: 1}
		}
		d.ds.Errorf(d.syntaxPos(src, err), "ongeldige YAML: %s", syntaxMessage(err))
		return nil
	}
	if len(doc.Content) == 0 {
		return &yaml.Node{Kind: yaml.MappingNode, Line: 1, Column: 1}
	}
	return doc.Content[0]
}

var yamlLine = regexp.MustCompile(`^yaml: line (\d+): `)

// syntaxPos turns "yaml: line N: ..." into a position (column of the first
// non-blank character of that line, as the library gives no column).
func (d *decoder) syntaxPos(src []byte, err error) diag.Pos {
	p := diag.Pos{File: d.file, Line: d.lineOff + 1, Col: 1}
	if m := yamlLine.FindStringSubmatch(err.Error()); m != nil {
		n, _ := strconv.Atoi(m[1])
		p.Line = n + d.lineOff
		lines := strings.Split(string(src), "\n")
		if n-1 < len(lines) {
			p.Col = len(lines[n-1]) - len(strings.TrimLeft(lines[n-1], " \t")) + 1
		}
	}
	return p
}

func syntaxMessage(err error) string {
	return strings.TrimPrefix(yamlLine.ReplaceAllString(err.Error(), ""), "yaml: ")
}

// file reads one Markdown file and decodes its front matter with fn.
func (l *loader) file(name string, fn func(d *decoder, n *yaml.Node, body a.Markdown)) {
	d := &decoder{file: l.at(name).File, ds: &l.ds}
	src, err := fs.ReadFile(l.fsys, name)
	if err != nil {
		l.ds.Errorf(d.pos(nil), "%v", unwrap(err))
		return
	}
	fm, body, fmLine, bodyLine, err := Split(src)
	if err != nil {
		l.ds.Errorf(diag.Pos{File: d.file, Line: 1, Col: 1}, "%v", err)
		return
	}
	d.lineOff = fmLine - 1
	n := d.parse(fm)
	if n == nil {
		return
	}
	fn(d, n, a.Markdown{Source: string(body), Pos: diag.Pos{File: d.file, Line: bodyLine, Col: 1}})
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
	entries, ok := l.folder(dir, "een overeenkomst", func(d *decoder, n *yaml.Node, body a.Markdown) {
		ag.Pos, ag.Preamble = d.pos(n), body
		d.agreementFile(n, ag)
	})
	if !ok {
		return nil
	}
	for _, e := range entries {
		name := path.Join(dir, e.Name())
		switch {
		case e.IsDir() && e.Name() == ReportsDir:
			l.reports(name, ag)
		case e.IsDir():
			if ch := l.chapter(name); ch != nil && (!ch.Draft || l.opt.Drafts) {
				ag.Chapters = append(ag.Chapters, ch)
			}
		case strings.HasSuffix(e.Name(), ".md"):
			l.ds.Errorf(l.atFile(name), "afspraken horen in een hoofdstukmap (content/<overeenkomst>/<hoofdstuk>/%s)", e.Name())
		}
	}
	l.ds = append(l.ds, ag.Validate()...)
	return ag
}

func (l *loader) chapter(dir string) *a.Chapter {
	ch := &a.Chapter{ID: path.Base(dir)}
	entries, ok := l.folder(dir, "een hoofdstuk", func(d *decoder, n *yaml.Node, body a.Markdown) {
		ch.Pos, ch.Intro = d.pos(n), body
		d.chapterFile(n, ch)
	})
	if !ok {
		return nil
	}
	for _, e := range entries {
		name := path.Join(dir, e.Name())
		switch {
		case e.IsDir():
			l.ds.Errorf(l.at(name), "map te diep genest: een hoofdstuk bevat alleen afspraakbestanden (.md); verplaats de bestanden naar de hoofdstukmap of maak er een eigen hoofdstuk van")
		case strings.HasSuffix(e.Name(), ".md"):
			af := &a.Afspraak{ID: strings.TrimSuffix(e.Name(), ".md")}
			l.checkName(af.ID, name)
			l.file(name, func(d *decoder, n *yaml.Node, body a.Markdown) {
				af.Pos = d.pos(n)
				af.Context = body
				d.afspraakFile(n, af)
			})
			if !af.Draft || l.opt.Drafts {
				ch.Afspraken = append(ch.Afspraken, af)
			}
		}
	}
	return ch
}

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
