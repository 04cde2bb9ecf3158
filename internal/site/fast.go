package site

import (
	"encoding/json"
	"html/template"
	"io/fs"
	"strconv"
	"strings"
	"text/template/parse"

	"github.com/prestatie/prestatie"
	a "github.com/prestatie/prestatie/internal/agreement"
	"github.com/prestatie/prestatie/internal/dutch"
)

// The small templates that run for every item of a section's text
// ("item-meta") and every row of a list of afspraken ("commitment-row")
// took about a fifth of the time of the pages, most of it text/template's
// reflection and html/template's escapers called through it. Go renders
// them instead while a page kind has them (and the templates they call) as
// the embedded templates define them; a site that overrides one gets its
// own template, as before. The Go below writes exactly what the embedded
// templates write (TestFastSameAsTemplates renders every test site both
// ways), and declines (ok false, the template renders) a value whose
// escaping it does not do itself.

// fastTemplates are the templates Go renders, and "headline-figures",
// which reads less of a chart than a site's own may (headCharts).
var fastTemplates = []string{"item-meta", rowTemplate, "headline-figures", "filter-group", "crumbs", "figures"}

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

// fastKinds tells, per page kind, which of fastTemplates it defines as
// the embedded templates do: the same parse trees for the template and
// every template it calls.
func fastKinds(kinds map[string]*template.Template, funcs template.FuncMap) (map[string]map[string]bool, error) {
	tfs, err := fs.Sub(prestatie.Templates, "templates")
	if err != nil {
		return nil, err
	}
	def, err := template.New("base.html").Funcs(funcs).ParseFS(tfs, "base.html", "partials*.html")
	if err != nil {
		return nil, err
	}
	out := map[string]map[string]bool{}
	for kind, t := range kinds {
		d, err := def.Clone()
		if err == nil {
			d, err = d.ParseFS(tfs, kind+".html")
		}
		if err != nil {
			return nil, err
		}
		out[kind] = map[string]bool{}
		for _, name := range fastTemplates {
			if sig := callTree(t, name, nil); sig != "" && sig == callTree(d, name, nil) {
				out[kind][name] = true
			}
		}
	}
	return out, nil
}

// callTree is the text of the parse trees of template name and of every
// template it calls, "" when one of them is not defined; visit, when set,
// is called for every node of them. It reads the trees before they are
// escaped.
func callTree(t *template.Template, name string, visit func(parse.Node)) string {
	var sig strings.Builder
	seen := map[string]bool{}
	ok := true
	var tmpl func(name string)
	tmpl = func(name string) {
		if seen[name] {
			return
		}
		seen[name] = true
		x := t.Lookup(name)
		if x == nil || x.Tree == nil || x.Tree.Root == nil {
			ok = false
			return
		}
		sig.WriteString(name + "\x00" + x.Tree.Root.String() + "\x00")
		eachNode(x.Tree.Root, func(n parse.Node) {
			if visit != nil {
				visit(n)
			}
			if c, isCall := n.(*parse.TemplateNode); isCall {
				tmpl(c.Name)
			}
		})
	}
	tmpl(name)
	if !ok {
		return ""
	}
	return sig.String()
}

// eachNode calls f for n and every node below it.
func eachNode(n parse.Node, f func(parse.Node)) {
	if n == nil {
		return
	}
	f(n)
	switch n := n.(type) {
	case *parse.ListNode:
		if n != nil {
			for _, x := range n.Nodes {
				eachNode(x, f)
			}
		}
	case *parse.ActionNode:
		eachNode(n.Pipe, f)
	case *parse.IfNode:
		eachBranch(&n.BranchNode, f)
	case *parse.RangeNode:
		eachBranch(&n.BranchNode, f)
	case *parse.WithNode:
		eachBranch(&n.BranchNode, f)
	case *parse.TemplateNode:
		if n.Pipe != nil {
			eachNode(n.Pipe, f)
		}
	case *parse.PipeNode:
		if n != nil {
			for _, c := range n.Cmds {
				eachNode(c, f)
			}
		}
	case *parse.CommandNode:
		for _, x := range n.Args {
			eachNode(x, f)
		}
	case *parse.ChainNode:
		eachNode(n.Node, f)
	}
}

func eachBranch(b *parse.BranchNode, f func(parse.Node)) {
	eachNode(b.Pipe, f)
	if b.List != nil {
		eachNode(b.List, f)
	}
	if b.ElseList != nil {
		eachNode(b.ElseList, f)
	}
}

// fast reports whether Go renders template name on pages of kind.
func (r *renderer) fast(kind, name string) bool { return r.fastOK[kind][name] }

// htmlOut writes what html/template writes for a value in text or in a
// quoted attribute: a string escaped, template.HTML as it is in text.
type htmlOut struct{ strings.Builder }

// text writes s as html/template escapes a string in text and in quoted
// attributes (its htmlEscaper and attrEscaper): NUL, the quotes, &, + and
// the angle brackets. They are all ASCII, so bytes do.
func (w *htmlOut) text(s string) {
	last := 0
	for i := 0; i < len(s); i++ {
		var repl string
		switch s[i] {
		case 0:
			repl = "\uFFFD"
		case '"':
			repl = "&#34;"
		case '&':
			repl = "&amp;"
		case '\'':
			repl = "&#39;"
		case '+':
			repl = "&#43;"
		case '<':
			repl = "&lt;"
		case '>':
			repl = "&gt;"
		default:
			continue
		}
		w.WriteString(s[last:i])
		w.WriteString(repl)
		last = i + 1
	}
	w.WriteString(s[last:])
}

// url writes a link of the site in a quoted attribute, or reports false
// when it has a byte that html/template's URL filter, normalizer or
// escaper would change or check (the template renders it then): the
// site's links are letters, digits and "/-._~%#".
func (w *htmlOut) url(s string) bool {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !('a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' || strings.IndexByte("/-._~%#", c) >= 0) {
			return false
		}
	}
	w.WriteString(s)
	return true
}

// itemMetaGo is the "item-meta" template (partials.html) in Go.
func itemMetaGo(w *htmlOut, v *itemView) (bool, error) {
	it := v.Item
	binding := func(open, close string) {
		if v.Binding != "" {
			w.WriteString(open)
			w.text(v.BindingLabel)
			w.WriteString(":</span> ")
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
			w.WriteString(` <span class="target">`)
			w.text(text)
			w.WriteString("</span>")
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
	w.WriteString("\n<p class=\"target\"><span class=\"target-label\">")
	w.text(label)
	w.WriteString(":</span> ")
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
		w.WriteString(`<span class="status-label">Status: `)
		w.text(l.StatusLabel)
		w.WriteString("</span>")
	}
	if l.Status != "" && l.Verdict != "" {
		w.WriteString(" ")
	}
	if l.Verdict != "" {
		w.WriteString(`<span class="status-label">Eindoordeel: `)
		w.text(l.VerdictLabel)
		w.WriteString("</span>")
	}
	overdue()
	if l.Value != "" {
		w.WriteString(` <span class="status-value">stand: `)
		w.text(l.Value)
		w.WriteString("</span>")
	}
	if v.Age.Stale {
		w.WriteString("\n  <span class=\"status-stale\">(niet bijgewerkt sinds de <a href=\"")
	} else {
		w.WriteString("\n  <span class=\"status-date\">(<a href=\"")
	}
	if !w.url(l.URL) {
		return false
	}
	w.WriteString(`">rapportage van <time datetime="`)
	w.text(l.ISODate)
	w.WriteString(`">`)
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
	w.WriteString("\n<details class=\"history\">\n  <summary>Geschiedenis (")
	w.text(a.Count(len(it.Progress), "voortgangsmelding", "voortgangsmeldingen"))
	w.WriteString(")</summary>\n  <ol>")
	for _, e := range es {
		w.WriteString("\n    <li><time datetime=\"")
		w.text(e.ISODate)
		w.WriteString(`">`)
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
	w.WriteString("\n<tr data-deel=\"")
	w.text(v.Deel)
	w.WriteString(`" data-partijen="`)
	w.text(v.Partijen)
	w.WriteString(`" data-status="`)
	w.text(v.Slug)
	w.WriteString("\">\n  <td>")
	if v.C.Number != "" {
		w.WriteString(`<span class="number">`)
		w.text(v.C.Number)
		w.WriteString("</span> ")
	}
	w.WriteString(string(v.Text))
	w.WriteString("</td>\n  <td data-label=\"Onderdeel\"><a href=\"")
	if !w.url(v.URL) {
		return false
	}
	w.WriteString(`">`)
	w.text(v.Where)
	w.WriteString("</a></td>\n  <td data-label=\"Partij\">")
	if v.Binding != "" {
		w.text(v.Binding)
	} else {
		w.WriteString(`<span class="meta">geen partij genoemd</span>`)
	}
	w.WriteString("</td>\n  <td class=\"status-cell status-")
	w.text(v.Class)
	w.WriteString(`">`)
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
	w.WriteString(`">`)
	w.text(dutch.DateOf(s.Reported))
	w.WriteString("</time></span>")
}

// filterGroupGo is the "filter-group" template (commitments.html).
func filterGroupGo(w *htmlOut, r *renderer, c *choicesArgs) bool {
	g := c.Group
	if g == nil || len(g.Links) == 0 {
		return true
	}
	w.WriteString("\n  <div class=\"filter-group\">\n    <h2 class=\"filter-label\">")
	w.text(g.Label)
	w.WriteString("</h2>\n    <ul>")
	if c.Live || c.Chosen {
		w.WriteString("\n      <li><a href=\"")
		if !w.url(r.base.path + g.List) {
			return false
		}
		if c.Live {
			w.WriteString(`" data-filter="`)
			w.text(g.Kind)
			w.WriteString(`" data-key="" aria-current="true`)
		}
		w.WriteString(`">`)
		w.text(g.All)
		w.WriteString("</a></li>")
	}
	for _, l := range g.Links {
		w.WriteString("\n      <li>")
		if l.Path == c.Current {
			w.WriteString(`<span aria-current="page">`)
			w.text(l.Title)
			w.WriteString("</span>")
		} else {
			w.WriteString(`<a href="`)
			if !w.url(r.base.path + l.Path) {
				return false
			}
			w.WriteString(`"`)
			if c.Live {
				w.WriteString(` data-filter="`)
				w.text(g.Kind)
				w.WriteString(`" data-key="`)
				w.text(l.Key)
				w.WriteString(`"`)
			}
			w.WriteString(">")
			w.text(l.Title)
			w.WriteString("</a>")
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
		w.WriteString(`">`)
		w.text(l.Title)
		w.WriteString("</a></li>")
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
			w.WriteString(`<p class="number-card-label">`)
			w.text(c.Label)
			w.WriteString("</p>")
		}
		w.WriteString("\n    <p class=\"figure-value\">")
		w.text(c.Value)
		if c.Unit != "" {
			w.WriteString(` <span class="figure-unit">`)
			w.text(c.Unit)
			w.WriteString("</span>")
		}
		w.WriteString("</p>")
		if c.Change != "" {
			w.WriteString(`<p class="number-card-change">`)
			w.text(c.Change)
			w.WriteString("</p>")
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
	w.WriteString("</caption>\n      <thead><tr><th scope=\"col\">")
	w.text(v.Table.Corner)
	w.WriteString("</th>")
	for _, c := range v.Table.Columns {
		w.WriteString(`<th scope="col">`)
		w.text(c.Label)
		w.WriteString("</th>")
	}
	w.WriteString("</tr></thead>\n      <tbody>")
	for _, r := range v.TableRows {
		w.WriteString("\n        <tr><th scope=\"row\">")
		w.text(r.Label)
		w.WriteString("</th>")
		for _, c := range r.Cells {
			w.WriteString("<td")
			if c.Label != "" {
				w.WriteString(` data-label="`)
				w.text(c.Label)
				w.WriteString(`"`)
			}
			w.WriteString(">")
			w.text(c.Text)
			w.WriteString("</td>")
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
		w.WriteString("\n  <p class=\"chart-note\">")
		w.text(n)
		w.WriteString("</p>")
	}
	w.WriteString("\n  <p class=\"source\">Bron: ")
	w.text(v.Source)
	if v.Illustrative {
		w.WriteString(` <strong class="illustrative">(illustratieve gegevens)</strong>`)
	}
	w.WriteString("</p>\n</figure>")
	return true
}
