package charts

import (
	"html"
	"math"
	"strconv"

	"github.com/go-echarts/go-echarts/v2/charts"
	"github.com/go-echarts/go-echarts/v2/opts"
	"github.com/go-echarts/go-echarts/v2/types"

	"github.com/prestatie/prestatie/internal/dutch"
)

// Colours. Every colour that carries meaning has at least 3:1 contrast with
// the white background (WCAG 1.4.11) or a dark outline, and never carries it
// alone: bars have direct labels, series have decal patterns and a legend,
// and the table beside the chart has every number.
var (
	// palette is for series without a meaning of their own (moments,
	// groups); all ≥ 4.5:1 against white, told apart by decals as well.
	palette = []string{"#01689b", "#a65a00", "#2b7a32", "#5c2d91", "#a4262c", "#545454", "#006d77"}

	// statusColours match the theme's --prestatie-color-status-* tokens.
	statusColours = map[string]string{
		"not-started": "#6b6b6b", "on-track": "#01689b", "delayed": "#a65a00", "done": "#2b7a32",
		"dropped": "#a4262c", "ongoing": "#5c2d91", "": "#8a8a8a",
	}

	// labelColours run from dark green (best) through yellow and orange to
	// red (G), the scale people know from the energy label itself. The light
	// ones get a dark outline.
	labelColours = map[string]string{
		"A++++": "#004d25", "A+++": "#005f2d", "A++": "#007236", "A+": "#00843f", "A": "#009a47",
		"B": "#52ae32", "C": "#c8d300", "D": "#ffed00", "E": "#fbb900", "F": "#ec6608", "G": "#e30613",
		"onbekend": "#9e9e9e",
	}
)

const (
	textColour    = "#1a1a1a" // theme --prestatie-color-text
	mutedColour   = "#545454"
	gridColour    = "#c4c4c4"
	outlineColour = "#1a1a1a"
	fontFamily    = `system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, "Noto Sans", "Liberation Sans", sans-serif`
)

// bars describes a bar chart in our terms; option turns it into an ECharts
// option with go-echarts.
type bars struct {
	horizontal  bool // categories on the y axis, top to bottom
	categories  []string
	series      []barSeries
	stacked     bool
	percentAxis bool    // value axis labelled "{value}%" (vertical charts only)
	axisMax     float64 // 0: automatic
	mark        *mark   // a reference line across the bars
	noLegend    bool    // no legend even with several series
	aria        string  // the description screen readers get
	// illustrative draws "Illustratief" across the plot, so that example
	// numbers never pass for facts, even in a screenshot of the chart.
	illustrative bool
	// cardLabel names the number when one bar is shown as a card instead;
	// "" takes the bar's category.
	cardLabel string
}

// legend reports whether the chart shows a legend: when it has several
// series, unless the categories say it all.
func (b bars) legend() bool { return (len(b.legendNames()) > 1 || b.markInLegend()) && !b.noLegend }

// legendNames are the series the legend names: all but a total.
func (b bars) legendNames() []any {
	var names []any
	for _, s := range b.series {
		if !s.total {
			names = append(names, s.name)
		}
	}
	return names
}

// markInLegend reports whether the reference line is named in the legend,
// with only its number beside the line: above vertical bars, a long label
// on the line would cross a bar that reaches past it.
func (b bars) markInLegend() bool { return b.mark != nil && !b.horizontal }

type barSeries struct {
	name   string
	stack  string // series with the same stack share one slot per category
	colour string // "" takes the palette
	points []point
	goal   bool // a target: outlined and hatched, not filled
	// total is the sum on top of a stack: bars of zero height that carry
	// the sum as their label, not in the legend.
	total bool
}

type point struct {
	value  *float64
	label  string // printed on or beside the bar; "" for none
	tip    string // tooltip; an ECharts string template, see tooltip()
	colour string // overrides the series colour (energy labels)
}

// mark is a reference line on the value axis, such as a signal value.
type mark struct {
	value float64
	label string
}

// tooltip makes a tooltip template: the category ({b}, which ECharts
// HTML-encodes) followed by our own lines, HTML-escaped here because
// ECharts sets tooltip templates as HTML.
func tooltip(lines ...string) string {
	s := "{b}"
	for _, l := range lines {
		s += "<br>" + html.EscapeString(l)
	}
	return s
}

// height is the chart's height in px, enough for every bar to carry a
// readable label on a phone.
func (b bars) height() int {
	legend := 0
	if b.legend() {
		legend = legendRow
	}
	if !b.horizontal {
		return 280 + legend
	}
	extra := 0
	if b.mark != nil {
		extra = markRoom
	}
	return 16 + legend + extra + axisRoom + b.band()*len(b.categories)
}

// Horizontal bars carry their category label above them, so that on a
// phone the bars get the full width. A category's band holds the label
// line, the bars side by side and a gap.
const (
	legendRow = 32 // room for one line of legend; charts.js makes more when it wraps
	markRoom  = 22 // below horizontal bars, for the label of a reference line
	axisRoom  = 22 // below horizontal bars, for the numbers of the value axis
	markWidth = 48 // right of vertical bars, for the number of a reference line
	barWidth  = 18
	barGap    = 4
	labelLine = 20
)

// axisTemplate labels the value axis; charts.js makes it Dutch.
const axisTemplate = "{value}"

func (b bars) band() int {
	n := b.slots()
	return labelLine + n*barWidth + (n-1)*barGap + 14
}

// labelLift is how far above the band's middle the label's baseline sits:
// just clear of the bars.
func (b bars) labelLift() int {
	n := b.slots()
	return (n*barWidth+(n-1)*barGap)/2 + 3
}

// slots is the number of bars side by side in one category.
func (b bars) slots() int {
	if b.stacked {
		return 1
	}
	n := 0
	seen := map[string]bool{}
	for _, s := range b.series {
		if s.stack == "" || !seen[s.stack] {
			n++
		}
		seen[s.stack] = true
	}
	return n
}

// option builds the ECharts option. It is plain data: no functions, and the
// only formatters are string templates.
func (b bars) option() map[string]any {
	bar := charts.NewBar()
	top := "8"
	if b.legend() {
		top = strconv.Itoa(legendRow + 8)
	}
	bar.SetGlobalOptions(
		charts.WithAriaOpts(&opts.Aria{
			Enabled: opts.Bool(true),
			Label:   &opts.AriaLabel{Enabled: opts.Bool(true), Description: b.aria},
			// Patterns tell series apart without colour; one series needs none.
			Decal: &opts.AriaDecal{Show: opts.Bool(b.slots() > 1 || b.stacked)},
		}),
		charts.WithColorsOpts(palette),
		charts.WithLegendOpts(opts.Legend{
			Show: opts.Bool(b.legend()), Type: "plain", Top: "0", Left: "0",
			TextStyle: &opts.TextStyle{Color: textColour, FontSize: 13},
		}),
		charts.WithTooltipOpts(opts.Tooltip{Show: opts.Bool(true), Trigger: "item"}),
	)
	if b.horizontal {
		bottom := 8 + axisRoom
		if b.mark != nil {
			bottom += markRoom
		}
		bar.SetGlobalOptions(charts.WithGridOpts(opts.Grid{Left: "2", Right: "72", Top: top, Bottom: strconv.Itoa(bottom)}))
	} else {
		right := "16"
		if b.mark != nil {
			right = strconv.Itoa(markWidth) // the line's label, right of the plot
		}
		bar.SetGlobalOptions(charts.WithGridOpts(opts.Grid{Left: "4", Right: right, Top: top, Bottom: "8", ContainLabel: opts.Bool(true)}))
	}
	category := opts.XAxis{
		Type:      "category",
		AxisLabel: &opts.AxisLabel{Show: opts.Bool(true), Interval: "0", Color: textColour, FontSize: 13},
		AxisTick:  &opts.AxisTick{Show: opts.Bool(false)},
		AxisLine:  &opts.AxisLine{Show: opts.Bool(true), LineStyle: &opts.LineStyle{Color: mutedColour}},
	}
	// The value axis carries its numbers. "{value}" is a string template;
	// charts.js puts a Dutch number format in its place (1.234, 14,3%), as
	// ECharts itself writes 1,234.
	value := opts.YAxis{
		Type:      "value",
		AxisLabel: &opts.AxisLabel{Show: opts.Bool(true), Color: textColour, FontSize: 13, Formatter: types.FuncStr(axisTemplate)},
		SplitLine: &opts.SplitLine{Show: opts.Bool(true), LineStyle: &opts.LineStyle{Color: gridColour}},
	}
	if b.percentAxis {
		value.AxisLabel.Formatter = types.FuncStr(axisTemplate + "%")
	}
	if b.axisMax > 0 {
		value.Max = b.axisMax
	}
	if b.horizontal {
		label := &opts.AxisLabel{Show: opts.Bool(true), Inside: opts.Bool(true), Interval: "0", Align: "left", VerticalAlign: "bottom",
			Color: textColour, FontSize: 13, Overflow: "truncate", Width: 600}
		bar.SetGlobalOptions(
			charts.WithXAxisOpts(opts.XAxis{Type: value.Type, AxisLabel: value.AxisLabel, SplitLine: value.SplitLine, Max: value.Max}),
			charts.WithYAxisOpts(opts.YAxis{Type: category.Type, AxisLabel: label, AxisLine: &opts.AxisLine{Show: opts.Bool(false)}, Inverse: opts.Bool(true)}),
		)
		bar.XYReversal()
	} else {
		bar.SetGlobalOptions(charts.WithXAxisOpts(category), charts.WithYAxisOpts(value))
	}
	bar.SetXAxis(b.categories)

	position := "top"
	if b.horizontal {
		position = "right"
	}
	var inside [][2]int // series and data index of labels inside their bar
	for i, s := range b.series {
		data := make([]opts.BarData, len(s.points))
		for j, p := range s.points {
			d := opts.BarData{}
			if p.value != nil {
				d.Value = *p.value
			}
			if p.label != "" {
				d.Label = &opts.Label{Show: opts.Bool(true), Formatter: p.label}
				// A long bar carries its label inside, from its start, on a
				// white box, so that the label never runs out of a narrow chart.
				if b.horizontal && !b.stacked && p.value != nil && b.axisMax > 0 && *p.value/b.axisMax > 0.5 {
					d.Label.Position, d.Label.BackgroundColor, d.Label.BorderRadius = "insideLeft", "#ffffff", 2
					inside = append(inside, [2]int{i, j})
				}
				// Under a reference line, a tall bar carries its label inside, so
				// that it does not collide with the line's label.
				if !b.horizontal && b.mark != nil && p.value != nil && b.axisMax > 0 && *p.value/b.axisMax > 0.3 {
					d.Label.Position, d.Label.BackgroundColor, d.Label.BorderRadius = "insideTop", "#ffffff", 2
					inside = append(inside, [2]int{i, j})
				}
			}
			if p.value != nil && p.label == "" {
				// No label rather than ECharts' own, which writes 1.5 for 1,5.
				d.Label = &opts.Label{Show: opts.Bool(false)}
			}
			if p.tip != "" {
				d.Tooltip = &opts.Tooltip{Formatter: types.FuncStr(p.tip)}
			}
			if p.colour != "" {
				d.ItemStyle = &opts.ItemStyle{Color: p.colour, BorderColor: outlineColour, BorderWidth: 1}
			}
			data[j] = d
		}
		label := opts.Label{Show: opts.Bool(true), Position: position, Color: textColour, FontSize: 13}
		if b.stacked {
			label = opts.Label{Show: opts.Bool(true), Position: "inside", Color: textColour, FontSize: 13,
				BackgroundColor: "#ffffff", BorderRadius: 2}
		}
		if s.total {
			label = opts.Label{Show: opts.Bool(true), Position: position, Color: textColour, FontSize: 13, FontWeight: "bold",
				BackgroundColor: "#ffffff", BorderRadius: 2}
		}
		so := []charts.SeriesOpts{charts.WithLabelOpts(label)}
		switch {
		case b.stacked:
			so = append(so, charts.WithBarChartOpts(opts.BarChart{Stack: "samen"}))
		case s.stack != "":
			so = append(so, charts.WithBarChartOpts(opts.BarChart{Stack: s.stack}))
		}
		if s.colour != "" {
			so = append(so, charts.WithItemStyleOpts(opts.ItemStyle{Color: s.colour}))
		}
		if s.goal {
			so = append(so, charts.WithItemStyleOpts(opts.ItemStyle{Color: "#ffffff", BorderColor: outlineColour, BorderWidth: 2}))
		}
		if b.mark != nil && i == 0 {
			// Right of the plot, where no bar can be: the number; the legend
			// names the line.
			markPosition, markText := "end", short(b.mark.value, "%", false)
			if !b.percentAxis {
				markText = dutch.Number(b.mark.value)
			}
			if b.horizontal {
				markPosition, markText = "end", b.mark.label // below the line, under the bars (the y axis runs top down)
			}
			axisItem := opts.MarkLineNameYAxisItem{Name: b.mark.label, YAxis: b.mark.value}
			var item any = axisItem
			if b.horizontal {
				item = opts.MarkLineNameXAxisItem{Name: b.mark.label, XAxis: b.mark.value}
			}
			so = append(so,
				charts.WithSeriesOpts(func(ss *charts.SingleSeries) {
					ss.MarkLines = &opts.MarkLines{Data: []any{item}}
				}),
				charts.WithMarkLineStyleOpts(opts.MarkLineStyle{
					Symbol:    []string{"none", "none"},
					Label:     &opts.Label{Show: opts.Bool(true), Formatter: markText, Color: textColour, FontSize: 13, Position: markPosition},
					LineStyle: &opts.LineStyle{Color: textColour, Width: 2, Type: "dashed"},
				}),
			)
		}
		bar.AddSeries(s.name, data, so...)
	}
	bar.Validate()
	opt := toMap(bar.JSON())

	b.adjust(opt, inside)
	return opt
}

func ptr(f float64) *float64 { return &f }

// niceMax is a round axis maximum at least a tenth above v, so that the
// longest bar leaves room for its label.
func niceMax(v float64) float64 {
	if v <= 0 {
		return 10
	}
	want := v * 1.1
	scale := math.Pow(10, math.Floor(math.Log10(want)))
	for _, m := range []float64{1, 1.2, 1.5, 2, 2.5, 3, 4, 5, 6, 8, 10} {
		if m*scale >= want {
			return m * scale
		}
	}
	return 10 * scale
}

func itoa(n int) string { return strconv.Itoa(n) }
