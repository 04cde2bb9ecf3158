package build

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"syscall"
)

// DestError is a destination that build refuses to write to. The CLI
// reports it as a usage error.
type DestError struct {
	Dest string
	Msg  string
}

func (e *DestError) Error() string { return fmt.Sprintf("uitvoermap %s: %s", e.Dest, e.Msg) }

func destErr(dest, format string, args ...any) error {
	return &DestError{Dest: dest, Msg: fmt.Sprintf(format, args...)}
}

// siteDirs are the folders of a site that hold its sources.
var siteDirs = []string{"content", "templates", "themes", "static"}

// CheckDest refuses a destination that would destroy something that is not
// an earlier build's output: the site folder or one of its source folders,
// a folder that contains the site, the root or home folder, an existing
// file, or a non-empty folder that prestatie did not make.
func CheckDest(source, dest string) error {
	shown := dest
	src, err := realPath(source)
	if err != nil {
		return fmt.Errorf("map van de site %s: %v", source, err)
	}
	d, err := realPath(dest)
	if err != nil {
		return destErr(shown, "geen bruikbaar pad (%s); kies een map, bijv. --dest public", dutchErr(err))
	}
	switch {
	case d == filepath.Dir(d):
		return destErr(shown, "dat is de hoofdmap van het bestandssysteem; kies een eigen map, bijv. --dest public")
	case d == src:
		return destErr(shown, "dat is de map van de site zelf; de build zou content/ en prestatie.yaml wissen: kies een eigen map, bijv. --dest public")
	case within(src, d):
		return destErr(shown, "die map bevat de map van de site; de build zou de bronbestanden wissen: kies een eigen map, bijv. --dest public")
	}
	if home, err := os.UserHomeDir(); err == nil {
		if h, err := realPath(home); err == nil && d == h {
			return destErr(shown, "dat is je thuismap; kies een eigen map, bijv. --dest public")
		}
	}
	for _, dir := range siteDirs {
		sd, err := realPath(filepath.Join(src, dir))
		if err == nil && (d == sd || within(d, sd)) {
			return destErr(shown, "die map ligt in %s/ van de site, tussen de bronbestanden: kies een map erbuiten, bijv. --dest public", dir)
		}
	}
	return ownDest(d)
}

// ownDest accepts a destination that does not exist, is an empty folder, or
// holds MarkerFile.
func ownDest(d string) error {
	st, err := os.Lstat(d)
	if errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	if err != nil {
		return destErr(d, "%v", err)
	}
	if !st.IsDir() {
		return destErr(d, "dat is een bestand, geen map; kies een map, bijv. --dest public")
	}
	entries, err := os.ReadDir(d)
	if err != nil {
		return destErr(d, "%v", err)
	}
	if len(entries) == 0 {
		return nil
	}
	if m, err := os.Lstat(filepath.Join(d, MarkerFile)); err == nil && m.Mode().IsRegular() {
		return nil
	}
	return destErr(d, "de map is niet leeg en niet door prestatie build gemaakt (%s ontbreekt); de build zou alles erin wissen: kies een lege of nieuwe map", MarkerFile)
}

// within reports whether p lies below dir.
func within(p, dir string) bool {
	return strings.HasPrefix(p, strings.TrimSuffix(dir, string(filepath.Separator))+string(filepath.Separator))
}

// realPath makes p absolute and resolves its symbolic links, also for a
// path that does not exist yet (its existing part) and for a link whose
// target does not exist, so that a symlinked destination is replaced at its
// target and stays a link.
func realPath(p string) (string, error) {
	p, err := filepath.Abs(p)
	if err != nil {
		return "", err
	}
	var rest []string
	for hops := 0; ; {
		r, err := filepath.EvalSymlinks(p)
		if err == nil {
			return filepath.Join(append([]string{r}, rest...)...), nil
		}
		if st, lerr := os.Lstat(p); lerr == nil && st.Mode()&fs.ModeSymlink != 0 {
			if hops++; hops > 40 {
				return "", errors.New("te veel symbolische links achter elkaar (een lus?)")
			}
			t, err := os.Readlink(p)
			if err != nil {
				return "", err
			}
			if !filepath.IsAbs(t) {
				t = filepath.Join(filepath.Dir(p), t)
			}
			p = t
			continue
		}
		if !errors.Is(err, fs.ErrNotExist) {
			return "", err
		}
		parent := filepath.Dir(p)
		if parent == p {
			return "", err
		}
		rest = append([]string{filepath.Base(p)}, rest...)
		p = parent
	}
}

// dutchErr says the usual file system errors in Dutch.
func dutchErr(err error) string {
	switch {
	case errors.Is(err, syscall.ENOTDIR):
		return "een deel van het pad is een bestand"
	case errors.Is(err, fs.ErrPermission):
		return "geen toegang"
	case errors.Is(err, syscall.ELOOP):
		return "symbolische links vormen een lus"
	}
	return unwrapPath(err).Error()
}
