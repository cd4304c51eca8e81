package main

import (
	"fmt"
	"io"
	"os"
	"strings"
	"time"

	"github.com/mattn/go-isatty"
)

// progressBar draws how far a long command has got on the line of a terminal, on
// standard error: never when standard error is not a terminal (a file, a pipe, a test),
// and not during the first moments, so that a small file shows nothing.
type progressBar struct {
	w     io.Writer
	now   func() time.Time
	start time.Time
	last  time.Time // when the bar was last drawn; zero before the first time
}

const (
	progressDelay = 300 * time.Millisecond // show nothing for work done sooner
	progressEvery = 100 * time.Millisecond // redraw at most this often
	progressWidth = 30                     // cells of the bar
)

// newProgressBar returns a bar drawing on w when w is a terminal, else nil (whose
// methods do nothing).
func newProgressBar(w io.Writer) *progressBar {
	f, ok := w.(*os.File)
	if !ok || !(isatty.IsTerminal(f.Fd()) || isatty.IsCygwinTerminal(f.Fd())) {
		return nil
	}
	return &progressBar{w: w, now: time.Now, start: time.Now()}
}

// update draws the bar for done out of total bytes, or a count of rows when the total
// is unknown (0).
func (b *progressBar) update(done, total int64) {
	if b == nil {
		return
	}
	t := b.now()
	if t.Sub(b.start) < progressDelay || (!b.last.IsZero() && t.Sub(b.last) < progressEvery) {
		return
	}
	b.last = t
	fmt.Fprint(b.w, "\r"+progressLine(done, total)+"\x1b[K")
}

// clear removes the bar from the terminal, if it was drawn.
func (b *progressBar) clear() {
	if b == nil || b.last.IsZero() {
		return
	}
	fmt.Fprint(b.w, "\r\x1b[K")
}

// progressLine is the text of the bar: "Đang xếp lại [██████░░░…]  42% (5,2/12,4 MB)".
func progressLine(done, total int64) string {
	if total <= 0 {
		return fmt.Sprintf("Đang xếp lại: %d hệ thống", done)
	}
	done = min(done, total)
	full := int(done * progressWidth / total)
	mb := func(n int64) string { return strings.Replace(fmt.Sprintf("%.1f", float64(n)/(1<<20)), ".", ",", 1) }
	return fmt.Sprintf("Đang xếp lại [%s%s] %3d%% (%s/%s MB)",
		strings.Repeat("█", full), strings.Repeat("░", progressWidth-full), done*100/total, mb(done), mb(total))
}
