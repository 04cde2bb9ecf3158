package pdf

import (
	"math"
	"strconv"
	"strings"
	"sync"

	"github.com/johnfercher/go-tree/node"
	"github.com/johnfercher/maroto/v2/pkg/consts/align"
	"github.com/johnfercher/maroto/v2/pkg/consts/linestyle"
	"github.com/johnfercher/maroto/v2/pkg/consts/orientation"
	"github.com/johnfercher/maroto/v2/pkg/core"
	"github.com/johnfercher/maroto/v2/pkg/core/entity"
	"github.com/johnfercher/maroto/v2/pkg/props"
	"github.com/phpdave11/gofpdf"
)

// textBlock is a maroto component that draws laid-out lines: a paragraph, a
// heading, a list item with its marker, a table cell. Its height is fixed
// when it is made, so pagination never has to ask the PDF writer.
type textBlock struct {
	lines   []line
	st      textStyle
	top     float64 // space above the first line, mm
	bottom  float64 // space below the last line, mm
	indent  float64 // x of the text within the cell, mm
	marker  *line   // drawn on the first line at markerX
	markX   float64
	bars    []float64 // x of vertical rules (block quotes), drawn over the full height
	barCol  props.Color
	anchor  string   // id of a heading listed in the contents
	dests   []string // ids of the place, for cross-references (xref.go)
	heading bool
	// outline is the bookmark level plus one (0: no bookmark), outlineText
	// its title.
	outline     int
	outlineText string
	sig         *sigArea // a signature field (digital signing)
	track       *tracker
	tag         *tagRef // where the lines go in the structure (tag.go)
	// open lines (signature blocks): a horizontal rule under line i from x1
	// to x2, measured from the indent
	rules []hrule
}

type hrule struct {
	line   int
	x1, x2 float64
	col    props.Color
}

func (t *textBlock) height() float64 {
	return t.top + float64(len(t.lines))*t.st.lineHeight() + t.bottom
}

func (t *textBlock) GetHeight(core.Provider, *entity.Cell) float64 { return t.height() }

func (t *textBlock) SetConfig(*entity.Config) {}

func (t *textBlock) GetStructure() *node.Node[core.Structure] {
	var b strings.Builder
	if t.marker != nil {
		b.WriteString(t.marker.text())
		b.WriteByte(' ')
	}
	for i, l := range t.lines {
		if i > 0 {
			b.WriteByte('\n')
		}
		b.WriteString(l.text())
	}
	right := 0.0
	for _, l := range t.lines {
		right = math.Max(right, t.indent+l.Width)
	}
	details := map[string]any{"right": right}
	if t.anchor != "" {
		details["anchor"] = t.anchor
	}
	if t.heading {
		details["heading"] = true
	}
	return node.New(core.Structure{Type: "prestatie-text", Value: b.String(), Details: details})
}

func (t *textBlock) Render(p core.Provider, cell *entity.Cell) {
	if t.anchor != "" && t.track != nil {
		t.track.anchor(t.anchor)
	}
	lh := t.st.lineHeight()
	for _, x := range t.bars {
		vline(p, cell.X+x, cell.Y, t.height(), 0.6, t.barCol)
	}
	for i, l := range t.lines {
		top := cell.Y + t.top + float64(i)*lh
		if i == 0 && t.marker != nil { // the marker first: it is read first
			t.draw(p, *t.marker, cell.X+t.markX, top, lh, true)
		}
		t.draw(p, l, cell.X+t.indent, top, lh, false)
	}
	for _, r := range t.rules {
		base := cell.Y + t.top + float64(r.line)*lh + baseline(lh, t.st.Size) + 0.8
		hline(p, cell.X+t.indent+r.x1, base, r.x2-r.x1, 0.2, r.col)
	}
	if t.track != nil && len(t.dests) > 0 {
		t.track.place(p, t.dests, cell.Y+t.top)
	}
	t.mark(p, cell.Y+t.top) // after the text: the writer's font is then UTF-8
	t.drawSig(p, cell)
}

// baseline is the distance from the top of a line box to the baseline, so
// that the font's ascent and descent (0.905 and 0.212 em for Liberation
// Sans) sit centred in the line.
func baseline(lh, size float64) float64 { return lh/2 + 0.3465*size*ptToMM }

func drawLine(p core.Provider, l line, st textStyle, x, top, lh float64) {
	w := writerOf(p)
	base := top + baseline(lh, st.Size)
	for _, r := range l.Runs {
		b := base
		if r.Sup {
			b -= st.Size * ptToMM * 0.33
		}
		size := r.Size * ptToMM
		col := st.Color
		link := ""
		if r.Link != "" && !strings.HasPrefix(r.Link, "#") { // "#id": xref.go
			link = r.Link
		}
		// maroto puts the baseline one font size below the top of the cell
		// and prints on one line when the text fits the cell's width.
		cell := entity.Cell{X: x + r.X, Y: b - size, Width: r.Width + 1, Height: size}
		if !addText(w, r.Text, cell, r.Face, r.Size, col, link) {
			prop := &props.Text{
				Family: r.Face.family(), Style: r.Face.style(), Size: r.Size, Align: align.Left, Color: &col,
			}
			if link != "" {
				prop.Hyperlink = &link
			}
			p.AddText(r.Text, &cell, prop)
		}
		if r.Str {
			hline(p, x+r.X, b-size*0.3, r.Width, 0.25, col)
		}
	}
}

// addText draws a run of text as maroto's AddText does for text that fits
// its cell, left aligned, but straight through the writer, with the same
// bytes: maroto selects the font three times for every run and gofpdf
// writes each selection into the page, which here is done once and
// written three times; the colour is set only when it changes (gofpdf only
// keeps it). It reports false, having drawn nothing, when the text would
// not fit (maroto would break it; that text gets one selection more) or
// there is no writer.
func addText(w *gofpdf.Fpdf, text string, cell entity.Cell, f face, size float64, col props.Color, link string) bool {
	if w == nil || !directText {
		return false
	}
	fam, style := f.family(), string(f.style())
	w.SetFont(fam, style, size)
	// maroto selected the font three times, and gofpdf writes every
	// selection into the page: the same bytes, without the work of two.
	if id, ok := fontIDs.Load(f); ok {
		sel := "BT /F" + id.(string) + " " + strconv.FormatFloat(size, 'f', 2, 64) + " Tf ET"
		w.RawWriteStr(sel)
		w.RawWriteStr(sel)
	} else {
		w.SetFont(fam, style, size)
		w.SetFont(fam, style, size)
	}
	width := w.GetStringWidth(text)
	if width > cell.Width {
		return false
	}
	// maroto's font height: the size in points, in millimetres
	height := size / (72.0 / 25.4)
	r, g, b := w.GetTextColor()
	if link != "" {
		col = props.BlueColor // as maroto draws links
	}
	textColor(w, col.Red, col.Green, col.Blue)
	left, top, _, _ := w.GetMargins()
	w.Text(cell.X+left, cell.Y+height+top, text)
	if link != "" {
		w.LinkString(cell.X+left, cell.Y+height+top-height, width, height, link)
	}
	textColor(w, r, g, b)
	return true
}

// textColor sets the writer's text colour unless it has it already, which
// would change nothing: gofpdf only keeps it until text is drawn.
func textColor(w *gofpdf.Fpdf, r, g, b int) {
	if cr, cg, cb := w.GetTextColor(); cr != r || cg != g || cb != b {
		w.SetTextColor(r, g, b)
	}
}

func hline(p core.Provider, x, y, w, thick float64, col props.Color) {
	c := col
	p.AddLine(&entity.Cell{X: x, Y: y, Width: w}, &props.Line{
		Color: &c, Style: linestyle.Solid, Thickness: thick, Orientation: orientation.Horizontal, SizePercent: 100,
	})
}

func vline(p core.Provider, x, y, h, thick float64, col props.Color) {
	c := col
	p.AddLine(&entity.Cell{X: x, Y: y, Height: h}, &props.Line{
		Color: &c, Style: linestyle.Solid, Thickness: thick, Orientation: orientation.Vertical, SizePercent: 100,
	})
}

func dottedLine(p core.Provider, x, y, w float64, col props.Color) {
	c := col
	p.AddLine(&entity.Cell{X: x, Y: y, Width: w}, &props.Line{
		Color: &c, Style: linestyle.Dashed, Thickness: 0.2, Orientation: orientation.Horizontal, SizePercent: 100,
	})
}

// directText is false only in a test that compares with maroto's AddText.
var directText = true

// fontIDs are gofpdf's names of the faces (their fonts' ids), by face,
// as the templates were made (templateOf).
var fontIDs sync.Map
