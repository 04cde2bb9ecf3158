package markdown

import (
	"strconv"
	"testing"
)

// TestUniqueManyEqual hands out ids for many equal headings in order; it
// used to cost quadratic time (15,000 headings took half a minute).
func TestUniqueManyEqual(t *testing.T) {
	ids := NewIDs("x-3")
	ids.Put([]byte("x-5"))
	want := []string{"x", "x-2", "x-4", "x-6", "x-7"}
	for i, w := range want {
		if got := ids.Unique("x"); got != w {
			t.Fatalf("id %d = %q, want %q", i, got, w)
		}
	}
	for i := 8; i < 20000; i++ {
		if got := ids.Unique("x"); got != "x-"+strconv.Itoa(i) {
			t.Fatalf("got %q, want x-%d", got, i)
		}
	}
}
