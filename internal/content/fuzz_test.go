package content

import (
	"os"
	"path/filepath"
	"testing"
	"testing/fstest"
)

// seedFiles adds every Markdown file of the default site and the broken
// corpus to a fuzz corpus.
func seedFiles(f *testing.F) {
	for _, pat := range []string{"../../content/*/*.md", "../../content/*/*/*.md", "testdata/broken/*/content/*/*/*.md", "testdata/broken/*/content/*/*.md"} {
		files, _ := filepath.Glob(pat)
		for _, p := range files {
			if data, err := os.ReadFile(p); err == nil {
				f.Add(data)
			}
		}
	}
}

func FuzzSplit(f *testing.F) {
	seedFiles(f)
	f.Fuzz(func(t *testing.T, src []byte) {
		fm, body, fmLine, bodyLine, err := Split(src)
		if err != nil {
			return
		}
		if fmLine != 2 || bodyLine < fmLine+1 || len(fm)+len(body) > len(src) {
			t.Fatalf("inconsistent split: %d %d %d %d of %d", len(fm), len(body), fmLine, bodyLine, len(src))
		}
	})
}

// FuzzLoad feeds arbitrary afspraak files to the loader: it must never
// panic, and every diagnostic must carry a position in a file.
func FuzzLoad(f *testing.F) {
	seedFiles(f)
	base := siteFSForFuzz()
	f.Fuzz(func(t *testing.T, src []byte) {
		m := fstest.MapFS{}
		for k, v := range base {
			m[k] = v
		}
		m["content/test-2024/thema/nieuwbouw.md"] = &fstest.MapFile{Data: src}
		_, ds := Load(m, Options{})
		for _, d := range ds {
			if d.Pos.File == "" || d.Msg == "" {
				t.Fatalf("diagnostic without position or message: %+v", d)
			}
		}
	})
}

func siteFSForFuzz() fstest.MapFS {
	m := fstest.MapFS{}
	for _, p := range []string{"content/test-2024/_index.md", "content/test-2024/thema/_index.md"} {
		data, _ := os.ReadFile(filepath.Join("testdata/broken/_base", p))
		m[p] = &fstest.MapFile{Data: data}
	}
	return m
}
