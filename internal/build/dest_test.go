package build

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
)

// TestCheckDest refuses every destination whose files are not a build's own.
func TestCheckDest(t *testing.T) {
	t.Parallel()
	root := t.TempDir()
	src := filepath.Join(root, "site")
	for _, d := range []string{"content/ag", "templates", "themes/default", "static", "docs", "leeg", "vorige"} {
		os.MkdirAll(filepath.Join(src, d), 0o755)
	}
	os.WriteFile(filepath.Join(src, "prestatie.yaml"), []byte("title: x\n"), 0o644)
	os.WriteFile(filepath.Join(src, "verslag.docx"), []byte("tekst"), 0o644)
	os.WriteFile(filepath.Join(src, "docs/notities.txt"), []byte("van iemand"), 0o644)
	os.WriteFile(filepath.Join(src, "vorige", MarkerFile), []byte(markerText), 0o644)
	os.WriteFile(filepath.Join(src, "vorige/index.html"), []byte("x"), 0o644)
	os.Symlink("docs", filepath.Join(src, "link-docs"))
	os.Symlink("vorige", filepath.Join(src, "link-vorige"))
	os.Symlink(".", filepath.Join(src, "link-site"))
	os.Symlink("nergens", filepath.Join(src, "link-nieuw"))

	tests := []struct {
		dest string // relative to the site folder
		want string // part of the message; "" when accepted
	}{
		{".", "de map van de site zelf"},
		{"link-site", "de map van de site zelf"},
		{"..", "bevat de map van de site"},
		{"../..", "bevat de map van de site"},
		{"/", "hoofdmap"},
		{"content", "in content/"},
		{"content/ag", "in content/"},
		{"content/nieuw", "in content/"},
		{"templates", "in templates/"},
		{"themes/default", "in themes/"},
		{"static/uit", "in static/"},
		{"verslag.docx", "een bestand"},
		{"docs", "niet leeg"},
		{"link-docs", "niet leeg"},
		{"public", ""},
		{"leeg", ""},
		{"vorige", ""},
		{"link-vorige", ""},
		{"link-nieuw", ""},
		{"../elders/public", ""},
	}
	for _, tt := range tests {
		dest := tt.dest
		if !filepath.IsAbs(dest) {
			dest = filepath.Join(src, dest)
		}
		err := CheckDest(src, dest)
		var de *DestError
		switch {
		case tt.want == "" && err != nil:
			t.Errorf("--dest %s refused: %v", tt.dest, err)
		case tt.want != "" && (!errors.As(err, &de) || !strings.Contains(err.Error(), tt.want)):
			t.Errorf("--dest %s: got %v, want a refusal saying %q", tt.dest, err, tt.want)
		}
	}
}

func TestCheckDestHome(t *testing.T) {
	home := t.TempDir()
	t.Setenv("HOME", home)
	src := filepath.Join(t.TempDir(), "site")
	os.MkdirAll(src, 0o755)
	if err := CheckDest(src, home); err == nil || !strings.Contains(err.Error(), "thuismap") {
		t.Errorf("home folder as destination: %v", err)
	}
}

// TestBuildRefusesDestination runs whole builds with the destinations of
// the issue and checks that nothing of the site is touched.
func TestBuildRefusesDestination(t *testing.T) {
	t.Parallel()
	src := copySite(t)
	os.MkdirAll(filepath.Join(src, "docs"), 0o755)
	os.WriteFile(filepath.Join(src, "docs/notities.txt"), []byte("van iemand"), 0o644)
	os.WriteFile(filepath.Join(src, "verslag.docx"), []byte("tekst"), 0o644)
	before := treeHash(t, filepath.Dir(src))
	for _, dest := range []string{".", "content", "..", "docs", "verslag.docx"} {
		_, ds, err := Build(Options{Source: src, Dest: filepath.Join(src, dest), NoPDF: true})
		var de *DestError
		if !errors.As(err, &de) || len(ds) > 0 {
			t.Errorf("--dest %s: err = %v, diagnostics %v; want a destination error", dest, err, ds)
		}
	}
	if treeHash(t, filepath.Dir(src)) != before {
		t.Errorf("a refused build changed files")
	}
}

// TestSymlinkedDestStaysLink publishes through a link: the target is
// replaced, the link stays.
func TestSymlinkedDestStaysLink(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	target, link := filepath.Join(dir, "www", "site"), filepath.Join(dir, "public")
	os.MkdirAll(filepath.Dir(target), 0o755)
	os.Symlink(target, link)
	for _, v := range []string{"A", "B"} {
		if err := Publish(version(v), link); err != nil {
			t.Fatal(err)
		}
	}
	if st, err := os.Lstat(link); err != nil || st.Mode()&os.ModeSymlink == 0 {
		t.Fatalf("the destination is no longer a link: %v", err)
	}
	if b, _ := os.ReadFile(filepath.Join(target, "index.html")); string(b) != "B" {
		t.Errorf("the link's target holds %q", b)
	}
}

// TestConcurrentPublish runs publishes of different versions to one
// destination at once while a reader checks that the destination always
// holds a whole site; at the end it is one whole version.
// It is not parallel: it switches the package's fallback knob.
func TestConcurrentPublish(t *testing.T) {
	for _, fallback := range []bool{false, true} {
		dest := filepath.Join(t.TempDir(), "public")
		if err := Publish(version("A"), dest); err != nil {
			t.Fatal(err)
		}
		hashes := map[string]bool{}
		for _, v := range []string{"A", "B", "C", "D"} {
			hashes[versionHash(t, v)] = true
		}
		noExchange = fallback
		stop := make(chan struct{})
		var missing int
		var reader sync.WaitGroup
		reader.Go(func() {
			for {
				select {
				case <-stop:
					return
				default:
				}
				for _, f := range []string{"index.html", "404.html", MarkerFile} {
					if _, err := os.Stat(filepath.Join(dest, f)); err != nil {
						missing++
					}
				}
			}
		})
		var wg sync.WaitGroup
		for _, v := range []string{"A", "B", "C", "D"} {
			wg.Go(func() {
				for range 3 {
					if err := Publish(version(v), dest); err != nil {
						t.Error(err)
					}
				}
			})
		}
		wg.Wait()
		close(stop)
		reader.Wait()
		noExchange = false
		if !fallback && missing > 0 {
			t.Errorf("the destination lacked files %d times during exchanges", missing)
		}
		if !hashes[treeHash(t, dest)] {
			t.Errorf("fallback %v: after concurrent builds dest is not one whole version", fallback)
		}
		if left, _ := filepath.Glob(filepath.Join(filepath.Dir(dest), ".public.*-*")); len(left) > 0 {
			t.Errorf("left behind: %v", left)
		}
	}
}
