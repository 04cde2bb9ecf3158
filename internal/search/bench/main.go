// Command bench compares the site's search (internal/search and
// themes/default/search.js) with Pagefind, the usual search of static
// sites, on the same pages (make bench-search):
//
//	go run ./internal/search/bench -pagefind node_modules/.bin/pagefind -sizes 0,50
//
// For the default site (size 0) and generated corpora (internal/corpus) it
// builds the site, runs Pagefind over the same pages (the agreement,
// onderdeel and rapportage pages, their <main> only), serves both with
// gzip as a web server would, and opens each query in a fresh headless
// Chromium with an empty cache: the bytes the search fetched (index and
// code apart, compressed as sent), the time from navigation to the first
// results on screen (ours: search.js's own mark; Pagefind: the data of
// its first ten results), and how far the first five results agree.
// Timings on a shared machine are loose; bytes and results are exact.
package main

import (
	"compress/gzip"
	"context"
	"flag"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/prestatie/prestatie/internal/build"
	"github.com/prestatie/prestatie/internal/corpus"
)

func main() {
	pagefind := flag.String("pagefind", "node_modules/.bin/pagefind", "the pagefind command (npm devDependency)")
	sizes := flag.String("sizes", "0,50", "sites: 0 for the default site, N for a corpus of N agreements")
	queries := flag.String("queries", "woningen,energielabel,huurverhoging", "queries, comma-separated")
	runs := flag.Int("runs", 3, "cold runs per query and engine (the median time is printed)")
	chromium := flag.String("chromium", "/usr/bin/chromium", "the browser")
	verbose = flag.Bool("v", false, "print the first three results of each engine")
	flag.Parse()
	if err := run(*pagefind, *chromium, strings.Split(*sizes, ","), strings.Split(*queries, ","), *runs); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
}

var verbose *bool

func run(pagefind, chromium string, sizes, queries []string, runs int) error {
	tmp, err := os.MkdirTemp("", "bench-search-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(tmp)
	fmt.Println("| site | query | engine | results | index bytes (gzip) | code bytes (gzip) | requests | first results (ms, median) | first 5 shared (same titles) |")
	fmt.Println("| --- | --- | --- | --- | --- | --- | --- | --- | --- |")
	for _, size := range sizes {
		n, err := strconv.Atoi(strings.TrimSpace(size))
		if err != nil {
			return err
		}
		src, name := ".", "default"
		if n > 0 {
			src, name = filepath.Join(tmp, "corpus-"+size), size+" agreements"
			if err := corpus.Write(src, n); err != nil {
				return err
			}
		}
		dest := filepath.Join(tmp, "site-"+size)
		if _, ds, err := build.Build(build.Options{Source: src, Dest: dest, NoPDF: true}); err != nil || ds.HasErrors() {
			return fmt.Errorf("build %s: %v %v", name, err, ds)
		}
		pages, err := searchablePages(dest, filepath.Join(tmp, "pf-"+size))
		if err != nil {
			return err
		}
		start := time.Now()
		cmd := exec.Command(pagefind, "--site", pages, "--output-path", filepath.Join(dest, "pagefind"), "--root-selector", "main")
		if out, err := cmd.CombinedOutput(); err != nil {
			return fmt.Errorf("pagefind: %v\n%s", err, out)
		}
		pfTime := time.Since(start)
		if err := os.WriteFile(filepath.Join(dest, "pagefind-bench.html"), []byte(pagefindPage), 0o644); err != nil {
			return err
		}
		ours, theirs := indexSize(dest), dirSize(filepath.Join(dest, "pagefind"))
		fmt.Fprintf(os.Stderr, "%s: index on disk: ours %d files, %d bytes; Pagefind %d files, %d bytes (indexing %v)\n",
			name, ours.files, ours.bytes, theirs.files, theirs.bytes, pfTime.Round(time.Millisecond))
		log := &counter{}
		srv := httptest.NewServer(log.wrap(gzipped(http.FileServer(http.Dir(dest)))))
		for _, q := range queries {
			var res [2]result
			for i, engine := range []string{"prestatie", "Pagefind"} {
				var times []float64
				for range runs {
					r, err := measure(chromium, srv.URL, engine, q, log)
					if err != nil {
						srv.Close()
						return fmt.Errorf("%s %s %q: %w", name, engine, q, err)
					}
					res[i] = r
					times = append(times, r.ms)
				}
				res[i].ms = median(times)
			}
			if *verbose {
				for i, engine := range []string{"prestatie", "Pagefind"} {
					for k := range min(3, len(res[i].urls)) {
						fmt.Fprintf(os.Stderr, "  %s %q %s #%d %s: %.100s\n", name, q, engine, k+1, res[i].urls[k], res[i].quotes[k])
					}
				}
			}
			shared, of := overlap(res[0].urls, res[1].urls, 5, pagePath)
			titles, _ := overlap(res[0].titles, res[1].titles, 5, strings.TrimSpace)
			for i, engine := range []string{"prestatie", "Pagefind"} {
				r := res[i]
				fmt.Printf("| %s | %s | %s | %d | %d | %d | %d | %.0f | %s |\n", name, q, engine, r.count, r.index, r.code, r.requests, r.ms,
					map[bool]string{true: fmt.Sprintf("%d of %d (titles %d)", shared, of, titles), false: ""}[i == 0])
			}
		}
		srv.Close()
	}
	return nil
}

// searchablePages copies the pages our index holds (agreement, onderdeel
// and rapportage pages) into dir, for Pagefind to index the same pages.
func searchablePages(site, dir string) (string, error) {
	kind := regexp.MustCompile(`<body class="page-(agreement|section|report)"`)
	err := filepath.WalkDir(site, func(p string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(p, ".html") {
			return err
		}
		b, err := os.ReadFile(p)
		if err != nil || !kind.Match(b) {
			return err
		}
		rel, _ := filepath.Rel(site, p)
		out := filepath.Join(dir, rel)
		if err := os.MkdirAll(filepath.Dir(out), 0o755); err != nil {
			return err
		}
		return os.WriteFile(out, b, 0o644)
	})
	return dir, err
}

// pagefindPage runs a Pagefind search the way its own UI does: load the
// library, search, load the first ten results' data; the mark is set when
// the first result's data is in.
const pagefindPage = `<!DOCTYPE html><html lang="nl"><head><meta charset="utf-8"><title>Pagefind</title></head><body>
<script type="module">
const q = new URLSearchParams(location.search).get("q");
const pf = await import("/pagefind/pagefind.js");
const s = await pf.search(q);
const all = s.results.slice(0, 10).map(r => r.data());
if (all.length) await all[0];
performance.mark("pagefind-results");
const top = await Promise.all(all);
window.benchResult = {count: s.results.length, urls: top.map(d => d.url), titles: top.map(d => d.meta.title),
  quotes: top.map(d => d.excerpt.replace(/<[^>]*>/g, ""))};
window.benchDone = true;
</script></body></html>`

type result struct {
	count, requests int
	index, code     int64
	ms              float64
	urls, titles    []string
	quotes          []string
}

func measure(chromium, base, engine, q string, log *counter) (result, error) {
	opts := append(chromedp.DefaultExecAllocatorOptions[:], chromedp.ExecPath(chromium), chromedp.Headless, chromedp.NoSandbox, chromedp.DisableGPU)
	actx, cancelA := chromedp.NewExecAllocator(context.Background(), opts...)
	defer cancelA()
	ctx, cancel := chromedp.NewContext(actx)
	defer cancel()
	ctx, cancelT := context.WithTimeout(ctx, 60*time.Second)
	defer cancelT()
	if err := chromedp.Do(ctx); err != nil { // a fresh browser: an empty cache
		return result{}, err
	}
	var url, mark, done, urls, titles, quotes, count string
	switch engine {
	case "prestatie":
		url, mark = base+"/zoeken/?q="+q, "zoeken-resultaten"
		// All results shown: the button for more, or fewer than ten.
		done = `(() => { const n = document.querySelectorAll('.search-results > li').length; return n === Math.min(10, parseInt(document.querySelector('[data-search-status]').textContent) || 0); })()`
		urls = `[...document.querySelectorAll('.search-results > li a')].slice(0, 10).map(a => a.getAttribute('href'))`
		titles = `[...document.querySelectorAll('.search-results > li a')].slice(0, 10).map(a => a.textContent)`
		quotes = `[...document.querySelectorAll('.search-results > li > p:last-child')].slice(0, 10).map(p => p.textContent)`
		count = `parseInt(document.querySelector('[data-search-status]').textContent) || 0`
	default:
		url, mark, done = base+"/pagefind-bench.html?q="+q, "pagefind-results", `window.benchDone === true`
		urls, titles, quotes, count = `window.benchResult.urls`, `window.benchResult.titles`, `window.benchResult.quotes`, `window.benchResult.count`
	}
	wait := fmt.Sprintf(`performance.getEntriesByName(%q).length > 0 && %s`, mark, done)
	var r result
	log.take()
	if err := chromedp.Do(ctx, chromedp.Navigate(url), chromedp.Poll[chromedp.Void](wait)); err != nil {
		return r, err
	}
	ms, err := chromedp.Run(ctx, chromedp.Evaluate[float64](fmt.Sprintf(`performance.getEntriesByName(%q)[0].startTime`, mark)))
	if err != nil {
		return r, err
	}
	r.ms = ms
	if r.urls, err = chromedp.Run(ctx, chromedp.Evaluate[[]string](urls)); err != nil {
		return r, err
	}
	if r.titles, err = chromedp.Run(ctx, chromedp.Evaluate[[]string](titles)); err != nil {
		return r, err
	}
	if r.quotes, err = chromedp.Run(ctx, chromedp.Evaluate[[]string](quotes)); err != nil {
		return r, err
	}
	if r.count, err = chromedp.Run(ctx, chromedp.Evaluate[int](count)); err != nil {
		return r, err
	}
	// What the server sent, worker requests (Pagefind's) included.
	for _, e := range log.take() {
		switch {
		case strings.Contains(e.path, "/assets/search.") || strings.HasSuffix(e.path, "pagefind.js") || strings.HasSuffix(e.path, ".wasm") || strings.Contains(e.path, ".pagefind"):
			r.code += e.bytes
		case strings.HasPrefix(e.path, "/zoeken/") && e.path != "/zoeken/" || strings.HasPrefix(e.path, "/pagefind/"):
			r.index += e.bytes
		default:
			continue // the page itself, its style sheet and favicon
		}
		r.requests++
	}
	return r, nil
}

// overlap counts the items among the first n of a that are among the
// first n of b (each counted once), as norm makes them, and says out of
// how many (n, or fewer when either has fewer).
func overlap(a, b []string, n int, norm func(string) string) (int, int) {
	in := map[string]int{}
	for _, u := range b[:min(n, len(b))] {
		in[norm(u)]++
	}
	k := 0
	for _, u := range a[:min(n, len(a))] {
		if in[norm(u)] > 0 {
			in[norm(u)]--
			k++
		}
	}
	return k, min(n, len(a), len(b))
}

// pagePath is a result's page: anchor and index.html left out.
func pagePath(u string) string {
	u, _, _ = strings.Cut(u, "#")
	return strings.TrimSuffix(strings.TrimPrefix(u, "/"), "index.html")
}

func median(xs []float64) float64 {
	s := append([]float64(nil), xs...)
	for i := range s {
		for j := i + 1; j < len(s); j++ {
			if s[j] < s[i] {
				s[i], s[j] = s[j], s[i]
			}
		}
	}
	return s[len(s)/2]
}

type size struct {
	files int
	bytes int64
}

// indexSize is the size of our index in the site dest: the JSON files in
// zoeken/ and in every agreement's zoeken/ (internal/search).
func indexSize(dest string) size {
	var s size
	filepath.WalkDir(dest, func(p string, d os.DirEntry, err error) error {
		rel, _ := filepath.Rel(dest, p)
		if err == nil && !d.IsDir() && strings.HasSuffix(p, ".json") && strings.Contains("/"+filepath.ToSlash(rel), "/zoeken/") {
			if fi, err := d.Info(); err == nil {
				s.files++
				s.bytes += fi.Size()
			}
		}
		return nil
	})
	return s
}

func dirSize(dir string) size {
	var s size
	filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			if fi, err := d.Info(); err == nil {
				s.files++
				s.bytes += fi.Size()
			}
		}
		return nil
	})
	return s
}

// counter records the bytes of every answer as sent (compressed).
type counter struct {
	mu  sync.Mutex
	log []sent
}

type sent struct {
	path  string
	bytes int64
}

func (c *counter) wrap(h http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		cw := &countingWriter{ResponseWriter: w}
		h.ServeHTTP(cw, r)
		c.mu.Lock()
		c.log = append(c.log, sent{r.URL.Path, cw.n})
		c.mu.Unlock()
	})
}

func (c *counter) take() []sent {
	c.mu.Lock()
	defer c.mu.Unlock()
	l := c.log
	c.log = nil
	return l
}

type countingWriter struct {
	http.ResponseWriter
	n int64
}

func (w *countingWriter) Write(b []byte) (int, error) {
	n, err := w.ResponseWriter.Write(b)
	w.n += int64(n)
	return n, err
}

// gzipped compresses text answers as a web server would; Pagefind's index
// files are compressed by Pagefind itself and go as they are.
func gzipped(h http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		ext := filepath.Ext(r.URL.Path)
		text := ext == ".json" || ext == ".js" || ext == ".css" || ext == ".html" || strings.HasSuffix(r.URL.Path, "/")
		if !text || !strings.Contains(r.Header.Get("Accept-Encoding"), "gzip") {
			h.ServeHTTP(w, r)
			return
		}
		w.Header().Set("Content-Encoding", "gzip")
		w.Header().Del("Content-Length")
		gz := gzip.NewWriter(w)
		defer gz.Close()
		h.ServeHTTP(gzipWriter{w, gz}, r)
	})
}

type gzipWriter struct {
	http.ResponseWriter
	w io.Writer
}

func (g gzipWriter) Write(b []byte) (int, error) { return g.w.Write(b) }
