//go:build unix

package levels_test

import (
	"syscall"
	"testing"
	"time"
)

// processorTime is the processor time the process has used, all threads, user and system.
func processorTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// reportProcessor adds cpu-ns/op to a benchmark: processor time per operation, which a
// machine shared with other work inflates far less than wall time.
func reportProcessor(b *testing.B, start time.Duration) {
	if n := b.N; n > 0 {
		b.ReportMetric(float64(processorTime()-start)/float64(n), "cpu-ns/op")
	}
}
