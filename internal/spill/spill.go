// Package spill holds data a build makes early and writes late (the
// search index's page files, the search text of the pages the cache
// stores) in a temporary file instead of memory, so that a large build
// does not carry it while it renders.
package spill

import (
	"os"
	"sync"
)

// Block is how much is written to the file at once.
const Block = 1 << 20

// Spill is a temporary file written a Block at a time, removed at once
// where the system allows it; where there is none, the data stay in
// memory. It is safe for concurrent use.
type Spill struct {
	mu    sync.Mutex
	file  *os.File // nil when there is none
	tried bool     // to make file
	off   int64    // bytes in the file
	buf   []byte   // bytes after those
	all   []byte   // everything, after Load
	// Block, when set, is the size written at once instead (tests).
	Block int
}

// Ref is where Put put data.
type Ref struct{ off, size int64 }

// Put keeps a copy of b.
func (s *Spill) Put(b []byte) Ref {
	s.mu.Lock()
	defer s.mu.Unlock()
	r := Ref{s.off + int64(len(s.buf)), int64(len(b))}
	s.buf = append(s.buf, b...)
	if len(s.buf) >= Block || s.Block > 0 && len(s.buf) >= s.Block {
		s.flush()
	}
	return r
}

// flush moves buf to the file, when there is one; s.mu is held.
func (s *Spill) flush() {
	if !s.tried {
		s.tried = true
		if f, err := os.CreateTemp("", "prestatie-*"); err == nil {
			if os.Remove(f.Name()) == nil {
				s.file = f
			} else { // kept in memory where it cannot go at once
				f.Close()
				os.Remove(f.Name())
			}
		}
	}
	if s.file == nil {
		return
	}
	if _, err := s.file.WriteAt(s.buf, s.off); err != nil {
		return // kept in memory
	}
	s.off += int64(len(s.buf))
	s.buf = s.buf[:0]
}

// Load reads everything back into memory, once, and closes the file:
// Get then reads no more.
func (s *Spill) Load() error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.all != nil {
		return nil
	}
	all := make([]byte, s.off, s.off+int64(len(s.buf)))
	if s.file != nil {
		if _, err := s.file.ReadAt(all, 0); err != nil {
			return err
		}
		s.file.Close()
		s.file = nil
	}
	s.all = append(all, s.buf...)
	s.buf = nil
	return nil
}

// Get is what was put at r: from memory after Load (not a copy), else
// read from the file.
func (s *Spill) Get(r Ref) ([]byte, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.all != nil {
		return s.all[r.off : r.off+r.size : r.off+r.size], nil
	}
	if r.off >= s.off { // not written yet
		i := r.off - s.off
		return append([]byte(nil), s.buf[i:i+r.size]...), nil
	}
	b := make([]byte, r.size)
	_, err := s.file.ReadAt(b, r.off)
	return b, err
}

// Close drops the file and what is in memory.
func (s *Spill) Close() {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.file != nil {
		s.file.Close()
		s.file = nil
	}
	s.buf, s.all = nil, nil
}
