package e2e

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/log"
	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"

	"github.com/prestatie/prestatie/internal/build"
)

// chromium is the browser the tests drive: Debian's package.
const chromium = "/usr/bin/chromium"

// basePath is the sub-path the test sites are built for and served under,
// so that every link and asset must respect the base URL.
const basePath = "/sub/pad/"

// csp is sent with every page: no inline script, no eval, nothing from
// another origin. A page that breaks it gets console errors, which fail the
// test. (Styles need 'unsafe-inline': ECharts' SVG renderer writes style
// attributes. Scripts stay strict.)
const csp = "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; object-src 'none'; base-uri 'none'"

// needBrowser skips the test when Chromium is missing, except under CI
// (CI=true), where a missing browser is a failure.
func needBrowser(t *testing.T) {
	t.Helper()
	if testing.Short() {
		t.Skip("browser test; skipped with -short")
	}
	if _, err := os.Stat(chromium); err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatalf("%s is missing; .ci/run should have installed it (apt-get install -y chromium)", chromium)
		}
		t.Skipf("%s is missing: install it to run the browser tests (apt-get install -y chromium)", chromium)
	}
}

// buildSite builds the site in src into a temporary folder for basePath and
// returns the folder.
func buildSite(t *testing.T, src string) string {
	t.Helper()
	dest := filepath.Join(t.TempDir(), "site")
	if _, ds, err := build.Build(build.Options{Source: src, Dest: dest, BaseURL: basePath}); err != nil || ds.HasErrors() {
		t.Fatalf("build %s: %v %v", src, err, ds)
	}
	return dest
}

// serve serves dir under basePath on 127.0.0.1 with the CSP header, and
// returns the server. The browser's own request for /favicon.ico gets an
// empty answer, so that its 404 does not show up as a console error.
func serve(t *testing.T, dir string) *httptest.Server {
	t.Helper()
	return serveWith(t, dir, "Content-Security-Policy")
}

// serveWith serves dir like serve, with the policy csp in the header
// cspHeader: "Content-Security-Policy" to enforce it, or
// "Content-Security-Policy-Report-Only" to let everything run and only
// report what the policy would block. A path that is not in dir gets the
// site's 404.html with status 404, as a web server set up for the site
// would answer.
func serveWith(t *testing.T, dir, cspHeader string) *httptest.Server {
	t.Helper()
	files := http.StripPrefix(strings.TrimSuffix(basePath, "/"), http.FileServer(http.Dir(dir)))
	mux := http.NewServeMux()
	mux.HandleFunc("/favicon.ico", func(w http.ResponseWriter, r *http.Request) { w.WriteHeader(http.StatusNoContent) })
	mux.Handle(basePath, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set(cspHeader, csp)
		rel := filepath.FromSlash(strings.TrimPrefix(r.URL.Path, basePath))
		if _, err := os.Stat(filepath.Join(dir, rel)); err != nil && !strings.Contains(rel, "..") {
			page, err := os.ReadFile(filepath.Join(dir, "404.html"))
			if err != nil {
				http.Error(w, err.Error(), http.StatusInternalServerError)
				return
			}
			w.Header().Set("Content-Type", "text/html; charset=utf-8")
			w.WriteHeader(http.StatusNotFound)
			w.Write(page)
			return
		}
		files.ServeHTTP(w, r)
	}))
	srv := httptest.NewServer(mux) // listens on 127.0.0.1
	t.Cleanup(srv.Close)
	return srv
}

// newBrowser starts Chromium with a fresh profile and returns a context for
// one tab. The browser ends with the test.
func newBrowser(t *testing.T) context.Context {
	t.Helper()
	opts := append(chromedp.DefaultExecAllocatorOptions[:],
		chromedp.ExecPath(chromium),
		chromedp.Headless,
		chromedp.NoSandbox, // the tests may run as root in a container
		chromedp.DisableGPU,
		chromedp.NoFirstRun,
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.UserDataDir(t.TempDir()),
	)
	allocCtx, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
	ctx, cancel := chromedp.NewContext(allocCtx)
	t.Cleanup(func() { cancel(); cancelAlloc() })
	if err := chromedp.Do(ctx); err != nil { // starts the browser without a deadline
		t.Fatalf("start %s: %v", chromium, err)
	}
	return ctx
}

// recorder collects, for the pages a tab opens, every console message of
// level error, every uncaught exception, every request that failed (an
// answer of 400 or more, or no answer) and every request URL.
type recorder struct {
	mu       sync.Mutex
	problems []string
	requests []string
	urls     map[network.RequestID]string
}

func record(t *testing.T, ctx context.Context) *recorder {
	t.Helper()
	r := &recorder{urls: map[network.RequestID]string{}}
	err := chromedp.Listen(ctx, func(ev any) {
		r.mu.Lock()
		defer r.mu.Unlock()
		switch ev := ev.(type) {
		case *runtime.EventExceptionThrown:
			d := ev.ExceptionDetails
			msg := d.Text
			if d.Exception != nil {
				msg += " " + d.Exception.Description
			}
			r.problems = append(r.problems, "exception: "+msg)
		case *runtime.EventConsoleAPICalled:
			if ev.Type == runtime.ConsoleAPICalledTypeError || ev.Type == runtime.ConsoleAPICalledTypeAssert {
				var parts []string
				for _, a := range ev.Args {
					parts = append(parts, string(a.Value)+a.Description)
				}
				r.problems = append(r.problems, "console."+string(ev.Type)+": "+strings.Join(parts, " "))
			}
		case *log.EventEntryAdded:
			if ev.Entry.Level == log.EntryLevelError {
				r.problems = append(r.problems, "log: "+ev.Entry.Text+" "+ev.Entry.URL)
			}
		case *network.EventRequestWillBeSent:
			r.requests = append(r.requests, ev.Request.URL)
			r.urls[ev.RequestID] = ev.Request.URL
		case *network.EventResponseReceived:
			if ev.Response.Status >= 400 {
				r.problems = append(r.problems, fmt.Sprintf("failed request: %d %s", ev.Response.Status, ev.Response.URL))
			}
		case *network.EventLoadingFailed:
			if !ev.Canceled { // a load cut short by the next navigation is no failure
				r.problems = append(r.problems, fmt.Sprintf("failed request: %s %s", ev.ErrorText, r.urls[ev.RequestID]))
			}
		}
	})
	if err != nil {
		t.Fatal(err)
	}
	return r
}

// take returns what was recorded since the last call and starts afresh.
func (r *recorder) take() (problems, requests []string) {
	r.mu.Lock()
	defer r.mu.Unlock()
	problems, requests = r.problems, r.requests
	r.problems, r.requests = nil, nil
	return problems, requests
}

// checkRequests fails for a request to another host than the test server,
// or outside the base path (the browser's /favicon.ico aside).
func checkRequests(t *testing.T, page string, srv *httptest.Server, requests []string) {
	t.Helper()
	host := strings.TrimPrefix(srv.URL, "http://")
	for _, raw := range requests {
		u, err := url.Parse(raw)
		if err != nil {
			t.Errorf("%s: request to unparsable URL %q", page, raw)
			continue
		}
		switch {
		case u.Scheme == "data" || u.Scheme == "blob" || u.Scheme == "about":
		case u.Host != host:
			t.Errorf("%s: request to another host: %s", page, raw)
		case u.Path != "/favicon.ico" && !strings.HasPrefix(u.Path, basePath):
			t.Errorf("%s: request outside the base path %s: %s", page, basePath, raw)
		}
	}
}

// pagesWith lists the built HTML pages (paths below basePath) whose source
// contains marker.
func pagesWith(t *testing.T, dir, marker string) []string {
	t.Helper()
	var pages []string
	err := filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(p, ".html") {
			return err
		}
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		if strings.Contains(string(b), marker) {
			rel, _ := filepath.Rel(dir, p)
			rel = filepath.ToSlash(rel)
			pages = append(pages, strings.TrimSuffix(rel, "index.html"))
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return pages
}

// timeout bounds one page's checks; the browser itself lives for the test.
func timeout(ctx context.Context) (context.Context, context.CancelFunc) {
	return context.WithTimeout(ctx, 30*time.Second)
}
