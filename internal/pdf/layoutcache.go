package pdf

import (
	"encoding/binary"
	"math"
	"sync"
)

// A PDF is laid out twice (the first pass learns the page numbers the
// second prints) and documents share much of their furniture, so layout
// keeps the lines of recent texts: a text, its style and its width always
// give the same lines. Two generations of at most layoutCacheSize texts
// each: when the newer is full it becomes the older and the oldest
// generation goes, which keeps the memory bounded (a few megabytes) and
// what one document needs between its passes, with another document
// rendered alongside. 1024, not 4096: in a build of 800 agreements the
// larger cache held 10-15 MB for the whole PDF phase, which every
// collection marked (6.9 GB marked instead of 7.8), while a build of 200
// allocated as much with either (2.03 GB with collection off: the texts
// a document needs again fit in 1024).
const layoutCacheSize = 1024

var layouts = recent[[]line]{size: layoutCacheSize}

// recent keeps values by key in two generations of at most size each: when
// the newer is full it becomes the older and the older goes; a value found
// in the older moves to the newer.
type recent[V any] struct {
	mu       sync.Mutex
	size     int
	cur, old map[string]V
}

func (c *recent[V]) get(key string) (V, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if v, ok := c.cur[key]; ok {
		return v, true
	}
	v, ok := c.old[key]
	if ok {
		c.add(key, v)
	}
	return v, ok
}

func (c *recent[V]) put(key string, v V) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.add(key, v)
}

func (c *recent[V]) add(key string, v V) {
	if len(c.cur) >= c.size || c.cur == nil {
		c.old, c.cur = c.cur, make(map[string]V, c.size)
	}
	c.cur[key] = v
}

// layoutKey is everything layout's result depends on: the spans, the
// style (its colour too, for simplicity) and the width.
func layoutKey(ss []span, st textStyle, width float64) string {
	n := 64
	for _, s := range ss {
		n += len(s.Text) + len(s.Link) + 10
	}
	b := make([]byte, 0, n)
	f := func(v float64) { b = binary.LittleEndian.AppendUint64(b, math.Float64bits(v)) }
	flag := func(v bool) {
		if v {
			b = append(b, 1)
		} else {
			b = append(b, 0)
		}
	}
	f(width)
	f(st.Size)
	f(st.Lead)
	b = append(b, byte(st.Color.Red), byte(st.Color.Red>>8), byte(st.Color.Green), byte(st.Color.Green>>8), byte(st.Color.Blue), byte(st.Color.Blue>>8))
	flag(st.Bold)
	flag(st.Ital)
	flag(st.Mono)
	flag(st.Whole)
	b = append(b, st.Align...)
	b = append(b, 0)
	for _, x := range st.Extra.list() {
		b = binary.LittleEndian.AppendUint32(b, uint32(x))
	}
	b = append(b, 0xFF)
	for _, s := range ss {
		flag(s.Bold)
		flag(s.Italic)
		flag(s.Strike)
		flag(s.Sup)
		flag(s.Code)
		b = binary.LittleEndian.AppendUint32(b, uint32(len(s.Text)))
		b = append(b, s.Text...)
		b = binary.LittleEndian.AppendUint32(b, uint32(len(s.Link)))
		b = append(b, s.Link...)
	}
	return string(b)
}
