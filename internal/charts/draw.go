package charts

import "cmp"

// A chart draws only what a drawing says better than words: one bar alone
// becomes a number card, and example numbers are marked in the drawing.

// draw gives c the drawing of b, or, when b would draw one lonely bar, a
// number card in its place (unless the caller made the cards already).
func draw(c *Chart, b bars) {
	if p, cat, n := b.lone(); n <= 1 {
		if c.Cards == nil && p != nil {
			c.Cards = []Card{{Label: cmp.Or(b.cardLabel, cat), Value: p.label}}
		}
		return
	}
	b.aria = c.Description()
	b.illustrative = c.Illustrative
	c.Option, c.Height = b.option(), b.height()
}

// lone counts the bars b draws (a goal counts as one, a zero as none): one
// bar alone says nothing a number does not say better. With one bar, it is
// returned with its category.
func (b bars) lone() (*point, string, int) {
	var first *point
	cat := ""
	n := 0
	for _, s := range b.series {
		for j, p := range s.points {
			if s.total || p.value == nil || (*p.value == 0 && !s.goal) {
				continue
			}
			if n++; n == 1 {
				first = &s.points[j]
				if j < len(b.categories) {
					cat = b.categories[j]
				}
			}
		}
	}
	return first, cat, n
}

// Watermark is the word "Illustratief" written large and faint across the
// plot, behind the bars, so that it never hides a number; the caption and
// the description say it in words.
const Watermark = "Illustratief"

func watermark() map[string]any {
	return map[string]any{
		"type": "text", "left": "center", "top": "middle", "silent": true, "z": 0, "rotation": 0.2,
		"style": map[string]any{"text": Watermark, "fontSize": 40, "fontWeight": "bold", "fill": "rgba(84,84,84,0.16)", "fontFamily": fontFamily},
	}
}
