//go:build !unix

package levels_test

import (
	"testing"
	"time"
)

// processorTime is unknown here: the benchmarks report wall time only.
func processorTime() time.Duration { return 0 }

func reportProcessor(*testing.B, time.Duration) {}
