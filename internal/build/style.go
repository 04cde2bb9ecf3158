package build

import (
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"strings"

	a "github.com/prestatie/prestatie/internal/agreement"
	"github.com/prestatie/prestatie/internal/diag"
	"github.com/prestatie/prestatie/internal/site"
)

// staticDir is copied into the output as it is: favicon, logo,
// .well-known/, web.config.
const staticDir = "static"

// houseStyle reads the site's static/ folder and the extra style sheets of
// prestatie.yaml, and tells the pages where the style sheets are. Symbolic
// links are not followed, so nothing outside the site folder is published.
func houseStyle(fsys fs.FS, source string, s *a.Site, prefix string, ds *diag.List) (files, css []site.File) {
	static := map[string]bool{}
	err := fs.WalkDir(fsys, staticDir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			if errors.Is(err, fs.ErrNotExist) && p == staticDir {
				return fs.SkipDir
			}
			return err
		}
		rel := strings.TrimPrefix(p, staticDir+"/")
		switch {
		case d.Type()&fs.ModeSymlink != 0:
			ds.Warnf(diag.Pos{File: path.Join(prefix, p)}, "symbolische koppeling niet gevolgd: zet het bestand zelf in %s/", staticDir)
			return nil
		case d.IsDir():
			return nil
		case d.Name() == ".DS_Store" || d.Name() == "Thumbs.db" || d.Name() == ".gitkeep":
			return nil
		case !d.Type().IsRegular():
			return nil
		}
		b, err := fs.ReadFile(fsys, p)
		if err != nil {
			return err
		}
		files = append(files, site.File{Path: rel, Data: b})
		static[rel] = true
		return nil
	})
	if err != nil {
		ds.Errorf(diag.Pos{File: path.Join(prefix, staticDir)}, "%v", err)
	}
	st := &s.Style
	if st.Logo != nil && st.Logo.File != "" && !static[path.Clean(st.Logo.File)] {
		ds.Errorf(st.Logo.Pos, "logo %q niet gevonden in %s/", st.Logo.File, staticDir)
	}
	for i := range st.ExtraCSS {
		x := &st.ExtraCSS[i]
		b, err := readCSS(fsys, source, x.Source)
		if err != nil {
			ds.Errorf(x.Pos, "extra_css %q: %v", x.Source, err)
			continue
		}
		sum := sha256.Sum256(b)
		name := strings.TrimSuffix(path.Base(x.Source), ".css")
		x.URL = "assets/extra/" + name + "." + hex.EncodeToString(sum[:5]) + ".css"
		css = append(css, site.File{Path: x.URL, Data: b})
	}
	return files, css
}

// readCSS reads a style sheet named in the config: a path in the site
// folder, or npm:package/path in node_modules of the site folder or a
// folder above it.
func readCSS(fsys fs.FS, source, name string) ([]byte, error) {
	if pkg, ok := strings.CutPrefix(name, "npm:"); ok {
		abs, err := filepath.Abs(source)
		if err != nil {
			return nil, err
		}
		for dir := abs; ; dir = filepath.Dir(dir) {
			if b, err := os.ReadFile(filepath.Join(dir, "node_modules", filepath.FromSlash(pkg))); err == nil {
				return b, nil
			}
			if filepath.Dir(dir) == dir {
				return nil, errors.New("niet gevonden in node_modules (voer npm install uit in de map van de site)")
			}
		}
	}
	name = path.Clean(name)
	for p := name; p != "."; p = path.Dir(p) {
		if st, err := fs.Lstat(fsys, p); err == nil && st.Mode()&fs.ModeSymlink != 0 {
			return nil, errors.New("een symbolische koppeling wordt niet gevolgd")
		}
	}
	b, err := fs.ReadFile(fsys, name)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, errors.New("niet gevonden in de map van de site")
	}
	return b, err
}

// clashes reports static files that would replace a file the build makes.
func clashes(made []site.File, static []site.File, prefix string, ds *diag.List) {
	have := map[string]bool{}
	for _, f := range made {
		have[f.Path] = true
	}
	for _, f := range static {
		if have[f.Path] {
			ds.Errorf(diag.Pos{File: path.Join(prefix, staticDir, f.Path)}, "%s maakt prestatie zelf; kies een andere naam", f.Path)
		}
	}
}
