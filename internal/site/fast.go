package site

import (
	"bytes"
	"html/template"
	"io/fs"
	"slices"
	"strings"
	"sync"
	"text/template/parse"

	"github.com/prestatie/prestatie"
)

// Executing the templates was about half of the CPU of a site without
// PDFs, most of it text/template's reflection and html/template's escapers
// called through it, in the parts that run for every page (the frame),
// every item of a section's text ("item-meta"), every row of a list of
// afspraken ("commitment-row"), every chart ("figures") and in the bodies
// of the kinds an agreement has most of (15 section pages, 16 lists of
// afspraken). Go renders those (gotemplates.go) while a page kind has them,
// and every template they call, as the embedded templates define them (the
// same parse trees); a site that overrides one gets its own template, as
// before. The Go writes exactly what the embedded templates write
// (TestFastSameAsTemplates renders every test site both ways) and declines
// (the template renders) a link whose escaping it does not do itself,
// before it has written or handed out anything.

// fastTemplates are the templates Go renders, and "headline-figures",
// which reads less of a chart than a site's own may (headCharts).
var fastTemplates = []string{"item-meta", rowTemplate, "headline-figures", "filter-group", "crumbs", "figures", frameTemplate, "main"}

// frameTemplate is the frame of every page; Go renders it around the
// page's own template "main", which is not compared with it. Go renders
// the "main" of some kinds (mainGo).
const frameTemplate = "base.html"

// fastKinds tells, per page kind, which of fastTemplates it defines as
// the embedded templates do: all of them when the kind's files (tfs) are
// the embedded files, byte for byte (the usual case, and a cheap check);
// otherwise those whose parse trees, and those of every template they
// call, are the embedded ones (a few milliseconds).
func fastKinds(tfs fs.FS, kinds map[string]*template.Template, funcs template.FuncMap) (map[string]map[string]bool, error) {
	emb, err := fs.Sub(prestatie.Templates, "templates")
	if err != nil {
		return nil, err
	}
	common, err := sameFiles(tfs, emb, "base.html", "partials*.html")
	if err != nil {
		return nil, err
	}
	out := map[string]map[string]bool{}
	for kind, t := range kinds {
		out[kind] = map[string]bool{}
		same, err := sameFiles(tfs, emb, kind+".html")
		if err != nil {
			return nil, err
		}
		if common && same {
			for _, name := range fastTemplates {
				out[kind][name] = true
			}
			continue
		}
		d, err := embeddedKind(emb, kind, funcs)
		if err != nil {
			return nil, err
		}
		for _, name := range fastTemplates {
			var skip []string
			if name == frameTemplate {
				skip = []string{"main"}
			}
			if sig := callTree(t, name, nil, skip...); sig != "" && sig == callTree(d, name, nil, skip...) {
				out[kind][name] = true
			}
		}
	}
	return out, nil
}

// sameFiles reports whether the files that match patterns are the same,
// and the same bytes, in a and b.
func sameFiles(a, b fs.FS, patterns ...string) (bool, error) {
	for _, pat := range patterns {
		as, err := fs.Glob(a, pat)
		if err != nil {
			return false, err
		}
		bs, err := fs.Glob(b, pat)
		if err != nil || !slices.Equal(as, bs) {
			return false, err
		}
		for _, name := range as {
			x, err := fs.ReadFile(a, name)
			if err != nil {
				return false, err
			}
			y, err := fs.ReadFile(b, name)
			if err != nil || !bytes.Equal(x, y) {
				return false, err
			}
		}
	}
	return true, nil
}

// embeddedKind parses the embedded templates of a page kind, once per
// process: they are only compared, never executed.
func embeddedKind(emb fs.FS, kind string, funcs template.FuncMap) (*template.Template, error) {
	if d, ok := embeddedKinds.Load(kind); ok {
		return d.(*template.Template), nil
	}
	d, err := template.New("base.html").Funcs(funcs).ParseFS(emb, "base.html", "partials*.html")
	if err == nil {
		d, err = d.ParseFS(emb, kind+".html")
	}
	if err == nil {
		embeddedKinds.Store(kind, d)
	}
	return d, err
}

var embeddedKinds sync.Map // page kind → its embedded templates, parsed

// callTree is the text of the parse trees of template name and of every
// template it calls, "" when one of them is not defined; visit, when set,
// is called for every node of them. It reads the trees before they are
// escaped.
func callTree(t *template.Template, name string, visit func(parse.Node), skip ...string) string {
	var sig strings.Builder
	seen := map[string]bool{}
	for _, s := range skip {
		seen[s] = true
	}
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
// It collects what it writes, or writes it to the page's buffer to when
// that is set.
type htmlOut struct {
	strings.Builder
	to *bytes.Buffer
}

func (w *htmlOut) WriteString(s string) (int, error) {
	if w.to != nil {
		return w.to.WriteString(s)
	}
	return w.Builder.WriteString(s)
}

func (w *htmlOut) Write(b []byte) (int, error) {
	if w.to != nil {
		return w.to.Write(b)
	}
	return w.Builder.Write(b)
}

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

// wrap writes open, s escaped (text) and close.
func (w *htmlOut) wrap(open, s, close string) {
	w.WriteString(open)
	w.text(s)
	w.WriteString(close)
}

// url writes a link of the site in a quoted attribute, or reports false
// when it is not one linkOK allows (the template renders it then).
func (w *htmlOut) url(s string) bool {
	if !linkOK(s) {
		return false
	}
	w.WriteString(s)
	return true
}

// linkOK reports whether html/template's URL filter, normalizer and
// escaper leave link s as it is: the site's links are letters, digits and
// "/-._~%#", after "http://" or "https://" also ":".
func linkOK(s string) bool {
	colon := false
	for _, scheme := range []string{"https://", "http://"} {
		if strings.HasPrefix(s, scheme) {
			s, colon = s[len(scheme):], true
			break
		}
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !('a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' || strings.IndexByte("/-._~%#", c) >= 0 || c == ':' && colon) {
			return false
		}
	}
	return true
}

// mainGo renders the template "main" of page p in Go, when it is the
// embedded one of a kind Go has.
func mainGo(w *bytes.Buffer, p *page) (bool, error) {
	main := mainsGo[p.Kind]
	if main == nil || !p.r.fast(p.Kind, "main") {
		return false, nil
	}
	return main(&htmlOut{to: w}, p) // which writes nothing when it declines
}

// mainsGo are the page kinds whose "main" Go renders.
var mainsGo = map[string]func(*htmlOut, *page) (bool, error){
	"section":     sectionMainGo,
	"commitments": commitmentsMainGo,
	"report":      reportMainGo,
}

// shared writes the shared part name (memo.go).
func (w *htmlOut) shared(r *renderer, name string, args sharedArgs) error {
	h, err := r.shared(name, args)
	w.WriteString(string(h))
	return err
}
