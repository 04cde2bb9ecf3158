// Package parallel runs the steps of a loop on every core.
package parallel

import (
	"runtime"
	"sync"
)

// For calls f(i) for every i in [0, n), on as many goroutines as there are
// cores, and returns when all calls have. Each i is handed out once, so f
// may write to the i-th element of a slice without a lock; the order of
// the calls is not fixed.
func For(n int, f func(i int)) {
	next := make(chan int)
	var wg sync.WaitGroup
	for range min(n, runtime.GOMAXPROCS(0)) {
		wg.Go(func() {
			for i := range next {
				f(i)
			}
		})
	}
	for i := range n {
		next <- i
	}
	close(next)
	wg.Wait()
}
