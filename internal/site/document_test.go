package site_test

import (
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	"golang.org/x/net/html"

	a "github.com/prestatie/prestatie/internal/agreement"
	"github.com/prestatie/prestatie/internal/charts"
	"github.com/prestatie/prestatie/internal/dutch"
	"github.com/prestatie/prestatie/internal/markdown"
)

func parse(t *testing.T, page string) *html.Node {
	t.Helper()
	doc, err := html.Parse(strings.NewReader(page))
	if err != nil {
		t.Fatal(err)
	}
	return doc
}

func hasClass(n *html.Node, c string) bool {
	return n.Type == html.ElementNode && slices.Contains(strings.Fields(attr(n, "class")), c)
}

// find returns every element below n (n included) for which ok holds, in
// document order.
func find(n *html.Node, ok func(*html.Node) bool) []*html.Node {
	var out []*html.Node
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.ElementNode && ok(n) {
			out = append(out, n)
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(n)
	return out
}

func byClass(n *html.Node, c string) []*html.Node {
	return find(n, func(x *html.Node) bool { return hasClass(x, c) })
}

// textOf is the text of a node with its white space collapsed.
func textOf(n *html.Node) string {
	var b strings.Builder
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.TextNode {
			b.WriteString(n.Data)
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(n)
	return strings.Join(strings.Fields(b.String()), " ")
}

func isHeading(n *html.Node) bool {
	return len(n.Data) == 2 && n.Data[0] == 'h' && n.Data[1] >= '1' && n.Data[1] <= '6'
}

func sectionPage(ag *a.Agreement, s *a.Section) string {
	p := ag.ID + "/"
	for _, x := range s.Path() {
		p += x.ID + "/"
	}
	return p
}

func itemIDs(its []*a.Item) []string {
	var out []string
	for _, it := range its {
		out = append(out, it.ID)
		out = append(out, itemIDs(it.Items)...)
	}
	return out
}

func itemsByID(ag *a.Agreement) map[string]*a.Item {
	m := map[string]*a.Item{}
	ag.EachItem(func(it *a.Item) { m[it.ID] = it })
	return m
}

var leadingNumber = regexp.MustCompile(`^\d+(\.\d+)*\.?\s`)

// shownNumber is the number a reader sees before an item: the site's
// <span class="number">, the ordered list's, or the one its text starts
// with; "" for none.
func shownNumber(n *html.Node) string {
	first := n.FirstChild
	if first != nil && first.Type == html.ElementNode && first.Data == "p" { // a loose list
		first = first.FirstChild
	}
	if first != nil && hasClass(first, "number") {
		return textOf(first)
	}
	if n.Data == "li" && n.Parent != nil && n.Parent.Data == "ol" {
		start := 1
		if s := attr(n.Parent, "start"); s != "" {
			start, _ = strconv.Atoi(s)
		}
		i := 0
		for c := n.Parent.FirstChild; c != nil && c != n; c = c.NextSibling {
			if c.Type == html.ElementNode && c.Data == "li" {
				i++
			}
		}
		return strconv.Itoa(start + i)
	}
	if num := leading(textOf(n)); num != "" {
		return num
	}
	// "### 1.1 Looptijd" above the paragraph of article 1.1.
	for c := n.PrevSibling; n.Data == "p" && c != nil; c = c.PrevSibling {
		if c.Type == html.ElementNode {
			if isHeading(c) {
				return leading(textOf(c))
			}
			break
		}
	}
	return ""
}

func leading(s string) string {
	return strings.TrimSuffix(strings.TrimSpace(leadingNumber.FindString(s+" ")), ".")
}

// documentItems lists the items on a page in the order of the page, with
// the number shown for each.
func documentItems(t *testing.T, page string, ids map[string]*a.Item) (order []string, numbers map[string]string) {
	t.Helper()
	numbers = map[string]string{}
	for _, d := range byClass(parse(t, page), "document") {
		for _, n := range find(d, func(n *html.Node) bool { return ids[attr(n, "id")] != nil }) {
			id := attr(n, "id")
			order = append(order, id)
			numbers[id] = shownNumber(n)
		}
	}
	return order, numbers
}

// TestDocumentOrder: for every site, the pages show the sections and the
// items in the order of the model (the document's) with the document's
// numbers and none other: the contents of the agreement page, the heading
// of each section page, the items in its text, the numbers shown before
// them, and the reading order of the pager.
func TestDocumentOrder(t *testing.T) {
	t.Parallel()
	for name, dir := range testSites {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			b := built(t, dir)
			for _, ag := range b.model.Agreements {
				ids := itemsByID(ag)
				var want, got []string
				var sections []*a.Section
				ag.EachSection(func(s *a.Section) {
					sections = append(sections, s)
					want = append(want, s.Number+"|"+s.Title)
				})
				front := parse(t, b.files[ag.ID+"/index.html"])
				for _, toc := range byClass(front, "toc") {
					for _, l := range find(toc, func(n *html.Node) bool { return n.Data == "a" }) {
						num := ""
						if ns := byClass(l, "number"); len(ns) > 0 {
							num = textOf(ns[0])
						}
						got = append(got, num+"|"+textOf(byClass(l, "title")[0]))
					}
				}
				if !slices.Equal(got, want) {
					t.Errorf("%s: contents\n got %q\nwant %q", ag.ID, got, want)
				}
				own := func(its []*a.Item) map[string]*a.Item {
					m := map[string]*a.Item{}
					for _, id := range itemIDs(its) {
						m[id] = ids[id]
					}
					return m
				}
				order, numbers := documentItems(t, b.files[ag.ID+"/index.html"], own(ag.Items))
				check := func(where string, order []string, numbers map[string]string, items []*a.Item) {
					if w := itemIDs(items); !slices.Equal(order, w) {
						t.Errorf("%s: items %q, want %q", where, order, w)
					}
					for _, id := range order {
						if numbers[id] != ids[id].Number {
							t.Errorf("%s: item %s shows number %q, the document has %q", where, id, numbers[id], ids[id].Number)
						}
					}
				}
				check(ag.ID, order, numbers, ag.Items)
				for i, s := range sections {
					path := sectionPage(ag, s)
					page, ok := b.files[path+"index.html"]
					if !ok {
						t.Errorf("%s: no page", path)
						continue
					}
					doc := parse(t, page)
					h1 := find(doc, func(n *html.Node) bool { return n.Data == "h1" })[0]
					num := ""
					if ns := byClass(h1, "number"); len(ns) > 0 {
						num = textOf(ns[0])
					}
					if num != s.Number || strings.TrimSpace(strings.TrimPrefix(textOf(h1), num)) != s.Title {
						t.Errorf("%s: heading %q, want number %q and title %q", path, textOf(h1), s.Number, s.Title)
					}
					order, numbers := documentItems(t, page, own(s.Items))
					check(path, order, numbers, s.Items)
					next := find(doc, func(n *html.Node) bool { return n.Data == "a" && attr(n, "rel") == "next" })
					switch {
					case i+1 < len(sections) && (len(next) != 1 || attr(next[0], "href") != "/"+sectionPage(ag, sections[i+1])):
						t.Errorf("%s: next page is not %s", path, sectionPage(ag, sections[i+1]))
					case i+1 == len(sections) && len(next) != 0:
						t.Errorf("%s: last section has a next page", path)
					}
				}
			}
		})
	}
}

// furniture are the headings the site itself puts on agreement and
// section pages, outside the text of the document.
var furniture = []string{"Voortgang", "Partijen", "Inhoud", "Onderdelen", "Cijfers", "Vraagt aandacht: vertraagd of verlopen",
	"Cijfers bij de onderdelen", "Samenhang met andere overeenkomsten", "Voortgang in het kort", "Gewijzigd bij de laatste rapportage"}

// TestNoHeadingsAdded: the headings in the text of a page are exactly the
// document's (the preamble's own title and the headings of the Markdown),
// and the site's own headings are navigation and progress only: no
// "Inleiding", "Afspraken", "Doelen", "Bijdrage …" or "Ondertekening".
func TestNoHeadingsAdded(t *testing.T) {
	t.Parallel()
	md := markdown.New()
	headingsOf := func(src string) []string {
		h, err := md.Block(src, nil, "")
		if err != nil {
			t.Fatal(err)
		}
		var out []string
		for _, n := range find(parse(t, string(h)), isHeading) {
			out = append(out, textOf(n))
		}
		return out
	}
	for name, dir := range testSites {
		b := built(t, dir)
		for _, ag := range b.model.Agreements {
			pages := map[string][]string{}
			var pre []string
			if ag.PreambleTitle != "" {
				pre = []string{ag.PreambleTitle}
			}
			pages[ag.ID+"/"] = append(pre, headingsOf(ag.Preamble.Source)...)
			ag.EachSection(func(s *a.Section) { pages[sectionPage(ag, s)] = headingsOf(s.Body.Source) })
			allowed := slices.Clone(furniture)
			for _, p := range ag.Parties {
				allowed = append(allowed, p.Group)
			}
			for path, want := range pages {
				doc := parse(t, b.files[path+"index.html"])
				var got []string
				for _, d := range byClass(doc, "document") {
					for _, h := range find(d, isHeading) {
						got = append(got, textOf(h))
					}
				}
				if !slices.Equal(got, want) && !(len(got) == 0 && len(want) == 0) {
					t.Errorf("%s %s: headings in the text\n got %q\nwant %q", name, path, got, want)
				}
				main := find(doc, func(n *html.Node) bool { return n.Data == "main" })[0]
				for _, h := range find(main, isHeading) {
					inText := false
					for p := h.Parent; p != nil; p = p.Parent {
						inText = inText || hasClass(p, "document")
					}
					if h.Data == "h1" || inText {
						continue
					}
					if !slices.Contains(allowed, textOf(h)) {
						t.Errorf("%s %s: the page adds the heading %q", name, path, textOf(h))
					}
				}
			}
		}
	}
}

// metaOf is the site's annotation of an item element: a child of a list
// item, the next element after a paragraph.
func metaOf(n *html.Node) *html.Node {
	if n.Data == "tr" { // a table row item: in its last cell
		var last *html.Node
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			if c.Type == html.ElementNode {
				last = c
			}
		}
		if last == nil {
			return nil
		}
		n = &html.Node{Type: html.ElementNode, Data: "li", FirstChild: last.FirstChild}
	}
	if n.Data == "li" {
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			if hasClass(c, "item-meta") {
				return c
			}
		}
		return nil
	}
	for c := n.NextSibling; c != nil; c = c.NextSibling {
		if c.Type == html.ElementNode {
			if hasClass(c, "item-meta") {
				return c
			}
			return nil
		}
	}
	return nil
}

// TestItemAnnotations: after its text, every afspraak shows who is bound
// (when the text names anyone), its deadline when one is stated, and its
// state; a bepaling and a doel show no state; nothing is "verlopen"
// without a deadline.
func TestItemAnnotations(t *testing.T) {
	t.Parallel()
	for name, dir := range testSites {
		b := built(t, dir)
		for _, ag := range b.model.Agreements {
			pages := map[string]*html.Node{}
			ag.EachItem(func(it *a.Item) {
				path := ag.ID + "/"
				if it.Section != nil {
					path = sectionPage(ag, it.Section)
				}
				if pages[path] == nil {
					pages[path] = parse(t, b.files[path+"index.html"])
				}
				els := find(pages[path], func(n *html.Node) bool { return attr(n, "id") == it.ID })
				if len(els) != 1 {
					t.Errorf("%s %s: %d elements with id %s", name, path, len(els), it.ID)
					return
				}
				meta := metaOf(els[0])
				if meta == nil {
					t.Errorf("%s %s: %s has no annotation", name, path, it.ID)
					return
				}
				text := textOf(meta)
				want := map[a.ItemKind]string{a.Commitment: "commitment-meta", a.Provision: "provision-meta", a.Goal: "goal-meta"}[it.Kind]
				if !hasClass(meta, want) {
					t.Errorf("%s %s: %s (%s) is not annotated as %s", name, path, it.ID, it.Kind, want)
				}
				if it.Monitored() != strings.Contains(text, "Status: ") && !strings.Contains(text, "Eindoordeel: ") {
					t.Errorf("%s %s: %s (%s): %q", name, path, it.ID, it.Kind, text)
				}
				if w := dutch.Binding(it.Binding); w != "" && !strings.Contains(text, w) {
					t.Errorf("%s %s: %s does not say who is bound (%q): %q", name, path, it.ID, w, text)
				}
				if w := dutch.Deadline(it.Due()); w != "" && !strings.Contains(text, w) {
					t.Errorf("%s %s: %s does not say its deadline (%q): %q", name, path, it.ID, w, text)
				}
				if it.Due() == nil && strings.Contains(text, "verlopen") {
					t.Errorf("%s %s: %s is verlopen without a deadline", name, path, it.ID)
				}
			})
		}
	}
}

// TestEveryFigureShown: the figures of the agreement and of every section
// are drawn on their page, each as one chart figure.
func TestEveryFigureShown(t *testing.T) {
	t.Parallel()
	for name, dir := range testSites {
		b := built(t, dir)
		for _, ag := range b.model.Agreements {
			pages := map[string][]*a.Figure{ag.ID + "/": ag.Figures}
			ag.EachSection(func(s *a.Section) { pages[sectionPage(ag, s)] = s.Figures })
			for path, figs := range pages {
				doc := parse(t, b.files[path+"index.html"])
				var got []string
				for _, f := range find(doc, func(n *html.Node) bool { return hasClass(n, "chart-figure") }) {
					if !slices.ContainsFunc(byClass(f, "chart"), func(*html.Node) bool { return true }) && len(byClass(f, "figure-value")) == 0 {
						continue
					}
					got = append(got, attr(f, "id"))
				}
				var want []string
				for _, c := range charts.Figures(figs) {
					want = append(want, c.ID)
				}
				for _, id := range want {
					if !slices.Contains(got, id) {
						t.Errorf("%s %s: figure %s not shown (shown: %q)", name, path, id, got)
					}
				}
			}
		}
	}
}
