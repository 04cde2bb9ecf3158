package site_test

import (
	"encoding/json"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/prestatie/prestatie/internal/search"
)

// TestSearchIndexHoldsTheText: for every test site the search index holds
// exactly the agreement, onderdeel and rapportage pages, each under its own
// path and title, and every page links the search page.
func TestSearchIndexHoldsTheText(t *testing.T) {
	t.Parallel()
	kind := regexp.MustCompile(`<body class="page-([a-z0-9-]+)"`)
	h1 := regexp.MustCompile(`(?s)<h1[^>]*>(.*?)</h1>`)
	tags := regexp.MustCompile(`<[^>]+>`)
	for name, dir := range testSites {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			files := built(t, dir).files
			var entry struct {
				Pages  int     `json:"pages"`
				Groups [][]any `json:"groups"` // folder, hash, pages
			}
			if err := json.Unmarshal([]byte(files[search.Entry]), &entry); err != nil {
				t.Fatalf("%s: %v", search.Entry, err)
			}
			want := map[string]string{} // path → h1
			for p, data := range files {
				if !strings.HasSuffix(p, ".html") {
					continue
				}
				if !strings.Contains(data, `<a class="site-search" href="/zoeken/"`) {
					t.Errorf("%s: no link to the search page", p)
				}
				if m := kind.FindStringSubmatch(data); m != nil && slices.Contains([]string{"agreement", "section", "report"}, m[1]) {
					title := strings.Join(strings.Fields(tags.ReplaceAllString(h1.FindStringSubmatch(data)[1], "")), " ")
					want[strings.TrimSuffix(p, "index.html")] = strings.ReplaceAll(title, "&amp;", "&")
				}
			}
			if entry.Pages != len(want) {
				t.Errorf("the index holds %d pages, the site has %d agreement, onderdeel and rapportage pages", entry.Pages, len(want))
			}
			// Each agreement's pages are a group in its folder.
			var pageFiles []string
			for _, g := range entry.Groups {
				folder := g[0].(string)
				if strings.Count(folder, "/") != 1 || !strings.HasPrefix(files[folder+"index.html"], "<!DOCTYPE") {
					t.Errorf("group %v: not an agreement's folder", g)
				}
				for i := range int(g[2].(float64)) {
					pageFiles = append(pageFiles, folder+search.Dir+g[1].(string)+"/"+strconv.Itoa(i)+".json")
				}
			}
			if len(pageFiles) != entry.Pages {
				t.Errorf("the groups hold %d pages, the index %d", len(pageFiles), entry.Pages)
			}
			for _, f := range pageFiles {
				var pg struct{ Path, Title string }
				if err := json.Unmarshal([]byte(files[f]), &pg); err != nil {
					t.Fatalf("%s: %v", f, err)
				}
				if !strings.HasPrefix(f, pg.Path[:strings.Index(pg.Path, "/")+1]+search.Dir) {
					t.Errorf("%s: page %q of another folder", f, pg.Path)
				}
				title, ok := want[pg.Path]
				if !ok {
					t.Errorf("%s: page %q is not a searchable page of the site", f, pg.Path)
				} else if name != "hostile" && pg.Title != title {
					t.Errorf("%s: title %q, the page's h1 is %q", f, pg.Title, title)
				}
				delete(want, pg.Path)
			}
			if _, ok := files["zoeken/index.html"]; !ok {
				t.Error("no search page")
			}
		})
	}
}
