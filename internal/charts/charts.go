// Package charts turns the model's figures and progress into charts: for
// each one an ECharts option, a data table with exactly the numbers the
// chart shows, a one-sentence Dutch summary, and CSV and JSON downloads of
// that table.
//
// go-echarts is used only as a typed builder of the option (Validate, then
// JSON); its HTML templates, asset host, random chart ids and JavaScript
// functions (opts.FuncOpts, __f__ strings) are never used. Every text in an
// option is data: numbers are formatted the Dutch way in Go, formatters are
// plain ECharts string templates without content text, and the site writes
// the option through html/template as JSON data, so content cannot become
// script. The same tables serve the PDF.
package charts

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"strconv"
	"strings"

	a "github.com/prestatie/prestatie/internal/agreement"
)

// Chart is one chart with everything shown around it.
type Chart struct {
	// ID is the element id, unique on its page and stable between builds:
	// "fig-" + kind + "-" + the date of the latest numbers, with "-2", "-3"
	// for repeats on the same page. Downloads are named after it.
	ID    string
	Kind  string // a figure kind, or KindStatus / KindTargets
	Title string // caption, without the date
	// When is the moment or span of the numbers: "mei 2022",
	// "januari 2023 tot en met januari 2024".
	When         string
	AsOf         a.Date // the latest moment
	Sources      []string
	Notes        []string // what the reader needs to read the numbers right (limits used, goal)
	Approximate  bool     // the source gives rounded numbers ("circa")
	Illustrative bool     // example data, not real
	Summary      string   // one Dutch sentence generated from the data
	Table        Table
	// Cards are numbers shown as text: the one number of a chart that has
	// nothing to draw, or a number shown apart beside the drawing (the goal
	// of the energy labels).
	Cards []Card
	// Option is the ECharts option; nil when there is nothing to draw: one
	// number is a card, not a lonely bar.
	Option  map[string]any
	Height  int         // of the chart element, px
	Figures []*a.Figure // the figures behind a figure chart
}

// Card is one number as text, with its change where there is a previous
// moment. A goal is shown beside it by the figure, as for a chart.
type Card struct {
	Label  string // what is counted, when the caption does not say it: "Label E, F en G samen"
	Value  string // "ca. 330", "€ 20.000", "14,3%"
	Unit   string // "woningen"; "" when Value holds it
	Change string // "70 woningen meer dan in januari 2023 (8.395)"; "" without a previous moment
}

// Kinds of charts that are not figures.
const (
	KindStatus  = "status"
	KindTargets = "targets"
)

// Table is the data behind a chart: one row per category, one column per
// moment (and a goal column where there is one).
type Table struct {
	Corner  string // header of the row label column
	Columns []Column
	Rows    []Row
}

// cardColumns is the number of columns (the row labels included) from
// which the table becomes a card per row on a phone: two columns of
// numbers with their dates or a goal ("circa 8.465 woningen", "Doel
// uiterlijk 31 december 2028") are wider than 375 px; one fits.
const cardColumns = 3

// Cards reports whether the table is wide enough to be shown as a card per
// row on a phone.
func (t Table) Cards() bool { return 1+len(t.Columns) >= cardColumns }

// ColumnLabel is the label of column i, "" past the last column. Each cell
// carries it, so a card on a phone can say what the number is.
func (t Table) ColumnLabel(i int) string {
	if i < 0 || i >= len(t.Columns) {
		return ""
	}
	return t.Columns[i].Label
}

// Column is one column of numbers.
type Column struct {
	Key   string // machine name: a date "2022-05", "doel", a status id
	Label string // "mei 2022", "Doel (uiterlijk 31 december 2028)"
}

// Row is one category with a value per column.
type Row struct {
	Key   string // machine name: a band, label class, status, chapter id
	Label string // Dutch label as printed
	Cells []Cell
}

// Cell is one number as shown. Value is nil for an empty cell.
type Cell struct {
	Value  *float64
	Unit   string // "%", "woningen", "euro", "afspraken"
	Approx bool   // printed with "circa"
	Text   string // as printed in the table: "21%", "circa 330"
}

// Single reports whether the chart is a number card without a drawing.
func (c *Chart) Single() bool { return c.Option == nil }

// Caption is the title with the moment, marked when the numbers are
// rounded or illustrative: the figure's caption and the table's.
func (c *Chart) Caption() string {
	var marks []string
	if c.Approximate {
		marks = append(marks, "circa")
	}
	if c.Illustrative {
		marks = append(marks, "illustratief")
	}
	s := c.Title + ", " + c.When
	if len(marks) > 0 {
		s += " (" + strings.Join(marks, ", ") + ")"
	}
	return s
}

// Description is what screen readers get for the drawing: the caption and
// the summary, with the illustrative data named first.
func (c *Chart) Description() string {
	s := c.Title + ". " + c.Summary
	if c.Illustrative {
		s = "Illustratieve gegevens, geen echte cijfers. " + s
	}
	return s
}

// Source is the sources joined for one "Bron:" line.
func (c *Chart) Source() string { return strings.Join(c.Sources, "; ") }

// CSVName and JSONName are the file names of the downloads, beside the page.
func (c *Chart) CSVName() string  { return c.ID + ".csv" }
func (c *Chart) JSONName() string { return c.ID + ".json" }

// CSV is the table as CSV the way Dutch spreadsheets open it: UTF-8, ";"
// between fields, a decimal comma, a header row. Numbers are written in full
// (no thousands separator, no unit); the unit is in the header or in the
// unit column. Text that a spreadsheet would run as a formula gets a
// leading apostrophe.
func (c *Chart) CSV() []byte {
	t := c.Table
	header := []string{cleanCSV(t.Corner)}
	for _, col := range t.Columns {
		header = append(header, cleanCSV(col.Label))
	}
	header = append(header, "eenheid")
	rows := [][]string{header}
	for _, r := range t.Rows {
		rec := []string{cleanCSV(r.Label)}
		unit := ""
		for _, cell := range r.Cells {
			rec = append(rec, csvNumber(cell.Value))
			if cell.Value != nil && unit == "" {
				unit = cell.Unit
			}
		}
		rows = append(rows, append(rec, unit))
	}
	var b bytes.Buffer
	w := csv.NewWriter(&b)
	w.Comma = ';'
	_ = w.WriteAll(rows) // into memory: cannot fail
	return b.Bytes()
}

// cleanCSV keeps spreadsheets from evaluating a text cell as a formula.
func cleanCSV(s string) string {
	if s != "" && strings.ContainsRune("=+-@\t\r", rune(s[0])) {
		return "'" + s
	}
	return s
}

func csvNumber(f *float64) string {
	if f == nil {
		return ""
	}
	return strings.Replace(strconv.FormatFloat(*f, 'f', -1, 64), ".", ",", 1)
}

// dataDoc is the JSON download. Keys are Dutch, like the site's other open
// data.
type dataDoc struct {
	ID           string    `json:"id"`
	Titel        string    `json:"titel"`
	Periode      string    `json:"periode"`
	Peildatum    string    `json:"peildatum"`
	Bron         []string  `json:"bron"`
	Toelichting  []string  `json:"toelichting"`
	Circa        bool      `json:"circa"`
	Illustratief bool      `json:"illustratief"`
	Samenvatting string    `json:"samenvatting"`
	Hoek         string    `json:"rijkop"`
	Kolommen     []dataCol `json:"kolommen"`
	Rijen        []dataRow `json:"rijen"`
}

type dataCol struct {
	Sleutel string `json:"sleutel"`
	Naam    string `json:"naam"`
}

type dataRow struct {
	Sleutel string     `json:"sleutel"`
	Naam    string     `json:"naam"`
	Cellen  []dataCell `json:"cellen"`
}

type dataCell struct {
	Waarde  *float64 `json:"waarde"`
	Eenheid string   `json:"eenheid,omitempty"`
	Circa   bool     `json:"circa,omitempty"`
	Tekst   string   `json:"tekst"`
}

// JSON is the table with its caption, source and summary as a JSON
// document; every cell carries the number and the text the table prints.
func (c *Chart) JSON() ([]byte, error) {
	d := dataDoc{
		ID: c.ID, Titel: c.Title, Periode: c.When, Peildatum: c.AsOf.String(), Bron: nonNil(c.Sources),
		Toelichting: nonNil(c.Notes), Circa: c.Approximate, Illustratief: c.Illustrative, Samenvatting: c.Summary,
		Hoek: c.Table.Corner, Kolommen: []dataCol{}, Rijen: []dataRow{},
	}
	for _, col := range c.Table.Columns {
		d.Kolommen = append(d.Kolommen, dataCol{col.Key, col.Label})
	}
	for _, r := range c.Table.Rows {
		row := dataRow{Sleutel: r.Key, Naam: r.Label, Cellen: []dataCell{}}
		for _, cell := range r.Cells {
			row.Cellen = append(row.Cellen, dataCell{cell.Value, cell.Unit, cell.Approx, cell.Text})
		}
		d.Rijen = append(d.Rijen, row)
	}
	// Compact, like the open data (internal/site): indentation was a
	// quarter of the file.
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	if err := enc.Encode(d); err != nil {
		return nil, fmt.Errorf("grafiek %s: %w", c.ID, err)
	}
	return b.Bytes(), nil
}

func nonNil[T any](s []T) []T {
	if s == nil {
		return []T{}
	}
	return s
}

// ids hands out element ids, unique within one list of charts.
type ids map[string]int

// idWords name a chart's kind in its element id and download names, in
// the product's language.
var idWords = map[string]string{
	string(a.Stock): "woningvoorraad", string(a.RentBands): "huurprijsklassen", string(a.EnergyLabels): "energielabels",
	string(a.Allocations): "toewijzingen", string(a.SingleValue): "kengetal", KindStatus: "stand", KindTargets: "doelen",
}

func (u ids) next(kind string, d a.Date) string {
	id := "fig-" + kind
	if w, ok := idWords[kind]; ok {
		id = "fig-" + w
	}
	if !d.IsZero() {
		id += "-" + d.String()
	}
	u[id]++
	if n := u[id]; n > 1 {
		id += "-" + strconv.Itoa(n)
	}
	return id
}
