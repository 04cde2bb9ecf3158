package charts

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	a "github.com/prestatie/prestatie/internal/agreement"
)

func num(f float64) *float64 { return &f }

func vals(kv ...any) []a.FigureValue {
	var out []a.FigureValue
	for i := 0; i+1 < len(kv); i += 2 {
		out = append(out, a.FigureValue{Key: kv[i].(string), Value: float64(kv[i+1].(int))})
	}
	return out
}

var (
	may22 = a.NewDate(2022, 5, 0)
	sep22 = a.NewDate(2022, 9, 0)
	jan24 = a.NewDate(2024, 1, 0)
	dec28 = a.NewDate(2028, 12, 31)
)

// alphenRentBands is the seed's rent-band figure.
func alphenRentBands() *a.Figure {
	return &a.Figure{Kind: a.RentBands, AsOf: may22, Source: "Leystromen",
		Values: vals("kwaliteitskortingsgrens", 21, "aftoppingsgrens-1", 54, "aftoppingsgrens-2", 13, "liberalisatiegrens", 10, "boven-liberalisatiegrens", 1)}
}

func alphenLabels() *a.Figure {
	return &a.Figure{Kind: a.EnergyLabels, AsOf: sep22, Source: "Leystromen", Approximate: true, Values: vals("E-G", 5),
		Goal: &a.Target{Value: num(0), Unit: "woningen", Due: &a.Deadline{Date: dec28}, Note: "Nationale Prestatieafspraken"}}
}

func TestSummaries(t *testing.T) {
	tests := []struct {
		name string
		figs []*a.Figure
		want string
	}{
		{"rent bands, shares", []*a.Figure{alphenRentBands()},
			"In mei 2022 had 21% van de woningen een huur tot de kwaliteitskortingsgrens, 54% tot de 1e aftoppingsgrens, 13% tot de 2e aftoppingsgrens, 10% tot de liberalisatiegrens en 1% boven de liberalisatiegrens."},
		{"rent bands, homes", []*a.Figure{{Kind: a.RentBands, AsOf: jan24, Unit: "woningen", Values: vals("kwaliteitskortingsgrens", 70, "aftoppingsgrens-1", 200)}},
			"In januari 2024 hadden 70 woningen een huur tot de kwaliteitskortingsgrens en 200 tot de 1e aftoppingsgrens."},
		{"energy labels, group with the national goal", []*a.Figure{alphenLabels()},
			"Circa 5 woningen hebben energielabel E, F of G (september 2022); het doel is 0\u00a0woningen met label E, F of G uiterlijk 31 december 2028."},
		{"energy labels, distribution", []*a.Figure{{Kind: a.EnergyLabels, AsOf: jan24, Values: vals("A+", 10, "A", 90, "B", 50, "E", 20, "F", 5, "onbekend", 25)}},
			"Van de 200\u00a0woningen hebben er 100 label A of beter en 25 label E, F of G; van 25 is het label onbekend (januari 2024)."},
		{"allocations under the signal value", []*a.Figure{{Kind: a.Allocations, AsOf: a.NewDate(2023, 12, 0),
			Values: vals("vrijgekomen", 612, "toewijzingen", 598, "statushouders", 41, "urgenten", 23, "uitstroom", 18, "maatwerk", 9, "signaalwaarde", 15)}},
			"Van de 612 vrijgekomen woningen (stand december 2023) ging 14,9% naar bijzondere doelgroepen (91\u00a0woningen), onder de signaalwaarde van 15%."},
		{"allocations above the signal value", []*a.Figure{{Kind: a.Allocations, AsOf: a.NewDate(2023, 12, 0), Values: vals("vrijgekomen", 20, "urgenten", 4, "signaalwaarde", 15)}},
			"Van de 20 vrijgekomen woningen (stand december 2023) ging 20% naar bijzondere doelgroepen (4\u00a0woningen), boven de signaalwaarde van 15%."},
		{"allocations at the signal value", []*a.Figure{{Kind: a.Allocations, AsOf: a.NewDate(2023, 12, 0), Values: vals("vrijgekomen", 20, "maatwerk", 3, "signaalwaarde", 15)}},
			"Van de 20 vrijgekomen woningen (stand december 2023) ging 15% naar bijzondere doelgroepen (3\u00a0woningen), gelijk aan de signaalwaarde."},
		{"allocations without vacated homes", []*a.Figure{{Kind: a.Allocations, AsOf: a.NewDate(2023, 12, 0), Values: vals("statushouders", 3)}},
			"3\u00a0woningen gingen naar bijzondere doelgroepen (stand december 2023); zonder het aantal vrijgekomen woningen is hun aandeel niet te berekenen."},
		{"stock, snapshot", []*a.Figure{{Kind: a.Stock, AsOf: may22, Value: num(330), Unit: "woningen", Approximate: true}},
			"In mei 2022 waren er circa 330\u00a0woningen."},
		{"stock, series with a goal", []*a.Figure{
			{Kind: a.Stock, AsOf: a.NewDate(2023, 1, 0), Value: num(8395), Unit: "woningen"},
			{Kind: a.Stock, AsOf: jan24, Value: num(8465), Unit: "woningen", Approximate: true,
				Goal: &a.Target{Min: num(8600), Unit: "woningen", Due: &a.Deadline{Date: dec28}}}},
			"Woningvoorraad: van 8.395\u00a0woningen in januari 2023 naar circa 8.465\u00a0woningen in januari 2024; het doel is ten minste 8.600\u00a0woningen uiterlijk 31 december 2028."},
		{"a single value", []*a.Figure{{Kind: a.SingleValue, AsOf: a.NewDate(2023, 4, 0), Title: "Maximale kavelprijs", Value: num(20000), Unit: "euro"}},
			"Maximale kavelprijs: € 20.000 (april 2023)."},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			cs := Figures(tt.figs)
			if len(cs) != 1 {
				t.Fatalf("%d charts", len(cs))
			}
			if got := strings.ReplaceAll(cs[0].Summary, "€\u00a0", "€ "); got != tt.want {
				t.Errorf("summary\n got %q\nwant %q", got, tt.want)
			}
		})
	}
}

// option helpers: the decoded option is plain JSON data.
func seriesOf(t *testing.T, c *Chart) []map[string]any {
	t.Helper()
	var out []map[string]any
	for _, s := range c.Option["series"].([]any) {
		out = append(out, s.(map[string]any))
	}
	return out
}

func data(s map[string]any) []map[string]any {
	var out []map[string]any
	for _, d := range s["data"].([]any) {
		out = append(out, d.(map[string]any))
	}
	return out
}

func categories(t *testing.T, c *Chart) []string {
	t.Helper()
	for _, key := range []string{"yAxis", "xAxis"} {
		for _, ax := range c.Option[key].([]any) {
			m := ax.(map[string]any)
			if m["type"] == "category" {
				var out []string
				for _, v := range m["data"].([]any) {
					out = append(out, v.(string))
				}
				return out
			}
		}
	}
	t.Fatal("no category axis")
	return nil
}

func labelOf(d map[string]any) string {
	l, _ := d["label"].(map[string]any)
	s, _ := l["formatter"].(string)
	return s
}

// TestOptionIsData checks every chart of both test sites: the option is
// JSON data without functions, our own title, toolbox or asset host, and
// Dutch numbers only.
func TestOptionIsData(t *testing.T) {
	for _, c := range allCharts(t) {
		if c.Single() {
			continue
		}
		b, err := json.Marshal(c.Option)
		if err != nil {
			t.Fatal(err)
		}
		s := string(b)
		for _, bad := range []string{"function", "=>", "__f__", "go-echarts.github.io", `"toolbox"`, `"title"`} {
			if strings.Contains(s, bad) {
				t.Errorf("%s: option contains %q", c.ID, bad)
			}
		}
		aria := c.Option["aria"].(map[string]any)["label"].(map[string]any)["description"]
		if aria != c.Description() || !strings.Contains(c.Description(), c.Summary) {
			t.Errorf("%s: aria description %q", c.ID, aria)
		}
		for _, s := range seriesOf(t, c) {
			for _, d := range data(s) {
				if l := labelOf(d); strings.ContainsAny(l, "{}") || regexpEnglishNumber(l) {
					t.Errorf("%s: label %q", c.ID, l)
				}
			}
		}
	}
}

// regexpEnglishNumber spots 1,234 or 1.5 style numbers.
func regexpEnglishNumber(s string) bool {
	for i := 1; i+3 < len(s); i++ {
		if s[i] == ',' && isDigit(s[i-1]) && isDigit(s[i+1]) && isDigit(s[i+2]) && isDigit(s[i+3]) && (i+4 == len(s) || !isDigit(s[i+4])) {
			return true
		}
	}
	return strings.Contains(s, ".5") || strings.Contains(s, ".9")
}

func isDigit(b byte) bool { return b >= '0' && b <= '9' }

func TestDeterministicAndUniqueIDs(t *testing.T) {
	figs := []*a.Figure{alphenRentBands(), alphenLabels(), {Kind: a.RentBands, AsOf: may22, Title: "Andere", Values: vals("kwaliteitskortingsgrens", 100)}}
	one, two := Figures(figs), Figures(figs)
	var ids []string
	for i := range one {
		b1, _ := json.Marshal(one[i].Option)
		b2, _ := json.Marshal(two[i].Option)
		if !bytes.Equal(b1, b2) || one[i].ID != two[i].ID {
			t.Errorf("chart %d differs between builds", i)
		}
		ids = append(ids, one[i].ID)
	}
	if got := strings.Join(ids, " "); got != "fig-huurprijsklassen-2022-05 fig-energielabels-2022-09 fig-huurprijsklassen-2022-05-2" {
		t.Errorf("ids %s", got)
	}
}

func TestRentBandLimits(t *testing.T) {
	c := Figures([]*a.Figure{{Kind: a.RentBands, AsOf: jan24, Values: vals("kwaliteitskortingsgrens", 18, "boven-liberalisatiegrens", 82)}})[0]
	if got := strings.ReplaceAll(c.Table.Rows[0].Label, "\u00a0", " "); got != "tot kwaliteitskortingsgrens, tot € 454,47 (2024)" {
		t.Errorf("row %q", got)
	}
	if got := strings.ReplaceAll(c.Table.Rows[1].Label, "\u00a0", " "); got != "boven liberalisatiegrens, boven € 879,66 (2024)" {
		t.Errorf("row %q", got)
	}
	tip := data(seriesOf(t, c)[0])[0]["tooltip"].(map[string]any)["formatter"].(string)
	if !strings.Contains(strings.ReplaceAll(tip, "\u00a0", " "), "tot € 454,47 (2024)") {
		t.Errorf("tooltip %q", tip)
	}
	if len(c.Notes) != 1 || !strings.Contains(c.Notes[0], "Belastingdienst") {
		t.Errorf("notes %q", c.Notes)
	}
	if got := strings.ReplaceAll(strings.Join(categories(t, c), "|"), "\u00a0", " "); got != "tot kwaliteitskortingsgrens (€ 454,47)|boven liberalisatiegrens (€ 879,66)" {
		t.Errorf("chart categories %q", got)
	}
	// A year without official limits shows the bands without an amount.
	c = Figures([]*a.Figure{alphenRentBands()})[0]
	for _, r := range c.Table.Rows {
		if strings.Contains(r.Label, "€") {
			t.Errorf("2022 row with an amount: %q", r.Label)
		}
	}
	if len(c.Notes) != 1 || !strings.Contains(c.Notes[0], "De huurprijsklassen zijn van 2022; de officiële huurgrenzen staan hier pas vanaf 2023") {
		t.Errorf("notes %q", c.Notes)
	}
	for _, cat := range categories(t, c) {
		if strings.Contains(cat, "€") {
			t.Errorf("2022 category with an amount: %q", cat)
		}
	}
}

// TestDownloadsAgreeWithTable: the CSV and JSON hold exactly the numbers
// of the table, for every chart of both test sites.
func TestDownloadsAgreeWithTable(t *testing.T) {
	for _, c := range allCharts(t) {
		r := csv.NewReader(bytes.NewReader(c.CSV()))
		r.Comma = ';'
		recs, err := r.ReadAll()
		if err != nil {
			t.Fatalf("%s: %v", c.ID, err)
		}
		var doc dataDoc
		j, err := c.JSON()
		if err == nil {
			err = json.Unmarshal(j, &doc)
		}
		if err != nil {
			t.Fatalf("%s: %v", c.ID, err)
		}
		if len(recs) != len(c.Table.Rows)+1 || len(doc.Rijen) != len(c.Table.Rows) || len(doc.Kolommen) != len(c.Table.Columns) {
			t.Fatalf("%s: %d CSV records, %d JSON rows for %d table rows", c.ID, len(recs), len(doc.Rijen), len(c.Table.Rows))
		}
		for i, col := range c.Table.Columns {
			if recs[0][i+1] != col.Label || doc.Kolommen[i].Naam != col.Label {
				t.Errorf("%s: column %d %q / %q, table %q", c.ID, i, recs[0][i+1], doc.Kolommen[i].Naam, col.Label)
			}
		}
		for i, row := range c.Table.Rows {
			rec := recs[i+1]
			if rec[0] != row.Label && rec[0] != "'"+row.Label || doc.Rijen[i].Naam != row.Label {
				t.Errorf("%s: row %d label %q / %q, table %q", c.ID, i, rec[0], doc.Rijen[i].Naam, row.Label)
			}
			for j, cell := range row.Cells {
				want := ""
				if cell.Value != nil {
					want = strings.Replace(strconv.FormatFloat(*cell.Value, 'f', -1, 64), ".", ",", 1)
				}
				jc := doc.Rijen[i].Cellen[j]
				if rec[j+1] != want || jc.Tekst != cell.Text || (jc.Waarde == nil) != (cell.Value == nil) || jc.Waarde != nil && *jc.Waarde != *cell.Value {
					t.Errorf("%s: row %q col %d: CSV %q, JSON %v %q; table %q", c.ID, row.Label, j, rec[j+1], jc.Waarde, jc.Tekst, cell.Text)
				}
				// The text is the number as printed.
				if cell.Value != nil && !strings.Contains(strings.ReplaceAll(cell.Text, ".", ""), strings.Replace(strconv.FormatFloat(*cell.Value, 'f', -1, 64), ".", ",", 1)) {
					t.Errorf("%s: text %q does not show %v", c.ID, cell.Text, *cell.Value)
				}
			}
		}
	}
}

func TestCSVNeutralisesFormulas(t *testing.T) {
	c := &Chart{Table: Table{Corner: "=cmd", Columns: []Column{{Label: "+x"}}, Rows: []Row{{Label: "@SUM(A1)", Cells: []Cell{{Value: num(-1.5)}}}}}}
	got := string(c.CSV())
	if !strings.Contains(got, "'=cmd;'+x;eenheid") || !strings.Contains(got, "'@SUM(A1);-1,5;") {
		t.Errorf("CSV %q", got)
	}
}

func TestFindECharts(t *testing.T) {
	e, err := FindECharts(".") // walks up to the repository's node_modules
	if err != nil {
		t.Skipf("%v (run npm ci)", err)
	}
	if !bytes.Contains(e.Script[:2000], []byte("Apache")) || len(e.License) == 0 || len(e.Notice) == 0 {
		t.Error("script or licence texts missing")
	}
	// The version the code expects is the one package-lock.json pins.
	var lock struct {
		Packages map[string]struct{ Version string } `json:"packages"`
	}
	b, err := os.ReadFile("../../package-lock.json")
	if err == nil {
		err = json.Unmarshal(b, &lock)
	}
	if err != nil {
		t.Fatal(err)
	}
	if v := lock.Packages["node_modules/echarts"].Version; v != EChartsVersion {
		t.Errorf("package-lock.json pins echarts %s, the code expects %s", v, EChartsVersion)
	}

	if _, err := FindECharts(t.TempDir()); err == nil || !strings.Contains(err.Error(), "ECharts niet gevonden; voer npm ci uit") {
		t.Errorf("no node_modules: %v", err)
	}
	dir := filepath.Join(t.TempDir(), "node_modules", "echarts")
	os.MkdirAll(filepath.Join(dir, "dist"), 0o755)
	os.WriteFile(filepath.Join(dir, "package.json"), []byte(`{"version": "5.4.3"}`), 0o644)
	if _, err := FindECharts(filepath.Dir(filepath.Dir(dir))); err == nil || !strings.Contains(err.Error(), "ECharts 5.4.3 gevonden") {
		t.Errorf("wrong version: %v", err)
	}
}
