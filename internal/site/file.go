package site

import (
	"bytes"
	"sync"
)

// File is one output file, its path relative to the output folder.
type File struct {
	Path string
	Data []byte
	buf  *bytes.Buffer // a page's buffer from pagePool, handed to Emit
}

// pagePool keeps the buffers of pages handed to Options.Emit once the
// caller is done with them (File.Done): a page's buffer was a sixth of
// all a build allocated (800 agreements: 420 of 2,500 MB), and every
// byte allocated is work for the garbage collector.
var pagePool = sync.Pool{New: func() any { return new(bytes.Buffer) }}

// Done tells that Data is written and nothing of it is kept: a page's
// buffer goes back to be used for another page. Only a caller of
// Options.Emit may call it, at most once per file; Data must not be used
// after it. Other files have nothing to give back.
func (f File) Done() {
	if f.buf != nil {
		f.buf.Reset()
		pagePool.Put(f.buf)
	}
}
