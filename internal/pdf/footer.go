package pdf

import (
	"math"
	"slices"
	"strconv"
	"strings"

	"github.com/johnfercher/go-tree/node"
	"github.com/johnfercher/maroto/v2/pkg/consts/align"
	"github.com/johnfercher/maroto/v2/pkg/core"
	"github.com/johnfercher/maroto/v2/pkg/core/entity"
	"github.com/johnfercher/maroto/v2/pkg/props"

	"github.com/prestatie/prestatie/internal/agreement"
)

// tracker follows the rendering of one document: maroto renders pages in
// order and the footer last on each page, so the number of footers drawn so
// far tells the page a component is drawn on. It also holds the internal
// links of the contents entries, made when the contents are drawn and
// pointed at their heading when the heading is drawn.
type tracker struct {
	footers int
	anchors map[string]int
	links   map[string]int // contents entry -> gofpdf link id
	sigs    []sigField     // signature fields, in the order drawn
	tags    *tagger        // the structure (tag.go)
	// cross-references (xref.go): the ids drawn (learnt in the first
	// pass), their gofpdf links and those whose place is set
	known  map[string]bool
	xrefs  map[string]int
	placed map[string]bool
	// onLast, when set, is called when the footer of the last page (by the
	// previous pass's count) is drawn: nothing is drawn after it.
	onLast func(core.Provider)
}

func newTracker() *tracker {
	return &tracker{anchors: map[string]int{}, links: map[string]int{}, tags: newTagger(),
		xrefs: map[string]int{}, placed: map[string]bool{}}
}

func (t *tracker) page() int        { return t.footers + 1 }
func (t *tracker) anchor(id string) { t.anchors[id] = t.page() }
func (t *tracker) total() int       { return t.footers }

// footer is drawn at the bottom of every page, the cover included: a rule,
// the short title and reference, the version (status and date) with the
// first 16 characters of the fingerprint, so that a page swapped in from
// another version shows, "pagina X van Y", and a paraaf box per party,
// wrapping into rows when there are many parties. A digitally signed
// agreement has no paraaf boxes. For a draft it also prints CONCEPT in the
// top margin of the page.
//
// With few parties the boxes stand beside the title (layout "side"); with
// many, the title and page number take one line and the boxes fill rows of
// the full width below it, as many per row as the longest word of a party's
// label allows.
type footer struct {
	th      *theme
	track   *tracker
	total   int
	width   float64
	draft   bool
	side    bool
	info    []line // side: title, reference; wide: "title · kenmerk ref"
	infoSt  textStyle
	infoW   float64
	boxes   []paraaf
	labelSt textStyle
	perRow  int
	slotW   float64
	boxH    float64
	boxesX  float64 // where the first box starts
	boxesY  float64 // top of the first row of boxes, relative to the footer
	h       float64
	xmp     []byte // the document's XMP metadata, handed to the writer on the first page
}

type paraaf struct{ label []line }

const (
	footerGap     = 4.0  // between the body and the rule
	paraafLabel   = 13.0 // width of the word "Paraaf" before the boxes (side layout)
	minSlot       = 18.0
	maxSlot       = 40.0
	initials      = 6.5 // room to initial, below the party's name
	minBox        = 12  // height of a paraaf box at least, mm
	maxLabelLines = 3   // of a party's label in its paraaf box
	labelSize     = 7   // the party's name in its paraaf box, points
	// readableParties is how many parties get paraaf boxes with names of
	// labelSize; more get smaller names, so the grid leaves room for text.
	readableParties = 15
	boxGap          = 1.5
	sideInfo        = 0.42 // share of the width for the title in the side layout
)

// shortPrint is how much of the fingerprint every footer shows.
const shortPrint = 16

// version is what ties a page to one version of the text: its status and
// date ("ter ondertekening, 28 november 2024") and the start of its
// fingerprint ("vingerafdruk 0a1b2c3d4e5f6a7b").
func version(ag *agreement.Agreement, fp string) (status, print string) {
	status = "ondertekende tekst"
	switch {
	case ag.Status == agreement.Draft || ag.Draft:
		status = "concept"
	case ag.Status == agreement.ForSignature:
		status = "ter ondertekening"
	}
	if !ag.Date.IsZero() {
		status += ", " + dateOf(ag.Date)
	}
	return status, "vingerafdruk " + fp[:min(len(fp), shortPrint)]
}

func newFooter(ag *agreement.Agreement, th *theme, width float64, track *tracker, total int, fp string) *footer {
	f := &footer{th: th, track: track, total: total, width: width,
		draft:   ag.Status == agreement.Draft || ag.Draft,
		infoSt:  textStyle{Extra: th.extra, Size: 8, Lead: 1.3, Color: th.muted},
		labelSt: textStyle{Extra: th.extra, Size: labelSize, Lead: 1.2, Color: th.muted, Whole: true}, // party labels: names
	}
	parties := ag.Parties
	if ag.Signing == agreement.Digital {
		parties = nil // nobody initials a digitally signed document
	}
	if len(parties) > readableParties {
		f.labelSt.Size = 5 // a grid that still leaves room for the text
	}
	n := max(len(parties), 1)
	slot := minSlot
	for _, p := range parties {
		for _, w := range strings.Fields(clean(p.Label)) {
			slot = math.Max(slot, textWidth(w, regular, f.labelSt.Size, f.th.extra)+2+boxGap+0.5)
		}
	}
	f.side = width*sideInfo+paraafLabel+float64(n)*slot <= width
	lh := f.infoSt.lineHeight()
	if f.side {
		f.infoW = width * sideInfo
		f.info = layout(txt(ag.ShortTitle), f.infoSt, f.infoW-2)
		if ag.Reference != "" {
			f.info = append(f.info, layout(txt("kenmerk "+ag.Reference), f.infoSt, f.infoW-2)...)
		}
		status, print := version(ag, fp)
		f.info = append(f.info, layout(txt(status), f.infoSt, f.infoW-2)...)
		f.info = append(f.info, layout(txt(print), f.infoSt, f.infoW-2)...)
		f.boxesX = f.infoW + paraafLabel
		f.perRow = n
		f.slotW = math.Min(maxSlot, (width-f.boxesX)/float64(n))
		f.boxesY = footerGap + 1.5
	} else {
		f.infoW = width - 32
		info := txt(ag.ShortTitle)
		if ag.Reference != "" {
			info = append(info, span{Text: " · kenmerk " + clean(ag.Reference)})
		}
		f.info = layout(info, f.infoSt, f.infoW)
		status, print := version(ag, fp)
		f.info = append(f.info, layout(txt(status+" · "+print), f.infoSt, f.infoW)...)
		per := max(1, int(width/slot))
		rows := (n + per - 1) / per
		f.perRow = (n + rows - 1) / rows
		f.slotW = math.Min(maxSlot, width/float64(f.perRow))
		// title line(s), then the caption "Paraaf per partij"
		f.boxesY = footerGap + 1.5 + float64(len(f.info))*lh + f.labelSt.lineHeight()*1.6
	}
	lines := 1
	for _, p := range parties {
		l := layout(txt(p.Label), f.labelSt, f.slotW-boxGap-2)
		if len(l) > maxLabelLines { // the full name is on the cover and the signing page
			l = slices.Clone(l[:maxLabelLines]) // the layout's lines are shared
			if rs := slices.Clone(l[len(l)-1].Runs); len(rs) > 0 {
				l[len(l)-1].Runs = rs
				r := &rs[len(rs)-1]
				r.Text += "…"
				r.Width += textWidth("…", r.Face, r.Size)
			}
		}
		lines = max(lines, len(l))
		f.boxes = append(f.boxes, paraaf{label: l})
	}
	f.boxH = math.Max(minBox, float64(lines)*f.labelSt.lineHeight()+initials+1)
	rows := (n + f.perRow - 1) / f.perRow
	boxes := float64(rows)*(f.boxH+boxGap) - boxGap
	if len(f.boxes) == 0 {
		boxes = 0
	}
	if f.side {
		text := float64(len(f.info)+1) * lh
		f.h = f.boxesY + math.Max(text, boxes) + 1
	} else {
		f.h = f.boxesY + boxes + 1
	}
	return f
}

func (f *footer) GetHeight(core.Provider, *entity.Cell) float64 { return f.h }
func (f *footer) SetConfig(*entity.Config)                      {}
func (f *footer) GetStructure() *node.Node[core.Structure] {
	return node.New(core.Structure{Type: "prestatie-footer"})
}

func (f *footer) Render(p core.Provider, cell *entity.Cell) {
	page := 0
	if f.track != nil {
		if f.track.footers == 0 && f.xmp != nil {
			if w := writerOf(p); w != nil {
				w.SetXmpMetadata(f.xmp)
			}
		}
		page = f.track.page()
		f.track.footers++
		if f.track.onLast != nil && page == f.total {
			defer f.track.onLast(p) // after the rest of the footer
		}
		f.track.tags.begin(p, "/Artifact <</Type /Pagination /Subtype /Footer>> BDC")
		defer f.track.tags.end()
	}
	x, y := cell.X, cell.Y+footerGap
	hline(p, x, y, f.width, 0.3, f.th.rule)
	lh := f.infoSt.lineHeight()
	for i, l := range f.info {
		drawLine(p, l, f.infoSt, x, y+1.5+float64(i)*lh, lh)
	}
	num := txt("pagina " + strconv.Itoa(page) + " van " + strconv.Itoa(f.total))
	by := cell.Y + f.boxesY
	if f.side {
		drawLine(p, layout(num, f.infoSt, f.infoW)[0], f.infoSt, x, y+1.5+float64(len(f.info))*lh, lh)
		if len(f.boxes) > 0 {
			drawLine(p, layout(txt("Paraaf"), f.infoSt, paraafLabel)[0], f.infoSt, x+f.boxesX-paraafLabel, by, lh)
		}
	} else {
		st := f.infoSt
		st.Align = align.Right
		drawLine(p, layout(num, st, 30)[0], st, x+f.width-30, y+1.5, lh)
		cap := f.labelSt
		cap.Size = max(cap.Size, 6) // as large as the names (7 pt up to readableParties)
		drawLine(p, layout(txt("Paraaf per partij"), cap, f.width)[0], cap, x, by-cap.lineHeight()*1.3, cap.lineHeight())
	}
	llh := f.labelSt.lineHeight()
	for i, b := range f.boxes {
		row, col := i/f.perRow, i%f.perRow
		bx := x + f.boxesX + float64(col)*f.slotW
		bt := by + float64(row)*(f.boxH+boxGap)
		box(p, bx, bt, f.slotW-boxGap, f.boxH, 0.25, f.th.rule)
		for j, l := range b.label {
			drawLine(p, l, f.labelSt, bx+1, bt+0.4+float64(j)*llh, llh)
		}
	}
	if f.draft {
		st := textStyle{Extra: f.th.extra, Size: 14, Lead: 1.2, Color: f.th.alert, Bold: true, Align: align.Right}
		l := layout(txt("CONCEPT"), st, f.width)
		drawLine(p, l[0], st, x, -13, st.lineHeight())
	}
}

func box(p core.Provider, x, y, w, h, thick float64, col props.Color) {
	hline(p, x, y, w, thick, col)
	hline(p, x, y+h, w, thick, col)
	vline(p, x, y, h, thick, col)
	vline(p, x+w, y, h, thick, col)
}
