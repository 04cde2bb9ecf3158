package spill

import (
	"bytes"
	"fmt"
	"testing"
)

// TestSpill: what is put comes back, from the file or from memory, before
// and after Load.
func TestSpill(t *testing.T) {
	t.Parallel()
	for _, block := range []int{0, 7} {
		s := &Spill{Block: block}
		var refs []Ref
		var want [][]byte
		for i := range 50 {
			b := []byte(fmt.Sprintf("page %d: %s", i, bytes.Repeat([]byte{'x'}, i)))
			refs = append(refs, s.Put(b))
			want = append(want, b)
		}
		check := func(when string) {
			for i, r := range refs {
				got, err := s.Get(r)
				if err != nil || !bytes.Equal(got, want[i]) {
					t.Errorf("block %d, %s: Get(%d) = %q, %v; want %q", block, when, i, got, err, want[i])
				}
			}
		}
		check("before Load")
		if err := s.Load(); err != nil {
			t.Fatal(err)
		}
		check("after Load")
		s.Close()
	}
}
