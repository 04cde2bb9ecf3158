package build

import (
	"bytes"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// A fuzz input is a site as an archive: "-- name --" lines start files, a
// file whose text starts with "symlink:" becomes a link to the rest of
// that line.
func parseArchive(data []byte) map[string][]byte {
	files := map[string][]byte{}
	name := ""
	for _, line := range bytes.SplitAfter(data, []byte("\n")) {
		s := strings.TrimSpace(string(line))
		if strings.HasPrefix(s, "-- ") && strings.HasSuffix(s, " --") && len(s) > 6 {
			name = strings.TrimSpace(s[3 : len(s)-3])
			files[name] = nil
			continue
		}
		if name != "" {
			files[name] = append(files[name], line...)
		}
	}
	return files
}

func archive(t testing.TB, dir string) []byte {
	var b bytes.Buffer
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || d.Name() == "want.txt" {
			return err
		}
		rel, _ := filepath.Rel(dir, p)
		if d.Type()&fs.ModeSymlink != 0 {
			target, err := os.Readlink(p)
			b.WriteString("-- " + filepath.ToSlash(rel) + " --\nsymlink:" + target + "\n")
			return err
		}
		data, err := os.ReadFile(p)
		b.WriteString("-- " + filepath.ToSlash(rel) + " --\n")
		b.Write(data)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// FuzzBuild runs whole builds of arbitrary sites: content, configuration
// and theme files in, a published site or positioned diagnostics out; never
// a panic, never a failure that is not the content's, and nothing written
// outside the destination.
func FuzzBuild(f *testing.F) {
	broken := "../content/testdata/broken"
	base := archive(f, filepath.Join(broken, "_base"))
	f.Add(base)
	entries, _ := os.ReadDir(broken)
	for _, e := range entries {
		if e.IsDir() && e.Name() != "_base" && e.Name() != "file-size" {
			f.Add(append(append([]byte{}, base...), archive(f, filepath.Join(broken, e.Name()))...))
		}
	}
	f.Add([]byte("-- prestatie.yaml --\ntheme: eigen\n-- themes/eigen/style.css --\nsymlink:../../content\n" + string(base)))
	f.Fuzz(func(t *testing.T, data []byte) {
		root := t.TempDir()
		src := filepath.Join(root, "site")
		os.Mkdir(src, 0o755)
		for name, body := range parseArchive(data) {
			top, _, _ := strings.Cut(name, "/")
			if !filepath.IsLocal(name) || (top != "content" && top != "themes" && name != "prestatie.yaml") {
				continue
			}
			p := filepath.Join(src, filepath.FromSlash(name))
			if os.MkdirAll(filepath.Dir(p), 0o755) != nil {
				continue
			}
			if target, ok := strings.CutPrefix(string(body), "symlink:"); ok {
				os.Symlink(strings.TrimSpace(target), p)
			} else {
				os.WriteFile(p, body, 0o644)
			}
		}
		before := treeHash(t, root)
		dest := filepath.Join(src, "public")
		_, ds, err := Build(Options{Source: src, Dest: dest, NoPDF: len(data)%4 != 0})
		if err != nil {
			t.Fatalf("a failure that is not a content error: %v", err)
		}
		for _, d := range ds {
			if d.Pos.File == "" || d.Msg == "" {
				t.Fatalf("diagnostic without a file: %+v", d)
			}
		}
		// Only the destination, its lock and its cache (CacheDir) and
		// nothing else may have changed.
		os.RemoveAll(dest)
		os.RemoveAll(CacheDir(dest))
		os.Remove(filepath.Join(src, ".public.lock"))
		if treeHash(t, root) != before {
			t.Fatalf("the build changed files outside its destination")
		}
	})
}
