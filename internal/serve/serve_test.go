package serve

import (
	"bufio"
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/prestatie/prestatie/internal/agreement"
	"github.com/prestatie/prestatie/internal/scaffold"
)

// newSite makes a site with scaffold.Init and returns its folder and the
// file of its one afspraak.
func newSite(t testing.TB) (dir, afspraak string) {
	dir = t.TempDir()
	files, err := scaffold.Init(dir, "Teststad", agreement.NewDate(2025, 3, 1))
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range files {
		if strings.HasSuffix(f, "nieuwbouw.md") {
			afspraak = f
		}
	}
	return dir, afspraak
}

// events reads the server's event stream.
func events(t testing.TB, url string) (<-chan state, func()) {
	req, _ := http.NewRequest("GET", url+"/_prestatie/events", nil)
	ctx, cancel := context.WithCancel(context.Background())
	resp, err := http.DefaultClient.Do(req.WithContext(ctx))
	if err != nil {
		t.Fatal(err)
	}
	ch := make(chan state, 16)
	go func() {
		defer resp.Body.Close()
		sc := bufio.NewScanner(resp.Body)
		sc.Buffer(nil, 1<<20)
		for sc.Scan() {
			if data, ok := strings.CutPrefix(sc.Text(), "data: "); ok {
				var s state
				json.Unmarshal([]byte(data), &s)
				ch <- s
			}
		}
		close(ch)
	}()
	return ch, cancel
}

// watching starts a server on opt with its watcher, both stopped at the end
// of the test, and returns it with its event stream past the first state.
func watching(t testing.TB, opt Options) (*Server, <-chan state) {
	s := New(opt)
	srv := httptest.NewServer(s)
	t.Cleanup(srv.Close)
	ctx, cancel := context.WithCancel(context.Background())
	t.Cleanup(cancel)
	go s.Watch(ctx)
	ch, stop := events(t, srv.URL)
	t.Cleanup(stop)
	if st := next(t, ch); len(st.Errors) > 0 {
		t.Fatal(st.Errors)
	}
	time.Sleep(50 * time.Millisecond) // let the watcher start
	return s, ch
}

func next(t testing.TB, ch <-chan state) state {
	t.Helper()
	select {
	case s, ok := <-ch:
		if !ok {
			t.Fatal("event stream ended")
		}
		return s
	case <-time.After(20 * time.Second):
		t.Fatal("no event")
	}
	return state{}
}

func get(t *testing.T, url string) (int, http.Header, string) {
	t.Helper()
	resp, err := http.Get(url)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, resp.Header, string(b)
}

// TestRebuildAndOverlay: a change reloads pages only once the new build is
// in, errors keep the last good site served and reach the page with their
// position, and fixing them brings the next build.
func TestRebuildAndOverlay(t *testing.T) {
	t.Parallel()
	dir, afspraak := newSite(t)
	s := New(Options{Source: dir, Drafts: true})
	srv := httptest.NewServer(s)
	defer srv.Close()
	ch, stop := events(t, srv.URL)
	defer stop()
	if st := next(t, ch); st.Build != 1 || len(st.Errors) != 0 {
		t.Fatalf("first state %+v", st)
	}
	code, h, home := get(t, srv.URL+"/")
	if code != 200 || h.Get("Content-Security-Policy") != CSP || !strings.Contains(home, `<script src="/_prestatie/reload.js" defer></script></head>`) {
		t.Fatalf("home: %d %v", code, h)
	}
	src, _ := os.ReadFile(afspraak)
	os.WriteFile(afspraak, []byte(strings.Replace(string(src), "title: Nieuwbouw", "title: Nieuwbouw en sloop", 1)), 0o644)
	s.Rebuild()
	if st := next(t, ch); st.Build != 2 || len(st.Errors) != 0 {
		t.Fatalf("after an edit %+v", st)
	}
	page := "/teststad-2025-2026/wonen/nieuwbouw/"
	if _, _, body := get(t, srv.URL+page); !strings.Contains(body, "Nieuwbouw en sloop") {
		t.Error("the edit is not served")
	}
	os.WriteFile(afspraak, []byte(strings.Replace(string(src), "order: 1", "order: een", 1)), 0o644)
	s.Rebuild()
	st := next(t, ch)
	if st.Build != 2 || len(st.Errors) == 0 || !strings.HasSuffix(st.Errors[0].File, "nieuwbouw.md") || st.Errors[0].Line != 3 || st.Errors[0].Col == 0 {
		t.Fatalf("broken file: %+v", st)
	}
	if code, _, body := get(t, srv.URL+page); code != 200 || !strings.Contains(body, "Nieuwbouw en sloop") {
		t.Error("the last good site is not served while the content has errors")
	}
	os.WriteFile(afspraak, src, 0o644)
	s.Rebuild()
	if st := next(t, ch); st.Build != 3 || len(st.Errors) != 0 {
		t.Fatalf("after the fix %+v", st)
	}
}

// TestNothingOutsideTheSite: only files of the build are served.
func TestNothingOutsideTheSite(t *testing.T) {
	t.Parallel()
	dir, _ := newSite(t)
	os.WriteFile(filepath.Join(filepath.Dir(dir), "geheim.txt"), []byte("geheim"), 0o644)
	s := New(Options{Source: dir})
	tests := []struct {
		path string
		code int
	}{
		{"/", 200},
		{"/teststad-2025-2026/", 200},
		{"/teststad-2025-2026", 301},
		{"/teststad-2025-2026/teststad-2025-2026.pdf", 200},
		{"/robots.txt", 200},
		{"/prestatie.yaml", 404},
		{"/content/teststad-2025-2026/_index.md", 404},
		{"/../geheim.txt", 404},
		{"/%2e%2e/geheim.txt", 404},
		{"/..%2fgeheim.txt", 404},
		{"/assets/../../geheim.txt", 404},
		{"//geheim.txt", 404},
		{"/_prestatie/reload.js", 200},
		{"/_prestatie/../prestatie.yaml", 404},
		{"/bestaat-niet", 404},
	}
	for _, tt := range tests {
		req := httptest.NewRequest("GET", "http://x"+tt.path, nil)
		req.URL.Path = tt.path // as sent, not cleaned by the client
		w := httptest.NewRecorder()
		s.ServeHTTP(w, req)
		if w.Code != tt.code || strings.Contains(w.Body.String(), "geheim") && !strings.Contains(w.Body.String(), "<html") {
			t.Errorf("%s: %d, want %d", tt.path, w.Code, tt.code)
		}
		if tt.code == 404 && !strings.Contains(w.Body.String(), "Pagina niet gevonden") && !strings.HasPrefix(tt.path, "/_prestatie/") {
			t.Errorf("%s: not the site's 404 page", tt.path)
		}
	}
	if w := httptest.NewRecorder(); true {
		s.ServeHTTP(w, httptest.NewRequest("POST", "/", nil))
		if w.Code != 405 {
			t.Errorf("POST: %d", w.Code)
		}
	}
}

func TestCheckBind(t *testing.T) {
	t.Parallel()
	tests := []struct {
		host   string
		public bool
		ok     bool
	}{
		{"127.0.0.1", false, true},
		{"127.0.0.2", false, true},
		{"::1", false, true},
		{"[::1]", false, true},
		{"localhost", false, true},
		{"0.0.0.0", false, false},
		{"", false, false},
		{"::", false, false},
		{"192.168.1.10", false, false},
		{"example.nl", false, false},
		{"0.0.0.0", true, true},
	}
	for _, tt := range tests {
		if err := CheckBind(tt.host, tt.public); (err == nil) != tt.ok {
			t.Errorf("CheckBind(%q, %v) = %v", tt.host, tt.public, err)
		}
	}
}

// TestWatch: saving a file reaches open pages through the watcher.
func TestWatch(t *testing.T) {
	t.Parallel()
	dir, afspraak := newSite(t)
	_, ch := watching(t, Options{Source: dir, Drafts: true})
	os.MkdirAll(filepath.Join(dir, "public"), 0o755)
	os.WriteFile(filepath.Join(dir, "public", "x.html"), nil, 0o644) // not watched
	src, _ := os.ReadFile(afspraak)
	os.WriteFile(afspraak, append(src, "\nNog een alinea.\n"...), 0o644)
	if st := next(t, ch); st.Build != 2 {
		t.Errorf("after a save: %+v", st)
	}
}

// TestDraftsMarked: the preview shows drafts, each page with the marker;
// without Drafts they are left out as in a plain build.
func TestDraftsMarked(t *testing.T) {
	t.Parallel()
	dir, _ := newSite(t)
	if _, err := scaffold.NewAgreement(dir, "concept-2027", "Teststad", 2027, 2028, agreement.NewDate(2026, 1, 1)); err != nil {
		t.Fatal(err)
	}
	for _, drafts := range []bool{true, false} {
		srv := httptest.NewServer(New(Options{Source: dir, Drafts: drafts}))
		code, _, body := get(t, srv.URL+"/concept-2027/")
		_, _, other := get(t, srv.URL+"/teststad-2025-2026/")
		srv.Close()
		if drafts && (code != 200 || !strings.Contains(body, `class="draft-banner"`) || strings.Contains(other, "draft-banner")) {
			t.Errorf("drafts shown: %d, marker on the draft %v, on the other page %v", code, strings.Contains(body, "draft-banner"), strings.Contains(other, "draft-banner"))
		}
		if !drafts && code != 404 {
			t.Errorf("drafts left out: %d", code)
		}
	}
}
