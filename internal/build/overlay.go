package build

import (
	"errors"
	"io/fs"
	"slices"
	"strings"
)

// overlay is a file system in which upper's files hide lower's files of the
// same name: a site's templates/ and themes/ over the embedded defaults.
type overlay struct{ upper, lower fs.FS }

func (o overlay) Open(name string) (fs.File, error) {
	var dir fs.File // upper's directory, used when lower has none
	if o.upper != nil {
		if f, err := o.upper.Open(name); err == nil {
			if st, err := f.Stat(); err == nil && !st.IsDir() {
				return f, nil
			}
			dir = f
		}
	}
	if o.lower != nil {
		if f, err := o.lower.Open(name); err == nil {
			if dir != nil {
				dir.Close()
			}
			return f, nil
		}
	}
	if dir != nil {
		return dir, nil
	}
	return nil, &fs.PathError{Op: "open", Path: name, Err: fs.ErrNotExist}
}

// ReadDir merges both directories, upper first on equal names.
func (o overlay) ReadDir(name string) ([]fs.DirEntry, error) {
	var all []fs.DirEntry
	var firstErr error
	for _, f := range []fs.FS{o.upper, o.lower} {
		if f == nil {
			continue
		}
		es, err := fs.ReadDir(f, name)
		if err != nil && !errors.Is(err, fs.ErrNotExist) {
			return nil, err
		}
		if err != nil && firstErr == nil {
			firstErr = err
		}
		all = append(all, es...)
	}
	if all == nil && firstErr != nil {
		return nil, firstErr
	}
	slices.SortStableFunc(all, func(a, b fs.DirEntry) int { return strings.Compare(a.Name(), b.Name()) })
	return slices.CompactFunc(all, func(a, b fs.DirEntry) bool { return a.Name() == b.Name() }), nil
}

// sub is fs.Sub that yields nil when the folder does not exist.
func sub(fsys fs.FS, dir string) fs.FS {
	if st, err := fs.Stat(fsys, dir); err != nil || !st.IsDir() {
		return nil
	}
	s, err := fs.Sub(fsys, dir)
	if err != nil {
		return nil
	}
	return s
}
