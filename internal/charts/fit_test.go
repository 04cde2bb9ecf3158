package charts

import (
	"encoding/json"
	"slices"
	"strings"
	"testing"

	a "github.com/prestatie/prestatie/internal/agreement"
)

// nbsp makes non-breaking spaces plain, for comparing texts.
func nbsp(s string) string { return strings.ReplaceAll(s, "\u00a0", " ") }

// axis is the first axis of a type ("value" or "category") in the option.
func axis(t *testing.T, c *Chart, typ string) map[string]any {
	t.Helper()
	for _, key := range []string{"xAxis", "yAxis"} {
		for _, ax := range c.Option[key].([]any) {
			if m := ax.(map[string]any); m["type"] == typ {
				return m
			}
		}
	}
	t.Fatalf("no %s axis", typ)
	return nil
}

func seriesNames(t *testing.T, c *Chart) []string {
	var out []string
	for _, s := range seriesOf(t, c) {
		out = append(out, s["name"].(string))
	}
	return out
}

func card(t *testing.T, c *Chart) Card {
	t.Helper()
	if len(c.Cards) != 1 {
		t.Fatalf("%d cards, want 1", len(c.Cards))
	}
	return c.Cards[0]
}

// TestChartsFitTheirData: the drawing suits the numbers. One number is a
// card (with its change where there is an earlier moment), never one bar;
// allocations are stacked per group against the signal line; energy labels
// are the distribution with the goal apart; rent bands name their limits
// in euro; illustrative data is marked in the drawing itself.
func TestChartsFitTheirData(t *testing.T) {
	stock := func(d a.Date, v float64, approx bool) *a.Figure {
		return &a.Figure{Kind: a.Stock, AsOf: d, Value: num(v), Unit: "woningen", Approximate: approx, Source: "test"}
	}
	alloc := func(d a.Date, kv ...any) *a.Figure {
		return &a.Figure{Kind: a.Allocations, AsOf: d, Source: "test", Values: vals(kv...)}
	}
	dist := func(d a.Date, kv ...any) *a.Figure {
		return &a.Figure{Kind: a.EnergyLabels, AsOf: d, Source: "test", Values: vals(kv...),
			Goal: &a.Target{Value: num(0), Unit: "woningen", Due: &a.Deadline{Date: dec28}}}
	}
	tests := []struct {
		name  string
		figs  []*a.Figure
		check func(t *testing.T, c *Chart)
	}{
		{"one stock number is a card", []*a.Figure{stock(may22, 330, true)}, func(t *testing.T, c *Chart) {
			if !c.Single() {
				t.Error("drawn as a chart")
			}
			if k := card(t, c); k.Value != "ca. 330" || k.Unit != "woningen" || k.Change != "" {
				t.Errorf("card %+v", k)
			}
		}},
		{"a stock number with a goal is a card, the goal beside it", []*a.Figure{{Kind: a.Stock, AsOf: jan24, Value: num(330), Unit: "woningen",
			Goal: &a.Target{Value: num(400), Unit: "woningen"}}}, func(t *testing.T, c *Chart) {
			if !c.Single() || card(t, c).Value != "330" {
				t.Errorf("single %v, cards %+v", c.Single(), c.Cards)
			}
			if last := c.Table.Columns[len(c.Table.Columns)-1]; last.Key != "doel" {
				t.Errorf("table without the goal: %+v", c.Table.Columns)
			}
		}},
		{"an amount in euro is a card without a unit word", []*a.Figure{{Kind: a.SingleValue, AsOf: jan24, Value: num(20000), Unit: "euro"}}, func(t *testing.T, c *Chart) {
			if k := card(t, c); !c.Single() || nbsp(k.Value) != "€ 20.000" || k.Unit != "" {
				t.Errorf("card %+v", k)
			}
		}},
		{"two moments are a card with the change", []*a.Figure{stock(a.NewDate(2023, 1, 0), 8395, false), stock(jan24, 8465, true)}, func(t *testing.T, c *Chart) {
			k := card(t, c)
			if !c.Single() || k.Value != "ca. 8.465" || nbsp(k.Change) != "circa 70 woningen meer dan in januari 2023 (8.395)" {
				t.Errorf("single %v, card %+v", c.Single(), k)
			}
		}},
		{"a fall is said as such", []*a.Figure{{Kind: a.SingleValue, AsOf: may22, Value: num(12.5), Unit: "%"}, {Kind: a.SingleValue, AsOf: jan24, Value: num(10), Unit: "%"}}, func(t *testing.T, c *Chart) {
			if k := card(t, c); k.Value != "10%" || k.Change != "2,5 procentpunt minder dan in mei 2022 (12,5%)" {
				t.Errorf("card %+v", k)
			}
		}},
		{"three moments are drawn, with numbers on the value axis", []*a.Figure{stock(may22, 300, false), stock(a.NewDate(2023, 1, 0), 310, false), stock(jan24, 330, false)}, func(t *testing.T, c *Chart) {
			if c.Single() {
				t.Fatal("not drawn")
			}
			if k := card(t, c); nbsp(k.Change) != "20 woningen meer dan in januari 2023 (310)" {
				t.Errorf("card %+v", k)
			}
			l := axis(t, c, "value")["axisLabel"].(map[string]any)
			if l["show"] != true || l["formatter"] != "{value}" {
				t.Errorf("value axis labels %v", l)
			}
		}},
		{"one energy class is a card, the goal not among the classes", []*a.Figure{alphenLabels()}, func(t *testing.T, c *Chart) {
			if k := card(t, c); !c.Single() || k.Label != "Woningen met label E, F of G" || k.Value != "ca. 5" || k.Unit != "woningen" {
				t.Errorf("single %v, card %+v", c.Single(), k)
			}
		}},
		{"energy labels: the distribution per year, the goal apart", []*a.Figure{
			dist(a.NewDate(2023, 1, 0), "A", 100, "B", 200, "E", 40, "F", 20, "G", 10, "onbekend", 5),
			dist(jan24, "A", 120, "B", 210, "E", 30, "F", 15, "G", 5, "onbekend", 5)}, func(t *testing.T, c *Chart) {
			if got := strings.Join(categories(t, c), "|"); got != "A|B|E|F|G|onbekend" {
				t.Errorf("categories %q: only the classes", got)
			}
			if got := seriesNames(t, c); !slices.Equal(got, []string{"januari 2023", "januari 2024"}) {
				t.Errorf("series %q: one per year, no goal", got)
			}
			for _, s := range seriesOf(t, c) {
				if s["stack"] != nil {
					t.Errorf("series %v stacked", s["name"])
				}
			}
			k := card(t, c)
			if k.Label != "Label E, F en G samen" || k.Value != "50" || nbsp(k.Change) != "20 woningen minder dan in januari 2023 (70)" {
				t.Errorf("card %+v", k)
			}
			last := c.Table.Rows[len(c.Table.Rows)-1]
			if last.Label != "label E, F en G samen" || last.Cells[2].Text != "0\u00a0woningen" {
				t.Errorf("table total row %+v", last)
			}
		}},
		{"allocations: groups stacked per year against the signal line", []*a.Figure{
			alloc(a.NewDate(2022, 12, 0), "vrijgekomen", 580, "statushouders", 60, "urgenten", 20, "uitstroom", 12, "maatwerk", 4, "signaalwaarde", 15),
			alloc(a.NewDate(2023, 12, 0), "vrijgekomen", 612, "statushouders", 41, "urgenten", 23, "uitstroom", 18, "maatwerk", 9, "signaalwaarde", 15)}, func(t *testing.T, c *Chart) {
			if got := strings.Join(categories(t, c), "|"); got != "december 2022|december 2023" {
				t.Errorf("categories %q", got)
			}
			ss := seriesOf(t, c)
			want := []string{"Statushouders", "Urgenten", "Uitstroom en contingenten", "Maatwerk", "Samen"}
			for i, s := range ss[:len(want)] {
				if s["name"] != want[i] || s["stack"] != "samen" || s["type"] != "bar" {
					t.Errorf("series %d: %v %v %v", i, s["name"], s["stack"], s["type"])
				}
			}
			if d := data(ss[0])[1]; d["value"] != 6.7 || labelOf(d) != "6,7%" {
				t.Errorf("statushouders 2023 %v", d)
			}
			if d := data(ss[4])[1]; d["value"] != 0.0 || labelOf(d) != "samen 14,9%" {
				t.Errorf("total 2023 %v", d)
			}
			ml := ss[0]["markLine"].(map[string]any)
			if line := ml["data"].([]any)[0].(map[string]any); line["yAxis"] != 15.0 {
				t.Errorf("signal line %v", ml)
			}
			legend := c.Option["legend"].(map[string]any)
			if got, _ := json.Marshal(legend["data"]); string(got) != `["Statushouders","Urgenten","Uitstroom en contingenten","Maatwerk","Signaalwaarde 15%"]` {
				t.Errorf("legend %s", got)
			}
			if f := axis(t, c, "value")["axisLabel"].(map[string]any)["formatter"]; f != "{value}%" {
				t.Errorf("value axis %v", f)
			}
			// The table has every number the chart shows.
			var shares []string
			for _, r := range c.Table.Rows {
				if strings.HasPrefix(r.Key, "aandeel") {
					shares = append(shares, r.Cells[1].Text)
				}
			}
			if got := strings.Join(shares, " "); got != "6,7% 3,8% 2,9% 1,5% 14,9%" {
				t.Errorf("table shares %q", got)
			}
		}},
		{"allocations without vacated homes: numbers, no signal line", []*a.Figure{alloc(a.NewDate(2023, 12, 0), "statushouders", 3, "urgenten", 2)}, func(t *testing.T, c *Chart) {
			ss := seriesOf(t, c)
			if _, ok := ss[0]["markLine"]; ok {
				t.Error("a share line against numbers")
			}
			if d := data(ss[2])[0]; labelOf(d) != "samen 5" {
				t.Errorf("total %v", d)
			}
		}},
		{"rent bands carry the limits of their year", []*a.Figure{{Kind: a.RentBands, AsOf: a.NewDate(2025, 1, 0), Values: vals("kwaliteitskortingsgrens", 20, "aftoppingsgrens-1", 80)}}, func(t *testing.T, c *Chart) {
			if got := nbsp(strings.Join(categories(t, c), "|")); got != "tot kwaliteitskortingsgrens (€ 477,20)|tot 1e aftoppingsgrens (€ 682,96)" {
				t.Errorf("categories %q", got)
			}
			if f := axis(t, c, "value")["axisLabel"].(map[string]any)["formatter"]; f != "{value}%" {
				t.Errorf("value axis %v", f)
			}
		}},
		{"rent bands after the table say so", []*a.Figure{{Kind: a.RentBands, AsOf: a.NewDate(2031, 1, 0), Values: vals("kwaliteitskortingsgrens", 20, "aftoppingsgrens-1", 80)}}, func(t *testing.T, c *Chart) {
			if len(c.Notes) != 1 || !strings.Contains(c.Notes[0], "van 2031 zijn hier nog niet opgenomen") {
				t.Errorf("notes %q", c.Notes)
			}
		}},
		{"illustrative data is marked in the drawing", []*a.Figure{{Kind: a.RentBands, AsOf: jan24, Illustrative: true, Title: "Huur", Values: vals("kwaliteitskortingsgrens", 20, "aftoppingsgrens-1", 80)}}, func(t *testing.T, c *Chart) {
			g, _ := json.Marshal(c.Option["graphic"])
			if !strings.Contains(string(g), `"text":"Illustratief"`) {
				t.Errorf("no watermark: %s", g)
			}
			if c.Caption() != "Huur, januari 2024 (illustratief)" {
				t.Errorf("caption %q", c.Caption())
			}
			aria := c.Option["aria"].(map[string]any)["label"].(map[string]any)["description"].(string)
			if !strings.HasPrefix(aria, "Illustratieve gegevens, geen echte cijfers. Huur. In januari 2024 had 20%") {
				t.Errorf("aria %q", aria)
			}
		}},
		{"real data has no watermark", []*a.Figure{alphenRentBands()}, func(t *testing.T, c *Chart) {
			if _, ok := c.Option["graphic"]; ok || strings.Contains(c.Caption(), "illustratief") {
				t.Error("real numbers marked illustrative")
			}
			if aria := c.Option["aria"].(map[string]any)["label"].(map[string]any)["description"]; aria != "Huurprijsklassen. "+c.Summary {
				t.Errorf("aria %q", aria)
			}
		}},
		{"one band alone is a card", []*a.Figure{{Kind: a.RentBands, AsOf: jan24, Values: vals("kwaliteitskortingsgrens", 100)}}, func(t *testing.T, c *Chart) {
			if !c.Single() || nbsp(card(t, c).Label) != "tot kwaliteitskortingsgrens (€ 454,47)" || card(t, c).Value != "100%" {
				t.Errorf("single %v, cards %+v", c.Single(), c.Cards)
			}
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			cs := Figures(tt.figs)
			if len(cs) != 1 {
				t.Fatalf("%d charts", len(cs))
			}
			tt.check(t, cs[0])
		})
	}
}

// TestCategoriesAllLabelled: ECharts labels every category only for the
// number 0; the string "0" lets it drop one.
func TestCategoriesAllLabelled(t *testing.T) {
	for _, c := range allCharts(t) {
		if c.Single() {
			continue
		}
		if l := axis(t, c, "category")["axisLabel"].(map[string]any); l["interval"] != 0 {
			t.Errorf("%s: category interval %#v", c.ID, l["interval"])
		}
	}
}
