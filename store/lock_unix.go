//go:build unix

package store

import (
	"errors"
	"fmt"
	"os"
	"strconv"
	"strings"
	"syscall"
)

// Lock takes the lock of the database at path: an exclusive OS lock (flock) on the file
// path+".lock", held until release is called or the process ends, however it ends. Two
// `capdo serve` on one SQLite file would each believe they are its only writer (one write
// connection, in-memory login limits): the second is refused with a *LockedError.
// The lock file stays; only the lock on it matters.
func Lock(path string) (release func(), err error) {
	name := path + ".lock"
	f, err := os.OpenFile(name, os.O_RDWR|os.O_CREATE, 0o600)
	if err != nil {
		return nil, fmt.Errorf("store: lock %s: %w", name, err)
	}
	if err := syscall.Flock(int(f.Fd()), syscall.LOCK_EX|syscall.LOCK_NB); err != nil {
		defer f.Close()
		if errors.Is(err, syscall.EWOULDBLOCK) {
			le := &LockedError{Path: path, LockFile: name}
			buf := make([]byte, 32)
			if n, _ := f.ReadAt(buf, 0); n > 0 {
				le.PID, _ = strconv.Atoi(strings.TrimSpace(string(buf[:n])))
			}
			return nil, le
		}
		return nil, fmt.Errorf("store: lock %s: %w", name, err)
	}
	// Who holds it, for the message the next one gets.
	if err := f.Truncate(0); err == nil {
		f.WriteAt([]byte(strconv.Itoa(os.Getpid())+"\n"), 0)
	}
	return func() {
		syscall.Flock(int(f.Fd()), syscall.LOCK_UN)
		f.Close()
	}, nil
}
