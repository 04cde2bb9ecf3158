// Package cache is prestatie's build cache: the files a build made for one
// agreement, kept under a key that hashes everything they were made from
// (the agreement's own files, what the site shares, the program), so that a
// later build with the same inputs takes them over instead of rendering
// them again. Keys are content addresses: the same inputs give the same key
// on any machine, and a changed input a different one, so an entry is never
// stale, only unused (and then removed).
//
// Dir keeps entries on disk as hard links to the published files; Mem keeps
// them in memory for a process that builds again and again (the preview).
package cache

import (
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"fmt"
	"hash"
	"io/fs"
	"path"
)

// Key names an entry: the SHA-256 of its inputs.
type Key [sha256.Size]byte

func (k Key) String() string { return hex.EncodeToString(k[:]) }

// Hash builds a Key from named parts. Every part is written with its name
// and length, so no two lists of parts hash alike by shifting bytes from
// one part to the next.
type Hash struct{ h hash.Hash }

// New starts a key.
func New() *Hash { return &Hash{sha256.New()} }

// Add adds one named part.
func (h *Hash) Add(name string, data []byte) {
	var n [8]byte
	binary.LittleEndian.PutUint64(n[:], uint64(len(name)))
	h.h.Write(n[:])
	h.h.Write([]byte(name))
	binary.LittleEndian.PutUint64(n[:], uint64(len(data)))
	h.h.Write(n[:])
	h.h.Write(data)
}

// AddString adds one named part given as a string.
func (h *Hash) AddString(name, s string) { h.Add(name, []byte(s)) }

// AddKey adds another key, such as what every agreement shares.
func (h *Hash) AddKey(name string, k Key) { h.Add(name, k[:]) }

// Key is the key of the parts added so far.
func (h *Hash) Key() Key {
	var k Key
	h.h.Sum(k[:0])
	return k
}

// AddTree adds every file below dir in fsys, by its path and contents, in
// the order of fs.WalkDir (sorted, so the same tree gives the same key). A
// missing dir adds nothing: a site without a templates/ folder hashes like
// one with an empty one.
func (h *Hash) AddTree(fsys fs.FS, dir string) error {
	if fsys == nil {
		return nil
	}
	if _, err := fs.Stat(fsys, dir); err != nil {
		return nil
	}
	return fs.WalkDir(fsys, dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() {
			h.AddString("dir", path.Clean(p))
			return nil
		}
		if d.Type()&fs.ModeSymlink != 0 {
			// A link to a folder is not walked (it could loop): the
			// caller builds without the cache for this tree.
			if st, err := fs.Stat(fsys, p); err != nil || st.IsDir() {
				return fmt.Errorf("cache: %s is een link naar een map", p)
			}
		}
		data, err := fs.ReadFile(fsys, p)
		if err != nil {
			return err
		}
		h.Add(p, data)
		return nil
	})
}
