package search

// What the index keeps of a page for a later build (Page, AddPage), and
// the groups its page files are written in.

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"slices"
	"strings"
)

// sumSize is how much of the SHA-256 of a page's file is kept: enough to
// name its group's files by their content.
const sumSize = 16

// Page is what the index keeps of a page, for a later build that reuses
// it: AddPage adds it again at the cost of a look-up per term, without
// reading its text or making its file, which that build has in place. A
// build cache keeps it beside the page (its fields are plain strings, for
// internal/cache and encoding/json alike); it is only read by AddPage.
type Page struct {
	// Sum is the SHA-256 of the page's file (first 16 bytes, hex).
	Sum string
	// Terms are its terms with their weighted counts, "term count term
	// count …", in the order in which they first occur on the page.
	Terms string
}

// AddPage adds again, at position order, the page at path that AddDoc
// gave p for in an earlier build, when the page is as it was then: the
// index files are the same as with AddDoc, but for the page's own file,
// which is left out (Each): the caller has it in place, with the files of
// the page's whole group. A p that is not as AddDoc made it (a damaged
// cache) gives an error, and nothing is added.
func (x *Index) AddPage(order int, path string, p Page) error {
	e := &entry{folder: x.folder(path)}
	if len(p.Sum) != 2*sumSize {
		return fmt.Errorf("%s: zoekgegevens zonder geldige hash", path)
	}
	if _, err := hex.Decode(e.sum[:], []byte(p.Sum)); err != nil {
		return fmt.Errorf("%s: zoekgegevens zonder geldige hash", path)
	}
	// Read and checked before the lock is taken: each term's place in
	// p.Terms (from << 32 | to) and its count.
	ts := p.Terms
	pairs := (strings.Count(ts, " ") + 1) / 2
	spans := make([]uint64, 0, pairs)
	counts := make([]uint32, 0, pairs)
	for i := 0; i < len(ts); {
		sp := strings.IndexByte(ts[i:], ' ')
		if sp <= 0 {
			return fmt.Errorf("%s: onvolledige zoekgegevens", path)
		}
		from, to := i, i+sp
		n, j := uint64(0), to+1
		for ; j < len(ts) && ts[j] != ' '; j++ {
			if c := ts[j]; c >= '0' && c <= '9' && n < 1<<28 {
				n = n*10 + uint64(c-'0')
			} else {
				n = 0
				break
			}
		}
		if n == 0 {
			return fmt.Errorf("%s: zoekgegevens met een ongeldig aantal", path)
		}
		spans = append(spans, uint64(from)<<32|uint64(to))
		counts = append(counts, uint32(n))
		i = j + 1
	}
	x.mu.Lock()
	defer x.mu.Unlock()
	for i, sp := range spans {
		id := x.id(ts[sp>>32 : sp&(1<<32-1)])
		n := uint64(counts[i])
		spans[i] = uint64(id)<<32 | n
		e.length += n
	}
	e.terms, e.n = packTerms(spans), int32(len(spans))
	x.docs[order] = e
	return nil
}

// folder is the folder of the page at path's group.
func (x *Index) folder(path string) string {
	if x.Folder == nil {
		return ""
	}
	return x.Folder(path)
}

// group is the pages of one folder, in order, and the hash of their files.
type group struct {
	folder string
	hash   string
	orders []int
}

// dir is where the group's page files lie.
func (g *group) dir() string { return g.folder + Dir + g.hash + "/" }

// groups are the pages' groups in the order of their first pages, and
// the pages in the order they are numbered: group by group, each group's
// in their order (the order of a site, whose folders are not
// interleaved).
func (x *Index) groups() ([]*group, []int) {
	orders := make([]int, 0, len(x.docs))
	for o := range x.docs {
		orders = append(orders, o)
	}
	slices.Sort(orders)
	var groups []*group
	byFolder := map[string]*group{}
	for _, o := range orders {
		e := x.docs[o]
		g := byFolder[e.folder]
		if g == nil {
			g = &group{folder: e.folder}
			byFolder[e.folder] = g
			groups = append(groups, g)
		}
		g.orders = append(g.orders, o)
	}
	orders = orders[:0]
	for _, g := range groups {
		h := sha256.New()
		for _, o := range g.orders {
			h.Write(x.docs[o].sum[:])
		}
		g.hash = hex.EncodeToString(h.Sum(nil)[:5])
		orders = append(orders, g.orders...)
	}
	return groups, orders
}
