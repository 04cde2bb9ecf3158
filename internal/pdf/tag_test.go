package pdf

import (
	"bytes"
	"fmt"
	"image"
	pngenc "image/png"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"testing"
	"unicode"
)

// The tagged PDF is read back with poppler (pdfinfo -struct-text,
// pdftotext) and qpdf (--json with the page streams decoded), never with
// the code that wrote it. docs/pdf-toegankelijkheid.md lists which PDF/UA
// rules these tests verify.

// tagSites are the sites whose PDFs are checked: the default agreement,
// fifteen parties with tables and links, logos (figures), digital signing,
// hostile content and the document's own numbering.
var tagSites = []string{root, regio, "huisstijl", "digitaal", "hostile", "nummering", "bepalingen"}

func sitePath(s string) string {
	if s == root || s == regio {
		return s
	}
	return filepath.Join(root, "testdata/sites", s)
}

func TestTagged(t *testing.T) {
	need(t, "pdfinfo")
	need(t, "pdftotext")
	need(t, "qpdf")
	for _, s := range tagSites {
		dir := sitePath(s)
		t.Run(filepath.Base(dir), func(t *testing.T) {
			t.Parallel()
			_, pdf := renderSite(t, dir)
			checkTagged(t, pdf)
		})
	}
}

// TestTaggedFigure: a logo on the cover is a Figure with its alternate
// description.
func TestTaggedFigure(t *testing.T) {
	need(t, "qpdf")
	ag := load(t, root)
	var png bytes.Buffer
	img := image.NewRGBA(image.Rect(0, 0, 40, 20))
	for i := range img.Pix {
		img.Pix[i] = 0x80
	}
	if err := pngenc.Encode(&png, img); err != nil {
		t.Fatal(err)
	}
	pdf, err := Render(ag, Options{Logos: map[string]Logo{ag.Parties[0].ID: {Data: png.Bytes()}}})
	if err != nil {
		t.Fatal(err)
	}
	checkTagged(t, pdf)
	q := readQpdf(t, writeTemp(t, pdf))
	var figs []string
	for _, o := range q.objs {
		if o.Value != nil && o.Value["/S"] == "/Figure" {
			figs = append(figs, fmt.Sprint(o.Value["/Alt"]))
		}
	}
	if want := "u:Logo van " + ag.Parties[0].Name; len(figs) != 1 || figs[0] != want {
		t.Errorf("figures %q, want one with /Alt %q", figs, want)
	}
}

// checkTagged runs the checks of TestTagged on a PDF.
func checkTagged(t *testing.T, pdf []byte) {
	t.Helper()
	file := writeTemp(t, pdf)
	info := runTool(t, "pdfinfo", file)
	for _, want := range []string{"Tagged:          yes", "PDF version:     1.7"} {
		if !strings.Contains(info, want) {
			t.Errorf("pdfinfo lacks %q", want)
		}
	}
	if out := runTool(t, "qpdf", "--check", file); !strings.Contains(out, "No syntax or stream encoding errors") {
		t.Errorf("qpdf --check:\n%s", out)
	}
	// Fonts embedded, each with a ToUnicode map (pdffonts: emb, uni).
	fonts := strings.Split(strings.TrimSpace(runTool(t, "pdffonts", file)), "\n")
	for _, l := range fonts[min(2, len(fonts)):] {
		if f := strings.Fields(l); len(f) < 5 || f[len(f)-5] != "yes" || f[len(f)-3] != "yes" {
			t.Errorf("font not embedded or without ToUnicode: %s", l)
		}
	}
	q := readQpdf(t, file)
	marked := q.checkContent(t)
	tree := q.structTree(t, marked)
	q.checkCatalog(t)
	q.checkParentTree(t, marked)
	q.checkElements(t)
	checkHeadings(t, tree)
	checkStructText(t, file, tree, marked)
}

// snode is an element of pdfinfo -struct-text's tree.
type snode struct {
	role  string
	texts []string // marked content, in order
	kids  []*snode
	objr  int      // link annotations
	attrs []string // "/Scope /Column"
}

// structTree is the structure tree as qpdf reads it, with the text of
// each marked-content sequence as checkContent read it from the page.
func (q *qpdfDoc) structTree(t *testing.T, mt markedText) *snode {
	t.Helper()
	pageNo := map[string]int{}
	for i, p := range q.pages(t) {
		pageNo[p] = i
	}
	text := func(page any, id int) string {
		p, ok := pageNo[page.(string)]
		if !ok || mt.text[p] == nil {
			t.Errorf("marked content %d on %v, which is not a page", id, page)
			return ""
		}
		s, ok := mt.text[p][id]
		if !ok {
			t.Errorf("page %d has no MCID %d", p+1, id)
		}
		return s
	}
	seen := map[string]bool{}
	var build func(ref string) *snode
	build = func(ref string) *snode {
		if seen[ref] {
			t.Fatalf("structure element %s twice in the tree", ref)
		}
		seen[ref] = true
		e := q.dict(ref)
		n := &snode{role: strings.TrimPrefix(e["/S"].(string), "/")}
		if a := q.dictOf(e["/A"]); a != nil {
			for k, v := range a {
				if k != "/O" {
					n.attrs = append(n.attrs, fmt.Sprintf("%s %v", k, v))
				}
			}
			sort.Strings(n.attrs)
		}
		for _, k := range q.kids(e) {
			switch v := k.(type) {
			case float64:
				n.kids = append(n.kids, &snode{role: "#text", texts: []string{text(e["/Pg"], int(v))}})
			case string:
				c := build(v)
				n.kids = append(n.kids, c)
			case map[string]any:
				switch v["/Type"] {
				case "/MCR":
					n.kids = append(n.kids, &snode{role: "#text", texts: []string{text(v["/Pg"], int(v["/MCID"].(float64)))}})
				case "/OBJR":
					n.objr++
				}
			}
		}
		return n
	}
	str := q.dict(q.trailerRoot(t)["/StructTreeRoot"])
	k, _ := str["/K"].(string)
	if d := q.dict(k); d == nil || d["/S"] != "/Document" {
		t.Fatalf("the structure does not start with one Document")
	}
	return build(k)
}

// structTreePoppler parses pdfinfo -struct-text: two spaces of indent per level,
// "Role (block)" for an element, a quoted line for its text, "Object N 0"
// for an annotation.
func structTreePoppler(t *testing.T, file string) *snode {
	t.Helper()
	top := &snode{role: "(root)"}
	stack := []*snode{top}
	for _, l := range strings.Split(runTool(t, "pdfinfo", "-struct-text", file), "\n") {
		if strings.TrimSpace(l) == "" {
			continue
		}
		depth := (len(l) - len(strings.TrimLeft(l, " "))) / 2
		l = strings.TrimSpace(l)
		if strings.HasPrefix(l, "/") { // an attribute of the last element
			last := stack[len(stack)-1]
			last.attrs = append(last.attrs, l)
			continue
		}
		if depth+1 > len(stack) {
			t.Fatalf("pdfinfo -struct-text: unexpected indent at %q", l)
		}
		stack = stack[:depth+1]
		parent := stack[depth]
		switch {
		case strings.HasPrefix(l, `"`):
			parent.texts = append(parent.texts, strings.TrimSuffix(strings.TrimPrefix(l, `"`), `"`))
			parent.kids = append(parent.kids, &snode{role: "#text", texts: []string{strings.TrimSuffix(strings.TrimPrefix(l, `"`), `"`)}})
		case strings.HasPrefix(l, "Object "):
			parent.objr++
		default:
			n := &snode{role: strings.TrimSuffix(strings.Fields(l)[0], ":")}
			parent.kids = append(parent.kids, n)
			stack = append(stack, n)
		}
	}
	if len(top.kids) != 1 || top.kids[0].role != "Document" {
		t.Fatalf("the structure does not start with one Document")
	}
	return top.kids[0]
}

func (n *snode) walk(fn func(n *snode, sects int)) {
	var w func(n *snode, sects int)
	w = func(n *snode, sects int) {
		fn(n, sects)
		if n.role == "Sect" {
			sects++
		}
		for _, k := range n.kids {
			w(k, sects)
		}
	}
	w(n, 0)
}

// text is all the text below n in reading order, the marked-content
// sequences joined as they are (each line ends in its own space).
func (n *snode) text() string {
	var parts []string
	n.walk(func(k *snode, _ int) {
		if k.role == "#text" {
			parts = append(parts, k.texts...)
		}
	})
	return strings.Join(parts, "")
}

// checkHeadings: headings never skip a level going down (an H3 follows an
// H2 or H3 or deeper, never an H1), the first heading is an H1, and a
// heading inside n nested sections is at least of level n (a section of
// depth 2 has its H2; headings in its text are H2 or deeper).
func checkHeadings(t *testing.T, doc *snode) {
	t.Helper()
	last, count := 0, 0
	doc.walk(func(n *snode, sects int) {
		if len(n.role) != 2 || n.role[0] != 'H' || n.role[1] < '1' || n.role[1] > '6' {
			return
		}
		l := int(n.role[1] - '0')
		count++
		if l > last+1 {
			t.Errorf("%s %q follows an H%d: a level is skipped", n.role, n.text(), last)
		}
		if l < sects {
			t.Errorf("%s %q stands in a section nested %d deep", n.role, n.text(), sects)
		}
		last = l
	})
	if count == 0 {
		t.Error("no headings in the structure")
	}
}

// checkStructText compares the text of the structure with pdftotext's:
// every character that pdftotext finds on the pages is in the structure
// or in an artifact, and the structure holds nothing else. Characters are
// compared as a multiset (white space left out), so that line breaks,
// hyphenation and the order in which pdftotext reads columns do not
// matter; the order is checked against the document by TestTagOrder.
func checkStructText(t *testing.T, file string, doc *snode, marked markedText) {
	t.Helper()
	count := func(s string, m map[rune]int, sign int) {
		for _, r := range normalise(s) {
			if !unicode.IsSpace(r) {
				m[r] += sign
			}
		}
	}
	diff := map[rune]int{}
	count(runTool(t, "pdftotext", "-raw", file, "-"), diff, 1) // -raw: no dehyphenation
	count(doc.text(), diff, -1)
	count(marked.artifacts, diff, -1)
	var bad []string
	for r, n := range diff {
		if n != 0 {
			bad = append(bad, fmt.Sprintf("%q %+d", r, n))
		}
	}
	sort.Strings(bad)
	if len(bad) > 0 {
		t.Errorf("the text of the pages (pdftotext) and of the structure plus artifacts differ (+: not in the structure):\n%s", strings.Join(bad, ", "))
	}
	noSpace := func(s string) int { return len(strings.Join(strings.Fields(normalise(s)), "")) }
	if a, b := noSpace(doc.text()), noSpace(marked.structText); a != b {
		t.Errorf("the structure holds %d bytes of text, the marked content of the pages %d: some marked content is in no element", a, b)
	}
}

// TestTagOrder: the structure reads in the document's order: the texts the
// source requires, in order (expected), appear in that order in the
// structure's text.
func TestTagOrder(t *testing.T) {
	need(t, "qpdf")
	for _, dir := range []string{root, regio} {
		t.Run(filepath.Base(dir), func(t *testing.T) {
			t.Parallel()
			ag, pdf := renderSite(t, dir)
			q := readQpdf(t, writeTemp(t, pdf))
			text := normalise(q.structTree(t, q.checkContent(t)).text())
			inOrder(t, text, expected(ag))
		})
	}
}

// TestStructTextPoppler: poppler reads the same structure with the same
// text as the tests above (which read it through qpdf). pdfinfo
// -struct-text takes seconds on the default agreement (it reads a page
// per element), so that one is left out with -short.
func TestStructTextPoppler(t *testing.T) {
	need(t, "pdfinfo")
	need(t, "qpdf")
	sites := []string{"huisstijl", "digitaal", "hostile"}
	if !testing.Short() {
		sites = append(sites, root)
	}
	for _, s := range sites {
		dir := sitePath(s)
		t.Run(filepath.Base(dir), func(t *testing.T) {
			t.Parallel()
			_, pdf := renderSite(t, dir)
			file := writeTemp(t, pdf)
			q := readQpdf(t, file)
			ours, theirs := q.structTree(t, q.checkContent(t)), structTreePoppler(t, file)
			if a, b := ours.outline(), theirs.outline(); a != b {
				t.Errorf("poppler reads another structure:\n%s", firstDiff(a, b))
			}
		})
	}
}

// outline is the tree as text: one line per element and per text.
func (n *snode) outline() string {
	var b strings.Builder
	var w func(n *snode, depth int)
	w = func(n *snode, depth int) {
		if n.role == "#text" {
			fmt.Fprintf(&b, "%s%q\n", strings.Repeat(" ", depth), normalise(strings.Join(n.texts, "")))
			return
		}
		fmt.Fprintf(&b, "%s%s objr=%d %s\n", strings.Repeat(" ", depth), n.role, n.objr, strings.Join(n.attrs, " "))
		for _, k := range n.kids {
			w(k, depth+1)
		}
	}
	w(n, 0)
	return b.String()
}

func firstDiff(a, b string) string {
	al, bl := strings.Split(a, "\n"), strings.Split(b, "\n")
	for i := range min(len(al), len(bl)) {
		if al[i] != bl[i] {
			return fmt.Sprintf("line %d: qpdf %q, poppler %q", i+1, al[i], bl[i])
		}
	}
	return fmt.Sprintf("%d lines against %d", len(al), len(bl))
}

// wrong structure.
func TestTagWriterRefuses(t *testing.T) {
	ag := load(t, root)
	d := newDoc(ag, newTheme(Theme{}))
	d.date = testDate
	m := newMaroto(d.config(testDate, false), testDate)
	if err := d.build(m, pagination{pages: map[string]int{}}, nil); err != nil {
		t.Fatal(err)
	}
	pg := scan(m.GetStructure())
	raw := func() ([]byte, *tracker) {
		m, err := withFonts(d.config(testDate, true), testDate, d.faces, nil)
		if err != nil {
			t.Fatal(err)
		}
		track := newTracker()
		if err := d.build(m, pg, track); err != nil {
			t.Fatal(err)
		}
		res, err := m.Generate()
		if err != nil {
			t.Fatal(err)
		}
		return res.GetBytes(), track
	}
	pdf, track := raw()
	if _, err := tagPDF(pdf, track.tags, track.total()); err != nil {
		t.Fatalf("untouched: %v", err)
	}
	for _, c := range []struct {
		name   string
		tamper func(tg *tagger)
	}{
		{"an MCID less", func(tg *tagger) { tg.mcids[3] = tg.mcids[3][:len(tg.mcids[3])-1] }},
		{"a link annotation more", func(tg *tagger) { tg.annots[2] = append(tg.annots[2], annot{e: tg.doc}) }},
		{"text outside the structure", func(tg *tagger) { tg.untagged = append(tg.untagged, "tekst") }},
	} {
		pdf, track := raw()
		c.tamper(track.tags)
		if _, err := tagPDF(pdf, track.tags, track.total()); err == nil {
			t.Errorf("%s: no error", c.name)
		} else {
			t.Logf("%s: %v", c.name, err)
		}
	}
}

// FuzzTagged renders arbitrary Markdown as the opening text of the default
// agreement: the tagging must hold whatever the text is (tagPDF refuses a
// structure that disagrees with the pages, and a text drawn without a
// place in it). The seeds run with the tests: deep nesting, every kind of
// block, headings that skip levels.
func FuzzTagged(f *testing.F) {
	var deep strings.Builder
	for i := range 40 {
		deep.WriteString(strings.Repeat("  ", i) + "1. niveau [link](https://example.nl/" + strconv.Itoa(i) + ")\n")
	}
	f.Add(deep.String() + "\n" + strings.Repeat("> ", 40) + "citaat\n")
	f.Add("# Kop\n\n#### Diep\n\nTekst *schuin* **vet** ~~weg~~ `code` met [link](https://example.nl/a), <https://example.nl/b>.[^1]\n\n" +
		"1. een\n   - twee\n\n> citaat\n\n| a | b |\n|---|--:|\n| 1 | 2 |\n\n    blok code\n\n---\n\n[^1]: noot\n")
	f.Add("- \n- \n  | x |\n  |---|\n  | " + strings.Repeat("lang ", 400) + "|\n")
	ag := load(f, root)
	f.Fuzz(func(t *testing.T, src string) {
		a := *ag
		a.Preamble.Source = src
		if _, err := Render(&a, Options{}); err != nil {
			t.Fatalf("%v\nMarkdown: %q", err, src)
		}
	})
}
