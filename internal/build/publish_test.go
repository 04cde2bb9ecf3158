package build

import (
	"bytes"
	"crypto/sha256"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/prestatie/prestatie/internal/site"
)

// copyDir copies the default site's inputs into a temporary site folder.
func copySite(t testing.TB) string {
	t.Helper()
	dir := t.TempDir()
	for _, p := range []string{"prestatie.yaml", "content"} {
		err := filepath.WalkDir(filepath.Join(root, p), func(path string, d fs.DirEntry, err error) error {
			if err != nil || d.IsDir() {
				return err
			}
			rel, _ := filepath.Rel(root, path)
			data, err := os.ReadFile(path)
			if err != nil {
				return err
			}
			os.MkdirAll(filepath.Join(dir, filepath.Dir(rel)), 0o755)
			return os.WriteFile(filepath.Join(dir, rel), data, 0o644)
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

// treeHash fingerprints every file and its path below dir.
func treeHash(t testing.TB, dir string) string {
	t.Helper()
	h := sha256.New()
	err := filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(dir, path)
		fmt.Fprintf(h, "%s %v\n", rel, d.IsDir())
		if d.Type()&fs.ModeSymlink != 0 {
			target, err := os.Readlink(path)
			fmt.Fprintf(h, "-> %s\n", target)
			return err
		}
		if !d.IsDir() {
			data, err := os.ReadFile(path)
			if err != nil {
				return err
			}
			h.Write(data)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return fmt.Sprintf("%x", h.Sum(nil))
}

func TestFailedBuildKeepsPreviousOutput(t *testing.T) {
	t.Parallel()
	src := copySite(t)
	dest := filepath.Join(src, "public")
	if _, ds, err := Build(Options{Source: src}); err != nil || len(ds) > 0 {
		t.Fatalf("first build: %v %v", err, ds)
	}
	before := treeHash(t, dest)

	f := filepath.Join(src, "content/alphen-chaam-2023-2024/beschikbaarheid/nieuwbouw.md")
	data, _ := os.ReadFile(f)
	broken := strings.Replace(string(data), "party: leystromen", "party: leystroom", 1)
	broken = strings.Replace(broken, "order: 2", "order: twee", 1)
	os.WriteFile(f, []byte(broken), 0o644)

	_, ds, err := Build(Options{Source: src})
	if err != nil {
		t.Fatal(err)
	}
	if n := len(ds.Errors()); n != 2 {
		t.Errorf("want 2 errors, one per mistake; got:\n%v", ds)
	}
	if after := treeHash(t, dest); after != before {
		t.Errorf("a failed build changed the previous output")
	}
	if left, _ := filepath.Glob(filepath.Join(src, ".public.*-*")); len(left) > 0 {
		t.Errorf("temporary folders left behind: %v", left)
	}
}

func TestPublishReplacesOutput(t *testing.T) {
	t.Parallel()
	dest := filepath.Join(t.TempDir(), "out")
	if err := Publish([]site.File{{Path: "a.html", Data: []byte("1")}, {Path: "old/b.html", Data: []byte("2")}}, dest); err != nil {
		t.Fatal(err)
	}
	if err := Publish([]site.File{{Path: "a.html", Data: []byte("3")}}, dest); err != nil {
		t.Fatal(err)
	}
	if b, _ := os.ReadFile(filepath.Join(dest, "a.html")); string(b) != "3" {
		t.Errorf("a.html = %q", b)
	}
	if _, err := os.Stat(filepath.Join(dest, "old")); !os.IsNotExist(err) {
		t.Errorf("files of the previous build remain")
	}
	if err := Publish([]site.File{{Path: "../escape.html"}}, dest); err == nil {
		t.Errorf("a path outside the output folder was accepted")
	}
}

// TestPublishRecoversInterruptedSwap simulates a build killed between its
// two renames: the previous output sits in an .old- folder and dest is gone.
func TestPublishRecoversInterruptedSwap(t *testing.T) {
	t.Parallel()
	parent := t.TempDir()
	dest := filepath.Join(parent, "public")
	if err := Publish([]site.File{{Path: "a.html", Data: []byte("vorige")}}, dest); err != nil {
		t.Fatal(err)
	}
	os.Rename(dest, filepath.Join(parent, ".public.old-123"))
	os.Mkdir(filepath.Join(parent, ".public.new-456"), 0o755) // half-written new output
	Recover(dest)
	if b, err := os.ReadFile(filepath.Join(dest, "a.html")); err != nil || string(b) != "vorige" {
		t.Errorf("previous output not restored: %q %v", b, err)
	}
	if left, _ := filepath.Glob(filepath.Join(parent, ".public.*-*")); len(left) > 0 {
		t.Errorf("left behind: %v", left)
	}
}

// Build streams pages and PDFs into the temporary folder as they are made;
// what it publishes is byte for byte what Render makes in memory, a static
// file that clashes with a streamed page still stops it, and a failed build
// leaves no temporary folder.
func TestStreamedBuildEqualsRender(t *testing.T) {
	t.Parallel()
	src := copySite(t)
	dest := filepath.Join(src, "public")
	sum, ds, err := Build(Options{Source: src})
	if err != nil || len(ds) > 0 {
		t.Fatalf("build: %v %v", err, ds)
	}
	out, _, ds, err := Render(os.DirFS(src), Options{Source: src}, "")
	if err != nil || len(ds) > 0 {
		t.Fatalf("render: %v %v", err, ds)
	}
	if sum.Files != len(out.Files) || sum.Pages != out.Pages {
		t.Errorf("build counted %d files, %d pages; render made %d, %d", sum.Files, sum.Pages, len(out.Files), out.Pages)
	}
	want := map[string][]byte{MarkerFile: []byte(markerText)}
	for _, f := range out.Files {
		want[f.Path] = f.Data
	}
	got := 0
	filepath.WalkDir(dest, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		got++
		rel, _ := filepath.Rel(dest, p)
		data, _ := os.ReadFile(p)
		if w, ok := want[filepath.ToSlash(rel)]; !ok {
			t.Errorf("build wrote %s, which render does not make", rel)
		} else if !bytes.Equal(data, w) {
			t.Errorf("%s differs between build and render", rel)
		}
		return nil
	})
	if got != len(want) {
		t.Errorf("build wrote %d files, want %d", got, len(want))
	}

	before := treeHash(t, dest)
	os.MkdirAll(filepath.Join(src, "static"), 0o755)
	os.WriteFile(filepath.Join(src, "static", "index.html"), []byte("eigen"), 0o644)
	if _, ds, err := Build(Options{Source: src}); err != nil || !strings.Contains(ds.Error(), "index.html maakt prestatie zelf") {
		t.Fatalf("clash: %v %v", err, ds)
	}
	if treeHash(t, dest) != before {
		t.Error("a build stopped by a clash changed the previous output")
	}
	if left, _ := filepath.Glob(filepath.Join(src, ".public.*-*")); len(left) > 0 {
		t.Errorf("temporary folders left behind: %v", left)
	}
}
