package search

import (
	"encoding/binary"
	"slices"
)

// packTerms packs a page's terms, each its number << 32 | its weighted
// count, as pairs of varints in the order of their numbers: the gap from
// the number before and the count. Held for every page to the end of the
// build, 8 bytes a term were 8 MB at 800 agreements; this is a third of
// that. The order of a page's terms changes nothing in the index: its
// postings are made page by page. ts is sorted in place.
func packTerms(ts []uint64) []byte {
	slices.Sort(ts)
	b := make([]byte, 0, 3*len(ts))
	prev := uint64(0)
	for _, t := range ts {
		b = binary.AppendUvarint(b, t>>32-prev)
		b = binary.AppendUvarint(b, t&(1<<32-1))
		prev = t >> 32
	}
	return slices.Clip(b)
}

// eachTerm calls f with the number and count of each term in b (packTerms).
func eachTerm(b []byte, f func(id int32, n uint64)) {
	id := uint64(0)
	for len(b) > 0 {
		gap, k := binary.Uvarint(b)
		n, j := binary.Uvarint(b[k:])
		b = b[k+j:]
		id += gap
		f(int32(id), n)
	}
}
