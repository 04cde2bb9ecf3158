// Package pdf renders an agreement as a signature-ready A4 PDF with maroto
// v2: a cover, a table of contents with page numbers, the body in document
// order with the document's own headings and numbers and nothing of the
// PDF's own before the signatures, a signing page with a signature block
// per signatory (or, signed digitally, an empty signature field each) and
// the fingerprint of the source, the bijlagen, and on every page a footer
// with "pagina X van Y", the version, the short fingerprint and a paraaf
// box per party (none when signed digitally). It has bookmarks per section,
// clickable contents, XMP metadata and /Lang nl, and it is a tagged PDF whose
// structure follows the document (tag.go). The same agreement always gives
// the same bytes.
package pdf

import (
	"fmt"
	"sync"
	"time"

	"github.com/johnfercher/maroto/v2"
	"github.com/johnfercher/maroto/v2/pkg/config"
	"github.com/johnfercher/maroto/v2/pkg/consts/pagesize"
	"github.com/johnfercher/maroto/v2/pkg/core"
	"github.com/johnfercher/maroto/v2/pkg/core/entity"
	"github.com/johnfercher/maroto/v2/pkg/props"
	"github.com/phpdave11/gofpdf"

	"github.com/prestatie/prestatie/internal/agreement"
)

// Options adjust the document.
type Options struct {
	// Date is written as the PDF's CreationDate and ModDate; zero means the
	// agreement's date, or 1 January of its first year when the document
	// states no date, so that the same source gives the same bytes.
	Date time.Time
	// Theme gives the colours of headings and rules; the zero value is the
	// default dark blue.
	Theme Theme
	// Logos are the parties' logos by party id, drawn on the cover. The
	// PDF writer takes PNG and JPEG only (not interlaced, 8 bits).
	Logos map[string]Logo
	// Fonts are further TrueType faces, tried in order for the characters
	// Liberation Sans and DejaVu Sans lack (CJK): see CheckFont.
	Fonts []Font
}

// Logo is an image file's bytes and its kind.
type Logo struct {
	Data []byte
	JPEG bool // false: PNG
}

// Render returns the PDF of the agreement. It never panics: a failure inside
// the PDF writer comes back as an error.
func Render(ag *agreement.Agreement, opt Options) (out []byte, err error) {
	defer func() {
		if r := recover(); r != nil {
			out, err = nil, fmt.Errorf("pdf van %s: interne fout in de PDF-opmaak: %v", ag.ID, r)
		}
	}()
	if err := loadMetrics(); err != nil {
		return nil, fmt.Errorf("pdf: %w", err)
	}
	if err := Check(ag); err != nil {
		return nil, err
	}
	date := opt.Date
	if date.IsZero() {
		date = ag.Date.Time()
		if ag.Date.IsZero() {
			date = time.Date(max(ag.Period.From, 1970), time.January, 1, 0, 0, 0, 0, time.UTC)
		}
	}
	extra, err := registerFonts(opt.Fonts)
	if err != nil {
		return nil, fmt.Errorf("pdf van %s: %w", ag.ID, err)
	}
	th := newTheme(opt.Theme)
	th.setExtra(extra)
	d := newDoc(ag, th)
	d.logos, d.date = opt.Logos, date

	// Pass 1 lays the document out without writing it, to learn on which
	// page every contents entry lands and how many pages there are. The
	// next pass prints those numbers; rows keep their heights whatever the
	// numbers are, so the layout does not move. Rendering records where
	// the entries really land, and a mismatch (never seen) triggers another
	// pass.
	m := newMaroto(d.config(date, false), date)
	if err := d.build(m, pagination{pages: map[string]int{}}, nil); err != nil {
		return nil, fmt.Errorf("pdf van %s: %w", ag.ID, err)
	}
	pg := scan(m.GetStructure()) // GetStructure changes m: never reuse it
	for range 3 {
		// The faces share the bytes of the parsed fonts until the footer of
		// the last page hands the writer the subsets (useSubsets); when
		// the pages will not match the footer's count, at once.
		m := newMaroto(d.config(date, true), date)
		if err := installFonts(m, docFaces(d.faces, d.th.extra), true); err != nil {
			return nil, fmt.Errorf("pdf: lettertype: %w", err)
		}
		track := newTracker()
		if err := d.build(m, pg, track); err != nil {
			return nil, fmt.Errorf("pdf van %s: %w", ag.ID, err)
		}
		if pagesOf(m) != pg.total {
			if err := ownBytes(writerOf(providerOf(m))); err != nil {
				return nil, fmt.Errorf("pdf: lettertype: %w", err)
			}
		}
		var subsetErr error
		var faces *facePlan
		track.onLast = func(p core.Provider) { faces, subsetErr = useSubsets(writerOf(p)) }
		res, err := m.Generate()
		if err != nil {
			return nil, fmt.Errorf("pdf van %s: %w", ag.ID, err)
		}
		if subsetErr != nil {
			return nil, fmt.Errorf("pdf: lettertype: %w", subsetErr)
		}
		got := pagination{total: track.total(), pages: track.anchors}
		if got.equal(pg) {
			out, err := spliceFaces(res.GetBytes(), faces)
			if err != nil {
				return nil, err
			}
			out, err = tagPDF(out, track.tags, track.total())
			if err != nil {
				return nil, err
			}
			out, err = compressStreams(out, compressLevel)
			if err != nil {
				return nil, err
			}
			out, err = finish(out, "nl")
			if err != nil {
				return nil, err
			}
			for i := range track.sigs {
				track.sigs[i].obj, track.sigs[i].key = track.tags.widgetObj+i, track.tags.widgetKey+i
			}
			return addSigFields(out, track.sigs)
		}
		pg = got
	}
	return nil, fmt.Errorf("pdf van %s: de paginanummers worden niet stabiel", ag.ID)
}

// maxFooter is the most of a page the footer may take, mm.
const maxFooter = pageH / 3

// Check reports an agreement that no page layout can print: so many
// parties that their paraaf boxes would take more than a third of every
// page. The check command can call it before a build.
func Check(ag *agreement.Agreement) error {
	if err := loadMetrics(); err != nil {
		return fmt.Errorf("pdf: %w", err)
	}
	f := newFooter(ag, newTheme(Theme{}), contentW, nil, 0, "")
	if f.h > maxFooter {
		return fmt.Errorf("pdf van %s: de paraafvakken van %d partijen nemen %.0f mm van elke pagina in, meer dan een derde; "+
			"geef de partijen kortere labels (label), of zet signing: digital als de overeenkomst digitaal wordt ondertekend (zonder paraafvakken)", ag.ID, len(f.boxes), f.h)
	}
	return nil
}

var (
	gofpdfOnce sync.Once
	// gofpdfMu guards gofpdf's package-level default modification date,
	// which maroto.New reads when it creates the writer.
	gofpdfMu sync.Mutex
)

// newMaroto creates the document with a fixed modification date and sorted
// catalogs (gofpdf writes fonts and images in map order otherwise).
func newMaroto(cfg *entity.Config, date time.Time) core.Maroto {
	gofpdfOnce.Do(func() { gofpdf.SetDefaultCatalogSort(true) })
	gofpdfMu.Lock()
	defer gofpdfMu.Unlock()
	gofpdf.SetDefaultModificationDate(date)
	return maroto.New(cfg)
}

// config is the maroto configuration; without fonts it serves the layout
// pass, which never measures text through maroto. With fonts it names the
// default font, which installFonts then gives the writer.
func (d *doc) config(date time.Time, fonts bool) *entity.Config {
	md := d.meta(date)
	b := config.NewBuilder().
		WithPageSize(pagesize.A4).
		WithLeftMargin(marginLeft).WithRightMargin(marginRight).
		WithTopMargin(marginTop).WithBottomMargin(marginBottom).
		WithMaxGridSize(grid).
		WithTitle(md.title, true).
		WithAuthor(md.author, true).
		WithSubject(md.subject, true).
		WithKeywords(md.keywords, true).
		WithCreator("prestatie", true).
		WithCreationDate(date).
		WithCompression(false) // compressStreams does it, cheaper
	if fonts {
		b = b.WithDefaultFont(&props.Font{Family: family, Size: 10})
	}
	return b.Build()
}
