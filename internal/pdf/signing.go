package pdf

import (
	"math"
	"strconv"
	"strings"

	"github.com/prestatie/prestatie/internal/agreement"
	"github.com/prestatie/prestatie/internal/dutch"
)

// signing prints the signing page: the number of pages and the fingerprint
// above the signatures, then a signature block per signatory, grouped under
// the document's own party groups. A digitally signed agreement gets no
// signature lines but the statement of how it was signed.
func (d *doc) signing(b *builder, pg pagination) {
	ag, th := d.ag, d.th
	b.open("Sect")
	defer b.close()
	b.heading(1, nil, txt("Ondertekening"), "ondertekening", flow{})
	n := "Deze overeenkomst bestaat uit " + strconv.Itoa(pg.total) + " pagina's" // plain apostrophe: the wording of the signing convention
	if len(ag.Annexes()) > 0 {
		n += " (inclusief bijlagen)"
	}
	b.para(txt(n+"."), th.body, paraOpts{bottom: 2, keep: true})
	b.para([]span{{Text: "Vingerafdruk van de bron (SHA-256): "}, {Text: d.fp}}, th.small, paraOpts{bottom: 4, keep: true, wide: true})
	lead := th.body
	lead.Bold = true
	if digital(ag) {
		if strings.TrimSpace(ag.SigningNote) != "" {
			b.blocks(d.parse(ag.SigningNote), flow{level: 2, keep: true})
		} else {
			b.para(txt("Deze overeenkomst is digitaal ondertekend."), th.body, paraOpts{bottom: 4, keep: true})
		}
	} else {
		b.para(txt("Aldus overeengekomen en ondertekend."), lead, paraOpts{bottom: 4, keep: true})
	}

	w := contentW/2 - 6
	groupSt := th.body
	groupSt.Bold, groupSt.Color, groupSt.Whole = true, th.primary, true
	// When the signatures run on to another page, that page starts with
	// "Ondertekening (vervolg)"; the first signatures stay with "Aldus
	// overeengekomen" and the page count above them.
	started := false
	cont := func(h float64) {
		if started && len(b.chain) == 0 && !b.fits(h) {
			b.newPage()
			b.asArtifact(func() { b.heading(1, nil, txt("Ondertekening (vervolg)"), "", flow{}) })
		}
	}
	for _, g := range partyGroups(ag) {
		var blocks []*textBlock
		for _, p := range g.parties {
			sigs := p.Signatories
			if len(sigs) == 0 {
				sigs = []agreement.Signatory{{}}
			}
			for _, s := range sigs {
				sb := d.signatureBlock(p, s, w)
				sb.track = b.track
				blocks = append(blocks, sb)
			}
		}
		heights := []float64{}
		for i := 0; i < len(blocks); i += 2 {
			h := blocks[i].height()
			if i+1 < len(blocks) {
				h = math.Max(h, blocks[i+1].height())
			}
			heights = append(heights, h)
		}
		if g.name != "" {
			head := layout(txt(g.name), groupSt, contentW)
			cont(2 + float64(len(head))*groupSt.lineHeight() + 3 + heights[0])
			b.para(txt(g.name), groupSt, paraOpts{top: 2, bottom: 3, keep: true})
		}
		for i := 0; i < len(blocks); i += 2 {
			pair := []*textBlock{blocks[i], nil}
			if i+1 < len(blocks) {
				pair[1] = blocks[i+1]
				pair[1].indent = 6
			}
			h := heights[i/2]
			cont(h)
			for _, sb := range pair {
				if sb != nil {
					sb.tag = b.blockTag("P")
					if sb.sig != nil {
						sb.sig.form = b.leaf("Form")
					}
				}
			}
			b.push(columns(pair, h), h, false)
			started = true
		}
	}
}

// signatureBlock is one signature: organisation, "namens deze", name,
// function, place, date and a signature line; missing values are open lines.
// For a digitally signed agreement it names the signatory without lines.
func (d *doc) signatureBlock(p *agreement.Party, s agreement.Signatory, w float64) *textBlock {
	st := d.th.body
	st.Lead = 1.55
	st.Whole = true // names, functions and places are not hyphenated
	labelW := 24.0
	t := &textBlock{st: st, bottom: 8}
	org := st
	org.Bold = true
	t.lines = append(t.lines, layout(txt(p.Name), org, w)...)
	t.lines = append(t.lines, layout([]span{{Text: "namens deze,", Italic: true}}, st, w)...)
	dig := digital(d.ag)
	if dig {
		t.bottom = 4
	}
	field := func(label, value string) {
		// the label ends with a space, so that its text reads "naam: X"
		lab := run{Text: label + " ", Face: regular, Size: st.Size, Width: textWidth(label+" ", regular, st.Size)}
		if strings.TrimSpace(value) == "" {
			if dig {
				return
			}
			t.rules = append(t.rules, hrule{line: len(t.lines), x1: labelW, x2: w, col: d.th.rule})
			t.lines = append(t.lines, line{Runs: []run{lab}})
			return
		}
		for i, l := range layout(txt(value), st, w-labelW) {
			var runs []run
			if i == 0 {
				runs = append(runs, lab)
			}
			for _, r := range l.Runs { // the layout's lines are shared: moved copies
				r.X += labelW
				runs = append(runs, r)
			}
			l.Runs = runs
			t.lines = append(t.lines, l)
		}
	}
	field("naam:", s.Name)
	field("functie:", s.Function)
	field("plaats:", s.Place)
	if dig { // an empty signature field for the e-signature tool
		tip := "Handtekening namens " + flatText(p.Name)
		if s.Name != "" {
			tip += ", " + flatText(s.Name)
		}
		t.lines = append(t.lines, line{})
		t.sig = &sigArea{line: len(t.lines), n: int(math.Ceil(sigFieldH / st.lineHeight())), w: w, tip: tip}
		t.barCol = d.th.rule
		for range t.sig.n {
			t.lines = append(t.lines, line{})
		}
		return t
	}
	field("datum:", "")
	field("handtekening:", "")
	t.rules = t.rules[:len(t.rules)-1] // the signature line goes below the space to sign
	// The line to sign on lies signRoom mm or more below "handtekening:".
	label := len(t.lines) - 1
	t.lines = append(t.lines, line{})
	for signSpace(t.st, label, len(t.lines)-1) < signRoom {
		t.lines = append(t.lines, line{})
	}
	t.rules = append(t.rules, hrule{line: len(t.lines) - 1, x1: 0, x2: w, col: d.th.text})
	return t
}

// signRoom is the room to sign above each signature line, mm; sigFieldH
// the height of a digital signature field.
const (
	signRoom  = 25.0
	sigFieldH = 18.0
)

// signSpace is the room between the bottom of line label and a rule drawn
// under line rule of a text block in style st, as textBlock.Render draws it.
func signSpace(st textStyle, label, rule int) float64 {
	lh := st.lineHeight()
	return float64(rule)*lh + baseline(lh, st.Size) + 0.8 - float64(label+1)*lh
}

// dateOf is "6 april 2023"; a date that cannot be written so (never after
// validation) is printed as it is.
func dateOf(d agreement.Date) string {
	if d.Month < 1 || d.Month > 12 {
		return d.String()
	}
	return dutch.DateOf(d)
}
