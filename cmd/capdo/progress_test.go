package main

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"golang.org/x/sys/unix"
)

// openPTY opens a pseudo-terminal and returns its terminal side.
func openPTY(t *testing.T) *os.File {
	t.Helper()
	fd, err := unix.Open("/dev/ptmx", unix.O_RDWR|unix.O_NOCTTY|unix.O_CLOEXEC, 0)
	if err != nil {
		t.Skipf("no pseudo-terminal here: %v", err)
	}
	ptm := os.NewFile(uintptr(fd), "/dev/ptmx")
	t.Cleanup(func() { ptm.Close() })
	if err := unix.IoctlSetPointerInt(fd, unix.TIOCSPTLCK, 0); err != nil {
		t.Skipf("no pseudo-terminal here: %v", err)
	}
	n, err := unix.IoctlGetUint32(fd, unix.TIOCGPTN)
	if err != nil {
		t.Skipf("no pseudo-terminal here: %v", err)
	}
	pts, err := os.OpenFile(fmt.Sprintf("/dev/pts/%d", n), os.O_RDWR|unix.O_NOCTTY, 0)
	if err != nil {
		t.Skipf("no pseudo-terminal here: %v", err)
	}
	t.Cleanup(func() { pts.Close() })
	return pts
}

// The bar is drawn on a terminal only: never into a file, a pipe or a buffer.
func TestProgressBarOnlyOnATerminal(t *testing.T) {
	f, err := os.Create(filepath.Join(t.TempDir(), "stderr.txt"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	r, w, err := os.Pipe()
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	defer w.Close()
	for name, out := range map[string]any{"buffer": &bytes.Buffer{}, "file": f, "pipe": w} {
		if b := newProgressBar(out.(interface{ Write([]byte) (int, error) })); b != nil {
			t.Errorf("%s: a progress bar, want none", name)
		}
	}
	if newProgressBar(openPTY(t)) == nil {
		t.Errorf("terminal: no progress bar")
	}
	var nilBar *progressBar
	nilBar.update(1, 2) // does nothing
	nilBar.clear()
}

// The bar shows nothing for quick work, then redraws at most every progressEvery, and
// is wiped at the end.
func TestProgressBarDraws(t *testing.T) {
	var out bytes.Buffer
	now := time.Unix(0, 0)
	b := &progressBar{w: &out, now: func() time.Time { return now }, start: now}
	b.update(10, 100)
	b.clear()
	if out.Len() != 0 {
		t.Fatalf("quick work drew %q", out.String())
	}
	now = now.Add(progressDelay)
	b.update(50<<20, 100<<20)
	now = now.Add(progressEvery / 2)
	b.update(60<<20, 100<<20) // too soon
	now = now.Add(progressEvery)
	b.update(100<<20, 100<<20)
	b.clear()
	want := "\rĐang xếp lại [" + strings.Repeat("█", 15) + strings.Repeat("░", 15) + "]  50% (50,0/100,0 MB)\x1b[K" +
		"\rĐang xếp lại [" + strings.Repeat("█", 30) + "] 100% (100,0/100,0 MB)\x1b[K" + "\r\x1b[K"
	if out.String() != want {
		t.Errorf("drew\n%q\nwant\n%q", out.String(), want)
	}
	if got := progressLine(1234, 0); got != "Đang xếp lại: 1234 hệ thống" {
		t.Errorf("without a size: %q", got)
	}
}
