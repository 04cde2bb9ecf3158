package pdf

import (
	"bytes"
	"fmt"
	"regexp"
	"sort"
	"strconv"
)

// tagPDF writes the structure that tg recorded into a PDF as gofpdf wrote
// it (page streams still uncompressed), so that it is a tagged PDF:
//
//   - every page's content stream: what is painted outside the marked
//     content of the structure (rules, table borders, boxes; gofpdf's
//     state settings) is wrapped in "/Artifact BMC … EMC";
//   - every page gets /StructParents (its entry in the parent tree) and,
//     when it has links, /Tabs /S; its link annotations, which gofpdf
//     writes inline in /Annots, become objects of their own with
//     /StructParent and /Contents, so that a Link element can point at
//     them (/OBJR);
//   - the structure elements, the parent tree (a number tree with one flat
//     /Nums array) and the StructTreeRoot are added before the catalog,
//     which gets /MarkInfo <</Marked true>> and /StructTreeRoot.
//
// The objects keep their numbers and order (the catalog stays last, as
// finish expects); the cross-reference table is written anew. The writer
// is byte-level, as compressStreams and finish are: gofpdf's output has a
// fixed shape (page n is object 1+2n, its contents 2+2n), and any
// deviation is an error rather than a PDF with a wrong structure.
func tagPDF(pdf []byte, tg *tagger, pages int) ([]byte, error) {
	bad := func(what string, args ...any) error {
		return fmt.Errorf("pdf: structuur niet te schrijven (%s)", fmt.Sprintf(what, args...))
	}
	if len(tg.untagged) > 0 { // a text drawn without a place in the structure: a bug, never seen in the tests
		return nil, bad("tekst buiten de structuur: %q", tg.untagged[0])
	}
	x := bytes.LastIndex(pdf, []byte("\nxref\n"))
	s := bytes.LastIndex(pdf, []byte("\nstartxref\n"))
	if x < 0 || s < x {
		return nil, bad("xref")
	}
	x++
	lines := bytes.SplitN(pdf[x:], []byte("\n"), 3)
	var first, count int
	if len(lines) < 3 {
		return nil, bad("xref")
	}
	if _, err := fmt.Sscanf(string(lines[1]), "%d %d", &first, &count); err != nil || first != 0 || len(lines[2]) < 20*count {
		return nil, bad("xref")
	}
	offsets := make([]int, count)
	for i := 1; i < count; i++ {
		e := lines[2][20*i : 20*i+20]
		if e[17] != 'n' {
			return nil, bad("xref-regel %d", i)
		}
		n, err := strconv.Atoi(string(e[:10]))
		if err != nil {
			return nil, bad("xref-regel %d", i)
		}
		offsets[i] = n
	}
	trailer := pdf[x+len(lines[0])+len(lines[1])+2+20*count : s]
	root := submatchInt(rootRef, trailer)
	if root <= 0 || root >= count || 2+2*pages >= count {
		return nil, bad("trailer")
	}
	order := make([]int, 0, count-1)
	for i := 1; i < count; i++ {
		order = append(order, i)
	}
	sort.Slice(order, func(i, j int) bool { return offsets[order[i]] < offsets[order[j]] })
	if order[len(order)-1] != root {
		return nil, bad("catalogus niet laatst")
	}
	span := func(i int) []byte { // the object i, from "i 0 obj" to the next object
		k := sort.Search(len(order), func(k int) bool { return offsets[order[k]] > offsets[i] })
		end := x
		if k < len(order) {
			end = offsets[order[k]]
		}
		return pdf[offsets[i]:end]
	}

	// Object numbers: annotations, elements, parent tree, tree root.
	next := count
	annotObj := map[int][]int{} // page -> object numbers of its annotations
	for p := 1; p <= pages; p++ {
		for range tg.annots[p] {
			annotObj[p] = append(annotObj[p], next)
			next++
		}
	}
	var elems []*elem
	var number func(e *elem)
	number = func(e *elem) {
		e.obj = next
		next++
		elems = append(elems, e)
		for _, k := range e.kids {
			if k.e != nil && k.e.used() {
				number(k.e)
			}
		}
	}
	if !tg.doc.used() {
		return nil, bad("lege structuur")
	}
	number(tg.doc)
	parentTree, treeRoot := next, next+1
	next += 2
	tg.widgetObj = next // addSigFields adds the signature fields from here

	out := bytes.NewBuffer(make([]byte, 0, len(pdf)+len(pdf)/8+64*len(elems)))
	newOff := make([]int, next)
	out.Write(pdf[:offsets[order[0]]])
	for _, i := range order {
		obj := span(i)
		switch {
		case i == root:
			writeStructure(out, newOff, tg, elems, annotObj, pages, parentTree, treeRoot)
			const cat = "/Type /Catalog\n"
			c := bytes.Index(obj, []byte(cat))
			if c < 0 {
				return nil, bad("catalogus")
			}
			newOff[i] = out.Len()
			out.Write(obj[:c+len(cat)])
			fmt.Fprintf(out, "/MarkInfo <</Marked true>>\n/StructTreeRoot %d 0 R\n", treeRoot)
			out.Write(obj[c+len(cat):])
		case i%2 == 1 && i/2 >= 1 && i/2 <= pages: // page i/2
			newOff[i] = out.Len()
			if err := writePage(out, newOff, obj, i/2, pages, tg, annotObj); err != nil {
				return nil, err
			}
		case i%2 == 0 && i/2-1 >= 1 && i/2-1 <= pages: // contents of page i/2-1
			newOff[i] = out.Len()
			if err := writeContents(out, obj, i, len(tg.mcids[i/2-1])); err != nil {
				return nil, err
			}
		default:
			newOff[i] = out.Len()
			out.Write(obj)
		}
	}
	xref := out.Len()
	fmt.Fprintf(out, "xref\n0 %d\n0000000000 65535 f \n", next)
	entry := []byte("0000000000 00000 n \n")
	for i := 1; i < next; i++ {
		for j, v := 9, newOff[i]; j >= 0; j, v = j-1, v/10 {
			entry[j] = byte('0' + v%10)
		}
		out.Write(entry)
	}
	t := trailerSize.ReplaceAll(trailer, []byte("/Size "+strconv.Itoa(next)))
	out.Write(t)
	fmt.Fprintf(out, "\nstartxref\n%d\n%%%%EOF\n", xref)
	return out.Bytes(), nil
}

// used reports whether an element holds content, directly or below.
func (e *elem) used() bool {
	for _, k := range e.kids {
		if k.e == nil || k.e.used() {
			return true
		}
	}
	return false
}

// annotsLine is gofpdf's /Annots array of inline dictionaries, one line.
var annotsLine = regexp.MustCompile(`\n/Annots \[(.*)\]\n`)

// writePage writes page n's dictionary with /StructParents and /Tabs, and
// its link annotations as objects after it is known where they go.
func writePage(out *bytes.Buffer, off []int, obj []byte, n, pages int, tg *tagger, annotObj map[int][]int) error {
	const head = "<</Type /Page\n"
	i := bytes.Index(obj, []byte(head))
	if i < 0 {
		return fmt.Errorf("pdf: structuur niet te schrijven (pagina %d)", n)
	}
	i += len(head)
	rest := obj[i:]
	var dicts [][]byte
	if m := annotsLine.FindSubmatchIndex(rest); m != nil {
		var err error
		if dicts, err = splitDicts(rest[m[2]:m[3]]); err != nil {
			return fmt.Errorf("pdf: structuur niet te schrijven (koppelingen op pagina %d: %v)", n, err)
		}
		var refs bytes.Buffer
		for j, o := range annotObj[n] {
			if j > 0 {
				refs.WriteByte(' ')
			}
			fmt.Fprintf(&refs, "%d 0 R", o)
		}
		rest = bytes.Join([][]byte{rest[:m[2]], refs.Bytes(), rest[m[3]:]}, nil)
	}
	if len(dicts) != len(tg.annots[n]) {
		return fmt.Errorf("pdf: structuur niet te schrijven (pagina %d heeft %d koppelingen, de structuur %d)", n, len(dicts), len(tg.annots[n]))
	}
	out.Write(obj[:i])
	fmt.Fprintf(out, "/StructParents %d\n", n-1)
	if len(dicts) > 0 {
		out.WriteString("/Tabs /S\n")
	}
	out.Write(rest)
	key := pages
	for p := 1; p < n; p++ {
		key += len(tg.annots[p])
	}
	for j, d := range dicts {
		a := tg.annots[n][j]
		off[annotObj[n][j]] = out.Len()
		fmt.Fprintf(out, "%d 0 obj\n%s /StructParent %d /Contents %s /P %d 0 R>>\nendobj\n",
			annotObj[n][j], d[:len(d)-2], key+j, utf16Text(a.contents), 1+2*n)
	}
	return nil
}

// splitDicts splits "<<…>><<…>>" into its dictionaries, skipping strings.
func splitDicts(b []byte) ([][]byte, error) {
	var out [][]byte
	depth, start := 0, 0
	for i := 0; i < len(b); i++ {
		switch {
		case b[i] == '(':
			nest := 0
			for ; i < len(b); i++ {
				if b[i] == '\\' {
					i++
				} else if b[i] == '(' {
					nest++
				} else if b[i] == ')' {
					if nest--; nest == 0 {
						break
					}
				}
			}
		case b[i] == '<' && i+1 < len(b) && b[i+1] == '<':
			if depth == 0 {
				start = i
			}
			depth++
			i++
		case b[i] == '>' && i+1 < len(b) && b[i+1] == '>':
			depth--
			i++
			if depth == 0 {
				out = append(out, b[start:i+1])
			}
		}
	}
	if depth != 0 {
		return nil, fmt.Errorf("onvolledig")
	}
	return out, nil
}

// writeContents writes a page's content stream with what is painted
// outside the structure's marked content wrapped as artifacts. It checks
// that the marked content nests, that it does not cross a q/Q pair and
// that the page has the MCIDs the structure expects.
func writeContents(out *bytes.Buffer, obj []byte, num, mcids int) error {
	bad := func(what string) error {
		return fmt.Errorf("pdf: structuur niet te schrijven (inhoud object %d: %s)", num, what)
	}
	m := plainStream(append([]byte{'\n'}, obj[:min(len(obj), 64)]...)) // the object's head
	if m == nil || m[0] != 0 {
		return bad("geen stroom")
	}
	n, _ := strconv.Atoi(string(obj[m[4]-1 : m[5]-1]))
	start := m[1] - 1
	if start+n > len(obj) {
		return bad("lengte")
	}
	data, tail := obj[start:start+n], obj[start+n:]
	var body bytes.Buffer
	body.Grow(len(data) + 512)
	depth, q, found := 0, 0, 0
	gap := false
	for len(data) > 0 {
		i := bytes.IndexByte(data, '\n')
		var l []byte
		if i < 0 {
			l, data = data, nil
		} else {
			l, data = data[:i], data[i+1:]
		}
		begin := len(l) > 0 && l[0] == '/' && (bytes.HasSuffix(l, []byte(" BDC")) || bytes.HasSuffix(l, []byte(" BMC")))
		end := string(l) == "EMC"
		switch {
		case begin || end:
			if q != 0 {
				return bad("gemarkeerde inhoud binnen q/Q")
			}
			if gap {
				body.WriteString("EMC\n")
				gap = false
			}
			if begin {
				depth++
				if bytes.Contains(l, []byte("<</MCID ")) {
					found++
				}
			} else if depth--; depth < 0 {
				return bad("EMC zonder begin")
			}
		case depth == 0 && len(bytes.TrimSpace(l)) > 0 && !gap:
			body.WriteString("/Artifact BMC\n")
			gap = true
		}
		// gofpdf writes q and Q at the start and end of a line ("q … Tj ET
		// Q", "q … cm /I1 Do Q", "q" alone before a clip)
		if len(l) > 0 && l[0] == 'q' && (len(l) == 1 || l[1] == ' ') {
			q++
		}
		if n := len(l); n > 0 && l[n-1] == 'Q' && (n == 1 || l[n-2] == ' ') {
			q--
		}
		body.Write(l)
		body.WriteByte('\n')
	}
	if gap {
		body.WriteString("EMC\n")
	}
	if depth != 0 || q != 0 {
		return bad("niet gesloten")
	}
	if found != mcids {
		return bad(fmt.Sprintf("%d MCID's, de structuur verwacht er %d", found, mcids))
	}
	fmt.Fprintf(out, "%d 0 obj\n<</Length %d>>\nstream\n", num, body.Len())
	out.Write(body.Bytes())
	out.Write(tail)
	return nil
}

// writeStructure writes the annotations' numbers aside (writePage writes
// them), the structure elements, the parent tree and the tree root.
func writeStructure(out *bytes.Buffer, off []int, tg *tagger, elems []*elem, annotObj map[int][]int, pages, parentTree, treeRoot int) {
	pageObj := func(p int) int { return 1 + 2*p }
	for _, e := range elems {
		off[e.obj] = out.Len()
		parent := treeRoot
		if e.parent != nil {
			parent = e.parent.obj
		}
		pg := 0
		for _, k := range e.kids {
			if k.e == nil {
				pg = k.page
				break
			}
		}
		fmt.Fprintf(out, "%d 0 obj\n<</Type /StructElem /S /%s /P %d 0 R", e.obj, e.role, parent)
		if pg > 0 {
			fmt.Fprintf(out, " /Pg %d 0 R", pageObj(pg))
		}
		if e.alt != "" {
			fmt.Fprintf(out, " /Alt %s", utf16Text(e.alt))
		}
		if e.scope != "" {
			fmt.Fprintf(out, " /A <</O /Table /Scope /%s>>", e.scope)
		}
		out.WriteString(" /K [")
		for j, k := range e.kids {
			if j > 0 {
				out.WriteByte(' ')
			}
			switch {
			case k.e != nil:
				if k.e.used() {
					fmt.Fprintf(out, "%d 0 R", k.e.obj)
				}
			case k.widget:
				fmt.Fprintf(out, "<</Type /OBJR /Obj %d 0 R /Pg %d 0 R>>", tg.widgetObj+k.annot, pageObj(k.page))
			case k.annot >= 0:
				fmt.Fprintf(out, "<</Type /OBJR /Obj %d 0 R /Pg %d 0 R>>", annotObj[k.page][k.annot], pageObj(k.page))
			case k.page == pg:
				out.WriteString(strconv.Itoa(k.mcid))
			default:
				fmt.Fprintf(out, "<</Type /MCR /Pg %d 0 R /MCID %d>>", pageObj(k.page), k.mcid)
			}
		}
		out.WriteString("]>>\nendobj\n")
	}
	off[parentTree] = out.Len()
	fmt.Fprintf(out, "%d 0 obj\n<</Nums [", parentTree)
	for p := 1; p <= pages; p++ {
		fmt.Fprintf(out, "\n%d [", p-1)
		for j, e := range tg.mcids[p] {
			if j > 0 {
				out.WriteByte(' ')
			}
			fmt.Fprintf(out, "%d 0 R", e.obj)
		}
		out.WriteString("]")
	}
	key := pages
	for p := 1; p <= pages; p++ {
		for _, a := range tg.annots[p] {
			fmt.Fprintf(out, "\n%d %d 0 R", key, a.e.obj)
			key++
		}
	}
	tg.widgetKey = key
	for _, e := range tg.forms {
		fmt.Fprintf(out, "\n%d %d 0 R", key, e.obj)
		key++
	}
	out.WriteString("\n]>>\nendobj\n")
	off[treeRoot] = out.Len()
	fmt.Fprintf(out, "%d 0 obj\n<</Type /StructTreeRoot /K %d 0 R /ParentTree %d 0 R /ParentTreeNextKey %d>>\nendobj\n",
		treeRoot, elems[0].obj, parentTree, key)
}
