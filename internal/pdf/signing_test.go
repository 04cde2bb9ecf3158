package pdf

import (
	"encoding/json"
	"fmt"
	"html"
	"math"
	"os"
	"path/filepath"
	"reflect"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/prestatie/prestatie/internal/agreement"
)

// TestManyParties checks the fifteen-party site: a paraaf box for every
// party on every page after the cover, a signature block for every
// signatory, all parties on the cover.
func TestManyParties(t *testing.T) {
	ag, _, body, foot := siteTexts(t, regio)
	if len(ag.Parties) != 15 {
		t.Fatalf("%d parties", len(ag.Parties))
	}
	cover := normalise(body[0])
	for _, p := range ag.Parties {
		if !strings.Contains(cover, p.Name) {
			t.Errorf("cover lacks %q", p.Name)
		}
	}
	if !strings.Contains(cover, "Ter ondertekening") || !strings.Contains(cover, "thuis | in de regio") {
		t.Errorf("cover lacks the status or a tagline:\n%s", body[0])
	}
	for i := 0; i < len(foot); i++ {
		words := strings.Fields(foot[i])
		for _, p := range ag.Parties {
			for _, w := range strings.Fields(p.Label) {
				if !contains(words, w) {
					t.Errorf("page %d: no paraaf box for %q (%q missing)", i+1, p.Label, w)
				}
			}
		}
	}
	f := newFooter(ag, newTheme(Theme{}), contentW, nil, 0, Fingerprint(ag))
	if rows := (len(f.boxes) + f.perRow - 1) / f.perRow; rows > 3 || f.side {
		t.Errorf("15 paraaf boxes in %d rows (side layout %v)", rows, f.side)
	}
	signing := normalise(strings.Join(body, "\n"))
	signing = signing[strings.LastIndex(signing, "Aldus overeengekomen en ondertekend"):]
	blocks := 0
	for _, p := range ag.Parties {
		blocks += max(1, len(p.Signatories))
		if !strings.Contains(signing, p.Name) {
			t.Errorf("no signature block for %q", p.Name)
		}
		for _, s := range p.Signatories {
			for _, v := range []string{s.Name, s.Function} {
				if v != "" && !strings.Contains(signing, v) {
					t.Errorf("signature block lacks %q", v)
				}
			}
		}
	}
	if got := strings.Count(signing, "namens deze"); got != blocks {
		t.Errorf("%d signature blocks, want %d", got, blocks)
	}
	// Signatures that run on to more pages continue under a heading.
	pg := firstPass(t, ag)
	annexes := ag.Annexes()
	if len(annexes) == 0 {
		t.Fatal("the test site has no bijlage")
	}
	sign, annex := pg.pages["ondertekening"], pg.pages[newDoc(ag, newTheme(Theme{})).anchors[annexes[0]]]
	if annex <= sign+1 {
		t.Fatalf("the signatures of 15 parties fit on one page (%d, bijlage on %d)", sign, annex)
	}
	for p := sign + 1; p < annex; p++ {
		if !strings.HasPrefix(strings.TrimSpace(body[p-1]), "Ondertekening (vervolg)") {
			t.Errorf("page %d of the signatures does not start with \"Ondertekening (vervolg)\":\n%s", p, body[p-1])
		}
	}
	// The page count stands above the signatures.
	all := normalise(strings.Join(body, "\n"))
	if strings.Index(all, "bestaat uit") > strings.Index(all, "namens deze") {
		t.Error("the page count is not above the signature blocks")
	}
}

func contains(words []string, w string) bool {
	for _, x := range words {
		if strings.Contains(x, w) {
			return true
		}
	}
	return false
}

func TestDraftSaysConceptOnEveryPage(t *testing.T) {
	ag := load(t, root)
	ag.Status = agreement.Draft
	pdf, err := Render(ag, Options{})
	if err != nil {
		t.Fatal(err)
	}
	for i, txt := range texts(t, pdf) {
		if !strings.Contains(txt, "CONCEPT") {
			t.Errorf("page %d lacks CONCEPT", i+1)
		}
	}
}

// TestLongCover: when hostile content makes the cover run on to more
// pages, the page numbers still count every page.
func TestLongCover(t *testing.T) {
	ag := load(t, root)
	ag.Title = strings.Repeat("Prestatieafspraken ", 400)
	pdf, err := Render(ag, Options{})
	if err != nil {
		t.Fatal(err)
	}
	pages := texts(t, pdf)
	n := len(pages)
	for p := 1; p <= n; p++ {
		if !strings.Contains(pages[p-1], fmt.Sprintf("pagina %d van %d", p, n)) {
			t.Errorf("page %d: no \"pagina %d van %d\"", p, p, n)
		}
	}
	if pg := firstPass(t, ag); pg.pages["tekst"] < 5 {
		t.Fatalf("the text begins on page %d: the cover is not long; make the title longer", pg.pages["tekst"])
	}
}

// TestCoverStatus checks that the cover says what the paper is and never
// calls a paper with empty signature lines signed.
func TestCoverStatus(t *testing.T) {
	_, _, body, _ := siteTexts(t, root)
	cover := normalise(body[0])
	if want := "Status Kopie van de op 6 april 2023 ondertekende tekst"; !strings.Contains(cover, want) {
		t.Errorf("cover lacks %q:\n%s", want, body[0])
	}
	if strings.Contains(cover, "Ondertekend") {
		t.Errorf("cover says Ondertekend:\n%s", body[0])
	}
	for st, want := range map[agreement.DocStatus]string{agreement.Draft: "Concept", agreement.ForSignature: "Ter ondertekening"} {
		if got := statusLine(&agreement.Agreement{Status: st}); got != want {
			t.Errorf("status %s: %q, want %q", st, got, want)
		}
	}
	if got := statusLine(&agreement.Agreement{Status: agreement.Signed}); got != "Kopie van de ondertekende tekst" {
		t.Errorf("signed without a date: %q", got)
	}
}

// TestDigitalSigningAndGroups renders the default agreement as if it was
// signed digitally, with the parties in groups of the document's own and
// no date: no paraaf boxes, no signature lines, the statement of how it was
// signed, the groups on the cover and the signing page, no date line.
func TestDigitalSigningAndGroups(t *testing.T) {
	ag := load(t, root)
	ag.Signing = agreement.Digital
	ag.SigningNote = "Ondertekend met een **gekwalificeerde** elektronische handtekening via [de dienst](https://example.nl/tekenen)."
	ag.Date = agreement.Date{}
	ag.Parties[0].Group = "Gemeenten"
	ag.Parties[1].Group = "Woningcorporaties"
	pdf, err := Render(ag, Options{})
	if err != nil {
		t.Fatal(err)
	}
	body, foot := pageTexts(t, ag, writeTemp(t, pdf))
	for i, f := range foot {
		if strings.Contains(f, "Paraaf") || (i > 0 && !strings.Contains(f, fmt.Sprintf("pagina %d van %d", i+1, len(foot)))) {
			t.Errorf("page %d: footer %q", i+1, f)
		}
	}
	all := normalise(strings.Join(body, "\n"))
	for _, bad := range []string{"handtekening:", "datum:", "Aldus overeengekomen en ondertekend", "Datum"} {
		if strings.Contains(all, bad) {
			t.Errorf("a digitally signed agreement without a date shows %q", bad)
		}
	}
	inOrder(t, normalise(body[0]), []string{"Gemeenten", "Gemeente Alphen-Chaam", "Woningcorporaties", "Leystromen",
		"Status Kopie van de ondertekende tekst"})
	signing := all[strings.LastIndex(all, "Deze overeenkomst bestaat uit"):]
	inOrder(t, signing, []string{"Vingerafdruk", "Ondertekend met een gekwalificeerde elektronische handtekening via de dienst (https://example.nl/tekenen).",
		"Gemeenten", "Gemeente Alphen-Chaam", "namens deze", "Woningcorporaties", "Leystromen", "namens deze"})

	// An empty signature field per signatory on the signing page, that
	// qpdf reads.
	need(t, "qpdf")
	file := writeTemp(t, pdf)
	runTool(t, "qpdf", "--check", file)
	var form struct {
		Acroform struct {
			Fields []struct {
				Type string `json:"fieldtype"`
				Name string `json:"alternativename"`
				Page int    `json:"pageposfrom1"`
			} `json:"fields"`
		} `json:"acroform"`
	}
	if err := json.Unmarshal([]byte(runTool(t, "qpdf", "--json", "--json-key=acroform", file)), &form); err != nil {
		t.Fatal(err)
	}
	sign := firstPass(t, ag).pages["ondertekening"]
	var names []string
	for _, f := range form.Acroform.Fields {
		if f.Type != "/Sig" || f.Page != sign {
			t.Errorf("field %q: %s on page %d, want /Sig on page %d", f.Name, f.Type, f.Page, sign)
		}
		names = append(names, f.Name)
	}
	if want := []string{"Handtekening namens Gemeente Alphen-Chaam", "Handtekening namens Leystromen"}; !reflect.DeepEqual(names, want) {
		t.Errorf("signature fields %q, want %q", names, want)
	}

	// Without a note: the fixed sentence.
	ag.SigningNote = ""
	d := newDoc(ag, newTheme(Theme{}))
	m := newMaroto(d.config(testDate, false), testDate)
	if err := d.build(m, pagination{pages: map[string]int{}}, nil); err != nil {
		t.Fatal(err)
	}
	found := false
	walkStructure(m.GetStructure(), func(typ string, v any, _ map[string]any) {
		found = found || typ == "prestatie-text" && strings.Contains(v.(string), "Deze overeenkomst is digitaal ondertekend.")
	})
	if !found {
		t.Error("no statement that the agreement was signed digitally")
	}
}

// TestRoomToSignAndInitial checks the room the signatories get: paraaf
// boxes at least 12 mm high with names of at least 7 pt for up to 15
// parties, and at least 25 mm above each signature line.
func TestRoomToSignAndInitial(t *testing.T) {
	for _, dir := range []string{root, regio} {
		ag := load(t, dir)
		f := newFooter(ag, newTheme(Theme{}), contentW, nil, 0, Fingerprint(ag))
		if f.boxH < 12 || len(ag.Parties) <= 15 && f.labelSt.Size < 7 || len(f.boxes) != len(ag.Parties) {
			t.Errorf("%s: %d paraaf boxes of %.1f mm, names of %.1f pt", dir, len(f.boxes), f.boxH, f.labelSt.Size)
		}
		if f.h > pageH/4 {
			t.Errorf("%s: the footer takes %.0f mm of every page", dir, f.h)
		}
		d := newDoc(ag, newTheme(Theme{}))
		for _, p := range ag.Parties {
			sb := d.signatureBlock(p, agreement.Signatory{}, contentW/2-6)
			label := -1
			for i, l := range sb.lines {
				if strings.HasPrefix(l.text(), "handtekening:") {
					label = i
				}
			}
			rule := sb.rules[len(sb.rules)-1].line
			if room := signSpace(sb.st, label, rule); label < 0 || room < 25 {
				t.Errorf("%s: %.1f mm to sign for %s", dir, room, p.Name)
			}
		}
	}
}

// TestTooManyParties: 170 parties cannot initial every page; the error
// says so and what to do. Signed digitally, without paraaf boxes, the same
// agreement prints.
func TestTooManyParties(t *testing.T) {
	ag := load(t, root)
	for i := len(ag.Parties); i < 170; i++ {
		ag.Parties = append(ag.Parties, &agreement.Party{ID: fmt.Sprint("p", i), Name: fmt.Sprint("Huurdersvereniging nummer ", i),
			Label: fmt.Sprint("Huurders ", i), Kind: agreement.Tenants})
	}
	if _, err := Render(ag, Options{}); err == nil || !strings.Contains(err.Error(), "paraafvakken van 170 partijen") {
		t.Errorf("170 parties: %v", err)
	}
	ag.Signing = agreement.Digital
	pdf, err := Render(ag, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if pages := texts(t, pdf); !strings.Contains(strings.Join(pages, ""), "Huurdersvereniging nummer 169") {
		t.Error("the last party is missing")
	}
}

// TestRoomToSignInPDF measures the room in the PDF itself (pdftotext
// -bbox and the rules of the content streams): at least 25 mm without text
// between every "handtekening:" and its signature line, and no text
// in the footer, party names and the caption of the boxes included,
// smaller than 7 pt for up to 15 parties. (The boxes' height is checked on
// the footer's model in TestRoomToSignAndInitial.)
func TestRoomToSignInPDF(t *testing.T) {
	need(t, "pdftotext")
	need(t, "qpdf")
	const mm = 72 / 25.4
	word := regexp.MustCompile(`<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)</word>`)
	type box struct {
		x0, y0, x1, y1 float64
		text           string
	}
	for _, dir := range []string{root, regio} {
		ag, pdf := renderSite(t, dir)
		if len(ag.Parties) > readableParties {
			t.Fatalf("%s: %d parties, the test is for up to %d", dir, len(ag.Parties), readableParties)
		}
		f := newFooter(ag, newTheme(Theme{}), contentW, nil, 0, Fingerprint(ag))
		footTop := (pageH - marginBottom - f.h + footerGap) * mm
		// Horizontal rules per page from the uncompressed content streams
		// (qpdf --qdf): "x0 y m x1 y l S", y from the bottom.
		type rule struct{ x0, x1, y float64 }
		var rules [][]rule
		qdf := filepath.Join(t.TempDir(), "q.pdf")
		runTool(t, "qpdf", "--qdf", "--object-streams=disable", writeTemp(t, pdf), qdf)
		raw, err := os.ReadFile(qdf)
		if err != nil {
			t.Fatal(err)
		}
		seg := regexp.MustCompile(`(?m)^([\d.]+) ([\d.]+) m ([\d.]+) ([\d.]+) l S`)
		for _, c := range strings.Split(string(raw), "%% Contents for page ")[1:] {
			var rs []rule
			for _, m := range seg.FindAllStringSubmatch(c, -1) {
				var v [4]float64
				for i := range v {
					v[i], _ = strconv.ParseFloat(m[i+1], 64)
				}
				if v[1] == v[3] {
					rs = append(rs, rule{v[0], v[2], pageH*mm - v[1]})
				}
			}
			rules = append(rules, rs)
		}
		signed := 0
		for pi, page := range strings.Split(runTool(t, "pdftotext", "-bbox", writeTemp(t, pdf), "-"), "<page ")[1:] {
			var words []box
			for _, m := range word.FindAllStringSubmatch(page, -1) {
				var b box
				for i, v := range []*float64{&b.x0, &b.y0, &b.x1, &b.y1} {
					*v, _ = strconv.ParseFloat(m[i+1], 64)
				}
				b.text = html.UnescapeString(m[5])
				words = append(words, b)
			}
			for _, w := range words {
				if w.y0 < footTop {
					continue
				}
				// Liberation Sans: ascent + descent is 1.117 em
				if size := (w.y1 - w.y0) / 1.117; size < 6.95 {
					t.Errorf("%s page %d: %q in the footer at %.1f pt", dir, pi+1, w.text, size)
				}
			}
			for _, w := range words {
				if w.text != "handtekening:" {
					continue
				}
				signed++
				// The signature line: the first rule below the label that
				// starts at its left edge and is as wide as the block.
				line := math.Inf(1)
				for _, r := range rules[pi] {
					if math.Abs(r.x0-w.x0) < 1 && (r.x1-r.x0)/mm > contentW/2-7 && r.y > w.y1 && r.y < line {
						line = r.y
					}
				}
				if room := (line - w.y1) / mm; room < 25 {
					t.Errorf("%s page %d: %.1f mm above the signature line at x %.0f mm", dir, pi+1, room, w.x0/mm)
				}
				for _, v := range words {
					if v.y0 > w.y1 && v.y1 < line && v.x1 > w.x0 && v.x0 < w.x0+(contentW/2-6)*mm {
						t.Errorf("%s page %d: %q in the room to sign", dir, pi+1, v.text)
					}
				}
			}
		}
		want := 0
		for _, p := range ag.Parties {
			want += max(len(p.Signatories), 1)
		}
		if signed != want {
			t.Errorf("%s: %d signature blocks, want %d", dir, signed, want)
		}
	}
}
