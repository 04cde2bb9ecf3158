package pdf

import (
	"math"
	"strconv"

	"github.com/johnfercher/maroto/v2/pkg/consts/align"
	"github.com/johnfercher/maroto/v2/pkg/core"
	"github.com/johnfercher/maroto/v2/pkg/core/entity"
	"github.com/johnfercher/maroto/v2/pkg/props"
)

// contents prints the table of contents: the sections down to tocDepth,
// each with a dotted leader to the page pg learnt in the previous pass and
// a link to its heading.
func (d *doc) contents(b *builder, pg pagination) {
	b.heading(1, nil, txt("Inhoud"), "inhoud", flow{})
	b.openTOC()
	defer b.close()
	numW := 14.0
	for _, e := range d.toc {
		st := d.th.body
		st.Whole = true // an entry reads as its heading does
		indent, top := 0.0, 0.3
		if e.level == 1 {
			st.Bold = true
			top = 1.8
		} else {
			indent = numW * float64(e.level-1)
		}
		tb := &textBlock{st: st, top: top, indent: indent}
		tw := contentW - indent - 16
		title := txt(e.title)
		if e.number != "" {
			mw := math.Max(numW, textWidth(e.number, faceOf(st.Bold, false), st.Size, st.Extra)+3)
			ml := layout(txt(e.number), st, mw)[0]
			tb.marker, tb.markX = &ml, indent
			tb.indent += mw
			tw -= mw
		}
		tb.lines = layout(title, st, tw)
		t := &tocLine{textBlock: tb, leader: d.th.rule, target: e.anchor, page: pg.pages[e.anchor]}
		tb.track = b.track
		tb.tag = b.tocItem(e.level)
		if n := pg.pages[e.anchor]; n > 0 {
			l := layout(txt(strconv.Itoa(n)), textStyle{Extra: st.Extra, Size: st.Size, Lead: st.Lead, Bold: st.Bold, Align: align.Right}, 12)[0]
			t.num = &l
		}
		b.push(full(t, tb.height()), tb.height(), false)
	}
}

// tocLine is a contents entry: its title, a dotted leader and the page,
// and a link to the heading.
type tocLine struct {
	*textBlock
	num    *line
	leader props.Color
	target string // anchor of the heading
	page   int
}

func (t *tocLine) Render(p core.Provider, cell *entity.Cell) {
	t.textBlock.Render(p, cell)
	t.link(p, cell.X, cell.Y, contentW, t.height())
	if t.num == nil {
		return
	}
	lh := t.st.lineHeight()
	last := len(t.lines) - 1
	top := cell.Y + t.top + float64(last)*lh
	from := cell.X + t.indent + t.lines[last].Width + 2
	to := cell.X + contentW - 14
	if to > from {
		dottedLine(p, from, top+baseline(lh, t.st.Size), to-from, t.leader)
	}
	t.draw(p, *t.num, cell.X+contentW-12, top, lh, false)
}
