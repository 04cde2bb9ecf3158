package content

import (
	"fmt"
	"io/fs"
	"net/url"
	"strings"
	"unicode/utf8"

	"go.yaml.in/yaml/v3"

	a "github.com/prestatie/prestatie/internal/agreement"
	"github.com/prestatie/prestatie/internal/diag"
)

// Limits that keep a hostile or mistaken file from costing minutes and
// gigabytes. Each is documented in docs/content-format.md; real agreements
// stay far below them.
const (
	// MaxFileSize is the largest Markdown or configuration file, in bytes.
	MaxFileSize = 1 << 20
	// MaxYAMLDepth is the deepest nesting of mappings and lists in front matter.
	MaxYAMLDepth = 20
	// MaxMarkdownDepth is the deepest nesting of quotes and lists in a body.
	MaxMarkdownDepth = 50
	// MaxBrackets is the most "[" in one paragraph: each may open a link,
	// and the Markdown parser's time grows with their square.
	MaxBrackets = 500
	// MaxParties is the most parties one agreement can have: the cover, the
	// paraaf boxes in the footer and the signing page have room for this many.
	MaxParties = 60
)

// maxYAMLNodes is the most YAML nodes a front matter of n bytes may have
// once aliases are expanded: a few times its size, so that aliases can save
// typing but cannot multiply a small file into millions of values.
func maxYAMLNodes(n int) int { return max(1000, 4*n) }

// checkFileSize refuses a file over MaxFileSize before it is read.
func (l *loader) checkFileSize(name string) bool {
	st, err := fs.Stat(l.fsys, name)
	if err != nil || st.Size() <= MaxFileSize {
		return true
	}
	l.ds.Errorf(l.atFile(name), "bestand is %d bytes, meer dan de grens van %d bytes (1 MiB): splits de tekst over meer bestanden", st.Size(), MaxFileSize)
	return false
}

// checkUTF8 reports the first byte that is not UTF-8, with its position.
// line is the line number of src's first line in the file.
func checkUTF8(ds *diag.List, file string, src []byte, line int) bool {
	if utf8.Valid(src) {
		return true
	}
	col := 1
	for i := 0; i < len(src); {
		r, size := utf8.DecodeRune(src[i:])
		if r == utf8.RuneError && size == 1 {
			ds.Errorf(diag.Pos{File: file, Line: line, Col: col}, "ongeldige UTF-8 (byte 0x%02x): sla het bestand op als UTF-8", src[i])
			return false
		}
		if r == '\n' {
			line, col = line+1, 1
		} else {
			col++
		}
		i += size
	}
	return true
}

// checkTree walks decoded YAML once, following aliases, and stops at the
// first node nested deeper than MaxYAMLDepth or when the expanded tree
// exceeds maxYAMLNodes(size): the decoder after it walks the same tree.
func (d *decoder) checkTree(root *yaml.Node, size int) bool {
	limit := maxYAMLNodes(size)
	count := 0
	var walk func(n, at *yaml.Node, depth int) bool
	walk = func(n, at *yaml.Node, depth int) bool {
		if n == nil {
			return true
		}
		if n.Kind == yaml.AliasNode {
			// Report at the alias, where the expansion is asked for.
			return walk(n.Alias, n, depth)
		}
		if count++; count > limit {
			d.errorf(at, "aliassen maken de front matter te groot (meer dan %d waarden na uitvouwen, de grens is vier keer de bestandsgrootte): schrijf de waarden uit of gebruik minder aliassen", limit)
			return false
		}
		if depth > MaxYAMLDepth {
			d.errorf(at, "front matter te diep genest (meer dan %d niveaus): maak de structuur platter", MaxYAMLDepth)
			return false
		}
		for _, c := range n.Content {
			cat := c
			if at != n { // inside an alias: keep pointing at the alias
				cat = at
			}
			if !walk(c, cat, depth+1) {
				return false
			}
		}
		return true
	}
	return walk(root, root, 1)
}

// checkBody reports a body that is not UTF-8, nests too deep or has too
// many brackets. The front matter is still read, so its problems are
// reported too.
func checkBody(ds *diag.List, body a.Markdown) bool {
	return (utf8.ValidString(body.Source) || checkUTF8(ds, body.Pos.File, []byte(body.Source), body.Pos.Line)) && checkMarkdownDepth(ds, body)
}

// checkMarkdownDepth reports the first line of body whose quotes and list
// items nest deeper than MaxMarkdownDepth, or the first paragraph with more
// than MaxBrackets brackets. Indentation counts a level per
// two spaces, as nested list items are indented.
func checkMarkdownDepth(ds *diag.List, body a.Markdown) bool {
	fence := ""
	brackets, blockStart := 0, 0
	i := -1
	for line := range strings.SplitSeq(body.Source, "\n") {
		i++
		depth, rest := containerDepth(line)
		if t := strings.TrimLeft(rest, " "); fence != "" {
			if strings.HasPrefix(t, fence) {
				fence = ""
			}
			continue
		} else if strings.HasPrefix(t, "```") || strings.HasPrefix(t, "~~~") {
			fence = t[:3]
		}
		if depth > MaxMarkdownDepth {
			ds.Errorf(diag.Pos{File: body.Pos.File, Line: body.Pos.Line + i, Col: 1},
				"Markdown te diep genest (%d niveaus citaat, lijst of inspringing; de grens is %d): maak de structuur platter", depth, MaxMarkdownDepth)
			return false
		}
		if strings.TrimSpace(line) == "" {
			brackets, blockStart = 0, i+1
		}
		if brackets += strings.Count(line, "["); brackets > MaxBrackets {
			ds.Errorf(diag.Pos{File: body.Pos.File, Line: body.Pos.Line + blockStart, Col: 1},
				"meer dan %d [-haken in één alinea: elk kan een link openen en dat maakt de verwerking traag; splits de alinea of zet de tekst in een codeblok (```)", MaxBrackets)
			return false
		}
	}
	return true
}

// containerDepth counts the block quote and list markers that open line,
// plus a level per two columns of indentation before the first of them.
func containerDepth(line string) (int, string) {
	depth, cols := 0, 0
	for {
		switch {
		case line == "":
			return depth + cols/2, line
		case line[0] == ' ' || line[0] == '\t':
			if depth == 0 { // indentation before the first marker
				cols += map[byte]int{' ': 1, '\t': 4}[line[0]]
			}
			line = line[1:]
		case line[0] == '>':
			depth++
			line = line[1:]
		case strings.ContainsRune("-*+", rune(line[0])) && (len(line) == 1 || line[1] == ' ' || line[1] == '\t'):
			depth++
			line = line[1:]
		default:
			n := 0
			for n < len(line) && n < 9 && line[n] >= '0' && line[n] <= '9' {
				n++
			}
			if n > 0 && n < len(line) && (line[n] == '.' || line[n] == ')') && (n+1 == len(line) || line[n+1] == ' ') {
				depth++
				line = line[n+1:]
				continue
			}
			return depth + cols/2, line
		}
	}
}

// checkParties refuses more parties than the PDF has room for.
func (d *decoder) checkParties(n *yaml.Node, ag *a.Agreement) {
	n = resolve(n)
	for i := 0; i+1 < len(n.Content); i += 2 {
		if n.Content[i].Value == "parties" {
			n = n.Content[i+1]
		}
	}
	if len(ag.Parties) > MaxParties {
		d.errorf(n, "%d partijen, meer dan de grens van %d: zo veel passen niet op het voorblad, de paraafvakken en de tekenpagina van de pdf; maak een regionale overeenkomst met lokale overeenkomsten eronder", len(ag.Parties), MaxParties)
	}
}

// CheckBaseURL accepts an absolute http(s) URL or a path that starts with
// one slash; a scheme-relative //host would point every link at another host.
func CheckBaseURL(s string) error {
	const want = "geef een volledig adres als https://www.example.nl/prestatieafspraken/ of een pad als /prestatieafspraken/"
	u, err := url.Parse(s)
	switch {
	case s == "":
		return nil
	case err != nil, strings.ContainsAny(s, "\\ \t\r\n"):
		return fmt.Errorf("base_url %q is geen geldig adres: %s", s, want)
	case strings.HasPrefix(s, "//"):
		return fmt.Errorf("base_url %q begint met // en zou naar een andere host wijzen: %s", s, want)
	case u.Scheme != "" && u.Scheme != "http" && u.Scheme != "https":
		return fmt.Errorf("base_url %q gebruikt %s: alleen http en https; %s", s, u.Scheme, want)
	case u.Scheme != "" && u.Host == "":
		return fmt.Errorf("base_url %q heeft geen host: %s", s, want)
	case u.Scheme == "" && !strings.HasPrefix(s, "/"):
		return fmt.Errorf("base_url %q is geen volledig adres en geen pad dat met / begint: %s", s, want)
	case u.User != nil, u.RawQuery != "", u.Fragment != "", strings.HasSuffix(s, "?"), strings.HasSuffix(s, "#"):
		return fmt.Errorf("base_url %q mag geen gebruiker, ?-vraag of #-anker bevatten: %s", s, want)
	}
	return nil
}

// checkTheme reports a theme that is neither the embedded default nor a
// folder of the site, at the theme key.
func (l *loader) checkTheme(d *decoder, n *yaml.Node, theme string) {
	if n == nil || theme == "default" {
		return
	}
	if st, err := fs.Stat(l.fsys, "themes/"+theme); err != nil || !st.IsDir() {
		d.errorf(n, "thema %q niet gevonden: maak de map themes/%s/ of laat theme weg voor het standaardthema", theme, theme)
	}
}

// numberUnordered gives sections whose order is missing or wrong (already
// reported) distinct orders past the allowed range, so they are not also
// reported as using "order 0" twice.
func numberUnordered(ag *a.Agreement) {
	next := 10001
	var walk func(ss []*a.Section)
	walk = func(ss []*a.Section) {
		for _, s := range ss {
			if s.Order == 0 {
				s.Order, next = next, next+1
			}
			walk(s.Sections)
		}
	}
	walk(ag.Sections)
}
