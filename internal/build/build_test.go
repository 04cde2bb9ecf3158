package build

import (
	"bytes"
	"html"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/prestatie/prestatie/internal/seed"
	"github.com/prestatie/prestatie/internal/site"
)

const root = "../.." // the repository is the default site

func renderDefault(t testing.TB, base string) *site.Output {
	t.Helper()
	out, _, ds, err := Render(os.DirFS(root), Options{BaseURL: base}, "")
	if err != nil || ds.HasErrors() {
		t.Fatalf("render: %v\n%v", err, ds)
	}
	return out
}

var tags = regexp.MustCompile(`(?s)<[^>]*>`)

// pageText is the visible text of all pages, normalised so that the seed's
// plain quotes and the site's typographic ones compare equal.
func pageText(out *site.Output) string {
	var b strings.Builder
	for _, f := range out.Files {
		if strings.HasSuffix(f.Path, ".html") {
			s := string(f.Data)
			s = s[strings.Index(s, "<body"):]
			b.WriteString(html.UnescapeString(tags.ReplaceAllString(s, " ")))
			b.WriteString("\n")
		}
	}
	return seed.Normalise(b.String())
}

// TestSeedComesThrough checks that every line of the signed agreement, the
// seed, can be found in the text of the built pages: prose and bullets word
// for word, headings ignoring case and the seed's own chapter numbers.
func TestSeedComesThrough(t *testing.T) {
	t.Parallel()
	src, err := os.ReadFile(filepath.Join(root, seed.File))
	if err != nil {
		t.Fatal(err)
	}
	missing, checked := seed.Missing(src, pageText(renderDefault(t, "")))
	if checked < 150 {
		t.Fatalf("only %d seed lines checked; is the seed complete?", checked)
	}
	for _, m := range missing {
		t.Errorf("%s not on any page", m)
	}
}

func TestBuildIsDeterministic(t *testing.T) {
	t.Parallel()
	a, b := renderDefault(t, "/x/"), renderDefault(t, "/x/")
	if len(a.Files) != len(b.Files) {
		t.Fatalf("%d files vs %d", len(a.Files), len(b.Files))
	}
	for i := range a.Files {
		if a.Files[i].Path != b.Files[i].Path || !bytes.Equal(a.Files[i].Data, b.Files[i].Data) {
			t.Errorf("%s differs between two builds", a.Files[i].Path)
		}
	}
}

// hashed is the content hash in an asset's name (style.0123456789.css).
var hashed = regexp.MustCompile(`\.[0-9a-f]{10}(\.[a-z]+)$`)

func TestPagesOfTheDefaultSite(t *testing.T) {
	t.Parallel()
	out := renderDefault(t, "")
	have := map[string]bool{}
	for _, f := range out.Files {
		have[hashed.ReplaceAllString(f.Path, "$1")] = true
	}
	for _, p := range []string{
		"index.html", "404.html", "robots.txt", "assets/style.css", "assets/favicon.svg", "toegankelijkheid/index.html",
		"alphen-chaam-2023-2024/index.html",
		"alphen-chaam-2023-2024/overlegstructuur/index.html",
		"alphen-chaam-2023-2024/beschikbaarheid/index.html",
		"alphen-chaam-2023-2024/beschikbaarheid/nieuwbouw/index.html",
		"alphen-chaam-2023-2024/betaalbaarheid/huurprijzen/index.html",
		"alphen-chaam-2023-2024/duurzaamheid/aanpak-naar-aardgasvrij/index.html",
		"alphen-chaam-2023-2024/wonen-en-zorg/regionale-woonzorganalyse/index.html",
		"alphen-chaam-2023-2024/bijzondere-doelgroepen/huisvesting-bijzondere-doelgroepen/index.html",
		"alphen-chaam-2023-2024/leefbaarheid/index.html",
	} {
		if !have[p] {
			t.Errorf("missing %s", p)
		}
	}
}

// TestSubPath builds under a sub-path and checks that every internal
// reference starts with it.
func TestSubPath(t *testing.T) {
	t.Parallel()
	out := renderDefault(t, "https://www.example.nl/prestatieafspraken/")
	ref := regexp.MustCompile(`(?:href|src)="([^"]*)"`)
	for _, f := range out.Files {
		if !strings.HasSuffix(f.Path, ".html") {
			continue
		}
		for _, m := range ref.FindAllStringSubmatch(string(f.Data), -1) {
			u := m[1]
			if strings.HasPrefix(u, "#") || strings.HasPrefix(u, "https://www.example.nl/prestatieafspraken/") || strings.HasPrefix(u, "https://creativecommons.org/") {
				continue
			}
			if !strings.HasPrefix(u, "/prestatieafspraken/") {
				t.Errorf("%s: link %q is outside the base path", f.Path, u)
			}
		}
	}
	for _, f := range out.Files {
		if f.Path == "sitemap.xml" && !bytes.Contains(f.Data, []byte("<loc>https://www.example.nl/prestatieafspraken/alphen-chaam-2023-2024/beschikbaarheid/nieuwbouw/</loc>")) {
			t.Errorf("sitemap lacks absolute page URLs:\n%s", f.Data)
		}
	}
}

// TestNoThirdPartyReferences: the output may only point elsewhere through
// links written in the content.
func TestNoThirdPartyReferences(t *testing.T) {
	t.Parallel()
	out := renderDefault(t, "/")
	ext := regexp.MustCompile(`(?:src|href|action|srcset|poster)="(?:https?:)?//`)
	for _, f := range out.Files {
		// A licence link (rel="license", the open data's licence text) is a
		// link, not a request: it is the one address the site adds itself.
		data := bytes.ReplaceAll(f.Data, []byte(`rel="license" href="https://`), []byte(`rel="license" href="licence:`))
		if loc := ext.FindIndex(data); loc != nil {
			t.Errorf("%s references another host: %s", f.Path, data[loc[0]:min(len(data), loc[1]+40)])
		}
		if bytes.Contains(f.Data, []byte("@import")) || bytes.Contains(f.Data, []byte("url(http")) {
			t.Errorf("%s imports from another host", f.Path)
		}
	}
}
