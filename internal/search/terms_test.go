package search

import (
	"slices"
	"testing"
)

func TestPackTerms(t *testing.T) {
	t.Parallel()
	for _, ts := range [][]uint64{
		nil,
		{7<<32 | 1},
		{3<<32 | 5, 1<<32 | 2, 70000<<32 | 1<<20, 2<<32 | 9}, // out of order, a large number and count
	} {
		want := slices.Sorted(slices.Values(ts))
		b := packTerms(slices.Clone(ts))
		var got []uint64
		eachTerm(b, func(id int32, n uint64) { got = append(got, uint64(id)<<32|n) })
		if !slices.Equal(got, want) {
			t.Errorf("packTerms(%x): read back %x, want %x", ts, got, want)
		}
		if len(ts) > 0 && len(b) >= 8*len(ts) {
			t.Errorf("packTerms(%x) = %d bytes, no smaller than %d", ts, len(b), 8*len(ts))
		}
	}
}
