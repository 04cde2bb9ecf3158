package pdf

import (
	"bytes"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"image"
	pngenc "image/png"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"testing"
	"unicode"
	"unicode/utf16"
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

// text is all the text below n in reading order, one space between
// marked-content sequences.
func (n *snode) text() string {
	var parts []string
	n.walk(func(k *snode, _ int) {
		if k.role == "#text" {
			parts = append(parts, k.texts...)
		}
	})
	return strings.Join(parts, " ")
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

// qpdfDoc is qpdf --json output: objects by "N 0 R", streams decoded.
type qpdfDoc struct {
	objs map[string]qobj
}

type qobj struct {
	Value  map[string]any `json:"value"`
	Stream *struct {
		Dict map[string]any `json:"dict"`
		Data string         `json:"data"`
	} `json:"stream"`
}

func readQpdf(t *testing.T, file string) *qpdfDoc {
	t.Helper()
	out := runTool(t, "qpdf", "--json", "--json-key=qpdf", "--json-stream-data=inline", "--decode-level=generalized", file)
	var j struct {
		Qpdf []json.RawMessage `json:"qpdf"`
	}
	if err := json.Unmarshal([]byte(out), &j); err != nil || len(j.Qpdf) < 2 {
		t.Fatalf("qpdf --json: %v", err)
	}
	var raw map[string]qobj
	if err := json.Unmarshal(j.Qpdf[1], &raw); err != nil {
		t.Fatalf("qpdf --json: %v", err)
	}
	q := &qpdfDoc{objs: map[string]qobj{}}
	for k, v := range raw {
		q.objs[strings.TrimPrefix(k, "obj:")] = v // and "trailer"
	}
	return q
}

func (q *qpdfDoc) dict(ref any) map[string]any {
	r, _ := ref.(string)
	o, ok := q.objs[r]
	if !ok {
		return nil
	}
	if o.Stream != nil {
		return o.Stream.Dict
	}
	return o.Value
}

func (q *qpdfDoc) trailerRoot(t *testing.T) map[string]any {
	t.Helper()
	tr := q.objs["trailer"].Value
	if tr == nil {
		t.Fatal("qpdf: no trailer")
	}
	return q.dict(tr["/Root"])
}

// pages are the page objects in order.
func (q *qpdfDoc) pages(t *testing.T) []string {
	t.Helper()
	kids, _ := q.dict(q.trailerRoot(t)["/Pages"])["/Kids"].([]any)
	var out []string
	for _, k := range kids {
		out = append(out, k.(string))
	}
	return out
}

func (q *qpdfDoc) checkCatalog(t *testing.T) {
	t.Helper()
	cat := q.trailerRoot(t)
	if mi := q.dictOf(cat["/MarkInfo"]); mi["/Marked"] != true {
		t.Error("catalog: no /MarkInfo <</Marked true>>")
	}
	if cat["/Lang"] != "u:nl" {
		t.Errorf("catalog: /Lang is %v", cat["/Lang"])
	}
	if vp := q.dictOf(cat["/ViewerPreferences"]); vp["/DisplayDocTitle"] != true {
		t.Error("catalog: no /DisplayDocTitle")
	}
	str := q.dict(cat["/StructTreeRoot"])
	if str["/Type"] != "/StructTreeRoot" || q.dict(str["/ParentTree"]) == nil {
		t.Error("catalog: no /StructTreeRoot with a /ParentTree")
	}
	if rm, ok := str["/RoleMap"]; ok {
		t.Errorf("a role map (%v), yet every role is a standard one", rm)
	}
	if q.dict(cat["/Metadata"]) == nil {
		t.Error("catalog: no /Metadata")
	}
}

// dictOf is a direct dictionary or the one a reference points at.
func (q *qpdfDoc) dictOf(v any) map[string]any {
	if d, ok := v.(map[string]any); ok {
		return d
	}
	return q.dict(v)
}

// markedText is what checkContent read from the pages: the MCIDs of every
// page and the texts of the structure's marked content and the artifacts.
type markedText struct {
	mcids      [][]int          // per page, in content order
	text       []map[int]string // per page, by MCID
	structText string
	artifacts  string
}

// checkContent reads every page's content stream: every text shown and
// every path or image painted lies in marked content that is either an
// artifact or has an MCID (PDF/UA-1 7.1: content is tagged or an
// artifact), and marked content nests and closes on the page.
func (q *qpdfDoc) checkContent(t *testing.T) markedText {
	t.Helper()
	var mt markedText
	var st, art strings.Builder
	for pi, p := range q.pages(t) {
		c := q.objs[q.dict(p)["/Contents"].(string)]
		if c.Stream == nil {
			t.Fatalf("page %d: no content stream", pi+1)
		}
		data, err := base64.StdEncoding.DecodeString(c.Stream.Data)
		if err != nil {
			t.Fatal(err)
		}
		type mark struct {
			artifact bool
			gap      bool // "/Artifact BMC": what tagPDF wrapped, never text
			mcid     int
		}
		var stack []mark
		var ids []int
		unmarked := 0
		texts := map[int]string{}
		var operands []ctok
		for _, tk := range contentTokens(data) {
			if tk.kind != opTok {
				operands = append(operands, tk)
				continue
			}
			op := tk.s
			switch op {
			case "BMC", "BDC":
				m := mark{mcid: -1}
				if len(operands) > 0 && operands[0].s == "/Artifact" {
					m.artifact, m.gap = true, op == "BMC"
				}
				for i, o := range operands {
					if o.s == "/MCID" && i+1 < len(operands) {
						m.mcid, _ = strconv.Atoi(operands[i+1].s)
					}
				}
				if !m.artifact && m.mcid >= 0 {
					ids = append(ids, m.mcid)
				}
				for _, o := range stack {
					if o.artifact != m.artifact && (o.mcid >= 0 || m.mcid >= 0) {
						t.Errorf("page %d: an artifact and tagged content nest in each other", pi+1)
					}
				}
				stack = append(stack, m)
			case "EMC":
				if len(stack) == 0 {
					t.Errorf("page %d: EMC without BMC/BDC", pi+1)
				} else {
					stack = stack[:len(stack)-1]
				}
			case "Tj", "TJ", "'", "\"", "S", "s", "f", "F", "f*", "B", "B*", "b", "b*", "sh", "Do":
				var inArt, inMCID bool
				for _, m := range stack {
					inArt = inArt || m.artifact
					inMCID = inMCID || m.mcid >= 0
				}
				if !inArt && !inMCID {
					unmarked++
				}
				var txt strings.Builder
				for _, o := range operands {
					if o.kind == strTok {
						txt.WriteString(o.s)
					}
				}
				if len(stack) > 0 && stack[len(stack)-1].gap && strings.TrimSpace(txt.String()) != "" {
					t.Errorf("page %d: text %q drawn outside the structure (wrapped as an artifact afterwards)", pi+1, txt.String())
				}
				if inArt {
					art.WriteString(txt.String())
				} else {
					st.WriteString(txt.String())
					for _, m := range stack {
						if m.mcid >= 0 {
							texts[m.mcid] += txt.String()
						}
					}
				}
			}
			operands = operands[:0]
		}
		if len(stack) != 0 {
			t.Errorf("page %d: %d marked-content sequences not closed", pi+1, len(stack))
		}
		if unmarked > 0 {
			t.Errorf("page %d: %d text or painting operators neither in the structure nor an artifact", pi+1, unmarked)
		}
		mt.mcids = append(mt.mcids, ids)
		mt.text = append(mt.text, texts)
	}
	mt.structText, mt.artifacts = st.String(), art.String()
	return mt
}

// checkParentTree: every page has /StructParents, its parent tree entry
// has one element per MCID on the page, and that element lists the MCID
// on that page among its kids; every annotation has /StructParent, a
// /Contents and an element that points back at it (/OBJR); pages with
// annotations have /Tabs /S.
func (q *qpdfDoc) checkParentTree(t *testing.T, mt markedText) {
	t.Helper()
	str := q.dict(q.trailerRoot(t)["/StructTreeRoot"])
	nums, _ := q.dictOf(str["/ParentTree"])["/Nums"].([]any)
	tree := map[int]any{}
	for i := 0; i+1 < len(nums); i += 2 {
		k, _ := nums[i].(float64)
		tree[int(k)] = nums[i+1]
	}
	next, _ := str["/ParentTreeNextKey"].(float64)
	for pi, p := range q.pages(t) {
		pd := q.dict(p)
		sp, ok := pd["/StructParents"].(float64)
		if !ok {
			t.Errorf("page %d: no /StructParents", pi+1)
			continue
		}
		arr, _ := tree[int(sp)].([]any)
		ids := mt.mcids[pi]
		if len(arr) != len(ids) {
			t.Errorf("page %d: %d MCIDs, the parent tree lists %d", pi+1, len(ids), len(arr))
			continue
		}
		for j, id := range ids {
			if id != j {
				t.Errorf("page %d: MCID %d at position %d", pi+1, id, j)
				break
			}
			if !q.elemHasMCID(arr[j], p, id) {
				t.Errorf("page %d: the element of MCID %d (%v) does not list it", pi+1, id, arr[j])
			}
		}
		annots, _ := pd["/Annots"].([]any)
		if len(annots) > 0 && pd["/Tabs"] != "/S" {
			t.Errorf("page %d: annotations without /Tabs /S", pi+1)
		}
		for _, a := range annots {
			ad := q.dictOf(a)
			k, ok := ad["/StructParent"].(float64)
			if !ok {
				t.Errorf("page %d: %s annotation %v without /StructParent", pi+1, ad["/Subtype"], a)
				continue
			}
			if int(k) >= int(next) {
				t.Errorf("page %d: /StructParent %v not below /ParentTreeNextKey %v", pi+1, k, next)
			}
			desc := "/Contents" // a link says what it does; a form field names itself in its tooltip
			if ad["/Subtype"] == "/Widget" {
				desc = "/TU"
			}
			if c, _ := ad[desc].(string); strings.TrimPrefix(c, "u:") == "" {
				t.Errorf("page %d: %s annotation without %s", pi+1, ad["/Subtype"], desc)
			}
			e := q.dict(tree[int(k)])
			if !q.elemHasObj(e, a) {
				t.Errorf("page %d: the element of annotation %v does not point at it", pi+1, a)
			}
		}
	}
}

func (q *qpdfDoc) kids(e map[string]any) []any {
	switch k := e["/K"].(type) {
	case []any:
		return k
	case nil:
		return nil
	default:
		return []any{k}
	}
}

func (q *qpdfDoc) elemHasMCID(ref any, page string, id int) bool {
	e := q.dict(ref)
	if e["/Type"] != "/StructElem" {
		return false
	}
	for _, k := range q.kids(e) {
		switch v := k.(type) {
		case float64:
			if int(v) == id && e["/Pg"] == page {
				return true
			}
		case map[string]any:
			if m, _ := v["/MCID"].(float64); v["/Type"] == "/MCR" && int(m) == id && v["/Pg"] == page {
				return true
			}
		}
	}
	return false
}

func (q *qpdfDoc) elemHasObj(e map[string]any, obj any) bool {
	for _, k := range q.kids(e) {
		if v, ok := k.(map[string]any); ok && v["/Type"] == "/OBJR" && v["/Obj"] == obj {
			return true
		}
	}
	return false
}

// checkElements: every structure element has a standard type, a parent,
// and the attributes its type needs: TH a /Scope, Figure an /Alt; a
// Table's rows are TR and its first row is of TH; an L holds LI, an LI
// Lbl and LBody.
func (q *qpdfDoc) checkElements(t *testing.T) {
	t.Helper()
	standard := map[string]bool{}
	for _, s := range strings.Fields("Document Part Art Sect Div BlockQuote Caption TOC TOCI Index NonStruct Private " +
		"H H1 H2 H3 H4 H5 H6 P L LI Lbl LBody Table TR TH TD THead TBody TFoot Span Quote Note Reference BibEntry " +
		"Code Link Annot Ruby RB RT RP Warichu WT WP Figure Formula Form") {
		standard[s] = true
	}
	for ref, o := range q.objs {
		e := o.Value
		if e == nil || e["/Type"] != "/StructElem" {
			continue
		}
		s, _ := e["/S"].(string)
		s = strings.TrimPrefix(s, "/")
		if !standard[s] {
			t.Errorf("%s: non-standard type %s", ref, s)
		}
		if q.dict(e["/P"]) == nil {
			t.Errorf("%s %s: no parent", ref, s)
		}
		kidTypes := []string{}
		for _, k := range q.kids(e) {
			if d := q.dict(k); d != nil && d["/Type"] == "/StructElem" {
				kidTypes = append(kidTypes, strings.TrimPrefix(d["/S"].(string), "/"))
			}
		}
		switch s {
		case "TH":
			if a := q.dictOf(e["/A"]); a["/Scope"] == nil || a["/O"] != "/Table" {
				t.Errorf("%s: TH without /Scope", ref)
			}
		case "Figure":
			if alt, _ := e["/Alt"].(string); strings.TrimPrefix(alt, "u:") == "" {
				t.Errorf("%s: Figure without /Alt", ref)
			}
		case "Table":
			if len(kidTypes) == 0 {
				t.Errorf("%s: empty table", ref)
			}
			for _, k := range kidTypes {
				if k != "TR" {
					t.Errorf("%s: a table holds %s", ref, k)
				}
			}
		case "L":
			for _, k := range kidTypes {
				if k != "LI" {
					t.Errorf("%s: a list holds %s", ref, k)
				}
			}
		case "LI":
			for _, k := range kidTypes {
				if k != "Lbl" && k != "LBody" {
					t.Errorf("%s: a list item holds %s", ref, k)
				}
			}
		}
	}
	// The first row of every table with a header row is of TH.
	for ref, o := range q.objs {
		e := o.Value
		if e == nil || e["/S"] != "/Table" {
			continue
		}
		ks := q.kids(e)
		if len(ks) == 0 {
			continue
		}
		row := q.dict(ks[0])
		ths := 0
		for _, c := range q.kids(row) {
			if q.dict(c)["/S"] == "/TH" {
				ths++
			}
		}
		if ths == 0 {
			t.Errorf("%s: a table without header cells", ref)
		}
	}
}

// A minimal content-stream tokenizer: enough to follow marked content,
// text and painting in what gofpdf writes.
type ctokKind int

const (
	opTok ctokKind = iota
	strTok
	otherTok
)

type ctok struct {
	kind ctokKind
	s    string // operator, name or number; a string decoded from UTF-16BE
}

func contentTokens(b []byte) []ctok {
	var out []ctok
	isDelim := func(c byte) bool { return strings.IndexByte("()<>[]{}/%", c) >= 0 }
	isSpace := func(c byte) bool { return c == ' ' || c == '\n' || c == '\r' || c == '\t' || c == '\f' || c == 0 }
	for i := 0; i < len(b); {
		c := b[i]
		switch {
		case isSpace(c):
			i++
		case c == '%':
			for i < len(b) && b[i] != '\n' {
				i++
			}
		case c == '(':
			var s []byte
			depth := 0
			for i++; i < len(b); i++ {
				if b[i] == '\\' && i+1 < len(b) {
					i++
					switch b[i] {
					case 'n':
						s = append(s, '\n')
					case 'r':
						s = append(s, '\r')
					case 't':
						s = append(s, '\t')
					case 'b':
						s = append(s, '\b')
					case 'f':
						s = append(s, '\f')
					case '\n':
					default:
						if b[i] >= '0' && b[i] <= '7' {
							v, n := 0, 0
							for n < 3 && i < len(b) && b[i] >= '0' && b[i] <= '7' {
								v = v*8 + int(b[i]-'0')
								i++
								n++
							}
							i--
							s = append(s, byte(v))
						} else {
							s = append(s, b[i])
						}
					}
					continue
				}
				if b[i] == '(' {
					depth++
				} else if b[i] == ')' {
					if depth == 0 {
						break
					}
					depth--
				}
				s = append(s, b[i])
			}
			i++
			out = append(out, ctok{strTok, utf16be(s)})
		case c == '<' && i+1 < len(b) && b[i+1] == '<', c == '>' && i+1 < len(b) && b[i+1] == '>':
			out = append(out, ctok{otherTok, string(b[i : i+2])})
			i += 2
		case c == '<':
			j := i + 1
			for j < len(b) && b[j] != '>' {
				j++
			}
			out = append(out, ctok{otherTok, string(b[i : j+1])})
			i = j + 1
		case c == '[' || c == ']' || c == '{' || c == '}':
			out = append(out, ctok{otherTok, string(c)})
			i++
		default:
			j := i + 1
			for j < len(b) && !isSpace(b[j]) && !isDelim(b[j]) {
				j++
			}
			w := string(b[i:j])
			kind := opTok
			if c == '/' || c == '-' || c == '+' || c == '.' || c >= '0' && c <= '9' || w == "true" || w == "false" || w == "null" {
				kind = otherTok
			}
			out = append(out, ctok{kind, w})
			i = j
		}
	}
	return out
}

// utf16be decodes the text of gofpdf's Unicode fonts.
func utf16be(b []byte) string {
	u := make([]uint16, 0, len(b)/2)
	for i := 0; i+1 < len(b); i += 2 {
		u = append(u, uint16(b[i])<<8|uint16(b[i+1]))
	}
	return string(utf16.Decode(u))
}

// TestTagWriterRefuses: when the content of the pages and the recorded
// structure disagree, tagPDF returns an error rather than a PDF with a
// wrong structure.
func TestTagWriterRefuses(t *testing.T) {
	ag := load(t, root)
	d := newDoc(ag, newTheme(Theme{}))
	d.date = testDate
	m := newMaroto(d.config(testDate, nil), testDate)
	if err := d.build(m, pagination{pages: map[string]int{}}, nil); err != nil {
		t.Fatal(err)
	}
	pg := scan(m.GetStructure())
	raw := func() ([]byte, *tracker) {
		fs, err := fonts(d.faces)
		if err != nil {
			t.Fatal(err)
		}
		m := newMaroto(d.config(testDate, fs), testDate)
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
