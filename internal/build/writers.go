package build

import (
	"hash/fnv"
	"sync"

	"github.com/prestatie/prestatie/internal/site"
)

// writers write the output's files in the background, so that a batch of
// files handed over one by one (the search index's 16,000 page files at
// 800 agreements, written after the pages) is written by one goroutine per
// core while the caller goes on: in about half the time on two cores. A
// path always goes to the same writer, so writes of one path keep their
// order. A file's data must not change once handed over: site.Render and
// the PDFs hand over a fresh buffer per file and drop it.
type writers struct {
	queues []chan bgFile
	wg     sync.WaitGroup
	mu     sync.Mutex
	err    error
	once   sync.Once
}

type bgFile struct {
	fp    string
	f     site.File
	again bool
}

// startWriters starts n background writers for t.
func (t *tree) startWriters(n int) {
	bg := &writers{}
	for range max(n, 1) {
		q := make(chan bgFile, 16) // few: each holds a page or a PDF in memory
		bg.queues = append(bg.queues, q)
		bg.wg.Go(func() {
			for j := range q {
				if err := t.put(j.fp, j.f, j.again); err != nil {
					bg.fail(err)
				}
			}
		})
	}
	t.bg = bg
}

// put queues a claimed file; it returns the first error of a write so far.
func (bg *writers) put(fp string, f site.File, again bool) error {
	if err := bg.failed(); err != nil {
		return err
	}
	h := fnv.New32a()
	h.Write([]byte(fp))
	bg.queues[h.Sum32()%uint32(len(bg.queues))] <- bgFile{fp, f, again}
	return nil
}

func (bg *writers) fail(err error) {
	bg.mu.Lock()
	defer bg.mu.Unlock()
	if bg.err == nil {
		bg.err = err
	}
}

func (bg *writers) failed() error {
	bg.mu.Lock()
	defer bg.mu.Unlock()
	return bg.err
}

// wait waits until every queued file is written and returns the first
// error. Only after it may the tree be read (entries) or removed; nothing
// may be written after it. It may be called more than once.
func (t *tree) wait() error {
	if t.bg == nil {
		return nil
	}
	t.bg.once.Do(func() {
		for _, q := range t.bg.queues {
			close(q)
		}
		t.bg.wg.Wait()
	})
	return t.bg.failed()
}
