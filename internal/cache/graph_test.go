package cache

import (
	"reflect"
	"testing"
)

type node struct {
	Name     string
	N        int
	F        *float64
	Parent   *node
	Children []*node
	Tags     map[string]int
	Pair     [2]bool
	Shared   *leaf
}

type leaf struct{ V uint16 }

// TestGraph: a graph with cycles and shared pointers comes back the same,
// sharing included; a type with what cannot be written is refused.
func TestGraph(t *testing.T) {
	f := 2.5
	l := &leaf{7}
	root := &node{Name: "wortel", N: -3, F: &f, Tags: map[string]int{"a": 1}, Shared: l}
	for i := range 3 {
		root.Children = append(root.Children, &node{Name: string(rune('a' + i)), Parent: root, Shared: l, Pair: [2]bool{true, i == 1}})
	}
	b, err := Encode(root)
	if err != nil {
		t.Fatal(err)
	}
	var got node
	if err := Decode(b, &got); err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(&got, root) {
		t.Errorf("decoded %+v, want %+v", got, *root)
	}
	if got.Children[1].Parent != &got || got.Children[2].Shared != got.Shared {
		t.Error("shared pointers were not kept")
	}
	if err := Decode(b[:len(b)-1], &got); err == nil {
		t.Error("a cut stream was decoded")
	}
	type bad struct{ x int }
	if _, err := Encode(&bad{}); err == nil {
		t.Error("an unexported field was accepted")
	}
	type iface struct{ X any }
	if _, err := Encode(&iface{}); err == nil {
		t.Error("an interface was accepted")
	}
}
