package site

import (
	"html/template"
	"strings"

	a "github.com/prestatie/prestatie/internal/agreement"
	"github.com/prestatie/prestatie/internal/dutch"
)

func (r *renderer) funcs() template.FuncMap {
	return template.FuncMap{
		// url makes a link from a path below the base.
		"url":          func(p string) string { return r.base.path + p },
		"agreementURL": func(ag *a.Agreement) string { return r.base.path + agreementPath(ag) },
		"chapterURL":   func(ag *a.Agreement, ch *a.Chapter) string { return r.base.path + chapterPath(ag, ch) },
		"afspraakURL": func(ag *a.Agreement, ch *a.Chapter, af *a.Afspraak) string {
			return r.base.path + afspraakPath(ag, ch, af)
		},
		"date":         dutch.DateOf,
		"isoDate":      func(d a.Date) string { return d.String() },
		"number":       dutch.Number,
		"quantity":     dutch.Quantity,
		"target":       dutch.Target,
		"deref":        func(f *float64) float64 { return *f },
		"chapterLabel": ChapterLabel,
		"partyList":    dutch.PartyNames,
		"figureKey":    a.FigureKeyLabel,
		"figureValue": func(f *a.Figure, v float64) string {
			if f.Kind == a.RentBands {
				return dutch.Percent(v)
			}
			return dutch.Number(v)
		},
		"statusClass": func(s a.Status) string {
			if s == "" {
				return "geen"
			}
			return string(s)
		},
		"monitoring": func(qs []int) string {
			var s []string
			for _, q := range qs {
				s = append(s, "Q"+string(rune('0'+q)))
			}
			return dutch.List(s)
		},
		"lower":         strings.ToLower,
		"inline":        r.md.Inline,
		"shorten":       shorten,
		"agreementPath": agreementPath,
		"statuses":      func() []a.Term[a.Status] { return a.Statuses },
		"row": func(p *page, c *a.Commitment, at a.Date) rowArgs {
			s, _ := c.StatusAt(at)
			return rowArgs{Page: p, C: c, At: at, Status: s}
		},
		"chapterCommitments": func(ag *a.Agreement, ch *a.Chapter) []*a.Commitment {
			var all []*a.Commitment
			ag.EachIn(ch, func(c *a.Commitment) { all = append(all, c) })
			return all
		},
		"contrib": func(p *page, cs []*a.Commitment) contribArgs { return contribArgs{p, cs} },
	}
}

type contribArgs struct {
	Page *page
	List []*a.Commitment
}

type rowArgs struct {
	Page   *page
	C      *a.Commitment
	At     a.Date
	Status a.Status
}
