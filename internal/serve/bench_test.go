package serve

import (
	"bytes"
	"context"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"testing"
	"time"

	"github.com/prestatie/prestatie/internal/corpus"
)

// BenchmarkEditToReload measures, on a copy of the default site, the time
// from saving one afspraak file to the event that tells open pages to
// reload: the watcher, the pause for more changes (Debounce), the whole
// rebuild of the pages and the swap. The PDFs are rendered after the
// reload event (a request for one waits for them) and are not counted.
func BenchmarkEditToReload(b *testing.B) {
	dir := b.TempDir()
	if err := os.CopyFS(filepath.Join(dir, "content"), os.DirFS("../../content")); err != nil {
		b.Fatal(err)
	}
	cfg, err := os.ReadFile("../../prestatie.yaml")
	if err != nil {
		b.Fatal(err)
	}
	os.WriteFile(filepath.Join(dir, "prestatie.yaml"), cfg, 0o644)
	file := filepath.Join(dir, "content", "alphen-chaam-2023-2024", "beschikbaarheid", "nieuwbouw.md")
	src, err := os.ReadFile(file)
	if err != nil {
		b.Fatal(err)
	}
	s, ch := watching(b, Options{Source: dir, Log: benchLog})
	b.ResetTimer()
	for i := range b.N {
		edited := bytes.Replace(src, []byte("title: Nieuwbouw"), []byte("title: Nieuwbouw "+string(rune('a'+i%26))), 1)
		if err := os.WriteFile(file, edited, 0o644); err != nil {
			b.Fatal(err)
		}
		if st := next(b, ch); len(st.Errors) > 0 {
			b.Fatal(st.Errors)
		}
		// The PDFs follow the reload; an editor does not save again
		// within those few milliseconds.
		b.StopTimer()
		s.WaitPDF(context.Background())
		time.Sleep(10 * time.Millisecond)
		b.StartTimer()
	}
}

// BenchmarkEditToReloadCorpus is BenchmarkEditToReload on a generated
// corpus (internal/corpus) of PRESTATIE_BENCH_AGREEMENTS agreements (50
// by default; make bench-scale's sizes are 50, 200 and 800): one afspraak
// of one agreement changes, so the rebuild reads and renders that one
// agreement and the files of the whole site (home page, feeds, sitemap),
// and takes the others from its cache. The first, cold build is not
// counted.
//
//	PRESTATIE_BENCH_AGREEMENTS=800 go test ./internal/serve -run '^$' -bench EditToReloadCorpus -benchtime 5x
func BenchmarkEditToReloadCorpus(b *testing.B) {
	n := 50
	if v, err := strconv.Atoi(os.Getenv("PRESTATIE_BENCH_AGREEMENTS")); err == nil && v > 0 {
		n = v
	}
	dir := b.TempDir()
	if err := corpus.Write(dir, n); err != nil {
		b.Fatal(err)
	}
	ents, err := os.ReadDir(filepath.Join(dir, "content"))
	if err != nil {
		b.Fatal(err)
	}
	file := filepath.Join(dir, "content", ents[len(ents)/2].Name(), "beschikbaarheid", "nieuwbouw.md")
	src, err := os.ReadFile(file)
	if err != nil {
		b.Fatal(err)
	}
	s, ch := watching(b, Options{Source: dir, Log: benchLog})
	s.WaitPDF(context.Background()) // the cold build's
	b.ResetTimer()
	for i := range b.N {
		edited := bytes.Replace(src, []byte("title: Nieuwbouw"), []byte("title: Nieuwbouw "+strconv.Itoa(i)), 1)
		if err := os.WriteFile(file, edited, 0o644); err != nil {
			b.Fatal(err)
		}
		if st := next(b, ch); len(st.Errors) > 0 {
			b.Fatal(st.Errors)
		}
		b.StopTimer()
		s.WaitPDF(context.Background())
		time.Sleep(10 * time.Millisecond)
		b.StartTimer()
	}
}

var benchLog = io.Discard
