package build

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/prestatie/prestatie/internal/cache"
	"github.com/prestatie/prestatie/internal/site"
)

// MarkerFile is written into every output folder. A destination that exists
// and is not empty is only replaced when it holds this file: prestatie build
// made it and may replace it.
const MarkerFile = ".prestatie-uitvoer"

const markerText = "Deze map is gemaakt door prestatie build en wordt bij elke build vervangen.\n"

// lockWait is how long a build waits for another build to the same
// destination before it gives up.
var lockWait = 5 * time.Minute

// testHook, when set by a test, is called at named moments of Publish
// ("writing", "written", "swap", "between", "cleanup") so a test can kill the process
// exactly there.
var testHook func(point string)

// noExchange makes Publish use the two-rename fallback (tests).
var noExchange bool

func hook(point string) {
	if testHook != nil {
		testHook(point)
	}
}

// Publish writes files into a fresh folder beside dest and only then swaps
// it in, so a failed or killed build never leaves a half-written dest: the
// previous output stays until the new one is complete. Only one Publish at a
// time writes to a destination (a lock file beside it), and dest must be
// missing, empty, or the output of an earlier build (MarkerFile). A
// destination that is a symbolic link stays one: its target is replaced.
func Publish(files []site.File, dest string) error {
	return publish(dest, func(w *tree) error {
		for i, f := range files {
			if i == len(files)/2 {
				hook("writing")
			}
			if err := w.write(f); err != nil {
				return err
			}
		}
		return nil
	})
}

// publish is Publish with the files written by fill while the lock is held:
// fill hands each file to w as soon as it is made, from any goroutine, so a
// large build never holds its whole output in memory. When fill fails the
// temporary folder is removed and dest stays as it was.
func publish(dest string, fill func(w *tree) error) error {
	dest, err := realPath(dest)
	if err != nil {
		return destErr(dest, "geen bruikbaar pad (%s); kies een map, bijv. --dest public", dutchErr(err))
	}
	parent, base := filepath.Dir(dest), filepath.Base(dest)
	if err := os.MkdirAll(parent, 0o755); err != nil {
		return err
	}
	unlock, err := lockDest(parent, base, lockWait)
	if err != nil {
		return err
	}
	defer unlock()
	recoverSwap(parent, base)
	if err := ownDest(dest); err != nil {
		return err
	}
	tmp, err := os.MkdirTemp(parent, tempPrefix(base, "new"))
	if err != nil {
		return err
	}
	tmp = filepath.Clean(tmp)
	done := false
	defer func() {
		if !done {
			os.RemoveAll(tmp)
		}
	}()
	if err := os.Chmod(tmp, 0o755); err != nil {
		return err
	}
	w := &tree{dir: tmp, dest: dest, written: map[string]bool{}, dirs: map[string]bool{tmp: true}}
	w.startWriters(runtime.GOMAXPROCS(0))
	err = fill(w)
	// Nothing is written into tmp after this, nor is it removed before.
	if werr := w.wait(); err == nil {
		err = werr
	}
	if err != nil {
		return err
	}
	if err := os.WriteFile(filepath.Join(tmp, MarkerFile), []byte(markerText), 0o644); err != nil {
		return err
	}
	hook("written")
	if len(w.keep) > 0 {
		// The output is partly the previous one: only what changed is
		// put in its place (journal.go).
		done = true
		return swapEntries(parent, base, tmp, dest, w.keep)
	}
	if _, err := os.Lstat(dest); errors.Is(err, fs.ErrNotExist) {
		hook("swap")
		if err := os.Rename(tmp, dest); err != nil {
			return err
		}
		done = true
		return nil
	}
	hook("swap")
	err = errExchangeUnsupported
	if !noExchange {
		err = exchange(tmp, dest)
	}
	if err == nil {
		// tmp now holds the previous output.
		done = true
		hook("cleanup")
		return os.RemoveAll(tmp)
	}
	if !errors.Is(err, errExchangeUnsupported) {
		return err
	}
	// Two renames: the next build recovers the previous output if this one
	// dies between them (recoverSwap).
	old := filepath.Join(parent, tempPrefix(base, "old")+strings.TrimPrefix(filepath.Base(tmp), tempPrefix(base, "new")))
	if err := os.Rename(dest, old); err != nil {
		return err
	}
	hook("between")
	if err := os.Rename(tmp, dest); err != nil {
		os.Rename(old, dest) // put the previous output back
		return err
	}
	done = true
	hook("cleanup")
	return os.RemoveAll(old)
}

// tempPrefix names the temporary folders of a build beside dest; the process
// id tells whose they are.
func tempPrefix(base, kind string) string {
	return "." + base + "." + kind + "-" + strconv.Itoa(os.Getpid()) + "-"
}

// tree is the temporary folder a build writes its output into.
type tree struct {
	dir     string
	dest    string // the output folder it replaces, links resolved
	mu      sync.Mutex
	written map[string]bool
	dirMu   sync.Mutex
	dirs    map[string]bool // folders made, by path (a sync.Map of 31,000 folders held 9 MB)
	// keep are the top-level entries of dest that this build leaves as
	// they are (unchanged agreements, from the cache): nothing is written
	// below them. Set before the first file is written.
	keep map[string]bool
	// files are the files written, as the file system has them, when
	// track is set (for the cache's manifests).
	track bool
	files map[string]cache.Entry
	bg    *writers // background writers, when started
}

// keepOld leaves the previous output's top-level entry name in place.
func (t *tree) keepOld(name string) {
	if t.keep == nil {
		t.keep = map[string]bool{}
	}
	t.keep[name] = true
}

// kept reports whether the output path p lies in a kept entry.
func (t *tree) kept(p string) bool {
	top, _, _ := strings.Cut(p, "/")
	return t.keep[top]
}

// path is where the output file p is written.
func (t *tree) path(p string) string { return filepath.Join(t.dir, filepath.FromSlash(p)) }

// claim checks the output path p and notes it as written: fp is where it
// goes, "" for a file in a kept entry (that is in place already), and
// again tells that p was written before.
func (t *tree) claim(p string) (fp string, again bool, err error) {
	fp = t.path(p)
	if !strings.HasPrefix(fp, t.dir+string(filepath.Separator)) || p == MarkerFile {
		return "", false, fmt.Errorf("uitvoerbestand %q valt buiten de uitvoermap", p)
	}
	if t.kept(p) {
		return "", false, nil
	}
	t.mu.Lock()
	again = t.written[p]
	t.written[p] = true
	t.mu.Unlock()
	return fp, again, nil
}

// mkdir makes the folder dir of the output, once: an output has thousands
// of files in a few folders each. Its parent is made first only when it
// is missing (MkdirAll would look at every folder of the path each time).
func (t *tree) mkdir(dir string) error {
	t.dirMu.Lock()
	made := t.dirs[dir]
	t.dirMu.Unlock()
	if made {
		return nil
	}
	err := os.Mkdir(dir, 0o755)
	if errors.Is(err, fs.ErrNotExist) {
		if err := t.mkdir(filepath.Dir(dir)); err != nil {
			return err
		}
		err = os.Mkdir(dir, 0o755)
	}
	if err != nil && !errors.Is(err, fs.ErrExist) { // made meanwhile by another goroutine
		return err
	}
	t.dirMu.Lock()
	t.dirs[dir] = true
	t.dirMu.Unlock()
	return nil
}

// write writes one output file; it may be called from several goroutines.
// With background writers (startWriters) it hands the file to one of them
// and returns; an error shows in a later write or in wait.
func (t *tree) write(f site.File) error {
	fp, again, err := t.claim(f.Path)
	if err != nil || fp == "" {
		f.Done()
		return err
	}
	if t.bg != nil {
		return t.bg.put(fp, f, again)
	}
	return t.put(fp, f, again)
}

// put writes f at fp, claimed. A file written before at fp is removed,
// never written over. Then f's data are done with (site.File.Done).
func (t *tree) put(fp string, f site.File, again bool) error {
	defer f.Done()
	if again {
		if err := os.Remove(fp); err != nil && !errors.Is(err, fs.ErrNotExist) {
			return err
		}
	}
	if err := t.mkdir(filepath.Dir(fp)); err != nil {
		return err
	}
	if !t.track {
		return os.WriteFile(fp, f.Data, 0o644)
	}
	file, err := os.OpenFile(fp, os.O_WRONLY|os.O_CREATE|os.O_TRUNC, 0o644)
	if err != nil {
		return err
	}
	_, err = file.Write(f.Data)
	var st fs.FileInfo
	if err == nil {
		st, err = file.Stat()
	}
	if cerr := file.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return err
	}
	t.mu.Lock()
	if t.files == nil {
		t.files = map[string]cache.Entry{}
	}
	t.files[f.Path] = cache.EntryOf(f.Path, st)
	t.mu.Unlock()
	return nil
}

// entries are the files (written with track) and folders of the output
// below each of the top-level folders tops, as they are now, for the
// cache's manifests: one pass over what was written.
func (t *tree) entries(tops map[string]bool) (map[string][]cache.Entry, error) {
	es := map[string][]cache.Entry{}
	topOf := func(p string) string {
		top, _, _ := strings.Cut(p, "/")
		return top
	}
	t.mu.Lock()
	for p, e := range t.files {
		if top := topOf(p); tops[top] {
			es[top] = append(es[top], e)
		}
	}
	t.mu.Unlock()
	t.dirMu.Lock()
	defer t.dirMu.Unlock()
	for dir := range t.dirs {
		rel, err := filepath.Rel(t.dir, dir)
		rel = filepath.ToSlash(rel)
		if err != nil || rel == "." || !tops[topOf(rel)] {
			continue
		}
		e, err := cache.Stat(t.dir, rel)
		if err != nil {
			return es, err
		}
		es[topOf(rel)] = append(es[topOf(rel)], e)
	}
	return es, nil
}

// has reports whether the file at path was written already, or lies in
// a kept entry.
func (t *tree) has(path string) bool {
	t.mu.Lock()
	defer t.mu.Unlock()
	return t.written[path] || t.kept(path)
}

// recoverSwap cleans up after a build killed midway; the caller holds the
// lock, so every temporary folder beside dest belongs to a build that died.
// A build killed between the two renames of the fallback left dest missing
// and the previous output in an .old- folder: that one is put back first.
func recoverSwap(parent, base string) {
	// A build killed while it put changed entries in place is undone
	// first (journal.go); what it could not undo stays.
	spare := rollback(parent, base)
	dest := filepath.Join(parent, base)
	if _, err := os.Lstat(dest); errors.Is(err, fs.ErrNotExist) {
		if olds, _ := filepath.Glob(filepath.Join(parent, "."+base+".old-*")); len(olds) > 0 {
			os.Rename(olds[len(olds)-1], dest)
		}
	}
	for _, pat := range []string{"." + base + ".new-*", "." + base + ".old-*"} {
		matches, _ := filepath.Glob(filepath.Join(parent, pat))
		for _, m := range matches {
			if !spare[filepath.Base(m)] {
				os.RemoveAll(m)
			}
		}
	}
}

// Recover puts back the previous output if a build died in the middle of
// its swap, so that even a build that then fails on its content leaves the
// destination as it was before the killed build. It does nothing while
// another build holds the destination's lock.
func Recover(dest string) {
	dest, err := realPath(dest)
	if err != nil {
		return
	}
	parent, base := filepath.Dir(dest), filepath.Base(dest)
	if _, err := os.Stat(parent); err != nil {
		return
	}
	unlock, err := lockDest(parent, base, 0)
	if err != nil {
		return
	}
	defer unlock()
	recoverSwap(parent, base)
}
