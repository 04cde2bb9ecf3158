package site

import (
	"encoding/json"
	"strconv"

	a "github.com/prestatie/prestatie/internal/agreement"
	"github.com/prestatie/prestatie/internal/dutch"
)

// The embedded templates that Go renders (fast.go), each as the template
// of the same name writes it, whitespace included.

// sharedGo are the shared parts (memo.go) Go renders, by template name.
var sharedGo = map[string]func(w *htmlOut, r *renderer, args sharedArgs) bool{
	"filter-group": func(w *htmlOut, r *renderer, args sharedArgs) bool {
		c, ok := args.(choicesArgs)
		return ok && filterGroupGo(w, r, &c)
	},
	"crumbs": func(w *htmlOut, r *renderer, args sharedArgs) bool {
		t, ok := args.(trailArgs)
		return ok && crumbsGo(w, r, t.trail)
	},
}

// itemMetaGo is the "item-meta" template (partials.html) in Go.
func itemMetaGo(w *htmlOut, v *itemView) (bool, error) {
	it := v.Item
	binding := func(open, close string) {
		if v.Binding != "" {
			w.wrap(open, v.BindingLabel, ":</span> ")
			w.text(v.Binding)
			w.WriteString(close)
		}
	}
	switch {
	case it.Monitored():
		w.WriteString("\n<div class=\"item-meta commitment-meta\">")
		binding(`<p class="binding"><span class="meta-label">`, "</p>")
		targetGo(w, it.Target)
		if !statusGo(w, v) {
			return false, nil
		}
		if err := historyGo(w, v.Page.r, it); err != nil {
			return false, err
		}
		w.WriteString("\n</div>")
	case it.Kind == a.Goal:
		w.WriteString("\n<div class=\"item-meta goal-meta\"><p><span class=\"kind-tag\">doel</span>")
		if _, text := targetText(it.Target); text != "" {
			w.wrap(` <span class="target">`, text, "</span>")
		}
		binding(` <span class="binding"><span class="meta-label">`, "</span>")
		w.WriteString("</p>\n</div>")
	default:
		w.WriteString("\n<div class=\"item-meta provision-meta\"><p><span class=\"kind-tag\">bepaling</span>")
		binding(` <span class="binding"><span class="meta-label">`, "</span>")
		w.WriteString("</p>")
		targetGo(w, it.Target)
		w.WriteString("\n</div>")
	}
	return true, nil
}

// targetGo is the "target" template.
func targetGo(w *htmlOut, t *a.Target) {
	if t == nil {
		return
	}
	label, text := targetText(t)
	w.wrap("\n<p class=\"target\"><span class=\"target-label\">", label, ":</span> ")
	w.text(text)
	w.WriteString("</p>")
}

// statusGo is the "status" template.
func statusGo(w *htmlOut, v *itemView) bool {
	overdue := func() {
		if v.Overdue {
			w.WriteString(` <span class="status-overdue">verlopen</span>`)
		}
	}
	l := v.Latest
	if l == nil {
		w.WriteString("\n<div class=\"status status-geen\"><p><span class=\"status-label\">Status: geen rapportage</span>")
		overdue()
		w.WriteString("</p></div>")
		return true
	}
	w.WriteString("\n<div class=\"status ")
	if l.Status != "" {
		w.WriteString("status-")
		w.text(string(l.Status))
	} else {
		w.WriteString("status-verdict-")
		w.text(string(l.Verdict))
	}
	w.WriteString("\">\n  <p>")
	if l.Status != "" {
		w.wrap(`<span class="status-label">Status: `, l.StatusLabel, "</span>")
	}
	if l.Status != "" && l.Verdict != "" {
		w.WriteString(" ")
	}
	if l.Verdict != "" {
		w.wrap(`<span class="status-label">Eindoordeel: `, l.VerdictLabel, "</span>")
	}
	overdue()
	if l.Value != "" {
		w.wrap(` <span class="status-value">stand: `, l.Value, "</span>")
	}
	if v.Age.Stale {
		w.WriteString("\n  <span class=\"status-stale\">(niet bijgewerkt sinds de <a href=\"")
	} else {
		w.WriteString("\n  <span class=\"status-date\">(<a href=\"")
	}
	if !w.url(l.URL) {
		return false
	}
	w.wrap(`">rapportage van <time datetime="`, l.ISODate, `">`)
	w.text(l.Date)
	w.WriteString("</time></a>")
	if l.Illustrative {
		w.WriteString(", illustratief")
	}
	w.WriteString(")</span></p>")
	if l.Note != "" {
		w.WriteString(`<div class="status-note">Toelichting: `)
		w.WriteString(string(l.NoteHTML))
		w.WriteString("</div>")
	}
	if l.Source != "" {
		w.WriteString(`<p class="status-source">Bron: `)
		w.WriteString(string(l.SourceHTML))
		w.WriteString("</p>")
	}
	w.WriteString("\n</div>")
	return true
}

// historyGo is the "history" template.
func historyGo(w *htmlOut, r *renderer, it *a.Item) error {
	if len(it.Progress) <= 1 {
		return nil
	}
	es, err := r.history(it)
	if err != nil {
		return err
	}
	w.wrap("\n<details class=\"history\">\n  <summary>Geschiedenis (", a.Count(len(it.Progress), "voortgangsmelding", "voortgangsmeldingen"), ")</summary>\n  <ol>")
	for _, e := range es {
		w.wrap("\n    <li><time datetime=\"", e.ISODate, `">`)
		w.text(e.Date)
		w.WriteString("</time>:\n      ")
		w.text(e.Status)
		if e.Status != "" && e.Verdict != "" {
			w.WriteString(", ")
		}
		if e.Verdict != "" {
			w.WriteString("eindoordeel ")
			w.text(e.Verdict)
		}
		if e.Value != "" {
			w.WriteString(", stand ")
			w.text(e.Value)
		}
		if e.Note != "" {
			w.WriteString(". ")
			w.WriteString(string(e.NoteHTML))
		}
		if e.Source != "" {
			w.WriteString(` <span class="status-source">(bron: `)
			w.WriteString(string(e.SourceHTML))
			w.WriteString(")</span>")
		}
		if e.Illustrative {
			w.WriteString(` <span class="illustrative">(illustratief)</span>`)
		}
		w.WriteString("</li>")
	}
	w.WriteString("\n  </ol>\n</details>")
	return nil
}

// rowGo is the "commitment-row" template (partials-progress.html).
func rowGo(w *htmlOut, v *rowArgs) bool {
	w.wrap("\n<tr data-deel=\"", v.Deel, `" data-partijen="`)
	w.text(v.Partijen)
	w.wrap(`" data-status="`, v.Slug, "\">\n  <td>")
	if v.C.Number != "" {
		w.wrap(`<span class="number">`, v.C.Number, "</span> ")
	}
	w.WriteString(string(v.Text))
	w.WriteString("</td>\n  <td data-label=\"Onderdeel\"><a href=\"")
	if !w.url(v.URL) {
		return false
	}
	w.wrap(`">`, v.Where, "</a></td>\n  <td data-label=\"Partij\">")
	if v.Binding != "" {
		w.text(v.Binding)
	} else {
		w.WriteString(`<span class="meta">geen partij genoemd</span>`)
	}
	w.wrap("</td>\n  <td class=\"status-cell status-", v.Class, `">`)
	w.text(v.Label)
	if v.Overdue {
		w.WriteString(", verlopen")
	}
	statusAgeGo(w, v.Age)
	w.WriteString("</td>\n</tr>")
	return true
}

// statusAgeGo is the "status-age" template.
func statusAgeGo(w *htmlOut, s StatusAge) {
	switch {
	case s.Stale:
		w.WriteString(` <span class="status-stale">niet bijgewerkt sinds <time datetime="`)
	case !s.Reported.IsZero():
		w.WriteString(` <span class="status-date">gerapporteerd <time datetime="`)
	default:
		return
	}
	w.text(s.Reported.String())
	w.wrap(`">`, dutch.DateOf(s.Reported), "</time></span>")
}

// filterGroupGo is the "filter-group" template (commitments.html).
func filterGroupGo(w *htmlOut, r *renderer, c *choicesArgs) bool {
	g := c.Group
	if g == nil || len(g.Links) == 0 {
		return true
	}
	w.wrap("\n  <div class=\"filter-group\">\n    <h2 class=\"filter-label\">", g.Label, "</h2>\n    <ul>")
	if c.Live || c.Chosen {
		w.WriteString("\n      <li><a href=\"")
		if !w.url(r.base.path + g.List) {
			return false
		}
		if c.Live {
			w.wrap(`" data-filter="`, g.Kind, `" data-key="" aria-current="true`)
		}
		w.wrap(`">`, g.All, "</a></li>")
	}
	for _, l := range g.Links {
		w.WriteString("\n      <li>")
		if l.Path == c.Current {
			w.wrap(`<span aria-current="page">`, l.Title, "</span>")
		} else {
			w.WriteString(`<a href="`)
			if !w.url(r.base.path + l.Path) {
				return false
			}
			w.WriteString(`"`)
			if c.Live {
				w.wrap(` data-filter="`, g.Kind, `" data-key="`)
				w.text(l.Key)
				w.WriteString(`"`)
			}
			w.wrap(">", l.Title, "</a>")
		}
		w.WriteString("</li>")
	}
	w.WriteString("\n    </ul>\n  </div>")
	return true
}

// crumbsGo is the "crumbs" template (base.html).
func crumbsGo(w *htmlOut, r *renderer, t *trail) bool {
	for _, l := range t.Links {
		w.WriteString("\n    <li><a href=\"")
		if !w.url(r.base.path + l.Path) {
			return false
		}
		w.wrap(`">`, l.Title, "</a></li>")
	}
	return true
}

// figuresGo is the "figures" template, with "chart", in Go (partials.html).
func figuresGo(w *htmlOut, vs []chartView) bool {
	for i := range vs {
		if !chartGo(w, &vs[i]) {
			return false
		}
	}
	return true
}

// chartGo is the "chart" template. The option is written as
// html/template writes a map in a script: its JSON (which escapes <, >, &
// and the line separators itself); one that does not encode makes the Go
// decline.
func chartGo(w *htmlOut, v *chartView) bool {
	id := func(suffix string) {
		w.text(v.ID)
		w.WriteString(suffix)
	}
	w.WriteString("\n<figure class=\"figure chart-figure")
	if v.Single {
		w.WriteString(" number-figure")
	}
	w.WriteString(`" id="`)
	id(`" aria-labelledby="`)
	id(`-titel" aria-describedby="`)
	id("-samenvatting\">\n  <figcaption id=\"")
	id(`-titel">`)
	w.text(v.Caption)
	w.WriteString("</figcaption>")
	for _, c := range v.Cards {
		w.WriteString("\n  <div class=\"number-card\">")
		if v.Illustrative {
			w.WriteString(`<p class="number-card-mark">Illustratief, geen echte cijfers</p>`)
		}
		if c.Label != "" {
			w.wrap(`<p class="number-card-label">`, c.Label, "</p>")
		}
		w.WriteString("\n    <p class=\"figure-value\">")
		w.text(c.Value)
		if c.Unit != "" {
			w.wrap(` <span class="figure-unit">`, c.Unit, "</span>")
		}
		w.WriteString("</p>")
		if c.Change != "" {
			w.wrap(`<p class="number-card-change">`, c.Change, "</p>")
		}
		w.WriteString("\n  </div>")
	}
	targetGo(w, v.Goal)
	w.WriteString("\n  <p class=\"chart-summary\" id=\"")
	id(`-samenvatting">`)
	w.text(v.Summary)
	w.WriteString("</p>")
	if !v.Single {
		opt, err := json.Marshal(v.Option)
		if err != nil {
			return false
		}
		w.WriteString("\n  <div class=\"chart\" id=\"")
		id(`-grafiek" data-chart="`)
		id(`-optie" data-height="`)
		w.WriteString(strconv.Itoa(v.Height))
		w.WriteString("\" hidden></div>\n  <script type=\"application/json\" id=\"")
		id(`-optie">`)
		w.Write(opt)
		w.WriteString("</script>")
	}
	w.WriteString("\n  <details class=\"chart-data\"")
	if !v.Single {
		w.WriteString(" open")
	}
	w.WriteString(">\n    <summary>Tabel met de cijfers</summary>\n    <div class=\"table-wrap\" role=\"region\" tabindex=\"0\" aria-labelledby=\"")
	id("-tabel\">\n    <table")
	if v.Table.Cards() {
		w.WriteString(` class="cards chart-table"`)
	}
	w.WriteString(">\n      <caption id=\"")
	id(`-tabel">`)
	w.text(v.Caption)
	w.wrap("</caption>\n      <thead><tr><th scope=\"col\">", v.Table.Corner, "</th>")
	for _, c := range v.Table.Columns {
		w.wrap(`<th scope="col">`, c.Label, "</th>")
	}
	w.WriteString("</tr></thead>\n      <tbody>")
	for _, r := range v.TableRows {
		w.wrap("\n        <tr><th scope=\"row\">", r.Label, "</th>")
		for _, c := range r.Cells {
			w.WriteString("<td")
			if c.Label != "" {
				w.wrap(` data-label="`, c.Label, `"`)
			}
			w.wrap(">", c.Text, "</td>")
		}
		w.WriteString("</tr>")
	}
	w.WriteString("\n      </tbody>\n    </table>\n    </div>\n  </details>\n  <p class=\"chart-downloads\">Download de cijfers: <a href=\"")
	if !w.url(v.CSVURL) {
		return false
	}
	w.WriteString(`" download>CSV</a> · <a href="`)
	if !w.url(v.JSONURL) {
		return false
	}
	w.WriteString(`" download>JSON</a></p>`)
	for _, n := range v.Notes {
		w.wrap("\n  <p class=\"chart-note\">", n, "</p>")
	}
	w.WriteString("\n  <p class=\"source\">Bron: ")
	w.text(v.Source)
	if v.Illustrative {
		w.WriteString(` <strong class="illustrative">(illustratieve gegevens)</strong>`)
	}
	w.WriteString("</p>\n</figure>")
	return true
}
