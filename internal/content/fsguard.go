package content

import (
	"errors"
	"io/fs"
	"path"
	"strings"
	"sync"
)

// Symbolic links in a site may only point within the site folder: a link
// in themes/ to /etc/passwd must not be published. SiteFS resolves every
// link itself, relative to the site root, before the underlying file system
// sees the name, and refuses links that leave the site or loop.

// maxLinkHops bounds the links followed for one name, as the kernel does.
const maxLinkHops = 40

var (
	errLinkOutside = errors.New("symbolische link wijst buiten de map van de site")
	errLinkLoop    = errors.New("symbolische links vormen een lus")
)

// SiteFS wraps a site folder so that symbolic links are followed only
// within it. On a file system without links it changes nothing.
func SiteFS(fsys fs.FS) fs.FS {
	if g, ok := fsys.(guardFS); ok {
		return g
	}
	if _, ok := fsys.(fs.ReadLinkFS); !ok {
		return fsys
	}
	return guardFS{fsys, &sync.Map{}}
}

type guardFS struct {
	fsys fs.FS
	// plain holds the resolved names known to be no link (seen by Lstat or
	// listed by ReadDir), so that reading content/a/b/c.md does not cost an
	// Lstat of every folder on the way each time.
	plain *sync.Map
}

func (s guardFS) links() fs.ReadLinkFS { return s.fsys.(fs.ReadLinkFS) }

// resolve returns name with every symbolic link in it replaced by its
// target, all within the site.
func (s guardFS) resolve(name string) (string, error) {
	if !fs.ValidPath(name) {
		return "", fs.ErrInvalid
	}
	if _, ok := s.plain.Load(name); ok { // and so is every folder above it
		return name, nil
	}
	hops := 0
	done := "." // resolved part, free of links
	rest := name
	for rest != "." && rest != "" {
		elem, tail, _ := strings.Cut(rest, "/")
		next := path.Join(done, elem)
		if _, ok := s.plain.Load(next); ok {
			done, rest = next, tail
			continue
		}
		st, err := s.links().Lstat(next)
		if err != nil || st.Mode()&fs.ModeSymlink == 0 {
			// Missing files are reported by the real open.
			if err == nil {
				s.plain.Store(next, struct{}{})
			}
			done, rest = next, tail
			continue
		}
		if hops++; hops > maxLinkHops {
			return "", errLinkLoop
		}
		target, err := s.links().ReadLink(next)
		if err != nil {
			return "", err
		}
		if path.IsAbs(target) || strings.HasPrefix(target, `\`) {
			return "", errLinkOutside
		}
		joined := path.Join(done, target)
		if joined == ".." || strings.HasPrefix(joined, "../") {
			return "", errLinkOutside
		}
		done = "."
		rest = path.Join(joined, tail)
	}
	return done, nil
}

func (s guardFS) wrap(op, name string, err error) error {
	return &fs.PathError{Op: op, Path: name, Err: err}
}

func (s guardFS) Open(name string) (fs.File, error) {
	r, err := s.resolve(name)
	if err != nil {
		return nil, s.wrap("open", name, err)
	}
	return s.fsys.Open(r)
}

// ReadDir lists a folder; an entry that is a link within the site shows as
// what it points to, so folders reached by a link are walked as folders.
func (s guardFS) ReadDir(name string) ([]fs.DirEntry, error) {
	r, err := s.resolve(name)
	if err != nil {
		return nil, s.wrap("readdir", name, err)
	}
	es, err := fs.ReadDir(s.fsys, r)
	kept := es[:0]
	for _, e := range es {
		if e.Type()&fs.ModeSymlink == 0 {
			s.plain.Store(path.Join(r, e.Name()), struct{}{})
			kept = append(kept, e)
			continue
		}
		// A link that leaves the site, loops or points at a folder above it
		// is left out (Load reports it at the link).
		child := path.Join(name, e.Name())
		target, err := s.resolve(child)
		if err != nil {
			continue
		}
		st, err := fs.Stat(s.fsys, target)
		if err != nil || st.IsDir() && (target == "." || strings.HasPrefix(child+"/", target+"/")) {
			continue
		}
		kept = append(kept, fs.FileInfoToDirEntry(renamed{st, e.Name()}))
	}
	return kept, err
}

func (s guardFS) Stat(name string) (fs.FileInfo, error) {
	r, err := s.resolve(name)
	if err != nil {
		return nil, s.wrap("stat", name, err)
	}
	return fs.Stat(s.fsys, r)
}

func (s guardFS) ReadFile(name string) ([]byte, error) {
	r, err := s.resolve(name)
	if err != nil {
		return nil, s.wrap("read", name, err)
	}
	return fs.ReadFile(s.fsys, r)
}

func (s guardFS) Lstat(name string) (fs.FileInfo, error) { return s.links().Lstat(name) }
func (s guardFS) ReadLink(name string) (string, error)   { return s.links().ReadLink(name) }
func (s guardFS) Sub(dir string) (fs.FS, error)          { return subFS{s, dir}, nil }

// renamed keeps the name of the link for the entry of what it points to.
type renamed struct {
	fs.FileInfo
	name string
}

func (r renamed) Name() string { return r.name }

// subFS is a folder of a guardFS; links in it still resolve against the
// whole site.
type subFS struct {
	s   guardFS
	dir string
}

func (f subFS) full(name string) (string, error) {
	if !fs.ValidPath(name) {
		return "", &fs.PathError{Op: "open", Path: name, Err: fs.ErrInvalid}
	}
	return path.Join(f.dir, name), nil
}

func (f subFS) Open(name string) (fs.File, error) {
	n, err := f.full(name)
	if err != nil {
		return nil, err
	}
	return f.s.Open(n)
}

func (f subFS) ReadDir(name string) ([]fs.DirEntry, error) {
	n, err := f.full(name)
	if err != nil {
		return nil, err
	}
	return f.s.ReadDir(n)
}

func (f subFS) ReadFile(name string) ([]byte, error) {
	n, err := f.full(name)
	if err != nil {
		return nil, err
	}
	return f.s.ReadFile(n)
}

func (f subFS) Stat(name string) (fs.FileInfo, error) {
	n, err := f.full(name)
	if err != nil {
		return nil, err
	}
	return f.s.Stat(n)
}

// checkLinks reports every symbolic link in the site's source folders that
// leaves the site or loops, at the link itself. Folders reached through a
// link within the site are checked too, each once.
func (l *loader) checkLinks() {
	g, ok := l.fsys.(guardFS)
	if !ok {
		return
	}
	seen := map[string]bool{}
	var walk func(root string)
	walk = func(root string) {
		if seen[root] {
			return
		}
		seen[root] = true
		fs.WalkDir(g.links(), root, func(p string, d fs.DirEntry, err error) error {
			if err != nil || d.Type()&fs.ModeSymlink == 0 {
				return nil
			}
			r, err := g.resolve(p)
			switch {
			case err != nil:
				l.linkError(p, err)
			case r == "." || strings.HasPrefix(p+"/", r+"/"):
				l.linkError(p, errLinkLoop) // a folder that links to itself or above
			default:
				if st, err := fs.Stat(g.fsys, r); err == nil && st.IsDir() {
					walk(r)
				}
			}
			return nil
		})
	}
	for _, root := range append([]string{ConfigFile}, siteDirs...) {
		if st, err := g.Lstat(root); err != nil {
			continue
		} else if st.Mode()&fs.ModeSymlink == 0 {
			walk(root)
			continue
		}
		if r, err := g.resolve(root); err != nil {
			l.linkError(root, err)
		} else {
			walk(r)
		}
	}
}

func (l *loader) linkError(p string, err error) {
	target, _ := l.fsys.(guardFS).ReadLink(p)
	switch {
	case errors.Is(err, errLinkLoop):
		l.ds.Errorf(l.atFile(p), "symbolische link %q (naar %q) maakt een lus: verwijs naar een echt bestand of een echte map", p, target)
	case errors.Is(err, errLinkOutside):
		l.ds.Errorf(l.atFile(p), "symbolische link %q wijst naar %q, buiten de map van de site: kopieer het bestand in de site of gebruik een relatieve link binnen de site", p, target)
	default:
		l.ds.Errorf(l.atFile(p), "symbolische link %q: %v", p, unwrap(err))
	}
}

// siteDirs are the folders of a site whose links are checked here. static/
// is not among them: the build copies it without following any link and
// warns about each (internal/build, style.go).
var siteDirs = []string{"content", "templates", "themes"}
