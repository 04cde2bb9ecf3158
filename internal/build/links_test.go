package build

import (
	"encoding/xml"
	"io"
	"net/url"
	"os"
	"path"
	"strings"
	"testing"

	"golang.org/x/net/html"

	"github.com/prestatie/prestatie/internal/site"
)

// TestLinksResolve follows every internal link, anchor and asset reference
// of the built sites, at the root and under a sub-path.
func TestLinksResolve(t *testing.T) {
	t.Parallel()
	for _, src := range []string{root, "../../testdata/sites/regio", "../../testdata/sites/twee"} {
		for _, base := range []string{"/", "/gemeente/prestatieafspraken/", "https://www.example.nl/wonen/"} {
			out, _, ds, err := Render(os.DirFS(src), Options{BaseURL: base}, "")
			if err != nil || ds.HasErrors() {
				t.Fatal(err, ds)
			}
			checkLinks(t, out, base)
		}
	}
}

func checkLinks(t *testing.T, out *site.Output, base string) {
	t.Helper()
	bu, _ := url.Parse(base)
	files := map[string][]byte{}
	for _, f := range out.Files {
		files[f.Path] = f.Data
	}
	ids := map[string]map[string]bool{} // page file → element ids
	pageIDs := func(file string) map[string]bool {
		if m, ok := ids[file]; ok {
			return m
		}
		m := map[string]bool{}
		z := html.NewTokenizer(strings.NewReader(string(files[file])))
		for {
			tt := z.Next()
			if tt == html.ErrorToken {
				break
			}
			for _, a := range z.Token().Attr {
				if a.Key == "id" {
					m[a.Val] = true
				}
			}
		}
		ids[file] = m
		return m
	}
	checked := 0
	for _, f := range out.Files {
		if !strings.HasSuffix(f.Path, ".html") {
			continue
		}
		z := html.NewTokenizer(strings.NewReader(string(f.Data)))
		for {
			tt := z.Next()
			if tt == html.ErrorToken {
				if z.Err() != io.EOF {
					t.Errorf("%s: %v", f.Path, z.Err())
				}
				break
			}
			for _, a := range z.Token().Attr {
				if a.Key != "href" && a.Key != "src" {
					continue
				}
				u, err := url.Parse(a.Val)
				if err != nil {
					t.Errorf("%s: bad URL %q", f.Path, a.Val)
					continue
				}
				if u.Scheme == "mailto" || (u.Host != "" && u.Host != bu.Host) {
					continue // written in the content
				}
				target := f.Path
				if u.Path != "" {
					if !strings.HasPrefix(u.Path, bu.Path) {
						t.Errorf("%s: %q is outside the base path %s", f.Path, a.Val, bu.Path)
						continue
					}
					target = strings.TrimPrefix(u.Path, bu.Path)
					if target == "" || strings.HasSuffix(target, "/") {
						target += "index.html"
					}
				}
				checked++
				if _, ok := files[target]; !ok {
					t.Errorf("%s: %q points to %s, which is not built", f.Path, a.Val, target)
					continue
				}
				if u.Fragment != "" && path.Ext(target) == ".html" && !pageIDs(target)[u.Fragment] {
					t.Errorf("%s: %q: no element with id %q on %s", f.Path, a.Val, u.Fragment, target)
				}
			}
		}
	}
	if checked < 50 {
		t.Errorf("only %d links checked", checked)
	}
}

// TestXMLWellFormed parses the sitemap and every feed.
func TestXMLWellFormed(t *testing.T) {
	t.Parallel()
	out := renderDefault(t, "https://www.example.nl/")
	n := 0
	for _, f := range out.Files {
		if !strings.HasSuffix(f.Path, ".xml") {
			continue
		}
		n++
		d := xml.NewDecoder(strings.NewReader(string(f.Data)))
		for {
			_, err := d.Token()
			if err == io.EOF {
				break
			}
			if err != nil {
				t.Errorf("%s: %v", f.Path, err)
				break
			}
		}
	}
	if n < 3 {
		t.Errorf("only %d XML files", n)
	}
}
