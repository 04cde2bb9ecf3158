package content

import (
	"fmt"
	"io/fs"
	"strings"
	"testing"
	"testing/fstest"
)

// TestLinksWithinSite follows links that stay inside the site folder.
func TestLinksWithinSite(t *testing.T) {
	m := siteFS(t, "_base")
	m["gedeeld/zorg/_index.md"] = &fstest.MapFile{Data: []byte("---\ntitle: Zorg\norder: 2\n---\n")}
	m["content/test-2024/zorg"] = &fstest.MapFile{Data: []byte("../../gedeeld/zorg"), Mode: fs.ModeSymlink}
	m["huisstijl/style.css"] = &fstest.MapFile{Data: []byte("body{}")}
	m["themes/eigen/style.css"] = &fstest.MapFile{Data: []byte("../../huisstijl/style.css"), Mode: fs.ModeSymlink}
	s, ds := Load(m, Options{})
	if len(ds) > 0 {
		t.Fatalf("links within the site: %v", ds)
	}
	// A link out of the site inside a folder reached through a link.
	m["gedeeld/zorg/lek.md"] = &fstest.MapFile{Data: []byte("/etc/passwd"), Mode: fs.ModeSymlink}
	if _, ds := Load(m, Options{}); len(ds) != 1 || !strings.HasPrefix(ds[0].String(), "gedeeld/zorg/lek.md:1:1: symbolische link") {
		t.Errorf("a link out of the site behind a linked folder: %v", ds)
	}
	delete(m, "gedeeld/zorg/lek.md")
	if n := len(s.Agreements[0].Sections); n != 2 {
		t.Errorf("the linked section is not read: %d sections", n)
	}
	sub, _ := fs.Sub(SiteFS(m), "themes/eigen")
	if b, err := fs.ReadFile(sub, "style.css"); err != nil || string(b) != "body{}" {
		t.Errorf("theme file through a link: %q %v", b, err)
	}
	m["themes/eigen/lek.css"] = &fstest.MapFile{Data: []byte("../../../buiten.css"), Mode: fs.ModeSymlink}
	if _, err := fs.ReadFile(sub, "lek.css"); err == nil {
		t.Errorf("a link out of the site was followed")
	}
	if es, _ := fs.ReadDir(sub, "."); len(es) != 1 {
		t.Errorf("a link out of the site is listed: %v", es)
	}
}

func TestCheckBaseURL(t *testing.T) {
	tests := []struct {
		url string
		ok  bool
	}{
		{"", true},
		{"/", true},
		{"/prestatieafspraken/", true},
		{"https://www.example.nl/prestatieafspraken/", true},
		{"http://localhost:8080/", true},
		{"//evil.example/x/", false},
		{"ftp://example.nl/", false},
		{"javascript:alert(1)", false},
		{"https:///pad/", false},
		{"pad/", false},
		{"https://user:pw@example.nl/", false},
		{"/pad/?x=1", false},
		{"/pad/#top", false},
		{"/pad met spatie/", false},
		{`\\evil.example\x`, false},
	}
	for _, tt := range tests {
		if err := CheckBaseURL(tt.url); (err == nil) != tt.ok {
			t.Errorf("CheckBaseURL(%q) = %v, want ok %v", tt.url, err, tt.ok)
		}
	}
}

func TestContainerDepth(t *testing.T) {
	tests := []struct {
		line string
		want int
	}{
		{"tekst", 0},
		{"> citaat", 1},
		{"> > > drie", 3},
		{">>>drie", 3},
		{"- punt", 1},
		{"  - genest", 2},
		{"    - dieper", 3},
		{"1. een", 1},
		{"> - 2) mix", 3},
		{"-geen lijst", 0},
		{"2024. jaartal zonder spatie erna is wel een lijst", 1},
		{"12345678901. te lang voor een lijstnummer", 0},
	}
	for _, tt := range tests {
		if got, _ := containerDepth(tt.line); got != tt.want {
			t.Errorf("containerDepth(%q) = %d, want %d", tt.line, got, tt.want)
		}
	}
}

// TestLimitsAreCheap loads inputs just under 100 KB that used to cost
// minutes and gigabytes; each must come back as diagnostics. The time is
// not asserted (no wall clock in tests), the go test timeout guards it.
func TestLimitsAreCheap(t *testing.T) {
	aliases := "---\ntitle: x\norder: 1\na: &a [" + strings.Repeat("x,", 2000) + "x]\nb: [" + strings.Repeat("*a,", 2000) + "*a]\n---\n"
	tests := map[string]string{
		"aliases": aliases,
		"quotes":  "---\ntitle: x\norder: 1\n---\n" + strings.Repeat(">", 22000) + " diep\n",
		"lists":   "---\ntitle: x\norder: 1\n---\n" + strings.Repeat("- ", 20000) + "diep\n",
		"flow":    "---\ntitle: x\norder: 1\neffect: " + strings.Repeat("[", 20000) + strings.Repeat("]", 20000) + "\n---\n",
		"keys":    "---\ntitle: x\norder: 1\n" + manyKeys(8000) + "---\n",
	}
	for name, src := range tests {
		m := siteFS(t, "_base")
		m["content/test-2024/thema/nieuwbouw.md"] = &fstest.MapFile{Data: []byte(src)}
		if _, ds := Load(m, Options{}); !ds.HasErrors() {
			t.Errorf("%s: no error", name)
		}
	}
}

// manyKeys is n lines "kI: 1", each a different key.
func manyKeys(n int) string {
	var b strings.Builder
	for i := range n {
		fmt.Fprintf(&b, "k%d: 1\n", i)
	}
	return b.String()
}

// TestDuplicateKeys: a key given twice is reported at its second place,
// naming the line of the first, in a small mapping and in one of many keys
// (which mapping finds through a map).
func TestDuplicateKeys(t *testing.T) {
	for _, n := range []int{0, 40} {
		src := "---\ntitle: x\norder: 1\n" + manyKeys(n) + "title: y\n---\n"
		m := siteFS(t, "_base")
		m["content/test-2024/thema/nieuwbouw.md"] = &fstest.MapFile{Data: []byte(src)}
		_, ds := Load(m, Options{})
		want := fmt.Sprintf("content/test-2024/thema/nieuwbouw.md:%d:1: sleutel \"title\" staat al op regel 2", 4+n)
		if !strings.Contains(ds.Error(), want) {
			t.Errorf("%d other keys: no %q in\n%s", n, want, ds)
		}
	}
}
