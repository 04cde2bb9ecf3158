package site

import (
	"html/template"
	"regexp"
	"strings"

	a "github.com/prestatie/prestatie/internal/agreement"
	"github.com/prestatie/prestatie/internal/dutch"
)

// itemView is what the "item-meta" template shows after an item's text:
// for an afspraak who is bound, its target and deadline, its latest state
// with the report it came from and its history; for a doel its target;
// for a bepaling only what it is.
//
// What the template asks of every item is computed beforehand, as fields:
// a field costs text/template far less than a method.
type itemView struct {
	Page *page
	Item *a.Item
	// Binding names who the item binds, "" when no party is named;
	// BindingLabel is "Partij" for one named organisation, else "Partijen".
	Binding, BindingLabel string
	// Overdue reports whether the afspraak is past its stated deadline at
	// the agreement's latest report.
	Overdue bool
	Age     StatusAge   // when its latest status was reported (time.go)
	Latest  *latestView // its latest voortgangsmelding; nil when none
}

func (p *page) itemMeta(it *a.Item) (template.HTML, error) {
	v := itemView{Page: p, Item: it, Binding: dutch.Binding(it.Binding), BindingLabel: bindingLabel(it.Binding),
		Overdue: it.Overdue(p.Agreement.AsOf()), Age: latestAge(it, p.Agreement)}
	if it.Monitored() {
		var err error
		if v.Latest, err = p.r.latest(it, p.Agreement); err != nil {
			return "", err
		}
	}
	var b htmlOut                      // its String does not copy
	if p.r.fast(p.Kind, "item-meta") { // fast.go
		if ok, err := itemMetaGo(&b, &v); ok || err != nil {
			return template.HTML(strings.TrimSpace(b.String())), err
		}
		b.Reset()
	}
	if err := p.r.pages_[p.Kind].ExecuteTemplate(&b, "item-meta", v); err != nil {
		return "", err
	}
	return template.HTML(strings.TrimSpace(b.String())), nil
}

func bindingLabel(b a.Binding) string {
	if !b.All && len(b.Kinds) == 0 && len(b.Groups) == 0 && len(b.Named) == 1 {
		return "Partij"
	}
	return "Partijen"
}

// ReportPath is the report page of a progress entry's date, below the base.
func (v itemView) ReportPath(e *a.ProgressEntry) string {
	return reportPath(v.Page.Agreement, e.Date)
}

func reportPath(ag *a.Agreement, d a.Date) string {
	return progressPath(ag) + a.MomentSlug(d) + "/"
}

// targetText says a target as the site shows it: "12 woningen, uiterlijk 30
// juni 2025 (netto)"; the label is "Doel" for an amount, "Termijn" for a
// deadline alone.
func targetText(t *a.Target) (label, text string) {
	if t == nil {
		return "", ""
	}
	var parts []string
	if t.Measurable() {
		parts = append(parts, dutch.Target(t))
		label = "Doel"
	}
	if d := dutch.Deadline(t.Due); d != "" {
		parts = append(parts, d)
		if label == "" {
			label = "Termijn"
		}
	}
	text = strings.Join(parts, ", ")
	if t.Note != "" {
		if text == "" {
			return "Toelichting", t.Note
		}
		text += " (" + t.Note + ")"
	}
	return label, text
}

// itemLabel names an item in lists: the document's number of the item, if
// any, then the start of its text without Markdown. Where it stands is
// said apart (sectionTrail): a section number alone can be ambiguous.
func itemLabel(it *a.Item, n int) string {
	s := it.Text
	if strings.Contains(s, "](") { // what every link has: the regexp only then
		s = mdLink.ReplaceAllString(s, "$1")
	}
	s = shorten(mdMarks.Replace(s), n)
	if it.Number != "" {
		s = it.Number + " " + s
	}
	return s
}

var (
	mdLink  = regexp.MustCompile(`\[([^\]]*)\]\([^)]*\)`)
	mdMarks = strings.NewReplacer("**", "", "__", "", "*", "", "`", "")
)

// itemWhere names where an item stands: its section with the sections
// above it, or the text before the first section.
func itemWhere(it *a.Item) string {
	if it.Section != nil {
		return sectionTrail(it.Section)
	}
	return "begin van de overeenkomst"
}

// sectionTrail names a section with the sections above it:
// "Beschikbaarheid › 2 Nieuwbouw".
func sectionTrail(s *a.Section) string {
	if s == nil {
		return ""
	}
	if s.Parent == nil {
		return s.Label()
	}
	var b strings.Builder
	writeTrail(&b, s)
	return b.String()
}

// writeTrail writes sectionTrail(s) from the parents down.
func writeTrail(b *strings.Builder, s *a.Section) {
	if s.Parent != nil {
		writeTrail(b, s.Parent)
		b.WriteString(" › ")
	}
	if s.Number != "" { // s.Label()
		b.WriteString(s.Number)
		b.WriteByte(' ')
	}
	b.WriteString(s.Title)
}

// entryView is a voortgangsmelding as the history of an afspraak shows
// it, its words computed beforehand (fields cost the template far less
// than calls).
type entryView struct {
	ISODate, Date        string
	Status, Verdict      string // labels; "" when the entry gives none
	Value                string // the number reported; "" when none
	Note, Source         string // Markdown; "" when none
	NoteHTML, SourceHTML template.HTML
	Illustrative         bool
}

// history is the voortgangsmeldingen of afspraak it, oldest first.
func (r *renderer) history(it *a.Item) ([]entryView, error) {
	out := make([]entryView, len(it.Progress))
	for i, e := range it.Progress {
		v := entryView{ISODate: e.Date.String(), Date: dutch.DateOf(e.Date), Note: e.Note, Source: e.Source, Illustrative: e.Illustrative}
		if e.Status != "" {
			v.Status = e.Status.Label()
		}
		if e.Verdict != "" {
			v.Verdict = e.Verdict.Label()
		}
		if e.Value != nil {
			v.Value = dutch.Number(*e.Value)
		}
		var err error
		if v.NoteHTML, v.SourceHTML, err = r.notes(e); err != nil {
			return nil, err
		}
		out[i] = v
	}
	return out, nil
}

// notes are the note and source of a voortgangsmelding, rendered.
func (r *renderer) notes(e *a.ProgressEntry) (note, source template.HTML, err error) {
	if e.Note != "" {
		if note, err = r.inline(e.Note); err != nil {
			return "", "", err
		}
	}
	if e.Source != "" {
		source, err = r.inline(e.Source)
	}
	return note, source, err
}

// latestView is an afspraak's latest voortgangsmelding as the "status"
// template shows it, its words computed beforehand.
type latestView struct {
	Status                    a.Status // for the class; "" for a verdict alone
	Verdict                   a.Verdict
	StatusLabel, VerdictLabel string
	Value                     string // the number, with the target's unit; "" when none
	URL                       string // the report page of its date
	ISODate, Date             string
	Illustrative              bool
	Note, Source              string // Markdown; "" when none
	NoteHTML, SourceHTML      template.HTML
}

// latest is the latest voortgangsmelding of afspraak it, nil when there
// is none.
func (r *renderer) latest(it *a.Item, ag *a.Agreement) (*latestView, error) {
	e := it.Latest()
	if e == nil {
		return nil, nil
	}
	v := &latestView{Status: e.Status, Verdict: e.Verdict, StatusLabel: e.Status.Label(), VerdictLabel: e.Verdict.Label(),
		URL: r.base.path + reportPath(ag, e.Date), ISODate: e.Date.String(), Date: dutch.DateOf(e.Date),
		Illustrative: e.Illustrative, Note: e.Note, Source: e.Source}
	if e.Value != nil {
		v.Value = dutch.Number(*e.Value)
		if it.Target != nil {
			v.Value = dutch.Quantity(*e.Value, it.Target.Unit)
		}
	}
	var err error
	v.NoteHTML, v.SourceHTML, err = r.notes(e)
	return v, err
}
