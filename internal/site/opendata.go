package site

import (
	"bytes"
	"embed"
	"encoding/csv"
	"encoding/json"
	"errors"
	"math"
	"path"
	"regexp"
	"slices"
	"strconv"
	"strings"

	a "github.com/prestatie/prestatie/internal/agreement"
	"github.com/prestatie/prestatie/internal/dutch"
	"github.com/prestatie/prestatie/internal/parallel"
)

// The JSON Schemas of the open data, published beside the data.
//
//go:embed schema/*.json
var schemas embed.FS

// itemRecord is one item of the text in the open data: an afspraak, a
// bepaling or a doel. Keys are Dutch: the data is for Dutch readers and
// their spreadsheets. The status fields are null for items that are not
// afspraken: only afspraken are monitored.
type itemRecord struct {
	Overeenkomst      string   `json:"overeenkomst"`
	ID                string   `json:"id"`
	Soort             string   `json:"soort"`
	Nummer            string   `json:"nummer"`
	Bovenliggend      string   `json:"bovenliggend"`
	OnderdeelID       string   `json:"onderdeel_id"`
	OnderdeelNummer   string   `json:"onderdeel_nummer"`
	Onderdeel         string   `json:"onderdeel"`
	Partijen          []string `json:"partijen"`
	Groepen           []string `json:"groepen"`
	Gebonden          string   `json:"gebonden"`
	Tekst             string   `json:"tekst"`
	DoelWaarde        *float64 `json:"doel_waarde"`
	DoelMin           *float64 `json:"doel_min"`
	DoelMax           *float64 `json:"doel_max"`
	DoelTrend         string   `json:"doel_trend"`
	Eenheid           string   `json:"eenheid"`
	DoelToelichting   string   `json:"doel_toelichting"`
	Termijn           string   `json:"termijn"`
	Status            *string  `json:"status"`
	StatusLabel       *string  `json:"status_label"`
	StatusDatum       *string  `json:"status_datum"`
	Stand             *float64 `json:"stand"`
	PercentageBereikt *float64 `json:"percentage_bereikt"`
	Verlopen          *bool    `json:"verlopen"`
	Eindoordeel       *string  `json:"eindoordeel"`
	URL               string   `json:"url"`
}

// progressRecord is one voortgangsmelding in the open data.
type progressRecord struct {
	Overeenkomst    string   `json:"overeenkomst"`
	Afspraak        string   `json:"afspraak_id"`
	OnderdeelNummer string   `json:"onderdeel_nummer"`
	Nummer          string   `json:"nummer"`
	Datum           string   `json:"datum"`
	Status          string   `json:"status"`
	Eindoordeel     string   `json:"eindoordeel"`
	Stand           *float64 `json:"stand"`
	Toelichting     string   `json:"toelichting"`
	Bron            string   `json:"bron"`
	Illustratief    bool     `json:"illustratief"`
}

func ptr[T any](v T) *T { return &v }

func (r *renderer) itemRecords(ag *a.Agreement) (at a.Date, recs []itemRecord) {
	at = ag.AsOf()
	ag.EachItem(func(it *a.Item) {
		rec := itemRecord{
			Overeenkomst: ag.ID, ID: it.ID, Soort: it.Kind.Label(), Nummer: it.Number,
			Tekst: it.Text, URL: r.base.abs(r.where[it]),
			Partijen: []string{}, Groepen: []string{}, Gebonden: dutch.Binding(it.Binding),
		}
		if it.Parent != nil {
			rec.Bovenliggend = it.Parent.ID
		}
		if s := it.Section; s != nil {
			var ids []string
			for _, x := range s.Path() {
				ids = append(ids, x.ID)
			}
			rec.OnderdeelID, rec.OnderdeelNummer, rec.Onderdeel = strings.Join(ids, "/"), s.Number, sectionTrail(s)
		}
		if !it.Binding.None() {
			for _, p := range it.Binding.Parties {
				rec.Partijen = append(rec.Partijen, p.ID)
			}
			for _, g := range it.Binding.Groups {
				rec.Groepen = append(rec.Groepen, g.Name)
			}
		}
		if t := it.Target; t != nil {
			rec.DoelWaarde, rec.DoelMin, rec.DoelMax = t.Value, t.Min, t.Max
			rec.DoelTrend, rec.Eenheid, rec.DoelToelichting = string(t.Trend), t.Unit, t.Note
			if t.Due != nil {
				rec.Termijn = t.Due.String()
			}
		}
		if it.Monitored() {
			s, e := it.StatusAt(at)
			rec.Status, rec.StatusLabel, rec.StatusDatum = ptr(string(s)), ptr(s.Label()), ptr("")
			if e != nil {
				rec.StatusDatum = ptr(e.Date.String())
			}
			if v, ok := it.ValueAt(at); ok {
				rec.Stand = &v
			}
			if pct, ok := it.Reached(at); ok {
				rec.PercentageBereikt = ptr(roundPercent(pct))
			}
			rec.Verlopen = ptr(it.Overdue(at))
			v, _ := it.Verdict()
			rec.Eindoordeel = ptr(string(v))
		}
		recs = append(recs, rec)
	})
	return at, recs
}

func progressRecords(ag *a.Agreement) []progressRecord {
	var recs []progressRecord
	ag.EachCommitment(func(c *a.Item) {
		sec := ""
		if c.Section != nil {
			sec = c.Section.Number
		}
		for _, e := range c.Progress {
			recs = append(recs, progressRecord{
				Overeenkomst: ag.ID, Afspraak: c.ID, OnderdeelNummer: sec, Nummer: c.Number, Datum: e.Date.String(),
				Status: string(e.Status), Eindoordeel: string(e.Verdict), Stand: e.Value,
				Toelichting: e.Note, Bron: e.Source, Illustratief: e.Illustrative,
			})
		}
	})
	return recs
}

// dataFiles are the open data and feeds of every agreement, and the site
// feed. Each agreement's files go to to (Options.Emit, when set) as soon
// as they are made, so that a large site's open data (80 MB at 800
// agreements) is not held whole at the end of the build.
func (r *renderer) dataFiles(to func(File) error) ([]File, error) {
	lic := r.licence()
	// Agreement by agreement on every core: at the end of a large build
	// this was one goroutine's work (800 agreements: 1-2 s) while the
	// others had nothing left. Each agreement's files keep their place.
	per := make([][]File, len(r.site.Agreements))
	errs := make([]error, len(r.site.Agreements))
	parallel.For(len(r.site.Agreements), func(i int) {
		ag := r.site.Agreements[i]
		if r.reused[ag.ID] != nil {
			return
		}
		if per[i], errs[i] = r.agreementData(ag, lic); errs[i] == nil {
			errs[i] = emit(to, per[i])
		}
	})
	if err := errors.Join(errs...); err != nil {
		return nil, err
	}
	var files []File
	for _, fs := range per {
		files = append(files, fs...)
	}
	all := []File{{Path: "feed.xml", Data: r.feed(r.site.Agreements, "")}}
	if err := emit(to, all); err != nil {
		return nil, err
	}
	return append(files, all...), nil
}

// agreementData are one agreement's open data, their schemas and its feed.
func (r *renderer) agreementData(ag *a.Agreement, lic licence) ([]File, error) {
	dir := dataPath(ag)
	at, cs := r.itemRecords(ag)
	ps := progressRecords(ag)
	cj, err := jsonDoc(map[string]any{
		"$schema": r.base.abs(dir + "punten.schema.json"), "overeenkomst": ag.ID,
		"titel": ag.Title, "stand_per": at.String(), "licentie": lic, "punten": nonNil(cs),
	})
	if err != nil {
		return nil, err
	}
	pj, err := jsonDoc(map[string]any{
		"$schema": r.base.abs(dir + "voortgang.schema.json"), "overeenkomst": ag.ID,
		"titel": ag.Title, "licentie": lic, "voortgangsmeldingen": nonNil(ps),
	})
	if err != nil {
		return nil, err
	}
	fs := []File{
		{Path: dir + "punten.json", Data: cj},
		{Path: dir + "voortgang.json", Data: pj},
		{Path: dir + "punten.csv", Data: itemCSV(cs)},
		{Path: dir + "voortgang.csv", Data: progressCSV(ps)},
	}
	for _, name := range []string{"punten.schema.json", "voortgang.schema.json"} {
		b, err := schemas.ReadFile(path.Join("schema", name))
		if err != nil {
			return nil, err
		}
		fs = append(fs, File{Path: dir + name, Data: b})
	}
	fs = append(fs, File{Path: agreementPath(ag) + "feed.xml", Data: r.feed([]*a.Agreement{ag}, agreementPath(ag))})
	return fs, nil
}

func nonNil[T any](s []T) []T {
	if s == nil {
		return []T{}
	}
	return s
}

// jsonDoc writes open data as compact JSON, one line: indentation was a
// quarter of its bytes, and a browser or jq shows it indented (the CSV is
// the file to read by eye).
func jsonDoc(v any) ([]byte, error) {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	err := enc.Encode(v)
	return b.Bytes(), err
}

// CSV: UTF-8 with a byte order mark (so that Excel reads the accents of
// "Potentiële" right), a header row, fields separated by ";" and numbers
// with a decimal comma, as Dutch spreadsheets expect. Lists are joined with
// " | ". A cell that a spreadsheet would run as a formula gets a leading
// apostrophe (neutralise).
func writeCSV(rows [][]string) []byte {
	var b bytes.Buffer
	b.WriteString(bom)
	w := csv.NewWriter(&b)
	w.Comma = ';'
	for _, row := range rows {
		for i := range row {
			row[i] = neutralise(row[i])
		}
	}
	w.WriteAll(rows) // writes to memory: cannot fail
	return b.Bytes()
}

// bom is the UTF-8 byte order mark that tells spreadsheets the encoding.
const bom = "\ufeff"

// plainNumber is a number as csvNumber writes it: safe to leave as it is,
// minus sign included.
var plainNumber = regexp.MustCompile(`^-?[0-9]+(,[0-9]+)?$`)

// neutralise puts an apostrophe before a cell that starts with a character
// a spreadsheet reads as the start of a formula (=, +, -, @) or that it
// strips before reading one (tab, carriage return): "=HYPERLINK(…)" is
// shown as text, never run. Plain numbers such as -5 or 0,5 stay numbers.
func neutralise(s string) string {
	if s == "" || !strings.ContainsRune("=+-@\t\r", rune(s[0])) || plainNumber.MatchString(s) {
		return s
	}
	return "'" + s
}

// recsv passes a CSV written elsewhere (a chart's download) through
// writeCSV, so that every CSV of the site follows the same rules.
func recsv(b []byte) []byte {
	r := csv.NewReader(bytes.NewReader(bytes.TrimPrefix(b, []byte(bom))))
	r.Comma = ';'
	r.FieldsPerRecord = -1
	rows, err := r.ReadAll()
	if err != nil { // cannot happen for encoding/csv output; keep it as it was
		return append([]byte(bom), b...)
	}
	return writeCSV(rows)
}

// roundPercent rounds a share to one decimal, as the pages show it.
func roundPercent(p float64) float64 { return math.Round(p*10) / 10 }

func csvNumber(f *float64) string {
	if f == nil {
		return ""
	}
	return strings.Replace(strconv.FormatFloat(*f, 'f', -1, 64), ".", ",", 1)
}

func csvString(s *string) string {
	if s == nil {
		return ""
	}
	return *s
}

func csvBool(b *bool) string {
	if b == nil {
		return ""
	}
	return yesNo(*b)
}

// The columns of the two CSV files, in order; the data page explains each
// from the description in the JSON Schema.
var (
	itemColumns = []string{"overeenkomst", "id", "soort", "nummer", "bovenliggend", "onderdeel_id", "onderdeel_nummer", "onderdeel",
		"partijen", "groepen", "gebonden", "tekst",
		"doel_waarde", "doel_min", "doel_max", "doel_trend", "eenheid", "doel_toelichting", "termijn",
		"status", "status_label", "status_datum", "stand", "percentage_bereikt", "verlopen", "eindoordeel", "url"}
	progressColumns = []string{"overeenkomst", "afspraak_id", "onderdeel_nummer", "nummer", "datum", "status", "eindoordeel", "stand", "toelichting", "bron", "illustratief"}
)

// columnDoc is one column of a CSV file as the data page explains it.
type columnDoc struct{ Name, Description string }

// columnDocs explains the columns of a CSV file from the descriptions in
// the JSON Schema of the same data (one source for both).
func columnDocs(schemaFile string, cols []string) ([]columnDoc, error) {
	b, err := schemas.ReadFile(path.Join("schema", schemaFile))
	if err != nil {
		return nil, err
	}
	var sch struct {
		Properties map[string]struct {
			Items struct {
				Properties map[string]struct {
					Description string `json:"description"`
				} `json:"properties"`
			} `json:"items"`
		} `json:"properties"`
	}
	if err := json.Unmarshal(b, &sch); err != nil {
		return nil, err
	}
	var rows map[string]struct {
		Description string `json:"description"`
	}
	for _, p := range sch.Properties {
		if p.Items.Properties != nil {
			rows = p.Items.Properties
		}
	}
	out := make([]columnDoc, len(cols))
	for i, c := range cols {
		out[i] = columnDoc{c, rows[c].Description}
	}
	return out, nil
}

// ItemColumns and ProgressColumns explain the CSV files on the data page.
func (p *page) ItemColumns() ([]columnDoc, error) {
	return columnDocs("punten.schema.json", itemColumns)
}
func (p *page) ProgressColumns() ([]columnDoc, error) {
	return columnDocs("voortgang.schema.json", progressColumns)
}

func itemCSV(cs []itemRecord) []byte {
	rows := [][]string{slices.Clone(itemColumns)}
	for _, c := range cs {
		rows = append(rows, []string{c.Overeenkomst, c.ID, c.Soort, c.Nummer, c.Bovenliggend, c.OnderdeelID, c.OnderdeelNummer, c.Onderdeel,
			strings.Join(c.Partijen, " | "), strings.Join(c.Groepen, " | "), c.Gebonden, c.Tekst,
			csvNumber(c.DoelWaarde), csvNumber(c.DoelMin), csvNumber(c.DoelMax), c.DoelTrend, c.Eenheid, c.DoelToelichting, c.Termijn,
			csvString(c.Status), csvString(c.StatusLabel), csvString(c.StatusDatum), csvNumber(c.Stand), csvNumber(c.PercentageBereikt),
			csvBool(c.Verlopen), csvString(c.Eindoordeel), c.URL})
	}
	return writeCSV(rows)
}

func progressCSV(ps []progressRecord) []byte {
	rows := [][]string{slices.Clone(progressColumns)}
	for _, p := range ps {
		rows = append(rows, []string{p.Overeenkomst, p.Afspraak, p.OnderdeelNummer, p.Nummer, p.Datum, p.Status, p.Eindoordeel, csvNumber(p.Stand), p.Toelichting, p.Bron, yesNo(p.Illustratief)})
	}
	return writeCSV(rows)
}

func yesNo(b bool) string {
	if b {
		return "ja"
	}
	return "nee"
}
