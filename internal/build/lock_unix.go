//go:build unix

package build

import (
	"errors"
	"os"
	"path/filepath"
	"time"

	"golang.org/x/sys/unix"
)

// lockDest takes an exclusive flock on a file beside the destination,
// waiting up to wait for another build to finish. The kernel releases the
// lock when the process ends, also when it is killed.
func lockDest(parent, base string, wait time.Duration) (unlock func(), err error) {
	name := filepath.Join(parent, "."+base+".lock")
	f, err := os.OpenFile(name, os.O_CREATE|os.O_RDWR, 0o644)
	if err != nil {
		return nil, err
	}
	deadline := time.Now().Add(wait)
	for {
		err := unix.Flock(int(f.Fd()), unix.LOCK_EX|unix.LOCK_NB)
		if err == nil {
			return func() { f.Close() }, nil
		}
		if errors.Is(err, unix.EINTR) {
			continue
		}
		if !errors.Is(err, unix.EWOULDBLOCK) {
			f.Close()
			return nil, err
		}
		if !time.Now().Before(deadline) {
			f.Close()
			return nil, errBusy(parent, base)
		}
		time.Sleep(20 * time.Millisecond)
	}
}
