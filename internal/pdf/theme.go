package pdf

import (
	"image/color"

	"github.com/johnfercher/maroto/v2/pkg/props"
)

// Theme holds the colours of the document. A zero colour (all components
// and alpha zero) takes the default.
type Theme struct {
	Primary color.RGBA // headings, title, numbers; default #154273
	Rule    color.RGBA // rules, table borders, paraaf boxes; default #8FA3B8
}

// DefaultTheme is the dark blue of Dutch government documents.
var DefaultTheme = Theme{
	Primary: color.RGBA{0x15, 0x42, 0x73, 0xff},
	Rule:    color.RGBA{0x8f, 0xa3, 0xb8, 0xff},
}

// theme is the resolved look: colours and text styles.
type theme struct {
	primary, rule, text, muted, alert, tint props.Color
	body, small                             textStyle
	extra                                   *extraFaces  // the site's further faces
	heads                                   [7]textStyle // by level 1..6
	above, below                            [7]float64   // space around headings
}

func rgb(c color.RGBA, def color.RGBA) props.Color {
	if c == (color.RGBA{}) {
		c = def
	}
	return props.Color{Red: int(c.R), Green: int(c.G), Blue: int(c.B)}
}

// mix blends c with white; f is the share of c.
func mix(c props.Color, f float64) props.Color {
	m := func(v int) int { return int(float64(v)*f + 255*(1-f) + 0.5) }
	return props.Color{Red: m(c.Red), Green: m(c.Green), Blue: m(c.Blue)}
}

func newTheme(t Theme) *theme {
	th := &theme{
		primary: rgb(t.Primary, DefaultTheme.Primary),
		rule:    rgb(t.Rule, DefaultTheme.Rule),
		text:    props.Color{Red: 0x1a, Green: 0x1a, Blue: 0x1a},
		muted:   props.Color{Red: 0x55, Green: 0x5b, Blue: 0x63},
		alert:   props.Color{Red: 0xb0, Green: 0x1c, Blue: 0x1c},
	}
	th.tint = mix(th.primary, 0.10)
	th.body = textStyle{Size: 11, Lead: 1.4, Color: th.text}
	th.small = textStyle{Size: 8.5, Lead: 1.35, Color: th.muted}
	sizes := [7]float64{0, 16, 13, 11, 10, 10, 10}
	above := [7]float64{0, 7, 5, 3.5, 3, 3, 3}
	below := [7]float64{0, 3, 2, 1.2, 1, 1, 1}
	for l := 1; l <= 6; l++ {
		col := th.primary
		if l >= 4 {
			col = th.text
		}
		th.heads[l] = textStyle{Size: sizes[l], Lead: 1.25, Color: col, Bold: true, Whole: true}
		th.above[l], th.below[l] = above[l], below[l]
	}
	return th
}

// setExtra gives every style of the theme the site's further faces.
func (th *theme) setExtra(e *extraFaces) {
	th.extra = e
	th.body.Extra, th.small.Extra = e, e
	for i := range th.heads {
		th.heads[i].Extra = e
	}
}
