package charts

import (
	"encoding/json"
	"strconv"
)

// adjust sets on the plain data of an option what go-echarts has no field
// for: layout details, the legend's items, the labels of every category,
// the room and padding of labels, and the look of goals and totals.
// inside lists the series and data index of labels drawn inside their bar.
func (b bars) adjust(opt map[string]any, inside [][2]int) {
	delete(opt, "title")   // the caption is the <figcaption>
	delete(opt, "toolbox") // no toolbox: its data view would render content as HTML
	opt["animation"] = false
	opt["textStyle"] = map[string]any{"fontFamily": fontFamily, "fontSize": 13, "color": textColour}
	if l, ok := opt["legend"].(map[string]any); ok {
		l["itemGap"] = 14
		names := b.legendNames()
		if b.markInLegend() {
			names = append(names, capital(b.mark.label))
		}
		l["data"] = names
	}
	if t, ok := opt["tooltip"].(map[string]any); ok {
		t["confine"] = true // stay inside the chart on narrow screens
	}
	if b.illustrative {
		opt["graphic"] = []any{watermark()}
	}
	if b.markInLegend() {
		// A line series without data: only its legend item, a dashed line
		// with the reference line's name.
		opt["series"] = append(opt["series"].([]any), map[string]any{
			"type": "line", "name": capital(b.mark.label), "data": []any{}, "symbol": "none", "silent": true,
			"lineStyle": map[string]any{"color": textColour, "width": 2, "type": "dashed"},
			"itemStyle": map[string]any{"color": textColour, "opacity": 0}, // no dot on the legend's line
		})
	}
	for _, key := range []string{"xAxis", "yAxis"} {
		axes, _ := opt[key].([]any)
		for _, ax := range axes {
			m, _ := ax.(map[string]any)
			l, ok := m["axisLabel"].(map[string]any)
			if !ok || m["type"] != "category" {
				continue
			}
			// Every category is labelled: ECharts takes only the number 0
			// for that (go-echarts writes the string "0", which lets
			// ECharts drop a label that is too wide).
			l["interval"] = 0
			if !b.horizontal {
				l["lineHeight"] = 18 // a moment and its total, on two lines
			}
		}
	}
	if b.horizontal {
		ys, _ := opt["yAxis"].([]any)
		for _, y := range ys {
			if m, ok := y.(map[string]any); ok {
				m["axisTick"] = map[string]any{"show": false}
				if l, ok := m["axisLabel"].(map[string]any); ok {
					l["padding"] = []any{0, 0, b.labelLift(), 0}
				}
			}
		}
	}
	series, _ := opt["series"].([]any)
	for _, at := range inside {
		if l, ok := dig(series, at[0], "data", at[1], "label"); ok {
			l["padding"] = []any{1, 3}
		}
	}
	for i, s := range b.series {
		m, _ := series[i].(map[string]any)
		if m == nil {
			continue
		}
		if !b.horizontal {
			m["barMaxWidth"] = 64
		}
		if b.horizontal {
			m["barWidth"] = barWidth
			m["barGap"] = strconv.Itoa(100*barGap/barWidth) + "%"
		}
		if s.total {
			m["z"] = 6 // its label above the reference line (z 5)
			m["silent"] = true
			m["tooltip"] = map[string]any{"show": false}
			if l, ok := m["label"].(map[string]any); ok {
				l["padding"] = []any{1, 3}
			}
			continue
		}
		if b.stacked {
			m["labelLayout"] = map[string]any{"hideOverlap": true}
			if l, ok := m["label"].(map[string]any); ok {
				l["padding"] = []any{1, 3}
			}
		}
		if s.goal {
			style, _ := m["itemStyle"].(map[string]any)
			if style == nil {
				style = map[string]any{}
			}
			style["borderType"] = "dashed"
			style["decal"] = map[string]any{"symbol": "none", "dashArrayX": []any{1, 0}, "dashArrayY": []any{3, 5}, "rotation": -0.7854, "color": "rgba(26,26,26,0.45)"}
			m["itemStyle"] = style
		}
		if b.mark != nil && i == 0 {
			if ml, ok := m["markLine"].(map[string]any); ok {
				ml["silent"] = true
				// Below horizontal bars, the line's label goes under the
				// numbers of the value axis.
				if l, ok := ml["label"].(map[string]any); ok && b.horizontal {
					l["distance"] = axisRoom
				}
			}
		}
	}
}

// dig walks a decoded option: a series index, a key, a data index, a key.
func dig(series []any, i int, k1 string, j int, k2 string) (map[string]any, bool) {
	if i >= len(series) {
		return nil, false
	}
	m, _ := series[i].(map[string]any)
	list, _ := m[k1].([]any)
	if j >= len(list) {
		return nil, false
	}
	item, _ := list[j].(map[string]any)
	out, ok := item[k2].(map[string]any)
	return out, ok
}

// toMap turns go-echarts' option (a map of typed structs) into plain JSON
// data, so that it can be adjusted and is written exactly as tested.
func toMap(v any) map[string]any {
	b, err := json.Marshal(v)
	if err != nil {
		panic("charts: option does not encode: " + err.Error()) // our own types: a bug
	}
	var m map[string]any
	if err := json.Unmarshal(b, &m); err != nil {
		panic("charts: option does not decode: " + err.Error())
	}
	return m
}
