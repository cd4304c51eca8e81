package workdays

import (
	"testing"
	"time"
)

// go test ./workdays -bench AddWorkingDays -benchtime 2000x
func BenchmarkAddWorkingDays(b *testing.B) {
	c := Default()
	start := time.Date(2026, 12, 20, 10, 0, 0, 0, Location)
	c.AddWorkingDays(start, 25) // the years it touches are computed once, then cached
	b.ReportAllocs()
	for i := 0; b.Loop(); i++ {
		c.AddWorkingDays(start.AddDate(0, 0, i%60), 25)
	}
}

// The first query of a year computes it (lunar dates, holidays, compensatory days).
func BenchmarkComputeYear(b *testing.B) {
	c := Default()
	b.ReportAllocs()
	for i := 0; b.Loop(); i++ {
		c.mu.Lock()
		c.compute(2000 + i%100)
		c.mu.Unlock()
	}
}
