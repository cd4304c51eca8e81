package server

import (
	"testing"
	"time"
)

// Failures are counted per key: one username blocked does not block another, and the
// window slides.
func TestLoginLimiter(t *testing.T) {
	now := time.Date(2026, 1, 5, 8, 0, 0, 0, time.UTC)
	l := newLoginLimiter(5, 5, 15*time.Minute, func() time.Time { return now })
	for i := 0; i < 4; i++ {
		l.fail("user:a")
		now = now.Add(time.Minute)
	}
	if l.blocked("user:a") {
		t.Fatal("blocked after 4 failures")
	}
	l.fail("user:a")
	if !l.blocked("user:a") || l.blocked("user:b") {
		t.Fatalf("after 5 failures: a=%v b=%v, want true false", l.blocked("user:a"), l.blocked("user:b"))
	}
	now = now.Add(11*time.Minute + time.Second) // the first failure leaves the window
	if l.blocked("user:a") {
		t.Error("still blocked after the oldest failure left the window")
	}
	l.reset("user:a")
	if len(l.fails) != 0 {
		t.Errorf("reset left %d keys", len(l.fails))
	}
}
