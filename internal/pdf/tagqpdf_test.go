package pdf

import (
	"encoding/base64"
	"encoding/json"
	"strconv"
	"strings"
	"testing"
)

// The tagged PDF as qpdf --json reads it, and the checks on it.

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
		case "TOC":
			for _, k := range kidTypes {
				if k != "TOCI" {
					t.Errorf("%s: a contents holds %s", ref, k)
				}
			}
		case "TOCI":
			for _, k := range kidTypes {
				if k != "Link" && k != "TOC" {
					t.Errorf("%s: a contents entry holds %s", ref, k)
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
