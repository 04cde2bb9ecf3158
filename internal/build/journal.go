package build

// Publishing only what changed. An incremental build leaves the folders of
// the unchanged agreements in the output as they are (moving tens of
// thousands of files into a fresh tree and removing the previous one cost
// seconds) and writes the rest, the changed agreements and the files of the
// whole site, into its temporary folder. Each of its top-level entries then
// takes the place of the previous one in one step (an exchange), the
// previous going into the temporary folder; entries the build no longer
// makes go to a folder aside. A journal beside the output lists every
// entry with the inode of its new and previous version before the first
// one moves, so a build killed in the middle is undone by the next one
// (rollback): it moves back exactly what the journal names, recognised by
// inode, and nothing else. Once every entry is in place the journal is
// removed (the moment the new output counts as published) and then the
// previous versions are.
//
// Readers of the output (a web server) may see the new version of one
// entry beside the previous version of another while the entries move,
// for the few milliseconds that takes; a cold build still swaps the whole
// folder at once.

import (
	"encoding/json"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"slices"

	"github.com/prestatie/prestatie/internal/cache"
)

// journal is what a publish of changed entries is about to do.
type journal struct {
	Staging string // the temporary folder with the new entries (base name, beside the output)
	Aside   string // where previous entries go that are not exchanged
	Entries []journalEntry
}

// journalEntry is one top-level entry of the output: the inode of its new
// version (in Staging) and of its previous one (in the output); 0 for none.
type journalEntry struct {
	Name     string
	New, Old uint64
}

func journalPath(parent, base string) string { return filepath.Join(parent, "."+base+".journal") }

// ino is the inode of the file or folder at p, 0 when there is none.
func ino(p string) uint64 {
	st, err := os.Lstat(p)
	if err != nil {
		return 0
	}
	return cache.Inode(st)
}

// names are the entries of folder dir.
func names(dir string) ([]string, error) {
	f, err := os.Open(dir)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	ns, err := f.Readdirnames(-1)
	slices.Sort(ns)
	return ns, err
}

// swapEntries puts the top-level entries of tmp in place in dest, and
// takes out those of dest that are neither in tmp nor kept (tree.keep:
// they are not in tmp). The caller holds the lock.
func swapEntries(parent, base, tmp, dest string, keep map[string]bool) error {
	aside, err := os.MkdirTemp(parent, tempPrefix(base, "old"))
	if err != nil {
		os.RemoveAll(tmp)
		return err
	}
	j := journal{Staging: filepath.Base(tmp), Aside: filepath.Base(aside)}
	err = j.plan(tmp, dest, keep)
	if err == nil {
		err = writeJournal(parent, base, j)
	}
	if err != nil {
		os.RemoveAll(tmp)
		os.RemoveAll(aside)
		return err
	}
	hook("swap")
	if err := j.apply(tmp, dest, aside, !noExchange); err != nil {
		rollback(parent, base)
		os.RemoveAll(tmp)
		os.RemoveAll(aside)
		return err
	}
	// Published: from here on the next build keeps the new output.
	if err := os.Remove(journalPath(parent, base)); err != nil {
		return err
	}
	hook("cleanup")
	return errors.Join(os.RemoveAll(tmp), os.RemoveAll(aside))
}

// plan lists the entries to move: every entry of tmp, and every entry of
// dest that is not in tmp (this build does not make it, or keeps it).
func (j *journal) plan(tmp, dest string, keep map[string]bool) error {
	fresh, err := names(tmp)
	if err != nil {
		return err
	}
	old, err := names(dest)
	if err != nil {
		return err
	}
	for _, n := range fresh {
		e := journalEntry{Name: n, New: ino(filepath.Join(tmp, n)), Old: ino(filepath.Join(dest, n))}
		if e.New == 0 {
			return errors.New("publiceren: inode van " + n + " onbekend")
		}
		j.Entries = append(j.Entries, e)
	}
	for _, n := range old {
		if _, ok := slices.BinarySearch(fresh, n); !ok && !keep[n] {
			if o := ino(filepath.Join(dest, n)); o != 0 {
				j.Entries = append(j.Entries, journalEntry{Name: n, Old: o})
			}
		}
	}
	return nil
}

// writeJournal puts the journal beside the output in one step.
func writeJournal(parent, base string, j journal) error {
	b, err := json.Marshal(j)
	if err != nil {
		return err
	}
	p := journalPath(parent, base)
	if err := os.WriteFile(p+"-new", b, 0o644); err != nil {
		return err
	}
	return os.Rename(p+"-new", p)
}

// apply moves the entries: an exchange where both versions exist (two
// renames through aside where the file system cannot exchange), a rename
// where one does.
func (j *journal) apply(tmp, dest, aside string, canExchange bool) error {
	for i, e := range j.Entries {
		s, d, o := filepath.Join(tmp, e.Name), filepath.Join(dest, e.Name), filepath.Join(aside, e.Name)
		var err error
		switch {
		case e.New != 0 && e.Old != 0:
			err = errExchangeUnsupported
			if canExchange {
				err = exchange(s, d)
			}
			if errors.Is(err, errExchangeUnsupported) {
				canExchange = false
				if err = os.Rename(d, o); err == nil {
					err = os.Rename(s, d)
				}
			}
		case e.New != 0:
			err = os.Rename(s, d)
		case e.Old != 0:
			err = os.Rename(d, o)
		}
		if err != nil {
			return err
		}
		if i == 0 {
			hook("between")
		}
	}
	return nil
}

// rollback undoes a publish of changed entries that was killed before it
// finished (its journal is still there): every entry whose new version is
// in the output goes back to the temporary folder and its previous version
// back into the output. It only moves what the journal names, by inode.
// It returns the temporary folders that must not be removed: those of a
// rollback that could not put every previous entry back.
func rollback(parent, base string) (spare map[string]bool) {
	jp := journalPath(parent, base)
	os.Remove(jp + "-new") // killed while writing it: nothing moved yet
	b, err := os.ReadFile(jp)
	if errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	var j journal
	if err != nil || json.Unmarshal(b, &j) != nil || j.Staging == "" || j.Aside == "" ||
		filepath.Base(j.Staging) != j.Staging || filepath.Base(j.Aside) != j.Aside {
		return nil // not ours to act on; the folders it names stay
	}
	tmp, aside, dest := filepath.Join(parent, j.Staging), filepath.Join(parent, j.Aside), filepath.Join(parent, base)
	whole := true
	for _, e := range slices.Backward(j.Entries) {
		if filepath.Base(e.Name) != e.Name {
			whole = false
			continue
		}
		s, d, o := filepath.Join(tmp, e.Name), filepath.Join(dest, e.Name), filepath.Join(aside, e.Name)
		if e.New != 0 && ino(d) == e.New {
			if e.Old != 0 && ino(s) == e.Old {
				if exchange(s, d) != nil {
					whole = false
				}
				continue
			}
			if ino(s) == 0 {
				os.Rename(d, s)
			}
		}
		if e.Old != 0 && ino(d) == 0 && ino(o) == e.Old {
			os.Rename(o, d)
		}
		if e.Old != 0 && ino(d) != e.Old {
			whole = false
		}
	}
	if !whole {
		return map[string]bool{j.Staging: true, j.Aside: true}
	}
	os.Remove(jp)
	return nil
}
