package serve

import (
	"context"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/fsnotify/fsnotify"
)

// watched are the parts of a site folder that make the site; public/ and
// anything else are left alone. fonts/ is where the docs put the PDF fonts
// of pdf_fonts.
var watched = []string{"content", "templates", "themes", "static", "fonts"}

const configFile = "prestatie.yaml"

// Watch rebuilds the site after every change in its folder until ctx ends.
// Changes that come in while a build runs lead to one more build after it.
func (s *Server) Watch(ctx context.Context) error {
	w, err := fsnotify.NewWatcher()
	if err != nil {
		return err
	}
	defer w.Close()
	if err := w.Add(s.opt.Source); err != nil {
		return err
	}
	for _, d := range watched {
		addTree(w, filepath.Join(s.opt.Source, d))
	}
	var timer <-chan time.Time
	for {
		select {
		case <-ctx.Done():
			return nil
		case err := <-w.Errors:
			if errors.Is(err, fsnotify.ErrEventOverflow) {
				timer = time.After(s.opt.Debounce) // missed events: rebuild all
			}
		case ev := <-w.Events:
			if !s.relevant(ev.Name) {
				continue
			}
			if ev.Has(fsnotify.Create) {
				if st, err := os.Lstat(ev.Name); err == nil && st.IsDir() {
					addTree(w, ev.Name)
				}
			}
			timer = time.After(s.opt.Debounce)
		case <-timer:
			timer = nil
			s.Rebuild()
		}
	}
}

// relevant tells whether a change to name can change the site: the config,
// or a file below one of the watched folders that is not an editor's
// scratch file.
func (s *Server) relevant(name string) bool {
	rel, err := filepath.Rel(s.opt.Source, name)
	if err != nil || !filepath.IsLocal(rel) {
		return false
	}
	parts := strings.Split(filepath.ToSlash(rel), "/")
	if len(parts) == 1 {
		return parts[0] == configFile || isWatched(parts[0])
	}
	base := parts[len(parts)-1]
	if strings.HasSuffix(base, "~") || strings.HasSuffix(base, ".swp") || strings.HasSuffix(base, ".swx") || base == "4913" {
		return false
	}
	return isWatched(parts[0])
}

func isWatched(dir string) bool {
	for _, d := range watched {
		if d == dir {
			return true
		}
	}
	return false
}

// addTree watches dir and every folder below it (fsnotify is not
// recursive). Symbolic links are not followed.
func addTree(w *fsnotify.Watcher, dir string) {
	filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return nil
		}
		if d.IsDir() {
			w.Add(p)
		}
		return nil
	})
}
