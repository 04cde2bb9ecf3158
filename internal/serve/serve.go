// Package serve is the preview server of prestatie serve: it builds the
// site in memory, serves it on a loopback address with the production
// Content-Security-Policy, watches the site folder and rebuilds on every
// change, and tells open pages to reload once the new build is in place.
// When the content has errors the last good build stays served and the
// pages show the errors in an overlay.
package serve

import (
	"bytes"
	"context"
	"embed"
	"encoding/json"
	"fmt"
	"io"
	"maps"
	"mime"
	"net"
	"net/http"
	"os"
	"path"
	"strings"
	"sync"
	"time"

	"github.com/prestatie/prestatie/internal/build"
	"github.com/prestatie/prestatie/internal/diag"
	"github.com/prestatie/prestatie/internal/site"
)

// CSP is the Content-Security-Policy the site is built for; the preview
// serves every response with it, so a page that works here works in
// production. (The docs give it for the web server.)
const CSP = "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; object-src 'none'; base-uri 'none'"

// prefix is where the preview's own files live; no site file can be there
// (content names cannot start with "_").
const prefix = "/_prestatie/"

//go:embed assets
var assets embed.FS

// Options steer the preview.
type Options struct {
	Source string // site folder
	Drafts bool   // show drafts (with their marker)
	Log    io.Writer
	Quiet  bool // log errors only
	// Debounce is how long to wait after a change for more changes (an
	// editor saving several files); default 20ms.
	Debounce time.Duration
}

// Server holds the last good build and the state of the current one.
type Server struct {
	opt Options

	mu     sync.RWMutex
	files  map[string][]byte // the last good build, by path
	good   bool              // files holds a build
	errs   []diag.Record     // errors of the latest build; nil when it was good
	builds int               // good builds so far: the version pages reload on
	subs   map[chan []byte]struct{}
	// pdfs is closed once the PDFs of the served build are in files.
	pdfs chan struct{}
	// cache keeps what the builds read and rendered, so that a rebuild
	// reads and renders only the agreements whose files changed.
	cache build.MemCache
}

// New makes a server for the site in opt.Source and builds it once.
func New(opt Options) *Server {
	if opt.Log == nil {
		opt.Log = io.Discard
	}
	if opt.Debounce == 0 {
		opt.Debounce = 20 * time.Millisecond
	}
	s := &Server{opt: opt, subs: map[chan []byte]struct{}{}}
	s.Rebuild()
	return s
}

// Rebuild builds the site in memory. A good build replaces the served
// files; a build with errors keeps them and shows the errors. Either way
// the open pages are told once it is done, never before.
func (s *Server) Rebuild() {
	start := time.Now()
	var pdfs func() ([]site.File, error)
	out, _, ds, err := build.Render(os.DirFS(s.opt.Source), build.Options{
		Source: s.opt.Source, Drafts: s.opt.Drafts, BaseURL: "/", Cache: &s.cache,
		// The pages first; the PDFs follow (a request for one waits).
		LatePDF: func(f func() ([]site.File, error)) { pdfs = f },
	}, displayPrefix(s.opt.Source))
	for _, d := range ds {
		if d.Severity == diag.Warning {
			fmt.Fprintln(s.opt.Log, d)
		}
	}
	s.mu.Lock()
	switch {
	case ds.HasErrors() || err != nil:
		s.errs = ds.Errors().Records()
		if err != nil {
			s.errs = append(s.errs, diag.Record{Severity: "error", Message: err.Error(), Text: err.Error()})
		}
		for _, r := range s.errs {
			fmt.Fprintln(s.opt.Log, r.Text)
		}
		fmt.Fprintf(s.opt.Log, "%d %s; de vorige versie blijft te zien\n", len(s.errs), plural(len(s.errs), "fout", "fouten"))
	default:
		files := make(map[string][]byte, len(out.Files))
		for _, f := range out.Files {
			files[f.Path] = f.Data
		}
		s.files, s.good, s.errs = files, true, nil
		s.builds++
		s.pdfs = make(chan struct{})
		if pdfs != nil {
			go s.addPDFs(s.builds, s.pdfs, pdfs)
		} else {
			close(s.pdfs)
		}
		if !s.opt.Quiet {
			fmt.Fprintf(s.opt.Log, "gebouwd: %d pagina's in %s\n", out.Pages, time.Since(start).Round(time.Millisecond))
		}
	}
	msg := s.stateLocked()
	for ch := range s.subs {
		select {
		case ch <- msg:
		default: // a slow client gets the next state instead
			select {
			case <-ch:
			default:
			}
			ch <- msg
		}
	}
	s.mu.Unlock()
}

// addPDFs renders the PDFs of build n and adds them to its files, unless a
// newer build has replaced it.
func (s *Server) addPDFs(n int, done chan struct{}, pdfs func() ([]site.File, error)) {
	defer close(done)
	files, err := pdfs()
	if err != nil {
		fmt.Fprintf(s.opt.Log, "pdf: %v\n", err)
		return
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.builds != n {
		return
	}
	all := maps.Clone(s.files) // readers hold the old map without the lock
	for _, f := range files {
		all[f.Path] = f.Data
	}
	s.files = all
}

// WaitPDF waits until the PDFs of the served build are in.
func (s *Server) WaitPDF(ctx context.Context) {
	s.mu.RLock()
	ch := s.pdfs
	s.mu.RUnlock()
	if ch == nil {
		return
	}
	select {
	case <-ch:
	case <-ctx.Done():
	}
}

// state is what the pages are told: the build they should show and the
// errors of the latest build.
type state struct {
	Build  int           `json:"build"`
	Errors []diag.Record `json:"errors"`
}

func (s *Server) stateLocked() []byte {
	b, _ := json.Marshal(state{Build: s.builds, Errors: append([]diag.Record{}, s.errs...)})
	return b
}

// ServeHTTP serves the last good build from memory: a path names a file of
// the build or nothing, so nothing outside the site can be reached.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	h := w.Header()
	h.Set("Content-Security-Policy", CSP)
	h.Set("X-Content-Type-Options", "nosniff")
	h.Set("Cache-Control", "no-store")
	h.Set("Referrer-Policy", "no-referrer")
	if r.Method != http.MethodGet && r.Method != http.MethodHead {
		h.Set("Allow", "GET, HEAD")
		http.Error(w, "methode niet toegestaan", http.StatusMethodNotAllowed)
		return
	}
	if strings.HasPrefix(r.URL.Path, prefix) {
		s.own(w, r, strings.TrimPrefix(r.URL.Path, prefix))
		return
	}
	name := strings.TrimPrefix(path.Clean("/"+r.URL.Path), "/")
	if path.Ext(name) == ".pdf" {
		s.WaitPDF(r.Context())
	}
	s.mu.RLock()
	files, good := s.files, s.good
	s.mu.RUnlock()
	if !good {
		s.write(w, r, "index.html", []byte(noSitePage), http.StatusServiceUnavailable)
		return
	}
	if b, ok := files[name]; ok && name != "" {
		s.write(w, r, name, b, http.StatusOK)
		return
	}
	index := path.Join(name, "index.html")
	if b, ok := files[index]; ok {
		if name != "" && !strings.HasSuffix(r.URL.Path, "/") {
			http.Redirect(w, r, "/"+name+"/", http.StatusMovedPermanently)
			return
		}
		s.write(w, r, index, b, http.StatusOK)
		return
	}
	s.write(w, r, "404.html", files["404.html"], http.StatusNotFound)
}

// write sends one file; HTML pages get the reload script.
func (s *Server) write(w http.ResponseWriter, r *http.Request, name string, b []byte, code int) {
	ct := mime.TypeByExtension(path.Ext(name))
	if ct == "" {
		ct = http.DetectContentType(b)
	}
	w.Header().Set("Content-Type", ct)
	if strings.HasPrefix(ct, "text/html") {
		b = inject(b)
	}
	w.Header().Set("Content-Length", fmt.Sprint(len(b)))
	w.WriteHeader(code)
	if r.Method != http.MethodHead {
		w.Write(b)
	}
}

// inject adds the overlay's style and the reload script at the end of the head (or the start of
// the page), an external script so that script-src 'self' still holds.
func inject(page []byte) []byte {
	tag := []byte(`<link rel="stylesheet" href="` + prefix + `overlay.css"><script src="` + prefix + `reload.js" defer></script>`)
	i := bytes.Index(page, []byte("</head>"))
	if i < 0 {
		i = 0
	}
	return append(append(append(make([]byte, 0, len(page)+len(tag)), page[:i]...), tag...), page[i:]...)
}

// own serves the preview's script, its style and the event stream.
func (s *Server) own(w http.ResponseWriter, r *http.Request, name string) {
	switch name {
	case "events":
		s.events(w, r)
	case "reload.js", "overlay.css":
		b, _ := assets.ReadFile("assets/" + name)
		s.write(w, r, name, b, http.StatusOK)
	default:
		http.NotFound(w, r)
	}
}

// events is a server-sent event stream: the state now, then after every
// build.
func (s *Server) events(w http.ResponseWriter, r *http.Request) {
	rc := http.NewResponseController(w)
	w.Header().Set("Content-Type", "text/event-stream")
	ch := make(chan []byte, 1)
	s.mu.Lock()
	s.subs[ch] = struct{}{}
	ch <- s.stateLocked()
	s.mu.Unlock()
	defer func() {
		s.mu.Lock()
		delete(s.subs, ch)
		s.mu.Unlock()
	}()
	w.WriteHeader(http.StatusOK)
	ping := time.NewTicker(25 * time.Second)
	defer ping.Stop()
	for {
		var err error
		select {
		case <-r.Context().Done():
			return
		case msg := <-ch:
			_, err = fmt.Fprintf(w, "data: %s\n\n", msg)
		case <-ping.C:
			_, err = io.WriteString(w, ": ping\n\n")
		}
		if err == nil {
			err = rc.Flush()
		}
		if err != nil {
			return
		}
	}
}

// CheckBind refuses an address that other machines can reach unless
// public is set: the preview shows drafts.
func CheckBind(host string, public bool) error {
	if public || host == "localhost" {
		return nil
	}
	ip := net.ParseIP(strings.Trim(host, "[]"))
	if ip != nil && ip.IsLoopback() {
		return nil
	}
	return fmt.Errorf("%q is van buiten deze computer te bereiken en de voorbeeldsite toont concepten; geef ook --public als dat de bedoeling is", host)
}

const noSitePage = `<!DOCTYPE html>
<html lang="nl"><head><meta charset="utf-8"><title>Nog geen site</title><link rel="stylesheet" href="` + prefix + `overlay.css"></head>
<body><main class="prestatie-wait"><h1>Nog geen site</h1><p>De inhoud heeft fouten; zodra ze zijn opgelost verschijnt de site hier.</p></main></body></html>
`

func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}

func displayPrefix(source string) string {
	if source == "" || source == "." {
		return ""
	}
	return path.Clean(strings.ReplaceAll(source, `\`, "/"))
}

// Run serves the site on ln and rebuilds it on every change until ctx
// ends.
func (s *Server) Run(ctx context.Context, ln net.Listener) error {
	srv := &http.Server{
		Handler:           s,
		ReadHeaderTimeout: 10 * time.Second,
		// Requests end with ctx, event streams included, so that Shutdown
		// does not wait for them.
		BaseContext: func(net.Listener) context.Context { return ctx },
	}
	watchErr := make(chan error, 1)
	go func() { watchErr <- s.Watch(ctx) }()
	serveErr := make(chan error, 1)
	go func() { serveErr <- srv.Serve(ln) }()
	select {
	case err := <-serveErr:
		return err
	case err := <-watchErr:
		if err != nil {
			srv.Close()
			return fmt.Errorf("map van de site volgen: %w", err)
		}
		<-ctx.Done()
	case <-ctx.Done():
	}
	shut, cancel := context.WithTimeout(context.Background(), 2*time.Second)
	defer cancel()
	return srv.Shutdown(shut)
}
