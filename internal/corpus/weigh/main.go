// Command weigh tells what a built site's agreements are made of, in bytes
// per agreement (files only, PDFs apart): pages, open data, chart
// downloads, feeds, the search index's result files of its pages, and
// within the pages what the issue on lighter output
// asked about (inline chart options, status bars, navigation, the head).
// It reads the output of a build; it builds nothing.
//
//	go run ./internal/corpus/gen -n 10 -o /tmp/c10
//	(cd /tmp/c10 && prestatie build --no-pdf)
//	go run ./internal/corpus/weigh /tmp/c10/public
package main

import (
	"fmt"
	"io/fs"
	"os"
	"path"
	"regexp"
	"sort"
	"strings"
)

// parts of a page, each matched from its start tag to its end tag (not
// nested in itself).
var parts = []struct {
	name string
	re   *regexp.Regexp
}{
	{"head", regexp.MustCompile(`(?s)<head>.*?</head>`)},
	{"chart options (inline JSON)", regexp.MustCompile(`(?s)<script type="application/json".*?</script>`)},
	{"inline SVG", regexp.MustCompile(`(?s)<svg\b.*?</svg>`)},
	{"nav (breadcrumbs, filters, pager, contents)", regexp.MustCompile(`(?s)<nav\b.*?</nav>`)},
	{"header and footer", regexp.MustCompile(`(?s)<header class="site-header.*?</header>|<footer class="site-footer.*?</footer>`)},
	{"tables", regexp.MustCompile(`(?s)<table\b.*?</table>`)},
}

func main() {
	if len(os.Args) != 2 {
		fmt.Fprintln(os.Stderr, "gebruik: weigh MAP (de uitvoer van een build)")
		os.Exit(2)
	}
	fsys := os.DirFS(os.Args[1])
	agreements := map[string]bool{}
	bytes := map[string]int64{}
	var pdfs int64
	err := fs.WalkDir(fsys, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		id, rest, ok := strings.Cut(p, "/")
		if !ok || id == "assets" || id == "zoeken" || id == "toegankelijkheid" {
			return nil
		}
		if _, err := fs.Stat(fsys, id+"/feed.xml"); err != nil {
			return nil // not an agreement's folder
		}
		agreements[id] = true
		st, err := d.Info()
		if err != nil {
			return err
		}
		kind := path.Ext(rest)
		switch {
		case kind == ".pdf":
			pdfs += st.Size()
			return nil
		case kind == ".html":
			b, err := fs.ReadFile(fsys, p)
			if err != nil {
				return err
			}
			for _, part := range parts {
				for _, m := range part.re.FindAll(b, -1) {
					bytes["pages (.html) › "+part.name] += int64(len(m))
				}
			}
			kind = "pages (.html)"
		case strings.HasPrefix(rest, "zoeken/"):
			kind = "search result files (" + kind + ")" // docs/zoeken.md
		case strings.HasPrefix(rest, "voortgang/data/"):
			kind = "open data (" + kind + ")"
		case strings.HasPrefix(path.Base(rest), "fig-"):
			kind = "chart downloads (" + kind + ")"
		case kind == ".xml":
			kind = "feed"
		}
		bytes[kind] += st.Size()
		bytes["total"] += st.Size()
		return nil
	})
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	n := int64(len(agreements))
	if n == 0 {
		fmt.Fprintln(os.Stderr, "geen overeenkomsten gevonden")
		os.Exit(1)
	}
	names := make([]string, 0, len(bytes))
	for k := range bytes {
		names = append(names, k)
	}
	sort.Strings(names)
	fmt.Printf("%d overeenkomsten; bytes per overeenkomst zonder pdf (› een deel van de pagina.s):\n", n)
	for _, k := range names {
		fmt.Printf("%-46s %8d  %5.1f%%\n", k, bytes[k]/n, 100*float64(bytes[k])/float64(bytes["total"]))
	}
	if pdfs > 0 {
		fmt.Printf("%-46s %8d\n", "pdf", pdfs/n)
	}
}
