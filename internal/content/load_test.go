package content

import (
	"flag"
	"io/fs"
	"os"
	"path"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/prestatie/prestatie/internal/agreement"
)

var update = flag.Bool("update", false, "rewrite the want.txt files of testdata/broken")

// siteFS reads a case folder of testdata/broken over the valid _base site:
// each case holds only the files that differ.
func siteFS(t *testing.T, name string) fstest.MapFS {
	t.Helper()
	m := fstest.MapFS{}
	for _, dir := range []string{"_base", name} {
		root := path.Join("testdata/broken", dir)
		err := fs.WalkDir(os.DirFS(root), ".", func(p string, d fs.DirEntry, err error) error {
			if err != nil || d.IsDir() || p == "want.txt" {
				return err
			}
			if d.Type()&fs.ModeSymlink != 0 { // kept as a link, never followed here
				target, err := os.Readlink(path.Join(root, p))
				m[p] = &fstest.MapFile{Data: []byte(target), Mode: fs.ModeSymlink}
				return err
			}
			data, err := os.ReadFile(path.Join(root, p))
			m[p] = &fstest.MapFile{Data: data}
			return err
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	return m
}

func TestBaseSiteIsValid(t *testing.T) {
	s, ds := Load(siteFS(t, "_base"), Options{})
	if len(ds) > 0 {
		t.Fatalf("base site has diagnostics:\n%v", ds)
	}
	if len(s.Agreements) != 1 || len(s.Agreements[0].Sections) != 1 {
		t.Fatalf("loaded %d agreements", len(s.Agreements))
	}
}

// TestBrokenCorpus loads every broken case and compares the complete list of
// diagnostics with want.txt. Run with -update to rewrite want.txt, then
// review the difference.
func TestBrokenCorpus(t *testing.T) {
	entries, err := os.ReadDir("testdata/broken")
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		if !e.IsDir() || e.Name() == "_base" {
			continue
		}
		t.Run(e.Name(), func(t *testing.T) {
			_, ds := Load(siteFS(t, e.Name()), Options{})
			var got strings.Builder
			for _, d := range ds {
				got.WriteString(d.String() + "\n")
			}
			wantFile := path.Join("testdata/broken", e.Name(), "want.txt")
			if *update {
				if err := os.WriteFile(wantFile, []byte(got.String()), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			want, err := os.ReadFile(wantFile)
			if err != nil {
				t.Fatalf("%v (run go test -update to create it)", err)
			}
			if got.String() != string(want) {
				t.Errorf("diagnostics differ\n--- got\n%s--- want\n%s", got.String(), want)
			}
			if got.Len() == 0 {
				t.Errorf("a broken case must give at least one diagnostic")
			}
		})
	}
}

func TestDefaultSiteLoadsClean(t *testing.T) {
	s, ds := Load(os.DirFS("../.."), Options{})
	if len(ds) > 0 {
		t.Fatalf("default site has diagnostics:\n%v", ds)
	}
	ag := s.Agreements[0]
	if ag.ID != "alphen-chaam-2023-2024" || ag.Reference != "GV00051149" || ag.Date != agreement.NewDate(2023, 4, 6) {
		t.Errorf("agreement = %s %s %s", ag.ID, ag.Reference, ag.Date)
	}
}

func TestSplit(t *testing.T) {
	tests := []struct {
		src              string
		fm, body         string
		fmLine, bodyLine int
		err              bool
	}{
		{src: "---\ntitle: x\n---\nbody\n", fm: "title: x\n", body: "body\n", fmLine: 2, bodyLine: 4},
		{src: "\ufeff---\r\na: 1\r\nb: 2\r\n---\r\n", fm: "a: 1\r\nb: 2\r\n", body: "", fmLine: 2, bodyLine: 5},
		{src: "---\n---\n", fm: "", body: "", fmLine: 2, bodyLine: 3},
		{src: "---\ntitle: x\n", err: true},
		{src: "title: x\n---\n", err: true},
		{src: "", err: true},
		{src: "---\na: '---'\n--- \ntekst --- meer\n---\n", fm: "a: '---'\n", body: "tekst --- meer\n---\n", fmLine: 2, bodyLine: 4},
	}
	for _, tt := range tests {
		fm, body, fl, bl, err := Split([]byte(tt.src))
		if (err != nil) != tt.err {
			t.Errorf("Split(%q) error = %v, want error %v", tt.src, err, tt.err)
			continue
		}
		if err == nil && (string(fm) != tt.fm || string(body) != tt.body || fl != tt.fmLine || bl != tt.bodyLine) {
			t.Errorf("Split(%q) = %q, %q, %d, %d; want %q, %q, %d, %d", tt.src, fm, body, fl, bl, tt.fm, tt.body, tt.fmLine, tt.bodyLine)
		}
	}
}

func TestDrafts(t *testing.T) {
	m := siteFS(t, "_base")
	m["content/test-2024/thema/concept.md"] = &fstest.MapFile{Data: []byte("---\ntitle: Concept\norder: 5\ndraft: true\n---\n")}
	s, ds := Load(m, Options{})
	if len(ds) > 0 || len(s.Agreements[0].Sections[0].Sections) != 1 {
		t.Errorf("a draft afspraak is left out by default: %v", ds)
	}
	s, _ = Load(m, Options{Drafts: true})
	if len(s.Agreements[0].Sections[0].Sections) != 2 {
		t.Errorf("--drafts includes it")
	}
}
