package pdf

import (
	"fmt"
	"math"
	"regexp"
	"strings"
	"testing"

	"github.com/johnfercher/maroto/v2/pkg/consts/align"
)

func TestClean(t *testing.T) {
	if err := loadMetrics(); err != nil {
		t.Fatal(err)
	}
	tests := []struct{ in, want string }{
		{"Beëindiging, coördinatie, € 879,66 – “ja” ‘nee’ …", "Beëindiging, coördinatie, € 879,66 – “ja” ‘nee’ …"},
		{"e\u0308", "ë"}, // NFC
		{"a\tb\nc\r\nd", "a b c  d"},
		{"smiley 😀 en 𝛼 中文", "smiley \uFFFD en \uFFFD 中文"}, // CJK is kept for a further font; layout prints it as \uFFFD without

		{"vink ✓, Ωμέγα, Жилье, שלום", "vink ✓, Ωμέγα, Жилье, שלום"}, // ✓ from DejaVu Sans
		{"سلام", "\uFEB3\uFEFC\uFEE1"},                                           // Arabic in its joined forms
		{"zacht\u00adafbreken zero\u200bwidth", "zacht\u00adafbreken zerowidth"}, // soft hyphens are for layout
		{"non\u2011breaking", "non-breaking"},
		{"12\u00a0woningen", "12\u00a0woningen"},
		{"bad \xff byte", "bad \uFFFD byte"},
	}
	for _, tt := range tests {
		if got := clean(tt.in); got != tt.want {
			t.Errorf("clean(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestTextWidthMatchesFontMetrics(t *testing.T) {
	if err := loadMetrics(); err != nil {
		t.Fatal(err)
	}
	// Liberation Sans is metric-compatible with Arial: "0" is 556/1000 em.
	if got, want := textWidth("0", regular, 10), 556.0*10/1000*ptToMM; got != want {
		t.Errorf("width of 0 at 10pt = %v, want %v", got, want)
	}
	if textWidth("Woning", bold, 10) <= textWidth("Woning", regular, 10) {
		t.Error("bold is not wider than regular")
	}
}

func TestLayout(t *testing.T) {
	if err := loadMetrics(); err != nil {
		t.Fatal(err)
	}
	st := textStyle{Size: 10, Lead: 1.4}
	long := strings.Repeat("x", 300)
	ss := []span{{Text: "Een "}, {Text: "vette", Bold: true}, {Text: "tekst "}, {Text: long}, {Text: " en\neen nieuwe regel"}}
	lines := layout(ss, st, 60)
	var got strings.Builder
	for i, l := range lines {
		if l.Width > 60+1e-6 {
			t.Errorf("line %d is %.2f mm wide, more than 60", i, l.Width)
		}
		for _, r := range l.Runs {
			if r.X+r.Width > 60+1e-6 {
				t.Errorf("line %d: run %q ends at %.2f", i, r.Text, r.X+r.Width)
			}
		}
		got.WriteString(l.text())
		got.WriteByte('|')
	}
	// No character lost: the long word is broken between characters only,
	// with a hyphen at each break.
	flat := strings.ReplaceAll(strings.ReplaceAll(got.String(), "-|", ""), "|", "")
	if want := "Een vettetekst " + long + " eneen nieuwe regel"; strings.ReplaceAll(flat, " ", "") != strings.ReplaceAll(want, " ", "") {
		t.Errorf("text changed:\n%s", got.String())
	}
	if !strings.HasPrefix(got.String(), "Een vettetekst|") {
		t.Errorf("first line: %q", got.String())
	}
	if !strings.HasSuffix(got.String(), "|een nieuwe regel|") {
		t.Errorf("forced break not kept: %q", got.String())
	}
	// The bold word is a run of its own, in the bold face, right after "Een ".
	first := lines[0].Runs
	if len(first) != 3 || first[1].Text != "vette" || first[1].Face != bold || math.Abs(first[1].X-textWidth("Een ", regular, 10)) > 1e-9 {
		t.Errorf("runs of the first line: %+v", first)
	}
}

func TestLayoutAlign(t *testing.T) {
	if err := loadMetrics(); err != nil {
		t.Fatal(err)
	}
	st := textStyle{Size: 10, Lead: 1.4, Align: align.Right}
	l := layout([]span{{Text: "12"}}, st, 30)[0]
	if end := l.Runs[0].X + l.Runs[0].Width; end < 30-1e-9 || end > 30+1e-9 {
		t.Errorf("right-aligned text ends at %v", end)
	}
}

func TestChunk(t *testing.T) {
	for n, want := range map[int]string{1: "[[0 1]]", 3: "[[0 3]]", 4: "[[0 2] [2 4]]", 6: "[[0 2] [2 3] [3 4] [4 6]]"} {
		if got := fmt.Sprint(chunk(n)); got != want {
			t.Errorf("chunk(%d) = %s, want %s", n, got, want)
		}
	}
}

// TestNarrowCellsKeepWords: a word or number wider than its table column
// is set a little smaller rather than split without a hyphen.
func TestNarrowCellsKeepWords(t *testing.T) {
	if err := loadMetrics(); err != nil {
		t.Fatal(err)
	}
	if _, err := dutchHyphens(); err != nil {
		t.Fatal(err)
	}
	st := textStyle{Size: 9, Lead: 1.3}
	w := textWidth("procentpunt", regular, 9) * 0.85
	for _, tc := range []struct {
		text  string
		width float64
		want  string // lines joined by |
		size  float64
	}{
		// words are hyphenated at their syllables, not shrunk
		{"procentpunt", w, "procent-|punt", 9},
		{"woningcorporaties", w, "woning-|corpora-|ties", 9},
		{"1.234.567 procentpunt", w, "1.234.567|procent-|punt", 9},
		// a soft hyphen of the source is the only place its word breaks
		{"procent\u00adpunt", w * 0.8, "procent-|punt", 8.8},
		{"woning\u00adcorporaties", w, "woning-|corporaties", 8.1},
		// a compound breaks after its own hyphen, without another one
		{"huur-verhoging", textWidth("verhoging ", regular, 9), "huur-|verhoging", 9},
		// numbers and amounts are never split: the cell's text is set smaller
		{"1.234", textWidth("1.2", regular, 9), "1.234", 5},
		{"€ 879,66", textWidth("€ 879", regular, 9), "€ 879,66", 5.7},
		{"12 %", textWidth("12 ", regular, 9), "12 %", 5.4},
		{"(€ 879)", textWidth("(€ 87", regular, 9), "(€ 879)", 6.4},
		{"kort", w, "kort", 9},
	} {
		ss := []span{{Text: tc.text}}
		small := st.shrinkToFit(ss, tc.width)
		var got []string
		for _, l := range layout(ss, small, tc.width) {
			if txt := l.text(); l.Hyph != (strings.HasSuffix(txt, "-") && !strings.HasSuffix(txt, "huur-")) {
				t.Errorf("%q: line %q marked Hyph %v", tc.text, txt, l.Hyph)
			}
			got = append(got, strings.TrimSpace(l.text()))
			if l.Width > tc.width+1e-6 {
				t.Errorf("%q: line %q is %.2f mm wide, more than %.2f", tc.text, l.text(), l.Width, tc.width)
			}
		}
		if g := strings.Join(got, "|"); g != tc.want || small.Size != tc.size {
			t.Errorf("%q in %.1f mm: %q at %v pt, want %q at %v pt", tc.text, tc.width, g, small.Size, tc.want, tc.size)
		}
	}
}

// TestNarrowTableInPDF: in the PDF of a table of narrow columns, long words
// are hyphenated at line ends ("woningcor-", "poraties") and numbers and
// amounts are whole, never split over lines; read back with pdftotext.
func TestNarrowTableInPDF(t *testing.T) {
	need(t, "pdftotext")
	ag := load(t, root)
	words := []string{"woningcorporaties", "procentpunt", "huurdersorganisaties", "1.234", "€ 879,66", "12.345.678", "2026–2027"}
	head := "| a | b | c | d | e | f | g | h | i |\n|---|---|---|---|---|---|---|---|---|\n"
	row := "| " + strings.Join(words, " | ") + " | x | y |\n"
	ag.Preamble.Source = "Een tabel met smalle kolommen.\n\n" + head + row + row
	pdf, err := Render(ag, Options{})
	if err != nil {
		t.Fatal(err)
	}
	raw := runTool(t, "pdftotext", "-raw", writeTemp(t, pdf), "-")
	i := strings.Index(raw, "Een tabel met smalle kolommen.")
	if i < 0 {
		t.Fatal("the table is missing")
	}
	table := raw[i:]
	if !regexp.MustCompile(`\pL-\n\pL`).MatchString(table) {
		t.Errorf("no word hyphenated at a line end:\n%s", table[:min(len(table), 600)])
	}
	lines := strings.Split(table, "\n")
	joined := dehyphenate(table)
	for _, w := range words {
		if strings.Count(joined, w) < 2 {
			t.Errorf("%q is not printed whole (or hyphenated) twice:\n%s", w, table[:min(len(table), 600)])
		}
		if !strings.ContainsAny(w, "abcdefghijklmnopqrstuvwxyz") { // a number: whole on one line
			n := 0
			for _, l := range lines {
				n += strings.Count(l, w)
			}
			if n < 2 {
				t.Errorf("the number %q is split over lines", w)
			}
		}
	}
}

// TestHeadingsKeepWords: a heading moves a word that does not fit to the
// next line whole; body text hyphenates it when the line would stay short.
func TestHeadingsKeepWords(t *testing.T) {
	if err := loadMetrics(); err != nil {
		t.Fatal(err)
	}
	ss := []span{{Text: "Afspraken over de meerjarenuitvoeringsprogramma's"}}
	width := textWidth("Afspraken over de meerjarenuitvoe", regular, 11)
	body := textStyle{Size: 11, Lead: 1.4}
	head := body
	head.Whole = true
	if got := layout(ss, body, width)[0].text(); !strings.HasSuffix(got, "-") {
		t.Errorf("body: %q, want a hyphen at the end", got)
	}
	if got := layout(ss, head, width)[0].text(); got != "Afspraken over de" {
		t.Errorf("heading: %q, want the word whole on the next line", got)
	}
}

// TestHyphensInARow: no more than two lines in a row end in a hyphen when
// the word would fit the next line whole.
func TestHyphensInARow(t *testing.T) {
	if err := loadMetrics(); err != nil {
		t.Fatal(err)
	}
	st := textStyle{Size: 10, Lead: 1.4}
	ss := []span{{Text: strings.Repeat("huurdersorganisaties woningcorporaties prestatieafspraken ", 6)}}
	for w := 30.0; w <= 90; w++ {
		run := 0
		for _, l := range layout(ss, st, w) {
			if l.Hyph {
				run++
			} else {
				run = 0
			}
			if run > 2 {
				t.Fatalf("%.0f mm: three hyphenated lines in a row, the third %q", w, l.text())
			}
		}
	}
}

// Text drawn straight through the writer (addText) has the bytes of text
// drawn by maroto.
func TestDirectText(t *testing.T) {
	sameBytesWith(t, &directText, func() {}, "with text drawn straight", 1, nil)
}
