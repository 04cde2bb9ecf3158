package cache

import "sync"

// Mem is a cache in memory, for a process that builds the same site again
// and again (the preview server). After each build Keep drops what that
// build did not use.
type Mem[T any] struct {
	mu sync.Mutex
	m  map[Key]T
}

// Get returns the value stored under k.
func (c *Mem[T]) Get(k Key) (T, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	v, ok := c.m[k]
	return v, ok
}

// Put stores v under k.
func (c *Mem[T]) Put(k Key, v T) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.m == nil {
		c.m = map[Key]T{}
	}
	c.m[k] = v
}

// Keep drops every value but those under the keys in keep.
func (c *Mem[T]) Keep(keep map[Key]bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	for k := range c.m {
		if !keep[k] {
			delete(c.m, k)
		}
	}
}
