package search

import (
	"os"
	"sync"
)

// spill holds the page files of the index from the moment a page is added
// until they are written, at the end of the build: in a temporary file
// (removed at once where the system allows it), written a megabyte at a
// time, else in memory. They were the largest part of what a large build
// held while its pages were rendered (800 agreements: 47 MB).
type spill struct {
	mu    sync.Mutex
	file  *os.File // nil when there is none
	tried bool     // to make file
	off   int64    // bytes in the file
	buf   []byte   // bytes after those
	all   []byte   // everything, once read back (read)
	block int      // spillBlock, or less in tests
}

// spillBlock is how much is written to the file at once.
const spillBlock = 1 << 20

// where is a page file in the spill.
type where struct{ off, size int64 }

func (s *spill) put(b []byte) where {
	s.mu.Lock()
	defer s.mu.Unlock()
	w := where{s.off + int64(len(s.buf)), int64(len(b))}
	s.buf = append(s.buf, b...)
	if len(s.buf) >= spillBlock || s.block > 0 && len(s.buf) >= s.block {
		s.flush()
	}
	return w
}

// flush moves buf to the file, when there is one; s.mu is held.
func (s *spill) flush() {
	if !s.tried {
		s.tried = true
		if f, err := os.CreateTemp("", "prestatie-zoeken-*"); err == nil {
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

// read reads everything back, once, and closes the file.
func (s *spill) read() error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.all != nil {
		return nil
	}
	s.all = make([]byte, s.off, s.off+int64(len(s.buf)))
	if s.file != nil {
		if _, err := s.file.ReadAt(s.all, 0); err != nil {
			s.all = nil
			return err
		}
		s.file.Close()
		s.file = nil
	}
	s.all = append(s.all, s.buf...)
	s.buf = nil
	return nil
}

// get is a page file, after read.
func (s *spill) get(w where) []byte { return s.all[w.off : w.off+w.size : w.off+w.size] }
