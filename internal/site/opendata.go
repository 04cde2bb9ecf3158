package site

import (
	"bytes"
	"embed"
	"encoding/csv"
	"encoding/json"
	"path"
	"strconv"
	"strings"

	a "github.com/prestatie/prestatie/internal/agreement"
)

// The JSON Schemas of the open data, published beside the data.
//
//go:embed schema/*.json
var schemas embed.FS

// commitmentRecord is one commitment in the open data. Keys are Dutch: the
// data is for Dutch readers and their spreadsheets.
type commitmentRecord struct {
	Overeenkomst      string   `json:"overeenkomst"`
	Nummer            string   `json:"nummer"`
	ID                string   `json:"id"`
	Hoofdstuk         string   `json:"hoofdstuk"`
	Afspraak          string   `json:"afspraak"`
	Partijen          []string `json:"partijen"`
	Tekst             string   `json:"tekst"`
	DoelWaarde        *float64 `json:"doel_waarde"`
	DoelMin           *float64 `json:"doel_min"`
	DoelMax           *float64 `json:"doel_max"`
	DoelTrend         string   `json:"doel_trend"`
	Eenheid           string   `json:"eenheid"`
	DoelToelichting   string   `json:"doel_toelichting"`
	Uiterlijk         string   `json:"uiterlijk"`
	Status            string   `json:"status"`
	StatusLabel       string   `json:"status_label"`
	StatusDatum       string   `json:"status_datum"`
	Stand             *float64 `json:"stand"`
	PercentageBereikt *float64 `json:"percentage_bereikt"`
	Verlopen          bool     `json:"verlopen"`
	Eindoordeel       string   `json:"eindoordeel"`
	URL               string   `json:"url"`
}

// progressRecord is one progress entry in the open data.
type progressRecord struct {
	Overeenkomst string   `json:"overeenkomst"`
	Nummer       string   `json:"nummer"`
	Afspraak     string   `json:"afspraak_id"`
	Datum        string   `json:"datum"`
	Status       string   `json:"status"`
	Eindoordeel  string   `json:"eindoordeel"`
	Stand        *float64 `json:"stand"`
	Toelichting  string   `json:"toelichting"`
	Bron         string   `json:"bron"`
	Illustratief bool     `json:"illustratief"`
}

func (r *renderer) commitmentRecords(ag *a.Agreement) (at a.Date, recs []commitmentRecord) {
	at = ag.AsOf()
	ag.EachCommitment(func(c *a.Commitment) {
		loc := r.where[c]
		rec := commitmentRecord{
			Overeenkomst: ag.ID, Nummer: c.Number, ID: c.ID, Hoofdstuk: loc.Chapter.Title,
			Tekst: c.Text, Uiterlijk: c.Due().String(), URL: r.base.abs(loc.Path(c)),
			Verlopen: c.Overdue(at), Partijen: []string{},
		}
		if loc.Afspraak != nil {
			rec.Afspraak = loc.Afspraak.Title
		}
		for _, p := range c.Binding.Parties {
			rec.Partijen = append(rec.Partijen, p.ID)
		}
		if t := c.Target; t != nil {
			rec.DoelWaarde, rec.DoelMin, rec.DoelMax = t.Value, t.Min, t.Max
			rec.DoelTrend, rec.Eenheid, rec.DoelToelichting = string(t.Trend), t.Unit, t.Note
		}
		if s, e := c.StatusAt(at); e != nil {
			rec.Status, rec.StatusDatum = string(s), e.Date.String()
		}
		rec.StatusLabel = a.Status(rec.Status).Label()
		if v, ok := c.ValueAt(at); ok {
			rec.Stand = &v
		}
		if pct, ok := c.Reached(at); ok {
			rec.PercentageBereikt = &pct
		}
		if v, _ := c.Verdict(); v != "" {
			rec.Eindoordeel = string(v)
		}
		recs = append(recs, rec)
	})
	return at, recs
}

func progressRecords(ag *a.Agreement) []progressRecord {
	var recs []progressRecord
	ag.EachCommitment(func(c *a.Commitment) {
		for _, e := range c.Progress {
			recs = append(recs, progressRecord{
				Overeenkomst: ag.ID, Nummer: c.Number, Afspraak: c.ID, Datum: e.Date.String(),
				Status: string(e.Status), Eindoordeel: string(e.Verdict), Stand: e.Value,
				Toelichting: e.Note, Bron: e.Source, Illustratief: e.Illustrative,
			})
		}
	})
	return recs
}

// dataFiles are the open data and feeds of every agreement, and the site feed.
func (r *renderer) dataFiles() ([]File, error) {
	var files []File
	for _, ag := range r.site.Agreements {
		dir := agreementPath(ag) + "data/"
		at, cs := r.commitmentRecords(ag)
		ps := progressRecords(ag)
		cj, err := jsonDoc(map[string]any{
			"$schema": r.base.abs(dir + "afspraken.schema.json"), "overeenkomst": ag.ID,
			"titel": ag.Title, "stand_per": at.String(), "afspraken": cs,
		})
		if err != nil {
			return nil, err
		}
		pj, err := jsonDoc(map[string]any{
			"$schema": r.base.abs(dir + "voortgang.schema.json"), "overeenkomst": ag.ID,
			"titel": ag.Title, "rapportages": nonNil(ps),
		})
		if err != nil {
			return nil, err
		}
		files = append(files,
			File{Path: dir + "afspraken.json", Data: cj},
			File{Path: dir + "voortgang.json", Data: pj},
			File{Path: dir + "afspraken.csv", Data: commitmentCSV(cs)},
			File{Path: dir + "voortgang.csv", Data: progressCSV(ps)},
		)
		for _, name := range []string{"afspraken.schema.json", "voortgang.schema.json"} {
			b, err := schemas.ReadFile(path.Join("schema", name))
			if err != nil {
				return nil, err
			}
			files = append(files, File{Path: dir + name, Data: b})
		}
		files = append(files, File{Path: agreementPath(ag) + "feed.xml", Data: r.feed([]*a.Agreement{ag}, agreementPath(ag))})
	}
	files = append(files, File{Path: "feed.xml", Data: r.feed(r.site.Agreements, "")})
	return files, nil
}

func nonNil[T any](s []T) []T {
	if s == nil {
		return []T{}
	}
	return s
}

func jsonDoc(v any) ([]byte, error) {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetIndent("", "  ")
	err := enc.Encode(v)
	return b.Bytes(), err
}

// CSV: UTF-8, a header row, fields separated by ";" and numbers with a
// decimal comma, as Dutch spreadsheets expect. Lists are joined with " | ".
func writeCSV(rows [][]string) []byte {
	var b bytes.Buffer
	w := csv.NewWriter(&b)
	w.Comma = ';'
	w.WriteAll(rows) // writes to memory: cannot fail
	return b.Bytes()
}

func csvNumber(f *float64) string {
	if f == nil {
		return ""
	}
	return strings.Replace(strconv.FormatFloat(*f, 'f', -1, 64), ".", ",", 1)
}

func commitmentCSV(cs []commitmentRecord) []byte {
	rows := [][]string{{"overeenkomst", "nummer", "id", "hoofdstuk", "afspraak", "partijen", "tekst",
		"doel_waarde", "doel_min", "doel_max", "doel_trend", "eenheid", "doel_toelichting", "uiterlijk",
		"status", "status_label", "status_datum", "stand", "percentage_bereikt", "verlopen", "eindoordeel", "url"}}
	for _, c := range cs {
		rows = append(rows, []string{c.Overeenkomst, c.Nummer, c.ID, c.Hoofdstuk, c.Afspraak, strings.Join(c.Partijen, " | "), c.Tekst,
			csvNumber(c.DoelWaarde), csvNumber(c.DoelMin), csvNumber(c.DoelMax), c.DoelTrend, c.Eenheid, c.DoelToelichting, c.Uiterlijk,
			c.Status, c.StatusLabel, c.StatusDatum, csvNumber(c.Stand), csvNumber(c.PercentageBereikt), yesNo(c.Verlopen), c.Eindoordeel, c.URL})
	}
	return writeCSV(rows)
}

func progressCSV(ps []progressRecord) []byte {
	rows := [][]string{{"overeenkomst", "nummer", "afspraak_id", "datum", "status", "eindoordeel", "stand", "toelichting", "bron", "illustratief"}}
	for _, p := range ps {
		rows = append(rows, []string{p.Overeenkomst, p.Nummer, p.Afspraak, p.Datum, p.Status, p.Eindoordeel, csvNumber(p.Stand), p.Toelichting, p.Bron, yesNo(p.Illustratief)})
	}
	return writeCSV(rows)
}

func yesNo(b bool) string {
	if b {
		return "ja"
	}
	return "nee"
}
